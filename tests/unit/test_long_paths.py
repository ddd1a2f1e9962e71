"""Windows long paths: a missing LongPathsEnabled value means off (Windows' default); only a key
that cannot be read means "unknown". Against the real registry on Windows (a key this test owns
under HKCU, and the real HKLM key), and through the reader interface on any system."""

from __future__ import annotations

import contextlib
import os
import uuid

import pytest

from app.scan.preflight import LONG_PATHS_KEY, RealWindows, checks
from tests.unit.test_preflight import codes, seed

pytestmark = pytest.mark.windows
on_windows = pytest.mark.skipif(os.name != "nt", reason="needs the Windows registry (winreg)")
TEST_ROOT = r"Software\pytorch-setup-tests"


class Reader:
    """A registry reader with the real one's contract: the data, None for a missing value,
    OSError for a key that cannot be opened."""

    def __init__(self, values: dict[str, object] | None = None, error: OSError | None = None):
        self.values, self.error = values or {}, error
        self.asked: list[tuple[str, str, str]] = []

    def __call__(self, hive: str, key: str, name: str) -> object:
        self.asked.append((hive, key, name))
        if self.error is not None:
            raise self.error
        return self.values.get(name)


def test_a_missing_value_is_off_and_only_an_unreadable_key_is_unknown():
    reader = Reader()
    assert RealWindows(read_value=reader).long_paths_enabled() is False
    assert reader.asked == [("HKEY_LOCAL_MACHINE", LONG_PATHS_KEY, "LongPathsEnabled")]
    assert RealWindows(read_value=Reader({"LongPathsEnabled": 1})).long_paths_enabled() is True
    assert RealWindows(read_value=Reader({"LongPathsEnabled": 0})).long_paths_enabled() is False
    denied = Reader(error=PermissionError(13, "Access is denied"))
    assert RealWindows(read_value=denied).long_paths_enabled() is None


def test_a_missing_value_gives_the_long_paths_warning():
    found = checks(seed(), {}, RealWindows(read_value=Reader()))
    assert "long_paths" in codes(found)
    unreadable = RealWindows(read_value=Reader(error=FileNotFoundError(2, "no such key")))
    assert "long_paths" not in codes(checks(seed(), {}, unreadable))


@pytest.mark.skipif(os.name == "nt", reason="Windows has a registry")
def test_without_a_registry_nothing_is_claimed():
    assert RealWindows().long_paths_enabled() is None


@pytest.fixture
def own_key():
    """A key of this test's own under HKCU (created empty, deleted afterwards)."""
    import winreg

    name = rf"{TEST_ROOT}\long-paths-{uuid.uuid4().hex}"
    winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, name, 0, winreg.KEY_ALL_ACCESS).Close()
    yield name
    winreg.DeleteKey(winreg.HKEY_CURRENT_USER, name)
    with contextlib.suppress(OSError):  # other runs may still have keys there
        winreg.DeleteKey(winreg.HKEY_CURRENT_USER, TEST_ROOT)


@on_windows
def test_the_real_registry_value_missing_set_and_cleared(own_key):
    import winreg

    look = RealWindows(hive="HKEY_CURRENT_USER", key=own_key)
    assert look.long_paths_enabled() is False  # the key exists, the value does not
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, own_key, 0, winreg.KEY_SET_VALUE) as key:
        winreg.SetValueEx(key, "LongPathsEnabled", 0, winreg.REG_DWORD, 1)
    assert look.long_paths_enabled() is True
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, own_key, 0, winreg.KEY_SET_VALUE) as key:
        winreg.SetValueEx(key, "LongPathsEnabled", 0, winreg.REG_DWORD, 0)
    assert look.long_paths_enabled() is False
    gone = RealWindows(hive="HKEY_CURRENT_USER", key=own_key + r"\no such key")
    assert gone.long_paths_enabled() is None


@on_windows
def test_the_real_filesystem_key_as_this_machine_has_it():
    """Windows always has HKLM\\...\\FileSystem (readable by every user): on or off. Wine 8 has
    no such key at all: unknown, so no warning is made up."""
    import winreg

    try:
        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, LONG_PATHS_KEY)
    except OSError:
        expected = None
    else:
        with key:
            try:
                expected = winreg.QueryValueEx(key, "LongPathsEnabled")[0] == 1
            except FileNotFoundError:
                expected = False
    assert RealWindows().long_paths_enabled() is expected
