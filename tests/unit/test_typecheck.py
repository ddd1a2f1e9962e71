"""mypy holds for the engine and the wizard ([tool.mypy] in pyproject.toml: app and ui), so CI
(which runs only pytest) keeps it too: checked as Linux code and, since the Windows-only parts
sit behind `sys.platform == "win32"`, once more as Windows code."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_mypy(platform, tmp_path):
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it comes with the 'test' extra)")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--platform", platform, "--cache-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
