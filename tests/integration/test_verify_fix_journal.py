"""A fix that runs pip (the torchvision repair) is journaled as an install, so Undo lists it and
takes the packages back out; a fix that fails leaves nothing to undo; any other command is not
journaled. Real venv, real pip, a tiny real wheel, a journal in a temp folder."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.events import CancelToken, Reporter
from app.journal import Journal
from app.steps import install
from app.steps.verify import run_fix
from tests.vision_env import interpreter_in, isolate_pip
from tests.wheels import make_wheel


@pytest.fixture
def env(tmp_path, monkeypatch):
    isolate_pip(monkeypatch)
    folder = tmp_path / "고친 env"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    wheels = tmp_path / "wheels"
    make_wheel(wheels, "torchvision", "0.28.0")
    return str(interpreter_in(folder)), wheels


def pip_install(python: str, wheels, spec: str) -> list[str]:
    return [python, "-m", "pip", "install", "--no-index", "--find-links", str(wheels), spec]


def imports(python: str) -> bool:
    return subprocess.run([python, "-c", "import torchvision"], timeout=60).returncode == 0


def test_a_pip_fix_is_journaled_and_undo_takes_it_out(env, tmp_path):
    python, wheels = env
    journal = Journal(tmp_path / "journal.jsonl")
    outcome = run_fix(pip_install(python, wheels, "torchvision==0.28.0"), journal=journal)
    assert outcome["ok"] and imports(python)
    (entry,) = journal.pending()
    assert entry.step == install.STEP
    assert entry.data["packages"] == {"torchvision": "0.28.0"}
    assert entry.data["python"] == python
    install.undo(entry, Reporter(), CancelToken(), journal)
    assert not imports(python) and journal.pending() == []


def test_a_failed_pip_fix_leaves_nothing_to_undo(env, tmp_path):
    python, wheels = env
    journal = Journal(tmp_path / "journal.jsonl")
    outcome = run_fix(pip_install(python, wheels, "torchvision==9.9.9"), journal=journal)
    assert not outcome["ok"]
    assert journal.pending() == []  # recorded first, then marked undone: pip changed nothing
    assert [e.step for e in journal.entries()] == [install.STEP, install.STEP]


def test_other_commands_are_not_journaled(tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    assert run_fix([sys.executable, "-c", "print('hello')"], journal=journal)["ok"]
    assert journal.entries() == []
