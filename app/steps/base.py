"""The one shape of a machine-changing step, and the guarantees every step gets from it.

A step is `Step(name, undo, prepare=…, apply=…)`, registered by name: `prepare(...)` is pure
(what will change, checks, space, rights), `apply(...)` changes the machine with a Reporter and
a CancelToken, `undo(entry, reporter, cancel, journal)` takes one journal entry back. Undo finds
a step through the registry, never through a hand-kept table.

The guarantees: `begin()` writes the journal entry *before* the first change, naming every
temporary or staging path the step will create and the process that creates them; if that
process dies (kill -9, power loss) the paths stay named, and `clean_unfinished()` (run by undo
and at start) removes them once their process is gone. Journal writes and undo hold the
journal's inter-process lock (app/journal.py).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from app.events import CancelToken, Reporter
from app.journal import Entry, Journal

UndoFn = Callable[[Entry, Reporter, CancelToken, "Journal | None"], Any]

# Every module that defines a step (imported by registry(), so undo knows them all).
STEP_MODULES = (
    "app.steps.install",
    "app.steps.envs",
    "app.steps.envs.miniforge",
    "app.steps.toolkit",
    "app.steps.toolkit.installer",
    "app.steps.cudnn",
    "app.steps.pathreg",
)
# Temporary names the steps make (staging folders, temp files, installer scratch folders):
# clean_unfinished() removes only paths that look like these, whatever a journal line says.
TEMP_MARKS = (".staging-", ".pytorch-setup-", "cuda-installer-")


@dataclass(frozen=True)
class Step:
    name: str  # the journal's step name
    undo: UndoFn
    prepare: Callable[..., Any] | None = None  # pure: the preview of what will change
    apply: Callable[..., Any] | None = None  # changes the machine (Reporter, CancelToken)


_REGISTRY: dict[str, Step] = {}


def register(step: Step) -> Step:
    _REGISTRY[step.name] = step
    return step


def registry() -> dict[str, Step]:
    """Step name → Step, every step module imported (call on the GUI thread first)."""
    for module in STEP_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)


def _process_identity() -> dict[str, Any]:
    try:
        created = psutil.Process().create_time()
    except psutil.Error:
        created = None
    return {"pid": os.getpid(), "pid_started": created}


def begin(
    journal: Journal, step: str, action: str, *, temps: Iterable[str | os.PathLike] = (), **data
) -> Entry:
    """The entry for a change about to be made, written before it: with every temporary path
    the change will create (removed by clean_unfinished() if this process dies first)."""
    named = [os.fspath(p) for p in temps]
    return journal.record(step, action, temps=named, **_process_identity(), **data)


def _alive(entry: Entry) -> bool:
    """Whether the process that wrote the entry still runs (so its temps are in use)."""
    pid, started = entry.data.get("pid"), entry.data.get("pid_started")
    if not isinstance(pid, int):
        return False
    try:
        process = psutil.Process(pid)
        return started is None or abs(process.create_time() - float(started)) < 1.0
    except (psutil.Error, ValueError, TypeError):
        return False


def ours(path: Path) -> bool:
    return any(mark in path.name for mark in TEMP_MARKS)


def clean_unfinished(journal: Journal, reporter: Reporter | None = None) -> list[Path]:
    """Remove the temporary paths of entries whose process is gone; returns what went."""
    removed = []
    for entry in journal.pending():
        temps = entry.data.get("temps")
        if not isinstance(temps, list) or not temps or _alive(entry):
            continue
        for name in temps:
            path = Path(str(name))
            if not ours(path) or not (path.exists() or path.is_symlink()):
                continue
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed.append(path)
                if reporter is not None:
                    reporter.log(f"Removed {path}, left by an interrupted {entry.step} step.")
    return removed
