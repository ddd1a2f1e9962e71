"""kill -9 in the middle of a change, then `undo --all`: the folders are byte for byte as before.

A real CLI process makes the change; the only thing the harness adds is a pause at the worst
moment (right after the first archive is unpacked into the staging folder, or right after a
profile's temp file is written and before it replaces the profile), announced through a file,
so the kill lands there every time instead of by luck.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.journal import Journal
from tests.cudnn_archives import snapshot
from tests.integration import test_toolkit as archives
from tests.integration.test_cli import run_cli

pytestmark = pytest.mark.skipif(os.name == "nt", reason="kill -9 and the profile block are POSIX")
ROOT = Path(__file__).resolve().parents[2]


def start_paused(code: str, signal_file: Path, env: dict) -> subprocess.Popen:
    """Run the CLI with `code` (which patches in the pause) in a real process; returns once it
    has reached the pause."""
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not signal_file.exists():
        if child.poll() is not None or time.monotonic() > deadline:
            output = child.stdout.read().decode(errors="replace") if child.stdout else ""
            child.kill()
            pytest.fail(f"the change never reached its pause (exit {child.returncode}):\n{output}")
        time.sleep(0.02)
    return child


def kill_hard(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=10) == -signal.SIGKILL


@pytest.mark.parametrize("then", ["undo --all", "the next start, then undo --all"])
def test_kill_mid_toolkit_unpack_then_undo_all(tmp_path, then):
    parent = tmp_path / "toolkits 툴킷"
    parent.mkdir()
    (parent / "mine.txt").write_text("the user's own file")
    before = snapshot(parent)
    dest, paused = parent / "cuda-12.6", tmp_path / "paused"
    env = dict(os.environ, PYTORCH_SETUP_HOME=str(tmp_path / "state"), HOME=str(tmp_path))
    with archives.serve_files() as server:
        archives.publish(server)
        code = textwrap.dedent(
            f"""
            import pathlib, sys, time
            from app.steps import toolkit
            real = toolkit.unpack
            def unpack(archive, into):
                real(archive, into)
                pathlib.Path({str(paused)!r}).write_text(str(into))
                time.sleep(120)
            toolkit.unpack = unpack
            from app.cli import main
            sys.exit(main(["toolkit", "--version", "12.6", "--dest", {str(dest)!r},
                           "--mirror", {server.url!r}, "--components",
                           {",".join(archives.COMPONENTS)!r}, "--yes"]))
            """
        )
        child = start_paused(code, paused, env)
        staging = Path(paused.read_text())
        assert staging.is_dir() and any(staging.iterdir())  # mid-unpack: half a toolkit there
        kill_hard(child)
    assert staging.exists() and not dest.exists()  # what a crash leaves behind
    pending = Journal(tmp_path / "state" / "journal.jsonl").pending()
    assert [e.step for e in pending] == ["toolkit"]
    assert pending[0].data["temps"] == [str(staging)]  # named before the first change
    if then.startswith("the next start"):
        shown = run_cli("path", "show", env=env)  # any command: the staging is cleaned first
        assert shown.returncode == 0, shown.stderr
        assert not staging.exists() and snapshot(parent) == before
    undone = run_cli("undo", "--all", "--yes", env=env)
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert snapshot(parent) == before  # no staging, no toolkit, the user's file untouched
    assert Journal(tmp_path / "state" / "journal.jsonl").pending() == []


def test_kill_mid_profile_write_then_undo_all(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_bytes(b"# my settings\nalias ll='ls -l'\n")
    (home / ".profile").write_bytes(b"# login\n")
    toolkit = tmp_path / "CUDA 13.0"
    (toolkit / "bin").mkdir(parents=True)
    (toolkit / "bin" / "nvcc").write_text(
        "#!/bin/sh\necho 'Cuda compilation tools, release 13.0'\n"
    )
    before = snapshot(home)
    paused = tmp_path / "paused"
    env = dict(
        os.environ, PYTORCH_SETUP_HOME=str(tmp_path / "state"), HOME=str(home), SHELL="/bin/bash"
    )
    code = textwrap.dedent(
        f"""
        import os, pathlib, sys, time
        real = os.replace
        def replace(source, target, *args, **kwargs):
            if ".pytorch-setup-" in os.fspath(source):
                pathlib.Path({str(paused)!r}).write_text(os.fspath(source))
                time.sleep(120)
            return real(source, target, *args, **kwargs)
        os.replace = replace
        from app.cli import main
        sys.exit(main(["path", "add", "--toolkit", {str(toolkit)!r}, "--yes"]))
        """
    )
    child = start_paused(code, paused, env)
    temp = Path(paused.read_text())
    assert temp.is_file() and temp.parent == home  # the new profile, not yet in place
    kill_hard(child)
    assert temp.exists()
    undone = run_cli("undo", "--all", "--yes", env=env)
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert snapshot(home) == before  # no ..bashrc.pytorch-setup-*.tmp, profiles as they were
