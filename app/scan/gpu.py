"""GPUs: NVIDIA ones and the driver through NVML, with nvidia-smi as a fallback; then every other
display adapter (AMD, Intel, Apple) from app.scan.adapters, merged into one list.

NVML is reached through the small Nvml interface: PynvmlBackend is the real one; tests feed
recorded answers through the same interface, since CI has no GPU. No driver is a normal result
(gpus [], driver None) with a reason, never a crash.
"""

from __future__ import annotations

import csv
import os
import platform
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from app import proc
from app.profile import GPU, Driver
from app.scan import adapters, adapters_windows  # not in the probe: see app.scan.preload
from app.versions import cuda_version_from_int


class NvmlUnavailable(Exception):  # noqa: N818 - an absence, not an error
    """NVML cannot be used on this machine (no driver, driver not loaded, ...); says why."""


class Nvml(Protocol):
    def init(self) -> None: ...
    def shutdown(self) -> None: ...
    def driver_version(self) -> str: ...
    def cuda_driver_version(self) -> int: ...  # 12020 for CUDA 12.2
    def device_count(self) -> int: ...
    def device_name(self, index: int) -> str: ...
    def device_capability(self, index: int) -> tuple[int, int]: ...
    def device_memory_mib(self, index: int) -> int: ...
    def device_uuid(self, index: int) -> str: ...


def _text(value: Any) -> str:
    # Older pynvml releases return bytes.
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class PynvmlBackend:
    """The real NVML, through nvidia-ml-py (import name pynvml)."""

    def __init__(self) -> None:
        self._nvml: Any = None

    def init(self) -> None:
        try:
            import pynvml
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise NvmlUnavailable(f"the NVML Python bindings are missing ({exc})") from None
        try:
            pynvml.nvmlInit()
        except pynvml.NVMLError as exc:
            raise NvmlUnavailable(_why_unavailable(pynvml, exc)) from None
        self._nvml = pynvml

    def shutdown(self) -> None:
        if self._nvml is not None:
            try:
                self._nvml.nvmlShutdown()
            finally:
                self._nvml = None

    def driver_version(self) -> str:
        return _text(self._nvml.nvmlSystemGetDriverVersion())

    def cuda_driver_version(self) -> int:
        return int(self._nvml.nvmlSystemGetCudaDriverVersion())

    def device_count(self) -> int:
        return int(self._nvml.nvmlDeviceGetCount())

    def _handle(self, index: int) -> Any:
        return self._nvml.nvmlDeviceGetHandleByIndex(index)

    def device_name(self, index: int) -> str:
        return _text(self._nvml.nvmlDeviceGetName(self._handle(index)))

    def device_capability(self, index: int) -> tuple[int, int]:
        major, minor = self._nvml.nvmlDeviceGetCudaComputeCapability(self._handle(index))
        return int(major), int(minor)

    def device_memory_mib(self, index: int) -> int:
        return int(self._nvml.nvmlDeviceGetMemoryInfo(self._handle(index)).total) // (1024 * 1024)

    def device_uuid(self, index: int) -> str:
        return _text(self._nvml.nvmlDeviceGetUUID(self._handle(index)))


def _why_unavailable(pynvml: Any, exc: Exception) -> str:
    if isinstance(exc, getattr(pynvml, "NVMLError_LibraryNotFound", ())):
        lib = "nvml.dll" if os.name == "nt" else "libnvidia-ml.so.1"
        return f"No NVIDIA driver is installed (the NVML library {lib} was not found)."
    if isinstance(exc, getattr(pynvml, "NVMLError_DriverNotLoaded", ())):
        return (
            "An NVIDIA driver is installed but not loaded: restart the computer; on Linux, "
            "Secure Boot may be blocking the kernel module."
        )
    if isinstance(exc, getattr(pynvml, "NVMLError_NoPermission", ())):
        return "The NVIDIA driver refused access to this user (no permission on /dev/nvidia*)."
    return f"NVML could not start: {exc}"


def read_nvml(nvml: Nvml) -> tuple[list[GPU], Driver | None, list[str]]:
    """Ask NVML for the driver and every GPU; problems with one part are returned as notes."""
    notes: list[str] = []
    nvml.init()
    try:
        try:
            driver = Driver(nvml.driver_version())
        except Exception as exc:  # noqa: BLE001 - NVML raises its own error classes
            driver = Driver("")  # present but unreadable: "" is "unknown" to every reader
            notes.append(f"driver version could not be read: {exc}")
        try:
            driver.cuda = cuda_version_from_int(nvml.cuda_driver_version())
        except Exception as exc:  # noqa: BLE001
            notes.append(f"the driver's CUDA version could not be read: {exc}")
        gpus: list[GPU] = []
        try:
            count = nvml.device_count()
        except Exception as exc:  # noqa: BLE001
            notes.append(f"GPUs could not be counted: {exc}")
            count = 0
        for index in range(count):
            gpus.append(_read_device(nvml, index, notes))
        return gpus, driver, notes
    finally:
        try:
            nvml.shutdown()
        except Exception as exc:  # noqa: BLE001
            notes.append(f"NVML shutdown failed: {exc}")


