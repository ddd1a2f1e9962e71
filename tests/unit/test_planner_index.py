"""The planner over the package index as PyPI really served it (tests/fixtures/index/, read by
tests/unit/test_index_facts.py): each row is a machine, what the user asked for, and the plan
the index facts must lead to, with the warning that says why. Across the whole table, every
package a plan installs has a wheel for that machine on the recorded index: the planned
command installs.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from packaging.version import Version

from app.compat import Choices, make_plan
from app.compat.index_facts import Target
from app.compat.knowledge import Knowledge, platform_key
from app.compat.plan import Plan
from app.profile import GPU, Driver, OSInfo, PythonEnv, SystemProfile
from tests.unit.test_index_facts import recorded_facts

PROFILES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"
RTX3060 = GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6")


@functools.cache
def recorded_knowledge() -> Knowledge:
    return Knowledge(recorded_facts())


def machine(
    os: str = "linux",
    arch: str = "x86_64",
    python: str = "3.12.4",
    os_version: str = "",
    free_threaded: bool = False,
    gpus: tuple[GPU, ...] = (),
    driver: tuple[str, str] | None = None,
) -> SystemProfile:
    return SystemProfile(
        os=OSInfo(os, os_version, False),
        arch=arch,
        python=PythonEnv(python, "python", "system", free_threaded=free_threaded),
        gpus=list(gpus),
        driver=Driver(*driver) if driver else None,
    )


def recorded_profile(name: str) -> SystemProfile:
    return SystemProfile.load(PROFILES / name)


def target_of(profile: SystemProfile) -> Target:
    """The machine as the index facts see it (what the planner asks them about)."""
    python = Version(Version(profile.python.version).base_version)
    platform = platform_key(profile.os.family, profile.arch)
    assert platform is not None
    macos = Version(profile.os.version) if profile.os.family == "macos" else None
    return Target(python, platform, macos, profile.python.free_threaded)


@dataclass
class Case:
    id: str
    profile: SystemProfile
    choices: Choices = field(default_factory=Choices)
    torch: str | None = None
    compute: str | None = None
    packages: dict[str, str] | None = None  # None: not checked
    # code → texts its message must hold ("" just: the warning is there)
    warnings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    absent: tuple[str, ...] = ()  # warning codes that must not be there
    blocker: tuple[str, tuple[str, ...]] | None = None


MAC_13 = machine("macos", "arm64", "3.12.4", "13.6")
GPU_LINUX = machine(gpus=(RTX3060,), driver=("580.95.05", "13.0"))
GPU_WINDOWS = machine("windows", gpus=(RTX3060,), driver=("581.57", "13.0"))

CASES = [
    # Every torch >= 2.12.0 macOS arm64 wheel needs macOS 14: 2.11.0 is the newest for 13.6.
    Case(
        "macos-13.6",
        MAC_13,
        torch="2.11.0",
        compute="mps",
        packages={"torch": "2.11.0", "torchvision": "0.26.0", "torchaudio": "2.11.0"},
        warnings={"index_limits_torch": ("torch 2.15.0", "macOS 14.0", "13.6", "2.11.0")},
        # (not "an environment with Python 3.15 gets 2.15.0": no Python gets it on macOS 13)
        absent=("python_limits_torch",),
    ),
    Case(
        "macos-14.2",
        machine("macos", "arm64", "3.12.4", "14.2"),
        torch="2.15.0",
        compute="mps",
        packages={"torch": "2.15.0", "torchvision": "0.29.2"},
        absent=("index_limits_torch",),
    ),
    # torchvision 0.26.0-0.29.2 exclude Python 3.14.1: 2.10.0 (torchvision 0.25.0) is planned.
    Case(
        "linux-py3.14.1",
        machine(python="3.14.1"),
        torch="2.10.0",
        compute="cpu",
        packages={"torch": "2.10.0", "torchvision": "0.25.0", "torchaudio": "2.10.0"},
        warnings={"index_limits_torch": ("torchvision 0.29.2", "!=3.14.1", "2.10.0")},
    ),
    Case(
        "linux-py3.14.1-torch-torchvision",
        machine(python="3.14.1"),
        Choices(packages=("torch", "torchvision")),
        torch="2.10.0",
        packages={"torch": "2.10.0", "torchvision": "0.25.0"},
        warnings={"index_limits_torch": ("torchvision", "!=3.14.1")},
    ),
    Case(
        "linux-py3.14.2",
        machine(python="3.14.2"),
        torch="2.15.0",
        compute="cpu",
        packages={"torch": "2.15.0", "torchvision": "0.29.2"},
        # PyTorch's index was not read for 2.15: its CPU build there is assumed, and said.
        warnings={"build_unconfirmed": ("2.15.0", "cpu build there is assumed")},
        absent=("index_limits_torch",),
    ),
    Case(
        "macos-14.2-py3.14.1",
        machine("macos", "arm64", "3.14.1", "14.2"),
        torch="2.10.0",
        compute="mps",
        warnings={"index_limits_torch": ("torchvision", "!=3.14.1")},
    ),
    # cp313t wheels stop after 2.12.0 (2.12.1 has none); cp314t has 2.15.0.
    Case(
        "free-threaded-3.13",
        machine(python="3.13.1", free_threaded=True),
        torch="2.12.0",
        compute="cpu",
        packages={"torch": "2.12.0", "torchvision": "0.27.0"},
        warnings={"index_limits_torch": ("torch 2.15.0", "free-threaded", "2.12.0")},
    ),
    Case(
        "free-threaded-3.14",
        machine(python="3.14.0", free_threaded=True),
        torch="2.15.0",
        compute="cpu",
        absent=("index_limits_torch",),
    ),
    Case(
        "free-threaded-3.13-torch-2.13.0",
        machine(python="3.13.1", free_threaded=True),
        Choices(torch="2.13.0"),
        blocker=("no_wheel", ("torch 2.13.0", "free-threaded")),
    ),
    # 2.15.0 is the first release with cp315 wheels.
    Case(
        "linux-py3.15",
        machine(python="3.15.0"),
        torch="2.15.0",
        compute="cpu",
        packages={"torch": "2.15.0", "torchvision": "0.29.2"},
        absent=("index_limits_torch", "python_limits_torch"),
    ),
    # No cp36 Linux torchvision 0.11.3 / torchaudio 0.10.2: 1.10.1, not 1.10.2.
    Case(
        "linux-py3.6",
        machine(python="3.6.15"),
        torch="1.10.1",
        compute="cpu",
        packages={"torch": "1.10.1", "torchvision": "0.11.2", "torchaudio": "0.10.1"},
        warnings={"index_limits_torch": ("torchvision 0.11.3", "3.6.15", "1.10.1")},
    ),
    # torchvision 0.11.0 (1.10.0's) is yanked: left out of an explicit --torch 1.10.0.
    Case(
        "torch-1.10.0-yanked-torchvision",
        machine(python="3.9.7"),
        Choices(torch="1.10.0"),
        torch="1.10.0",
        compute="cpu",
        packages={"torch": "1.10.0", "torchaudio": "0.10.0"},
        warnings={"companion_missing": ("torchvision 0.11.0", "yanked", "Dependency issue")},
    ),
    # 1.12/1.13 on a Python 3.7 Mac: torch only; no release has the companions there.
    Case(
        "macos-py3.7",
        machine("macos", "arm64", "3.7.9", "13.6"),
        torch="1.13.1",
        compute="mps",
        packages={"torch": "1.13.1"},
        warnings={"companion_missing": ("torchvision 0.14.1", "torchaudio 0.13.1")},
    ),
    # PyPI has macOS arm64 torch 1.10.2 (cp38/cp39), which releases.json does not list.
    Case(
        "macos-py3.9-torch-1.10.2",
        machine("macos", "arm64", "3.9.13", "12.6"),
        Choices(torch="1.10.2"),
        torch="1.10.2",
        compute="cpu",
        packages={"torch": "1.10.2", "torchvision": "0.11.3", "torchaudio": "0.10.2"},
    ),
    Case(
        "macos-13.6-torch-2.15.0",
        MAC_13,
        Choices(torch="2.15.0"),
        blocker=("no_wheel", ("macOS 14.0", "13.6")),
    ),
    # Old ARM64 Linux: 1.8.0 has no torchvision 0.9.0 / torchaudio 0.8.0 wheel there.
    Case(
        "linux-aarch64-torch-1.8.0",
        machine(arch="aarch64", python="3.8.10"),
        Choices(torch="1.8.0"),
        torch="1.8.0",
        compute="cpu",
        packages={"torch": "1.8.0"},
        warnings={"companion_missing": ("torchvision 0.9.0", "torchaudio 0.8.0")},
    ),
    # torchaudio 2.11.1 asks torch>=2.11: paired with 2.15.0 without a mismatch warning.
    Case(
        "packages-torch-torchaudio",
        machine(),
        Choices(packages=("torch", "torchaudio")),
        torch="2.15.0",
        compute="cpu",
        packages={"torch": "2.15.0", "torchaudio": "2.11.1"},
        absent=("torchaudio_ended",),
    ),
    # 2.15's CUDA kernels are not in the data: 2.14.1 for a GPU unless 2.15.0 is asked for.
    Case(
        "linux-rtx3060",
        GPU_LINUX,
        torch="2.14.1",
        compute="cu130",
        warnings={"gpu_support_unknown": ("2.15.0", "2.14.1")},
    ),
    Case(
        "linux-rtx3060-torch-2.15.0",
        GPU_LINUX,
        Choices(torch="2.15.0"),
        torch="2.15.0",
        compute="cu132",
        packages={"torch": "2.15.0", "torchvision": "0.29.2"},
        warnings={"archs_unknown": ("cu132", "2.15.0")},
    ),
    # 2.15 has no known Windows CUDA build (PyPI's Windows build is the CPU one).
    Case(
        "windows-rtx3060",
        GPU_WINDOWS,
        torch="2.14.1",
        compute="cu130",
        warnings={"cuda_builds_unknown": ("2.15.0", "Windows", "2.14.1")},
    ),
    Case(
        "windows-rtx3060-torch-2.15.0",
        GPU_WINDOWS,
        Choices(torch="2.15.0"),
        torch="2.15.0",
        compute="cpu",
        warnings={"cuda_builds_unknown": ("2.15.0", "CPU build")},
        absent=("gpu_too_old", "driver_too_old"),
    ),
    # Recorded machines.
    Case(
        "rtx5090-driver575-linux",
        recorded_profile("rtx5090-driver575-linux.json"),
        torch="2.11.0",
        compute="cu128",
        warnings={"driver_limits_torch": ("575.57.08",)},
    ),
    Case(
        "seed-windows-rtx3060",
        recorded_profile("seed-windows-rtx3060.json"),
        torch="2.4.1",
        compute="cu118",
        warnings={"python_limits_torch": ("Python 3.8",)},
    ),
]


@functools.cache
def plan_of(case_id: str) -> Plan:
    case = next(c for c in CASES if c.id == case_id)
    return make_plan(case.profile, case.choices, recorded_knowledge())


def codes(plan: Plan) -> list[str]:
    return [w.code for w in plan.warnings]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_plan_from_the_recorded_index(case: Case) -> None:
    plan = plan_of(case.id)
    if case.blocker is not None:
        code, texts = case.blocker
        assert [b.code for b in plan.blockers] == [code], plan.blockers
        for text in texts:
            assert text in plan.blockers[0].message
        assert plan.commands == []
        return
    assert not plan.blocked, plan.blockers
    assert (plan.torch, plan.compute) == (case.torch, case.compute or plan.compute), plan.warnings
    if case.packages is not None:
        assert plan.packages == case.packages
    for code, texts in case.warnings.items():
        messages = [w.message for w in plan.warnings if w.code == code]
        assert messages, f"no {code} warning: {plan.warnings}"
        for text in texts:
            assert any(text in m for m in messages), (text, messages)
    for code in case.absent:
        assert code not in codes(plan), plan.warnings


def test_case_ids_are_unique() -> None:
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_planned_package_installs_here(case: Case) -> None:
    """The installable-command property: each package the plan pins has a wheel on the index
    for this Python, platform, macOS version and threading build, and the command pins it."""
    plan = plan_of(case.id)
    if plan.blocked:
        return
    target = target_of(case.profile)
    assert plan.packages and plan.packages["torch"] == plan.torch
    for name, version in plan.packages.items():
        verdict = recorded_facts().installable(name, version, target)
        assert verdict is not None and verdict.ok, (name, version, verdict)
    (command,) = plan.commands
    pinned = {a.split("==")[0]: a.split("==")[1].split("+")[0] for a in command if "==" in a}
    assert pinned == plan.packages


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_plan_says_where_its_facts_came_from(case: Case) -> None:
    plan = plan_of(case.id)
    assert set(plan.knowledge) == {"source", "date", "pages", "problems"}
    assert plan.knowledge["source"] in ("index", "bundled")
    assert set(plan.facts) == {
        "releases",
        "wheels",
        "python_range",
        "companions",
        "variants",
        "gpu_kernels",
        "driver_minimum",
    }
    assert set(plan.facts.values()) <= {"index", "bundled"}
    assert plan.facts["wheels"] == "index"  # the recorded facts are the index's own
    assert (plan.facts["gpu_kernels"], plan.facts["driver_minimum"]) == ("bundled", "bundled")
    data = json.loads(plan.to_json())
    assert data["facts"] == plan.facts and data["knowledge"] == plan.knowledge


def test_the_curated_data_knows_every_release_the_recorded_index_lists() -> None:
    """On the recording day releases.json had a row for every torch release from 2.0 on that
    PyPI listed: nothing is planned from the index alone, so python_range and companions are
    the curated ones."""
    kb = recorded_knowledge()
    assert [r.version for r in kb.all_releases if r.from_index] == []
    listed = {str(v) for v in recorded_facts().versions("torch") if v >= Version("2.0")}
    assert listed <= {r.version for r in kb.all_releases}
    plan = plan_of("linux-py3.15")
    assert (plan.facts["python_range"], plan.facts["companions"]) == ("bundled", "bundled")
