"""Undo from the journal: each step's entries go back to the step that made them."""

from __future__ import annotations

import os
from collections.abc import Callable

from app.errors import StepError
from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.steps.base import clean_unfinished, registry
from app.text import translate


def undoers() -> dict[str, Callable]:
    """Step name → its undo function, from the step registry (app/steps/base.py)."""
    return {name: step.undo for name, step in registry().items()}


ON_WINDOWS = os.name == "nt"


class UndoError(StepError):
    pass


def undo_entries(
    entries: list[Entry], reporter: Reporter, cancel: CancelToken, journal: Journal
) -> int:
    """Undo these entries, newest first; returns how many were undone.

    Each entry is undone under the journal's lock, after checking it is still pending: two
    undo runs at once never undo the same change twice (the second one skips it). Temporary
    paths left by steps whose process died are removed first."""
    by_step = undoers()
    clean_unfinished(journal, reporter)
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
        if needs_elevation(entry):  # the elevated child takes the lock itself
            if journal.is_pending(entry):
                _undo_elevated(entry, reporter, cancel)
                done += 1
            continue
        with journal.locked():
            if not journal.is_pending(entry):
                reporter.log(f"{entry.step} {entry.id} was undone meanwhile: skipped.")
                continue
            undo(entry, reporter, cancel, journal)
        done += 1
    return done


def needs_elevation(entry: Entry) -> bool:
    """A change made as administrator (into Program Files) is undone as administrator too."""
    from app.elevate import is_admin

    return bool(entry.data.get("elevated")) and ON_WINDOWS and not is_admin()


def _undo_elevated(entry: Entry, reporter: Reporter, cancel: CancelToken) -> None:
    from app.elevate import ElevationError, run_elevated

    reporter.log(
        translate("errors", "Asking Windows for administrator rights to undo this change…")
    )
    try:
        result = run_elevated(["undo", "--id", entry.id, "--yes"], reporter, cancel)
    except ElevationError as error:
        raise UndoError(str(error)) from None
    result.raise_for(UndoError, translate("errors", "The undo"))
