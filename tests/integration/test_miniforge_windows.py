"""Providing Miniforge on Windows, end to end against a loopback mirror (the POSIX twin is
test_miniforge.py).

The real installer cannot be downloaded here, so the mirror serves a stand-in .exe: pip's
script launcher wrapped around a Python script that reads its raw command line the way NSIS
does (/D= must be last; the rest of the line is the folder, verbatim) and lays out a conda root
there. The download, checksum, command line, journal and undo are the real ones.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.events import CancelToken, Reporter
from app.journal import Journal
from app.steps.envs.miniforge import provide, run_installer
from app.steps.undo import undo_entries
from tests.loopback import serve_files

pytestmark = [
    pytest.mark.windows,
    pytest.mark.skipif(os.name != "nt", reason="the stand-in installer is a Windows .exe"),
]

NAME = "Miniforge3-Windows-x86_64.exe"
FLAGS = "/S /InstallationType=JustMe /RegisterPython=0 /AddToPath=0 /NoShortcuts=1 /NoRegistry=1"
# The launcher starts python with the tail of its own command line (after the program) unchanged,
# so GetCommandLineW here ends with exactly the arguments our CreateProcess call gave the .exe.
STAND_IN = r"""#!python
import ctypes, os, shutil, sys
get = ctypes.windll.kernel32.GetCommandLineW
get.argtypes, get.restype = [], ctypes.c_wchar_p
line = get()
print("RAW " + line, flush=True)
head, found, folder = line.rpartition(" /D=")
if not found or '"' in folder:
    print("no /D= last and unquoted: NSIS would install into its own default folder")
    sys.exit(2)
if any(c in folder for c in " ^%!=,()"):
    print("'Destination Folder' contains an invalid character")
    sys.exit(1)
os.makedirs(os.path.join(folder, "conda-meta"))
shutil.copy(sys.executable, os.path.join(folder, "python.exe"))
print("installed into " + folder)
"""


class Lines(Reporter):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def log(self, message, level=0):
        self.lines.append(str(message))


@pytest.fixture
def stand_in(tmp_path) -> bytes:
    scripts = pytest.importorskip(
        "pip._vendor.distlib.scripts", reason="pip's distlib makes the stand-in .exe"
    )
    source = tmp_path / "src"
    source.mkdir()
    (source / "standin.py").write_text(STAND_IN, encoding="utf-8")
    maker = scripts.ScriptMaker(str(source), str(tmp_path / "bin"), add_launchers=True)
    maker.executable = sys.executable
    maker.variants = {""}
    (made,) = maker.make("standin.py")
    assert made.endswith(".exe"), made
    return Path(made).read_bytes()


def test_nsis_gets_d_unquoted_and_last(tmp_path, stand_in):
    installer = tmp_path / "down loads" / NAME
    installer.parent.mkdir()
    installer.write_bytes(stand_in)
    dest = tmp_path / "John Smith" / "miniforge3"  # the installer itself refuses it (exit 1)
    reporter = Lines()
    result = run_installer(installer, dest, True, reporter, CancelToken())
    raw = next(line for line in result.output.splitlines() if line.startswith("RAW "))
    assert raw.endswith(f" {FLAGS} /D={dest}"), raw  # (the launcher re-quotes the program)
    assert f'"/D={dest}"' not in raw
    assert result.returncode == 1  # got past the /D= check: the stand-in saw the folder
    assert any(f"{FLAGS} /D={dest}" in line for line in reporter.lines)  # the log shows it too


def test_provide_installs_and_undo_removes(tmp_path, stand_in):
    with serve_files() as mirror:
        digest = hashlib.sha256(stand_in).hexdigest()
        mirror.files = {NAME: stand_in, NAME + ".sha256": f"{digest}  {NAME}\n".encode()}
        dest = tmp_path / "forge"
        journal = Journal(tmp_path / "journal.jsonl")
        python = provide(
            dest, "windows-x86_64", Reporter(), CancelToken(), mirror=mirror.url, journal=journal
        )
    assert python == str(dest / "python.exe") and (dest / "conda-meta").is_dir()
    (entry,) = journal.pending()
    assert entry.step == "miniforge" and entry.data["path"] == str(dest)
    undo_entries(journal.pending(), Reporter(), CancelToken(), journal)
    assert not dest.exists() and journal.pending() == []


def test_cli_env_provide(tmp_path, stand_in):
    with serve_files() as mirror:
        digest = hashlib.sha256(stand_in).hexdigest()
        mirror.files = {NAME: stand_in, NAME + ".sha256": f"{digest}  {NAME}\n".encode()}
        dest = tmp_path / "forge"
        result = subprocess.run(
            [sys.executable, "-m", "app", "env", "provide", "--dest", str(dest)]
            + ["--mirror", mirror.url, "--yes"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            cwd=Path(__file__).resolve().parents[2],
            env={
                **os.environ,
                "PYTORCH_SETUP_HOME": str(tmp_path / "state"),
                "PYTHONIOENCODING": "utf-8",
            },
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (dest / "python.exe").exists()
    assert f"/D={dest}" in result.stdout
