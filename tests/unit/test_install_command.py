"""The install command made concrete: target interpreter, mirrors, wheelhouses, rebuilds."""

from __future__ import annotations

import pytest

from app.compat import Choices, make_plan
from app.compat.plan import Plan
from app.events import Reporter
from app.profile import GPU, Driver, OSInfo, PythonEnv, SystemProfile, TorchInfo
from app.steps import install as install_step
from app.steps.install import (
    InstallError,
    InstallRequest,
    PipProgress,
    build_command,
    check_space,
    replaces_other_build,
    uninstall_first,
)

PY = "/home/홍길동/my env/bin/python"


def plan_for(gpu=True, python="3.12.4", kind="venv", **choices):
    profile = SystemProfile(
        os=OSInfo("linux"),
        arch="x86_64",
        python=PythonEnv(python, PY, kind),
        gpus=[GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6")] if gpu else [],
        driver=Driver("560.35.03", "12.6") if gpu else None,
    )
    return make_plan(profile, Choices(**choices))


def test_target_interpreter_replaces_the_placeholder():
    command = build_command(InstallRequest(PY, plan_for()))
    assert command == [
        PY,
        "-m",
        "pip",
        "install",
        "torch==2.14.1",
        "torchvision==0.29.1",
        "--disable-pip-version-check",
        "--index-url",
        "https://download.pytorch.org/whl/cu126",
    ]


def test_offline_wheelhouse_contacts_no_index_and_drops_build_tags():
    plan = plan_for(gpu=False, python="3.10.13", torch="1.12.1")  # 1.12 pins torch==1.12.1+cpu
    command = build_command(InstallRequest(PY, plan, find_links="/wheels", packages=("torch",)))
    assert command == [
        PY,
        "-m",
        "pip",
        "install",
        "torch==1.12.1",
        "--disable-pip-version-check",
        "--no-index",
        "--find-links",
        "/wheels",
    ]


def test_mirror_replaces_the_index_of_the_same_kind():
    plan = plan_for(gpu=False, python="3.10.13", torch="1.12.1")
    command = build_command(InstallRequest(PY, plan, index_url="https://mirror.example/whl/cpu"))
    assert command[-2:] == ["--extra-index-url", "https://mirror.example/whl/cpu"]
    newer = build_command(InstallRequest(PY, plan_for(), index_url="https://m.example/cu126"))
    assert newer[-2:] == ["--index-url", "https://m.example/cu126"]


def test_cpu_torch_replaced_by_cuda_build_is_removed_first():
    installed = TorchInfo("2.14.1+cpu", None)
    plan = plan_for()
    assert replaces_other_build(installed, plan)
    request = InstallRequest(PY, plan, installed=installed)
    assert uninstall_first(request) == [PY, "-m", "pip", "uninstall", "-y", "torch", "torchvision"]
    assert "--force-reinstall" not in build_command(request)  # it would upgrade every dependency
    same = TorchInfo("2.14.1+cu126", "12.6")
    assert uninstall_first(InstallRequest(PY, plan, installed=same)) is None
    assert uninstall_first(InstallRequest(PY, plan, installed=same, force=True)) is not None


def test_blocked_plan_cannot_be_installed():
    profile = SystemProfile(os=OSInfo("linux"), arch="x86_64", python=PythonEnv("3.16.0"))
    with pytest.raises(InstallError, match="blocked"):
        build_command(InstallRequest(PY, make_plan(profile)))


def test_conda_command_targets_the_env_prefix(tmp_path):
    base = tmp_path / "miniforge3"
    (base / "condabin").mkdir(parents=True)
    (base / "condabin" / "conda").write_text("", encoding="utf-8")
    env_python = base / "envs" / "torch" / "bin" / "python"
    env_python.parent.mkdir(parents=True)
    env_python.write_text("", encoding="utf-8")
    plan = plan_for(torch="2.5.1", manager="conda", kind="conda")
    command = build_command(InstallRequest(str(env_python), plan))
    assert command[:4] == [
        str(base / "condabin" / "conda"),
        "install",
        "-p",
        str(base / "envs" / "torch"),
    ]
    assert "pytorch-cuda=12.4" in command and "pytorch==2.5.1" in command


def test_not_enough_space_is_refused_before_anything_runs(tmp_path, monkeypatch):
    monkeypatch.setitem(install_step.NEED_MIB, "cuda", 10**12)  # more than any disk here
    python = tmp_path / "bin" / "python"
    python.parent.mkdir()
    with pytest.raises(InstallError, match="Not enough free space"):
        check_space(InstallRequest(str(python), plan_for()))


def test_pip_output_becomes_phases():
    seen = []

    class Recorder(Reporter):
        def progress(self, done, total=None, text=""):
            seen.append((done, text))

    progress = PipProgress(Recorder())
    for line in [
        "Looking in indexes: https://download.pytorch.org/whl/cu126",
        "Collecting torch==2.14.1",
        "  Downloading torch-2.14.1%2Bcu126-cp312-cp312-manylinux_2_28_x86_64.whl (2564.3 MB)",
        "Installing collected packages: torch",
        "Successfully installed torch-2.14.1+cu126",
    ]:
        progress.line(line)
    assert [d for d, _ in seen] == [0, 1, 2, 3]
    wheel = "torch-2.14.1+cu126-cp312-cp312-manylinux_2_28_x86_64.whl"
    assert seen[1][1] == f"Downloading {wheel} (2564.3 MB)…"


def test_pip_raw_progress_and_retries_reach_the_status_line():
    """pip 24.1+'s `--progress-bar raw` lines (two spellings), and an index pip keeps retrying."""
    seen, logged = [], []

    class Recorder(Reporter):
        def progress(self, done, total=None, text=""):
            seen.append((done, total, text))

        def log(self, message, level=20):
            logged.append(message)

    progress = PipProgress(Recorder())
    progress.line("Looking in indexes: http://127.0.0.1:9/simple")
    progress.line(
        "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) "
        "after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection."
        "HTTPConnection object at 0x7f99>: Failed to establish a new connection: [Errno 111] "
        "Connection refused')': /simple/torch/"
    )
    assert seen[-1][2] == (
        "pip cannot reach the package index 127.0.0.1:9: [Errno 111] Connection refused. "
        "Retrying (retries left: 4)…"
    )
    progress.line(
        "WARNING: Retrying (Retry(total=1, connect=None, read=None, redirect=None, status=None)) "
        "after connection broken by 'ReadTimeoutError(\"HTTPSConnectionPool(host='download."
        "pytorch.org', port=443): Read timed out. (read timeout=15)\")': /whl/cpu/torch/"
    )
    assert "Read timed out. Retrying (retries left: 1)" in seen[-1][2]
    progress.line("  Downloading http://127.0.0.1:9/t/torch-2.13.0-py3-none-any.whl (1.5 MB)")
    progress.line("Progress 0 of 1500000")
    progress.line("Progress 750000 of 1500000")
    assert seen[-1] == (1.5, 3, "Downloading torch-2.13.0-py3-none-any.whl: 0.8 of 1.5 MB (50%)")
    progress.line("[1/2] Progress 1500000 of 1500000 bytes")  # a newer pip's spelling
    assert seen[-1][0] == 2.0 and "(100%)" in seen[-1][2]
    progress.line("Progress 300000 of ? bytes")  # no Content-Length
    assert seen[-1][2] == "Downloading torch-2.13.0-py3-none-any.whl: 0.3 MB"
    assert not any(line.startswith(("Progress", "[1/2]")) for line in logged)  # not log noise
    progress.line("Installing collected packages: torch")
    assert seen[-1][:2] == (2, 3)


def gpu_plan(compute: str) -> Plan:
    url = f"https://download.pytorch.org/whl/{compute}"
    return Plan(
        compute=compute,
        torch="2.13.0",
        packages={"torch": "2.13.0"},
        index_url=url,
        index_mode="index-url",
        commands=[["python", "-m", "pip", "install", "torch==2.13.0", "--index-url", url]],
        steps=["install", "verify"],
    )


@pytest.mark.parametrize(
    ("installed", "compute", "replaced"),
    [
        (TorchInfo("2.13.0+rocm7.2", hip="7.2.26015"), "rocm7.2", False),
        (TorchInfo("2.13.0", hip="7.1.25424"), "rocm7.2", True),  # a build without its tag
        (TorchInfo("2.13.0", hip="7.2.26015"), "rocm7.2", False),
        (TorchInfo("2.13.0+cpu"), "rocm7.2", True),
        (TorchInfo("2.13.0+xpu"), "xpu", False),
        (TorchInfo("2.13.0+cpu"), "xpu", True),
    ],
)
def test_rocm_and_xpu_builds_are_told_apart_from_what_is_installed(installed, compute, replaced):
    assert replaces_other_build(installed, gpu_plan(compute)) is replaced


def test_rocm_and_xpu_builds_need_room_like_gpu_builds(tmp_path, monkeypatch):
    python = tmp_path / "bin" / "python"
    python.parent.mkdir()
    for kind, compute in (("rocm", "rocm7.2"), ("xpu", "xpu")):
        monkeypatch.setitem(install_step.NEED_MIB, kind, 10**12)
        with pytest.raises(InstallError, match="Not enough free space"):
            check_space(InstallRequest(str(python), gpu_plan(compute)))
    check_space(InstallRequest(str(python), gpu_plan("mps")))  # sized as the CPU build


def test_wheelhouse_drops_the_xpu_tag_too():
    plan = gpu_plan("xpu")
    plan.commands = [["python", "-m", "pip", "install", "torch==2.13.0+xpu"]]
    command = build_command(InstallRequest(PY, plan, find_links="/srv/wheels"))
    assert "torch==2.13.0" in command and "--no-index" in command
