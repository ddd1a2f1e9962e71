"""Apply a saved plan on this PC, unattended: check that it fits, run its steps, verify, and
write what happened as a result file (schema pytorch-setup/result/1) for `results summarize`.

Order matters for a lab: everything that can refuse (the fit, an environment this user may not
write) runs before the first change, so a refused PC is left exactly as it was. Once steps run,
each is recorded with its outcome; a failed or cancelled step skips the ones after it, and the
journal entries the run made are listed as the result's changes (each one undo-able).
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app import __version__, fsops, proc
from app.compat.plan import Notice, Plan
from app.errors import EXIT_CANCELLED, EXIT_REFUSED, SetupError, UserError, one_line
from app.events import Cancelled, CancelToken, Reporter
from app.journal import Entry, Journal
from app.lab.fit import fit_problems
from app.profile import SystemProfile
from app.redact import redact
from app.steps.install import InstallRequest
from app.text import translate

SCHEMA = "pytorch-setup/result/1"
OUTCOMES = ("ok", "refused", "failed", "verify_failed", "cancelled")
EXIT_CODES = {"ok": 0, "failed": 1, "verify_failed": 1, "cancelled": EXIT_CANCELLED}
# Steps a plan may hold that apply does not run yet: the CUDA toolkit (nvcc), cuDNN and PATH
# are for building CUDA code, not for PyTorch, and each needs its own folder and mirror.
NOT_RUN = ("toolkit", "cudnn", "path")


@dataclass
class StepRecord:
    name: str  # venv | install | verify | toolkit | cudnn | path
    outcome: str  # ok | failed | skipped | cancelled
    seconds: float = 0.0
    message: str | None = None


@dataclass
class ApplyResult:
    plan: dict[str, Any]  # the plan as loaded
    started: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat())
    outcome: str = "ok"
    exit_code: int = 0
    reason: str | None = None
    scan: dict[str, Any] = field(default_factory=dict)
    fit: list[Notice] = field(default_factory=list)
    target: dict[str, Any] = field(
        default_factory=lambda: {"python": None, "venv": None, "created": False}
    )
    steps: list[StepRecord] = field(default_factory=list)
    verify: dict[str, Any] | None = None
    changes: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def end(self, outcome: str, reason: str | None = None, code: int | None = None) -> None:
        self.outcome = outcome
        self.reason = one_line(reason) if reason else None
        self.exit_code = EXIT_CODES.get(outcome, EXIT_REFUSED) if code is None else code

    def to_dict(self, name_pc: bool = False) -> dict[str, Any]:
        data = {
            "schema": SCHEMA,
            "assistant": __version__,
            "pc": socket.gethostname() if name_pc else "<redacted>",
            "started": self.started,
            "seconds": round(self.seconds, 3),
            "outcome": self.outcome,
            "exit_code": self.exit_code,
            "reason": self.reason,
            "scan": self.scan,
            "plan": self.plan,
            "fit": [{"code": n.code, "message": str(n.message)} for n in self.fit],
            "target": self.target,
            "steps": [
                {
                    "name": s.name,
                    "outcome": s.outcome,
                    "seconds": round(s.seconds, 3),
                    "message": s.message,
                }
                for s in self.steps
            ],
            "verify": self.verify,
            "changes": self.changes,
        }
        # The user name in paths is personal data too: out unless the PC may be named.
        return data if name_pc else _redacted(data)

    def to_json(self, name_pc: bool = False) -> str:
        return json.dumps(self.to_dict(name_pc), indent=2, ensure_ascii=False)


@dataclass
class Target:
    """Where the plan goes: an existing interpreter, or a new venv made from one."""

    python: str  # the interpreter to install into, or the base of the new venv
    venv: str | None = None


def scan_summary(profile: SystemProfile) -> dict[str, Any]:
    """The PC in one short object: what `results summarize` shows in a row."""
    gpus = []
    for gpu in profile.gpus:
        detail = gpu.compute_capability or gpu.arch
        gpus.append(f"{gpu.name} ({detail})" if detail else gpu.name)
    return {
        "os": f"{profile.os.family} {profile.os.version}".strip(),
        "arch": profile.arch,
        "python": profile.python.version or None,
        "gpus": gpus,
        "driver": profile.driver.version if profile.driver else None,
        "torch_before": profile.torch.version if profile.torch else None,
    }


def refusals(plan: Plan, profile: SystemProfile, target: Target) -> list[Notice]:
    """Why apply must not start on this PC (nothing changed yet); empty: go ahead."""
    problems = fit_problems(plan, profile)
    if problems:
        return problems
    folder = target.venv or site_packages(target.python)
    problem = writable_problem(folder, new=target.venv is not None) if folder else None
    if problem:
        return [
            Notice(
                "fit_not_writable",
                translate(
                    "lab",
                    "{problem} Run it elevated (as administrator), or give --venv DIR in a "
                    "folder this user may write.",
                ).format(problem=problem),
            )
        ]
    return []


def site_packages(python: str) -> str | None:
    """Where pip puts packages for this interpreter (its purelib); None when it cannot say."""
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    try:
        answer = proc.run([python, "-c", code], timeout=60, max_capture_lines=5)
    except proc.ProcError:
        return None
    lines = answer.output.strip().splitlines()
    return lines[-1].strip() if answer.ok and lines else None


def writable_problem(folder: str, new: bool = False) -> str | None:
    """Why this user cannot write `folder` (tried for real: only the file system knows a
    read-only share or an ACL), or None. new: a venv to be made there (checked, then removed)."""
    from app.steps.envs import folder_problem

    if new:
        return folder_problem(folder)
    path = Path(folder)
    while not path.is_dir() and path.parent != path:
        path = path.parent
    error = fsops.write_probe_error(path)
    if error is None:
        return None
    return translate("lab", "This user may not write {folder} ({why}).").format(
        folder=path, why=error.strerror or error
    )


class Applier:
    """Runs a plan's steps here, each recorded; the caller has checked refusals() first."""

    def __init__(
        self,
        plan: Plan,
        profile: SystemProfile,
        result: ApplyResult,
        request_for: Callable[[str], InstallRequest],
        reporter: Reporter,
        cancel: CancelToken,
        journal: Journal | None = None,
    ) -> None:
        self.plan, self.profile, self.result = plan, profile, result
        self.request_for = request_for
        self.reporter, self.cancel = reporter, cancel
        self.journal = journal or Journal()

    def run(self, target: Target) -> ApplyResult:
        result = self.result
        known = {entry.id for entry in self.journal.entries()}
        result.target = {"python": target.python, "venv": target.venv, "created": False}
        python = target.python
        names = ["venv"] if target.venv else []
        names += [s for s in self.plan.steps if s in NOT_RUN]
        names += ["install", "verify"]
        stopped: str | None = None
        for name in names:
            if stopped is not None:
                result.steps.append(StepRecord(name, "skipped", message=stopped))
                continue
            started = time.perf_counter()
            record = StepRecord(name, "ok")
            try:
                if name == "venv":
                    python = self.make_venv(python, target.venv or "")
                elif name in NOT_RUN:
                    record.outcome = "skipped"
                    record.message = _not_run(name, self.plan)
                elif name == "install":
                    self.install(python)
                else:
                    self.verify(python, record)
            except (Cancelled, KeyboardInterrupt):
                record.outcome = "cancelled"
                stopped = translate("lab", "cancelled before this step")
                result.end(
                    "cancelled", translate("lab", "cancelled during {step}").format(step=name)
                )
            except SetupError as error:
                record.outcome, record.message = "failed", error.message
                stopped = translate("lab", "not run: {step} failed").format(step=name)
                result.end("failed", f"{name}: {error.message}")
            record.seconds = time.perf_counter() - started
            result.steps.append(record)
        result.changes = changes_since(self.journal, known)
        return result

    def make_venv(self, base: str, folder: str) -> str:
        from app.steps.envs import create_venv

        python = create_venv(base, folder, self.reporter, self.cancel, self.journal)
        self.result.target.update(python=python, created=True)
        return python

    def install(self, python: str) -> None:
        from app.steps.install import install

        install(self.request_for(python), self.reporter, self.cancel, self.journal)

    def verify(self, python: str, record: StepRecord) -> None:
        from app.steps.verify import verify

        report = verify(
            python,
            profile=self.profile,
            reporter=self.reporter,
            cancel=self.cancel,
            cpu_chosen=self.plan.compute == "cpu",
            extra_env=self.plan.environment,
        )
        self.result.verify = report.to_dict()
        if not report.ok:
            record.outcome = "failed"
            first = report.findings[0].message if report.findings else ""
            record.message = one_line(first) or None
            self.result.end(
                "verify_failed",
                translate("lab", "PyTorch does not work after the install: {finding}").format(
                    finding=record.message or "?"
                ),
            )


