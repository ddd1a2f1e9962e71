"""Providing Python with Miniforge, end to end against a loopback mirror.

A real Miniforge download is not possible here (no route), so the mirror serves a stand-in
installer: a shell script that lays out a conda root whose python is this machine's own. The
download, checksum, silent run, journal and undo are the real ones.
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
from app.scan import ScanContext
from app.scan.pythons import ask_interpreter
from app.steps.envs.miniforge import ProvideError, provide
from app.steps.undo import undo_entries
from tests.loopback import FileServer, serve_files

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the stand-in installer is a shell script")

NAME = "Miniforge3-Linux-x86_64.sh"
STAND_IN = f"""#!/bin/sh
# stand-in for the Miniforge installer: accepts -b -p DIR like the real one
[ "$1" = "-b" ] && [ "$2" = "-p" ] || {{ echo "usage: -b -p DIR"; exit 2; }}
mkdir -p "$3/bin" "$3/conda-meta" "$3/condabin"
ln -s "{sys.executable}" "$3/bin/python"
echo "installed into $3"
"""


@pytest.fixture
def mirror():
    with serve_files() as server:
        yield server


def publish(server: FileServer, checksum: str | None = None) -> None:
    body = STAND_IN.encode()
    digest = checksum or hashlib.sha256(body).hexdigest()
    server.files = {NAME: body, NAME + ".sha256": f"{digest}  {NAME}\n".encode()}


def test_provide_installs_and_undo_removes(mirror, tmp_path):
    publish(mirror)
    dest = tmp_path / "미니포지 forge"
    journal = Journal(tmp_path / "journal.jsonl")
    python = provide(
        dest, "linux-x86_64", Reporter(), CancelToken(), mirror=mirror.url, journal=journal
    )
    assert python == str(dest / "bin" / "python")
    env = ask_interpreter(python, ScanContext())
    assert env.kind == "conda" or (dest / "conda-meta").is_dir()  # a conda root now exists
    (entry,) = journal.pending()
    assert entry.step == "miniforge" and entry.data["path"] == str(dest)
    undo_entries(journal.pending(), Reporter(), CancelToken(), journal)
    assert not dest.exists() and journal.pending() == []


def test_checksum_mismatch_runs_nothing(mirror, tmp_path):
    publish(mirror, checksum="0" * 64)
    dest = tmp_path / "forge"
    with pytest.raises(Exception) as info:
        provide(
            dest,
            "linux-x86_64",
            Reporter(),
            CancelToken(),
            mirror=mirror.url,
            journal=Journal(tmp_path / "journal.jsonl"),
        )
    assert "0" * 64 in str(info.value)  # the message names the expected hash
    assert not dest.exists()
    assert Journal(tmp_path / "journal.jsonl").entries() == []  # nothing ran, nothing to undo


def test_checksum_file_without_a_hash_is_refused(mirror, tmp_path):
    publish(mirror)
    mirror.files[NAME + ".sha256"] = b"<html>not a checksum</html>"
    with pytest.raises(ProvideError, match="no sha256"):
        provide(
            tmp_path / "forge",
            "linux-x86_64",
            Reporter(),
            CancelToken(),
            mirror=mirror.url,
            journal=Journal(tmp_path / "journal.jsonl"),
        )
    assert mirror.requests == ["/" + NAME + ".sha256"]  # the installer was never downloaded


def test_cli_env_provide(mirror, tmp_path):
    publish(mirror)
    dest = tmp_path / "forge"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "env",
            "provide",
            "--dest",
            str(dest),
            "--mirror",
            mirror.url,
            "--yes",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTORCH_SETUP_HOME": str(tmp_path / "state")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (dest / "bin" / "python").exists()
    assert "no Anaconda licence terms" in result.stdout


def test_a_folder_in_use_is_refused(tmp_path):
    (tmp_path / "forge").mkdir()
    (tmp_path / "forge" / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ProvideError, match="not empty"):
        provide(
            tmp_path / "forge",
            "linux-x86_64",
            Reporter(),
            CancelToken(),
            mirror="http://127.0.0.1:9",
            journal=Journal(tmp_path / "j.jsonl"),
        )
