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


def test_each_vendor_gets_its_own_row_label_and_mark():
    linux = OSInfo("linux", "24.04", False, "Ubuntu 24.04")
    gpus = [
        GPU("NVIDIA GeForce RTX 4060 Laptop GPU", compute_capability="8.9", index=0),
        GPU(
            "Intel Arc Graphics",
            vendor="intel",
            arch="meteor-lake",
            pci_id="8086:7d55",
            integrated=True,
            kernel_driver="i915",
        ),
        GPU("AMD Radeon RX 7900 XTX", vendor="amd", arch="gfx1100", memory_mib=24560),
    ]
    rows = summarize(profile(os=linux, gpus=gpus))
    gpu_rows = [r for r in rows if r.key.startswith("gpu")]
    assert [(r.label, r.mark) for r in gpu_rows] == [
        ("NVIDIA GPU", "nvidia"),
        ("Intel GPU", "intel"),
        ("AMD GPU", "amd"),
    ]
    assert gpu_rows[1].value == "Intel Arc Graphics (integrated)"
    assert "PCI id 8086:7d55." in gpu_rows[1].detail
    assert gpu_rows[2].value == "AMD Radeon RX 7900 XTX (gfx1100, 24.0 GB)"
    assert all(r.status == OK for r in gpu_rows)


def test_amd_only_pc_needs_no_nvidia_driver_and_warns_about_a_cpu_torch():
    linux = OSInfo("linux", "24.04", False, "Ubuntu 24.04")
    amd = GPU("AMD Radeon RX 7900 XTX", vendor="amd", arch="gfx1100", kernel_driver="amdgpu")
    rows = rows_by_key(
        profile(os=linux, gpus=[amd], driver=None, torch=TorchInfo("2.13.0+cpu", None))
    )
    assert rows["driver"].status == OK and "Not needed" in rows["driver"].detail
    assert rows["torch"].status == WARNING
    assert "AMD Radeon RX 7900 XTX" in rows["torch"].detail
    rocm = rows_by_key(
        profile(os=linux, gpus=[amd], driver=None, torch=TorchInfo("2.13.0+rocm7.2", hip="7.2.1"))
    )
    assert rocm["torch"].status == OK and rocm["torch"].value == "2.13.0+rocm7.2 (ROCm 7.2.1 build)"


def test_windows_amd_is_said_to_have_no_pytorch_gpu_build_and_a_cpu_torch_is_fine():
    amd = GPU("AMD Radeon RX 7900 XTX", vendor="amd", pci_id="1002:744c", driver_version="32.0.1")
    rows = rows_by_key(profile(gpus=[amd], driver=None, torch=TorchInfo("2.13.0+cpu", None)))
    assert rows["gpu0"].status == OK
    assert rows["gpu0"].detail.startswith("PyTorch publishes no AMD GPU builds for Windows.")
    assert "Driver 32.0.1." in rows["gpu0"].detail
    assert rows["torch"].status == OK


def test_gpu_problems_the_user_can_fix_are_warnings_with_the_fix():
    linux = OSInfo("linux", "24.04", False, "Ubuntu 24.04")
    denied = GPU("AMD Radeon RX 6700 XT", vendor="amd", arch="gfx1031", no_access="/dev/kfd")
    unbound = GPU("AMD GPU (1002:73df)", vendor="amd", found_by="pci")
    nvidia = GPU("NVIDIA GPU (10de:2504)", found_by="pci")
    rows = rows_by_key(profile(os=linux, gpus=[denied, unbound, nvidia], driver=None))
    assert rows["gpu0"].status == WARNING and "usermod -a -G render,video" in rows["gpu0"].detail
    assert rows["gpu1"].status == WARNING and "amdgpu is not loaded" in rows["gpu1"].detail
    assert rows["gpu2"].status == WARNING and "NVIDIA driver" in rows["gpu2"].detail
    assert rows["driver"].status == PROBLEM  # an NVIDIA card without its driver


def test_apple_gpu_row_and_xpu_torch():
    mac = OSInfo("macos", "14.5", False, "macOS 14.5")
    apple = GPU("Apple M2 Pro", vendor="apple", arch="m2", integrated=True)
    rows = rows_by_key(profile(os=mac, arch="arm64", gpus=[apple], driver=None))
    assert (rows["gpu0"].label, rows["gpu0"].mark) == ("Apple GPU", "apple")
    assert "MPS" in rows["gpu0"].detail
    intel = GPU("Intel Arc A770 Graphics", vendor="intel", arch="alchemist")
    xpu = rows_by_key(profile(gpus=[intel], driver=None, torch=TorchInfo("2.13.0+xpu")))
    assert xpu["torch"].value == "2.13.0+xpu (Intel XPU build)" and xpu["torch"].status == OK


def test_a_driver_too_old_for_every_current_cuda_build_is_a_warning_with_the_link():
    from app.compat.knowledge import knowledge

    rows = rows_by_key(profile(driver=Driver("465.89", "11.3")))
    driver = rows["driver"]
    assert driver.status == WARNING and driver.value == "465.89, runs CUDA ≤ 11.3 builds"
    assert "too old for every CUDA build of current PyTorch" in driver.detail
    assert knowledge().driver_download_page in driver.detail
    assert "[warn] NVIDIA driver" in render_text(list(rows.values()))
    # Without the CUDA version the driver's own number decides (Windows numbering here).
    assert rows_by_key(profile(driver=Driver("465.89")))["driver"].status == WARNING
    assert rows_by_key(profile(driver=Driver("560.94")))["driver"].status == OK
