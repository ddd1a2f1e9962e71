"""Pre-flight checks: things on this computer known to break PyTorch installs, each with a fix.

Run after the probes, on their results plus a few cheap looks (environment variables, the
Windows registry and System32 through `WindowsLook`, which tests replace on Linux).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PureWindowsPath
from typing import Any, Protocol

from app.profile import Check, SystemProfile
from app.text import QT_TRANSLATE_NOOP, translate

WARNING, PROBLEM = "warning", "problem"
# pip keeps the wheel in its cache and unpacks it through the temp folder: a CUDA build of
# torch is a 2-3 GB wheel that unpacks to about 5 GB.
TEMP_MIN_MIB = 6 * 1024
CACHE_MIN_MIB = 4 * 1024
VC_RUNTIME = ("vcruntime140.dll", "vcruntime140_1.dll", "msvcp140.dll")
VC_REDIST_URL = "https://aka.ms/vs/17/release/vc_redist.x64.exe"


class WindowsLook(Protocol):
    def long_paths_enabled(self) -> bool | None: ...

    def missing_dlls(self, names: tuple[str, ...]) -> list[str]: ...


LONG_PATHS_KEY = r"SYSTEM\CurrentControlSet\Control\FileSystem"


def read_registry_value(hive: str, key: str, name: str) -> Any:
    """The data of value name under hive\\key (hive: winreg's name, e.g. HKEY_LOCAL_MACHINE);
    None when the key has no such value; OSError when the key cannot be opened."""
    if sys.platform != "win32":  # what `import winreg` raises there
        raise ModuleNotFoundError("No module named 'winreg'", name="winreg")
    import winreg

    with winreg.OpenKey(getattr(winreg, hive), key) as handle:
        try:
            return winreg.QueryValueEx(handle, name)[0]
        except FileNotFoundError:
            return None


class RealWindows:
    """HKLM LongPathsEnabled and the DLLs in System32, read on Windows. The key and the
    registry reader can be given (tests: a key of their own, or a reader without winreg)."""

    def __init__(
        self,
        hive: str = "HKEY_LOCAL_MACHINE",
        key: str = LONG_PATHS_KEY,
        read_value: Callable[[str, str, str], Any] = read_registry_value,
    ) -> None:
        self.hive, self.key, self.read_value = hive, key, read_value

    def long_paths_enabled(self) -> bool | None:
        try:
            value = self.read_value(self.hive, self.key, "LongPathsEnabled")
        except (OSError, ImportError):
            return None  # the key is unreadable (or there is no registry): say nothing
        # No value is Windows' default: long paths are off until someone sets it to 1.
        return value == 1

    def missing_dlls(self, names: tuple[str, ...]) -> list[str]:
        system32 = Path(os.environ.get("SYSTEMROOT", r"C:\Windows")) / "System32"
        return [name for name in names if not (system32 / name).is_file()]


def _odd_characters(path: str) -> str | None:
    wide, space = any(ord(c) > 127 for c in path), " " in path
    if wide and space:
        return translate("preflight", "non-English characters and spaces")
    if wide:
        return translate("preflight", "non-English characters")
    return translate("preflight", "spaces") if space else None


def _under_onedrive(path: str, environ: Mapping[str, str]) -> bool:
    roots = [environ.get(k, "") for k in ("OneDrive", "OneDriveConsumer", "OneDriveCommercial")]
    lowered = path.lower()
    return any(r and lowered.startswith(r.lower()) for r in roots) or "\\onedrive" in lowered


def checks(
    profile: SystemProfile,
    environ: Mapping[str, str],
    windows: WindowsLook | None = None,
) -> list[Check]:
    """Everything that needs attention (an empty list: all clear)."""
    found: list[Check] = []
    is_windows = profile.os.family == "windows"
    home = profile.disks.get("home")
    if home is not None:
        odd = _odd_characters(home.path)
        if odd:
            found.append(
                Check(
                    "home_path",
                    WARNING,
                    translate(
                        "preflight",
                        "Your user folder {folder} contains {what}. PyTorch itself copes, but "
                        "building CUDA extensions (nvcc, MSVC), older conda versions and some "
                        "packages' build scripts break on such paths.",
                    ).format(folder=home.path, what=odd),
                    translate(
                        "preflight",
                        "Keep environments and the CUDA toolkit in a plain folder such as "
                        "{example} (choose it when the assistant asks for a folder).",
                    ).format(example=r"C:\pt" if is_windows else "/opt/pt"),
                )
            )
    target = profile.python.executable or ""
    if is_windows and target and _under_onedrive(target, environ):
        found.append(
            Check(
                "onedrive",
                WARNING,
                translate(
                    "preflight",
                    "The target Python lives in a OneDrive folder ({python}). OneDrive syncs and "
                    "locks files while pip writes thousands of them, which makes installs fail "
                    "or leaves them broken; files kept online-only cannot be imported.",
                ).format(python=target),
                translate(
                    "preflight",
                    "Create the environment outside OneDrive, e.g. in {example} (New "
                    "environment…).",
                ).format(example=r"C:\pt"),
            )
        )
    if is_windows and windows is not None:
        if windows.long_paths_enabled() is False:
            found.append(
                Check(
                    "long_paths",
                    WARNING,
                    translate(
                        "preflight",
                        "Windows long paths are off: paths longer than 260 characters fail, and "
                        "some packages of the PyTorch stack install files with long paths.",
                    ),
                    translate(
                        "preflight",
                        "Turn on 'Enable Win32 long paths' (Group Policy), or set "
                        "LongPathsEnabled=1 under {key} as administrator; or keep environments "
                        "in a short folder such as {example}.",
                    ).format(
                        key=r"HKLM\SYSTEM\CurrentControlSet\Control\FileSystem", example=r"C:\pt"
                    ),
                )
            )
        missing = windows.missing_dlls(VC_RUNTIME)
        if missing:
            found.append(
                Check(
                    "vc_runtime",
                    PROBLEM,
                    translate(
                        "preflight",
                        "The Microsoft Visual C++ runtime is missing ({files}): `import torch` "
                        "then fails with 'WinError 126 … c10.dll'.",
                    ).format(files=", ".join(missing)),
                    translate(
                        "preflight", "Install the Visual C++ Redistributable (x64): {url}"
                    ).format(url=VC_REDIST_URL),
                )
            )
    user_site = profile.python.user_site
    torch = profile.python.torch
    if user_site and torch and torch.path and _inside(torch.path, user_site, is_windows):
        found.append(
            Check(
                "user_site_torch",
                WARNING,
                translate(
                    "preflight",
                    "PyTorch {version} is imported from your user site-packages ({folder}), not "
                    "from the target environment: it shadows whatever is installed there.",
                ).format(version=torch.version, folder=user_site),
                translate(
                    "preflight",
                    "Remove it: `{command}` run outside any environment, or delete its folder; "
                    "or use a venv (it ignores the user site-packages).",
                ).format(command=f"{_python_name(is_windows)} -m pip uninstall torch"),
            )
        )
    for key, minimum, what in (
        ("temp", TEMP_MIN_MIB, QT_TRANSLATE_NOOP("preflight", "temporary folder")),
        ("cache", CACHE_MIN_MIB, QT_TRANSLATE_NOOP("preflight", "pip cache")),
    ):
        disk = profile.disks.get(key)
        if disk is not None and disk.free_mib < minimum:
            variable = (
                "TMP and TEMP"
                if key == "temp" and is_windows
                else ("TMPDIR" if key == "temp" else "PIP_CACHE_DIR")
            )
            found.append(
                Check(
                    f"{key}_space",
                    WARNING,
                    translate(
                        "preflight",
                        "Only {free} GB free for the {what} ({folder}); a CUDA build of PyTorch "
                        "needs about {need} GB there.",
                    ).format(
                        free=f"{disk.free_mib / 1024:.1f}",
                        what=translate("preflight", what),
                        folder=disk.path,
                        need=f"{minimum / 1024:.0f}",
                    ),
                    translate(
                        "preflight",
                        "Free some space on that drive, or point {variable} at a drive with room.",
                    ).format(variable=variable),
                )
            )
    return found


def _inside(path: str, folder: str, windows: bool) -> bool:
    if windows:
        return PureWindowsPath(path.lower()).is_relative_to(PureWindowsPath(folder.lower()))
    return Path(path).is_relative_to(Path(folder))


def _python_name(windows: bool) -> str:
    return "py" if windows else "python3"
