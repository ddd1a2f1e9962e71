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
from app.steps.verify import SCHEMA, find_nvcc, run_probe, verify


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
