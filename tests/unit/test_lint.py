"""ruff's lint rules (including 'app/ never imports Qt') and its formatting hold for the whole
tree, so CI (which runs only pytest) keeps them too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ["app", "ui", "tests", "tools", "bench", "installer"]


def ruff() -> str:
    beside = Path(sys.executable).with_name("ruff.exe" if sys.platform == "win32" else "ruff")
    found = str(beside) if beside.exists() else shutil.which("ruff")
    if found is None:
        pytest.skip("ruff is not installed (it comes with the 'test' extra)")
    return found


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_ruff(command):
    done = subprocess.run(
        [ruff(), *command, *FOLDERS], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
