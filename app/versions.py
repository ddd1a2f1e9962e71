"""Version helpers shared by the scan and (later) the planner: one place for each rule."""

from __future__ import annotations

from packaging.version import InvalidVersion, Version


def version_key(text: str | None) -> Version:
    """Sort key for any version string; unparsable ones ("", "unknown") sort lowest."""
    try:
        return Version(text or "0")
    except InvalidVersion:
        return Version("0")


def cuda_version_from_int(value: int) -> str:
    """NVML, the CUDA driver API and cuda.h's CUDA_VERSION encode 12.2 as 12020."""
    return f"{value // 1000}.{(value % 1000) // 10}"