def _not_run(step: str, plan: Plan) -> str:
    return translate(
        "lab",
        "apply does not install the CUDA toolkit, cuDNN or PATH yet (PyTorch does not need "
        "them): run `pytorch-setup toolkit --version {toolkit} --dest DIR` on this PC for nvcc.",
    ).format(toolkit=plan.toolkit or "?")


def changes_since(journal: Journal, known: set[str]) -> list[dict[str, str]]:
    """The journal entries made since `known`, still pending (undo-able), one line each."""
    entries = journal.entries()
    undone = {e.undoes for e in entries if e.undoes}
    return [
        {"step": e.step, "summary": change_summary(e)}
        for e in entries
        if e.id not in known and e.undoes is None and e.id not in undone
    ]


def change_summary(entry: Entry) -> str:
    data = entry.data
    if entry.step == "envs":
        return f"created the environment {data.get('path', '?')}"
    if entry.step == "install":
        packages = ", ".join(f"{n} {v}" for n, v in (data.get("packages") or {}).items())
        return f"installed {packages or 'packages'} into {data.get('python', '?')}"
    return f"{entry.action} {json.dumps(data, ensure_ascii=False)[:120]}"


def _redacted(value: Any) -> Any:
    """Every string in a result with the home folder, user and host name taken out (values
    only: keys are the schema's own words)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item) for item in value]
    return value


def has_console() -> bool:
    """Whether someone can answer a question: a windowed program (the packaged .exe started by
    a deployment tool) has no stdin at all, a script's stdin is not a terminal."""
    stdin = sys.stdin
    try:
        if stdin is None or not stdin.isatty():
            return False
        return _windows_console(stdin.fileno()) if sys.platform == "win32" else True
    except (AttributeError, ValueError, OSError):
        return False


def _windows_console(fd: int) -> bool:
    """Windows calls NUL a tty too (a character device): only a console has a console mode."""
    import ctypes
    import msvcrt

    mode = ctypes.c_uint32()
    handle = msvcrt.get_osfhandle(fd)  # type: ignore[attr-defined,unused-ignore]
    return bool(ctypes.windll.kernel32.GetConsoleMode(handle, ctypes.byref(mode)))  # type: ignore[attr-defined,unused-ignore]


def write_result(result: ApplyResult, path: str | os.PathLike[str], name_pc: bool) -> None:
    """The result file, whole or not at all (a temp file renamed over it)."""
    target = Path(path).expanduser()
    try:
        fsops.write_text_atomically(target, result.to_json(name_pc) + "\n", newline="\n")
    except OSError as exc:
        raise UserError(
            translate("lab", "cannot write the result to {path}: {why}").format(
                path=target, why=fsops.why_not_written(exc)
            )
        ) from None
