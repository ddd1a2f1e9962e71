"""Where nvidia-smi.exe is looked for on Windows when it is not on PATH: System32, and
%ProgramFiles%\\NVIDIA Corporation\\NVSMI where older drivers put it. Folder trees of that
shape (with a space and Korean in them) stand in for C:\\Windows and C:\\Program Files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.scan.gpu import find_nvidia_smi

pytestmark = pytest.mark.windows


def place(folder: Path) -> Path:
    folder.mkdir(parents=True)
    exe = folder / "nvidia-smi.exe"
    exe.write_bytes(b"MZ")
    return exe


@pytest.fixture
def machine(tmp_path) -> dict[str, str]:
    windows, program_files = tmp_path / "Windows", tmp_path / "Program Files 홍길동"
    (windows / "System32").mkdir(parents=True)
    program_files.mkdir()
    return {"PATH": "", "SYSTEMROOT": str(windows), "ProgramFiles": str(program_files)}


def nvsmi(environ: dict[str, str]) -> Path:
    return Path(environ["ProgramFiles"]) / "NVIDIA Corporation" / "NVSMI"


def test_an_old_drivers_nvsmi_folder_is_found(machine):
    exe = place(nvsmi(machine))
    assert find_nvidia_smi(machine, windows=True) == str(exe)
    # Windows spells the variable in capitals in os.environ; either spelling works
    upper = {"PATH": "", "SYSTEMROOT": machine["SYSTEMROOT"], "PROGRAMFILES": str(exe.parents[2])}
    assert find_nvidia_smi(upper, windows=True) == str(exe)


def test_system32_comes_first(machine):
    place(nvsmi(machine))
    exe = Path(machine["SYSTEMROOT"]) / "System32" / "nvidia-smi.exe"
    exe.write_bytes(b"MZ")
    assert find_nvidia_smi(machine, windows=True) == str(exe)


def test_the_64_bit_program_files_seen_from_a_32_bit_process(machine, tmp_path):
    exe = place(tmp_path / "Program Files x64" / "NVIDIA Corporation" / "NVSMI")
    environ = {**machine, "ProgramW6432": str(exe.parents[2])}
    assert find_nvidia_smi(environ, windows=True) == str(exe)


def test_nothing_there_is_none(machine):
    assert find_nvidia_smi(machine, windows=True) is None
    assert find_nvidia_smi({"PATH": "", "SYSTEMROOT": machine["SYSTEMROOT"]}, windows=True) is None


def test_the_windows_places_only_count_on_windows(machine):
    place(nvsmi(machine))
    assert find_nvidia_smi(machine, windows=False) is None


@pytest.mark.skipif(os.name != "nt", reason="the default (no windows=) follows the real system")
def test_on_windows_the_nvsmi_folder_is_looked_at_by_default(machine):
    exe = place(nvsmi(machine))
    assert find_nvidia_smi(machine) == str(exe)
