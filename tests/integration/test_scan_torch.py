"""torch already installed: read from a real venv holding the real torch 2.13.0 CPU wheel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.scan import ScanContext
from app.scan.pythons import ask_interpreter, interpreter_in

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def torch_venv(tmp_path_factory) -> Path:
    """A venv in a folder with spaces and Korean, with torch==2.13.0 (a local CPU wheel here)."""
    folder = tmp_path_factory.mktemp("torch") / "토치 env"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    subprocess.run(
        [
            str(interpreter_in(folder)),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "torch==2.13.0",
        ],
        check=True,
        timeout=900,
    )
    return folder


def test_torch_version_and_build_read_without_importing_it(torch_venv):
    env = ask_interpreter(str(interpreter_in(torch_venv)), ScanContext())
    assert env.torch is not None
    assert env.torch.version == "2.13.0+cpu"
    assert env.torch.cuda is None
    assert (
        Path(env.torch.path).parent.parent.name == "site-packages"
        or "site-packages" in env.torch.path
    )
    assert "torch" not in sys.modules  # our own process never loads torch


def test_scan_cli_targets_the_torch_venv(torch_venv):
    python = str(interpreter_in(torch_venv))
    result = subprocess.run(
        [sys.executable, "-m", "app", "scan", "--json", "--python", python],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    profile = json.loads(result.stdout)
    assert profile["python"]["executable"] == python
    assert profile["python"]["kind"] == "venv"
    assert profile["torch"]["version"] == "2.13.0+cpu" and profile["torch"]["cuda"] is None
