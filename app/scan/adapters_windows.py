"""Windows display adapters of any vendor (AMD, Intel, NVIDIA), read without vendor tools.

The present display-class devices come from CfgMgr32 (CM_Get_Device_ID_ListW, filtered by the
display class GUID and "present"), and what Windows knows of each from the registry: the
device's own key under Enum (DeviceDesc, Driver) and its driver's key under Control\\Class
(DriverDesc, DriverVersion, ProviderName, HardwareInformation.*). Both sit behind the small
DisplayDevices interface, so tests replay recorded answers (tests/fixtures/windows_adapters).

Sources (docs/issue17-gpu-vendor-facts.md §2 has more):
- CM_Get_Device_ID_List(_Size)W, CM_GETIDLIST_FILTER_CLASS (0x200) and _PRESENT (0x100, both
  Windows 7+), the double-NUL-terminated list, CR_SUCCESS and CR_BUFFER_SMALL (26):
  learn.microsoft.com cfgmgr32 nf-cfgmgr32-cm_get_device_id_listw / _list_sizew; the values
  as in cfgmgr32.h.
- Display class GUID {4d36e968-e325-11ce-bfc1-08002be10318}: Microsoft's system-defined device
  setup classes.
- HardwareInformation.MemorySize: Microsoft's "Registering Hardware Information" (display
  miniport drivers; documented as a ULONG in megabytes). HardwareInformation.qwMemorySize (a
  REG_QWORD in bytes) is not in Microsoft's docs: it is what WDDM drivers write and what
  System Informer reads first, then MemorySize, which Intel drivers write as REG_BINARY.
Microsoft asks applications to use CM_* functions rather than read Enum directly; Wine 8
answers CR_FAILURE to CM_Locate_DevNodeW, so that route could not be exercised here, while the
keys read below are the ones Windows has kept since Windows 2000.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import Any, Protocol

from app.profile import GPU
from app.scan.adapters import intel_family

_log = logging.getLogger("pytorch_setup")

DISPLAY_CLASS_GUID = "{4d36e968-e325-11ce-bfc1-08002be10318}"
SYSTEM_ROOT = r"SYSTEM\CurrentControlSet"

# cfgmgr32.h
CM_GETIDLIST_FILTER_PRESENT = 0x00000100
CM_GETIDLIST_FILTER_CLASS = 0x00000200
CR_SUCCESS = 0x00
CR_BUFFER_SMALL = 0x1A

# winreg's type numbers, usable where winreg does not exist (tests on Linux).
REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_QWORD = 1, 2, 3, 4, 7, 11

# What values() gives: from the device's Enum key, then from its driver's Control\Class key.
ENUM_VALUES = ("DeviceDesc", "FriendlyName", "Driver")
CLASS_VALUES = (
    "DriverDesc",
    "DriverVersion",
    "ProviderName",
    "MatchingDeviceId",
    "HardwareInformation.qwMemorySize",
    "HardwareInformation.MemorySize",
)

VENDORS = {"10de": "nvidia", "1002": "amd", "8086": "intel"}
_BRANDS = {"nvidia": "NVIDIA", "amd": "AMD", "intel": "Intel"}
_NAME_VALUES = ("DriverDesc", "FriendlyName", "DeviceDesc")  # the first one set names the GPU

_PCI_ID = re.compile(r"^PCI\\VEN_([0-9A-F]{4})&DEV_([0-9A-F]{4})", re.IGNORECASE)
_DRIVER_KEY = re.compile(r"^\{[0-9A-F-]{36}\}\\[0-9]{4}$", re.IGNORECASE)

# AMD's integrated GPUs (APUs, chipset graphics), by device id: in pci.ids every AMD display
# device numbered 0x1000-0x1FFF is one (2023.04.10: Kaveri 0x1304 ... Raven, Renoir, Rembrandt,
# Raphael, Phoenix 0x15BF; 2026 versions add Krackan 0x1114, Strix 0x150E, Strix Halo 0x1586,
# HawkPoint 0x1900/0x1901), and so is every one numbered 0x9600-0x99FF (RS780 ... Kabini,
# Carrizo, Stoney, Trinity, Richland); AMD's discrete GPUs since GCN are numbered 0x6xxx-0x7xxx.
_AMD_INTEGRATED = ((0x1000, 0x1FFF), (0x9600, 0x99FF))

_MIB = 1024 * 1024
_ULONG_MAX = 0xFFFFFFFF


class DisplayEnumerationError(OSError):
    """The present display devices could not be listed; says why."""


class DisplayDevices(Protocol):
    """What the Windows adapter probe asks of the machine (recorded answers in tests)."""

    def present_ids(self) -> list[str]:
        """Device instance ids of the present display-class devices; raises when unknown."""
        ...

    def values(self, instance_id: str) -> dict[str, str]:
        """The ENUM_VALUES and CLASS_VALUES the registry holds for one device, as text
        (numbers in decimal); names it lacks are left out."""
        ...


def registry_text(data: Any, kind: int) -> str | None:
    """A registry value as values() gives it: strings as they are, numbers (REG_DWORD,
    REG_QWORD, and a 4- or 8-byte REG_BINARY, little-endian as Intel's drivers write
    HardwareInformation.MemorySize) in decimal; None for anything else."""
    if kind in (REG_SZ, REG_EXPAND_SZ) and isinstance(data, str):
        return data.rstrip("\0")
    if kind in (REG_DWORD, REG_QWORD) and isinstance(data, int):
        return str(data)
    if kind == REG_BINARY and isinstance(data, bytes) and len(data) in (4, 8):
        return str(int.from_bytes(data, "little"))
    return None


def pci_ids(instance_id: str) -> tuple[str, str] | None:
    """("1002", "744c") from "PCI\\VEN_1002&DEV_744C&SUBSYS_...\\6&..."; None if not PCI."""
    match = _PCI_ID.match(instance_id)
    return (match[1].lower(), match[2].lower()) if match else None


def windows_adapters(devices: DisplayDevices | None = None) -> list[GPU]:
    """The AMD, Intel and NVIDIA display adapters present (others: Microsoft's virtual and
    remote adapters, VMware, Hyper-V, ... are left out). Never raises: [] when the devices
    cannot be listed, with a log line saying why."""
    source = devices if devices is not None else RealDisplayDevices()
    try:
        instance_ids = source.present_ids()
    except Exception as exc:  # a probe must not stop the scan, whatever the backend raised
        _log.info("Windows display adapters: not listed (%s)", exc)
        return []
    gpus = []
    for instance_id in instance_ids:
        ids = pci_ids(instance_id)
        if ids is None or ids[0] not in VENDORS:
            continue
        try:
            values = source.values(instance_id)
        except Exception as exc:
            _log.info("Windows display adapters: %s not read (%s)", instance_id, exc)
            values = {}
        gpus.append(_gpu(ids[0], ids[1], values))
    return gpus


def _gpu(vendor_id: str, device_id: str, values: dict[str, str]) -> GPU:
    vendor = VENDORS[vendor_id]
    pci_id = f"{vendor_id}:{device_id}"
    names = (_display_text(values.get(name)) for name in _NAME_VALUES)
    arch: str | None = None
    integrated: bool | None = _integrated(vendor, int(device_id, 16))
    if vendor == "intel":  # the family table the Linux probe uses: one rule for both
        arch, integrated = intel_family(int(device_id, 16))
    return GPU(
        name=next((name for name in names if name), f"{_BRANDS[vendor]} GPU ({pci_id})"),
        vendor=vendor,
        arch=arch,
        memory_mib=_memory_mib(values),
        pci_id=pci_id,
        driver_version=_driver_version(values),
        integrated=integrated,
        found_by="registry",
    )


def _display_text(value: str | None) -> str:
    """Enum's DeviceDesc is often "@oem12.inf,%amd744c.1%;AMD Radeon RX 7900 XTX": the text
    after the first ';' is the name (INF file and string key names have no ';')."""
    if not value:
        return ""
    text = value.strip()
    if text.startswith("@") and ";" in text:
        text = text.split(";", 1)[1].strip()
    return text


def _driver_version(values: dict[str, str]) -> str | None:
    # Microsoft's inbox driver (Basic Display Adapter) on an AMD/Intel/NVIDIA card means the
    # vendor's driver is missing: its version says nothing about the vendor's.
    if values.get("ProviderName", "").strip().lower() == "microsoft":
        return None
    return values.get("DriverVersion", "").strip() or None


def _number(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


def _memory_mib(values: dict[str, str]) -> int | None:
    """Dedicated memory: qwMemorySize (bytes), else MemorySize. MemorySize is documented in MB
    but WDDM drivers write bytes; a value under 1 MiB can only be MB. 0xFFFFFFFF is a DWORD
    that could not hold the size (System Informer ignores it too)."""
    size = _number(values.get("HardwareInformation.qwMemorySize"))
    if size is None or size <= 0:
        size = _number(values.get("HardwareInformation.MemorySize"))
        if size == _ULONG_MAX:
            return None
    if size is None or size <= 0:
        return None
    return size if size < _MIB else size // _MIB


def _integrated(vendor: str, device_id: int) -> bool:
    if vendor == "amd":
        return any(low <= device_id <= high for low, high in _AMD_INTEGRATED)
    return False  # NVIDIA on Windows: discrete cards only (Tegra/Jetson boards run Linux)


class RealDisplayDevices:
    """This machine's display devices: CfgMgr32 for the present ones, winreg for their values.

    root and hive name where the Enum and Control\\Class keys are read (default: HKLM\\SYSTEM\\
    CurrentControlSet). Tests point them at a key of their own under HKCU; CfgMgr32, which
    knows only the machine's devices, is then not asked."""

    def __init__(self, root: str = SYSTEM_ROOT, hive: int | None = None) -> None:
        self.root = root
        self.hive = hive

    def _hive(self) -> int:
        if sys.platform != "win32":
            raise DisplayEnumerationError("the Windows registry exists only on Windows")
        import winreg

        return winreg.HKEY_LOCAL_MACHINE if self.hive is None else self.hive

    def present_ids(self) -> list[str]:
        if self.hive is None and self.root == SYSTEM_ROOT:
            try:
                return cfgmgr32_display_ids()
            except DisplayEnumerationError as exc:
                _log.info("Windows display adapters: CfgMgr32 gave no list (%s); the registry", exc)
        return self.registry_display_ids()

    def registry_display_ids(self) -> list[str]:
        """The display-class devices under Enum\\PCI, for when CfgMgr32 gives no list (Wine 8's
        answers an empty size). Enum keeps every device ever installed; a present one also has
        the volatile subkey "Control", which Windows' Plug and Play writes when it starts the
        device (observed, not documented; Wine writes none). So: the devices with a Control
        key, or all of them where none has one."""
        hive = self._hive()
        if sys.platform != "win32":
            return []
        import winreg

        found: list[tuple[str, bool]] = []
        try:
            pci = winreg.OpenKey(hive, rf"{self.root}\Enum\PCI")
        except OSError as exc:
            raise DisplayEnumerationError(f"Enum\\PCI could not be read ({exc})") from None
        with pci:
            for device in _subkeys(pci):
                try:
                    device_key = winreg.OpenKey(pci, device)
                except OSError:
                    continue
                with device_key:
                    for instance in _subkeys(device_key):
                        entry = _display_instance(device_key, instance)
                        if entry is not None:
                            found.append((rf"PCI\{device}\{instance}", entry))
        started = [instance_id for instance_id, has_control in found if has_control]
        return started or [instance_id for instance_id, _ in found]

    def values(self, instance_id: str) -> dict[str, str]:
        hive = self._hive()
        values = _read_values(hive, rf"{self.root}\Enum\{instance_id}", ENUM_VALUES)
        driver = values.get("Driver", "")
        if _DRIVER_KEY.match(driver):
            values.update(_read_values(hive, rf"{self.root}\Control\Class\{driver}", CLASS_VALUES))
        return values


