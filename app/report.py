"""One Markdown report to paste into a help request: the machine, the plan and why, the check of
PyTorch, the changes the assistant made and the end of the log; user, home and host redacted.
"""

from __future__ import annotations

import platform
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app import __version__
from app.journal import Journal
from app.paths import log_dir
from app.redact import redact

LOG_LINES = 40


def log_tail(lines: int = LOG_LINES, path: Path | None = None) -> list[str]:
    """The last lines of the log file (empty when there is none)."""
    from app.logs import flush_file_logging

    flush_file_logging()  # the newest lines may still be in the handler's buffer
    path = path or log_dir() / "pytorch-setup.log"
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            handle.seek(max(0, handle.tell() - 256 * 1024))  # a tail needs only the end
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    return text.splitlines()[-lines:]


def changes(journal: Journal) -> list[str]:
    """What the assistant changed and has not undone, newest first, one line each."""
    lines = []
    for entry in journal.pending():
        data = entry.data
        what = data.get("path") or data.get("toolkit") or data.get("python") or ""
        label = data.get("label") or data.get("version") or ""
        lines.append(
            f"{entry.time[:19].replace('T', ' ')}  {entry.step} {entry.action}"
            + (f" {label}" if label else "")
            + (f" — {what}" if what else "")
        )
    return lines


def build(
    *,
    profile: Any = None,
    plan: Any = None,
    verification: dict | None = None,
    journal: Journal | None = None,
    log_lines: Iterable[str] | None = None,
) -> str:
    """The report as Markdown; every part is optional (a report early in the wizard is short)."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# PyTorch Setup Assistant report",
        "",
        f"Assistant {__version__}, {now}, run by Python {platform.python_version()}.",
    ]
    if profile is not None:
        from app.scan.summary import render_text, summarize

        out += ["", "## This computer", "", "```", render_text(summarize(profile)), "```"]
        out += [
            "",
            "<details><summary>The scan as JSON</summary>",
            "",
            "```json",
            profile.to_json(),
            "```",
            "</details>",
        ]
    if plan is not None:
        from app.compat.render import render_plan

        out += ["", "## Plan", "", "```", render_plan(plan), "```"]
    if verification is not None:
        from app.steps.verify_view import markdown

        body = markdown(verification).replace("## PyTorch check", "## Check of PyTorch", 1)
        out += ["", body.rstrip()]
    done = changes(journal or Journal())
    out += ["", "## Changes made by the assistant", ""]
    out += [f"- {line}" for line in done] if done else ["None (or all undone)."]
    tail = list(log_lines) if log_lines is not None else log_tail()
    if tail:
        out += ["", f"## Log (last {len(tail)} lines)", "", "```", *tail, "```"]
    return redact("\n".join(out) + "\n")
