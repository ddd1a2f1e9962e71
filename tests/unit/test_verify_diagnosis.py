"""diagnose() rules, each fed a probe output shaped exactly like PROBE's (tests/fixtures/verify).

Files named *_recorded.json were written by run_probe() on this machine; the others follow the
same shape with the values those machines report (torch's own warning and error texts).
"""

from __future__ import annotations

import ast
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from app.steps.verify import (
    PROBE,
    SCHEMA,
    VerifyReport,
    diagnose,
    has_kernels,
    parse_arch_list,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "verify"
RTX3060 = [{"vendor": "nvidia", "name": "NVIDIA GeForce RTX 3060", "compute_capability": "8.6"}]
GTX1080TI = [
    {"vendor": "nvidia", "name": "NVIDIA GeForce GTX 1080 Ti", "compute_capability": "6.1"}
]
WIN_PY = r"C:\Users\me\venv\Scripts\python.exe"
LINUX_PY = "/home/me/venv/bin/python"
CONTRACT_KEYS = [
    "schema",
    "python",
    "torch",
    "cuda_available",
    "devices",
    "nvcc",
    "ok",
    "findings",
    "extra",
]


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def codes(report: VerifyReport) -> list[str]:
    return [f.code for f in report.findings]


def finding(report: VerifyReport, code: str):
    found = [f for f in report.findings if f.code == code]
    assert found, f"{code} not in {codes(report)}"
    assert found[0].message.strip()
    return found[0]


def check_contract(report: VerifyReport) -> None:
    data = report.to_dict()
    assert list(data) == CONTRACT_KEYS
    assert data["schema"] == SCHEMA
    for item in data["findings"]:
        assert list(item) == ["code", "severity", "message", "fix"]
        assert item["severity"] in ("info", "warning", "error")
        assert item["message"]
    for device in data["devices"]:
        assert {"name", "capability", "kernels", "computed"} <= set(device)
    json.loads(report.to_json())  # serializable as is


def test_probe_is_python38_syntax_and_prints_the_marker():
    ast.parse(PROBE, feature_version=(3, 8))
    assert "PYTORCH_SETUP_VERIFY " in PROBE


def test_working_rtx3060_cu121():
    report = diagnose(load("windows_rtx3060_cu121_ok.json"), python=WIN_PY, gpus_expected=RTX3060)
    check_contract(report)
    assert report.ok is True
    assert report.cuda_available is True
    assert report.torch == {"version": "2.5.1+cu121", "cuda": "12.1", "cudnn": 90100}
    assert report.devices == [
        {
            "name": "NVIDIA GeForce RTX 3060",
            "capability": "8.6",
            "kernels": True,
            "computed": True,
            "memory_mib": 12287,
        }
    ]
    assert [f for f in report.findings if f.severity != "info"] == []
    assert report.extra["torchvision"] == "0.20.1+cu121"
    assert report.extra["torchaudio"] == "2.5.1+cu121"
    assert report.extra["driver_cuda"] == "12.6"


def test_cpu_build_without_gpu_is_ok_recorded():
    raw = load("linux_cpu_2.13.0_recorded.json")
    report = diagnose(raw, python=raw["python"]["executable"], gpus_expected=[])
    check_contract(report)
    assert report.ok is True
    assert report.torch == {"version": "2.13.0+cpu", "cuda": None, "cudnn": None}
    assert report.cuda_available is False and report.devices == []
    info = finding(report, "cpu_build_no_gpu")
    assert info.severity == "info" and info.fix is None


def test_cpu_build_with_an_nvidia_gpu():
    report = diagnose(load("windows_rtx3060_cpu_build.json"), python=WIN_PY, gpus_expected=RTX3060)
    check_contract(report)
    assert report.ok is False
    error = finding(report, "cpu_build_with_gpu")
    assert error.severity == "error"
    assert "RTX 3060" in error.message
    assert error.fix == {
        "action": "reinstall",
        "compute": "auto",
        "label": "Reinstall with a CUDA build",
    }
    assert "cpu_build_no_gpu" not in codes(report)


def test_gtx1080ti_without_kernels_in_a_cu130_build():
    raw = load("linux_gtx1080ti_cu130_no_kernel.json")
    report = diagnose(raw, python=LINUX_PY, gpus_expected=GTX1080TI)
    check_contract(report)
    assert report.ok is False
    assert report.cuda_available is True
    (device,) = report.devices
    assert device["kernels"] is False and device["computed"] is False
    assert "no kernel image" in device["error"]
    error = finding(report, "arch_missing")
    assert error.severity == "error"
    assert "GTX 1080 Ti" in error.message and "sm_61" in error.message
    assert "sm_75" in error.message  # names what the build does carry
    assert error.fix["action"] == "reinstall" and error.fix["compute"] == "auto"
    assert "kernel_failed" not in codes(report)  # one cause, one finding


def test_old_driver_470_with_a_cu126_build():
    raw = load("linux_driver470_cu126.json")
    gpus = [{"vendor": "nvidia", "name": "NVIDIA GeForce RTX 2070", "compute_capability": "7.5"}]
    report = diagnose(raw, python=LINUX_PY, gpus_expected=gpus)
    check_contract(report)
    assert report.ok is False
    error = finding(report, "driver_too_old")
    assert error.severity == "error"
    assert "470.256.02" in error.message and "525.60.13" in error.message
    assert "11.4" in error.message
    assert error.fix["action"] == "link" and "nvidia.com" in error.fix["url"]
    assert "cuda_unavailable" not in codes(report)


def test_old_driver_known_only_from_the_scan_on_windows():
    raw = load("windows_rtx3060_cpu_build.json")
    raw["torch"].update(version="2.6.0+cu126", cuda="12.6")
    report = diagnose(
        raw, python=WIN_PY, gpus_expected=RTX3060, driver={"version": "472.12", "cuda": "11.4"}
    )
    error = finding(report, "driver_too_old")
    assert "528.33" in error.message  # the Windows minimum for CUDA 12.x
    assert "472.12" in error.message


def test_cuda_visible_devices_empty_hides_the_gpu():
    raw = load("windows_rtx3060_cuda_visible_empty.json")
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060)
    check_contract(report)
    assert report.ok is False
    error = finding(report, "cuda_visible_devices_hides")
    assert error.severity == "error"
    assert "CUDA_VISIBLE_DEVICES" in error.message
    assert error.fix["action"] == "command"
    assert error.fix["command"] == ["set", "CUDA_VISIBLE_DEVICES="]
    assert "cuda_unavailable" not in codes(report)


