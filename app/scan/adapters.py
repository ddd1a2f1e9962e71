"""Display adapters of every vendor without vendor tools: Linux through sysfs, Apple silicon.

Linux: PCI sysfs lists each display device (base class 0x03) with its vendor and device ids and
bound kernel module; AMD's KFD topology adds the gfx target (no ROCm needed, only amdgpu);
rocm_agent_enumerator/rocminfo fill in a target KFD did not give. Every path is read under
ctx.root, so tests replay recorded trees (tests/fixtures/sysfs). Nothing read here raises: an
unreadable file is passed to `warn` and the device is skipped or left partly unknown.

Apple silicon: the chip from `sysctl machdep.cpu.brand_string` ("Apple M2 Pro" → "m2").
"""

from __future__ import annotations

import functools
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import proc
from app.profile import GPU

NVIDIA, AMD, INTEL = 0x10DE, 0x1002, 0x8086
# Only these make compute GPUs; virtual and BMC display devices (virtio 1af4, QEMU 1234,
# VMware 15ad, Hyper-V 1414, Matrox 102b, ASPEED 1a03) are skipped.
VENDORS = {NVIDIA: "nvidia", AMD: "amd", INTEL: "intel"}
VENDOR_LABELS = {"nvidia": "NVIDIA", "amd": "AMD", "intel": "Intel"}
DISPLAY_BASE_CLASS = 0x03  # class 0x03xxxx: VGA 0x0300, 3D 0x0302 (data-centre cards), other 0x0380
# AMD's Instinct MI300 series are "processing accelerators" (class 0x1200), not display devices
# (lspci: "Processing accelerators: ... [AMD/ATI] Aqua Vanjaram [Instinct MI300X]"). Only AMD's
# vendor id counts here: Intel's NPU and AMD's XDNA NPU (vendor 1022) share the class.
ACCELERATOR_BASE_CLASS = 0x12

PCI_DEVICES = "sys/bus/pci/devices"
KFD_NODES = "sys/class/kfd/kfd/topology/nodes"
PCI_IDS_PLACES = ("usr/share/misc/pci.ids", "usr/share/hwdata/pci.ids", "usr/share/pci.ids")
ROCM_BIN = "opt/rocm/bin"
TOOL_TIMEOUT = 3.0  # rocm_agent_enumerator, rocminfo, sysctl: each answers at once or is stuck

# gfx targets of AMD APUs (integrated GPUs), from the kernel's kgd2kfd_probe table as the
# fact sheet lists it (docs/issue17-gpu-vendor-facts.md §1b): Raven (gfx902), Renoir (gfx90c),
# MI300A rev 0 (gfx940), Van Gogh (gfx1033), Rembrandt (gfx1035), Raphael (gfx1036), Phoenix
# and Hawk Point (gfx1103), Strix Point, Strix Halo and Krackan (gfx1150-gfx1152). Why a table:
# sysfs says nothing reliable about it. KFD's cpu_cores_count is 0 on the GPU node of every
# APU since Raven (the GPU has its own node), local_mem_size is always printed as 0, and
# mem_info_vram_total is the firmware carve-out (512 MiB on one laptop, 96 GiB on a Strix
# Halo), so any size threshold misjudges one of them.
AMD_APU_TARGETS = frozenset(
    {"gfx902", "gfx90c", "gfx940", "gfx1033", "gfx1035", "gfx1036", "gfx1103"}
    | {"gfx1150", "gfx1151", "gfx1152"}
)

Warn = Callable[[str], None]
AccessCheck = Callable[[str], bool]


def _can_open_rw(path: str) -> bool:
    return os.access(path, os.R_OK | os.W_OK)


# Whether this user may open a device file read-write. Module-level so tests can say "denied"
# (they run as root, where os.access always says yes).
can_open_rw: AccessCheck = _can_open_rw


# --- PCI sysfs ------------------------------------------------------------------------------


@dataclass
class PciDevice:
    address: str  # "0000:03:00.0"
    vendor: int
    device: int
    class_code: int
    folder: Path
    driver: str | None = None  # the bound kernel module; None: no driver bound

    @property
    def pci_id(self) -> str:
        return f"{self.vendor:04x}:{self.device:04x}"


