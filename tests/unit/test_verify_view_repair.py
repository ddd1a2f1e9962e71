"""Issue 18: torchvision 0.28.0 shown as "(unknown version)", and a fix that changed nothing.

Against a real venv, a real pip and the real probe (tests/vision_env.py): the probe reads the
installed version from metadata although the import fails; pip's plain `install ==0.28.0`
answers "Requirement already satisfied" (what the old fix did), and the fix verify offers now
replaces the broken copy from torch's own index, leaving torch alone, after which the check
finds nothing wrong.
"""

from __future__ import annotations

import subprocess

import pytest

from app.compat.knowledge import Knowledge, knowledge
from app.events import Reporter
from app.steps.verify import diagnose, run_fix, run_probe, vision_repair_command
from tests.loopback import serve_files
from tests.vision_env import (
    IMPORT_ERROR,
    VISION,
    broken_vision_env,
    cpu_index_files,
    installed_version,
    isolate_pip,
    pip_env,
)

pytestmark = pytest.mark.slow


class Lines(Reporter):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def log(self, message: str, level: int = 20) -> None:
        self.lines.append(message)


def vision_finding(python: str) -> dict:
    report = diagnose(run_probe(python, timeout=120), python=python, gpus_expected=[])
    return next((f for f in report.to_dict()["findings"] if f["code"] == "vision_mismatch"), {})


def test_the_repair_command_reinstalls_what_a_plain_install_leaves(tmp_path, monkeypatch):
    python = broken_vision_env(tmp_path / "토치 vision env")
    isolate_pip(monkeypatch)  # run_fix's pip inherits our environment

    # The probe says the installed version although `import torchvision` fails
    finding = vision_finding(python)
    assert finding["severity"] == "error"
    assert finding["message"].startswith(f"torchvision {VISION} does not work with this PyTorch")
    assert IMPORT_ERROR in finding["message"] and "unknown version" not in finding["message"]
    command = finding["fix"]["command"]
    assert command == vision_repair_command(python, VISION, "cpu")
    assert command[-2:] == ["--index-url", knowledge().index_url("cpu")]
    assert finding["fix"]["run"] is True

    with serve_files(cpu_index_files()) as index:
        cpu_index = f"{index.url}/whl/cpu"
        # what the old fix ran: pip is satisfied by the broken copy and changes nothing
        old = subprocess.run(
            [python, "-m", "pip", "install", f"torchvision=={VISION}", "--index-url", cpu_index],
            capture_output=True,
            text=True,
            timeout=300,
            env=pip_env(),
        )
        assert old.returncode == 0 and "Requirement already satisfied" in old.stdout
        assert installed_version(python) == VISION

        # the fix offered now, with PyTorch's CPU index served on loopback
        monkeypatch.setattr(
            Knowledge, "index_url", lambda self, variant: f"{index.url}/whl/{variant}"
        )
        reporter = Lines()
        outcome = run_fix(vision_repair_command(python, VISION, "cpu"), reporter=reporter)
    assert outcome["ok"] is True and outcome["returncode"] == 0, reporter.lines
    assert any("Successfully installed torchvision" in line for line in reporter.lines)
    assert installed_version(python) == f"{VISION}+cpu"
    assert not any("/torch/" in path for path in index.requests)  # --no-deps: torch untouched
    assert vision_finding(python) == {}  # the check that follows finds nothing wrong


def test_a_fix_that_cannot_start_is_a_failed_fix(tmp_path):
    outcome = run_fix([str(tmp_path / "no python here"), "-m", "pip"])
    assert outcome["ok"] is False and outcome["returncode"] is None
    assert "no python here" in outcome["last"]