@pytest.mark.parametrize("value", ["-1", "1", "3,0"])
def test_cuda_visible_devices_naming_no_existing_gpu(value):
    raw = load("windows_rtx3060_cuda_visible_empty.json")
    raw["env"]["CUDA_VISIBLE_DEVICES"] = value
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060)
    assert finding(report, "cuda_visible_devices_hides").severity == "error"


def test_cuda_visible_devices_partly_beyond_the_count_is_a_warning():
    raw = load("windows_rtx3060_cu121_ok.json")
    raw["env"]["CUDA_VISIBLE_DEVICES"] = "0,1"
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060)
    assert finding(report, "cuda_visible_devices_hides").severity == "warning"
    assert report.ok is True


def test_wsl_without_the_windows_driver_libraries():
    raw = load("wsl_no_driver_libs.json")
    # NVML cannot work without those libraries either, so the scan saw no GPU.
    report = diagnose(raw, python=LINUX_PY, gpus_expected=[])
    check_contract(report)
    assert report.ok is False
    error = finding(report, "wsl_no_driver_libs")
    assert error.severity == "error"
    assert "Windows" in error.message and "/usr/lib/wsl/lib/libcuda.so" in error.message
    assert error.fix["action"] == "link"
    assert "cuda_build_no_gpu" not in codes(report)


def test_wsl_told_by_environ_alone():
    raw = load("wsl_no_driver_libs.json")
    raw["system"]["osrelease"] = "5.15.0"
    raw["env"]["WSL_DISTRO_NAME"] = None
    plain = diagnose(raw, python=LINUX_PY, gpus_expected=RTX3060)
    assert "wsl_no_driver_libs" not in codes(plain)
    wsl = diagnose(
        raw, python=LINUX_PY, gpus_expected=RTX3060, environ={"WSL_DISTRO_NAME": "Ubuntu"}
    )
    assert "wsl_no_driver_libs" in codes(wsl)


def test_windows_dll_load_failure():
    report = diagnose(load("windows_dll_load_failed.json"), python=WIN_PY, gpus_expected=RTX3060)
    check_contract(report)
    assert report.ok is False and report.torch is None
    error = finding(report, "dll_load_failed")
    assert error.severity == "error"
    assert "WinError 126" in error.message  # the exception text is shown
    assert error.fix == {
        "action": "link",
        "url": "https://aka.ms/vs/17/release/vc_redist.x64.exe",
        "label": "Get the VC++ runtime",
    }


