"""Display adapters of any vendor (app.scan.adapters): sysfs parsing, gfx targets, pci.ids names,
Intel families, the APU rule, device access, the ROCm tools (real programs on a temporary PATH)
and the Apple chip. Trees are built in temporary folders; the recorded machines are replayed
through the whole scan in tests/integration/test_scan_adapters.py."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import time
from pathlib import Path

import pytest

from app.compat import knowledge
from app.scan import ScanContext, adapters
from app.scan.adapters import (
    AMD_APU_TARGETS,
    amd_access_problem,
    bound_driver,
    gfx_name,
    intel_family,
    marketing_name,
    parse_agent_list,
    parse_apple_chip,
    parse_hex,
    parse_properties,
    parse_rocminfo,
    pci_address,
    read_kfd_gpu_nodes,
    read_pci_displays,
    read_pci_names,
)

posix_only = pytest.mark.skipif(
    os.name == "nt", reason="PCI addresses hold ':', which Windows file names cannot"
)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sysfs"
FACTS = Path(__file__).resolve().parents[2] / "docs" / "issue17-gpu-vendor-facts.md"

# Every row of the kernel's gfx_target_version table in the fact sheet (§1b).
GFX_TABLE = [
    (90000, "gfx900"),
    (90002, "gfx902"),
    (90004, "gfx904"),
    (90006, "gfx906"),
    (90008, "gfx908"),
    (90010, "gfx90a"),
    (90012, "gfx90c"),
    (90400, "gfx940"),
    (90401, "gfx941"),
    (90402, "gfx942"),
    (90500, "gfx950"),
    (100100, "gfx1010"),
    (100101, "gfx1011"),
    (100102, "gfx1012"),
    (100103, "gfx1013"),
    (100300, "gfx1030"),
    (100301, "gfx1031"),
    (100302, "gfx1032"),
    (100303, "gfx1033"),
    (100304, "gfx1034"),
    (100305, "gfx1035"),
    (100306, "gfx1036"),
    (110000, "gfx1100"),
    (110001, "gfx1101"),
    (110002, "gfx1102"),
    (110003, "gfx1103"),
    (110500, "gfx1150"),
    (110501, "gfx1151"),
    (110502, "gfx1152"),
    (120000, "gfx1200"),
    (120001, "gfx1201"),
]


@pytest.mark.parametrize(("version", "name"), GFX_TABLE)
def test_gfx_name_decodes_every_row_of_the_kernel_table(version, name):
    assert gfx_name(version) == name


def test_the_gfx_table_here_is_the_fact_sheets():
    """Each gfx_target_version the fact sheet's table names is tested above."""
    section = FACTS.read_text(encoding="utf-8").split("Kernel table", 1)[1].split("- Real", 1)[0]
    sheet = {int(v) for v in re.findall(r"\b(\d{5,6})\b", section)}
    assert sheet == {version for version, _ in GFX_TABLE}


def test_gfx_name_of_a_cpu_node_is_none():
    assert gfx_name(0) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("0x030000\n", 0x030000), ("0x1002", 0x1002), ("0X744C\n", 0x744C), ("8086", 0x8086)],
)
def test_parse_hex(text, value):
    assert parse_hex(text) == value


def test_parse_hex_refuses_garbage():
    with pytest.raises(ValueError):
        parse_hex("not hex")


@pytest.mark.parametrize(
    ("domain", "location_id", "address"),
    [
        (0, 768, "0000:03:00.0"),  # RX 7900 XTX: bus 3
        (0, 29952, "0000:75:00.0"),  # the fact sheet's MI325X node: location_id 29952
        (0, 0xC4 << 8 | 0 << 3 | 1, "0000:c4:00.1"),
        (1, 0x26 << 8 | 3 << 3 | 2, "0001:26:03.2"),
    ],
)
def test_pci_address_from_kfd_location(domain, location_id, address):
    assert pci_address(domain, location_id) == address


def test_parse_properties_of_recorded_nodes():
    nodes = FIXTURES / "rx7900xtx" / "sys/class/kfd/kfd/topology/nodes"
    cpu = parse_properties((nodes / "0" / "properties").read_text())
    gpu = parse_properties((nodes / "1" / "properties").read_text())
    assert cpu["gfx_target_version"] == 0 and cpu["cpu_cores_count"] == 16
    assert gpu["gfx_target_version"] == 110000 and gpu["device_id"] == 0x744C
    assert gpu["unique_id"] == 11420932837461522459  # 64-bit values stay whole
    assert parse_properties("simd_count 80\nbroken line here\nname ip discovery\n\n") == {
        "simd_count": 80
    }


