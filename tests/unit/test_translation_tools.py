"""tools/translations.py finds Qt's pyside6-lupdate / pyside6-lrelease wherever pip put them:
a venv's bin/ or Scripts\\, a Windows install's Scripts\\ beside python.exe (with .exe), or PATH.
Fake folder layouts (with spaces and Korean) for each shape; the real tool of this Python last."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import translations  # noqa: E402

pytestmark = pytest.mark.windows


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"MZ" if path.suffix == ".exe" else b"#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_a_windows_install_keeps_its_tools_in_scripts(tmp_path):
    python = touch(tmp_path / "Python 313 홍길동" / "python.exe")
    lupdate = touch(python.parent / "Scripts" / "pyside6-lupdate.exe")
    found = translations.tool("pyside6-lupdate", str(python), path="", windows=True)
    assert found == str(lupdate)


def test_a_windows_venv_has_them_next_to_python(tmp_path):
    python = touch(tmp_path / "my venv" / "Scripts" / "python.exe")
    lrelease = touch(python.parent / "pyside6-lrelease.exe")
    touch(python.parent / "pyside6-lrelease")  # without .exe Windows cannot run it
    found = translations.tool("pyside6-lrelease", str(python), path="", windows=True)
    assert found == str(lrelease)


def test_a_posix_venv_has_them_in_bin(tmp_path):
    python = touch(tmp_path / "토치 venv" / "bin" / "python")
    lupdate = touch(python.parent / "pyside6-lupdate")
    assert translations.tool("pyside6-lupdate", str(python), path="", windows=False) == str(lupdate)


def test_otherwise_path_is_searched(tmp_path):
    python = touch(tmp_path / "base" / "python.exe")
    elsewhere = touch(tmp_path / "Qt tools" / "pyside6-lupdate.exe")
    search = os.pathsep.join([str(tmp_path / "empty"), f'"{elsewhere.parent}"'])
    found = translations.tool("pyside6-lupdate", str(python), path=search, windows=True)
    assert found == str(elsewhere)


def test_nowhere_gives_the_bare_name(tmp_path):
    python = touch(tmp_path / "base" / "python.exe")
    assert translations.tool("pyside6-lupdate", str(python), path="", windows=True) == (
        "pyside6-lupdate"
    )


@pytest.mark.parametrize("name", ["pyside6-lupdate", "pyside6-lrelease"])
def test_this_pythons_own_tools_are_found(name):
    pytest.importorskip("PySide6", reason="the tools come with PySide6")
    found = Path(translations.tool(name))
    assert found.is_file(), f"{name} not found for {sys.executable}"
    assert found.name == (f"{name}.exe" if os.name == "nt" else name)
