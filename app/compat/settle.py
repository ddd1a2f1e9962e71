"""The resolver has the last word: a plan is dry-run by the target's own pip before it is
installed; when pip cannot resolve it, the planner takes the next release and says why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from app.compat.plan import Choices, Notice, Plan
from app.compat.planner import make_plan
from app.text import translate

if TYPE_CHECKING:
    from app.compat.resolve import Confirmation
    from app.profile import SystemProfile
    from app.steps.install import InstallRequest

TRIES = 3  # pip's dry run takes seconds; three releases back is as far as it is worth going


def settle(
    profile: SystemProfile,
    choices: Choices,
    request_for: Callable[[Plan], InstallRequest],
    confirm: Callable[[InstallRequest], Confirmation] | None = None,
) -> Plan:
    """The newest plan pip confirms (or could not be asked about), with each refusal said."""
    if confirm is None:
        from app.compat.resolve import confirm as confirm_with_pip

        confirm = confirm_with_pip
    refused: list[tuple[str, str]] = list(choices.exclude)
    while True:
        plan = make_plan(profile, replace(choices, exclude=tuple(refused)))
        for version, detail in refused:
            plan.warnings.append(_refusal(version, detail, plan))
        if plan.blocked or plan.manager != "pip" or not plan.commands:
            return plan
        answer = confirm(request_for(plan))
        plan.confirmation = answer.to_dict()
        if answer.status != "refused" or plan.torch is None or len(refused) + 1 >= TRIES:
            if answer.status == "refused":
                plan.warnings.append(_refusal(plan.torch or "?", answer.detail, None))
            return plan
        refused.append((plan.torch, answer.detail))


def _refusal(version: str, detail: str, plan: Plan | None) -> Notice:
    # (the dry run is pip's, or uv's in an environment uv made)
    said = translate(
        "plan", "The installer's dry run cannot install PyTorch {version} here: {detail}"
    ).format(version=version, detail=detail.rstrip("."))
    if plan is not None and plan.torch and not plan.blocked:
        said = translate("plan", "{said}. PyTorch {next} is planned instead.").format(
            said=said, next=plan.torch
        )
    return Notice("resolver_refused", str(said))
