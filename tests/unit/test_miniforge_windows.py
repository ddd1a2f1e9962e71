"""Miniforge's Windows installer (NSIS): its command line and the folders it accepts."""

from __future__ import annotations

import subprocess
from pathlib import PureWindowsPath

import pytest

from app.events import CancelToken, Reporter
from app.journal import Journal
from app.steps.envs.miniforge import (
    ProvideError,
    default_dest,
    folder_problem,
    provide,
    silent_command,
    windows_command_line,
)
from tests.loopback import serve_files

pytestmark = pytest.mark.windows

INSTALLER = PureWindowsPath(r"C:\Users\John Smith\AppData\Local\dl\Miniforge3-Windows-x86_64.exe")
DEST = PureWindowsPath(r"C:\Users\John Smith\miniforge3")
FLAGS = "/S /InstallationType=JustMe /RegisterPython=0 /AddToPath=0 /NoShortcuts=1 /NoRegistry=1"


def test_command_line_has_d_raw_and_last():
    line = windows_command_line(INSTALLER, DEST)
    assert line == f'"{INSTALLER}" {FLAGS} /D={DEST}'


def test_list2cmdline_would_quote_d_which_nsis_ignores():
    # Why the line is built by hand: the list form, given to subprocess, quotes /D=.
    listed = silent_command(INSTALLER, DEST, windows=True)
    assert listed[-1] == f"/D={DEST}" and listed[1:-1] == FLAGS.split()
    assert subprocess.list2cmdline(listed).endswith(f'"/D={DEST}"')


@pytest.mark.parametrize(
    "folder, codepage",
    [
        (r"C:\miniforge3", "cp1252"),
        (r"D:\tools\miniforge3", "cp1252"),
        (r"C:\Users\홍길동\miniforge3", "cp949"),  # Korean Windows writes these letters
        (r"C:\Users\José\miniforge3", "cp1252"),
    ],
)
def test_folders_the_installer_accepts(folder, codepage):
    assert folder_problem(folder, codepage) is None


def test_a_space_is_named_with_a_folder_that_works():
    problem = folder_problem(r"C:\Users\John Smith\miniforge3", "cp1252")
    assert "space" in problem and r"C:\miniforge3" in problem


@pytest.mark.parametrize("char", list("^%!=,()"))
def test_each_refused_character_is_named(char):
    problem = folder_problem(rf"C:\a{char}b\miniforge3", "cp1252")
    assert f"character {char} in the path" in problem
    assert r"C:\miniforge3" in problem


def test_a_letter_outside_the_code_page_is_named():
    problem = folder_problem(r"C:\Users\홍길동\miniforge3", "cp1252")
    assert "character 홍" in problem and "cp1252" in problem


@pytest.mark.parametrize(
    "home, codepage, expected",
    [
        (r"C:\Users\hong", "cp1252", r"C:\Users\hong\miniforge3"),
        (r"C:\Users\John Smith", "cp1252", r"C:\miniforge3"),
        (r"C:\Users\홍길동", "cp1252", r"C:\miniforge3"),
        (r"C:\Users\홍길동", "cp949", r"C:\Users\홍길동\miniforge3"),
        (r"C:\Users\a(b)", "cp1252", r"C:\miniforge3"),
    ],
)
def test_default_folder_falls_back_to_the_system_drive(home, codepage, expected):
    found = default_dest(True, home=PureWindowsPath(home), env={}, codepage=codepage)
    assert str(found) == expected


def test_default_folder_uses_systemdrive():
    home = PureWindowsPath(r"D:\Users\John Smith")
    assert str(default_dest(True, home=home, env={"SystemDrive": "D:"}, codepage="cp1252")) == (
        r"D:\miniforge3"
    )


def test_posix_default_keeps_spaces(tmp_path):
    home = tmp_path / "John Smith"
    assert default_dest(False, home=home) == home / "miniforge3"


def test_provide_refuses_the_folder_before_downloading(tmp_path):
    with serve_files() as mirror:
        with pytest.raises(ProvideError, match="space"):
            provide(
                tmp_path / "John Smith" / "miniforge3",
                "windows-x86_64",
                Reporter(),
                CancelToken(),
                mirror=mirror.url,
                journal=Journal(tmp_path / "journal.jsonl"),
            )
        assert mirror.requests == []  # nothing fetched
    assert Journal(tmp_path / "journal.jsonl").entries() == []
    assert not (tmp_path / "John Smith").exists()


@pytest.mark.skipif(
    __import__("os").name != "nt", reason="Path.home() follows USERPROFILE only on Windows"
)
def test_cli_env_provide_offers_a_folder_the_installer_accepts(tmp_path):
    """John Smith's profile folder has a space: `env provide` without --dest proposes
    %SystemDrive%\\miniforge3 instead of a folder the installer would refuse."""
    import os

    from tests.integration.test_cli import run_cli

    env = dict(os.environ, USERPROFILE=r"C:\Users\John Smith", SystemDrive="C:")
    env["PYTORCH_SETUP_HOME"] = str(tmp_path)
    shown = run_cli("env", "provide", env=env)  # no --yes: it says where, then declines
    assert shown.returncode == 1, shown.stdout + shown.stderr
    assert r"installed in C:\miniforge3." in shown.stdout