def test_other_import_failure():
    raw = load("windows_dll_load_failed.json")
    raw["python"].update(platform="linux", os_name="posix")
    raw["import_error"] = {
        "type": "ImportError",
        "name": None,
        "message": "libcudnn.so.9: cannot open shared object file: No such file or directory",
    }
    report = diagnose(raw, python=LINUX_PY)
    error = finding(report, "import_failed")
    assert error.severity == "error" and "libcudnn.so.9" in error.message
    assert error.fix["action"] == "reinstall"


def test_torch_missing_recorded():
    raw = load("linux_no_torch_recorded.json")
    report = diagnose(raw, python=raw["python"]["executable"], gpus_expected=[])
    check_contract(report)
    assert report.ok is False and report.torch is None
    error = finding(report, "torch_missing")
    assert error.severity == "error"
    assert error.fix["action"] == "reinstall"


def test_torchvision_nms_missing():
    raw = load("windows_rtx3060_vision_nms_missing.json")
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060)
    check_contract(report)
    assert report.ok is False  # torch works, but torchvision does not
    assert report.cuda_available is True
    error = finding(report, "vision_mismatch")
    assert error.severity == "error"
    assert "torchvision::nms does not exist" in error.message
    assert "0.20.1" in error.message
    assert error.fix["action"] == "command"
    assert error.fix["command"] == [
        WIN_PY,
        "-m",
        "pip",
        "install",
        "--force-reinstall",  # the same version broken: a plain install would change nothing
        "--no-deps",  # and the working torch stays
        "torchvision==0.20.1",
        "--index-url",
        "https://download.pytorch.org/whl/cu121",
    ]
    assert error.fix["run"] is True  # the page runs it, then checks again


def test_torchvision_version_pair_wrong_but_working_is_a_warning():
    raw = load("windows_rtx3060_cu121_ok.json")
    raw["torchvision"] = {"version": "0.19.1+cu121", "nms_ok": True, "error": None}
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060)
    assert finding(report, "vision_mismatch").severity == "warning"
    assert report.ok is True


def test_two_torch_installs():
    raw = load("linux_two_torch_installs.json")
    report = diagnose(raw, python="/usr/bin/python3", gpus_expected=[])
    check_contract(report)
    warning = finding(report, "several_torch")
    assert warning.severity == "warning"
    assert "2.5.1+cpu" in warning.message and "2.4.0" in warning.message
    assert ".local" in warning.message  # says which one Python loads
    assert warning.fix["action"] == "command"
    assert warning.fix["command"] == ["/usr/bin/python3", "-m", "pip", "uninstall", "-y", "torch"]
    assert report.ok is True  # it works; the warning is about what may break


def test_probe_timeout():
    report = diagnose(load("probe_timeout_cuda_init.json"), python=LINUX_PY)
    check_contract(report)
    assert report.ok is False and report.torch is None
    error = finding(report, "probe_timeout")
    assert error.severity == "error"
    assert "CUDA" in error.message


def test_probe_that_could_not_start():
    raw = {"probe_error": "Could not start x: the program was not found.", "timed_out": False}
    report = diagnose(raw, python="/nowhere/python")
    failed = finding(report, "probe_failed")
    assert failed.severity == "error"
    assert report.ok is False
    assert failed.message.startswith(
        "Python at /nowhere/python could not run the check. Could not start x: the program was"
    )
    assert ".." not in failed.message


def test_cuda_build_with_gpu_but_not_available():
    raw = load("windows_rtx3060_cuda_visible_empty.json")
    raw["env"]["CUDA_VISIBLE_DEVICES"] = None
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060)
    error = finding(report, "cuda_unavailable")
    assert error.severity == "error" and error.fix["action"] == "link"
    assert report.ok is False


def test_cuda_build_on_a_machine_without_gpu_is_ok():
    raw = load("windows_rtx3060_cuda_visible_empty.json")
    raw["env"]["CUDA_VISIBLE_DEVICES"] = None
    report = diagnose(raw, python=WIN_PY, gpus_expected=[])
    assert report.ok is True
    assert finding(report, "cuda_build_no_gpu").severity == "info"


def test_cuda_build_without_a_scan_expects_the_gpu():
    raw = load("windows_rtx3060_cuda_visible_empty.json")
    raw["env"]["CUDA_VISIBLE_DEVICES"] = None
    report = diagnose(raw, python=WIN_PY, gpus_expected=None)
    assert "cuda_unavailable" in codes(report) and report.ok is False


def test_wrong_result_is_kernel_failed():
    raw = load("windows_rtx3060_cu121_ok.json")
    raw["devices"][0].update(matmul_ok=False, matmul_max_diff=3.5, conv_ok=None)
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060)
    error = finding(report, "kernel_failed")
    assert error.severity == "error" and report.ok is False
    assert report.devices[0]["computed"] is False and report.devices[0]["kernels"] is True


