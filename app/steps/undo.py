"""Undo from the journal: each step's entries go back to the step that made them."""

from __future__ import annotations

from collections.abc import Callable

from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.text import translate


def undoers() -> dict[str, Callable]:
    """Step name → its undo function (imports every step: call on the GUI thread first)."""
    from app.steps import cudnn, envs, install, miniforge, pathreg, toolkit, toolkit_installer

    return {
        install.STEP: install.undo,
        envs.STEP: envs.undo,
        miniforge.STEP: miniforge.undo,
        toolkit.STEP: toolkit.undo,
        toolkit_installer.STEP: toolkit_installer.undo,
        cudnn.STEP: cudnn.undo,
        pathreg.STEP: pathreg.undo,
    }


class UndoError(Exception):
    pass


def undo_entries(
    entries: list[Entry], reporter: Reporter, cancel: CancelToken, journal: Journal
) -> int:
    """Undo these entries, newest first; returns how many were undone."""
    by_step = undoers()
    done = 0
    for entry in entries:
        cancel.raise_if_set()
        undo = by_step.get(entry.step)
        if undo is None:
            raise UndoError(
                translate("errors", "This version cannot undo {step} entries ({id}).").format(
                    step=repr(entry.step), id=entry.id
                )
            )
        undo(entry, reporter, cancel, journal)
        done += 1
    return done
