"""The resolver has the last word (issue 16): the plan is dry-run by the target's own pip, and
when pip refuses it the planner plans again without that release and says why.

The planner believes what a loopback "PyPI" tells it (tests/index_server.py: the recorded
pages plus torch 2.16.0 and torchvision 0.31.0, whose METADATA there pins torch==2.16.0). pip
sees another loopback index with tiny but real wheels (tests/wheels.py) where torchvision
0.31.0 in fact requires torch==2.16.1, which does not exist: an impossible pair the planner
cannot know about. torch 2.15.0 with torchvision 0.29.2 (torch>=2.14.0) resolves. The venv is
real (a folder with a space and Korean in its name) and pip runs isolated from this machine's
pip configuration.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.compat import sources
from app.compat.index import IndexClient
from app.compat.plan import Choices
from app.compat.resolve import Confirmation, confirm
from app.compat.settle import settle
from app.profile import SystemProfile
from app.steps.install import InstallRequest
from tests.index_server import (
    NEW_TORCH,
    NEW_VISION,
    pypi_with_new_release,
    pytorch_index,
)
from tests.index_server import serve_index as serve_model
from tests.loopback import closed_port_url
from tests.wheels import make_wheel, serve_index, simple_index_files

ROOT = Path(__file__).resolve().parents[2]
CONFLICT = f"torchvision {NEW_VISION} depends on torch==2.16.1"
HERE = ".".join(str(part) for part in sys.version_info[:3])  # the venvs' Python (made by ours)


def bin_python(folder: Path) -> str:
    return str(folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python"))


def pip_env() -> dict[str, str]:
    """This process's environment without any pip setting, and no pip config file (this
    machine's adds a torch constraint, find-links and another index)."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


@pytest.fixture(scope="module")
def pip_index(tmp_path_factory) -> Iterator[str]:
    """What pip sees: the truth about the pair."""
    folder = tmp_path_factory.mktemp("wheels") / "바퀴 wheels"
    wheels = [
        make_wheel(folder, "torch", NEW_TORCH),
        make_wheel(folder, "torchvision", NEW_VISION, requires_dist=["torch==2.16.1"]),
        make_wheel(folder, "torch", "2.15.0"),
        make_wheel(folder, "torchvision", "0.29.2", requires_dist=["torch>=2.14.0"]),
    ]
    with serve_index(simple_index_files(wheels)) as server:
        yield server.url + "/simple"


@pytest.fixture(scope="module")
def planner_indexes() -> Iterator[tuple[str, str]]:
    """What the planner reads: PyPI's pages (with the new release) and PyTorch's index."""
    with (
        serve_model(pypi_with_new_release()) as pypi,
        serve_model(pytorch_index(), formats=("html",)) as pytorch,
    ):
        yield pypi.url, pytorch.url


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("venvs") / "가상 환경 venv"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    return bin_python(folder)


@pytest.fixture
def index_facts(planner_indexes, tmp_path, monkeypatch) -> sources.Loaded:
    """This process plans from the loopback indexes (restored to the bundled facts after)."""
    pypi, pytorch = planner_indexes
    monkeypatch.setenv("PYTORCH_SETUP_OFFLINE", "0")
    monkeypatch.setenv("PYTORCH_SETUP_PYPI_SIMPLE", pypi)
    monkeypatch.setenv("PYTORCH_SETUP_PYTORCH_SIMPLE", pytorch)
    monkeypatch.setattr(sources, "_current", None)
    loaded = sources.read_indexes(client=IndexClient(tmp_path / "index cache"))
    assert loaded.provenance.source == "index" and loaded.provenance.problems == []
    sources.use(loaded)
    return loaded


def linux_profile(python: str) -> SystemProfile:
    """This venv as the target (a Linux x86_64 CPython 3.11 with no GPU, as the planner sees
    it; the tiny wheels install anywhere)."""
    return SystemProfile.from_dict(
        {
            "schema": "pytorch-setup/profile/1",
            "os": {"family": "linux", "version": "6.8.0", "wsl": False, "name": "Linux"},
            "arch": "x86_64",
            "python": {
                "version": HERE,
                "executable": python,
                "kind": "venv",
                "bits": 64,
            },
            "gpus": [],
            "driver": None,
            "toolkits": [],
            "cudnn": [],
            "torch": None,
            "disk_free_mib": 100000,
        }
    )


def pip_dry_run(request: InstallRequest) -> Confirmation:
    return confirm(request, env=pip_env(), timeout=120)


def codes(notices) -> list[str]:
    return [n.code for n in notices]


# -- settle() -----------------------------------------------------------------------------


