"""verify() against real interpreters: a real torch 2.13.0 (CPU) venv, a venv without torch, fake
torch packages that fail or hang on import, and this machine's nvcc."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from app.events import Cancelled, CancelToken
from app.profile import GPU, OSInfo, PythonEnv, SystemProfile
from app.scan.pythons import interpreter_in
from app.steps.verify import SCHEMA, diagnose, find_nvcc, run_probe, verify


def nvidia_gpus_here() -> list:
    """The NVIDIA GPUs this machine's scan finds (verify scans them too, without a profile)."""
    from app.scan import ScanContext
    from app.scan.gpu import probe

    return probe(ScanContext())["gpus"]


def make_venv(folder: Path, *, pip: bool = False) -> str:
    args = [sys.executable, "-m", "venv", str(folder)]
    if not pip:
        args.insert(3, "--without-pip")  # seconds faster; these venvs never install anything
    subprocess.run(args, check=True, timeout=300)
    return str(interpreter_in(folder))


def site_packages(python: str) -> Path:
    out = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return Path(out.stdout.strip())


def fake_torch(tmp_path: Path, body: str) -> str:
    python = make_venv(tmp_path / "fake env")
    package = site_packages(python) / "torch"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(body, encoding="utf-8")
    return python


def children_running(marker: str) -> list[psutil.Process]:
    """Live processes whose command line mentions marker (a test's own venv path)."""
    found = []
    for process in psutil.process_iter(["cmdline", "status"]):
        try:
            cmdline = " ".join(process.info["cmdline"] or [])
            if marker in cmdline and process.info["status"] != psutil.STATUS_ZOMBIE:
                found.append(process)
        except psutil.Error:
            continue
    return found


@pytest.fixture(scope="session")
def torch_python(tmp_path_factory) -> str:
    """A venv in a folder with a space and Korean, with torch==2.13.0 (a local CPU wheel here)."""
    folder = tmp_path_factory.mktemp("verify") / "토치 검증 env"
    python = make_venv(folder, pip=True)
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "torch==2.13.0"],
        check=True,
        timeout=900,
    )
    return python


@pytest.mark.slow
def test_cpu_torch_venv_verifies_ok(torch_python):
    report = verify(torch_python, timeout=180)
    data = report.to_dict()
    assert data["schema"] == SCHEMA
    assert data["python"] == torch_python
    assert data["torch"]["version"] == "2.13.0+cpu"
    assert data["torch"]["cuda"] is None
    assert data["cuda_available"] is False and data["devices"] == []
    if nvidia_gpus_here():  # a CPU build where the scan finds a GPU: reinstall, not ok
        assert data["ok"] is False and "cpu_build_with_gpu" in report.codes()
    else:
        assert data["ok"] is True and "cpu_build_no_gpu" in report.codes()
    assert data["extra"]["timings"]["import_torch"] > 0
    assert "torch" not in sys.modules  # our own process never imports torch
    # the other vendors' questions are asked and answered "no", without an error
    assert data["extra"]["backend"] == "cpu" and data["extra"]["gpu_available"] is False
    assert data["extra"]["xpu"] == {"built": False, "available": False, "device_count": 0}
    assert data["extra"]["mps"] is False
    assert "probe_errors" not in data["extra"]


@pytest.mark.slow
def test_the_real_probe_answers_for_every_vendor(torch_python):
    raw = run_probe(torch_python, timeout=180)
    assert raw["errors"] == {}, raw["errors"]
    assert raw["torch"]["hip"] is None and raw["torch"]["xpu"] is None
    assert raw["xpu"] in (None, {"built": False, "available": False, "device_count": 0})
    assert raw["mps"] in (None, False) and raw["mps_built"] in (None, False)
    assert raw["devices"] == []
    for name in ("HSA_OVERRIDE_GFX_VERSION", "HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES"):
        assert name in raw["env"]
    system = raw["system"]
    assert system["machine"]
    if sys.platform.startswith("linux"):
        kfd = system["kfd"]
        assert kfd["exists"] is os.path.exists("/dev/kfd")
        if kfd["exists"]:
            assert kfd["rw"] is os.access("/dev/kfd", os.R_OK | os.W_OK)
        import grp
        import pwd

        assert grp.getgrgid(os.getegid()).gr_name in system["groups"]
        assert system["user"] == pwd.getpwuid(os.geteuid()).pw_name
        assert all(node["path"].startswith("/dev/dri/renderD") for node in system["render_nodes"])
    assert raw["timings"]["total"] < 60


# No AMD, Intel or Apple GPU here: this sitecustomize makes the real CPU torch say it has one
# of each (ROCm through torch.cuda, XPU, MPS), so the probe's code for them runs for real and
# meets what a broken device does: every call that needs the device raises.
PRETEND_GPUS = """
import types
import torch

torch.version.hip = "7.2.26015-pretend"
torch.cuda.is_available = lambda: True
torch.cuda.device_count = lambda: 1
torch.cuda.get_arch_list = lambda: ["gfx1030", "gfx1100"]
torch.cuda.get_device_name = lambda i: "AMD Instinct MI210"
torch.cuda.get_device_capability = lambda i: (9, 0)
torch.cuda.get_device_properties = lambda i: types.SimpleNamespace(
    total_memory=64 * 2**30, gcnArchName="gfx90a:sramecc+:xnack-")
torch._C._has_xpu = True
torch.xpu.is_available = lambda: True
torch.xpu.device_count = lambda: 1
torch.xpu.get_device_name = lambda i: "Intel(R) Arc(TM) A770 Graphics"
torch.xpu.get_device_properties = lambda i: types.SimpleNamespace(total_memory=16 * 2**30)
torch.backends.mps.is_built = lambda: True
torch.backends.mps.is_available = lambda: True
"""


@pytest.mark.slow
def test_the_probe_survives_devices_that_fail(torch_python, tmp_path):
    folder = tmp_path / "pretend gpus"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(PRETEND_GPUS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(folder)}
    raw = run_probe(torch_python, timeout=180, env=env)
    assert "probe_error" not in raw, raw.get("output_tail")
    assert raw["torch"]["hip"] == "7.2.26015-pretend"
    assert raw["xpu"] == {"built": True, "available": True, "device_count": 1}
    assert raw["mps"] is True and raw["mps_built"] is True
    rocm, xpu, mps = raw["devices"]
    assert rocm["backend"] == "rocm" and rocm["arch"] == "gfx90a"  # feature suffixes cut off
    assert (rocm["name"], rocm["capability"], rocm["memory_mib"]) == (
        "AMD Instinct MI210",
        "9.0",
        65536,
    )
    assert xpu["backend"] == "xpu" and xpu["name"] == "Intel(R) Arc(TM) A770 Graphics"
    assert xpu["memory_mib"] == 16384
    assert mps["backend"] == "mps"
    for row in (rocm, xpu, mps):  # a CPU build cannot move a tensor there: kept, not raised
        assert row["matmul_ok"] is False and row["matmul_error"], row
    assert {"device0_matmul", "xpu0_matmul", "mps0_matmul"} <= set(raw["timings"])
    report = diagnose(raw, python=torch_python, gpus_expected=None)
    assert report.extra["backend"] == "rocm"
    finding = next(f for f in report.findings if f.code == "rocm_arch_missing")
    assert "(gfx90a)" in finding.message and "gfx1030 gfx1100" in finding.message


@pytest.mark.slow
def test_the_plans_environment_reaches_the_probe(torch_python):
    extra_env = {"HSA_OVERRIDE_GFX_VERSION": "10.3.0", "HIP_VISIBLE_DEVICES": "0"}
    report = verify(torch_python, timeout=180, extra_env=extra_env)
    assert report.extra["environment"] == extra_env
    # recorded by the probe itself, so it was set in its process
    assert report.extra["rocm_env"] == extra_env
    assert "HSA_OVERRIDE_GFX_VERSION" not in os.environ
    if not nvidia_gpus_here():
        assert report.ok is True  # no AMD GPU here: the override changes nothing


