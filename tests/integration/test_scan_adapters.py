"""The whole scan (app.scan.scan) on recorded machines: each sysfs tree of
tests/fixtures/sysfs is copied to a temporary root whose path has spaces and non-ASCII letters,
NVML answers are recorded ones (CI has no GPU), and the GPUs found are checked field by field.
This machine's own scan still answers as before."""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from app.profile import GPU
from app.scan import ScanContext, adapters, gpu, scan
from app.scan.summary import render_text, summarize
from tests.nvml_recorded import RecordedNvml

pytestmark = pytest.mark.skipif(
    os.name == "nt", reason="PCI addresses hold ':', which Windows file names cannot"
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sysfs"
STORED_ADDRESS = re.compile(r"[0-9a-f]{4}_[0-9a-f]{2}_[0-9a-f]{2}\.[0-7]")
NO_NVIDIA = {"unavailable": 1}  # RecordedNvml: "No NVIDIA driver is installed (recorded)."
HYBRID_NVML = {
    "driver_version": "560.35.03",
    "cuda_driver_version": 12060,
    "devices": [
        {
            "name": "NVIDIA GeForce RTX 4060 Laptop GPU",
            "capability": [8, 9],
            "memory_mib": 8188,
            "uuid": "GPU-5e3b1a2c-0d4f-4b7a-9c1e-2f6a8d0b4c71",
        }
    ],
}


def machine(name: str, tmp_path: Path) -> Path:
    """A copy of the recorded tree, with the PCI folders named as sysfs names them."""
    root = tmp_path / "Récorded machines (ユーザー)" / name
    shutil.copytree(FIXTURES / name, root, symlinks=True)
    devices = root / "sys" / "bus" / "pci" / "devices"
    if devices.is_dir():
        for entry in devices.iterdir():
            if STORED_ADDRESS.fullmatch(entry.name):
                entry.rename(devices / entry.name.replace("_", ":"))
    return root


def scan_of(root: Path, nvml=None, path: str = "", **context):
    ctx = ScanContext(
        environ={"PATH": path},
        root=str(root),
        nvml=nvml or RecordedNvml("one_gpu.json", fail=NO_NVIDIA),
        timeout=60,
        **context,
    )
    profile = scan(ctx)
    notes = [(n.status, n.message) for n in profile.probes if n.probe == "gpu"]
    return profile, notes


def fields(found: GPU) -> dict:
    return {key: value for key, value in asdict(found).items() if value is not None}


AMD_7900 = {
    "name": "AMD Radeon RX 7900 XT/7900 XTX/7900 GRE/7900M",
    "vendor": "amd",
    "arch": "gfx1100",
    "pci_id": "1002:744c",
    "kernel_driver": "amdgpu",
    "driver_version": "6.12.12",
    "integrated": False,
    "memory_mib": 24560,
    "found_by": "kfd",
    "index": 0,
}
MI300X = {
    "name": "AMD Instinct MI300X",
    "vendor": "amd",
    "arch": "gfx942",
    "pci_id": "1002:74a1",
    "kernel_driver": "amdgpu",
    "integrated": False,
    "memory_mib": 196288,
    "found_by": "kfd",
}
INTEL_MTL = {
    "name": "Intel Arc Graphics",
    "vendor": "intel",
    "arch": "meteor-lake",
    "pci_id": "8086:7d55",
    "kernel_driver": "i915",
    "integrated": True,
    "found_by": "pci",
    "index": 0,
}

EXPECTED = {
    "rx7900xtx": [AMD_7900],
    "rx6700xt": [
        {
            "name": "AMD Radeon RX 6700/6700 XT/6750 XT / 6800M/6850M XT",
            "vendor": "amd",
            "arch": "gfx1031",
            "pci_id": "1002:73df",
            "kernel_driver": "amdgpu",
            "integrated": False,
            "memory_mib": 12272,
            "found_by": "kfd",
            "index": 0,
        }
    ],
    "mi300x": [dict(MI300X, index=0), dict(MI300X, index=1)],
    "mi300x_cpx": [dict(MI300X, index=0)],  # eight KFD nodes, one PCI device: one GPU
    "arc_a770": [
        {
            "name": "Intel Arc A770",
            "vendor": "intel",
            "arch": "alchemist",
            "pci_id": "8086:56a0",
            "kernel_driver": "i915",
            "integrated": False,
            "found_by": "pci",
            "index": 0,
        }
    ],
    "core_ultra_igpu": [INTEL_MTL],  # the NPU beside it is not a GPU
    "amd_no_kfd": [
        {
            "name": "AMD GPU (1002:747e)",
            "vendor": "amd",
            "pci_id": "1002:747e",
            "found_by": "pci",
            "index": 0,
        }
    ],
    "ryzen_780m_apu": [
        {
            "name": "AMD Phoenix1",
            "vendor": "amd",
            "arch": "gfx1103",
            "pci_id": "1002:15bf",
            "kernel_driver": "amdgpu",
            "integrated": True,
            "memory_mib": 512,
            "found_by": "kfd",
            "index": 0,
        }
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_recorded_machine_without_nvidia(name, tmp_path):
    profile, notes = scan_of(machine(name, tmp_path))
    assert [fields(g) for g in profile.gpus] == EXPECTED[name]
    assert profile.driver is None
    # Why there is no NVIDIA GPU is kept for the plan, but not as "missing": GPUs were found.
    assert notes == [("ok", "No NVIDIA driver is installed (recorded).")]
    assert "none found" not in render_text(summarize(profile))


def test_every_recorded_machine_is_tested():
    machines = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert machines == set(EXPECTED) | {"rtx_arc_hybrid"}


def test_hybrid_laptop_nvml_names_the_rtx_and_the_igpu_follows(tmp_path):
    nvml = RecordedNvml(HYBRID_NVML)
    profile, notes = scan_of(machine("rtx_arc_hybrid", tmp_path), nvml=nvml)
    assert [fields(g) for g in profile.gpus] == [
        {
            "name": "NVIDIA GeForce RTX 4060 Laptop GPU",
            "vendor": "nvidia",
            "compute_capability": "8.9",
            "memory_mib": 8188,
            "index": 0,
            "uuid": "GPU-5e3b1a2c-0d4f-4b7a-9c1e-2f6a8d0b4c71",
            "found_by": "nvml",
        },
        INTEL_MTL,
    ]
    assert profile.driver.version == "560.35.03" and profile.driver.cuda == "12.6"
    assert notes == [("ok", "")]


def test_hybrid_laptop_without_a_working_nvidia_driver_lists_the_card_from_pci(tmp_path):
    profile, notes = scan_of(machine("rtx_arc_hybrid", tmp_path))
    assert [fields(g) for g in profile.gpus] == [
        {
            "name": "NVIDIA GeForce RTX 4060 Max-Q / Mobile",
            "vendor": "nvidia",
            "pci_id": "10de:28e0",
            "kernel_driver": "nvidia",
            "found_by": "pci",
            "index": 0,
        },
        INTEL_MTL,
    ]
    assert profile.driver is None
    assert notes == [("warning", "No NVIDIA driver is installed (recorded).")]


@pytest.mark.parametrize(
    ("denied", "no_access"),
    [("/dev/kfd", "/dev/kfd"), ("/dev/dri/renderD128", "/dev/dri/renderD128")],
)
def test_amd_device_files_this_user_cannot_open(denied, no_access, tmp_path, monkeypatch):
    # Tests run as root, where os.access always says yes: the check is told what to deny.
    monkeypatch.setattr(adapters, "can_open_rw", lambda path: not path.endswith(denied))
    profile, _ = scan_of(machine("rx7900xtx", tmp_path))
    (amd,) = profile.gpus
    assert amd.no_access == no_access
    assert fields(amd) == dict(AMD_7900, no_access=no_access)


def program(folder: Path, name: str, output: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!{sys.executable}\nprint({output!r})\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_rocm_tool_names_the_target_kfd_did_not(tmp_path):
    """No KFD topology to read (e.g. a container without /sys/class/kfd), but ROCm installed
    under <root>/opt/rocm/bin: its agent list gives the target."""
    root = machine("amd_no_kfd", tmp_path)
    program(root / "opt" / "rocm" / "bin", "rocm_agent_enumerator", "gfx000\ngfx1101")
    profile, notes = scan_of(root)
    (amd,) = profile.gpus
    assert (amd.arch, amd.found_by, amd.integrated) == ("gfx1101", "rocm", False)
    assert notes == [("ok", "No NVIDIA driver is installed (recorded).")]


def test_rocminfo_on_path_when_there_is_no_enumerator(tmp_path):
    root = machine("amd_no_kfd", tmp_path)
    bin_dir = tmp_path / "tools dir"
    program(bin_dir, "rocminfo", "  Name:                    gfx1101\n")
    profile, _ = scan_of(root, path=str(bin_dir))
    assert (profile.gpus[0].arch, profile.gpus[0].found_by) == ("gfx1101", "rocm")


def test_rocm_is_not_asked_when_kfd_answered(tmp_path):
    root = machine("rx7900xtx", tmp_path)
    program(root / "opt" / "rocm" / "bin", "rocm_agent_enumerator", "gfx1030")
    profile, _ = scan_of(root)
    assert (profile.gpus[0].arch, profile.gpus[0].found_by) == ("gfx1100", "kfd")


def test_unreadable_sysfs_is_a_warning_never_a_crash(tmp_path):
    root = machine("rx7900xtx", tmp_path)
    node = root / "sys/class/kfd/kfd/topology/nodes/1/properties"
    node.unlink()
    node.mkdir()  # reading it fails (EISDIR)
    profile, notes = scan_of(root)
    (amd,) = profile.gpus
    assert (amd.arch, amd.found_by, amd.name) == (None, "pci", AMD_7900["name"])
    assert notes[0] == ("ok", "No NVIDIA driver is installed (recorded).")
    assert notes[1][0] == "warning" and "KFD node 1" in notes[1][1]


def test_a_failing_adapter_probe_leaves_the_nvidia_answer(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(adapters, "linux_adapters", broken)
    profile, notes = scan_of(machine("rtx_arc_hybrid", tmp_path), nvml=RecordedNvml(HYBRID_NVML))
    assert [g.name for g in profile.gpus] == ["NVIDIA GeForce RTX 4060 Laptop GPU"]
    assert notes == [
        ("warning", "the display adapters could not be listed: RuntimeError: simulated bug")
    ]


def test_nothing_found_keeps_the_missing_note(tmp_path):
    root = tmp_path / "empty root"
    root.mkdir()
    profile, notes = scan_of(root)
    assert profile.gpus == []
    assert notes == [("missing", "No NVIDIA driver is installed (recorded).")]


# --- Windows: the adapter list of app.scan.adapters_windows, merged the same way ----------


class FakeWindowsAdapters:
    """Stands in for app.scan.adapters_windows (its registry and CfgMgr32 need Windows)."""

    def __init__(self, found: list[GPU]) -> None:
        self.found, self.asked = found, []

    def windows_adapters(self, devices):
        self.asked.append(devices)
        return [GPU(**asdict(g)) for g in self.found]


def windows_probe(monkeypatch, found, nvml):
    fake = FakeWindowsAdapters(found)
    monkeypatch.setattr(gpu.sys, "platform", "win32")
    monkeypatch.setattr(gpu, "adapters_windows", fake)
    ctx = ScanContext(environ={"PATH": ""}, nvml=nvml, display_devices="recorded", timeout=10)
    return gpu.probe(ctx), ctx, fake


WINDOWS_FOUND = [
    GPU("Intel(R) UHD Graphics 770", vendor="intel", pci_id="8086:a780", found_by="registry"),
    GPU("NVIDIA GeForce RTX 3060", vendor="nvidia", pci_id="10de:2504", found_by="registry"),
    GPU("AMD Radeon RX 7900 XTX", vendor="amd", pci_id="1002:744c", found_by="registry"),
    GPU(
        "Intel(R) Arc(TM) A770 Graphics",
        vendor="intel",
        pci_id="8086:56a0",
        arch="alchemist",  # the Windows adapter reads the Linux probe's family table
        integrated=False,
        found_by="registry",
    ),
]


def test_windows_adapters_add_amd_and_intel_to_nvml(monkeypatch):
    result, ctx, fake = windows_probe(monkeypatch, WINDOWS_FOUND, RecordedNvml("one_gpu.json"))
    assert [(g.name, g.vendor, g.index, g.found_by, g.arch) for g in result["gpus"]] == [
        ("NVIDIA GeForce RTX 3060", "nvidia", 0, "nvml", None),
        ("Intel(R) UHD Graphics 770", "intel", 0, "registry", None),
        ("AMD Radeon RX 7900 XTX", "amd", 0, "registry", None),
        ("Intel(R) Arc(TM) A770 Graphics", "intel", 1, "registry", "alchemist"),
    ]
    assert result["gpus"][3].integrated is False
    assert fake.asked == ["recorded"]  # ctx.display_devices is handed over
    assert ctx.notes == []


def test_windows_adapters_give_the_nvidia_card_when_nvml_cannot(monkeypatch):
    result, ctx, _ = windows_probe(
        monkeypatch, WINDOWS_FOUND, RecordedNvml("one_gpu.json", fail=NO_NVIDIA)
    )
    assert [(g.vendor, g.index) for g in result["gpus"]] == [
        ("nvidia", 0),
        ("intel", 0),
        ("amd", 0),
        ("intel", 1),
    ]
    assert [(n.status, n.message) for n in ctx.notes] == [
        ("warning", "No NVIDIA driver is installed (recorded).")
    ]


# --- this machine ---------------------------------------------------------------------------


def test_this_machines_scan_is_unchanged():
    """The real scan of this machine: NVML's answer plus what its own sysfs lists. On a
    machine without display devices (CI) that is exactly the old answer: NVML's GPUs, or none
    with the "missing" note."""
    listed = adapters.read_pci_displays("/", lambda message: None)
    profile = scan(ScanContext(environ={"PATH": ""}, timeout=30))
    notes = [n for n in profile.probes if n.probe == "gpu"]
    nvml = [g for g in profile.gpus if g.found_by == "nvml"]
    others = [g for g in profile.gpus if g.found_by != "nvml"]
    assert len(others) <= len(listed)
    if not listed and not nvml:
        assert profile.gpus == []
        assert notes[0].status == "missing" and notes[0].message
    assert all(n.status != "error" for n in notes)