def _read_device(nvml: Nvml, index: int, notes: list[str]) -> GPU:
    gpu = GPU(name=f"NVIDIA GPU {index}", index=index)
    errors = []
    for what, read in (
        ("name", lambda: setattr(gpu, "name", nvml.device_name(index))),
        ("compute capability", lambda: _set_cc(gpu, nvml.device_capability(index))),
        ("memory", lambda: setattr(gpu, "memory_mib", nvml.device_memory_mib(index))),
        ("UUID", lambda: setattr(gpu, "uuid", nvml.device_uuid(index))),
    ):
        try:
            read()
        except Exception as exc:  # noqa: BLE001 - one unreadable field must not hide the rest
            errors.append(f"{what}: {exc}")
    if errors:
        gpu.error = "; ".join(errors)
        notes.append(f"GPU {index} could not be fully read ({gpu.error})")
    return gpu


def _set_cc(gpu: GPU, cc: tuple[int, int]) -> None:
    gpu.compute_capability = f"{cc[0]}.{cc[1]}"


# --- nvidia-smi fallback ---------------------------------------------------------------

SMI_FIELDS = "index,name,compute_cap,memory.total,driver_version,uuid"


def _variable(environ: dict[str, str] | Any, name: str) -> str:
    """A Windows environment variable by any case (ProgramFiles, PROGRAMFILES)."""
    return next((v for k, v in environ.items() if k.upper() == name.upper() and v), "")


def nvidia_smi_places(environ: dict[str, str] | Any) -> list[Path]:
    """Where Windows drivers put nvidia-smi.exe when it is not on PATH: System32 (drivers
    from about 2019 on), or %ProgramFiles%\\NVIDIA Corporation\\NVSMI (older drivers)."""
    places = [Path(_variable(environ, "SYSTEMROOT") or r"C:\Windows") / "System32"]
    for name in ("ProgramFiles", "ProgramW6432"):  # W6432: the 64-bit one, seen from 32 bits
        if _variable(environ, name):
            places.append(Path(_variable(environ, name)) / "NVIDIA Corporation" / "NVSMI")
    return [place / "nvidia-smi.exe" for place in dict.fromkeys(places)]


def find_nvidia_smi(environ: dict[str, str] | Any, windows: bool | None = None) -> str | None:
    found = shutil.which("nvidia-smi", path=environ.get("PATH", ""))
    if found:
        return found
    if os.name == "nt" if windows is None else windows:
        return next((str(p) for p in nvidia_smi_places(environ) if p.is_file()), None)
    return None


def parse_smi_csv(text: str) -> tuple[list[GPU], str | None]:
    """Rows of `--query-gpu=SMI_FIELDS --format=csv,noheader,nounits`; returns GPUs and driver."""
    gpus, driver = [], None
    for row in csv.reader(line for line in text.splitlines() if line.strip()):
        cells = [c.strip() for c in row]
        if len(cells) < 6 or not cells[0].isdigit():
            continue
        index, name, cc, memory, driver, uuid = cells[:6]
        gpus.append(
            GPU(
                name=name,
                index=int(index),
                compute_capability=cc if re.fullmatch(r"\d+\.\d+", cc) else None,
                memory_mib=int(float(memory)) if re.fullmatch(r"[\d.]+", memory) else None,
                uuid=uuid or None,
            )
        )
    return gpus, driver


def parse_smi_cuda(text: str) -> str | None:
    """The banner of plain `nvidia-smi` says 'CUDA Version: 12.2' (the driver's highest)."""
    match = re.search(r"CUDA Version\s*:\s*(\d+\.\d+)", text)
    return match.group(1) if match else None


def read_nvidia_smi(smi: str, ctx: Any) -> tuple[list[GPU], Driver | None]:
    timeout = min(5.0, ctx.remaining())
    result = proc.run(
        [smi, f"--query-gpu={SMI_FIELDS}", "--format=csv,noheader,nounits"],
        timeout=timeout,
        cancel=ctx.cancel,
    )
    if not result.ok and "compute_cap" in result.output:
        # Drivers before 510 do not know compute_cap: ask again without it (capability unknown).
        fields = SMI_FIELDS.replace("compute_cap", "gpu_bus_id")
        result = proc.run(
            [smi, f"--query-gpu={fields}", "--format=csv,noheader,nounits"],
            timeout=timeout,
            cancel=ctx.cancel,
        )
    if not result.ok:
        raise RuntimeError(f"nvidia-smi failed (exit {result.returncode}): {result.output[-300:]}")
    gpus, version = parse_smi_csv(result.output)
    if version is None:
        return gpus, None
    banner = proc.run([smi], timeout=timeout, cancel=ctx.cancel)
    return gpus, Driver(version, parse_smi_cuda(banner.output))


