"""What the PATH step and its two backends share, with no import of either backend: the
step's name, its error, the preview the page shows, the backend interface, the journal look-ups
(which registrations are pending, which earlier value an undo restores), and the pure transforms
of path_entries. pathreg (the API) imports the backends; the backends import only this.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Any, Protocol

from app.errors import StepError
from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.steps.pathreg.entries import (  # noqa: F401 - the pure API, for the backends
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

STEP = "pathreg"
NOTE = translate(
    "path", "Terminals and programs that are already open keep the old PATH: open a new terminal."
)


class PathRegError(StepError):
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


def registrations(
    journal: Journal, kind: str, toolkit: str | os.PathLike | None = None
) -> list[Entry]:
    """Pending (not undone) registrations made through this backend kind, newest first."""

    wanted = None if toolkit is None else str(Path(toolkit).absolute())

    def same(a: str, b: str) -> bool:
        if kind == "windows":  # stored as Windows writes it; case does not matter there
            return a.casefold() == str(PureWindowsPath(b)).casefold()
        return a == b

    return [
        e
        for e in journal.pending()
        if e.step == STEP
        and e.data.get("backend") == kind
        and (wanted is None or same(e.data.get("toolkit", ""), wanted))
    ]


def describe(found: list[Entry]) -> str:
    names = [f"{e.data.get('toolkit')} (CUDA {e.data.get('version') or '?'})" for e in found]
    return "Registered by this assistant: " + (", ".join(names) if names else "nothing")


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
