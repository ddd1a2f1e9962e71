"""`cudnn` and `path` from the command line, each undone with `undo --last`: real archives, a
real toolkit folder, a temporary HOME whose bash profile is edited and restored byte for byte."""

from __future__ import annotations

import os
import subprocess

from tests.cudnn_archives import (
    add_old_cudnn,
    linux_files,
    make_tar,
    make_toolkit,
    redist_name,
    snapshot,
)
from tests.integration.test_cli import run_cli


def env_for(tmp_path, home):
    env = dict(os.environ)
    env.update(HOME=str(home), SHELL="/bin/bash", PYTORCH_SETUP_HOME=str(tmp_path / "state"))
    return env


def test_cudnn_archive_into_a_toolkit_then_undo(tmp_path):
    toolkit = make_toolkit(tmp_path / "CUDA v12.6 홍길동")
    add_old_cudnn(toolkit)
    before = snapshot(toolkit)
    top = redist_name("linux-x86_64", 12)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files())
    env = env_for(tmp_path, tmp_path)
    declined = run_cli("cudnn", "--archive", str(archive), "--toolkit", str(toolkit), env=env)
    assert declined.returncode == 1 and "replaced (backed up first)" in declined.stdout
    assert snapshot(toolkit) == before
    done = run_cli("cudnn", "--archive", str(archive), "--toolkit", str(toolkit), "--yes", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (toolkit / "lib64" / "libcudnn.so.9").is_symlink()
    assert b"CUDNN_MAJOR 9" in (toolkit / "include" / "cudnn_version.h").read_bytes()
    undone = run_cli("undo", "--last", "--yes", env=env)
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert snapshot(toolkit) == before


def test_cudnn_for_the_wrong_cuda_major_is_refused_with_the_fitting_one(tmp_path):
    toolkit = make_toolkit(tmp_path / "cuda-12.6")
    before = snapshot(toolkit)
    top = redist_name("linux-x86_64", 13)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files())
    result = run_cli(
        "cudnn", "--archive", str(archive), "--toolkit", str(toolkit), "--yes",
        env=env_for(tmp_path, tmp_path),
    )  # fmt: skip
    assert result.returncode == 2  # refused before anything changed
    assert "cuda12" in result.stderr and snapshot(toolkit) == before


def test_path_add_show_and_undo_restore_the_profile(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    bashrc = home / ".bashrc"
    bashrc.write_bytes(b"# my settings\nalias ll='ls -l'")  # no final newline: kept so
    toolkit = tmp_path / "CUDA 13.0"
    (toolkit / "bin").mkdir(parents=True)
    nvcc = toolkit / "bin" / "nvcc"
    nvcc.write_text("#!/bin/sh\necho 'Cuda compilation tools, release 13.0, V13.0.88'\n")
    nvcc.chmod(0o755)
    env = env_for(tmp_path, home)
    added = run_cli("path", "add", "--toolkit", str(toolkit), "--yes", env=env)
    assert added.returncode == 0, added.stdout + added.stderr
    assert "+ " + str(toolkit / "bin") in added.stdout
    shown = run_cli("path", "show", env=env)
    assert str(toolkit) in shown.stdout
    found = subprocess.run(
        ["bash", "-i", "-c", "command -v nvcc"],
        env={**env, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert found.stdout.strip() == str(nvcc)
    again = run_cli("path", "add", "--toolkit", str(toolkit), "--yes", env=env)
    assert "Already registered" in again.stdout
    undone = run_cli("undo", "--last", "--yes", env=env)
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert bashrc.read_bytes() == b"# my settings\nalias ll='ls -l'"
    assert not (home / ".profile").exists()  # created by the add, gone with the undo
