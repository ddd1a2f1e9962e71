"""Windows display adapters (app.scan.adapters_windows): recorded machines through the
DisplayDevices interface on any system, and, in the Windows lane (a real Windows CPython under
Wine), RealDisplayDevices against the real registry and the real cfgmgr32.dll."""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from typing import Any

import pytest

from app.profile import GPU
from app.scan.adapters_windows import (
    DISPLAY_CLASS_GUID,
    REG_BINARY,
    REG_DWORD,
    REG_MULTI_SZ,
    REG_QWORD,
    REG_SZ,
    DisplayEnumerationError,
    RealDisplayDevices,
    cfgmgr32_display_ids,
    pci_ids,
    registry_text,
    windows_adapters,
)
from tests.windows_adapters import RecordedDisplayDevices, fixture_names, load, registry_value
from tests.wine import under_wine

AMD_DRIVER = "31.0.24027.1012"


def registry_gpu(**fields: Any) -> GPU:
    return GPU(found_by="registry", **fields)


EXPECTED: dict[str, list[GPU]] = {
    "rx7900xtx_ryzen_igpu.json": [
        registry_gpu(
            name="AMD Radeon RX 7900 XTX",
            vendor="amd",
            memory_mib=24560,
            pci_id="1002:744c",
            driver_version=AMD_DRIVER,
            integrated=False,
        ),
        registry_gpu(
            name="AMD Radeon(TM) Graphics",
            vendor="amd",
            memory_mib=512,
            pci_id="1002:164e",
            driver_version=AMD_DRIVER,
            integrated=True,
        ),
    ],
    "arc_a770.json": [
        registry_gpu(
            name="Intel(R) Arc(TM) A770 Graphics",
            vendor="intel",
            memory_mib=16288,
            pci_id="8086:56a0",
            arch="alchemist",
            driver_version="32.0.101.6129",
            integrated=False,
        )
    ],
    "core_ultra_igpu.json": [
        registry_gpu(
            name="Intel(R) Arc(TM) Graphics",
            vendor="intel",
            memory_mib=128,
            pci_id="8086:7d55",
            arch="meteor-lake",
            driver_version="32.0.101.5972",
            integrated=True,
        )
    ],
    "rtx4060_laptop_arc_igpu.json": [
        registry_gpu(
            name="Intel(R) Arc(TM) Graphics",
            vendor="intel",
            memory_mib=128,
            pci_id="8086:7d55",
            arch="meteor-lake",
            driver_version="31.0.101.5590",
            integrated=True,
        ),
        registry_gpu(
            name="NVIDIA GeForce RTX 4060 Laptop GPU",
            vendor="nvidia",
            memory_mib=8188,
            pci_id="10de:28a0",
            driver_version="32.0.15.6094",
            integrated=False,
        ),
    ],
    "uhd630_desktop.json": [
        registry_gpu(
            name="Intel(R) UHD Graphics 630",
            vendor="intel",
            memory_mib=1024,
            pci_id="8086:3e92",
            driver_version="27.20.100.9664",
            integrated=True,
        )
    ],
    "basic_display_only.json": [],
    "rx6700xt_no_vendor_driver.json": [
        registry_gpu(
            name="Microsoft Basic Display Adapter",
            vendor="amd",
            memory_mib=None,
            pci_id="1002:73df",
            driver_version=None,
            integrated=False,
        )
    ],
}


def test_every_recorded_machine_has_its_expected_adapters():
    assert sorted(EXPECTED) == fixture_names()


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_recorded_machine_gives_exactly_these_gpus(fixture):
    assert windows_adapters(RecordedDisplayDevices(fixture)) == EXPECTED[fixture]


def test_only_pci_devices_of_the_three_vendors_are_read():
    devices = RecordedDisplayDevices("rx7900xtx_ryzen_igpu.json")
    windows_adapters(devices)
    assert devices.asked == [i for i in devices.present_ids() if i.startswith("PCI\\VEN_1002")]
    assert "ROOT\\DISPLAY\\0000" in devices.present_ids()  # Parsec's adapter: listed, not read