# --- trees built here ---------------------------------------------------------------------


def write(root: Path, relative: str, text: str = "") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="ascii")
    return path


def pci_device(root: Path, address: str, cls: int, vendor: int, device: int, driver=None):
    base = f"sys/bus/pci/devices/{address}"
    write(root, f"{base}/class", f"0x{cls:06x}\n")
    write(root, f"{base}/vendor", f"0x{vendor:04x}\n")
    write(root, f"{base}/device", f"0x{device:04x}\n")
    if driver:
        os.symlink(f"../../../../bus/pci/drivers/{driver}", root / base / "driver")
    return root / base


@posix_only
def test_only_compute_vendors_display_devices_are_kept(tmp_path):
    pci_device(tmp_path, "0000:00:00.0", 0x060000, 0x1022, 0x14D8)  # host bridge
    pci_device(tmp_path, "0000:00:01.0", 0x030000, 0x1AF4, 0x1050, "virtio-pci")  # virtio-gpu
    pci_device(tmp_path, "0000:00:02.0", 0x030000, 0x8086, 0x7D55, "i915")
    pci_device(tmp_path, "0000:00:0b.0", 0x120000, 0x8086, 0x7D1D, "intel_vpu")  # NPU
    pci_device(tmp_path, "0000:01:00.0", 0x030200, 0x10DE, 0x2330, "nvidia")  # 3D controller
    pci_device(tmp_path, "0000:05:00.0", 0x120000, 0x1002, 0x74A1, "amdgpu")  # MI300X
    pci_device(tmp_path, "0000:07:00.0", 0x038000, 0x1002, 0x740F)  # MI210: "other display"
    pci_device(tmp_path, "0000:08:00.0", 0x030000, 0x1A03, 0x2000, "ast")  # ASPEED BMC
    warnings: list[str] = []
    found = read_pci_displays(str(tmp_path), warnings.append)
    assert [(d.address, d.pci_id, d.driver) for d in found] == [
        ("0000:00:02.0", "8086:7d55", "i915"),
        ("0000:01:00.0", "10de:2330", "nvidia"),
        ("0000:05:00.0", "1002:74a1", "amdgpu"),
        ("0000:07:00.0", "1002:740f", None),
    ]
    assert warnings == []


@posix_only
def test_an_unreadable_device_is_a_warning_and_the_rest_is_read(tmp_path):
    write(tmp_path, "sys/bus/pci/devices/0000:00:02.0/class", "garbage\n")
    (tmp_path / "sys/bus/pci/devices/0000:00:03.0/class").mkdir(parents=True)  # EISDIR
    pci_device(tmp_path, "0000:03:00.0", 0x030000, 0x1002, 0x744C, "amdgpu")
    write(tmp_path, "sys/bus/pci/devices/0000:04:00.0/class", "0x030000\n")  # no vendor file
    warnings: list[str] = []
    found = read_pci_displays(str(tmp_path), warnings.append)
    assert [d.address for d in found] == ["0000:03:00.0"]
    assert len(warnings) == 3
    assert any("0000:00:02.0" in w and "class" in w for w in warnings)
    assert any("0000:04:00.0" in w and "PCI ids" in w for w in warnings)


def test_no_pci_sysfs_is_no_devices_and_no_warning(tmp_path):
    warnings: list[str] = []
    assert read_pci_displays(str(tmp_path), warnings.append) == []
    assert read_kfd_gpu_nodes(str(tmp_path), warnings.append) == []
    assert warnings == []


def test_bound_driver_reads_the_link_or_its_text(tmp_path):
    os.symlink("../../../../bus/pci/drivers/xe", tmp_path / "driver")
    assert bound_driver(tmp_path) == "xe"
    other = tmp_path / "other"
    other.mkdir()
    assert bound_driver(other) is None  # no driver bound
    # A checkout without symlinks (Windows) keeps the link's target as the file's text.
    (other / "driver").write_text("../../../../bus/pci/drivers/amdgpu", encoding="ascii")
    assert bound_driver(other) == "amdgpu"


