"""`plan` reading the package indexes end to end (issue 16): the CLI as a real process, real
HTTP to loopback indexes, the index cache in a temp folder.

"PyPI" serves the recorded pages and metadata (tests/fixtures/index, as PyPI served them on
2026-12-01) plus a release that does not exist yet: torch 2.16.0 (cp311-cp315; its Linux
METADATA requires cuda-toolkit 13.2.2, so PyPI's Linux build is cu132) and torchvision 0.31.0
(torch==2.16.0; not for Python 3.14.1, like its predecessors). "PyTorch's index" (HTML only,
like download.pytorch.org) lists that release's cu132, cu130 and cpu builds for Linux and
Windows. No code change, no data file change: the assistant plans 2.16.0 because the index
lists it. Without PyTorch's index its CUDA builds are unknown: 2.16.0 is still planned for a
CPU, but a GPU gets the newest release whose kernels the data knows, with a note.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.compat import sources
from app.compat.index import IndexClient
from tests.index_server import (
    NEW_TORCH,
    NEW_VISION,
    IndexServer,
    pypi_with_new_release,
    pytorch_index,
    recorded_model,
    serve_index,
)
from tests.loopback import closed_port_url

ROOT = Path(__file__).resolve().parents[2]
# -- profiles ------------------------------------------------------------------------------


def profile(
    family: str = "linux",
    arch: str = "x86_64",
    python: str = "3.11.9",
    os_version: str = "6.8.0-49-generic",
    gpu: dict | None = None,
    driver: dict | None = None,
) -> dict:
    return {
        "schema": "pytorch-setup/profile/1",
        "os": {"family": family, "version": os_version, "wsl": False, "name": family},
        "arch": arch,
        "python": {"version": python, "executable": "", "kind": "venv", "bits": 64},
        "gpus": [gpu] if gpu else [],
        "driver": driver,
        "toolkits": [],
        "cudnn": [],
        "torch": None,
        "disk_free_mib": 100000,
    }


RTX_3060 = {
    "vendor": "nvidia",
    "name": "NVIDIA GeForce RTX 3060",
    "compute_capability": "8.6",
    "memory_mib": 12288,
    "index": 0,
}
PROFILES = {
    "cpu-linux-3.11": profile(),
    "gpu-windows-3.12": profile(
        family="windows",
        python="3.12.10",
        os_version="10.0.26100",
        gpu=RTX_3060,
        driver={"version": "581.57", "cuda": "13.0"},
    ),
    "linux-3.14.1": profile(python="3.14.1"),
    "macos-13.6": profile(family="macos", arch="arm64", python="3.12.8", os_version="13.6"),
}


@pytest.fixture
def profiles(tmp_path) -> dict[str, str]:
    folder = tmp_path / "프로필 profiles"
    folder.mkdir()
    paths = {}
    for name, data in PROFILES.items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths[name] = str(path)
    return paths


# -- indexes and the CLI -------------------------------------------------------------------


@pytest.fixture
def pypi() -> Iterator[IndexServer]:
    with serve_index(pypi_with_new_release()) as server:
        yield server


@pytest.fixture
def pytorch() -> Iterator[IndexServer]:
    with serve_index(pytorch_index(), formats=("html",)) as server:
        yield server


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "홈 home"  # the index cache lives under it


def plan_env(home: Path, pypi: str, pytorch: str, offline: str = "0") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTORCH_SETUP_")}
    env.update(
        PYTORCH_SETUP_OFFLINE=offline,
        PYTORCH_SETUP_PYPI_SIMPLE=pypi,
        PYTORCH_SETUP_PYTORCH_SIMPLE=pytorch,
        PYTORCH_SETUP_HOME=str(home),
    )
    return env


def run_plan(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", "plan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )


def plan_json(env: dict[str, str], profile_path: str, *args: str) -> dict:
    result = run_plan(env, "--json", "--profile", profile_path, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def timed_plan(env: dict[str, str], profile_path: str, *args: str) -> tuple[float, dict]:
    started = time.perf_counter()
    plan = plan_json(env, profile_path, *args)
    return time.perf_counter() - started, plan


def warnings(plan: dict) -> dict[str, str]:
    return {w["code"]: w["message"] for w in plan["warnings"]}


def today() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")


# -- online: the indexes decide --------------------------------------------------------------


def test_a_release_on_the_index_is_planned_without_a_code_change(pypi, pytorch, home, profiles):
    plan = plan_json(plan_env(home, pypi.url, pytorch.url), profiles["cpu-linux-3.11"])
    assert (plan["torch"], plan["compute"]) == (NEW_TORCH, "cpu")
    assert plan["packages"] == {"torch": NEW_TORCH, "torchvision": NEW_VISION}
    (command,) = plan["commands"]
    assert command[4:6] == [f"torch=={NEW_TORCH}", f"torchvision=={NEW_VISION}"]
    assert command[-2] == "--index-url" and command[-1].endswith("/cpu")
    knowledge = plan["knowledge"]
    assert knowledge["source"] == "index" and knowledge["date"] == today()
    assert set(knowledge["pages"].values()) == {"live"} and len(knowledge["pages"]) == 6
    assert knowledge["problems"] == []
    assert plan["facts"]["releases"] == plan["facts"]["variants"] == "index"
    assert plan["facts"]["companions"] == plan["facts"]["python_range"] == "index"
    assert plan["confirmation"] is None  # pip was not asked (no --confirm)
    # The command installs what the indexes hold: PyTorch's CPU build for CPython 3.11 on Linux,
    # and the torchvision release whose METADATA pins this torch.
    served = {f["filename"] for f in pytorch.model.projects["torch"]}
    assert f"torch-{NEW_TORCH}+cpu-cp311-cp311-manylinux_2_28_x86_64.whl" in served
    assert (
        f"torch=={NEW_TORCH}"
        in pypi.model.metadata[f"torchvision-{NEW_VISION}-py3-none-manylinux_2_28_x86_64.whl"]
    )
    asked = pypi.paths()
    # One METADATA file each (PEP 658): torchvision's torch pin, torch's CUDA runtime per arch.
    read = [p for p in asked if p.endswith(".whl.metadata")]
    assert sum(p.startswith(f"/files/torchvision-{NEW_VISION}-") for p in read) == 1
    assert sum(p.startswith(f"/files/torch-{NEW_TORCH}-") for p in read) == 2
    assert len(read) == 3  # nothing else: older releases are the snapshot's


def test_a_gpu_gets_the_newest_release_whose_kernels_are_known(pypi, pytorch, home, profiles):
    plan = plan_json(plan_env(home, pypi.url, pytorch.url), profiles["gpu-windows-3.12"])
    assert (plan["torch"], plan["compute"]) == ("2.14.1", "cu130")
    note = warnings(plan)["gpu_support_unknown"]
    assert NEW_TORCH in note and "2.14.1" in note
    assert plan["knowledge"]["source"] == "index"


def test_without_pytorchs_index_the_new_release_is_offered_with_what_is_known(pypi, home, profiles):
    for pytorch in (closed_port_url(), f"{pypi.root}/nowhere"):  # refused; HTTP 404
        env = plan_env(home, pypi.url, pytorch)
        plan = plan_json(env, profiles["cpu-linux-3.11"], "--refresh-index")
        assert (plan["torch"], plan["compute"]) == (NEW_TORCH, "cpu")
        assert plan["facts"]["releases"] == "index" and plan["facts"]["variants"] == "bundled"
        assert len(plan["knowledge"]["problems"]) == 3
        assert all(p.startswith(pytorch) for p in plan["knowledge"]["problems"])
        assert set(plan["knowledge"]["pages"]) == {
            "pypi/torch",
            "pypi/torchvision",
            "pypi/torchaudio",
        }

        gpu = plan_json(env, profiles["gpu-windows-3.12"])
        assert (gpu["torch"], gpu["compute"]) == ("2.14.1", "cu130")
        (note,) = [w for w in gpu["warnings"] if NEW_TORCH in w["message"]]
        assert note["code"] in ("gpu_support_unknown", "cuda_builds_unknown")
        assert "2.14.1" in note["message"]


def test_python_3_14_1_is_held_back_by_torchvision(pypi, pytorch, home, profiles):
    plan = plan_json(plan_env(home, pypi.url, pytorch.url), profiles["linux-3.14.1"])
    assert plan["torch"] == "2.10.0"
    why = warnings(plan)["index_limits_torch"]
    assert f"torchvision {NEW_VISION}" in why and "!=3.14.1" in why and "2.10.0" in why


def test_macos_13_is_held_back_by_the_wheels_macos_minimum(pypi, pytorch, home, profiles):
    plan = plan_json(plan_env(home, pypi.url, pytorch.url), profiles["macos-13.6"])
    assert (plan["torch"], plan["compute"]) == ("2.11.0", "mps")
    why = warnings(plan)["index_limits_torch"]
    assert f"torch {NEW_TORCH}" in why and "14.0" in why and "13.6" in why


def test_a_release_that_appears_later_is_seen_on_refresh(home, profiles):
    """The recorded index first; then 2.16.0 is uploaded. A fresh cache keeps answering (no
    request) until --refresh-index reads the pages again; from then on the cache has it."""
    model = recorded_model()
    with serve_index(model) as pypi, serve_index(pytorch_index(), formats=("html",)) as pt:
        env = plan_env(home, pypi.url, pt.url)
        path = profiles["cpu-linux-3.11"]
        assert plan_json(env, path)["torch"] == "2.15.0"
        newer = pypi_with_new_release()
        model.projects, model.metadata = newer.projects, newer.metadata
        asked = len(pypi.requests) + len(pt.requests)
        cached = plan_json(env, path)
        assert cached["torch"] == "2.15.0" and set(cached["knowledge"]["pages"].values()) == {
            "cache"
        }
        assert len(pypi.requests) + len(pt.requests) == asked
        refreshed = plan_json(env, path, "--refresh-index")
        assert refreshed["torch"] == NEW_TORCH
        assert set(refreshed["knowledge"]["pages"].values()) == {"live"}
        asked = len(pypi.requests) + len(pt.requests)
        again = plan_json(env, path)
        assert again["torch"] == NEW_TORCH and again["packages"]["torchvision"] == NEW_VISION
        assert len(pypi.requests) + len(pt.requests) == asked


# -- offline, slow, cached -------------------------------------------------------------------


def test_no_route_plans_from_bundled_data_as_fast_as_offline(home, profiles):
    path = profiles["cpu-linux-3.11"]
    closed = plan_env(home, closed_port_url(), closed_port_url())
    timed_plan(closed, path, "--offline")  # uncounted: the OS file cache
    offline_s, offline = timed_plan(closed, path, "--offline")
    seconds, plan = timed_plan(closed, path)
    assert seconds <= offline_s + 1.0, (seconds, offline_s)
    knowledge = plan["knowledge"]
    assert knowledge["source"] == "bundled" and set(knowledge["pages"].values()) == {"bundled"}
    assert len(knowledge["problems"]) == 6
    for source in ("PYTORCH_SETUP_PYPI_SIMPLE", "PYTORCH_SETUP_PYTORCH_SIMPLE"):
        assert sum(closed[source] in p for p in knowledge["problems"]) == 3
    assert all(p.endswith(": no connection") for p in knowledge["problems"])
    assert set(plan["facts"].values()) == {"bundled"}
    assert offline["knowledge"]["problems"] == []
    for key in ("torch", "compute", "packages", "commands"):
        assert plan[key] == offline[key]  # the same plan as offline: the bundled one
    assert plan["torch"] != NEW_TORCH


@pytest.mark.parametrize("how", ["environment", "--offline"])
def test_offline_asks_no_index(pypi, pytorch, home, profiles, how):
    env = plan_env(home, pypi.url, pytorch.url, offline="1" if how == "environment" else "0")
    plan = plan_json(
        env, profiles["cpu-linux-3.11"], *(["--offline"] if how != "environment" else [])
    )
    assert pypi.requests == [] and pytorch.requests == []
    assert plan["knowledge"]["source"] == "bundled" and plan["knowledge"]["problems"] == []


def test_a_slow_index_is_not_waited_for(home, profiles):
    with (
        serve_index(pypi_with_new_release(), delay=10) as pypi,
        serve_index(pytorch_index(), formats=("html",), delay=10) as pytorch,
    ):
        seconds, plan = timed_plan(
            plan_env(home, pypi.url, pytorch.url), profiles["cpu-linux-3.11"]
        )
        assert pypi.requests  # it was asked
    assert seconds < sources.DEFAULT_TIMEOUT + 2, seconds
    assert plan["knowledge"]["source"] == "bundled" and plan["torch"] != NEW_TORCH
    assert len(plan["knowledge"]["problems"]) == 6
    assert all(p.endswith(": it did not answer in time") for p in plan["knowledge"]["problems"])


def test_a_warm_cache_asks_nothing(pypi, pytorch, home, profiles):
    env = plan_env(home, pypi.url, pytorch.url)
    first = plan_json(env, profiles["cpu-linux-3.11"])
    asked = (len(pypi.requests), len(pytorch.requests))
    second = plan_json(env, profiles["cpu-linux-3.11"])
    assert (len(pypi.requests), len(pytorch.requests)) == asked
    assert set(first["knowledge"]["pages"].values()) == {"live"}
    assert set(second["knowledge"]["pages"].values()) == {"cache"}
    assert second["knowledge"]["date"] == first["knowledge"]["date"]
    for key in ("torch", "compute", "packages", "commands", "facts"):
        assert second[key] == first[key]


def test_the_text_plan_says_where_its_knowledge_came_from(pypi, pytorch, home, profiles):
    path = profiles["cpu-linux-3.11"]
    online = run_plan(plan_env(home, pypi.url, pytorch.url), "--profile", path)
    assert online.returncode == 0, online.stderr
    assert f"PyTorch {NEW_TORCH}, CPU, with pip:" in online.stdout
    assert f"Knowledge from the package index, read {today()}." in online.stdout
    offline = run_plan(plan_env(home, pypi.url, pytorch.url), "--profile", path, "--offline")
    assert offline.returncode == 0, offline.stderr
    snapshot = sources.bundled_facts().date
    assert f"Bundled knowledge from {snapshot}: newer releases may exist." in offline.stdout
    assert "Knowledge from the package index" not in offline.stdout


# -- the merged facts kept beside the page cache ---------------------------------------------


def test_kept_facts_stand_only_while_their_pages_are_fresh(pypi, pytorch, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTORCH_SETUP_OFFLINE", "0")
    monkeypatch.setenv("PYTORCH_SETUP_PYPI_SIMPLE", pypi.url)
    monkeypatch.setenv("PYTORCH_SETUP_PYTORCH_SIMPLE", pytorch.url)
    now = [2.0e9]
    client = IndexClient(tmp_path / "캐시 cache", clock=lambda: now[0])
    first = sources.read_indexes(client=client)
    kept = tmp_path / "캐시 cache" / sources.FACTS_FILE
    assert kept.is_file() and first.provenance.source == "index"
    asked = len(pypi.requests) + len(pytorch.requests)

    now[0] += client.ttl - 60
    second = sources.read_indexes(client=client)
    assert len(pypi.requests) + len(pytorch.requests) == asked
    assert set(second.provenance.pages.values()) == {"cache"}
    assert second.facts.to_dict() == first.facts.to_dict()
    assert second.facts.origin == "index"

    with serve_index(recorded_model()) as mirror:  # another index: not these facts
        mirrored = sources.read_indexes(client=client, mirror=mirror.url)
        assert len(mirror.requests) == 3  # PyPI's side came from the mirror
    assert NEW_TORCH not in {str(v) for v in mirrored.facts.versions("torch")}
    assert NEW_TORCH in {str(v) for v in second.facts.versions("torch")}
    asked = len(pypi.requests) + len(pytorch.requests)

    kept.write_bytes(b'{"key": {"format": 1}, "facts": [')  # damaged: the pages stand in
    third = sources.read_indexes(client=client)
    assert len(pypi.requests) + len(pytorch.requests) == asked
    assert third.facts.to_dict() == first.facts.to_dict()
    assert json.loads(kept.read_text(encoding="utf-8"))["facts"] == first.facts.to_dict()

    now[0] += 120  # the pages are past their freshness: they are asked again (ETag: 304)
    fourth = sources.read_indexes(client=client)
    assert len(pypi.requests) + len(pytorch.requests) == asked + 6
    assert set(fourth.provenance.pages.values()) == {"live"}
    assert fourth.facts.to_dict() == first.facts.to_dict()


def test_facts_are_not_kept_while_a_metadata_file_could_not_be_read(pytorch, tmp_path, monkeypatch):
    """torchvision 0.31.0's METADATA is not served (no PEP 658 file, no wheel to read it from):
    its pin is unknown, so each plan asks for it again rather than keep facts without it."""
    model = pypi_with_new_release()
    for filename in [f for f in model.metadata if f.startswith(f"torchvision-{NEW_VISION}-")]:
        del model.metadata[filename]
    with serve_index(model) as pypi:
        monkeypatch.setenv("PYTORCH_SETUP_OFFLINE", "0")
        monkeypatch.setenv("PYTORCH_SETUP_PYPI_SIMPLE", pypi.url)
        monkeypatch.setenv("PYTORCH_SETUP_PYTORCH_SIMPLE", pytorch.url)
        client = IndexClient(tmp_path)
        loaded = sources.read_indexes(client=client)
        assert loaded.facts.pin("torchvision", NEW_VISION) is None
        assert loaded.facts.pin("torchvision", "0.29.2") == ">=2.14.0"  # the snapshot's
        assert not (tmp_path / sources.FACTS_FILE).exists()
        before = len(pypi.requests)
        again = sources.read_indexes(client=client)
        assert set(again.provenance.pages.values()) == {"cache"}
        retried = pypi.paths()[before:]
        assert retried and all(p.startswith(f"/files/torchvision-{NEW_VISION}-") for p in retried)
