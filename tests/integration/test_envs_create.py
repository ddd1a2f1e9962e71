"""Making environments for real: checks before starting, a cancel or failure mid-way removes
what was made (never a folder that was there before), and the journal lists what was made."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from app.events import Cancelled, CancelToken, Reporter
from app.journal import Journal
from app.steps.envs import (
    EnvError,
    create_venv,
    created_environments,
    folder_problem,
    undo,
    venv_support_problem,
)
from app.steps.folders import MARKER


class Lines(Reporter):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def log(self, message, level=None) -> None:  # type: ignore[override]
        self.lines.append(str(message))


def cancel_when(path: Path, token: CancelToken) -> threading.Thread:
    """Cancel as soon as venv has started writing path (the venv is then half-made)."""

    def watch() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not path.exists():
            time.sleep(0.005)
        token.cancel()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_cancelled_venv_is_removed_with_the_folders_it_made(tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    folder = tmp_path / "새 폴더 with space" / "torch env"
    token = CancelToken()
    watcher = cancel_when(folder / "pyvenv.cfg", token)
    reporter = Lines()
    with pytest.raises(Cancelled):
        create_venv(sys.executable, folder, reporter, token, journal=journal)
    watcher.join()
    # The parent it made for the venv goes too; the test's own folder stays.
    assert not (tmp_path / "새 폴더 with space").exists() and tmp_path.is_dir()
    assert any("Removing the unfinished environment" in line for line in reporter.lines)
    assert journal.pending() == []  # nothing left for undo, nothing listed as created
    assert created_environments(journal) == []


def test_cancel_in_an_empty_folder_of_the_users_keeps_that_folder(tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    folder = tmp_path / "mine"
    folder.mkdir()
    token = CancelToken()
    watcher = cancel_when(folder / "pyvenv.cfg", token)
    with pytest.raises(Cancelled):
        create_venv(sys.executable, folder, Lines(), token, journal=journal)
    watcher.join()
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_failing_venv_is_removed_and_says_why(tmp_path):
    """A base whose `-m venv` fails after making part of the folder (a stand-in script)."""
    if os.name == "nt":
        pytest.skip("the stand-in is a shell script")
    base = tmp_path / "python"
    base.write_text(
        '#!/bin/sh\nif [ "$1" = "-m" ]; then mkdir -p "$3/bin"; echo broken >&2; exit 1; fi\n'
        f'exec "{sys.executable}" "$@"\n',
        encoding="utf-8",
    )
    base.chmod(0o755)
    journal = Journal(tmp_path / "journal.jsonl")
    folder = tmp_path / "half"
    with pytest.raises(EnvError, match=r"could not create a virtual environment \(exit 1\)") as e:
        create_venv(str(base), folder, Lines(), CancelToken(), journal=journal)
    assert "python3-venv" not in str(e.value)
    assert not folder.exists()


def test_folder_problems_are_named_precisely(tmp_path):
    assert folder_problem("") == "Choose a folder for the new environment."
    proc_problem = folder_problem("/proc/x")
    assert proc_problem is not None and "/proc/x cannot be created here" in proc_problem
    assert "python3-venv" not in proc_problem
    a_file = tmp_path / "a file"
    a_file.write_text("x", encoding="utf-8")
    assert "is a file, not a folder" in (folder_problem(a_file) or "")
    assert "is a file, so no folder can be made inside it" in (
        folder_problem(a_file / "env" / "deeper") or ""
    )
    full = tmp_path / "full"
    (full / "x").mkdir(parents=True)
    assert "already exists and is not empty" in (folder_problem(full) or "")
    fine = tmp_path / "홍길동" / "new env"
    assert folder_problem(fine) is None
    assert not (tmp_path / "홍길동").exists()  # the trial leaves nothing behind
    (tmp_path / "empty").mkdir()
    assert folder_problem(tmp_path / "empty") is None and (tmp_path / "empty").is_dir()


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_permission_is_named(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    assert "no permission to create" in (folder_problem(locked / "env") or "")


def test_a_python_without_ensurepip_is_told_to_install_python3_venv(tmp_path):
    """Debian's python3 without python3-venv: ensurepip is missing (hidden here by a stub
    module first on the path that fails to import, as Debian's does)."""
    if os.name == "nt":
        pytest.skip("the stand-in is a shell script")
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    (stubs / "ensurepip.py").write_text("raise ImportError('no ensurepip')\n", encoding="utf-8")
    base = tmp_path / "python3"
    base.write_text(
        f'#!/bin/sh\nPYTHONPATH="{stubs}" exec "{sys.executable}" "$@"\n', encoding="utf-8"
    )
    base.chmod(0o755)
    problem = venv_support_problem(str(base))
    assert problem is not None and "python3-venv" in problem and "ensurepip" in problem
    assert venv_support_problem(sys.executable) is None
    folder = tmp_path / "never made"
    with pytest.raises(EnvError, match="python3-venv"):
        create_venv(str(base), folder, Lines(), CancelToken(), journal=Journal(tmp_path / "j"))
    assert not folder.exists()


def test_created_environments_come_from_the_journal(tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    folder = tmp_path / "프로젝트 envs" / "made here"
    python = create_venv(sys.executable, folder, Lines(), CancelToken(), journal=journal)
    assert Path(python).is_file() and (folder / MARKER).is_file()
    assert created_environments(journal) == [folder]
    # An entry whose folder lost its mark (the user replaced it) is not ours to list.
    journal.record("envs", "create_venv", path=str(tmp_path / "gone"), base=sys.executable)
    assert created_environments(journal) == [folder]
    undo(journal.pending()[1], Lines(), CancelToken(), journal)
    assert not folder.exists() and created_environments(journal) == []