def test_kfd_cpu_nodes_are_skipped_and_a_broken_node_warns(tmp_path):
    nodes = "sys/class/kfd/kfd/topology/nodes"
    write(tmp_path, f"{nodes}/0/gpu_id", "0\n")
    write(tmp_path, f"{nodes}/0/properties", "cpu_cores_count 16\ngfx_target_version 0\n")
    write(tmp_path, f"{nodes}/1/gpu_id", "48951\n")
    write(
        tmp_path,
        f"{nodes}/1/properties",
        "simd_count 192\ngfx_target_version 110000\nlocation_id 768\ndomain 0\n",
    )
    write(tmp_path, f"{nodes}/1/mem_banks/0/properties", "heap_type 1\nsize_in_bytes 1024\n")
    write(tmp_path, f"{nodes}/2/properties", "gfx_target_version 100301\n")  # no gpu_id file
    write(tmp_path, f"{nodes}/10/gpu_id", "7\n")  # node 10 sorts after 2, not after 1
    write(tmp_path, f"{nodes}/10/properties", "gfx_target_version 90402\nlocation_id 1280\n")
    warnings: list[str] = []
    found = read_kfd_gpu_nodes(str(tmp_path), warnings.append)
    assert [(n.number, n.gfx, n.address, n.memory_bytes) for n in found] == [
        (1, "gfx1100", "0000:03:00.0", 1024),
        (10, "gfx942", "0000:05:00.0", None),
    ]
    assert len(warnings) == 1 and "KFD node 2" in warnings[0]


# --- names ----------------------------------------------------------------------------------

PCI_IDS = (
    "# header\n"
    "0001  SafeNet (wrong ID)\n"
    "1002  Advanced Micro Devices, Inc. [AMD/ATI]\n"
    "\t15bf  Phoenix1\n"
    "\t744c  Navi 31 [Radeon RX 7900 XT/7900 XTX/7900 GRE/7900M]\n"
    "\t\t1002 0e3b  RX 7900 XTX / RX 7900 GRE [XFX]\n"
    "10de  NVIDIA Corporation\n"
    "\t28e0  AD107M [GeForce RTX 4060 Max-Q / Mobile]\n"
    "1002  a second AMD section, out of order: never read\n"
    "\t73df  Navi 22 [Radeon RX 6700 XT]\n"
    "8086  Intel Corporation\n"
    "\t56a0  DG2 [Arc A770]\n"
    "\t7d55  Meteor Lake-P [Intel Arc Graphics]\n"
    "C 03  Display controller\n"
    "\t00  VGA compatible controller\n"
)


def test_pci_ids_names_devices_and_never_a_subsystem(tmp_path):
    ids = write(tmp_path, "pci.ids", PCI_IDS)
    wanted = {(0x1002, 0x744C), (0x1002, 0x0E3B), (0x8086, 0x56A0), (0x8086, 0x0003)}
    assert read_pci_names(ids, wanted) == {
        (0x1002, 0x744C): "Navi 31 [Radeon RX 7900 XT/7900 XTX/7900 GRE/7900M]",
        (0x8086, 0x56A0): "DG2 [Arc A770]",
    }


def test_pci_ids_reading_stops_after_the_last_vendor_asked_about(tmp_path):
    """The file is sorted by vendor: once past AMD nothing more is read, so the (out of order)
    second AMD section is never reached, and the class list is never read as a vendor."""
    ids = write(tmp_path, "pci.ids", PCI_IDS)
    assert read_pci_names(ids, {(0x1002, 0x73DF)}) == {}
    assert read_pci_names(ids, {(0x8086, 0x0003)}) == {}  # reads to "C 03", stops there
    assert read_pci_names(ids, set()) == {}


@pytest.mark.parametrize(
    ("vendor", "entry", "name"),
    [
        (
            "amd",
            "Navi 31 [Radeon RX 7900 XT/7900 XTX/7900 GRE/7900M]",
            "AMD Radeon RX 7900 XT/7900 XTX/7900 GRE/7900M",
        ),
        ("amd", "Aqua Vanjaram [Instinct MI300X]", "AMD Instinct MI300X"),
        ("amd", "Phoenix1", "AMD Phoenix1"),
        ("amd", "AMD Instinct MI300X OAM", "AMD Instinct MI300X OAM"),  # a product_name
        ("intel", "DG2 [Arc A770]", "Intel Arc A770"),
        ("intel", "Meteor Lake-P [Intel Arc Graphics]", "Intel Arc Graphics"),
        (
            "nvidia",
            "AD107M [GeForce RTX 4060 Max-Q / Mobile]",
            "NVIDIA GeForce RTX 4060 Max-Q / Mobile",
        ),
    ],
)
def test_marketing_name(vendor, entry, name):
    assert marketing_name(vendor, entry) == name