@pytest.mark.slow
def test_cpu_torch_with_a_scanned_nvidia_gpu_says_reinstall(torch_python):
    profile = SystemProfile(
        os=OSInfo("linux"),
        arch="x86_64",
        python=PythonEnv("3.11.7", torch_python),
        gpus=[GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6")],
    )
    report = verify(torch_python, profile=profile)
    assert report.ok is False
    assert "cpu_build_with_gpu" in report.codes()


def test_venv_without_torch(tmp_path):
    python = make_venv(tmp_path / "빈 env")
    report = verify(python, timeout=60)
    assert report.ok is False
    assert report.torch is None
    assert "torch_missing" in report.codes()


def test_fake_torch_with_a_dll_failure(tmp_path):
    python = fake_torch(tmp_path, 'raise ImportError("DLL load failed while importing _C")\n')
    report = verify(python, timeout=60)
    assert report.ok is False and report.torch is None
    (finding,) = [f for f in report.findings if f.code in ("import_failed", "dll_load_failed")]
    assert finding.code == "dll_load_failed"
    assert "DLL load failed while importing _C" in finding.message


def test_hanging_import_times_out_and_leaves_no_child(tmp_path):
    python = fake_torch(tmp_path, "import time\ntime.sleep(60)\n")
    started = time.monotonic()
    report = verify(python, timeout=3)
    took = time.monotonic() - started
    assert took < 8, took  # 3 s plus the kill's grace, with room for a slow machine
    assert report.codes() == ["probe_timeout"]
    assert "importing torch" in report.findings[0].message
    assert report.ok is False
    assert children_running(str(tmp_path / "fake env")) == []


def test_cancel_ends_the_probe(tmp_path):
    python = fake_torch(tmp_path, "import time\ntime.sleep(60)\n")
    cancel = CancelToken()
    threading.Timer(1.0, cancel.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        verify(python, cancel=cancel, timeout=60)
    assert time.monotonic() - started < 8
    assert children_running(str(tmp_path / "fake env")) == []


@pytest.mark.skipif(os.name == "nt", reason="uses a #! script")
def test_garbage_instead_of_python(tmp_path):
    script = tmp_path / "not python"
    script.write_text("#!/bin/sh\necho hello\n", encoding="utf-8")
    script.chmod(0o755)
    raw = run_probe(str(script), timeout=30)
    assert "probe_error" in raw and raw["timed_out"] is False
    missing = run_probe(str(tmp_path / "nowhere" / "python"), timeout=30)
    assert "probe_error" in missing
    report = verify(str(tmp_path / "nowhere" / "python"))
    assert report.ok is False and report.codes() == ["probe_failed"]


@pytest.mark.skipif(shutil.which("nvcc") is None, reason="no nvcc on PATH")
def test_real_nvcc_is_found():
    real = shutil.which("nvcc")
    said = subprocess.run([real, "--version"], capture_output=True, text=True, timeout=60)
    release = re.search(r"release (\d+\.\d+)", said.stdout)
    assert release, said.stdout + said.stderr
    nvcc = find_nvcc(os.environ)
    assert nvcc is not None
    assert nvcc["path"] == real
    assert nvcc["version"] == release.group(1)  # whichever CUDA this machine has


def test_nvcc_from_cuda_home_when_not_on_path(tmp_path):
    real = shutil.which("nvcc")
    if real is None:
        pytest.skip("no nvcc on PATH")
    home = tmp_path / "cuda"
    (home / "bin").mkdir(parents=True)
    (home / "bin" / Path(real).name).symlink_to(real)
    nvcc = find_nvcc({"PATH": str(tmp_path / "empty"), "CUDA_HOME": str(home)})
    assert nvcc is not None and nvcc["path"].startswith(str(home))
    assert find_nvcc({"PATH": str(tmp_path / "empty")}) is None
