"""Recorded Windows display adapters (tests/fixtures/windows_adapters) behind the same
DisplayDevices interface as app.scan.adapters_windows.RealDisplayDevices.

A recording holds the registry as Windows lays it out (Enum\\<instance>, Control\\Class\\<Driver>),
so values() looks values up the way the real one does and turns them into text with the same
registry_text().
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.scan.adapters_windows import (
    CLASS_VALUES,
    ENUM_VALUES,
    REG_BINARY,
    REG_DWORD,
    REG_EXPAND_SZ,
    REG_MULTI_SZ,
    REG_QWORD,
    REG_SZ,
    registry_text,
)

FIXTURES = Path(__file__).parent / "fixtures" / "windows_adapters"
REG_TYPES = {
    "REG_SZ": REG_SZ,
    "REG_EXPAND_SZ": REG_EXPAND_SZ,
    "REG_BINARY": REG_BINARY,
    "REG_DWORD": REG_DWORD,
    "REG_MULTI_SZ": REG_MULTI_SZ,
    "REG_QWORD": REG_QWORD,
}


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def fixture_names() -> list[str]:
    return sorted(path.name for path in FIXTURES.glob("*.json"))


def registry_value(recorded: list[Any]) -> tuple[Any, int]:
    """(data, type) as winreg.QueryValueEx gives it, from a recorded [TYPE, DATA]."""
    type_name, data = recorded
    kind = REG_TYPES[type_name]
    if kind == REG_BINARY:
        return bytes.fromhex(data.replace(",", "")), kind
    return data, kind


class RecordedDisplayDevices:
    def __init__(self, recording: dict[str, Any] | str) -> None:
        self.recording = load(recording) if isinstance(recording, str) else recording
        self.asked: list[str] = []

    def present_ids(self) -> list[str]:
        return list(self.recording["present"])

    def values(self, instance_id: str) -> dict[str, str]:
        self.asked.append(instance_id)
        values = _texts(self.recording["enum"].get(instance_id, {}), ENUM_VALUES)
        driver_key = self.recording["class"].get(values.get("Driver", ""), {})
        values.update(_texts(driver_key, CLASS_VALUES))
        return values


def _texts(key: dict[str, list[Any]], names: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for name in names:
        if name in key:
            text = registry_text(*registry_value(key[name]))
            if text is not None:
                found[name] = text
    return found