# --- Intel families -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("device", "address", "family", "integrated"),
    [
        (0x56A0, "0000:03:00.0", "alchemist", False),  # Arc A770
        (0x5690, "0000:03:00.0", "alchemist", False),  # A770M
        (0xE20B, "0000:03:00.0", "battlemage", False),  # B580
        (0x7D55, "0000:00:02.0", "meteor-lake", True),
        (0x7D51, "0000:00:02.0", "arrow-lake", True),
        (0x64A0, "0000:00:02.0", "lunar-lake", True),
        (0xB080, "0000:00:02.0", "panther-lake", True),
        (0x0BD5, "0000:29:00.0", "ponte-vecchio", False),
        (0x9A49, "0000:00:02.0", None, True),  # Tiger Lake: not listed, at the iGPU slot
        (0xA780, "0000:00:02.0", None, True),  # Raptor Lake-S
        (0x1234, "0000:05:00.0", None, None),  # unknown, elsewhere: unknown
        (0x9A49, None, None, True),  # Windows (no address): unlisted ids are integrated
        (0x56A0, None, "alchemist", False),
    ],
)
def test_intel_family(device, address, family, integrated):
    assert intel_family(device, address) == (family, integrated)


def test_intel_gpus_data_is_sound():
    data = knowledge.resource("intel_gpus")
    raw = json.loads((knowledge.compat_dir() / "intel_gpus.json").read_text(encoding="utf-8"))
    assert data == raw and data["schema"] == "pytorch-setup/compat-intel-gpus/1"
    seen: dict[str, str] = {}
    for row in data["families"]:
        assert row["source"] and set(row["source"]) <= set(data["sources"]), row["family"]
        assert row["status"] in {"confirmed", "partial", "unconfirmed"}
        assert isinstance(row["integrated"], bool)
        assert re.fullmatch(r"[a-z0-9-]+", row["family"])
        for device in row["device_ids"]:
            assert re.fullmatch(r"[0-9a-f]{4}", device), device
            assert device not in seen, f"{device} in {seen.get(device)} and {row['family']}"
            seen[device] = row["family"]
    assert set(data["igpu_slot"]["source"]) <= set(data["sources"])
    # The families the issue names for PyTorch's XPU builds are all there.
    families = {row["family"] for row in data["families"]}
    assert {"alchemist", "battlemage", "meteor-lake", "lunar-lake", "arrow-lake"} <= families


# --- AMD: APUs and access ---------------------------------------------------------------------


def test_apu_targets_are_gfx_names_of_the_kernel_table():
    assert set(AMD_APU_TARGETS) <= {name for _, name in GFX_TABLE}
    assert {"gfx1103", "gfx1151", "gfx90c"} <= AMD_APU_TARGETS
    assert not {"gfx1100", "gfx1031", "gfx942", "gfx90a"} & AMD_APU_TARGETS


def test_an_old_apu_shares_one_node_with_the_cpu():
    node = adapters.KfdNode(1, {"cpu_cores_count": 4, "simd_count": 8})
    assert adapters._amd_integrated(node, "gfx801") is True
    assert adapters._amd_integrated(None, None) is None
    assert adapters._amd_integrated(None, "gfx1100") is False


def test_access_problem_names_the_first_file_denied(tmp_path):
    write(tmp_path, "dev/kfd")
    write(tmp_path, "dev/dri/renderD128")
    root = str(tmp_path)
    allow = lambda path: True  # noqa: E731
    deny_kfd = lambda path: not path.endswith("kfd")  # noqa: E731
    deny_render = lambda path: "renderD" not in path  # noqa: E731
    assert amd_access_problem(root, True, 128, allow) is None
    assert amd_access_problem(root, True, 128, deny_kfd) == "/dev/kfd"
    assert amd_access_problem(root, True, 128, deny_render) == "/dev/dri/renderD128"
    assert amd_access_problem(root, False, 128, deny_kfd) is None  # no KFD: not asked
    assert amd_access_problem(root, True, 129, deny_render) is None  # no such node: not asked
    # The real check, as this user: root may open anything; others only what they may.
    expected = None if os.access(tmp_path / "dev/kfd", os.R_OK | os.W_OK) else "/dev/kfd"
    assert amd_access_problem(root, True, None, adapters.can_open_rw) == expected


