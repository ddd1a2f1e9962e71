"""tools/record_sysfs.py, run as a program: a recording of a machine scans the same as the
machine itself, holds only the files the probe reads, and never overwrites a foreign folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from app.scan import ScanContext, adapters
from tests.integration.test_scan_adapters import machine

pytestmark = pytest.mark.skipif(
    os.name == "nt", reason="PCI addresses hold ':', which Windows file names cannot"
)
ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "record_sysfs.py"


def record(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOL), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=ROOT,
    )


def gpus_of(root: Path) -> list[dict]:
    ctx = ScanContext(environ={"PATH": ""}, root=str(root))
    return [asdict(g) for g in adapters.linux_adapters(ctx, print)]


@pytest.mark.parametrize("name", ["rx7900xtx", "mi300x_cpx", "rtx_arc_hybrid", "amd_no_kfd"])
def test_a_recording_scans_like_the_machine(name, tmp_path):
    source = machine(name, tmp_path / "source")
    dest = tmp_path / "récording dest" / name
    done = record(str(dest), "--root", str(source))
    assert done.returncode == 0, done.stderr
    assert "display adapters:" in done.stdout
    # Stored like the fixtures: no ":" in any name, and read back the same way.
    assert not [p for p in dest.rglob("*") if ":" in p.name]
    assert gpus_of(_restored(dest, tmp_path / "restored")) == gpus_of(source) != []


def _restored(recording: Path, where: Path) -> Path:
    root = where / "root"
    shutil.copytree(recording, root, symlinks=True)
    devices = root / "sys/bus/pci/devices"
    for entry in devices.iterdir():
        entry.rename(devices / entry.name.replace("_", ":"))
    return root


def test_the_recording_holds_only_what_the_probe_reads(tmp_path):
    source = machine("core_ultra_igpu", tmp_path / "source")
    (source / "sys/bus/pci/devices/0000:00:02.0/power_state").write_text("D0\n")
    dest = tmp_path / "dest"
    assert record(str(dest), "--root", str(source)).returncode == 0
    files = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if not p.is_dir())
    assert files == [
        "sys/bus/pci/devices/0000_00_00.0/class",
        "sys/bus/pci/devices/0000_00_02.0/class",
        "sys/bus/pci/devices/0000_00_02.0/device",
        "sys/bus/pci/devices/0000_00_02.0/driver",
        "sys/bus/pci/devices/0000_00_02.0/vendor",
        "sys/bus/pci/devices/0000_00_0b.0/class",  # the NPU: its class only
        "usr/share/misc/pci.ids",
    ]
    ids = (dest / "usr/share/misc/pci.ids").read_text(encoding="utf-8")
    assert "\t7d55  Meteor Lake-P [Intel Arc Graphics]\n" in ids
    assert "7d1d" not in ids  # only the GPUs' names are kept


def test_a_folder_with_other_files_is_never_replaced(tmp_path):
    source = machine("arc_a770", tmp_path / "source")
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine\n")
    done = record(str(dest), "--root", str(source))
    assert done.returncode == 2 and "not empty" in done.stderr and "Traceback" not in done.stderr
    done = record(str(dest), "--root", str(source), "--force")
    assert done.returncode == 2 and "notes.txt" in done.stderr
    assert (dest / "notes.txt").read_text() == "mine\n"


def test_force_replaces_an_earlier_recording(tmp_path):
    dest = tmp_path / "dest"
    first = machine("rx7900xtx", tmp_path / "first")
    second = machine("arc_a770", tmp_path / "second")
    assert record(str(dest), "--root", str(first)).returncode == 0
    assert record(str(dest), "--root", str(second), "--force").returncode == 0
    assert not (dest / "sys/class/kfd").exists()  # nothing of the first machine is left
    assert [g["pci_id"] for g in gpus_of(_restored(dest, tmp_path / "restored"))] == ["8086:56a0"]


def test_a_root_without_sysfs_is_a_clear_error(tmp_path):
    done = record(str(tmp_path / "dest"), "--root", str(tmp_path / "nothing here"))
    assert done.returncode == 2
    assert "cannot be listed" in done.stderr and "Traceback" not in done.stderr