def test_kernel_error_out_of_memory_has_no_driver_fix():
    raw = load("windows_rtx3060_cu121_ok.json")
    raw["devices"][0].update(
        matmul_ok=False, matmul_error="OutOfMemoryError: CUDA out of memory.", conv_ok=None
    )
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060)
    error = finding(report, "kernel_failed")
    assert "memory is full" in error.message and error.fix is None


def test_cudnn_failure_is_a_warning():
    raw = load("windows_rtx3060_cu121_ok.json")
    raw["devices"][0].update(
        conv_ok=False, conv_error="RuntimeError: cuDNN error: CUDNN_STATUS_NOT_INITIALIZED"
    )
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060)
    warning = finding(report, "cudnn_failed")
    assert warning.severity == "warning"
    assert warning.fix == {
        "action": "reinstall",
        "compute": "cu121",
        "label": "Reinstall with the cu121 build",
    }
    assert report.ok is True  # plain GPU math works


def test_nvcc_found_is_info_and_absent_is_nothing():
    raw = load("windows_rtx3060_cu121_ok.json")
    nvcc = {"version": "13.0", "path": r"C:\CUDA\v13.0\bin\nvcc.exe"}
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060, nvcc=nvcc)
    info = finding(report, "nvcc_found")
    assert info.severity == "info" and "12.x" in info.message  # build is CUDA 12.1
    assert report.nvcc == nvcc and report.to_dict()["nvcc"] == nvcc
    plain = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060)
    assert plain.nvcc is None and "nvcc_found" not in codes(plain)


def test_an_nvcc_that_cannot_compile_is_a_warning_not_a_failure():
    """CUDA 13 without its crt part: nvcc --version answers, a compile fails. PyTorch itself is
    unaffected (its wheels bring their own CUDA), so the check stays ok."""
    raw = load("windows_rtx3060_cu121_ok.json")
    message = r"C:\CUDA\v13.0\bin\nvcc.exe cannot compile: the CUDA CRT headers are missing."
    nvcc = {
        "version": "13.0",
        "path": r"C:\CUDA\v13.0\bin\nvcc.exe",
        "compiles": False,
        "problem": "crt_missing",
        "message": message,
    }
    report = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060, nvcc=nvcc)
    warning = finding(report, "nvcc_cannot_compile")
    assert warning.severity == "warning" and warning.message == message
    assert report.ok is True and report.to_dict()["nvcc"]["compiles"] is False
    fine = diagnose(raw, python=WIN_PY, gpus_expected=RTX3060, nvcc={**nvcc, "compiles": True})
    assert "nvcc_cannot_compile" not in codes(fine)


def test_report_passes_through_json_unchanged():
    raw = load("linux_gtx1080ti_cu130_no_kernel.json")
    report = diagnose(copy.deepcopy(raw), python=LINUX_PY, gpus_expected=GTX1080TI)
    assert json.loads(report.to_json()) == report.to_dict()


@pytest.mark.parametrize(
    ("capability", "archs", "expected"),
    [
        ("8.6", ["sm_80", "sm_90"], True),  # same-major cubin, lower minor
        ("8.0", ["sm_86"], False),  # a higher minor does not run on a lower one
        ("6.1", ["sm_75", "sm_80", "compute_120"], False),
        ("12.0", ["sm_80", "sm_90", "compute_90"], True),  # PTX JIT
        ("9.0", ["sm_90a"], True),  # arch-specific: exact capability
        ("10.0", ["sm_90a"], False),
        ("12.0", ["sm_100", "sm_120"], True),  # three-digit sm
        ("8.6", [], None),  # unknown: no list (CUDA unavailable)
    ],
)
def test_has_kernels(capability, archs, expected):
    assert has_kernels(capability, archs) is expected


def test_parse_arch_list():
    cubins, specific, ptx = parse_arch_list(["sm_50", "sm_120", "sm_90a", "compute_90", "gfx90a"])
    assert [str(v) for v in cubins] == ["5.0", "12.0"]
    assert [str(v) for v in specific] == ["9.0"]
    assert [str(v) for v in ptx] == ["9.0"]


def test_cpu_build_chosen_on_purpose_is_not_an_error():
    raw = load("windows_rtx3060_cpu_build.json")
    gpus = [{"vendor": "nvidia", "name": "NVIDIA GeForce RTX 3060", "compute_capability": "8.6"}]
    report = diagnose(raw, python="python", gpus_expected=gpus, cpu_chosen=True)
    assert report.ok
    assert "cpu_build_chosen" in report.codes() and "cpu_build_with_gpu" not in report.codes()
    assert not diagnose(raw, python="python", gpus_expected=gpus).ok
