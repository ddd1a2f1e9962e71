"""Elevation (Windows only) cannot run here; what can: which program runs the elevated step and
how its arguments are quoted for the Windows command line (spaces, quotes, Korean)."""

from __future__ import annotations

import os
import sys

import pytest

from app import elevate

pytestmark = pytest.mark.windows


def test_from_source_the_step_is_this_python_running_the_cli():
    program, arguments = elevate.own_command(["cudnn", "--yes"])
    assert program == sys.executable and arguments == ["-m", "app", "cudnn", "--yes"]


def test_frozen_the_console_twin_runs_the_step(tmp_path, monkeypatch):
    windowed = tmp_path / "pytorch-setup.exe"
    twin = tmp_path / "pytorch-setup-cli.exe"
    windowed.write_bytes(b"MZ")
    twin.write_bytes(b"MZ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(windowed))
    assert elevate.own_command(["path", "show"]) == (str(twin), ["path", "show"])
    os.remove(twin)
    assert elevate.own_command(["path", "show"])[0] == str(windowed)


def test_parameters_survive_spaces_quotes_and_korean():
    text = elevate.parameters(
        ["--toolkit", r"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v12.6",
         "--archive", r"C:\Users\홍길동\Downloads\cudnn 9.zip", 'say "hi"', ""]
    )  # fmt: skip
    assert text == (
        r'--toolkit "C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v12.6" '
        r'--archive "C:\Users\홍길동\Downloads\cudnn 9.zip" "say \"hi\"" ""'
    )


@pytest.mark.skipif(os.name == "nt", reason="on Windows this would show a UAC prompt")
def test_elsewhere_it_refuses_plainly():
    with pytest.raises(elevate.ElevationError, match="only done on Windows"):
        elevate.run_elevated(["path", "show"])
