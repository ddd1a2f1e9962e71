"""The whole CUDA-extension setup from the command line, then `undo --all`: a toolkit from a
loopback copy of NVIDIA's redist tree, cuDNN copied into it, and a PATH block in a temporary
HOME's profile; undone newest first, the HOME and an existing toolkit end byte-identical."""

from __future__ import annotations

import json
import os

from app.journal import Journal
from tests.cudnn_archives import linux_files, make_tar, make_toolkit, redist_name, snapshot
from tests.integration.test_cli import run_cli
from tests.integration.test_toolkit import COMPONENTS, publish
from tests.loopback import serve_files


def contents(root) -> dict:
    """snapshot() without file times: a profile written back has new times, same bytes."""
    return {k: v[:2] + v[3:] if v[0] == "file" else v for k, v in snapshot(root).items()}


def test_toolkit_cudnn_and_path_then_undo_all(tmp_path):
    home = tmp_path / "home 홍길동"
    home.mkdir()
    (home / ".bashrc").write_bytes(b"# mine\nexport A=1\n")
    (home / ".profile").write_bytes(b"# login\n")
    home_before = contents(home)
    theirs = make_toolkit(tmp_path / "their cuda-12.6")  # a toolkit the user had already
    theirs_before = snapshot(theirs)
    env = dict(os.environ)
    env.update(HOME=str(home), SHELL="/bin/bash", PYTORCH_SETUP_HOME=str(tmp_path / "state"))
    ours = tmp_path / "cuda-12.6"
    top = redist_name("linux-x86_64", 12)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files())

    def ok(*args):
        result = run_cli(*args, env=env, timeout=120)
        assert result.returncode == 0, args + (result.stdout, result.stderr)
        return result

    with serve_files() as mirror:
        publish(mirror)
        ok("toolkit", "--version", "12.6", "--dest", str(ours), "--mirror", f"{mirror.url}/",
           "--components", ",".join(COMPONENTS), "--yes")  # fmt: skip
    ok("cudnn", "--archive", str(archive), "--toolkit", str(ours), "--yes")
    ok("cudnn", "--archive", str(archive), "--toolkit", str(theirs), "--yes")
    ok("path", "add", "--toolkit", str(ours), "--yes")
    steps = [e.step for e in Journal(tmp_path / "state" / "journal.jsonl").pending()]
    assert steps == ["pathreg", "cudnn", "cudnn", "toolkit"]  # newest first: the undo order
    assert contents(home) != home_before and snapshot(theirs) != theirs_before

    undone = ok("undo", "--all", "--yes")
    assert contents(home) == home_before
    assert snapshot(theirs) == theirs_before
    assert not ours.exists()
    assert Journal(tmp_path / "state" / "journal.jsonl").pending() == []
    order = [line for line in undone.stdout.splitlines() if "Undoing" in line or "Removing" in line]
    assert order, undone.stdout
    assert (
        json.loads((tmp_path / "state" / "journal.jsonl").read_text().splitlines()[-1])["action"]
        == "undo"
    )
