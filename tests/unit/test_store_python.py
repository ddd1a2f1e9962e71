"""Microsoft Store Python: the bare App Execution Alias WindowsApps\\python.exe is never listed
itself; an installed Store Python is found through its per-package alias folder
(%LOCALAPPDATA%\\Microsoft\\WindowsApps\\PythonSoftwareFoundation.Python.3.X_qbz5n2kfra8p0).

Real aliases are reparse points that only Windows can make; zero-byte files in a folder tree of
the same shape stand in for them (which is what os.stat reports for a real alias, too)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.profile import PythonEnv
from app.scan.pythons import (
    classify,
    find_interpreters,
    is_store_stub,
    problems_of,
    store_interpreters,
)

pytestmark = pytest.mark.windows
SUFFIX = "_qbz5n2kfra8p0"
windows_only = pytest.mark.skipif(
    os.name != "nt", reason="find_interpreters looks for Store Pythons on Windows only"
)


def windows_apps(tmp_path: Path, minors: tuple[int, ...]) -> tuple[Path, Path]:
    """LOCALAPPDATA and its Microsoft\\WindowsApps, with the bare aliases and one alias folder
    per installed Store Python 3.<minor>."""
    local = tmp_path / "홍길동 AppData" / "Local"
    apps = local / "Microsoft" / "WindowsApps"
    apps.mkdir(parents=True)
    for name in ("python.exe", "python3.exe"):
        (apps / name).write_bytes(b"")
    for minor in minors:
        package = apps / f"PythonSoftwareFoundation.Python.3.{minor}{SUFFIX}"
        package.mkdir()
        (package / "python.exe").write_bytes(b"")
        (package / "python3.exe").write_bytes(b"")
    return local, apps


def package_exe(apps: Path, minor: int) -> str:
    return str(apps / f"PythonSoftwareFoundation.Python.3.{minor}{SUFFIX}" / "python.exe")


def test_installed_store_pythons_are_found_newest_first(tmp_path):
    local, apps = windows_apps(tmp_path, (12, 9, 13))
    found = store_interpreters({"LOCALAPPDATA": str(local)})
    assert found == [package_exe(apps, 13), package_exe(apps, 12), package_exe(apps, 9)]


def test_a_bare_alias_folder_found_on_path_is_searched_too(tmp_path):
    _, apps = windows_apps(tmp_path, (12,))
    assert store_interpreters({}, [str(apps)]) == [package_exe(apps, 12)]
    # the same folder named twice (LOCALAPPDATA and PATH) lists each Python once
    local = apps.parent.parent
    assert store_interpreters({"LOCALAPPDATA": str(local)}, [str(apps)]) == [package_exe(apps, 12)]


def test_without_a_package_folder_there_is_no_store_python(tmp_path):
    local, apps = windows_apps(tmp_path, ())
    assert store_interpreters({"LOCALAPPDATA": str(local)}) == []
    assert store_interpreters({}) == []
    assert is_store_stub(str(apps / "python.exe"))


def test_the_bare_alias_is_the_stub_and_a_package_alias_is_not(tmp_path):
    _, apps = windows_apps(tmp_path, (12,))
    assert is_store_stub(str(apps / "python.exe")) and is_store_stub(str(apps / "python3.exe"))
    assert not is_store_stub(package_exe(apps, 12))  # zero bytes too, but a real Python
    plain = tmp_path / "Python313" / "python.exe"
    plain.parent.mkdir()
    plain.write_bytes(b"MZ")
    assert not is_store_stub(str(plain))


def test_a_store_python_is_classified_store_with_its_problem():
    alias = (
        r"C:\Users\홍길동\AppData\Local\Microsoft\WindowsApps"
        rf"\PythonSoftwareFoundation.Python.3.12{SUFFIX}\python.exe"
    )
    prefix = (
        r"C:\Program Files\WindowsApps"
        rf"\PythonSoftwareFoundation.Python.3.12_3.12.2544.0_x64_{SUFFIX}"
    )
    info = {"prefix": prefix, "base_prefix": prefix}
    assert classify({**info, "executable": alias}, {}) == "store"
    # sys.executable may name the package's own folder rather than the alias
    assert classify({**info, "executable": prefix + r"\python.exe"}, {}) == "store"
    env = PythonEnv("3.12.10", alias, kind="store", bits=64)
    assert "Microsoft Store" in problems_of(env)[0]


@windows_only
def test_find_interpreters_lists_the_store_python_instead_of_the_alias(tmp_path):
    local, apps = windows_apps(tmp_path, (12, 13))
    found = find_interpreters({"PATH": str(apps), "LOCALAPPDATA": str(local)})
    ours = [exe for exe in found if str(apps) in exe]
    assert ours == [package_exe(apps, 13), package_exe(apps, 12)]


@windows_only
def test_find_interpreters_refuses_the_bare_alias_without_a_store_python(tmp_path):
    local, apps = windows_apps(tmp_path, ())
    found = find_interpreters({"PATH": str(apps), "LOCALAPPDATA": str(local)})
    assert [exe for exe in found if str(apps) in exe] == []
