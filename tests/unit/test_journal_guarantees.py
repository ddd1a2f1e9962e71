"""The journal's promises: unusable lines are skipped and named, a journal that cannot be
written is one clear error, undecodable paths survive, temporary paths of a dead process are
cleaned (and nothing else), and two undo runs at once never undo one change twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.journal import UNDO, Entry, Journal, JournalError, encode_line
from app.steps.base import begin, clean_unfinished, registry
from tests.integration.test_cli import run_cli

ROOT = Path(__file__).resolve().parents[2]


def test_lines_of_the_wrong_shape_are_skipped_and_named(tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    good = journal.record("toolkit", "install", path="/x")
    with open(journal.path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({**good.__dict__, "id": "a", "data": "oops"}) + "\n")
        handle.write(json.dumps({**good.__dict__, "id": "b", "time": 1700000000}) + "\n")
        handle.write("[1, 2]\n{not json\n" + "[" * 100000 + "\n")
        handle.write(json.dumps({"step": "toolkit"}) + "\n")
    later = journal.record("cudnn", "install", path="/y")
    assert [e.id for e in journal.pending()] == [later.id, good.id]
    assert [number for number, _ in journal.skipped] == [2, 3, 4, 5, 6, 7]
    reasons = dict(journal.skipped)
    assert reasons[2] == "'data' is str" and reasons[3] == "'time' is int"
    assert reasons[6].startswith("not JSON") and reasons[7] == "no 'action'"


@pytest.mark.parametrize("shape", ["journal is a folder", "its folder is a file"])
def test_a_journal_that_cannot_be_written_is_one_clear_error(tmp_path, shape):
    if shape == "journal is a folder":
        path = tmp_path / "journal.jsonl"
        path.mkdir()
    else:
        (tmp_path / "state").write_text("a file where the state folder should be")
        path = tmp_path / "state" / "journal.jsonl"
    journal = Journal(path)
    with pytest.raises(JournalError, match="cannot be written .* nothing was changed"):
        journal.record("toolkit", "install", path="/x")
    if shape == "journal is a folder":
        with pytest.raises(JournalError, match="cannot be read"):
            journal.entries()


def test_a_path_this_locale_cannot_decode_survives_the_round_trip(tmp_path):
    """LC_ALL=C with UTF-8 mode off: os gives undecodable bytes as surrogate escapes."""
    odd = os.fsdecode(b"/tmp/caf\xe9 \xff") if os.name != "nt" else "C:\\caf\udce9"
    journal = Journal(tmp_path / "journal.jsonl")
    entry = journal.record("toolkit", "install", path=odd)
    assert encode_line(entry).decode("ascii")  # escaped, not an encoding error
    (read,) = journal.pending()
    assert read.data["path"] == odd
    if os.name != "nt":
        assert os.fsencode(read.data["path"]) == b"/tmp/caf\xe9 \xff"


def test_the_temporary_paths_of_a_dead_process_are_cleaned_and_nothing_else(tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    staging = tmp_path / ".pytorch-setup.staging-1234abcd"
    (staging / "bin").mkdir(parents=True)
    temp = tmp_path / ".bashrc.pytorch-setup-1234abcd.tmp"
    temp.write_text("half a profile")
    users = tmp_path / "Documents"
    users.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    entry = begin(journal, "toolkit", "install", temps=[staging, temp, users], path="/x")
    # The entry as a process that has died since would have written it.
    lines = journal.path.read_text(encoding="utf-8").splitlines()
    raw = json.loads(lines[-1])
    raw["data"]["pid"] = int(dead.stdout)
    journal.path.write_text(json.dumps(raw) + "\n", encoding="utf-8")
    assert clean_unfinished(journal) == [staging, temp]
    assert not staging.exists() and not temp.exists()
    assert users.is_dir()  # named in the entry, but not one of our temporary names: kept
    # This very process is alive: its own temps are in use and stay.
    mine = tmp_path / ".pytorch-setup.staging-5678"
    mine.mkdir()
    begin(journal, "toolkit", "install", temps=[mine], path="/y")
    assert clean_unfinished(journal) == [] and mine.is_dir()
    assert entry.data["temps"][0] == str(staging)


def test_every_step_is_in_the_registry():
    steps = registry()
    assert set(steps) == {
        "install", "envs", "miniforge", "toolkit", "toolkit_installer", "cudnn", "pathreg"
    }  # fmt: skip
    assert all(callable(s.undo) and callable(s.apply) for s in steps.values())


@pytest.mark.skipif(os.name == "nt", reason="the profile block is POSIX (shell profiles)")
def test_two_undo_runs_at_once_undo_each_change_once(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("# mine\n")
    env = dict(
        os.environ, PYTORCH_SETUP_HOME=str(tmp_path / "state"), HOME=str(home), SHELL="/bin/bash"
    )
    for number in range(4):
        toolkit = tmp_path / f"cuda-12.{number}"
        (toolkit / "bin").mkdir(parents=True)
        (toolkit / "bin" / "nvcc").write_text("#!/bin/sh\n")
        added = run_cli("path", "add", "--toolkit", str(toolkit), "--yes", env=env)
        assert added.returncode == 0, added.stderr
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "undo", "--all", "--yes"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    entries = Journal(tmp_path / "state" / "journal.jsonl").entries()
    undone = [e.undoes for e in entries if e.action == UNDO]
    assert sorted(undone) == sorted(e.id for e in entries if e.action != UNDO)  # each once
    assert (home / ".bashrc").read_text() == "# mine\n"


def test_an_entry_keeps_only_known_fields():
    line = json.dumps({**Entry("x", "y").__dict__, "added_later": 1})
    journal_entry = __import__("app.journal", fromlist=["parse_line"]).parse_line(line)
    assert journal_entry.step == "x" and not hasattr(journal_entry, "added_later")
