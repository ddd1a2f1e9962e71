"""Run one step of our own CLI with administrator rights (Windows: the UAC prompt).

Only the step that needs the rights runs elevated, never the whole program: e.g. cuDNN copied
into a toolkit under Program Files. The elevated process is our own CLI with `--yes`; it writes
the same journal (same user, same state folder), so undo works as for any other step.
"""

from __future__ import annotations

import os
import subprocess
import sys

from app.paths import is_frozen
from app.text import translate

SW_SHOWNORMAL = 1
SEE_MASK_NOCLOSEPROCESS = 0x00000040
INFINITE = 0xFFFFFFFF
ERROR_CANCELLED = 1223  # the person said No to the UAC prompt


class ElevationError(Exception):
    pass


def own_command(args: list[str]) -> tuple[str, list[str]]:
    """(program, arguments) that run our CLI: the packaged console twin, or python -m app."""
    if is_frozen():
        exe = sys.executable
        twin = exe.replace("pytorch-setup.exe", "pytorch-setup-cli.exe")
        return (twin if os.path.exists(twin) else exe), args
    return sys.executable, ["-m", "app", *args]


def parameters(args: list[str]) -> str:
    """One Windows command-line string, quoted the way the C runtime parses it back."""
    return subprocess.list2cmdline(args)


def run_elevated(args: list[str], cwd: str | None = None) -> int:
    """Run our CLI with `args` as administrator, wait, and return its exit code."""
    if os.name != "nt":
        raise ElevationError(
            translate("errors", "Asking for administrator rights is only done on Windows.")
        )
    import ctypes
    from ctypes import wintypes

    class ShellExecuteInfo(ctypes.Structure):
        _fields_ = [
            ("cbSize", wintypes.DWORD),
            ("fMask", ctypes.c_ulong),
            ("hwnd", wintypes.HWND),
            ("lpVerb", wintypes.LPCWSTR),
            ("lpFile", wintypes.LPCWSTR),
            ("lpParameters", wintypes.LPCWSTR),
            ("lpDirectory", wintypes.LPCWSTR),
            ("nShow", ctypes.c_int),
            ("hInstApp", wintypes.HINSTANCE),
            ("lpIDList", ctypes.c_void_p),
            ("lpClass", wintypes.LPCWSTR),
            ("hkeyClass", wintypes.HKEY),
            ("dwHotKey", wintypes.DWORD),
            ("hIconOrMonitor", wintypes.HANDLE),
            ("hProcess", wintypes.HANDLE),
        ]

    program, arguments = own_command(args)
    info = ShellExecuteInfo()
    info.cbSize = ctypes.sizeof(info)
    info.fMask = SEE_MASK_NOCLOSEPROCESS
    info.lpVerb = "runas"
    info.lpFile = program
    info.lpParameters = parameters(arguments)
    info.lpDirectory = cwd
    info.nShow = SW_SHOWNORMAL
    shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    if not shell32.ShellExecuteExW(ctypes.byref(info)):
        error = ctypes.GetLastError()  # type: ignore[attr-defined]
        if error == ERROR_CANCELLED:
            raise ElevationError(
                translate("errors", "Administrator rights were not given: nothing was changed.")
            )
        raise ElevationError(
            translate(
                "errors", "Could not start the step as administrator (error {error})."
            ).format(error=error)
        )
    try:
        kernel32.WaitForSingleObject(info.hProcess, INFINITE)
        code = wintypes.DWORD()
        kernel32.GetExitCodeProcess(info.hProcess, ctypes.byref(code))
        return int(code.value)
    finally:
        kernel32.CloseHandle(info.hProcess)
