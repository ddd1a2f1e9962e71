"""The real Windows registry (HKCU\\Environment, and HKLM's Environment read only): `path add`
and `undo --last` from the command line keep a REG_EXPAND_SZ PATH byte for byte, and the
assistant's environment is rebuilt from the registry before a rescan. Runs where winreg exists
(the Wine lane runs it: tools/wine-lane.sh ... -m pytest -m windows); every value a test
changes is put back exactly as it was (raw type and bytes), whatever happens."""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import uuid

import pytest

from app import winenv
from app.events import CancelToken
from app.journal import Journal
from app.scan import ScanContext, scan, toolkits
from app.steps import pathreg
from tests.integration.test_cli import run_cli
from tests.unit.test_path_windows import Collect, make_toolkit

pytestmark = [
    pytest.mark.windows,
    pytest.mark.skipif(
        os.name != "nt", reason="the real Windows registry exists only on Windows (Wine lane)"
    ),
]

ERROR_FILE_NOT_FOUND = 2
REG_SZ, REG_EXPAND_SZ = 1, 2
# Every value these tests may change in HKCU\Environment; CUDA_PATH_V97_1 is ours alone.
OWNED = ["Path", "CUDA_PATH", "CUDA_PATH_V12_6", "CUDA_PATH_V97_1"]


def _advapi():
    from ctypes import wintypes

    advapi = ctypes.WinDLL("advapi32", use_last_error=True)
    query = advapi.RegQueryValueExW
    query.argtypes = [
        wintypes.HKEY,
        wintypes.LPCWSTR,
        ctypes.POINTER(wintypes.DWORD),
        ctypes.POINTER(wintypes.DWORD),
        ctypes.c_void_p,
        ctypes.POINTER(wintypes.DWORD),
    ]
    query.restype = wintypes.LONG
    put = advapi.RegSetValueExW
    put.argtypes = [
        wintypes.HKEY,
        wintypes.LPCWSTR,
        wintypes.DWORD,
        wintypes.DWORD,
        ctypes.c_void_p,
        wintypes.DWORD,
    ]
    put.restype = wintypes.LONG
    return query, put


def raw(name: str) -> tuple[int, bytes] | None:
    """The value's registry type and its stored bytes, exactly (None: no such value)."""
    import winreg
    from ctypes import wintypes

    query, _ = _advapi()
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment") as key:
        kind, size = wintypes.DWORD(), wintypes.DWORD()
        status = query(key.handle, name, None, ctypes.byref(kind), None, ctypes.byref(size))
        if status == ERROR_FILE_NOT_FOUND:
            return None
        assert status == 0, f"RegQueryValueExW({name}): {status}"
        data = ctypes.create_string_buffer(max(size.value, 1))
        status = query(key.handle, name, None, ctypes.byref(kind), data, ctypes.byref(size))
        assert status == 0, f"RegQueryValueExW({name}): {status}"
        return kind.value, data.raw[: size.value]


def put_raw(name: str, value: tuple[int, bytes] | None) -> None:
    """Put a value back exactly as raw() read it (None: delete it)."""
    import winreg

    _, put = _advapi()
    access = winreg.KEY_SET_VALUE | winreg.KEY_QUERY_VALUE
    with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, "Environment", 0, access) as key:
        if value is None:
            with contextlib.suppress(FileNotFoundError):
                winreg.DeleteValue(key, name)
            return
        kind, data = value
        buffer = ctypes.create_string_buffer(data, len(data))
        status = put(key.handle, name, 0, kind, buffer, len(data))
        assert status == 0, f"RegSetValueExW({name}): {status}"


def set_value(name: str, value: str, kind: int) -> None:
    import winreg

    with winreg.CreateKeyEx(
        winreg.HKEY_CURRENT_USER, "Environment", 0, winreg.KEY_SET_VALUE
    ) as key:
        winreg.SetValueEx(key, name, 0, kind, value)


def expand_w(text: str) -> str:
    """Windows' own expansion (of this process's environment): the oracle for %VAR% values
    whose variables have not changed since the process started."""
    from ctypes import wintypes

    expand = ctypes.WinDLL("kernel32", use_last_error=True).ExpandEnvironmentStringsW
    expand.argtypes = [wintypes.LPCWSTR, wintypes.LPWSTR, wintypes.DWORD]
    expand.restype = wintypes.DWORD
    size = expand(text, None, 0)
    out = ctypes.create_unicode_buffer(size)
    expand(text, out, size)
    return out.value


@pytest.fixture
def hkcu():
    """The user's values of OWNED, put back byte for byte afterwards, whatever happens."""
    saved = {name: raw(name) for name in OWNED}
    try:
        yield saved
    finally:
        for name, value in saved.items():
            if raw(name) != value:
                put_raw(name, value)
        assert {name: raw(name) for name in OWNED} == saved


@pytest.fixture
def real_default_registry():
    """The assistant's environment is rebuilt from the real registry, its start view now."""
    from app.steps.pathreg.registry import WinRegistry

    winenv.use_registry(WinRegistry())
    yield
    winenv.use_registry(None)


