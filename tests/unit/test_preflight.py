"""Pre-flight checks on profiles (Windows facts through an in-memory WindowsLook, since this
machine has no registry), and the user-site check against a real interpreter and folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.events import CancelToken
from app.profile import Disk, SystemProfile
from app.scan import ScanContext
from app.scan.preflight import CACHE_MIN_MIB, checks
from app.scan.pythons import ask_interpreter
from app.scan.summary import render_text, summarize

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"


class MemoryWindows:
    def __init__(self, long_paths: bool | None = True, missing: tuple[str, ...] = ()):
        self.long_paths, self.missing = long_paths, missing

    def long_paths_enabled(self):
        return self.long_paths

    def missing_dlls(self, names):
        return [n for n in names if n in self.missing]


def seed() -> SystemProfile:
    """The seed tutorial's user: Windows, C:\\Users\\홍길동, Anaconda."""
    profile = SystemProfile.load(FIXTURES / "seed-windows-rtx3060.json")
    profile.disks = {
        "home": Disk("C:\\Users\\홍길동", 80_000),
        "temp": Disk("C:\\Users\\홍길동\\AppData\\Local\\Temp", 80_000),
        "cache": Disk("C:\\Users\\홍길동\\AppData\\Local\\pip\\Cache", 80_000),
    }
    return profile


def codes(found) -> set[str]:
    return {check.code for check in found}


def test_the_seed_users_windows_home_is_flagged_with_a_fix():
    found = checks(seed(), {}, MemoryWindows())
    assert codes(found) == {"home_path"}
    assert "non-English characters" in found[0].message and "C:\\pt" in found[0].fix


def test_windows_long_paths_off_and_missing_vc_runtime():
    found = checks(seed(), {}, MemoryWindows(long_paths=False, missing=("vcruntime140_1.dll",)))
    by_code = {c.code: c for c in found}
    assert by_code["long_paths"].status == "warning"
    assert by_code["vc_runtime"].status == "problem"
    assert "vcruntime140_1.dll" in by_code["vc_runtime"].message
    assert "vc_redist.x64.exe" in by_code["vc_runtime"].fix
    assert "long_paths" not in codes(checks(seed(), {}, MemoryWindows(long_paths=None)))


def test_onedrive_target_python():
    profile = seed()
    profile.python.executable = "C:\\Users\\홍길동\\OneDrive\\envs\\t\\python.exe"
    found = checks(profile, {"OneDrive": "C:\\Users\\홍길동\\OneDrive"}, MemoryWindows())
    assert "onedrive" in codes(found)


def test_low_space_for_temp_and_pip_cache_names_the_variable():
    profile = seed()
    profile.disks["temp"].free_mib = 1000
    profile.disks["cache"].free_mib = CACHE_MIN_MIB - 1
    by_code = {c.code: c for c in checks(profile, {}, MemoryWindows())}
    assert "TMP and TEMP" in by_code["temp_space"].fix
    assert "PIP_CACHE_DIR" in by_code["cache_space"].fix


def test_plain_linux_profile_is_all_clear_and_summary_shows_checks():
    profile = SystemProfile.load(FIXTURES / "rtx5090-driver575-linux.json")
    assert checks(profile, {}, None) == []
    profile.preflight = checks(seed(), {}, MemoryWindows(missing=("msvcp140.dll",)))
    text = render_text(summarize(profile))
    assert "Visual C++ runtime" in text and "Fix: Install the Visual C++" in text
    again = SystemProfile.from_json(profile.to_json())  # the field survives JSON
    assert [c.code for c in again.preflight] == [c.code for c in profile.preflight]


def base_interpreter() -> str:
    """The interpreter this one was made from: a venv turns the user site-packages off, its
    base keeps them on. Whatever machine runs the tests has it."""
    base = getattr(sys, "_base_executable", None) or sys.executable
    if not Path(base).is_file():
        pytest.skip(f"the base interpreter {base} of {sys.executable} is not a file")
    return base


def test_torch_in_the_real_user_site_is_found(tmp_path, monkeypatch):
    python = base_interpreter()
    monkeypatch.setenv("PYTHONUSERBASE", str(tmp_path / "user base 홍"))
    asked = subprocess.run(
        [python, "-c", "import site; print(site.ENABLE_USER_SITE and site.getusersitepackages())"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},  # a Korean path through a pipe
        timeout=60,
    )
    user_site = asked.stdout.strip()
    if asked.returncode != 0 or user_site in ("", "False", "None"):
        pytest.skip(f"{python} has its user site-packages off {asked.stderr.strip()[-300:]}")
    site = Path(user_site) / "torch"
    site.mkdir(parents=True)
    (site / "__init__.py").write_text("")
    (site / "version.py").write_text("__version__ = '1.12.1+cu113'\ncuda = '11.3'\n")
    env = ask_interpreter(python, ScanContext(cancel=CancelToken()))
    assert env.user_site == user_site
    family = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    profile = SystemProfile.from_json(
        json.dumps({"os": {"family": family}, "arch": "x86_64", "python": {"version": "3.11"}})
    )
    profile.python = env
    found = checks(profile, {}, None)
    assert codes(found) == {"user_site_torch"}
    assert "1.12.1+cu113" in found[0].message