@posix_only
def test_render_node_from_the_drm_folder_when_kfd_gives_none(tmp_path):
    folder = pci_device(tmp_path, "0000:03:00.0", 0x030000, 0x1002, 0x744C, "amdgpu")
    write(tmp_path, "sys/bus/pci/devices/0000:03:00.0/drm/card1/dev", "226:1\n")
    write(tmp_path, "sys/bus/pci/devices/0000:03:00.0/drm/renderD129/dev", "226:129\n")
    (device,) = read_pci_displays(str(tmp_path), print)
    assert device.folder == folder
    assert adapters._render_minor(device, None) == 129


# --- ROCm tools: real programs ----------------------------------------------------------------


def program(folder: Path, name: str, output: str, code: int = 0, sleep: float = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"#!{sys.executable}\nimport sys, time\ntime.sleep({sleep})\n"
        f"sys.stdout.write({output!r})\nsys.exit({code})\n",
        encoding="utf-8",
    )
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_parse_rocm_tool_outputs():
    assert parse_agent_list("gfx000\ngfx1100\ngfx90a\n\n") == ["gfx1100", "gfx90a"]
    rocminfo = (
        "*******\nAgent 1\n*******\n  Name:                    AMD Ryzen 9 7950X\n"
        "  Marketing Name:          AMD Ryzen 9 7950X\n*******\nAgent 2\n*******\n"
        "  Name:                    gfx1100\n  Marketing Name:          Radeon RX 7900 XTX\n"
        "      Name:                    amdgcn-amd-amdhsa--gfx1100\n"
    )
    assert parse_rocminfo(rocminfo) == ["gfx1100"]


@posix_only
def test_rocm_agent_enumerator_on_path_is_run(tmp_path):
    bin_dir = tmp_path / "bin with space"
    program(bin_dir, "rocm_agent_enumerator", "gfx000\ngfx1031\n")
    ctx = ScanContext(environ={"PATH": str(bin_dir)}, root=str(tmp_path / "root"))
    warnings: list[str] = []
    assert adapters.rocm_arches(ctx, warnings.append) == ["gfx1031"]
    assert warnings == []


@posix_only
def test_rocminfo_under_opt_rocm_when_the_enumerator_fails(tmp_path):
    rocm_bin = tmp_path / "root" / "opt" / "rocm" / "bin"
    program(rocm_bin, "rocm_agent_enumerator", "boom", code=1)
    program(rocm_bin, "rocminfo", "  Name:                    gfx1101\n")
    ctx = ScanContext(environ={"PATH": ""}, root=str(tmp_path / "root"))
    warnings: list[str] = []
    assert adapters.rocm_arches(ctx, warnings.append) == ["gfx1101"]
    assert len(warnings) == 1 and "rocm_agent_enumerator failed (exit 1)" in warnings[0]


@posix_only
def test_a_stuck_rocm_tool_is_ended_with_a_warning(tmp_path):
    program(tmp_path / "bin", "rocm_agent_enumerator", "gfx1100\n", sleep=30)
    ctx = ScanContext(environ={"PATH": str(tmp_path / "bin")}, root=str(tmp_path))
    ctx.deadline = time.monotonic() + 0.5  # the scan's time is nearly up
    warnings: list[str] = []
    assert adapters.rocm_arches(ctx, warnings.append) is None
    assert "timed out" in warnings[0]


def test_no_rocm_tools_is_none(tmp_path):
    ctx = ScanContext(environ={"PATH": str(tmp_path)}, root=str(tmp_path))
    assert adapters.rocm_arches(ctx, print) is None


# --- Apple silicon --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("brand", "arch"),
    [
        ("Apple M1", "m1"),
        ("Apple M2 Pro", "m2"),
        ("Apple M3 Max\n", "m3"),
        ("Apple M4", "m4"),
        ("Apple M1 (Virtual)", "m1"),
        ("Apple processor", None),
    ],
)
def test_apple_chip(brand, arch):
    gpu = parse_apple_chip(brand)
    assert gpu is not None
    assert (gpu.name, gpu.vendor, gpu.arch) == (brand.strip(), "apple", arch)
    assert gpu.integrated is True and gpu.found_by == "system"


def test_not_an_apple_chip():
    assert parse_apple_chip("Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz") is None
    assert parse_apple_chip("") is None


@pytest.mark.skipif(sys.platform == "darwin", reason="asks the real sysctl of a Mac")
def test_apple_probe_elsewhere_warns_and_finds_nothing():
    """Off macOS the real sysctl (or its absence) has no Apple chip: a warning, no crash."""
    warnings: list[str] = []
    assert adapters.apple_adapters(ScanContext(environ={"PATH": ""}), warnings.append) == []
    assert warnings
