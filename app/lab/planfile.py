"""A plan file (schema pytorch-setup/plan/1): written by `plan --output` and the wizard's
"Save plan…", read by `apply` on each PC of a lab.

Written atomically (a temp file beside it, then a rename), so a plan file is whole or absent;
read strictly, so a wrong file is refused with one line before anything on the PC changes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from app import fsops
from app.compat.plan import SCHEMA, Plan, PlanShapeError
from app.errors import UserError
from app.text import translate


class PlanFileError(UserError):
    """A plan file that cannot be written or used: exit 2, one line saying why."""


def save_plan(plan: Plan, path: str | os.PathLike[str]) -> Path:
    """Write the plan as UTF-8 JSON (Korean stays readable); returns the path written."""
    target = Path(path).expanduser()
    text = plan.to_json() + "\n"
    if target.is_dir():
        raise PlanFileError(
            translate("errors", "{path} is a folder: give a file name for the plan").format(
                path=target
            )
        )
    try:
        fsops.write_text_atomically(target, text, newline="\n")
    except OSError as exc:
        raise PlanFileError(
            translate("errors", "cannot write the plan to {path}: {why}").format(
                path=target, why=fsops.why_not_written(exc)
            )
        ) from None
    return target


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """The plan in `path`; PlanFileError (exit 2) when it is missing, not JSON, of another
    schema, blocked (no commands to run), or has a field of the wrong type."""
    where = Path(path).expanduser()
    try:
        text = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _bad(where, translate("errors", "no such file")) from None
    except IsADirectoryError:
        raise _bad(where, translate("errors", "it is a folder")) from None
    except OSError as exc:
        raise _bad(where, str(exc.strerror or exc)) from None
    except UnicodeDecodeError:
        raise _bad(where, translate("errors", "it is not UTF-8 text")) from None
    except ValueError as exc:  # a NUL character in the name
        raise _bad(where, str(exc)) from None
    try:
        data = json.loads(text)
    except (RecursionError, ValueError) as exc:  # JSONDecodeError is a ValueError
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
        raise _bad(
            where, translate("errors", "not JSON ({detail})").format(detail=detail)
        ) from None
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema != SCHEMA:
        raise _bad(
            where,
            translate(
                "errors", "its schema is {found}, not {wanted} (save one with plan --output)"
            ).format(found=json.dumps(schema, ensure_ascii=False), wanted=SCHEMA),
        )
    try:
        plan = Plan.from_dict(data)
    except PlanShapeError as exc:
        raise _bad(where, str(exc)) from None
    if plan.blocked or not plan.commands:
        why = plan.blockers[0].message if plan.blockers else translate("errors", "no commands")
        raise _bad(
            where,
            translate("errors", "the plan is blocked, there is nothing to run: {why}").format(
                why=why
            ),
        )
    return plan


def _bad(path: Path, why: str) -> PlanFileError:
    return PlanFileError(
        translate("errors", "cannot use the plan {path}: {why}").format(path=path, why=why)
    )