def cfgmgr32_display_ids() -> list[str]:
    """Instance ids of the present display-class devices, from CfgMgr32; raises
    DisplayEnumerationError when it gives no list (a CR_* error, no cfgmgr32.dll, or a size of
    0, which a real implementation never answers: the list's closing NUL alone takes 1)."""
    if sys.platform != "win32":
        raise DisplayEnumerationError("CfgMgr32 exists only on Windows")
    import ctypes
    from ctypes import wintypes

    try:
        cfgmgr = ctypes.WinDLL("cfgmgr32")
    except OSError as exc:
        raise DisplayEnumerationError(f"cfgmgr32.dll could not be loaded ({exc})") from None
    list_size = cfgmgr.CM_Get_Device_ID_List_SizeW
    list_size.argtypes = [ctypes.POINTER(wintypes.ULONG), wintypes.LPCWSTR, wintypes.ULONG]
    list_size.restype = wintypes.ULONG  # CONFIGRET
    id_list = cfgmgr.CM_Get_Device_ID_ListW
    id_list.argtypes = [wintypes.LPCWSTR, wintypes.LPWSTR, wintypes.ULONG, wintypes.ULONG]
    id_list.restype = wintypes.ULONG
    flags = CM_GETIDLIST_FILTER_CLASS | CM_GETIDLIST_FILTER_PRESENT
    for _ in range(3):  # a device may arrive between the two calls (CR_BUFFER_SMALL): again
        length = wintypes.ULONG(0)
        status = list_size(ctypes.byref(length), DISPLAY_CLASS_GUID, flags)
        if status != CR_SUCCESS:
            raise DisplayEnumerationError(f"CM_Get_Device_ID_List_SizeW answered CR {status:#x}")
        if length.value == 0:
            raise DisplayEnumerationError("CM_Get_Device_ID_List_SizeW answered a size of 0")
        buffer = ctypes.create_unicode_buffer(length.value)
        status = id_list(DISPLAY_CLASS_GUID, buffer, length.value, flags)
        if status == CR_BUFFER_SMALL:
            continue
        if status != CR_SUCCESS:
            raise DisplayEnumerationError(f"CM_Get_Device_ID_ListW answered CR {status:#x}")
        listed = ctypes.wstring_at(buffer, length.value)
        return [text for text in listed.split("\0") if text]
    raise DisplayEnumerationError("CM_Get_Device_ID_ListW: the list kept growing")


