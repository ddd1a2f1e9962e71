"""Create a new virtual environment for PyTorch (journaled: undo removes it again)."""

from __future__ import annotations

from pathlib import Path

from app import proc
from app.errors import StepError
from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.steps.base import Step, register
from app.steps.folders import mark_ours, remove_ours, require_new
from app.text import translate

STEP = "envs"


class EnvError(StepError):
    pass


def interpreter_of(folder: Path) -> Path:
    """A venv keeps python in Scripts\\ (Windows) or bin/; a conda env in its root (Windows)."""
    for candidate in (folder / "Scripts" / "python.exe", folder / "python.exe"):
        if candidate.exists():
            return candidate
    return folder / "bin" / "python"


def create_venv(
    base_python: str,
    folder: str | Path,
    reporter: Reporter,
    cancel: CancelToken,
    journal: Journal | None = None,
) -> str:
    """`<base> -m venv <folder>`; returns the new interpreter. Refuses a non-empty folder."""
    folder = require_new(folder, "the environment", EnvError)
    (journal or Journal()).record(STEP, "create_venv", path=str(folder), base=base_python)
    reporter.log(f"Creating a virtual environment in {folder}…")
    try:
        result = proc.run(
            [base_python, "-m", "venv", str(folder)], cancel=cancel, on_line=reporter.log
        )
    except proc.ProcError as exc:
        raise EnvError(str(exc)) from None
    if not result.ok:
        raise EnvError(
            translate(
                "errors",
                "{base_python} could not create a virtual environment (exit "
                "{returncode}); on Debian/Ubuntu install the python3-venv package.",
            ).format(base_python=base_python, returncode=result.returncode)
        )
    mark_ours(folder)
    return str(interpreter_of(folder))


def undo(entry: Entry, reporter: Reporter, cancel: CancelToken, journal: Journal | None = None):
    remove_ours(
        entry, reporter, journal, "the environment", EnvError, entry.action == "create_conda"
    )


def create_conda_env(
    conda: str,
    python_version: str,
    folder: str | Path,
    reporter: Reporter,
    cancel: CancelToken,
    journal: Journal | None = None,
) -> str:
    """`conda create -p <folder> python=X.Y -y` through the conda executable (never a .bat:
    cmd.exe would re-parse the arguments); returns the new interpreter."""
    folder = require_new(folder, "the environment", EnvError)
    if Path(conda).suffix.lower() in (".bat", ".cmd"):
        raise EnvError(
            translate(
                "errors", "{conda} is a batch file; the assistant runs conda.exe only."
            ).format(conda=conda)
        )
    (journal or Journal()).record(
        STEP, "create_conda", path=str(folder), conda=conda, python=python_version
    )
    command = [conda, "create", "-y", "-p", str(folder), f"python={python_version}"]
    reporter.log("Creating a conda environment: " + proc.display(command))
    try:
        result = proc.run(command, cancel=cancel, on_line=reporter.log, max_capture_lines=40)
    except proc.ProcError as exc:
        raise EnvError(str(exc)) from None
    python = interpreter_of(folder)
    if not result.ok or not python.exists():
        raise EnvError(
            translate(
                "errors",
                "conda could not create the environment (exit {returncode}); the "
                "log has its output. Undo removes what it left in {folder}.",
            ).format(returncode=result.returncode, folder=folder)
        )
    mark_ours(folder)
    return str(python)


register(Step(STEP, undo, apply=create_venv))
