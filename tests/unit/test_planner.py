"""The planner, table-driven: OS × arch × Python × GPU generation × driver age → the build.

Each row asserts the torch version, the variant and the index URL (or the blocker). The rows
are real machines' shapes; GPU names and capabilities as NVML reports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from packaging.version import Version

from app.compat import Choices, make_plan
from app.profile import GPU, Driver, OSInfo, ProbeNote, PythonEnv, SystemProfile, TorchInfo

IDX = "https://download.pytorch.org/whl/"
FIND_LINKS = "https://download.pytorch.org/whl/torch_stable.html"

RTX3060 = ("NVIDIA GeForce RTX 3060", "8.6")
RTX4090 = ("NVIDIA GeForce RTX 4090", "8.9")
RTX5090 = ("NVIDIA GeForce RTX 5090", "12.0")
RTX5080 = ("NVIDIA GeForce RTX 5080", "12.0")
GTX1080TI = ("NVIDIA GeForce GTX 1080 Ti", "6.1")
GTX1060 = ("NVIDIA GeForce GTX 1060 6GB", "6.1")
GTX970 = ("NVIDIA GeForce GTX 970", "5.2")
GTX750TI = ("NVIDIA GeForce GTX 750 Ti", "5.0")
GTX780 = ("NVIDIA GeForce GTX 780", "3.5")
GTX680 = ("NVIDIA GeForce GTX 680", "3.0")
K80 = ("Tesla K80", "3.7")
V100 = ("Tesla V100-SXM2-16GB", "7.0")
T4 = ("Tesla T4", "7.5")
A100 = ("NVIDIA A100-SXM4-80GB", "8.0")
H100 = ("NVIDIA H100 80GB HBM3", "9.0")
GH200 = ("NVIDIA GH200 480GB", "9.0")
B200 = ("NVIDIA B200", "10.0")
GB10 = ("NVIDIA GB10", "12.1")


@dataclass
class Case:
    id: str
    os: str = "linux"
    arch: str = "x86_64"
    python: str = "3.12.4"
    gpus: list = field(default_factory=list)
    driver: tuple | None = None  # (version, cuda)
    choices: Choices = field(default_factory=Choices)
    torch: str | None = None
    compute: str | None = None
    index: str | None = "same"  # "same": not checked; None: PyPI
    blocker: str | None = None
    warning: str | None = None
    wsl: bool = False
    kind: str = "system"


def profile_of(case: Case) -> SystemProfile:
    return SystemProfile(
        os=OSInfo(case.os, "", case.wsl),
        arch=case.arch,
        python=PythonEnv(case.python, "python", case.kind),
        gpus=[GPU(name, compute_capability=cc) for name, cc in case.gpus],
        driver=Driver(*case.driver) if case.driver else None,
    )


CASES = [
    # --- no NVIDIA GPU ---------------------------------------------------------------------
    Case("linux-cpu", torch="2.15.0", compute="cpu", index=IDX + "cpu"),
    Case("windows-cpu", os="windows", torch="2.15.0", compute="cpu", index=None),
    Case("mac-arm-mps", os="macos", arch="arm64", torch="2.15.0", compute="mps", index=None),
    Case("mac-intel-py311", os="macos", python="3.11.9", torch="2.2.2", compute="cpu", index=None),
    Case("mac-intel-py313", os="macos", python="3.13.1", blocker="python_too_new"),
    Case("linux-arm64-cpu", arch="aarch64", torch="2.15.0", compute="cpu", index=IDX + "cpu"),
    Case(
        "linux-py38-cpu",
        python="3.8.18",
        torch="2.4.1",
        compute="cpu",
        index=IDX + "cpu",
        warning="python_limits_torch",
    ),
    # PyPI has no cp36 Linux torchvision 0.11.3 (1.10.2's): 1.10.1 is the newest that installs.
    Case(
        "linux-py36-cpu",
        python="3.6.15",
        torch="1.10.1",
        compute="cpu",
        index=FIND_LINKS,
        warning="index_limits_torch",
    ),
    Case("py35", python="3.5.10", blocker="python_too_old"),
    Case("py27", os="windows", python="2.7.18", blocker="python_too_old"),
    # 2.15.0 (read from PyPI's index: cp311-cp315 wheels) is the first release for 3.15.
    Case("py315", python="3.15.0", torch="2.15.0", compute="cpu", index=IDX + "cpu"),
    Case("py316", python="3.16.0", blocker="python_too_new"),
    Case("windows-arm64", os="windows", arch="arm64", blocker="platform_unsupported"),
    Case("linux-32bit", arch="x86", blocker="platform_unsupported"),
    # --- Kepler / Maxwell / Pascal --------------------------------------------------------
    Case(
        "k80-old-driver",
        gpus=[K80],
        driver=("470.82.01", "11.4"),
        python="3.10.13",
        torch="2.7.1",
        compute="cu118",
        index=IDX + "cu118",
    ),
    Case(
        "gtx780-too-old",
        gpus=[GTX780],
        driver=("470.82.01", "11.4"),
        torch="2.15.0",
        compute="cpu",
        index=IDX + "cpu",
        warning="gpu_too_old",
    ),
    Case(
        "gtx780-windows",
        os="windows",
        gpus=[GTX780],
        driver=("472.12", "11.4"),
        torch="2.15.0",
        compute="cpu",
        index=None,
        warning="gpu_too_old",
    ),
    Case(
        "gtx680-windows",
        os="windows",
        gpus=[GTX680],
        driver=("425.31", "10.1"),
        torch="2.15.0",
        compute="cpu",
        warning="gpu_too_old",  # the more basic reason: no build has Kepler 3.0 kernels
    ),
    Case(
        "rtx3060-ancient-driver",
        gpus=[RTX3060],
        driver=("418.39", "10.1"),
        torch="2.15.0",
        compute="cpu",
        index=IDX + "cpu",
        warning="driver_too_old",
    ),
    Case(
        "gtx970-new-driver",
        gpus=[GTX970],
        driver=("580.95.05", "13.0"),
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    Case(
        "gtx750ti-old-driver",
        gpus=[GTX750TI],
        driver=("470.82.01", "11.4"),
        torch="2.7.1",
        compute="cu118",
        index=IDX + "cu118",
        warning="driver_limits_torch",
    ),
    Case(
        "gtx1080ti-new-driver-uv14742",
        gpus=[GTX1080TI],
        driver=("580.95.05", "13.0"),
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    Case(
        "gtx1080ti-windows",
        os="windows",
        gpus=[GTX1080TI],
        driver=("566.36", "12.7"),
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    # --- Volta / Turing / Ampere / Ada / Hopper -------------------------------------------
    Case(
        "v100",
        gpus=[V100],
        driver=("580.95.05", "13.0"),
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    Case(
        "t4-535",
        gpus=[T4],
        driver=("535.104.05", "12.2"),
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    Case(
        "rtx3060-580",
        gpus=[RTX3060],
        driver=("580.95.05", "13.0"),
        torch="2.14.1",
        compute="cu130",
        index=None,
    ),
    Case(
        "rtx3060-560",
        gpus=[RTX3060],
        driver=("560.35.03", "12.6"),
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    Case(
        "rtx3060-wsl",
        gpus=[RTX3060],
        driver=("560.94", "12.6"),
        wsl=True,
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    Case(
        "rtx3060-windows-537",
        os="windows",
        gpus=[RTX3060],
        driver=("537.13", "12.2"),
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    Case(
        "rtx3060-windows-581",
        os="windows",
        gpus=[RTX3060],
        driver=("581.57", "13.0"),
        torch="2.14.1",
        compute="cu130",
        index=IDX + "cu130",
    ),
    Case(
        "rtx3060-windows-old-driver",
        os="windows",
        gpus=[RTX3060],
        driver=("512.15", "11.6"),
        torch="2.7.1",
        compute="cu118",
        index=IDX + "cu118",
        warning="driver_limits_torch",
    ),
    Case(
        "a100",
        gpus=[A100],
        driver=("580.65.06", "13.0"),
        torch="2.14.1",
        compute="cu130",
        index=None,
    ),
    Case(
        "rtx4090-575",
        gpus=[RTX4090],
        driver=("575.57.08", "12.9"),
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    Case(
        "h100",
        gpus=[H100],
        driver=("590.48.01", "13.1"),
        torch="2.14.1",
        compute="cu130",
        index=None,
    ),
    Case(
        "gh200-arm64",
        arch="aarch64",
        gpus=[GH200],
        driver=("575.57.08", "12.9"),
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    # --- Blackwell ------------------------------------------------------------------------
    Case(
        "rtx5090-575-uv14742",
        gpus=[RTX5090],
        driver=("575.57.08", "12.9"),
        torch="2.11.0",
        compute="cu128",
        index=IDX + "cu128",
        warning="driver_limits_torch",
    ),
    Case(
        "rtx5090-580",
        gpus=[RTX5090],
        driver=("580.95.05", "13.0"),
        torch="2.14.1",
        compute="cu130",
        index=None,
    ),
    Case(
        "rtx5080-windows-576",
        os="windows",
        gpus=[RTX5080],
        driver=("576.02", "12.9"),
        torch="2.11.0",
        compute="cu128",
        index=IDX + "cu128",
    ),
    Case(
        "b200",
        gpus=[B200],
        driver=("580.65.06", "13.0"),
        torch="2.14.1",
        compute="cu130",
        index=None,
    ),
    Case(
        "gb10-arm64",
        arch="aarch64",
        gpus=[GB10],
        driver=("580.95.05", "13.0"),
        torch="2.14.1",
        compute="cu130",
        index=None,
    ),
    # --- mixed GPUs ------------------------------------------------------------------------
    Case(
        "mixed-4090-1080ti",
        gpus=[RTX4090, GTX1080TI],
        driver=("580.95.05", "13.0"),
        torch="2.14.1",
        compute="cu126",
        index=IDX + "cu126",
    ),
    Case(
        "mixed-5090-1080ti",
        gpus=[RTX5090, GTX1080TI],
        driver=("580.95.05", "13.0"),
        torch="2.15.0",
        compute="cpu",
        warning="no_build_for_all_gpus",
    ),
    # --- no or broken driver -------------------------------------------------------------
    Case(
        "gpu-without-driver",
        gpus=[RTX3060],
        driver=None,
        torch="2.15.0",
        compute="cpu",
        index=IDX + "cpu",
        warning="no_driver",
    ),
    Case(
        "driver-abc",
        gpus=[RTX3060],
        driver=("abc", "12.2"),
        torch="2.14.1",
        compute="cu126",
        warning="bad_driver_version",
    ),
    Case(
        "capability-banana",
        gpus=[("NVIDIA GeForce GTX 1080 Ti", "banana")],
        driver=("580.95.05", "13.0"),
        torch="2.14.1",
        compute="cu126",
        warning="bad_capability",
    ),
    # --- the seed's own setup: Windows, CUDA 11.3-era driver, torch 1.8.1 ----------------
    Case(
        "seed-rtx3060-torch181",
        os="windows",
        python="3.8.10",
        gpus=[RTX3060],
        driver=("465.89", "11.3"),
        choices=Choices(torch="1.8.1"),
        torch="1.8.1",
        compute="cu111",
        index=FIND_LINKS,
    ),
    Case(
        "seed-gtx1060-torch181",
        os="windows",
        python="3.8.10",
        gpus=[GTX1060],
        driver=("465.89", "11.3"),
        choices=Choices(torch="1.8.1"),
        torch="1.8.1",
        compute="cu102",
        index=FIND_LINKS,
    ),
    Case(
        "seed-unpinned",
        os="windows",
        python="3.8.10",
        gpus=[RTX3060],
        driver=("465.89", "11.3"),
        torch="2.4.1",
        compute="cu118",
        index=IDX + "cu118",
        warning="python_limits_torch",
    ),
    # --- explicit choices ------------------------------------------------------------------
    Case(
        "pin-2.5.1-conda",
        kind="conda",
        gpus=[RTX3060],
        driver=("560.35.03", "12.6"),
        choices=Choices(torch="2.5.1", manager="conda"),
        torch="2.5.1",
        compute="cu124",
        index=None,
    ),
    Case(
        "pin-1.12.1-cu116",
        python="3.10.13",
        gpus=[RTX3060],
        driver=("470.82.01", "11.4"),
        choices=Choices(torch="1.12.1"),
        torch="1.12.1",
        compute="cu116",
        index=IDX + "cu116",
    ),
    Case(
        "pin-1.12.1-cpu",
        python="3.10.13",
        choices=Choices(torch="1.12"),
        torch="1.12.1",
        compute="cpu",
        index=IDX + "cpu",
    ),
    Case(
        "pin-2.0.1-4090",
        python="3.11.9",
        gpus=[RTX4090],
        driver=("525.60.13", "12.0"),
        choices=Choices(torch="2.0.1"),
        torch="2.0.1",
        compute="cu117",
        index=None,
    ),
    Case(
        "force-cpu-with-gpu",
        gpus=[RTX3060],
        driver=("580.95.05", "13.0"),
        choices=Choices(compute="cpu"),
        torch="2.15.0",
        compute="cpu",
        index=IDX + "cpu",
    ),
    Case(
        "force-cu130-old-driver",
        gpus=[RTX3060],
        driver=("560.35.03", "12.6"),
        choices=Choices(compute="cu130"),
        blocker="driver_too_old_for_choice",
    ),
    Case(
        "force-cu130-pascal",
        gpus=[GTX1080TI],
        driver=("580.95.05", "13.0"),
        choices=Choices(compute="cu130"),
        blocker="no_kernels_for_gpu",
    ),
    Case(
        "force-cu118-on-2.14",
        choices=Choices(torch="2.14.1", compute="cu118"),
        blocker="compute_unavailable",
    ),
    Case("unknown-torch", choices=Choices(torch="9.9"), blocker="torch_unknown"),
    Case(
        "pin-2.2.2-intel-mac",
        os="macos",
        python="3.12.1",
        choices=Choices(torch="2.2.2"),
        torch="2.2.2",
        compute="cpu",
        index=None,
    ),
    Case(
        "rocm-explicit",
        choices=Choices(compute="rocm7.2"),
        torch="2.14.1",
        compute="rocm7.2",
        index=IDX + "rocm7.2",
        warning="rocm_without_gpu",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_plan_table(case: Case):
    plan = make_plan(profile_of(case), case.choices)
    codes = [w.code for w in plan.warnings]
    if case.blocker:
        assert [b.code for b in plan.blockers] == [case.blocker], plan.blockers
        assert plan.compute is None and plan.commands == []
        assert plan.blockers[0].message  # a sentence a beginner can act on
        return
    assert plan.blockers == [], plan.blockers
    assert (plan.torch, plan.compute) == (case.torch, case.compute), plan.reasons + codes
    if case.index != "same":
        assert plan.index_url == case.index
    if case.warning:
        assert case.warning in codes, plan.warnings
    assert plan.reasons and plan.commands
    assert plan.schema == "pytorch-setup/plan/1"


PIP = ["python", "-m", "pip", "install"]
CONDA = ["conda", "install", "-y"]
PLANNED = [c for c in CASES if not c.blocker]


def _packages(command: list[str]) -> list[str]:
    """The package names a command installs: 'torch==2.5.1' → 'torch'; options and their
    values (-c CHANNEL, --index-url URL, -f URL) are not packages."""
    start = len(PIP) if command[:4] == PIP else len(CONDA)
    names, skip = [], False
    for arg in command[start:]:
        if skip or arg.startswith("-"):
            skip = not skip and arg in ("-c", "-f", "--index-url", "--extra-index-url")
            continue
        names.append(re.split(r"[=<>]", arg)[0])
    return names


def _pins(command: list[str]) -> dict[str, str]:
    return dict(arg.split("==", 1) for arg in command if "==" in arg and not arg.startswith("-"))


@pytest.mark.parametrize("case", PLANNED, ids=[c.id for c in PLANNED])
def test_every_command_installs_the_build_the_plan_names(case: Case):
    """The command pins the torch the plan names, of its compute, from an index serving it."""
    plan = make_plan(profile_of(case), case.choices)
    (command,) = plan.commands
    pins = _pins(command)
    torch = pins["pytorch" if plan.manager == "conda" else "torch"]
    version, _, local = torch.partition("+")
    assert version == plan.torch and local in ("", plan.compute), command
    if plan.index_url is None:  # the default index (PyPI, or conda's channels)
        assert not any(arg.startswith(IDX) for arg in command), command
        return
    assert plan.index_url in command, command
    flag = command[command.index(plan.index_url) - 1]
    if plan.index_url == FIND_LINKS:  # one page for every build: the local tag picks it
        assert flag == "-f" and local == plan.compute, command
    else:
        assert flag in ("--index-url", "--extra-index-url"), command
        assert plan.index_url == IDX + plan.compute, command


@pytest.mark.parametrize("case", PLANNED, ids=[c.id for c in PLANNED])
def test_the_seeds_mistakes_are_never_produced(case: Case):
    """pip's package is torch (never pytorch), cpuonly is conda's, and conda's pytorch channel
    ended after 2.5.1: every command of every plan is checked, pip or conda."""
    plan = make_plan(profile_of(case), case.choices)
    assert plan.commands
    for command in plan.commands:
        assert command[:4] == PIP or command[:3] == CONDA, command
        packages = _packages(command)
        if command[:4] == PIP:
            assert "pytorch" not in packages and "cpuonly" not in packages, command
            assert "torch" in packages, command
        else:
            assert "torch" not in packages and "pytorch" in packages, command
            channels = [command[i + 1] for i, arg in enumerate(command) if arg == "-c"]
            assert "pytorch" not in channels or Version(plan.torch) <= Version("2.5.1"), command


def test_pinned_seed_command_is_exact():
    case = next(c for c in CASES if c.id == "seed-rtx3060-torch181")
    plan = make_plan(profile_of(case), case.choices)
    assert plan.commands == [
        [
            "python",
            "-m",
            "pip",
            "install",
            "torch==1.8.1+cu111",
            "torchvision==0.9.1+cu111",
            "torchaudio==0.8.1",
            "-f",
            FIND_LINKS,
        ]
    ]


def test_conda_command_for_2_5_1_and_pip_after_the_channel_ended():
    gpu = {"gpus": [RTX3060], "driver": ("560.35.03", "12.6")}
    conda_env = profile_of(Case("c", kind="conda", **gpu))
    conda = make_plan(conda_env, Choices(torch="2.5.1", manager="conda"))
    assert conda.manager == "conda"
    assert conda.commands == [
        [
            "conda",
            "install",
            "-y",
            "pytorch==2.5.1",
            "torchvision==0.20.1",
            "torchaudio==2.5.1",
            "pytorch-cuda=12.4",
            "-c",
            "pytorch",
            "-c",
            "nvidia",
        ]
    ]
    newer = make_plan(conda_env, Choices(manager="conda"))
    assert newer.manager == "pip" and newer.commands[0][:4] == ["python", "-m", "pip", "install"]
    assert any("conda channel stopped" in r for r in newer.reasons)


def test_default_packages_and_torchaudio_end():
    plan = make_plan(profile_of(Case("x")), Choices())
    assert plan.packages == {"torch": "2.15.0", "torchvision": "0.29.2"}
    old = make_plan(profile_of(Case("x")), Choices(torch="2.11.0"))
    assert old.packages == {"torch": "2.11.0", "torchvision": "0.26.0", "torchaudio": "2.11.0"}
    # torchaudio 2.11.1 asks for torch>=2.11 (stable ABI): paired with 2.15.0, no mismatch.
    asked = make_plan(profile_of(Case("x")), Choices(packages=("torch", "torchaudio")))
    assert asked.packages == {"torch": "2.15.0", "torchaudio": "2.11.1"}
    assert "torchaudio_ended" not in [w.code for w in asked.warnings]
    assert any("stable ABI" in r for r in asked.reasons)


def test_toolkit_and_steps():
    gpu = Case("x", gpus=[RTX3060], driver=("560.35.03", "12.6"))
    plain = make_plan(profile_of(gpu), Choices())
    assert (plain.toolkit, plain.steps) == ("12.6", ["install", "verify"])
    with_nvcc = make_plan(profile_of(gpu), Choices(with_toolkit=True))
    assert with_nvcc.steps == ["toolkit", "cudnn", "path", "install", "verify"]
    cpu = make_plan(profile_of(Case("x")), Choices(with_toolkit=True))
    assert cpu.toolkit is None and cpu.steps == ["install", "verify"]


def test_reasons_name_gpu_driver_and_python():
    plan = make_plan(
        profile_of(Case("x", gpus=[RTX3060], driver=("537.13", "12.2"), os="windows")), Choices()
    )
    text = " ".join(plan.reasons)
    assert "compute capability 8.6" in text and "Ampere" in text
    assert "537.13" in text and "3.12.4" in text
    assert "CPU-only" in text  # why the PyTorch index is needed on Windows


def test_installed_cpu_torch_is_mentioned():
    profile = profile_of(Case("x", gpus=[RTX3060], driver=("580.95.05", "13.0")))
    profile.torch = TorchInfo("2.13.0+cpu", None)
    plan = make_plan(profile, Choices())
    assert any("2.13.0+cpu is already installed" in r for r in plan.reasons)


def test_no_gpu_reason_comes_from_the_scan():
    profile = profile_of(Case("x"))
    profile.probes = [ProbeNote("gpu", "missing", "No NVIDIA driver is installed.")]
    plan = make_plan(profile, Choices())
    assert any("No NVIDIA driver is installed" in r for r in plan.reasons)


def test_newest_torch_for_each_python():
    from app.compat.knowledge import newest_torch_for

    assert newest_torch_for("3.12.4") == newest_torch_for("3.13.0")  # both on the newest
    assert newest_torch_for("3.8.18") == "2.4.1"  # 2.5 dropped Python 3.8
    assert newest_torch_for("2.7.18") is None and newest_torch_for("3.99.0") is None
    assert newest_torch_for("not a version") is None
