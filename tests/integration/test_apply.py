"""Lab mode end to end, through the real CLI in subprocesses: `plan --output` saves a plan,
`apply` runs it on "another" PC (this one) or refuses it, and writes a result file."""

from __future__ import annotations

import json
import os
from pathlib import Path

from app.compat.plan import SCHEMA
from tests.integration.test_cli import run_cli

PROFILES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"


def home_env(tmp_path: Path) -> dict[str, str]:
    """The assistant's state (journal, logs) in a folder of this test's own."""
    return {**os.environ, "PYTORCH_SETUP_HOME": str(tmp_path / "state")}


def test_plan_output_saves_the_plan_it_prints(tmp_path):
    output = tmp_path / "실습실" / "plan.json"
    output.parent.mkdir()
    profile = str(PROFILES / "seed-windows-rtx3060.json")
    result = run_cli(
        "plan", "--profile", profile, "--torch", "2.4.1", "--json", "--output", str(output)
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)  # --json: stdout is the plan alone
    saved = json.loads(output.read_text(encoding="utf-8"))
    assert saved == printed and saved["schema"] == SCHEMA
    assert saved["made_for"]["gpus"][0]["name"] == "NVIDIA GeForce RTX 3060"
    text = run_cli("plan", "--profile", profile, "--torch", "2.4.1", "--output", str(output))
    assert f"Plan saved to {output}" in text.stdout


def test_plan_output_onto_a_folder_is_one_line_and_a_blocked_plan_is_not_saved(tmp_path):
    profile = str(PROFILES / "seed-windows-rtx3060.json")
    folder = run_cli("plan", "--profile", profile, "--output", str(tmp_path))
    assert folder.returncode == 2
    assert folder.stderr.strip().splitlines() == [
        f"pytorch-setup: error: plan: argument --output: {tmp_path} is a folder, not a file "
        "(see pytorch-setup plan --help)"
    ]
    output = tmp_path / "plan.json"
    blocked = run_cli(
        "plan", "--profile", profile, "--compute", "rocm6.1", "--json", "--output", str(output)
    )
    assert blocked.returncode != 0 and not output.exists()
    assert f"plan not saved to {output}: it is blocked" in blocked.stderr