def test_an_impossible_pair_is_refused_and_the_next_release_confirmed(venv, pip_index, index_facts):
    profile = linux_profile(venv)
    asked: list[tuple[str | None, dict[str, str]]] = []

    def request_for(plan) -> InstallRequest:
        asked.append((plan.torch, dict(plan.packages)))
        return InstallRequest(venv, plan, index_url=pip_index)

    plan = settle(profile, Choices(compute="cpu"), request_for, confirm=pip_dry_run)
    assert asked == [
        (NEW_TORCH, {"torch": NEW_TORCH, "torchvision": NEW_VISION}),
        ("2.15.0", {"torch": "2.15.0", "torchvision": "0.29.2"}),
    ]
    assert (plan.torch, plan.compute, plan.blocked) == ("2.15.0", "cpu", False)
    assert plan.confirmation is not None and plan.confirmation["status"] == "confirmed"
    assert plan.confirmation["installs"] == {"torch": "2.15.0", "torchvision": "0.29.2"}
    assert plan.confirmation["command"][0] == venv
    assert pip_index in plan.confirmation["command"]
    (refusal,) = [w for w in plan.warnings if w.code == "resolver_refused"]
    assert f"PyTorch {NEW_TORCH}" in refusal.message and CONFLICT in refusal.message
    assert "PyTorch 2.15.0 is planned instead" in refusal.message
    assert plan.knowledge["source"] == "index"
    # A dry run: nothing was installed.
    probe = subprocess.run([venv, "-c", "import torch"], capture_output=True, timeout=60)
    assert probe.returncode != 0


def test_a_chosen_release_pip_refuses_is_not_replaced(venv, pip_index, index_facts):
    profile = linux_profile(venv)
    plan = settle(
        profile,
        Choices(torch=NEW_TORCH, compute="cpu"),
        lambda p: InstallRequest(venv, p, index_url=pip_index),
        confirm=pip_dry_run,
    )
    # The user asked for 2.16.0: no other release is planned behind their back.
    assert plan.blocked and codes(plan.blockers) == ["resolver_refused"]
    assert CONFLICT in plan.blockers[0].message
    assert "resolver_refused" in codes(plan.warnings)
    assert not plan.commands


def test_an_unreachable_index_leaves_the_plan_unconfirmed(venv, index_facts):
    profile = linux_profile(venv)
    plan = settle(
        profile,
        Choices(compute="cpu"),
        lambda p: InstallRequest(venv, p, index_url=closed_port_url()),
        confirm=pip_dry_run,
    )
    assert (plan.torch, plan.compute) == (NEW_TORCH, "cpu")  # unchanged: nothing was refused
    assert plan.packages == {"torch": NEW_TORCH, "torchvision": NEW_VISION}
    assert plan.confirmation is not None
    assert plan.confirmation["status"] == "unconfirmed"
    assert plan.confirmation["detail"] == "no connection to the index"
    assert "resolver_refused" not in codes(plan.warnings)


# -- the CLI ------------------------------------------------------------------------------


def test_plan_confirm_json_carries_pips_answer(venv, pip_index, planner_indexes, tmp_path):
    """`scan --json --python VENV` gives the profile; a GPU is added to it, so that PyPI's own
    cu132 build is planned (no --index-url of PyTorch's in the command) and pip, pointed at the
    loopback index by PIP_INDEX_URL, is the one to refuse 2.16.0 and confirm 2.15.0."""
    env = pip_env()
    env.update(
        PYTORCH_SETUP_OFFLINE="0",
        PYTORCH_SETUP_PYPI_SIMPLE=planner_indexes[0],
        PYTORCH_SETUP_PYTORCH_SIMPLE=planner_indexes[1],
        PYTORCH_SETUP_HOME=str(tmp_path / "홈 home"),
        PIP_INDEX_URL=pip_index,
    )
    scan = cli(env, "scan", "--json", "--python", venv)
    assert scan.returncode == 0, scan.stderr
    profile = json.loads(scan.stdout)
    assert profile["python"]["executable"] == venv
    profile["os"]["family"], profile["arch"] = "linux", "x86_64"
    profile["gpus"] = [
        {
            "vendor": "nvidia",
            "name": "NVIDIA GeForce RTX 3060",
            "compute_capability": "8.6",
            "memory_mib": 12288,
            "index": 0,
        }
    ]
    profile["driver"] = {"version": "580.95.05", "cuda": "13.0"}
    path = tmp_path / "프로필 profile.json"
    path.write_text(json.dumps(profile), encoding="utf-8")

    result = cli(env, "plan", "--confirm", "--json", "--compute", "cu132", "--profile", str(path))
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert (plan["torch"], plan["compute"]) == ("2.15.0", "cu132")
    assert plan["packages"] == {"torch": "2.15.0", "torchvision": "0.29.2"}
    assert plan["commands"] == [
        ["python", "-m", "pip", "install", "torch==2.15.0", "torchvision==0.29.2"]
    ]
    assert plan["confirmation"]["status"] == "confirmed"
    assert plan["confirmation"]["installs"] == {"torch": "2.15.0", "torchvision": "0.29.2"}
    assert plan["confirmation"]["command"][0] == venv
    refusals = [w["message"] for w in plan["warnings"] if w["code"] == "resolver_refused"]
    assert len(refusals) == 1 and NEW_TORCH in refusals[0] and CONFLICT in refusals[0]
    assert plan["knowledge"]["source"] == "index"


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env=env,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )
