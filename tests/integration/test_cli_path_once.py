"""`path add` says each warning and the open-a-new-terminal note once: the preview shows the
warnings before the question, and the backend's own report of them (and of the note) is not
printed a second time.

POSIX: the real CLI in a temporary HOME. Windows: the CLI's path command on the Windows backend
over an in-memory HKCU\\Environment (the real one belongs to the user, and to everyone else
sharing the test machine), on any system."""

from __future__ import annotations

import os

import pytest

from app import cli
from app.steps import pathreg
from app.steps.pathreg.registry import REG_EXPAND_SZ, InMemoryRegistry
from app.steps.pathreg.windows import WindowsBackend
from tests.integration.test_cli import run_cli
from tests.integration.test_cli_cudnn_path import env_for
from tests.unit.test_path_windows import long_path_value, make_toolkit

NOTE = pathreg.NOTE


@pytest.mark.skipif(os.name == "nt", reason="shell profiles are a POSIX thing")
def test_path_add_prints_the_note_and_each_warning_once(tmp_path):
    home = tmp_path / "home 홍길동"
    home.mkdir()
    toolkit = tmp_path / "CUDA 13.0"
    (toolkit / "bin").mkdir(parents=True)
    nvcc = toolkit / "bin" / "nvcc"
    nvcc.write_text("#!/bin/sh\necho 'Cuda compilation tools, release 13.0, V13.0.88'\n")
    nvcc.chmod(0o755)
    env = env_for(tmp_path, home)
    env["PATH"] = os.pathsep.join(["/usr/bin", "/bin", "/usr/bin"])  # one entry twice: a warning
    added = run_cli("path", "add", "--toolkit", str(toolkit), "--yes", env=env)
    assert added.returncode == 0, added.stdout + added.stderr
    output = added.stdout + added.stderr
    assert output.count(NOTE) == 1, output
    assert output.count("On PATH more than once") == 1, output
    assert "CUDA block written to" in output


@pytest.mark.windows
def test_windows_path_add_prints_the_note_and_each_warning_once(tmp_path, monkeypatch, capsys):
    toolkit = make_toolkit(tmp_path / "CUDA 툴킷" / "v12.6", "12.6.3")
    value = long_path_value(3_000) + r";C:\Tools;C:\Tools"  # long, and one entry twice
    registry = InMemoryRegistry({"Path": (value, REG_EXPAND_SZ)})
    backend = WindowsBackend(registry, environ={"SystemRoot": r"C:\Windows"})
    monkeypatch.setattr(pathreg, "default_backend", lambda: backend)
    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "state"))
    args = cli.build_parser().parse_args(["path", "add", "--toolkit", str(toolkit), "--yes"])
    assert cli.cmd_path(args) == 0
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert registry.values["Path"][0].endswith(value)  # registered
    assert output.count(NOTE) == 1, output
    assert output.count("On PATH more than once") == 1, output
    assert output.count("2,047") == 1, output  # the long-PATH warning
    assert "Registered" in output