def probe(ctx: Any) -> dict[str, Any]:
    """Every GPU: NVIDIA through NVML (nvidia-smi as a fallback), then the display adapters of
    any vendor the system lists (app.scan.adapters; Windows: app.scan.adapters_windows)."""
    gpus, driver, missing = _nvidia(ctx)
    warnings: list[str] = []
    # NVML names NVIDIA cards best; the system's list adds them only when NVML found none
    # (a card without a working driver). NVIDIA first, then the others in the system's order.
    others = _other_adapters(ctx, warnings.append, include_nvidia=not gpus)
    others.sort(key=lambda gpu: gpu.vendor != "nvidia")
    gpus = _with_indexes(gpus + others)
    if missing is not None:
        if not gpus:
            ctx.note("gpu", "missing", missing)  # no GPU at all: the planner says why
        elif any(gpu.vendor == "nvidia" for gpu in gpus):
            ctx.note("gpu", "warning", missing)  # an NVIDIA card whose driver does not answer
        else:
            # Only AMD/Intel/Apple GPUs: not a "none found"; why NVIDIA's side is empty stays
            # readable for the plan.
            ctx.note("gpu", "ok", missing)
    for warning in warnings:
        ctx.note("gpu", "warning", warning)
    return {"gpus": gpus, "driver": driver}


def _nvidia(ctx: Any) -> tuple[list[GPU], Driver | None, str | None]:
    """NVIDIA GPUs and driver, and why there are none when NVML and nvidia-smi both failed."""
    nvml = ctx.nvml if ctx.nvml is not None else PynvmlBackend()
    try:
        gpus, driver, notes = read_nvml(nvml)
    except NvmlUnavailable as exc:
        reason = str(exc)
    else:
        for note in notes:
            ctx.note("gpu", "warning", note)
        return _found_by(gpus, "nvml"), driver, None
    smi = find_nvidia_smi(ctx.environ)
    if smi:
        try:
            gpus, driver = read_nvidia_smi(smi, ctx)
        except (proc.ProcError, RuntimeError) as exc:
            return [], None, f"{reason} nvidia-smi did not help either: {exc}"
        ctx.note("gpu", "warning", f"{reason} Read the GPUs through nvidia-smi instead.")
        return _found_by(gpus, "nvidia-smi"), driver, None
    return [], None, reason


def _found_by(gpus: list[GPU], how: str) -> list[GPU]:
    for gpu in gpus:
        gpu.found_by = how
    return gpus


def _other_adapters(ctx: Any, warn: Callable[[str], None], include_nvidia: bool) -> list[GPU]:
    """The display adapters the system lists; a failure here is a warning, never the end of
    the probe (the NVIDIA answer above stands)."""
    try:
        if str(ctx.root) != "/" or sys.platform.startswith("linux"):
            return adapters.linux_adapters(ctx, warn, include_nvidia=include_nvidia)
        if sys.platform == "darwin":
            arm64 = platform.machine() == "arm64"
            return adapters.apple_adapters(ctx, warn) if arm64 else []
        if sys.platform == "win32":
            return _windows_adapters(ctx, include_nvidia)
    except Exception as exc:  # noqa: BLE001 - one unreadable source must not hide the rest
        warn(f"the display adapters could not be listed: {type(exc).__name__}: {exc}")
    return []


def _windows_adapters(ctx: Any, include_nvidia: bool) -> list[GPU]:
    found = []
    for gpu in adapters_windows.windows_adapters(ctx.display_devices):
        if gpu.vendor == "nvidia" and not include_nvidia:
            continue
        found.append(gpu)
    return found


def _with_indexes(gpus: list[GPU]) -> list[GPU]:
    """Number the GPUs without one per vendor, in order, after those that have one (NVML's)."""
    following: dict[str, int] = {}
    for gpu in gpus:
        if gpu.index is not None:
            following[gpu.vendor] = max(following.get(gpu.vendor, 0), gpu.index + 1)
    for gpu in gpus:
        if gpu.index is None:
            gpu.index = following.get(gpu.vendor, 0)
            following[gpu.vendor] = gpu.index + 1
    return gpus
