"""`plan --profile DIR`: one plan per saved profile (`scan --json` from each PC of a lab), all
with the same choices, as the lab table: PC, build, command, why.

Reads the *.json files directly in DIR, in natural name order, like `results summarize`; a file
that is not a readable profile is named and skipped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.compat.plan import Choices, Plan
from app.errors import SetupError, UserError, one_line
from app.lab.results import json_files
from app.lab.table import counts_line, render
from app.text import translate


@dataclass
class Replay:
    folder: Path
    plans: list[tuple[str, Plan]] = field(default_factory=list)  # (PC: the file's stem, plan)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)

    def require_plans(self) -> None:
        """UserError (exit 2) when no profile could be read; called after the skipped files
        were named."""
        if not self.plans:
            raise UserError(
                translate("lab", "no profile could be read in {folder}").format(folder=self.folder)
            )

    def to_list(self) -> list[dict[str, Any]]:
        return [{"pc": pc, "plan": plan.to_dict()} for pc, plan in self.plans]

    def counts_line(self) -> str:
        """How many PCs get each build, most first: "2.14.1 cu126: 3 · blocked: 1"."""
        counts = Counter(build_cell(plan) for _, plan in self.plans)
        parts = [f"{build}: {count}" for build, count in counts.most_common()]
        return counts_line(parts, len(self.skipped))


def headers() -> list[str]:
    return [
        translate("lab", "PC"),
        translate("lab", "build"),
        translate("lab", "command"),
        translate("lab", "why"),
    ]


def build_cell(plan: Plan) -> str:
    if plan.blocked:
        return translate("lab", "blocked")
    return f"{plan.torch} {plan.compute}"


def command_cell(plan: Plan) -> str:
    """The commands on one line ("a ; b" for conda's two steps); "-" when there are none."""
    from app.proc import display

    return " ; ".join(display(command) for command in plan.commands) or "-"


# Warnings about the assistant's knowledge or the extras, not about why this PC gets its build.
BACKGROUND_WARNINGS = frozenset(
    {
        "build_unconfirmed",
        "companion_missing",
        "index_limits_torch",
        "index_not_checked",
        "not_confirmed",
        "toolkit_not_applicable",
        "torchaudio_ended",
        "unknown_package",
    }
)


def why_cell(plan: Plan) -> str:
    """What decided this PC's row: its first blocker; else its first warning about the PC (an
    old driver, a GPU the build cannot use: what a teacher must act on); else the first reason."""
    if plan.blocked:
        return plan.blockers[0].message
    for warning in plan.warnings:
        if warning.code not in BACKGROUND_WARNINGS:
            return warning.message
    return plan.reasons[0] if plan.reasons else "-"


def replay(folder: str | Path, choices: Choices) -> Replay:
    """A plan for every profile in `folder`, the files that are not profiles as skipped;
    UserError (exit 2) when `folder` is not a folder or holds no .json file."""
    from app.compat import make_plan
    from app.profile import SystemProfile

    where = Path(folder).expanduser()
    out = Replay(where)
    for path in json_files(where):
        try:
            profile = SystemProfile.load(path)
        except SetupError as exc:  # ProfileError: the message names the field and why
            out.skipped.append((path.name, one_line(exc.message)))
            continue
        out.plans.append((path.stem, make_plan(profile, choices)))
    return out


def render_replay(result: Replay, fmt: str = "md") -> str:
    rows = [(pc, build_cell(plan), command_cell(plan), why_cell(plan)) for pc, plan in result.plans]
    table = render(rows, headers(), fmt)
    return table + f"\n{result.counts_line()}\n" if fmt == "md" else table