@pytest.mark.parametrize(
    ("instance_id", "expected"),
    [
        (r"PCI\VEN_1002&DEV_744C&SUBSYS_471E1DA2&REV_C8\6&2F4B8C1D&0&00000019", ("1002", "744c")),
        (r"pci\ven_10de&dev_2684&subsys_16f110de&rev_a1\4&1&0&0019", ("10de", "2684")),
        (r"PCI\VEN_8086&DEV_9A49&SUBSYS_00000000\3&11583659&0&10", ("8086", "9a49")),
        (r"ROOT\DISPLAY\0000", None),
        (r"SWD\REMOTEDISPLAYENUM\RDPIDD_INDIRECTDISPLAY&SESSIONID_0002", None),
        (r"PCI\VEN_10DE", None),
        (r"PCI\VEN_XYZW&DEV_0000", None),
        ("", None),
    ],
)
def test_pci_ids_from_an_instance_id(instance_id, expected):
    assert pci_ids(instance_id) == expected


@pytest.mark.parametrize(
    ("data", "kind", "expected"),
    [
        ("AMD Radeon RX 7900 XTX", REG_SZ, "AMD Radeon RX 7900 XTX"),
        ("Intel(R) Arc(TM) Graphics\0", REG_SZ, "Intel(R) Arc(TM) Graphics"),
        (25753026560, REG_QWORD, "25753026560"),
        (1024, REG_DWORD, "1024"),
        (bytes.fromhex("00000040"), REG_BINARY, str(0x40000000)),  # little-endian
        (bytes.fromhex("0000000806000000"), REG_BINARY, str(0x608000000)),
        (bytes.fromhex("000040"), REG_BINARY, None),  # neither a DWORD nor a QWORD
        (["a", "b"], REG_MULTI_SZ, None),
        (7, REG_SZ, None),  # type and data disagree
        ("7", REG_DWORD, None),
    ],
)
def test_registry_values_as_text(data, kind, expected):
    assert registry_text(data, kind) == expected


class Answers:
    """A machine with one device whose values are given as text."""

    def __init__(self, values: dict[str, str], instance_id: str = "") -> None:
        self.instance_id = instance_id or r"PCI\VEN_1002&DEV_744C&SUBSYS_0&REV_C8\6&1&0&19"
        self._values = values

    def present_ids(self) -> list[str]:
        return [self.instance_id]

    def values(self, instance_id: str) -> dict[str, str]:
        return dict(self._values)


def only_gpu(values: dict[str, str], instance_id: str = "") -> GPU:
    (gpu,) = windows_adapters(Answers(values, instance_id))
    return gpu


def test_a_device_with_no_values_is_still_listed_by_its_ids():
    gpu = only_gpu({})
    assert gpu == registry_gpu(
        name="AMD GPU (1002:744c)", vendor="amd", pci_id="1002:744c", integrated=False
    )


@pytest.mark.parametrize(
    ("values", "name"),
    [
        ({"DeviceDesc": "@oem28.inf,%amd744c.1%;AMD Radeon RX 7900 XTX"}, "AMD Radeon RX 7900 XTX"),
        ({"DeviceDesc": "AMD Radeon RX 7900 XTX"}, "AMD Radeon RX 7900 XTX"),
        ({"DeviceDesc": "@oem28.inf,%amd744c.1%"}, "@oem28.inf,%amd744c.1%"),  # no text given
        ({"DeviceDesc": "@x.inf,%k%;A;B"}, "A;B"),
        ({"FriendlyName": "Card 2", "DeviceDesc": "@x.inf,%k%;Card"}, "Card 2"),
        ({"DriverDesc": "  Radeon  ", "FriendlyName": "Card 2"}, "Radeon"),
        ({"DriverDesc": "", "DeviceDesc": "@x.inf,%k%;Card"}, "Card"),
        ({"DriverDesc": "   ", "DeviceDesc": "@x.inf,%k%;   "}, "AMD GPU (1002:744c)"),
    ],
)
def test_the_name_is_driver_desc_then_friendly_name_then_device_desc(values, name):
    assert only_gpu(values).name == name


MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("values", "memory_mib"),
    [
        ({"HardwareInformation.qwMemorySize": str(24 * 1024 * MIB)}, 24576),
        (
            {
                "HardwareInformation.qwMemorySize": str(8 * 1024 * MIB),
                "HardwareInformation.MemorySize": str(4095 * MIB),
            },
            8192,
        ),
        ({"HardwareInformation.MemorySize": str(2048 * MIB)}, 2048),
        ({"HardwareInformation.MemorySize": "4096"}, 4096),  # in MB, as Microsoft documents it
        ({"HardwareInformation.MemorySize": str(0xFFFFFFFF)}, None),  # too big for a DWORD
        ({"HardwareInformation.qwMemorySize": "0", "HardwareInformation.MemorySize": "512"}, 512),
        ({"HardwareInformation.qwMemorySize": "junk"}, None),
        ({"HardwareInformation.qwMemorySize": "-1"}, None),
        ({"HardwareInformation.MemorySize": ""}, None),
        ({}, None),
    ],
)
def test_dedicated_memory(values, memory_mib):
    assert only_gpu(values).memory_mib == memory_mib


def test_microsofts_inbox_driver_gives_no_vendor_driver_version():
    values = {"DriverVersion": "10.0.22621.1", "ProviderName": "Microsoft"}
    assert only_gpu(values).driver_version is None
    values["ProviderName"] = "Advanced Micro Devices, Inc."
    assert only_gpu(values).driver_version == "10.0.22621.1"
    assert only_gpu({"DriverVersion": "  "}).driver_version is None


@pytest.mark.parametrize(
    ("pci_id", "integrated"),
    [
        ("8086:56a0", False),  # Arc A770 (DG2)
        ("8086:56c0", False),  # Data Center GPU Flex 170 (ATS-M)
        ("8086:e20b", False),  # Arc B580 (Battlemage)
        ("8086:4905", False),  # Iris Xe MAX (DG1)
        ("8086:0bd5", False),  # Data Center GPU Max 1550 (Ponte Vecchio)
        ("8086:7d55", True),  # Meteor Lake Arc Graphics
        ("8086:64a0", True),  # Lunar Lake Arc 140V
        ("8086:a780", True),  # Raptor Lake-S UHD 770
        ("8086:3e92", True),  # UHD 630
        ("1002:744c", False),  # RX 7900 XTX
        ("1002:73df", False),  # RX 6700 XT
        ("1002:67df", False),  # RX 580
        ("1002:74a1", False),  # Instinct MI300X
        ("1002:164e", True),  # Raphael
        ("1002:15bf", True),  # Phoenix (780M)
        ("1002:1900", True),  # HawkPoint
        ("1002:1586", True),  # Strix Halo
        ("1002:98e4", True),  # Stoney
        ("10de:2684", False),
    ],
)
def test_integrated_by_device_id(pci_id, integrated):
    vendor, device = pci_id.split(":")
    instance_id = rf"PCI\VEN_{vendor.upper()}&DEV_{device.upper()}&SUBSYS_0\3&1&0&10"
    assert only_gpu({}, instance_id).integrated is integrated


def test_other_vendors_are_left_out():
    for vendor in ("1414", "15AD", "1234", "1AB8", "0000", "1002X"):
        answers = Answers({"DriverDesc": "x"}, rf"PCI\VEN_{vendor}&DEV_0405\3&1&0&78")
        assert windows_adapters(answers) == []


class Failing:
    def __init__(self, list_error: Exception | None = None, read_error: Exception | None = None):
        self.list_error, self.read_error = list_error, read_error

    def present_ids(self) -> list[str]:
        if self.list_error:
            raise self.list_error
        return [r"PCI\VEN_8086&DEV_56A0&SUBSYS_10208086&REV_08\6&1&0&8"]

    def values(self, instance_id: str) -> dict[str, str]:
        if self.read_error:
            raise self.read_error
        return {"DriverDesc": "Intel(R) Arc(TM) A770 Graphics"}


@pytest.mark.parametrize(
    "error",
    [DisplayEnumerationError("CM_Get_Device_ID_ListW answered CR 0x13"), OSError(5, "denied")],
)
def test_no_list_gives_no_gpus_and_says_why_in_the_log(error, caplog):
    with caplog.at_level(logging.INFO, logger="pytorch_setup"):
        assert windows_adapters(Failing(list_error=error)) == []
    assert "not listed" in caplog.text and str(error) in caplog.text


