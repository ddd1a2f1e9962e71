"""`cudnn --version 9.13` from the command line, in a real process, against a loopback copy of
NVIDIA's cuDNN redist folder: the manifest is read, the archive downloaded, verified and copied
into the toolkit, and `undo --last` puts the toolkit back byte for byte."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from app.compat.knowledge import platform_key
from app.scan.system import normalize_arch, os_family
from app.steps.cudnn.download import facts
from tests.cudnn_archives import linux_files, make_tar, make_toolkit, redist_name, snapshot
from tests.cudnn_mirror import redist_tree
from tests.loopback import serve_files

PLATFORM = platform_key(os_family(), normalize_arch()) or ""
pytestmark = pytest.mark.skipif(
    not PLATFORM.startswith("linux-"), reason="the archive built here is a Linux cuDNN"
)


def cli(*args: str, state: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTORCH_SETUP_HOME": str(state)}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,  # no terminal: a prompt reads end-of-file (no)
        cwd=Path(__file__).resolve().parents[2],
    )


@pytest.fixture
def mirror(tmp_path):
    redist = facts()["platforms"][PLATFORM]  # linux-aarch64 → NVIDIA's linux-sbsa
    top = redist_name(redist, 12)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files()).read_bytes()
    files, path = redist_tree(archive, redist, 12)
    with serve_files(files) as server:
        server.archive_path = "/" + path
        server.archive = archive
        yield server


@pytest.mark.parametrize("how", ["version.json", "nvcc only"])
def test_cudnn_by_version_downloads_from_the_mirror_copies_and_undoes(tmp_path, mirror, how):
    toolkit = make_toolkit(tmp_path / "cuda-12.6")
    if how == "nvcc only":  # a toolkit whose version only its nvcc tells
        (toolkit / "version.json").unlink()
        (toolkit / "include" / "cuda.h").unlink()
        nvcc = toolkit / "bin" / "nvcc"
        nvcc.write_text("#!/bin/sh\necho 'Cuda compilation tools, release 12.6, V12.6.85'\n")
        nvcc.chmod(0o755)
    before = snapshot(toolkit)
    state = tmp_path / "state"
    args = ["cudnn", "--version", "9.13", "--toolkit", str(toolkit), "--mirror", mirror.url]

    declined = cli(*args, state=state)
    assert declined.returncode == 1, declined.stdout + declined.stderr
    assert "Traceback" not in declined.stderr
    assert "cuDNN 9.13.0.50 for CUDA 12" in declined.stdout
    assert mirror.requests == ["/redistrib_9.13.0.json"]  # asked, nothing downloaded
    assert snapshot(toolkit) == before

    done = cli(*args, "--yes", state=state)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert mirror.requests[1:] == ["/redistrib_9.13.0.json", mirror.archive_path]
    cached = state / "downloads" / "cudnn" / "9.13.0" / mirror.archive_path.rsplit("/", 1)[1]
    assert cached.read_bytes() == mirror.archive
    assert (toolkit / "lib64" / "libcudnn.so.9").is_symlink()
    assert (toolkit / "lib64" / "libcudnn.so.9.13.0").read_bytes() == library_in(mirror.archive)
    assert "cuDNN 9.13.0 is in" in done.stdout

    undone = cli("undo", "--last", "--yes", state=state)
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert snapshot(toolkit) == before


def test_cudnn_by_version_in_a_folder_that_is_no_toolkit_is_refused_before_any_request(
    tmp_path, mirror
):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    args = ["cudnn", "--version", "9.13", "--toolkit", str(folder), "--mirror", mirror.url]
    result = cli(*args, "--yes", state=tmp_path / "state")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "not a CUDA toolkit" in result.stderr
    assert mirror.requests == [] and list(folder.iterdir()) == []


def library_in(archive: bytes) -> bytes:
    """The libcudnn.so.9.13.0 inside the served archive (random bytes, made per test)."""
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:xz") as bundle:
        member = next(m for m in bundle.getmembers() if m.name.endswith("/lib/libcudnn.so.9.13.0"))
        data = bundle.extractfile(member)
        assert data is not None
        return data.read()