def test_path_and_cuda_path_are_rebuilt_from_the_real_registry(hkcu):
    from app.steps.pathreg.registry import WinRegistry

    mark = f"pytorch-setup-test {uuid.uuid4().hex[:8]} 홍길동"
    user_path = rf"%USERPROFILE%\{mark}\bin;%USERPROFILE%\AppData\Local\Microsoft\WindowsApps"
    set_value("Path", user_path, REG_EXPAND_SZ)
    set_value("CUDA_PATH_V97_1", rf"%USERPROFILE%\{mark}", REG_EXPAND_SZ)
    registry = WinRegistry()
    machine = registry.read_machine("Path")
    assert machine is not None and machine[1] in (REG_SZ, REG_EXPAND_SZ)
    assert "Path" in registry.names() and "CUDA_PATH_V97_1" in registry.names()
    assert any(n.upper() == "PATH" for n in registry.names(machine=True))

    env = winenv.current_environ(registry)
    from_registry = expand_w(machine[0]) + ";" + expand_w(user_path)
    assert env["PATH"].endswith(from_registry)  # machine PATH first, then the user's
    own = [e for e in env["PATH"][: -len(from_registry)].split(";") if e]
    process = os.environ["PATH"].split(";")
    assert all(e in process for e in own)  # in front: only what this process had of its own
    assert env["CUDA_PATH_V97_1"] == expand_w(rf"%USERPROFILE%\{mark}")
    assert mark not in os.environ["PATH"] and "CUDA_PATH_V97_1" not in os.environ

    put_raw("CUDA_PATH_V97_1", None)
    assert "CUDA_PATH_V97_1" not in winenv.current_environ(registry)


def test_a_rescan_after_path_add_finds_the_toolkit_and_after_undo_does_not(
    hkcu, real_default_registry, tmp_path
):
    from app.steps.pathreg.windows import WindowsBackend

    toolkit = make_toolkit(tmp_path / "CUDA 툴킷 홍길동" / "v12.6", "12.6.3")
    probes = {"toolkits": toolkits.probe}

    def found() -> list:
        return [
            t for t in scan(ScanContext(toolkit_locations=()), probes=probes).toolkits
            if os.path.normcase(t.path) == os.path.normcase(str(toolkit))
        ]  # fmt: skip

    assert found() == []
    journal = Journal(tmp_path / "journal.jsonl")
    backend = WindowsBackend()
    entry = pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    [seen] = found()
    assert {"PATH", "CUDA_PATH", "CUDA_PATH_V12_6"} <= set(seen.found_by), seen.found_by
    assert str(toolkit / "bin") not in os.environ["PATH"]  # this process's own copy is old
    pathreg.undo(entry, Collect(), CancelToken(), journal, backend=backend)
    assert found() == []


def test_cli_path_add_keeps_an_expand_sz_path_and_undo_restores_it_byte_for_byte(hkcu, tmp_path):
    original = r"%USERPROFILE%\AppData\Local\Microsoft\WindowsApps;%USERPROFILE%\.dotnet\tools"
    set_value("Path", original, REG_EXPAND_SZ)
    put_raw("CUDA_PATH", None)
    put_raw("CUDA_PATH_V12_6", None)
    before = raw("Path")
    toolkit = make_toolkit(tmp_path / "CUDA 툴킷 홍길동" / "v12.6", "12.6.3")
    # utf-8 output: the lane's ANSI code page (cp1252) has no Hangul; a Korean Windows' has
    env = {**os.environ, "PYTORCH_SETUP_HOME": str(tmp_path / "state 상태")}
    env["PYTHONIOENCODING"] = "utf-8"

    added = run_cli("path", "add", "--toolkit", str(toolkit), "--yes", env=env)
    assert added.returncode == 0, added.stdout + added.stderr
    assert "+ " + str(toolkit / "bin") in added.stdout
    import winreg

    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment") as key:
        assert winreg.QueryValueEx(key, "Path") == (
            str(toolkit / "bin") + ";" + original,  # %USERPROFILE% still unexpanded
            REG_EXPAND_SZ,
        )
        assert winreg.QueryValueEx(key, "CUDA_PATH") == (str(toolkit), REG_SZ)
        assert winreg.QueryValueEx(key, "CUDA_PATH_V12_6") == (str(toolkit), REG_SZ)

    shown = run_cli("path", "show", env=env)
    assert "REG_EXPAND_SZ" in shown.stdout and f"CUDA_PATH = {toolkit}" in shown.stdout
    # A new process of the assistant, started with the old environment, still sees it.
    scanned = run_cli("scan", "--json", env=env, timeout=120)
    assert scanned.returncode == 0, scanned.stderr
    listed = {
        os.path.normcase(t["path"]): t["found_by"] for t in json.loads(scanned.stdout)["toolkits"]
    }
    assert "PATH" in listed[os.path.normcase(str(toolkit))]
    again = run_cli("path", "add", "--toolkit", str(toolkit), "--yes", env=env)
    assert "Already registered" in again.stdout

    undone = run_cli("undo", "--last", "--yes", env=env)
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert raw("Path") == before  # same type, same bytes
    assert raw("CUDA_PATH") is None and raw("CUDA_PATH_V12_6") is None