def test_a_device_that_cannot_be_read_is_listed_by_its_ids(caplog):
    with caplog.at_level(logging.INFO, logger="pytorch_setup"):
        (gpu,) = windows_adapters(Failing(read_error=PermissionError(5, "Access is denied")))
    assert gpu == registry_gpu(
        name="Intel GPU (8086:56a0)",
        vendor="intel",
        pci_id="8086:56a0",
        arch="alchemist",
        integrated=False,
    )
    assert "Access is denied" in caplog.text


@pytest.mark.skipif(os.name == "nt", reason="elsewhere than on Windows")
def test_elsewhere_the_real_probe_finds_nothing_and_does_not_raise():
    assert windows_adapters() == []
    assert windows_adapters(RealDisplayDevices()) == []
    with pytest.raises(DisplayEnumerationError, match="only on Windows"):
        cfgmgr32_display_ids()


# -- Windows lane: the real registry and cfgmgr32.dll --------------------------------------------

on_windows = pytest.mark.skipif(
    os.name != "nt", reason="the real registry and cfgmgr32 exist only on Windows (Wine lane)"
)
TEST_KEY = r"Software\PytorchSetupTests"
AUDIO_CLASS_GUID = "{4d36e96c-e325-11ce-bfc1-08002be10318}"


def _delete_tree(hive: int, path: str) -> None:
    import winreg

    with contextlib.suppress(FileNotFoundError):
        with winreg.OpenKey(hive, path) as key:
            children = [winreg.EnumKey(key, i) for i in range(winreg.QueryInfoKey(key)[0])]
        for child in children:
            _delete_tree(hive, rf"{path}\{child}")
        winreg.DeleteKey(hive, path)


@pytest.fixture
def test_root():
    """A key of our own under HKCU laid out like HKLM\\SYSTEM\\CurrentControlSet; removed after."""
    import winreg

    root = rf"{TEST_KEY}\{uuid.uuid4().hex}"
    winreg.CreateKey(winreg.HKEY_CURRENT_USER, root).Close()
    try:
        yield root
    finally:
        _delete_tree(winreg.HKEY_CURRENT_USER, root)
        with contextlib.suppress(OSError):  # others' keys may still be there
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, TEST_KEY)


def _write_key(path: str, values: dict[str, list[Any]]) -> None:
    import winreg

    with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, path, 0, winreg.KEY_ALL_ACCESS) as key:
        for name, recorded in values.items():
            data, kind = registry_value(recorded)
            winreg.SetValueEx(key, name, 0, kind, data)


def _write_machine(root: str, recording: dict[str, Any], started: bool = True) -> None:
    """The recording's Enum and Control\\Class keys, real types and all; each present device
    gets the Control subkey Windows gives started devices (unless started is False)."""
    for instance_id, values in recording["enum"].items():
        _write_key(rf"{root}\Enum\{instance_id}", values)
        if started and instance_id in recording["present"]:
            _write_key(rf"{root}\Enum\{instance_id}\Control", {"ActiveService": ["REG_SZ", "x"]})
    for driver, values in recording["class"].items():
        _write_key(rf"{root}\Control\Class\{driver}", values)


def _devices(root: str) -> RealDisplayDevices:
    import winreg

    return RealDisplayDevices(root=root, hive=winreg.HKEY_CURRENT_USER)


@pytest.mark.windows
@on_windows
@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_real_registry_reads_what_was_recorded(test_root, fixture):
    _write_machine(test_root, load(fixture))
    # Listed in the registry's key order here, not in CfgMgr32's.
    found = sorted(windows_adapters(_devices(test_root)), key=lambda gpu: str(gpu.pci_id))
    assert found == sorted(EXPECTED[fixture], key=lambda gpu: str(gpu.pci_id))


@pytest.mark.windows
@on_windows
def test_real_registry_values_come_back_as_text_with_their_types_honoured(test_root):
    recording = load("uhd630_desktop.json")
    _write_machine(test_root, recording)
    (instance_id,) = recording["present"]
    assert _devices(test_root).values(instance_id) == {
        "DeviceDesc": "@oem10.inf,%icfldtgt2%;Intel(R) UHD Graphics 630",
        "Driver": DISPLAY_CLASS_GUID + r"\0000",
        "DriverDesc": "Intel(R) UHD Graphics 630",
        "DriverVersion": "27.20.100.9664",
        "ProviderName": "Intel Corporation",
        "MatchingDeviceId": r"PCI\VEN_8086&DEV_3E92",
        "HardwareInformation.MemorySize": str(1024 * MIB),  # REG_BINARY, little-endian
    }


