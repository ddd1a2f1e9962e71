"""HKCU\\Environment behind a tiny interface, so the Windows backend is tested on any system.

WinRegistry is the real one (winreg and ctypes are imported only inside it, so only on
Windows); InMemoryRegistry serves tests and can simulate failures and concurrent changes.
The machine-wide key (HKLM ... Session Manager\\Environment) is only ever read.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Mapping
from typing import Any, Protocol

REG_SZ, REG_EXPAND_SZ, REG_BINARY = 1, 2, 3  # winreg's values, usable without winreg
KEY = r"HKEY_CURRENT_USER\Environment"
MACHINE_KEY = r"SYSTEM\CurrentControlSet\Control\Session Manager\Environment"


class Registry(Protocol):
    def read(self, name: str) -> tuple[Any, int] | None: ...  # None: no such value; raises
    def write(self, name: str, value: str, kind: int) -> None: ...
    def delete(self, name: str) -> None: ...
    def broadcast(self) -> bool: ...
    def read_machine(self, name: str) -> tuple[Any, int] | None: ...  # None also on failure
    def names(self, machine: bool = False) -> list[str]: ...  # value names; [] on failure


def _no_registry() -> ModuleNotFoundError:
    """What `import winreg` raises elsewhere than on Windows."""
    return ModuleNotFoundError("No module named 'winreg'", name="winreg")


class WinRegistry:
    """The real HKCU\\Environment (winreg and ctypes are imported only here, on Windows)."""

    def read(self, name: str) -> tuple[Any, int] | None:
        if sys.platform != "win32":
            raise _no_registry()
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment") as key:
                return winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None

    def write(self, name: str, value: str, kind: int) -> None:
        if sys.platform != "win32":
            raise _no_registry()
        import winreg

        access = winreg.KEY_SET_VALUE
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, "Environment", 0, access) as key:
            winreg.SetValueEx(key, name, 0, kind, value)

    def delete(self, name: str) -> None:
        if sys.platform != "win32":
            raise _no_registry()
        import winreg

        access = winreg.KEY_SET_VALUE
        with (
            winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment", 0, access) as key,
            contextlib.suppress(FileNotFoundError),
        ):
            winreg.DeleteValue(key, name)

    def read_machine(self, name: str) -> tuple[Any, int] | None:
        if sys.platform != "win32":
            raise _no_registry()
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, MACHINE_KEY) as key:
                return winreg.QueryValueEx(key, name)
        except OSError:
            return None

    def names(self, machine: bool = False) -> list[str]:
        """The value names in HKCU\\Environment (machine: the machine-wide key)."""
        if sys.platform != "win32":
            raise _no_registry()
        import winreg

        root, sub = (
            (winreg.HKEY_LOCAL_MACHINE, MACHINE_KEY)
            if machine
            else (winreg.HKEY_CURRENT_USER, "Environment")
        )
        found: list[str] = []
        try:
            with winreg.OpenKey(root, sub) as key:
                for index in range(winreg.QueryInfoKey(key)[1]):
                    found.append(winreg.EnumValue(key, index)[0])
        except OSError:
            return found
        return found

    def broadcast(self) -> bool:
        """Tell Explorer and other windows the environment changed, so new terminals see it.
        A timeout, because one hung window would otherwise block us forever."""
        if sys.platform != "win32":
            raise _no_registry()
        import ctypes
        from ctypes import wintypes

        user32 = ctypes.WinDLL("user32", use_last_error=True)
        send = user32.SendMessageTimeoutW
        send.argtypes = [
            wintypes.HWND,
            wintypes.UINT,
            wintypes.WPARAM,
            wintypes.LPCWSTR,
            wintypes.UINT,
            wintypes.UINT,
            ctypes.POINTER(ctypes.c_size_t),
        ]
        send.restype = wintypes.LPARAM
        result = ctypes.c_size_t(0)
        hwnd_broadcast, wm_settingchange, smto_abortifhung = 0xFFFF, 0x001A, 0x0002
        sent = send(
            hwnd_broadcast,
            wm_settingchange,
            0,
            "Environment",
            smto_abortifhung,
            5000,
            ctypes.byref(result),
        )
        return bool(sent)


class InMemoryRegistry:
    """A registry for tests and dry runs; can simulate a failing read or another program
    changing a value between our read and our write."""

    def __init__(self, values: Mapping[str, tuple[Any, int]] | None = None, machine=None):
        self.values: dict[str, tuple[Any, int]] = dict(values or {})
        self.machine: dict[str, tuple[Any, int]] = dict(machine or {})
        self.failing: set[str] = set()  # names whose read raises OSError
        self.operations: list[tuple] = []  # ("write", name, value, kind) / ("delete", name)
        self.broadcasts = 0
        self._reads: dict[str, int] = {}
        self._changes: dict[str, tuple[int, tuple[Any, int] | None]] = {}

    def _name(self, name: str) -> str:  # value names are case-insensitive, as in the registry
        return next((n for n in self.values if n.casefold() == name.casefold()), name)

    def change_after_read(self, name: str, value: tuple[Any, int] | None, reads: int = 1) -> None:
        """After the reads-th read of name, another program sets it to value (None: deletes)."""
        self._changes[name.casefold()] = (reads, value)

    def read(self, name: str) -> tuple[Any, int] | None:
        if name.casefold() in {n.casefold() for n in self.failing}:
            raise OSError(5, "Access is denied")
        result = self.values.get(self._name(name))
        count = self._reads[name.casefold()] = self._reads.get(name.casefold(), 0) + 1
        change = self._changes.get(name.casefold())
        if change and change[0] == count:
            if change[1] is None:
                self.values.pop(self._name(name), None)
            else:
                self.values[self._name(name)] = change[1]
        return result

    def write(self, name: str, value: str, kind: int) -> None:
        self.operations.append(("write", name, value, kind))
        self.values[self._name(name)] = (value, kind)

    def delete(self, name: str) -> None:
        self.operations.append(("delete", name))
        self.values.pop(self._name(name), None)

    def broadcast(self) -> bool:
        self.broadcasts += 1
        return True

    def read_machine(self, name: str) -> tuple[Any, int] | None:
        return next((v for n, v in self.machine.items() if n.casefold() == name.casefold()), None)

    def names(self, machine: bool = False) -> list[str]:
        return list(self.machine if machine else self.values)
