"""NVIDIA GPUs and driver through NVML, with nvidia-smi as a fallback.

NVML is reached through the small Nvml interface: PynvmlBackend is the real one; tests feed
recorded answers through the same interface, since CI has no GPU. No driver is a normal result
(gpus [], driver None) with a reason, never a crash.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from pathlib import Path
from typing import Any, Protocol

from app import proc
from app.profile import GPU, Driver
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
    nvml = ctx.nvml if ctx.nvml is not None else PynvmlBackend()
    try:
        gpus, driver, notes = read_nvml(nvml)
    except NvmlUnavailable as exc:
        reason = str(exc)
    else:
        for note in notes:
            ctx.note("gpu", "warning", note)
        return {"gpus": gpus, "driver": driver}
    smi = find_nvidia_smi(ctx.environ)
    if smi:
        try:
            gpus, driver = read_nvidia_smi(smi, ctx)
        except (proc.ProcError, RuntimeError) as exc:
            ctx.note("gpu", "missing", f"{reason} nvidia-smi did not help either: {exc}")
            return {"gpus": [], "driver": None}
        ctx.note("gpu", "warning", f"{reason} Read the GPUs through nvidia-smi instead.")
        return {"gpus": gpus, "driver": driver}
    ctx.note("gpu", "missing", reason)
    return {"gpus": [], "driver": None}
