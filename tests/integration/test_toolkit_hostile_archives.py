"""Hostile or broken toolkit archives: each is one ToolkitError, and nothing lands outside the
folder (the cuDNN reader already held this; the toolkit unpacker now does too)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest

from app.steps.toolkit import ToolkitError, unpack

TOP = "cuda_nvcc-linux-x86_64-12.6.85-archive"
ROOT = Path(__file__).resolve().parents[2]


def make(path: Path, add) -> Path:
    with tarfile.open(path, "w:xz") as bundle:
        data = b"#!/bin/sh\n"
        info = tarfile.TarInfo(f"{TOP}/bin/nvcc")
        info.size = len(data)
        bundle.addfile(info, io.BytesIO(data))
        add(bundle)
    return path


def link(name: str, target: str, kind=tarfile.SYMTYPE):
    def add(bundle):
        info = tarfile.TarInfo(f"{TOP}/{name}")
        info.type, info.linkname = kind, target
        bundle.addfile(info)

    return add


def special(kind):
    def add(bundle):
        info = tarfile.TarInfo(f"{TOP}/special")
        info.type = kind
        bundle.addfile(info)

    return add


@pytest.mark.parametrize(
    ("name", "add"),
    [
        ("hardlink to nothing", link("lib/evil", f"{TOP}/no/such/file", tarfile.LNKTYPE)),
        ("symlink out", link("lib/evil", "../../../../outside")),
        ("absolute symlink", link("lib/evil", "/etc/passwd")),
        ("hardlink out", link("lib/evil", "../outside", tarfile.LNKTYPE)),
        ("fifo", special(tarfile.FIFOTYPE)),
        ("character device", special(tarfile.CHRTYPE)),
        ("block device", special(tarfile.BLKTYPE)),
    ],
)
def test_entries_that_are_not_allowed_are_refused(tmp_path, name, add):
    archive = make(tmp_path / "a.tar.xz", add)
    into = tmp_path / "out" / "staging"
    with pytest.raises(ToolkitError, match="not allowed|outside its folder|not found"):
        unpack(archive, into)
    outside = [p for p in tmp_path.rglob("*") if "outside" in p.name or p.name == "evil"]
    assert outside == [] and not (into / "special").exists()


def test_a_truncated_archive_is_damaged(tmp_path):
    good = make(tmp_path / "good.tar.xz", lambda bundle: None)
    cut = tmp_path / "cut.tar.xz"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(ToolkitError, match="damaged or truncated"):
        unpack(cut, tmp_path / "staging")
    garbage = tmp_path / "garbage.tar.xz"
    garbage.write_bytes(b"not an archive at all" * 10)
    with pytest.raises(ToolkitError, match="damaged or truncated"):
        unpack(garbage, tmp_path / "staging2")


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE is POSIX")
def test_no_space_while_unpacking_is_one_line(tmp_path):
    """A real process whose file-size limit makes the write fail (EFBIG), as a full disk does."""
    big = make(tmp_path / "big.tar.xz", lambda bundle: _big(bundle))
    code = textwrap.dedent(
        f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
        from pathlib import Path
        from app.steps.toolkit import ToolkitError, unpack
        try:
            unpack(Path({str(big)!r}), Path({str(tmp_path / "staging")!r}))
        except ToolkitError as error:
            print(error)
            sys.exit(3)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert "The disk is full while unpacking big.tar.xz" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def _big(bundle) -> None:
    data = b"\0" * 1_000_000
    info = tarfile.TarInfo(f"{TOP}/lib/libcublas.so.12")
    info.size = len(data)
    bundle.addfile(info, io.BytesIO(data))
