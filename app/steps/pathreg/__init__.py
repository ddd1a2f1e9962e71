"""PATH registration for a CUDA toolkit: the API the CLI and GUI call, and the pure transforms.

Windows: the user PATH in HKCU\\Environment (path_windows). Linux/macOS: one managed block in
the shell profiles (path_posix). The transforms (path_entries, re-exported here) are pure and
idempotent, so they are tested exhaustively; only the backends touch the machine, and each
journals before it writes.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.scan.toolkits import short_version, toolkit_version
from app.steps.base import Step, register
from app.steps.pathreg.common import (  # noqa: F401 - the public API lives here too
    NOTE,
    STEP,
    Backend,
    PathLine,
    PathRegError,
    Preview,
    chain_value,
    describe,
    lines,
    registrations,
)
from app.steps.pathreg.entries import (  # noqa: F401 - the public pure API lives here too
    MAX_LENGTH,
    SOFT_LENGTH,
    Finding,
    add_entries,
    contains,
    expand,
    join,
    major_minor,
    normalize,
    remove_entries,
    split,
    toolkit_entries,
    warnings,
)
from app.text import translate


def default_backend() -> Backend:
    """The user's registry environment on Windows, else the current HOME's shell profiles."""
    if os.name == "nt":
        from app.steps.pathreg.windows import WindowsBackend

        return WindowsBackend()
    from app.steps.pathreg.posix import PosixBackend

    return PosixBackend()


def _toolkit(toolkit: str | os.PathLike) -> tuple[Path, str | None]:
    path = Path(toolkit).absolute()
    if not any((path / "bin" / name).is_file() for name in ("nvcc", "nvcc.exe")):
        raise PathRegError(
            translate(
                "errors",
                "{path} has no bin/nvcc: choose the CUDA toolkit's folder (the one holding bin).",
            ).format(path=path)
        )
    if "\n" in str(path) or "\r" in str(path):
        raise PathRegError(
            translate(
                "errors", "{path} holds a line break; move the toolkit to a plainer folder."
            ).format(path=repr(path))
        )
    return path, short_version(toolkit_version(path, from_name=True))


def preview(toolkit: str | os.PathLike, backend: Backend | None = None) -> Preview:
    """What add() would change, read from the machine; changes nothing."""
    path, version = _toolkit(toolkit)
    return (backend or default_backend()).preview(path, version)


def add(
    toolkit: str | os.PathLike,
    reporter: Reporter,
    cancel: CancelToken,
    *,
    backend: Backend | None = None,
    journal: Journal | None = None,
) -> Entry | None:
    """Register the toolkit on PATH; None when it already is (nothing written)."""
    path, version = _toolkit(toolkit)
    return (backend or default_backend()).add(path, version, reporter, cancel, journal or Journal())


def remove(
    toolkit: str | os.PathLike,
    reporter: Reporter,
    cancel: CancelToken,
    *,
    backend: Backend | None = None,
    journal: Journal | None = None,
) -> int:
    """Take back what this assistant registered for the toolkit (and only that); returns how
    many registrations were undone."""
    backend = backend or default_backend()
    journal = journal or Journal()
    found = registrations(journal, backend.kind, toolkit)
    if not found:
        raise PathRegError(
            translate(
                "errors",
                "This assistant has registered nothing for {absolute} (its journal "
                "holds no such change); PATH entries it did not add are left alone.",
            ).format(absolute=Path(toolkit).absolute())
        )
    for entry in found:
        cancel.raise_if_set()
        backend.undo(entry, reporter, cancel, journal)
    return len(found)


def show(backend: Backend | None = None, journal: Journal | None = None) -> str:
    """Human text: what is registered and where."""
    return (backend or default_backend()).show(journal or Journal())


def undo(
    entry: Entry,
    reporter: Reporter,
    cancel: CancelToken,
    journal: Journal | None = None,
    *,
    backend: Backend | None = None,
) -> None:
    backend = backend or default_backend()
    if entry.data.get("backend") != backend.kind:
        where = "Windows registry" if entry.data.get("backend") == "windows" else "shell profiles"
        raise PathRegError(
            translate(
                "errors", "This change was made in the {where} of another system; undo it there."
            ).format(where=where)
        )
    backend.undo(entry, reporter, cancel, journal or Journal())


register(Step(STEP, undo, prepare=preview, apply=add))