@pytest.mark.windows
@on_windows
def test_real_registry_listing_keeps_started_display_devices_only(test_root):
    recording = load("rx7900xtx_ryzen_igpu.json")
    _write_machine(test_root, recording)
    removed = r"PCI\VEN_10DE&DEV_1B80&SUBSYS_85AA1043&REV_A1\4&2283F625&0&0019"  # a GTX 1080
    _write_key(
        rf"{test_root}\Enum\{removed}",
        {"ClassGUID": ["REG_SZ", DISPLAY_CLASS_GUID], "Driver": ["REG_SZ", "x"]},
    )
    audio = r"PCI\VEN_1002&DEV_AB30&SUBSYS_AB301002&REV_00\6&2F4B8C1D&0&01000019"
    _write_key(rf"{test_root}\Enum\{audio}", {"ClassGUID": ["REG_SZ", AUDIO_CLASS_GUID]})
    _write_key(rf"{test_root}\Enum\{audio}\Control", {})
    listed = _devices(test_root).present_ids()
    assert sorted(listed) == sorted(i for i in recording["present"] if i.startswith("PCI\\"))


@pytest.mark.windows
@on_windows
def test_real_registry_listing_where_nothing_says_started_takes_every_display_device(test_root):
    recording = load("rtx4060_laptop_arc_igpu.json")
    _write_machine(test_root, recording, started=False)  # as Wine keeps it: no Control keys
    _write_key(rf"{test_root}\Enum\PCI\VEN_1002&DEV_AB30\1", {"Class": ["REG_SZ", "no GUID"]})
    assert sorted(_devices(test_root).present_ids()) == sorted(recording["present"])


@pytest.mark.windows
@on_windows
def test_real_registry_a_driver_value_that_is_no_class_key_is_not_followed(test_root):
    instance_id = r"PCI\VEN_1002&DEV_744C&SUBSYS_0&REV_C8\6&1&0&19"
    _write_key(
        rf"{test_root}\Control\Class\{DISPLAY_CLASS_GUID}\0000", {"DriverDesc": ["REG_SZ", "x"]}
    )
    for driver in (r"..\..\Control\Class\{x}\0000", DISPLAY_CLASS_GUID, "0000", ""):
        _write_key(rf"{test_root}\Enum\{instance_id}", {"Driver": ["REG_SZ", driver]})
        assert "DriverDesc" not in _devices(test_root).values(instance_id)


@pytest.mark.windows
@on_windows
def test_real_registry_without_the_keys_gives_nothing(test_root):
    devices = _devices(test_root)
    with pytest.raises(DisplayEnumerationError, match="Enum"):
        devices.present_ids()
    assert windows_adapters(devices) == []
    assert devices.values(r"PCI\VEN_1002&DEV_744C\nope") == {}


@pytest.mark.windows
@on_windows
def test_real_cfgmgr32_lists_or_says_why():
    try:
        listed = cfgmgr32_display_ids()
    except DisplayEnumerationError as exc:
        # Wine 8.0 answers CR_SUCCESS with a size of 0 for any filter: no list.
        assert under_wine(), f"Windows' cfgmgr32 gave no list: {exc}"
        assert "size of 0" in str(exc)
    else:
        assert isinstance(listed, list) and all(isinstance(i, str) and i for i in listed)


@pytest.mark.windows
@on_windows
def test_real_machine_probe_returns_a_list_without_raising():
    devices = RealDisplayDevices()
    listed = devices.present_ids()
    assert isinstance(listed, list) and all(isinstance(i, str) for i in listed)
    gpus = windows_adapters()
    assert all(
        gpu.found_by == "registry" and gpu.vendor in ("amd", "intel", "nvidia") for gpu in gpus
    )
    if under_wine():
        # Wine's own display device (vendor 0000) is in HKLM's Enum\PCI, read through the
        # registry fallback; it is no AMD/Intel/NVIDIA GPU.
        wine = [i for i in listed if i.upper().startswith(r"PCI\VEN_0000&DEV_0000")]
        assert wine, listed
        assert devices.values(wine[0]).get("DriverDesc") == "Wine Adapter"
        assert gpus == []
