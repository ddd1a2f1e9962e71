"""Create a new virtual environment for PyTorch (journaled: undo removes it again).

A folder is checked before anything starts (folder_problem), a base Python without the venv
machinery is named as such (venv_support_problem), and a creation that is cancelled or fails
removes what it made itself, never a folder that was there before. The journal is the one
record of environments the assistant made: created_environments() reads it, so `env list` and
the scan find them wherever they live.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from app import fsops, proc
from app.errors import StepError
from app.events import CancelToken, Reporter
from app.journal import UNDO, Entry, Journal
from app.steps.base import Step, register
from app.steps.folders import MARKER, mark_ours, remove_ours
from app.text import translate

STEP = "envs"
# Journal entries that made an environment (or a conda root whose python is one).
CREATED_ACTIONS = {("envs", "create_venv"), ("envs", "create_conda"), ("miniforge", "install")}


class EnvError(StepError):
    pass


def interpreter_of(folder: Path) -> Path:
    """A venv keeps python in Scripts\\ (Windows) or bin/; a conda env in its root (Windows)."""
    for candidate in (folder / "Scripts" / "python.exe", folder / "python.exe"):
        if candidate.exists():
            return candidate
    return folder / "bin" / "python"


# -- checks before anything starts ---------------------------------------------------------


def folder_problem(folder: str | os.PathLike[str]) -> str | None:
    """Why a new environment cannot be made in folder, in one precise sentence; None when it
    can. Tries for real (makes the missing folders and removes them again): only the file
    system knows that /proc refuses, or that a network share is read-only."""
    text = os.fspath(folder).strip()
    if not text:
        return translate("errors", "Choose a folder for the new environment.")
    path = Path(text).expanduser().absolute()
    if path.is_file() or (path.exists() and not path.is_dir()):
        return translate(
            "errors", "{folder} is a file, not a folder: choose another name for the environment."
        ).format(folder=path)
    if path.is_dir():
        try:
            if any(path.iterdir()):
                return translate(
                    "errors",
                    "{folder} already exists and is not empty: choose a new folder for the "
                    "environment.",
                ).format(folder=path)
        except OSError as exc:
            return _os_problem(path, exc)
        return _writable_problem(path)
    blocker = next((p for p in path.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        return translate(
            "errors", "{blocker} is a file, so no folder can be made inside it ({folder})."
        ).format(blocker=blocker, folder=path)
    top = first_missing(path)
    try:
        path.mkdir(parents=True)
    except OSError as exc:
        return _os_problem(path, exc)
    problem = _writable_problem(path)
    _remove_quietly(top or path)
    return problem


def _writable_problem(path: Path) -> str | None:
    error = fsops.write_probe_error(path)
    return _os_problem(path, error) if error else None


def _os_problem(path: Path, exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return translate(
            "errors",
            "You have no permission to create {folder}: choose a folder in your home folder, "
            "such as {home}.",
        ).format(folder=path, home=Path.home() / "pytorch-env")
    if exc.errno == errno.EROFS:
        return translate(
            "errors", "{folder} is on a read-only drive: choose a folder on another drive."
        ).format(folder=path)
    if exc.errno == errno.ENOSPC:
        return translate(
            "errors", "The drive of {folder} is full: free some space or choose another drive."
        ).format(folder=path)
    if exc.errno == errno.ENAMETOOLONG:
        return translate(
            "errors", "{folder} is a path too long for this system: choose a shorter one."
        ).format(folder=path)
    return translate("errors", "{folder} cannot be created here: {why}.").format(
        folder=path, why=exc.strerror or exc
    )


def venv_support_problem(base_python: str, cancel: CancelToken | None = None) -> str | None:
    """Why base_python cannot make a venv with pip in it (Debian's python3 without the
    python3-venv package has no ensurepip), or None. Asks the interpreter itself."""
    probe = (
        "import sys\n"
        "try:\n import venv\nexcept ImportError:\n print('NO-VENV'); sys.exit(3)\n"
        "try:\n import ensurepip\nexcept ImportError:\n print('NO-ENSUREPIP'); sys.exit(3)\n"
        "print('%d.%d' % sys.version_info[:2])\n"
    )
    try:
        result = proc.run([base_python, "-c", probe], timeout=30, cancel=cancel)
    except proc.ProcError as exc:
        return translate("errors", "{base_python} cannot be run: {why}").format(
            base_python=base_python, why=exc
        )
    lines = result.output.split()
    if result.ok:
        return None
    if "NO-VENV" in lines or "NO-ENSUREPIP" in lines:
        what = "venv" if "NO-VENV" in lines else "ensurepip"
        return translate(
            "errors",
            "{base_python} lacks its {module} module, which new environments need; on "
            "Debian/Ubuntu install the python3-venv package (sudo apt install python3-venv), "
            "or choose another Python.",
        ).format(base_python=base_python, module=what)
    return translate(
        "errors", "{base_python} does not answer as a Python should (exit {returncode})."
    ).format(base_python=base_python, returncode=result.returncode)


# -- making it -----------------------------------------------------------------------------


def first_missing(folder: Path) -> Path | None:
    """The topmost folder of folder's path that does not exist yet (what making it creates);
    None when folder itself exists."""
    if folder.exists():
        return None
    top = folder
    for parent in folder.parents:
        if parent.exists():
            break
        top = parent
    return top


@contextlib.contextmanager
def _made_or_removed(
    folder: Path, entry_of: Callable[[], Entry | None], journal: Journal, reporter: Reporter
) -> Iterator[None]:
    """Run the body; if it is cancelled or fails, remove what it made under folder: the
    folders it created, or only the contents of an empty folder that was there before."""
    top = first_missing(folder)
    try:
        yield
    except BaseException:
        discard_half_made(folder, top, reporter)
        entry = entry_of()
        if entry is not None and not folder.exists():
            with contextlib.suppress(StepError):
                journal.mark_undone(entry, reason="cancelled or failed; removed")
        raise


def discard_half_made(folder: Path, top: Path | None, reporter: Reporter) -> None:
    """top: the topmost folder this run created (None: folder was there, and empty)."""
    if top is not None:
        if top.exists():
            reporter.log(f"Removing the unfinished environment {top}…")
            _remove_quietly(top)
        return
    if folder.is_dir():
        reporter.log(f"Emptying the unfinished environment in {folder} (the folder was yours)…")
        for child in list(folder.iterdir()):
            _remove_quietly(child)


def _remove_quietly(path: Path) -> None:
    # A child just killed may still hold files open for a moment (Windows): try a few times.
    for attempt in range(5):
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.1 * (attempt + 1))


def create_venv(
    base_python: str,
    folder: str | Path,
    reporter: Reporter,
    cancel: CancelToken,
    journal: Journal | None = None,
) -> str:
    """`<base> -m venv <folder>`; returns the new interpreter. Refuses a non-empty folder or
    one that cannot be made; a cancel or failure removes what it made."""
    folder = Path(folder).expanduser().absolute()
    problem = folder_problem(folder) or venv_support_problem(base_python, cancel)
    if problem:
        raise EnvError(problem)
    journal = journal or Journal()
    made: list[Entry] = []
    with _made_or_removed(folder, lambda: made[0] if made else None, journal, reporter):
        made.append(journal.record(STEP, "create_venv", path=str(folder), base=base_python))
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
                    "{base_python} could not create a virtual environment (exit {returncode}); "
                    "the log has its output.",
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
    folder = Path(folder).expanduser().absolute()
    if Path(conda).suffix.lower() in (".bat", ".cmd"):
        raise EnvError(
            translate(
                "errors", "{conda} is a batch file; the assistant runs conda.exe only."
            ).format(conda=conda)
        )
    problem = folder_problem(folder)
    if problem:
        raise EnvError(problem)
    journal = journal or Journal()
    made: list[Entry] = []
    with _made_or_removed(folder, lambda: made[0] if made else None, journal, reporter):
        made.append(
            journal.record(
                STEP, "create_conda", path=str(folder), conda=conda, python=python_version
            )
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
                    "log has its output.",
                ).format(returncode=result.returncode)
            )
        mark_ours(folder)
    return str(python)


# -- the environments the assistant made ---------------------------------------------------


def created_environments(journal: Journal | None = None) -> list[Path]:
    """Folders of environments the assistant made and has not undone, that still exist with
    its mark, oldest first. The journal is the one record of them; an unreadable journal
    lists none (the scan goes on without them)."""
    try:
        entries = (journal or Journal()).entries()
    except StepError:
        return []
    undone = {e.undoes for e in entries if e.action == UNDO}
    found: dict[str, Path] = {}
    for entry in entries:
        if (entry.step, entry.action) not in CREATED_ACTIONS or entry.id in undone:
            continue
        folder = Path(str(entry.data.get("path") or ""))
        if folder.is_absolute() and (folder / MARKER).is_file():
            found.setdefault(os.path.normcase(str(folder)), folder)
    return list(found.values())


register(Step(STEP, undo, apply=create_venv))