def parse_hex(text: str) -> int:
    """sysfs ids are hex text: '0x030000\\n', '0x1002'."""
    value = text.strip().lower()
    return int(value[2:] if value.startswith("0x") else value, 16)


def _read(path: Path) -> str:
    return path.read_text(encoding="ascii", errors="replace")


def bound_driver(folder: Path) -> str | None:
    """The module the `driver` symlink points at (…/drivers/amdgpu → 'amdgpu')."""
    link = folder / "driver"
    try:
        target = os.readlink(link)
    except FileNotFoundError:
        return None
    except OSError:
        # Not a symlink: a checkout without symlink support keeps the target as text.
        try:
            target = _read(link).strip()
        except OSError:
            return None
    return target.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or None


def read_pci_displays(root: str, warn: Warn) -> list[PciDevice]:
    """Display-class PCI devices of NVIDIA, AMD and Intel (and AMD's accelerator-class
    Instinct cards), in PCI address order."""
    base = Path(root, PCI_DEVICES)
    try:
        names = sorted(os.listdir(base))
    except FileNotFoundError:
        return []
    except OSError as exc:
        warn(f"the PCI devices could not be listed ({base}: {exc})")
        return []
    found = []
    for name in names:
        folder = base / name
        try:
            class_code = parse_hex(_read(folder / "class"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as exc:
            warn(f"PCI device {name}: its class could not be read ({exc})")
            continue
        if class_code >> 16 not in (DISPLAY_BASE_CLASS, ACCELERATOR_BASE_CLASS):
            continue
        try:
            vendor = parse_hex(_read(folder / "vendor"))
            device = parse_hex(_read(folder / "device"))
        except (OSError, ValueError) as exc:
            warn(f"display device {name}: its PCI ids could not be read ({exc})")
            continue
        accelerator = class_code >> 16 == ACCELERATOR_BASE_CLASS
        if vendor in VENDORS and (vendor == AMD or not accelerator):
            found.append(PciDevice(name, vendor, device, class_code, folder, bound_driver(folder)))
    return found


# --- AMD KFD topology -----------------------------------------------------------------------


def parse_properties(text: str) -> dict[str, int]:
    """KFD `properties`: one 'key value' line each, every value decimal."""
    values = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            values[parts[0]] = int(parts[1])
    return values


def gfx_name(target_version: int) -> str | None:
    """KFD's gfx_target_version → the LLVM target: 110000 → gfx1100, 90010 → gfx90a.

    major*10000 + minor*100 + stepping, decimal; minor and stepping are each one hex digit in
    the name (90010 is 9.0.10 → gfx90a). 0 (a CPU node) has no name."""
    if target_version <= 0:
        return None
    major, minor, step = target_version // 10000, target_version // 100 % 100, target_version % 100
    return f"gfx{major}{minor:x}{step:x}"


def pci_address(domain: int, location_id: int) -> str:
    """KFD's domain and location_id (bus << 8 | device << 3 | function) → '0000:03:00.0'."""
    bus, device, function = location_id >> 8 & 0xFF, location_id >> 3 & 0x1F, location_id & 0x7
    return f"{domain:04x}:{bus:02x}:{device:02x}.{function}"


@dataclass
class KfdNode:
    number: int
    properties: dict[str, int] = field(default_factory=dict)
    memory_bytes: int | None = None  # mem_banks/0 size_in_bytes

    @property
    def gfx(self) -> str | None:
        return gfx_name(self.properties.get("gfx_target_version", 0))

    @property
    def address(self) -> str:
        return pci_address(self.properties.get("domain", 0), self.properties.get("location_id", 0))


def read_kfd_gpu_nodes(root: str, warn: Warn) -> list[KfdNode]:
    """The GPU nodes of KFD's topology (node order); CPU nodes (gpu_id 0) are left out.

    gpu_id is a file of its own, never a line of `properties`."""
    base = Path(root, KFD_NODES)
    try:
        names = sorted((n for n in os.listdir(base) if n.isdigit()), key=int)
    except FileNotFoundError:
        return []
    except OSError as exc:
        warn(f"the AMD KFD topology could not be listed ({base}: {exc})")
        return []
    nodes = []
    for name in names:
        folder = base / name
        try:
            if int(_read(folder / "gpu_id").strip() or 0) == 0:
                continue
            properties = parse_properties(_read(folder / "properties"))
        except (OSError, ValueError) as exc:
            warn(f"AMD KFD node {name} could not be read ({exc})")
            continue
        if not properties.get("gfx_target_version"):
            continue
        node = KfdNode(int(name), properties)
        try:
            bank = parse_properties(_read(folder / "mem_banks" / "0" / "properties"))
            node.memory_bytes = bank.get("size_in_bytes") or None
        except OSError:
            pass  # the PCI device's mem_info_vram_total may still say
        nodes.append(node)
    return nodes


# --- names ------------------------------------------------------------------------------------


def read_pci_names(path: Path, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Device names from pci.ids for (vendor, device) pairs.

    The file is sorted by vendor and about 1.5 MB: lines are streamed and reading stops after
    the last vendor asked about (or once every pair is named)."""
    vendors = {vendor for vendor, _ in wanted}
    if not vendors:
        return {}
    last = max(vendors)
    names: dict[tuple[int, int], str] = {}
    vendor = -1
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            if not line.startswith("\t"):
                try:
                    vendor = int(line[:4], 16)
                except ValueError:
                    break  # the device classes ("C 03  Display controller") follow the vendors
                if vendor > last:
                    break
                continue
            if line.startswith("\t\t") or vendor not in vendors:
                continue  # a subsystem line, or another vendor's device
            try:
                key = (vendor, int(line[1:5], 16))
            except ValueError:
                continue
            if key in wanted:
                names[key] = line[5:].strip()
                if len(names) == len(wanted):
                    break
    return names


def marketing_name(vendor: str, entry: str) -> str:
    """A pci.ids device name as people say it: the bracketed marketing name when there is one
    ('Navi 31 [Radeon RX 7900 XT/7900 XTX/7900 GRE/7900M]' → 'AMD Radeon RX 7900 XT/…'),
    else the whole entry, with the vendor in front unless it already is."""
    match = re.search(r"\[([^\]]+)\]", entry)
    name = (match.group(1) if match else entry).strip()
    label = VENDOR_LABELS[vendor]
    return name if name.lower().startswith(label.lower()) else f"{label} {name}"


def _pci_ids_file(root: str) -> Path | None:
    return next((p for p in (Path(root, s) for s in PCI_IDS_PLACES) if p.is_file()), None)


# --- Intel families ---------------------------------------------------------------------------


@functools.cache
def intel_families() -> dict[int, tuple[str, bool]]:
    """Device id → (family, integrated), from resources/compat/intel_gpus.json."""
    from app.compat import knowledge

    table = {}
    for row in knowledge.resource("intel_gpus")["families"]:
        for device in row["device_ids"]:
            table[int(device, 16)] = (row["family"], bool(row["integrated"]))
    return table


def intel_igpu_slot() -> str:
    from app.compat import knowledge

    return str(knowledge.resource("intel_gpus")["igpu_slot"]["address"])


def intel_family(device_id: int, address: str | None = None) -> tuple[str | None, bool | None]:
    """(family, integrated) of an Intel display device: the one rule on Linux and Windows.

    Unlisted ids (older iGPUs) have family None. The table lists every discrete family since
    DG1, so an unlisted id is integrated, unless Linux places it away from the iGPU slot
    (0000:00:02.0): then it is something newer than the table, and integrated stays unknown.
    Windows gives no address (None)."""
    known = intel_families().get(device_id)
    if known:
        return known
    return None, True if address is None or address == intel_igpu_slot() else None


# --- ROCm tools -------------------------------------------------------------------------------


def parse_agent_list(text: str) -> list[str]:
    """rocm_agent_enumerator: one target per line; gfx000 is the CPU agent."""
    arches = []
    for line in text.splitlines():
        match = re.match(r"\s*(gfx[0-9a-f]+)\b", line)
        if match and match.group(1) != "gfx000":
            arches.append(match.group(1))
    return arches


def parse_rocminfo(text: str) -> list[str]:
    """rocminfo: each GPU agent has a 'Name:  gfx1100' line (a CPU agent's Name is its model)."""
    names = re.findall(r"^\s*Name:\s+(gfx[0-9a-f]+)\s*$", text, re.MULTILINE)
    return [name for name in names if name != "gfx000"]


def _find_tool(name: str, ctx: Any) -> str | None:
    found = shutil.which(name, path=ctx.environ.get("PATH", ""))
    if found:
        return found
    beside = Path(ctx.root, ROCM_BIN, name)
    return str(beside) if beside.is_file() and os.access(beside, os.X_OK) else None


def rocm_arches(ctx: Any, warn: Warn) -> list[str] | None:
    """gfx targets as ROCm lists its GPU agents; None when neither tool is installed."""
    for tool, parse in (("rocm_agent_enumerator", parse_agent_list), ("rocminfo", parse_rocminfo)):
        program = _find_tool(tool, ctx)
        if program is None:
            continue
        timeout = min(TOOL_TIMEOUT, ctx.remaining())
        if timeout <= 0:
            return None
        try:
            result = proc.run([program], timeout=timeout, cancel=ctx.cancel)
        except proc.ProcError as exc:
            warn(f"{tool} could not be started: {exc}")
            continue
        if result.ok:
            return parse(result.output)
        why = "timed out" if result.timed_out else f"exit {result.returncode}"
        warn(f"{tool} failed ({why}): {result.output[-200:]}")
    return None


# --- Linux --------------------------------------------------------------------------------


def _read_int(path: Path) -> int | None:
    try:
        return int(_read(path).strip())
    except (OSError, ValueError):
        return None


def _module_version(root: str, module: str | None) -> str | None:
    """/sys/module/<module>/version: present for out-of-tree builds (amdgpu-dkms), not in-tree."""
    if not module:
        return None
    try:
        return _read(Path(root, "sys/module", module, "version")).strip() or None
    except OSError:
        return None


def _render_minor(device: PciDevice, node: KfdNode | None) -> int | None:
    if node is not None and node.properties.get("drm_render_minor"):
        return node.properties["drm_render_minor"]
    try:
        names = os.listdir(device.folder / "drm")
    except OSError:
        return None
    minors = [int(n[len("renderD") :]) for n in names if re.fullmatch(r"renderD\d+", n)]
    return min(minors) if minors else None


def amd_access_problem(
    root: str, kfd: bool, render_minor: int | None, can_open: AccessCheck
) -> str | None:
    """The first device file ROCm needs that this user cannot open read-write: /dev/kfd (when
    KFD is there), then the GPU's render node. Only files that exist are asked about."""
    paths = (["/dev/kfd"] if kfd else []) + (
        [f"/dev/dri/renderD{render_minor}"] if render_minor is not None else []
    )
    for path in paths:
        full = os.path.join(root, path.lstrip("/"))
        if os.path.exists(full) and not can_open(full):
            return path
    return None


def _amd_integrated(node: KfdNode | None, arch: str | None) -> bool | None:
    if (
        node is not None
        and node.properties.get("cpu_cores_count")
        and node.properties.get("simd_count")
    ):
        return True  # one node for CPU and GPU: how KFD shows the old APUs (Kaveri, Carrizo)
    if arch is None:
        return None
    return arch in AMD_APU_TARGETS


def linux_adapters(
    ctx: Any, warn: Warn, *, include_nvidia: bool = True, can_open: AccessCheck | None = None
) -> list[GPU]:
    """Every NVIDIA, AMD and Intel display adapter in ctx.root's sysfs, in PCI address order
    (NVIDIA ones only with include_nvidia: NVML names those better when it works)."""
    root = ctx.root
    devices = [d for d in read_pci_displays(root, warn) if include_nvidia or d.vendor != NVIDIA]
    if not devices:
        return []
    kfd_nodes: dict[str, KfdNode] = {}
    if any(d.vendor == AMD for d in devices):
        for node in read_kfd_gpu_nodes(root, warn):
            # MI300 in a partition mode shows several nodes for one PCI device: keep the first.
            kfd_nodes.setdefault(node.address, node)
    gpus = [_gpu(d, kfd_nodes.get(d.address), ctx, can_open or can_open_rw) for d in devices]
    _name(gpus, devices, root, warn)
    amd = [g for g in gpus if g.vendor == "amd"]
    if any(g.arch is None for g in amd):
        _arches_from_rocm(amd, ctx, warn)
    return gpus


def _gpu(device: PciDevice, node: KfdNode | None, ctx: Any, can_open: AccessCheck) -> GPU:
    vendor = VENDORS[device.vendor]
    gpu = GPU(
        name="",
        vendor=vendor,
        pci_id=device.pci_id,
        kernel_driver=device.driver,
        found_by="pci",
    )
    if vendor == "nvidia":
        return gpu
    gpu.driver_version = _module_version(ctx.root, device.driver)
    if vendor == "intel":
        gpu.arch, gpu.integrated = intel_family(device.device, device.address)
        return gpu
    if node is not None and node.gfx:
        gpu.arch, gpu.found_by = node.gfx, "kfd"
    # The whole device (all partitions of an MI300) first; a KFD bank is one node's share.
    vram = _read_int(device.folder / "mem_info_vram_total")
    memory = vram or (node.memory_bytes if node else None)
    gpu.memory_mib = memory // (1024 * 1024) if memory else None
    gpu.integrated = _amd_integrated(node, gpu.arch)
    gpu.no_access = amd_access_problem(
        ctx.root,
        kfd=Path(ctx.root, KFD_NODES).is_dir(),
        render_minor=_render_minor(device, node),
        can_open=can_open,
    )
    return gpu


def _name(gpus: list[GPU], devices: list[PciDevice], root: str, warn: Warn) -> None:
    names: dict[tuple[int, int], str] = {}
    ids_file = _pci_ids_file(root)
    if ids_file is not None:
        try:
            names = read_pci_names(ids_file, {(d.vendor, d.device) for d in devices})
        except OSError as exc:
            warn(f"{ids_file} could not be read ({exc})")
    for gpu, device in zip(gpus, devices, strict=True):
        entry = names.get((device.vendor, device.device))
        if entry is None and gpu.vendor == "amd":
            try:  # amdgpu's product_name: the board's FRU data (mostly data-centre cards)
                entry = _read(device.folder / "product_name").strip() or None
            except OSError:
                entry = None
        label = VENDOR_LABELS[gpu.vendor]
        gpu.name = marketing_name(gpu.vendor, entry) if entry else f"{label} GPU ({gpu.pci_id})"


def _arches_from_rocm(amd: list[GPU], ctx: Any, warn: Warn) -> None:
    """Fill gfx targets KFD did not give from ROCm's own list (one line per GPU agent, in KFD
    order): matched one to one when the counts agree, or all alike when ROCm names one target."""
    arches = rocm_arches(ctx, warn)
    if not arches:
        return
    if len(arches) == len(amd):
        pairs = list(zip(amd, arches, strict=True))
    elif len(set(arches)) == 1:
        pairs = [(gpu, arches[0]) for gpu in amd]
    else:
        warn(f"ROCm lists {', '.join(arches)} for {len(amd)} AMD GPUs: which is which is unknown")
        return
    for gpu, arch in pairs:
        if gpu.arch is None:
            gpu.arch, gpu.found_by = arch, "rocm"
            gpu.integrated = arch in AMD_APU_TARGETS


# --- Apple silicon ------------------------------------------------------------------------


def parse_apple_chip(brand: str) -> GPU | None:
    """machdep.cpu.brand_string → the GPU of that chip: 'Apple M2 Pro' → arch 'm2'."""
    brand = brand.strip()
    if not brand.startswith("Apple"):
        return None
    match = re.search(r"\bM(\d+)\b", brand)
    return GPU(
        name=brand,
        vendor="apple",
        arch=f"m{match.group(1)}" if match else None,
        integrated=True,
        found_by="system",
    )


def apple_adapters(ctx: Any, warn: Warn) -> list[GPU]:
    """The GPU of an Apple-silicon Mac (call on macOS arm64 only)."""
    sysctl = "/usr/sbin/sysctl" if os.path.exists("/usr/sbin/sysctl") else "sysctl"
    timeout = min(TOOL_TIMEOUT, ctx.remaining())
    try:
        result = proc.run(
            [sysctl, "-n", "machdep.cpu.brand_string"], timeout=timeout, cancel=ctx.cancel
        )
    except proc.ProcError as exc:
        warn(f"sysctl could not be started: {exc}")
        return []
    gpu = parse_apple_chip(result.output) if result.ok else None
    if gpu is None:
        warn(f"the Apple chip could not be read (sysctl said {result.output.strip()[:100]!r})")
        return []
    return [gpu]
