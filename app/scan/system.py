"""OS family and version, WSL, CPU architecture, free disk, memory."""

from __future__ import annotations

import os
import platform
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.profile import Disk, OSInfo

_ARCH_ALIASES = {
    "amd64": "x86_64",
    "x86_64": "x86_64",
    "x64": "x86_64",
    "arm64": "arm64",
    "aarch64": "aarch64",
    "armv8": "aarch64",
}


def os_family(system: str | None = None) -> str:
    system = (system or platform.system()).lower()
    if system.startswith("win"):
        return "windows"
    if system == "darwin":
        return "macos"
    return "linux"


def normalize_arch(machine: str | None = None, family: str | None = None) -> str:
    """Profile spelling: x86_64 everywhere; arm64 on macOS/Windows, aarch64 on Linux."""
    raw = (machine or platform.machine() or "").lower()
    arch = _ARCH_ALIASES.get(raw, raw or "x86_64")
    family = family or os_family()
    if arch in ("arm64", "aarch64"):
        return "aarch64" if family == "linux" else "arm64"
    return arch


def detect_wsl(osrelease: str | None, environ: Mapping[str, str]) -> bool:
    """WSL kernels say 'microsoft' in their release string; WSL also sets WSL_DISTRO_NAME."""
    if environ.get("WSL_DISTRO_NAME") or environ.get("WSL_INTEROP"):
        return True
    return bool(osrelease) and "microsoft" in osrelease.lower()


def parse_os_release(text: str) -> dict[str, str]:
    values = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip():
            values[key.strip()] = value.strip().strip("\"'")
    return values


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def os_info(environ: Mapping[str, str]) -> OSInfo:
    family = os_family()
    if family == "windows":
        release, version, _, _ = platform.win32_ver()
        return OSInfo(family, version or platform.version(), False, f"Windows {release}".strip())
    if family == "macos":
        version = platform.mac_ver()[0]
        return OSInfo(family, version, False, f"macOS {version}".strip())
    kernel = platform.release()
    distro = parse_os_release(_read("/etc/os-release") or "").get("PRETTY_NAME", "Linux")
    wsl = detect_wsl(_read("/proc/sys/kernel/osrelease") or kernel, environ)
    return OSInfo(family, kernel, wsl, distro)


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


def probe(ctx: Any) -> dict[str, Any]:
    disks = {}
    for key, folder in (("home", Path.home()), ("temp", Path(tempfile.gettempdir()))):
        free = free_mib(folder)
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
