"""diagnose() for AMD (ROCm), Intel (XPU) and Apple (MPS): one table row per recorded probe output
(tests/fixtures/verify, each file's _source says what it is shaped from), then the rules' edges
by changing one value of a fixture. The expected GPUs are the scan's, as verify() passes them."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from app.compat.knowledge import resource
from app.profile import GPU
from app.steps.verify import PROBE, VerifyReport, diagnose
from app.steps.verify_view import markdown, rows_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "verify"
ACCELERATORS = resource("accelerators")


def gpu(name: str, vendor: str, **fields: Any) -> dict[str, Any]:
    return asdict(GPU(name, vendor=vendor, **fields))


XTX = gpu(
    "AMD Radeon RX 7900 XTX",
    "amd",
    arch="gfx1100",
    pci_id="1002:744c",
    kernel_driver="amdgpu",
    found_by="kfd",
)
RX6700XT = gpu(
    "AMD Radeon RX 6700 XT",
    "amd",
    arch="gfx1031",
    pci_id="1002:73df",
    kernel_driver="amdgpu",
    found_by="kfd",
)
RX7800XT_UNBOUND = gpu("AMD Radeon RX 7800 XT", "amd", pci_id="1002:747e", found_by="pci")
RX7800XT_WINDOWS = gpu(
    "AMD Radeon RX 7800 XT",
    "amd",
    pci_id="1002:747e",
    driver_version="32.0.12019.1028",
    found_by="registry",
)
ARC_LINUX = gpu(
    "Intel Arc A770",
    "intel",
    arch="alchemist",
    pci_id="8086:56a0",
    kernel_driver="i915",
    integrated=False,
    found_by="pci",
)
ARC_WINDOWS = gpu(
    "Intel(R) Arc(TM) A770 Graphics",
    "intel",
    arch="alchemist",
    pci_id="8086:56a0",
    driver_version="31.0.101.4091",
    integrated=False,
    found_by="registry",
)
UHD630 = gpu("Intel UHD Graphics 630", "intel", pci_id="8086:3e92", integrated=True)
M2 = gpu("Apple M2", "apple", arch="m2", integrated=True, found_by="system")
M1 = gpu("Apple M1", "apple", arch="m1", integrated=True, found_by="system")
RTX3060 = gpu("NVIDIA GeForce RTX 3060", "nvidia", compute_capability="8.6")


def load(name: str) -> dict[str, Any]:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    assert data.pop("_source").strip()  # every made-up fixture says what it is built from
    return data


def run(name: str, gpus: list[dict[str, Any]] | None, **kwargs: Any) -> VerifyReport:
    raw = load(name) if isinstance(name, str) else name
    return diagnose(raw, python=raw["python"]["executable"], gpus_expected=gpus, **kwargs)


def only(report: VerifyReport, code: str):
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1, f"{code} in {report.codes()}"
    return found[0]


def link(url: str) -> dict[str, Any]:
    return {"action": "link", "url": url}


ROCM_GUIDE = ACCELERATORS["rocm"]["driver_page"]
INTEL_WINDOWS = ACCELERATORS["xpu"]["driver_page"]["windows"]
AMD_PREVIEW = ACCELERATORS["amd_windows"]["preview"]["page"]

# fixture, scan's GPUs, the finding (None: no finding but info), its severity, report.ok,
# a phrase of its message, what its fix holds
TABLE = [
    ("linux_rx7900xtx_rocm7.2_ok.json", [XTX], None, None, True, None, None),
    (
        "linux_rx6700xt_rocm7.2_invalid_device_function.json",
        [RX6700XT],
        "rocm_arch_missing",
        "error",
        False,
        "HSA_OVERRIDE_GFX_VERSION=10.3.0",
        {"action": "command", "command": ["export", "HSA_OVERRIDE_GFX_VERSION=10.3.0"]},
    ),
    (
        "linux_rocm_kfd_no_access.json",
        [XTX],
        "rocm_no_access",
        "error",
        False,
        "these groups may: render, video",
        {"action": "command", "command": ["sudo", "usermod", "-a", "-G", "render,video", "me"]},
    ),
    (
        "linux_rocm_no_kfd.json",
        [RX7800XT_UNBOUND],
        "rocm_no_driver",
        "error",
        False,
        "amdgpu kernel driver",
        link(ROCM_GUIDE),
    ),
    ("linux_arc_a770_xpu_ok.json", [ARC_LINUX], None, None, True, None, None),
    (
        "windows_arc_xpu_unavailable.json",
        [ARC_WINDOWS],
        "xpu_unavailable",
        "error",
        False,
        "Intel GPU driver",
        link(INTEL_WINDOWS),
    ),
    ("macos14_m2_mps_ok.json", [M2], None, None, True, None, None),
    (
        "macos12_m1_mps_unavailable.json",
        [M1],
        "mps_unavailable",
        "error",
        False,
        "macOS 12.3 or newer and this Mac has macOS 12.0.1",
        link("https://developer.apple.com/metal/pytorch/"),
    ),
    (
        "linux_cpu_build_radeon.json",
        [XTX],
        "cpu_build_with_gpu",
        "error",
        False,
        "Reinstall PyTorch with a ROCm build",
        {"action": "reinstall", "compute": "auto", "label": "Reinstall with a ROCm build"},
    ),
    (
        "windows_cpu_build_amd.json",
        [RX7800XT_WINDOWS],
        "amd_windows_no_build",
        "info",
        True,
        "ROCm builds for Linux only",
        link(AMD_PREVIEW),
    ),
]


@pytest.mark.parametrize(
    ("name", "gpus", "code", "severity", "ok", "phrase", "fix"),
    TABLE,
    ids=[row[0].removesuffix(".json") for row in TABLE],
)
def test_vendor_fixture(name, gpus, code, severity, ok, phrase, fix):
    report = run(name, gpus)
    assert report.ok is ok, report.codes()
    data = report.to_dict()
    json.loads(report.to_json())
    if code is None:
        assert [f.severity for f in report.findings if f.severity != "info"] == []
        assert data["devices"] and all(d["computed"] is True for d in data["devices"])
        return
    finding = only(report, code)
    assert finding.severity == severity
    assert phrase in finding.message
    assert "NVIDIA" not in finding.message  # other vendors' users are never sent to NVIDIA
    assert finding.fix is not None and finding.fix["label"]
    assert {k: finding.fix[k] for k in fix} == fix
    if severity == "error":
        assert [f.code for f in report.findings if f.severity == "error"] == [code]


def test_working_rocm_device_row():
    report = run("linux_rx7900xtx_rocm7.2_ok.json", [XTX])
    assert report.cuda_available is True  # ROCm answers through torch.cuda
    assert report.torch == {
        "version": "2.13.0+rocm7.2",
        "cuda": None,
        "cudnn": None,
        "hip": "7.2.26015-fc0010cf6a",
    }
    (device,) = report.devices
    assert device["backend"] == "rocm" and device["arch"] == "gfx1100"
    assert device["kernels"] is True and device["computed"] is True
    assert report.extra["backend"] == "rocm" and report.extra["gpu_available"] is True
    assert report.extra["driver_cuda"] is None  # HIP's driver number is no CUDA version


def test_rocm_arch_missing_names_card_gfx_and_the_builds_list():
    report = run("linux_rx6700xt_rocm7.2_invalid_device_function.json", [RX6700XT])
    finding = only(report, "rocm_arch_missing")
    assert "RX 6700 XT" in finding.message and "(gfx1031)" in finding.message
    assert "gfx1030 gfx1100" in finding.message  # the build's own list
    assert "unsupported by AMD" in finding.message and "gfx1030." in finding.message
    assert report.devices[0]["kernels"] is False
    assert "kernel_failed" not in report.codes()  # one cause, one finding


def test_override_already_set_and_still_failing():
    raw = load("linux_rx6700xt_rocm7.2_invalid_device_function.json")
    raw["env"]["HSA_OVERRIDE_GFX_VERSION"] = "11.0.0"
    report = run(raw, [RX6700XT])
    finding = only(report, "rocm_arch_missing")
    assert "is set to 11.0.0 and the card still fails" in finding.message
    assert finding.fix["action"] == "reinstall" and finding.fix["compute"] == "cpu"
    note = only(report, "rocm_override_set")
    assert note.severity == "info" and "gfx1100" in note.message
    assert report.extra["rocm_env"] == {"HSA_OVERRIDE_GFX_VERSION": "11.0.0"}


def test_override_known_to_hang_is_not_offered():
    raw = load("linux_rx6700xt_rocm7.2_invalid_device_function.json")
    raw["devices"][0].update(name="AMD Radeon 780M", arch="gfx1103")
    finding = only(run(raw, None), "rocm_arch_missing")
    assert ACCELERATORS["rocm"]["overrides"]["gfx1103"]["works"] is False
    assert "known to fail on gfx1103" in finding.message and "hang" in finding.message
    assert "export" not in json.dumps(finding.fix)
    assert finding.fix == {"action": "reinstall", "compute": "cpu", "label": "Use the CPU build"}


def test_no_workaround_known():
    raw = load("linux_rx6700xt_rocm7.2_invalid_device_function.json")
    raw["devices"][0].update(name="AMD Radeon Pro W5500", arch="gfx1013")
    finding = only(run(raw, None), "rocm_arch_missing")
    assert "No workaround is known" in finding.message
    assert finding.fix["compute"] == "cpu"


@pytest.mark.parametrize(
    "error",
    [
        "RuntimeError: HIP error: hipErrorNoBinaryForGpu: Unable to find code object for all "
        "current devices!",
        "RuntimeError: HSA_STATUS_ERROR_INVALID_ISA: The instruction set architecture is invalid.",
    ],
)
def test_arch_from_the_scan_when_the_probe_has_none(error):
    raw = load("linux_rx6700xt_rocm7.2_invalid_device_function.json")
    del raw["devices"][0]["arch"]
    raw["devices"][0]["matmul_error"] = error
    raw["cuda"]["arch_list"] = []  # the error text alone tells
    report = run(raw, [RX6700XT])
    assert report.devices[0]["arch"] == "gfx1031"
    assert "(gfx1031)" in only(report, "rocm_arch_missing").message


def test_an_override_that_works_is_ok_and_said():
    raw = load("linux_rx6700xt_rocm7.2_invalid_device_function.json")
    raw["env"]["HSA_OVERRIDE_GFX_VERSION"] = "10.3.0"
    raw["devices"][0].update(arch="gfx1030", matmul_ok=True, conv_ok=True)
    del raw["devices"][0]["matmul_error"]
    report = run(raw, [RX6700XT])
    assert report.ok is True
    note = only(report, "rocm_override_set")
    assert note.severity == "info" and "gfx1030" in note.message


def test_override_with_two_amd_gpus_is_a_warning():
    raw = load("linux_rx7900xtx_rocm7.2_ok.json")
    raw["env"]["HSA_OVERRIDE_GFX_VERSION"] = "11.0.0"
    report = run(raw, [XTX, gpu("AMD Radeon 780M", "amd", arch="gfx1103", integrated=True)])
    note = only(report, "rocm_override_set")
    assert note.severity == "warning" and "2 AMD GPUs" in note.message
    assert report.ok is True  # a warning, not a failure


def test_rocm_unavailable_speaks_of_amd_not_nvidia():
    raw = load("linux_rocm_kfd_no_access.json")
    raw["system"]["kfd"].update(rw=True)
    raw["env"]["HIP_VISIBLE_DEVICES"] = ""
    report = run(raw, [XTX])
    finding = only(report, "cuda_unavailable")
    assert "ROCm build" in finding.message and "amdgpu" in finding.message
    assert "NVIDIA" not in finding.message
    assert "HIP_VISIBLE_DEVICES=''" in finding.message
    assert "hipErrorNoDevice" in finding.message  # what PyTorch said
    assert finding.fix["url"] == ROCM_GUIDE


def test_no_access_from_the_scan_alone():
    raw = load("linux_rocm_kfd_no_access.json")
    raw["system"]["kfd"] = {"exists": True, "rw": True, "group": "render"}
    blocked = {**XTX, "no_access": "/dev/dri/renderD128"}
    finding = only(run(raw, [blocked]), "rocm_no_access")
    assert "/dev/dri/renderD128" in finding.message


def test_rocm_build_without_an_amd_gpu_is_info():
    report = run("linux_rocm_no_kfd.json", [])
    only(report, "cuda_build_no_gpu")
    assert "ROCm" in report.findings[0].message and report.ok is True


def test_xpu_on_linux_without_a_render_node_to_open():
    raw = load("windows_arc_xpu_unavailable.json")
    linux = load("linux_arc_a770_xpu_ok.json")
    for key in ("python", "system", "env"):
        raw[key] = linux[key]
    raw["system"]["render_nodes"] = [{"path": "/dev/dri/renderD128", "rw": False}]
    finding = only(run(raw, [ARC_LINUX]), "xpu_unavailable")
    assert "Level Zero" in finding.message and "render group" in finding.message
    assert finding.fix["command"] == ["sudo", "usermod", "-a", "-G", "render", "me"]
    raw["system"]["render_nodes"][0]["rw"] = True
    finding = only(run(raw, [ARC_LINUX]), "xpu_unavailable")
    assert finding.fix["url"] == ACCELERATORS["xpu"]["driver_page"]["linux"]


def test_xpu_build_on_an_older_intel_igpu_says_cpu():
    finding = only(run("windows_arc_xpu_unavailable.json", [UHD630]), "xpu_unavailable")
    assert "alchemist" in finding.message and "UHD Graphics 630" in finding.message
    assert finding.fix["compute"] == "cpu"


def test_xpu_build_without_an_intel_gpu_is_info():
    report = run("windows_arc_xpu_unavailable.json", [])
    assert report.codes() == ["xpu_build_no_gpu"] and report.ok is True


def test_working_xpu_and_mps_devices():
    xpu = run("linux_arc_a770_xpu_ok.json", [ARC_LINUX])
    assert xpu.cuda_available is False and xpu.extra["gpu_available"] is True
    assert xpu.devices[0]["backend"] == "xpu" and xpu.torch["xpu"]
    mps = run("macos14_m2_mps_ok.json", [M2])
    assert mps.devices[0] == {
        "name": "Apple M2",
        "capability": None,
        "kernels": None,
        "computed": True,
        "backend": "mps",
    }
    assert mps.torch["mps"] is True and "cpu_build_no_gpu" not in mps.codes()


def test_mps_unavailable_on_a_new_enough_macos():
    raw = load("macos12_m1_mps_unavailable.json")
    raw["system"]["macos"] = "13.4"
    finding = only(run(raw, [M1]), "mps_unavailable")
    assert "is_available() is False" in finding.message and "virtual machine" in finding.message


@pytest.mark.parametrize(
    ("gpus", "kind"),
    [([ARC_LINUX], "XPU"), ([RTX3060, ARC_LINUX], "CUDA"), ([UHD630, XTX], "ROCm")],
)
def test_cpu_build_names_the_build_for_the_first_usable_vendor(gpus, kind):
    finding = only(run("linux_cpu_build_radeon.json", gpus), "cpu_build_with_gpu")
    assert f"with a {kind} build" in finding.message
    if kind == "CUDA":
        assert "Intel" not in finding.message  # the NVIDIA card is the one to use


def test_cpu_build_beside_an_old_intel_igpu_is_right():
    report = run("linux_cpu_build_radeon.json", [UHD630])
    assert report.ok is True and report.codes() == ["cpu_build_no_gpu"]


def test_cpu_build_chosen_beside_a_radeon_is_info():
    report = run("linux_cpu_build_radeon.json", [XTX], cpu_chosen=True)
    assert report.ok is True and report.codes() == ["cpu_build_chosen"]
    assert report.findings[0].fix["label"] == "Switch to a ROCm build"


def test_amd_on_windows_with_the_cpu_chosen_stays_info():
    report = run("windows_cpu_build_amd.json", [RX7800XT_WINDOWS], cpu_chosen=True)
    assert report.ok is True and report.codes() == ["amd_windows_no_build"]


def test_view_rows_per_vendor():
    def rows(name: str, gpus: list[dict[str, Any]]) -> dict[str, tuple[str, str, str, str]]:
        found = rows_of(run(name, gpus).to_dict())
        return {r.key: (r.label, r.value, r.status, r.mark) for r in found}

    rocm = rows("linux_rx6700xt_rocm7.2_invalid_device_function.json", [RX6700XT])
    assert rocm["torch"][1] == "2.13.0+rocm7.2 (ROCm 7.2.26015-fc0010cf6a build)"
    assert rocm["rocm"][:3] == ("ROCm (AMD GPU) available", "yes", "ok")
    label, value, status, mark = rocm["device0"]
    assert (label, status, mark) == ("AMD GPU 0", "problem", "amd")
    assert "gfx1031" in value and "no kernels in this build" in value
    assert rocm["cudnn"][0] == "MIOpen" and "nvcc" not in rocm
    xpu = rows("windows_arc_xpu_unavailable.json", [ARC_WINDOWS])
    assert xpu["xpu"][:3] == ("XPU (Intel GPU) available", "no", "problem")
    mps = rows("macos14_m2_mps_ok.json", [M2])
    assert mps["device0"][:2] == ("Apple GPU", "Apple M2 (test computation correct)")
    assert mps["device0"][3] == "apple"
    cpu = rows("linux_cpu_build_radeon.json", [XTX])
    assert cpu["cuda"][:3] == ("ROCm (AMD GPU) available", "no", "problem")


def test_view_shows_the_variables_set_for_pytorch():
    report = run("linux_rx7900xtx_rocm7.2_ok.json", [XTX]).to_dict()
    report["extra"]["environment"] = {"HSA_OVERRIDE_GFX_VERSION": "10.3.0"}
    row = next(r for r in rows_of(report) if r.key == "environment")
    assert row.value == "HSA_OVERRIDE_GFX_VERSION=10.3.0"
    assert "HSA_OVERRIDE_GFX_VERSION=10.3.0" in markdown(report)


def test_probe_reads_every_vendor():
    """The probe asks the things the rules read (it runs for real in test_verify.py)."""
    for needle in (
        "gcnArchName",
        "HSA_OVERRIDE_GFX_VERSION",
        "ROCR_VISIBLE_DEVICES",
        '"/dev/kfd"',
        "os.getgroups()",
        'torch.device("xpu", i)',
        "mps.is_built()",
        'torch.device("mps")',
    ):
        assert needle in PROBE, needle


def test_a_failing_rocm_convolution_speaks_of_miopen():
    raw = load("linux_rx7900xtx_rocm7.2_ok.json")
    raw["devices"][0].update(conv_ok=False, conv_error="RuntimeError: miopenStatusUnknownError")
    report = run(raw, [XTX])
    warning = only(report, "cudnn_failed")
    assert "MIOpen" in warning.message and "cuDNN" not in warning.message
    assert warning.fix["compute"] == "rocm7.2" and report.ok is True
