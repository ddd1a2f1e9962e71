"""Folders the assistant creates (environments, Miniforge, toolkits): one rule for all of them.

A folder is only made where nothing is (or an empty folder is), carries a marker once made,
and undo removes only a folder with that marker, so it can never delete something of the user's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app.events import Reporter
from app.journal import Entry, Journal

MARKER = ".pytorch-setup-created"


def require_new(folder: str | Path, what: str, error: type[Exception]) -> Path:
    """The absolute folder, if it does not exist or is empty; else `error` saying so."""
    folder = Path(folder).absolute()
    if folder.exists() and any(folder.iterdir()):
        raise error(f"{folder} already exists and is not empty: choose a new folder for {what}.")
    return folder


def mark_ours(folder: Path) -> None:
    (folder / MARKER).write_text("created by pytorch-setup\n", encoding="utf-8")


def remove_ours(
    entry: Entry,
    reporter: Reporter,
    journal: Journal | None,
    what: str,
    error: type[Exception],
    conda_root: bool = False,
) -> None:
    """Undo a folder the journal says we made. conda_root: it was empty before we ran an
    installer there, so a conda-meta is ours even if a failure came before the marker."""
    folder = Path(entry.data["path"])
    ours = (folder / MARKER).exists() or (conda_root and (folder / "conda-meta").is_dir())
    if ours:
        reporter.log(f"Removing {what} at {folder}…")
        shutil.rmtree(folder)
    elif folder.exists():
        raise error(f"{folder} has no {MARKER} mark: it is left alone; remove it yourself.")
    (journal or Journal()).mark_undone(entry)
