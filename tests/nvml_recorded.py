"""Recorded NVML answers behind the same Nvml interface as the real PynvmlBackend.

CI has no GPU, so these replay what NVML answered on real machines. Failures are raised as the
real pynvml exception classes (built from NVML return codes), as the real backend would see them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pynvml

from app.scan.gpu import NvmlUnavailable

FIXTURES = Path(__file__).parent / "fixtures" / "nvml"


def nvml_error(code: int) -> Exception:
    return pynvml.NVMLError(code)  # pynvml maps the code to its subclass, e.g. GpuIsLost


class RecordedNvml:
    def __init__(self, recording: dict | str, fail: dict[str, int] | None = None) -> None:
        """fail maps "method" or "method:index" to an NVML return code to raise there."""
        if isinstance(recording, str):
            recording = json.loads((FIXTURES / recording).read_text(encoding="utf-8"))
        self.recording = recording
        self.fail = fail or {}
        self.calls: list[str] = []
        self.shut_down = False

    def _check(self, method: str, index: int | None = None) -> None:
        self.calls.append(method if index is None else f"{method}:{index}")
        code = self.fail.get(method) if index is None else self.fail.get(f"{method}:{index}")
        if code is None and index is not None:
            code = self.fail.get(method)
        if code is not None:
            raise nvml_error(code)

    def init(self) -> None:
        if "unavailable" in self.fail:
            raise NvmlUnavailable("No NVIDIA driver is installed (recorded).")
        self._check("init")

    def shutdown(self) -> None:
        self.shut_down = True

    def driver_version(self) -> str:
        self._check("driver_version")
        return self.recording["driver_version"]

    def cuda_driver_version(self) -> int:
        self._check("cuda_driver_version")
        return self.recording["cuda_driver_version"]

    def device_count(self) -> int:
        self._check("device_count")
        return len(self.recording["devices"])

    def device_name(self, index: int) -> str:
        self._check("device_name", index)
        return self.recording["devices"][index]["name"]

    def device_capability(self, index: int) -> tuple[int, int]:
        self._check("device_capability", index)
        major, minor = self.recording["devices"][index]["capability"]
        return major, minor

    def device_memory_mib(self, index: int) -> int:
        self._check("device_memory_mib", index)
        return self.recording["devices"][index]["memory_mib"]

    def device_uuid(self, index: int) -> str:
        self._check("device_uuid", index)
        return self.recording["devices"][index]["uuid"]