def _subkeys(key: Any) -> list[str]:
    if sys.platform != "win32":
        return []
    import winreg

    try:
        count = winreg.QueryInfoKey(key)[0]
    except OSError:
        return []
    names = []
    for index in range(count):
        try:
            names.append(winreg.EnumKey(key, index))
        except OSError:  # removed meanwhile
            break
    return names


def _display_instance(device_key: Any, instance: str) -> bool | None:
    """None: not a display-class device (or unreadable); else whether it has a Control key."""
    if sys.platform != "win32":
        return None
    import winreg

    try:
        with winreg.OpenKey(device_key, instance) as key:
            class_guid, _ = winreg.QueryValueEx(key, "ClassGUID")
            if not isinstance(class_guid, str) or class_guid.lower() != DISPLAY_CLASS_GUID:
                return None
            try:
                winreg.OpenKey(key, "Control").Close()
            except PermissionError:
                return True  # there, but not ours to open
            except OSError:
                return False
            return True
    except OSError:
        return None


def _read_values(hive: int, path: str, names: tuple[str, ...]) -> dict[str, str]:
    """The named values of one key as text (registry_text); {} when the key cannot be read."""
    if sys.platform != "win32":
        return {}
    import winreg

    found: dict[str, str] = {}
    try:
        key = winreg.OpenKey(hive, path)
    except OSError:
        return found
    with key:
        for name in names:
            try:
                data, kind = winreg.QueryValueEx(key, name)
            except OSError:
                continue
            text = registry_text(data, kind)
            if text is not None:
                found[name] = text
    return found
