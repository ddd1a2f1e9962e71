"""OS family and version, WSL, CPU architecture, free disk, memory."""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.paths import read_text
from app.profile import Disk, OSInfo

# Architectures the profile knows: PyTorch builds exist only for the first three; the others are
# recorded as they are so the planner can say why nothing fits.
_ARCH_ALIASES = {
    "i386": "x86",
    "i686": "x86",
    "x86": "x86",
    "amd64": "x86_64",
    "x86_64": "x86_64",
    "x64": "x86_64",
    "arm64": "arm64",
    "aarch64": "aarch64",
    "armv8": "aarch64",
}


def os_family(system: str | None = None) -> str:
    # sys.platform, not platform.system(): on Windows (3.11) the latter may run `cmd /c ver`.
    system = (system or sys.platform).lower()
    if system.startswith("win"):
        return "windows"
    if system == "darwin":
        return "macos"
    return "linux"


def machine() -> str:
    if sys.platform == "win32":
        # The real CPU even from a 32-bit process (WOW64), without platform's `cmd /c ver`
        # (which flashes a console window from the windowed build).
        return os.environ.get("PROCESSOR_ARCHITEW6432") or os.environ.get(
            "PROCESSOR_ARCHITECTURE", "AMD64"
        )
    return os.uname().machine


def normalize_arch(machine_name: str | None = None, family: str | None = None) -> str:
    """Profile spelling: x86_64 everywhere; arm64 on macOS/Windows, aarch64 on Linux."""
    raw = (machine_name or machine() or "").lower()
    arch = _ARCH_ALIASES.get(raw, raw or "x86_64")
    family = family or os_family()
    if arch in ("arm64", "aarch64"):
        return "aarch64" if family == "linux" else "arm64"
    if arch.startswith("armv7"):
        return "armv7l"
    return arch


def detect_wsl(osrelease: str | None, environ: Mapping[str, str]) -> bool:
    """WSL kernels say 'microsoft' in their release string; WSL also sets WSL_DISTRO_NAME."""
    if environ.get("WSL_DISTRO_NAME") or environ.get("WSL_INTEROP"):
        return True
    return "microsoft" in (osrelease or "").lower()


def parse_os_release(text: str) -> dict[str, str]:
    values = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip():
            values[key.strip()] = value.strip().strip("\"'")
    return values


def os_info(environ: Mapping[str, str]) -> OSInfo:
    if sys.platform == "win32":  # os_family() "windows"; the same test, one mypy understands
        return windows_info(*sys.getwindowsversion()[:3])
    family = os_family()
    if family == "macos":
        version = platform.mac_ver()[0]  # reads a plist; plistlib is imported by preload()
        return OSInfo(family, version, False, f"macOS {version}".strip())
    kernel = os.uname().release
    distro = parse_os_release(read_text("/etc/os-release") or "").get("PRETTY_NAME", "Linux")
    wsl = detect_wsl(read_text("/proc/sys/kernel/osrelease") or kernel, environ)
    return OSInfo(family, kernel, wsl, distro)


def windows_info(major: int, minor: int, build: int) -> OSInfo:
    """Windows 11 still reports version 10.0; the build number tells them apart (22000+)."""
    name = "Windows 11" if (major, minor) == (10, 0) and build >= 22000 else f"Windows {major}"
    if (major, minor) == (6, 1):
        name = "Windows 7"
    elif (major, minor) in ((6, 2), (6, 3)):
        name = "Windows 8"
    return OSInfo("windows", f"{major}.{minor}.{build}", False, name)


def free_mib(path: str | os.PathLike) -> int | None:
    try:
        return shutil.disk_usage(path).free // (1024 * 1024)
    except OSError:
        return None


def memory_mib() -> int | None:
    try:
        import psutil

        return psutil.virtual_memory().total // (1024 * 1024)
    except Exception:  # noqa: BLE001 - memory size is nice to have, never worth a failure
        return None


def pip_cache_dir(environ: Mapping[str, str]) -> Path:
    """Where pip keeps downloaded wheels (a CUDA torch wheel is 2-3 GB)."""
    if environ.get("PIP_CACHE_DIR"):
        return Path(environ["PIP_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("pip", appauthor=False))


def _existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def probe(ctx: Any) -> dict[str, Any]:
    disks = {}
    folders = (
        ("home", Path.home()),
        ("temp", Path(tempfile.gettempdir())),
        ("cache", pip_cache_dir(ctx.environ)),
    )
    for key, folder in folders:
        free = free_mib(_existing(folder))
        if free is not None:
            disks[key] = Disk(str(folder), free)
    info = os_info(ctx.environ)
    return {
        "os": info,
        "arch": normalize_arch(family=info.family),
        "disks": disks,
        "disk_free_mib": disks["home"].free_mib if "home" in disks else None,
        "memory_mib": memory_mib(),
    }
