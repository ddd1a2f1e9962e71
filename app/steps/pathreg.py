"""PATH registration for a CUDA toolkit: the API the CLI and GUI call, and the pure transforms.

Windows: the user PATH in HKCU\\Environment (path_windows). Linux/macOS: one managed block in
the shell profiles (path_posix). The transforms (path_entries, re-exported here) are pure and
idempotent, so they are tested exhaustively; only the backends touch the machine, and each
journals before it writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Any, Protocol

from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.steps.path_entries import (  # noqa: F401 - the public pure API lives here too
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
    toolkit_version,
    warnings,
)
from app.text import translate

STEP = "pathreg"
NOTE = translate(
    "path", "Terminals and programs that are already open keep the old PATH: open a new terminal."
)


class PathRegError(Exception):
    pass


# ---- what the page shows ----------------------------------------------------------------------


@dataclass
class PathLine:
    text: str
    new: bool = False


@dataclass
class Preview:
    toolkit: str
    version: str | None
    backend: str  # "windows" (HKCU\Environment) | "posix" (shell profiles)
    where: list[str]  # the registry key, or each profile file with who reads it
    current: list[str]  # entries now (the user PATH value; on POSIX this process's PATH)
    proposed: list[PathLine]  # entries after the change, the added ones marked new
    variables: dict[str, str]  # set by the change
    variables_before: dict[str, str | None]  # their values now (None: not set)
    warnings: list[Finding]
    already_registered: bool
    before: list[str] = field(default_factory=list)  # searched first (Windows' system PATH)
    note: str = NOTE

    @property
    def added(self) -> list[str]:
        return [line.text for line in self.proposed if line.new]

    @property
    def blocked(self) -> Finding | None:
        return next((w for w in self.warnings if w.blocking), None)


def lines(current: str, proposed: str, sep: str) -> list[PathLine]:
    old = split(current, sep)
    new = split(proposed, sep)
    added = len(new) - len(old)  # add_entries only ever puts entries in front
    return [PathLine(text, i < added) for i, text in enumerate(new)]


# ---- the API --------------------------------------------------------------------------------


class Backend(Protocol):
    kind: str

    def preview(self, toolkit: Path, version: str | None) -> Preview: ...

    def add(
        self,
        toolkit: Path,
        version: str | None,
        reporter: Reporter,
        cancel: CancelToken,
        journal: Journal,
    ) -> Entry | None: ...

    def undo(
        self, entry: Entry, reporter: Reporter, cancel: CancelToken, journal: Journal
    ) -> None: ...

    def show(self, journal: Journal) -> str: ...


def default_backend() -> Backend:
    """The user's registry environment on Windows, else the current HOME's shell profiles."""
    if os.name == "nt":
        from app.steps.path_windows import WindowsBackend

        return WindowsBackend()
    from app.steps.path_posix import PosixBackend

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
    return path, toolkit_version(path)


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


def registrations(
    journal: Journal, kind: str, toolkit: str | os.PathLike | None = None
) -> list[Entry]:
    """Pending (not undone) registrations made through this backend kind, newest first."""

    def same(a: str) -> bool:
        b = str(Path(toolkit).absolute())
        if kind == "windows":  # stored as Windows writes it; case does not matter there
            return a.casefold() == str(PureWindowsPath(b)).casefold()
        return a == b

    return [
        e
        for e in journal.pending()
        if e.step == STEP
        and e.data.get("backend") == kind
        and (toolkit is None or same(e.data.get("toolkit", "")))
    ]


def describe(found: list[Entry]) -> str:
    names = [f"{e.data.get('toolkit')} (CUDA {e.data.get('version') or '?'})" for e in found]
    return "Registered by this assistant: " + (", ".join(names) if names else "nothing")


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


def chain_value(
    journal: Journal, record: dict[str, Any], find: Callable[[Entry], dict | None]
) -> dict[str, Any]:
    """The record whose 'before' state an undo should restore. A change that replaced what an
    earlier registration wrote points at it ("replaces"); if that one was undone meanwhile,
    restoring its value would bring back a removed toolkit, so go further back."""
    by_id = {e.id: e for e in journal.entries()}
    pending = {e.id for e in journal.pending()}
    seen = set()
    while record.get("replaces") and record["replaces"] not in pending:
        older = by_id.get(record["replaces"])
        if older is None or older.id in seen:
            break
        seen.add(older.id)
        earlier = find(older)
        if earlier is None:
            break
        record = earlier
    return record
