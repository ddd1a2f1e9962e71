"""`plan --mirror URL` reads PyPI's side from a mirror (a company's simple index): what the mirror
lists decides what is planned. `--check-index` says so when no index could be read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.profile import GPU, Driver, OSInfo, PythonEnv, SystemProfile
from tests.index_fixtures import recorded_page
from tests.index_server import IndexModel, serve_index
from tests.loopback import closed_port

ROOT = Path(__file__).resolve().parents[2]


def windows_profile(python="3.13.1") -> SystemProfile:
    return SystemProfile(
        os=OSInfo("windows", "10.0.22631"),
        arch="x86_64",
        python=PythonEnv(python, "python"),
        gpus=[GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6")],
        driver=Driver("537.13", "12.2"),
    )


def mirror_holding(torch_versions: tuple[str, ...]) -> IndexModel:
    """A mirror that copied only some torch releases (torchvision/torchaudio in full)."""
    torch = [
        f for f in recorded_page("torch")["files"] if f["filename"].split("-")[1] in torch_versions
    ]
    return IndexModel(
        projects={
            "torch": torch,
            "torchvision": recorded_page("torchvision")["files"],
            "torchaudio": recorded_page("torchaudio")["files"],
        }
    )


def plan(tmp_path: Path, *args: str, profile: SystemProfile | None = None):
    path = tmp_path / "profile.json"
    path.write_text((profile or windows_profile()).to_json(), encoding="utf-8")
    env = {**os.environ, "PYTORCH_SETUP_OFFLINE": "0", "PYTORCH_SETUP_HOME": str(tmp_path / "h")}
    # PyTorch's own index: nowhere (a closed port), so only the mirror answers.
    env["PYTORCH_SETUP_PYTORCH_SIMPLE"] = f"http://127.0.0.1:{closed_port()}/whl"
    result = subprocess.run(
        [sys.executable, "-m", "app", "plan", "--profile", str(path), "--json", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    return result, json.loads(result.stdout) if result.stdout.strip() else None


def test_the_mirror_decides_which_release_is_planned(tmp_path):
    with serve_index(mirror_holding(("2.12.1", "2.13.0"))) as mirror:
        result, data = plan(tmp_path, "--mirror", mirror.url)
    assert result.returncode == 0, result.stderr
    # 2.14.1 and 2.15.0 exist on PyPI, not on this mirror: the newest it has is planned.
    assert data["torch"] == "2.13.0"
    assert data["knowledge"]["source"] == "index"
    assert data["knowledge"]["pages"]["pypi/torch"] == "live"
    assert any(r.split("/")[-2] == "torch" for r, _ in mirror.requests)


def test_check_index_says_when_no_index_answered(tmp_path):
    dead = f"http://127.0.0.1:{closed_port()}/simple"
    result, data = plan(tmp_path, "--mirror", dead, "--check-index")
    assert result.returncode == 0, result.stderr
    assert data["knowledge"]["source"] == "bundled"
    notice = next(w for w in data["warnings"] if w["code"] == "index_not_checked")
    assert "could not be read" in notice["message"] and "no connection" in notice["message"]
    assert data["torch"]  # still planned, from the bundled data
