"""Scan rows and their ok / warning / problem judgements."""

from __future__ import annotations

from app.profile import (
    GPU,
    Disk,
    Driver,
    OSInfo,
    ProbeNote,
    PythonEnv,
    SystemProfile,
    Toolkit,
    TorchInfo,
)
from app.scan.summary import OK, PROBLEM, WARNING, render_text, summarize


def profile(**changes) -> SystemProfile:
    base = SystemProfile(
        os=OSInfo("windows", "10.0.22631", False, "Windows 11"),
        arch="x86_64",
        python=PythonEnv("3.12.4", r"C:\venv\Scripts\python.exe", "venv", 64),
        gpus=[GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6", memory_mib=12288, index=0)],
        driver=Driver("537.13", "12.2"),
        disks={"home": Disk(r"C:\Users\me", 200_000)},
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def rows_by_key(p: SystemProfile) -> dict:
    return {row.key: row for row in summarize(p)}


def test_healthy_nvidia_pc():
    rows = rows_by_key(profile())
    assert all(row.status == OK for row in rows.values())
    assert rows["gpu0"].value == "NVIDIA GeForce RTX 3060 (compute capability 8.6, 12.0 GB)"
    assert rows["driver"].value == "537.13, runs CUDA ≤ 12.2 builds"
    assert "bring their own CUDA runtime" in rows["toolkits"].detail


def test_cpu_torch_on_an_nvidia_pc_is_a_warning():
    rows = rows_by_key(profile(torch=TorchInfo("2.13.0+cpu", None)))
    assert rows["torch"].status == WARNING
    assert "CPU-only" in rows["torch"].detail


def test_gpu_without_driver_is_a_problem_and_no_gpu_a_warning_with_reason():
    assert rows_by_key(profile(driver=None))["driver"].status == PROBLEM
    no_gpu = profile(
        gpus=[], driver=None, probes=[ProbeNote("gpu", "missing", "No NVIDIA driver is installed.")]
    )
    rows = rows_by_key(no_gpu)
    assert rows["gpu"].status == WARNING
    assert rows["gpu"].detail.startswith("No NVIDIA driver is installed.")
    assert rows["driver"].status == OK


def test_low_disk_and_32_bit_python():
    rows = rows_by_key(profile(disks={"home": Disk("/home/me", 3000)}))
    assert rows["disk"].status == PROBLEM
    bad = PythonEnv("3.12.4", "python.exe", bits=32, problems=["32-bit Python: no builds."])
    assert rows_by_key(profile(python=bad))["python"].status == PROBLEM


def test_intel_mac_and_apple_silicon():
    intel = profile(os=OSInfo("macos", "13.6"), arch="x86_64", gpus=[], driver=None)
    assert rows_by_key(intel)["arch"].status == WARNING
    silicon = profile(os=OSInfo("macos", "14.5"), arch="arm64", gpus=[], driver=None)
    assert rows_by_key(silicon)["gpu"].value == "Apple silicon"


def test_probe_timeouts_become_rows_and_text_is_ascii_marked():
    p = profile(
        probes=[ProbeNote("toolkits", "timeout", "did not answer within 8 s")],
        toolkits=[Toolkit("12.6", r"C:\CUDA\v12.6", "12.6.3", r"C:\CUDA\v12.6\bin\nvcc.exe")],
    )
    rows = rows_by_key(p)
    assert rows["probe-toolkits"].status == WARNING
    text = render_text(summarize(p))
    assert "[warn] Scan: toolkits" in text
    assert "[ ok ] CUDA toolkit" in text
