"""Record this machine's display adapters as a sysfs fixture (run by hand, never by tests).

Copies the files app.scan.adapters reads, and only those, from a Linux machine into a folder
shaped like tests/fixtures/sysfs/<machine>/ (see the README there):

- sys/bus/pci/devices/<address>/class of every PCI device; for display devices (class 0x03)
  and AMD accelerators (class 0x12) also vendor, device, mem_info_vram_total, product_name and
  the `driver` symlink (recreated as a relative symlink to …/drivers/<module>);
- sys/module/<module>/version of those drivers, where the module has one;
- sys/class/kfd/kfd/topology/nodes/N/{gpu_id,properties,mem_banks/0/properties};
- dev/kfd and dev/dri/renderD* as empty files (only their existence is read);
- pci.ids: the file's header, then only the vendors and devices found (with their subsystem
  lines), at the same place under usr/share.

PCI addresses contain ":", which Windows file names cannot: the recording spells them with "_"
(0000_03_00.0), and tests turn them back when they copy a fixture to a temporary root.

    python tools/record_sysfs.py tests/fixtures/sysfs/my_machine
    python tools/record_sysfs.py --root /mnt/other-system DEST --force

Nothing is read that holds personal data; still, look at `git diff` before committing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.scan.adapters import (  # noqa: E402 - after the path set-up above
    ACCELERATOR_BASE_CLASS,
    AMD,
    DISPLAY_BASE_CLASS,
    KFD_NODES,
    PCI_DEVICES,
    PCI_IDS_PLACES,
    VENDORS,
    bound_driver,
    parse_hex,
)

DEVICE_FILES = ("vendor", "device", "mem_info_vram_total", "product_name")
KFD_FILES = ("gpu_id", "properties", "mem_banks/0/properties")
RECORDED_TOP = ("sys", "dev", "usr")  # what a recording holds at its top


class RecordError(Exception):
    """Something the user can fix: said in one line, exit 2."""


def stored_name(address: str) -> str:
    return address.replace(":", "_")


def _copy(source: Path, target: Path) -> bool:
    try:
        data = source.read_bytes()
    except OSError:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


def record_pci(root: Path, dest: Path) -> tuple[set[tuple[int, int]], set[str]]:
    """Copy the PCI files; returns the (vendor, device) pairs kept and their driver modules."""
    kept: set[tuple[int, int]] = set()
    modules: set[str] = set()
    base = root / PCI_DEVICES
    try:
        names = sorted(os.listdir(base))
    except OSError as exc:
        raise RecordError(f"{base} cannot be listed ({exc}): is this a Linux system?") from None
    for name in names:
        folder, target = base / name, dest / PCI_DEVICES / stored_name(name)
        if not _copy(folder / "class", target / "class"):
            continue
        try:
            base_class = parse_hex((folder / "class").read_text()) >> 16
            vendor = parse_hex((folder / "vendor").read_text())
            device = parse_hex((folder / "device").read_text())
        except (OSError, ValueError):
            continue
        wanted = base_class == DISPLAY_BASE_CLASS or (
            base_class == ACCELERATOR_BASE_CLASS and vendor == AMD
        )
        if not wanted:
            continue
        for file in DEVICE_FILES:
            _copy(folder / file, target / file)
        module = bound_driver(folder)
        if module:
            os.symlink(f"../../../../bus/pci/drivers/{module}", target / "driver")
            modules.add(module)
        if vendor in VENDORS:
            kept.add((vendor, device))
    return kept, modules


def record_kfd(root: Path, dest: Path) -> int:
    base = root / KFD_NODES
    try:
        nodes = [n for n in os.listdir(base) if n.isdigit()]
    except OSError:
        return 0
    for node in nodes:
        for file in KFD_FILES:
            _copy(base / node / file, dest / KFD_NODES / node / file)
    return len(nodes)


def record_devices(root: Path, dest: Path) -> list[str]:
    found = []
    candidates = [root / "dev" / "kfd", *sorted((root / "dev" / "dri").glob("renderD*"))]
    for path in candidates:
        if path.exists():
            relative = path.relative_to(root)
            (dest / relative).parent.mkdir(parents=True, exist_ok=True)
            (dest / relative).write_bytes(b"")
            found.append("/" + relative.as_posix())
    return found


def pci_ids_excerpt(text_lines, wanted: set[tuple[int, int]]) -> str:
    """The header comment, then each wanted vendor's line and its wanted devices with their
    subsystem lines, in the file's order (so the excerpt stays sorted like the original)."""
    vendors = {vendor for vendor, _ in wanted}
    out, vendor, keep, header = [], -1, False, True
    for line in text_lines:
        if header and line.startswith("#"):
            out.append(line)
            continue
        header = False
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith("\t"):
            if not re.match(r"[0-9a-f]{4}\s", line):
                break  # the device classes follow the vendors
            vendor, keep = int(line[:4], 16), False
            if vendor in vendors:
                out.append(line)
            continue
        if line.startswith("\t\t"):
            if keep:
                out.append(line)
            continue
        try:
            keep = (vendor, int(line[1:5], 16)) in wanted
        except ValueError:
            keep = False
        if keep:
            out.append(line)
    return "".join(out)


def record_pci_ids(root: Path, dest: Path, wanted: set[tuple[int, int]]) -> str | None:
    for place in PCI_IDS_PLACES:
        source = root / place
        if source.is_file():
            with open(source, encoding="utf-8", errors="replace") as lines:
                excerpt = pci_ids_excerpt(lines, wanted)
            (dest / place).parent.mkdir(parents=True, exist_ok=True)
            (dest / place).write_text(excerpt, encoding="utf-8")
            return place
    return None


def record(root: Path, dest: Path, force: bool = False) -> list[str]:
    """Record root's adapters into dest; returns what was written, one line each."""
    if dest.exists() and any(dest.iterdir()):
        if not force:
            raise RecordError(f"{dest} is not empty: choose another folder or pass --force")
        others = sorted(p.name for p in dest.iterdir() if p.name not in RECORDED_TOP)
        if others:  # --force replaces an earlier recording, never an unrelated folder
            raise RecordError(f"{dest} holds more than a recording ({', '.join(others)})")
        for name in RECORDED_TOP:
            shutil.rmtree(dest / name, ignore_errors=True)
    dest.mkdir(parents=True, exist_ok=True)
    wanted, modules = record_pci(root, dest)
    ids = ", ".join(f"{vendor:04x}:{device:04x}" for vendor, device in sorted(wanted))
    lines = [f"display adapters: {len(wanted)} ({ids or 'none'})"]
    for module in sorted(modules):
        version = Path("sys/module", module, "version")
        if _copy(root / version, dest / version):
            lines.append(f"module version: {module}")
    lines.append(f"KFD nodes: {record_kfd(root, dest)}")
    lines.append(f"device files: {', '.join(record_devices(root, dest)) or 'none'}")
    lines.append(f"pci.ids: {record_pci_ids(root, dest, wanted) or 'not found'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="the fixture folder to write")
    parser.add_argument("--root", type=Path, default=Path("/"), help="the system to read")
    parser.add_argument("--force", action="store_true", help="replace a folder that has files")
    args = parser.parse_args(argv)
    try:
        for line in record(args.root, args.dest, args.force):
            print(line)
    except RecordError as exc:
        print(f"record_sysfs: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
