"""Small cuDNN archives in NVIDIA's layouts (real .tar.xz and .zip files, symlinks included) and
tiny CUDA toolkit folders, for the cuDNN step's tests; plus a snapshot to compare folders by."""

from __future__ import annotations

import io
import json
import os
import stat
import tarfile
import zipfile
from pathlib import Path

MTIME = 1_700_000_000  # archive entries' time, so copies can be checked for it


def version_header(major: int, minor: int, patch: int) -> bytes:
    return (
        f"#ifndef CUDNN_VERSION_H_\n#define CUDNN_MAJOR {major}\n#define CUDNN_MINOR {minor}\n"
        f"#define CUDNN_PATCHLEVEL {patch}\n#endif\n"
    ).encode()


def linux_files(version: tuple[int, int, int] = (9, 13, 0)) -> dict[str, bytes | str]:
    """name → bytes (a file) or str (a symlink's target), as in cudnn-linux-…-archive/."""
    v = ".".join(map(str, version))
    major = version[0]
    return {
        "LICENSE": b"NVIDIA cuDNN license\n",
        "include/cudnn.h": b"#include <cudnn_version.h>\n",
        "include/cudnn_version.h": version_header(*version),
        "include/cudnn_graph.h": b"/* graph */\n" * 50,
        f"lib/libcudnn.so.{v}": os.urandom(300_000),
        f"lib/libcudnn.so.{major}": f"libcudnn.so.{v}",
        "lib/libcudnn.so": f"libcudnn.so.{major}",
        f"lib/libcudnn_graph.so.{v}": os.urandom(120_000),
        f"lib/libcudnn_graph.so.{major}": f"libcudnn_graph.so.{v}",
        "lib/libcudnn_graph.so": f"libcudnn_graph.so.{major}",
        "lib/libcudnn_adv_static.a": os.urandom(50_000),
    }


def windows_files(version: tuple[int, int, int] = (9, 13, 0)) -> dict[str, bytes | str]:
    return {
        "LICENSE": b"NVIDIA cuDNN license\n",
        "bin/cudnn64_9.dll": os.urandom(200_000),
        "bin/cudnn_graph64_9.dll": os.urandom(80_000),
        "include/cudnn.h": b"#include <cudnn_version.h>\n",
        "include/cudnn_version.h": version_header(*version),
        "lib/x64/cudnn.lib": os.urandom(10_000),
        "lib/x64/cudnn_graph.lib": os.urandom(6_000),
    }


def redist_name(platform: str, cuda: int, version: str = "9.13.0.50") -> str:
    return f"cudnn-{platform}-{version}_cuda{cuda}-archive"


def make_tar(path: Path, top: str, files: dict[str, bytes | str], extra=()) -> Path:
    """extra: (name, TarInfo type, data or link target) entries added as given (unsafe ones)."""
    with tarfile.open(path, "w:xz") as bundle:
        for name, data in files.items():
            info = tarfile.TarInfo(f"{top}/{name}" if top else name)
            info.mtime = MTIME
            if isinstance(data, str):
                info.type, info.linkname = tarfile.SYMTYPE, data
                bundle.addfile(info)
                continue
            info.size = len(data)
            info.mode = 0o755 if ".so" in name else 0o644
            bundle.addfile(info, io.BytesIO(data))
        for name, kind, data in extra:
            info = tarfile.TarInfo(name)
            info.type = kind
            if kind == tarfile.SYMTYPE:
                info.linkname = data
                bundle.addfile(info)
            else:
                info.size = len(data)
                bundle.addfile(info, io.BytesIO(data))
    return path


def make_zip(path: Path, top: str, files: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in files.items():
            info = zipfile.ZipInfo(f"{top}/{name}" if top else name, (2023, 11, 14, 22, 13, 20))
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(data, str):
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                data = data.encode()
            bundle.writestr(info, data)
    return path


def make_toolkit(root: Path, version: str = "12.6.3", lib: str = "lib64") -> Path:
    """A CUDA toolkit folder as the installer leaves it (version.json, include, lib64)."""
    (root / "include").mkdir(parents=True)
    (root / "bin").mkdir()
    (root / "version.json").write_text(
        json.dumps({"cuda": {"name": "CUDA SDK", "version": version}}), "utf-8"
    )
    (root / "include" / "cuda.h").write_text("#define CUDA_VERSION 12060\n", "utf-8")
    libs = root / lib
    libs.mkdir(parents=True)
    (libs / "libcudart.so.12").write_bytes(b"cudart")
    (libs / "libcudart.so").symlink_to("libcudart.so.12")
    return root


def add_old_cudnn(root: Path, lib: str = "lib64") -> None:
    """cuDNN 8.9.7 files already in the toolkit, as a user's earlier manual copy left them."""
    (root / "include" / "cudnn.h").write_bytes(b"/* cudnn 8 */\n")
    (root / "include" / "cudnn_version.h").write_bytes(version_header(8, 9, 7))
    libs = root / lib
    (libs / "libcudnn.so.8.9.7").write_bytes(os.urandom(70_000))
    os.chmod(libs / "libcudnn.so.8.9.7", 0o750)
    os.utime(libs / "libcudnn.so.8.9.7", (1_600_000_000, 1_600_000_000))
    (libs / "libcudnn.so.8").symlink_to("libcudnn.so.8.9.7")
    (libs / "libcudnn.so").symlink_to("libcudnn.so.8")


def snapshot(root: Path) -> dict[str, tuple]:
    """Every path under root: kind, mode, and contents (+ mtime) or link target."""
    seen: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.lstat()
            rel = str(path.relative_to(root))
            if stat.S_ISLNK(info.st_mode):
                seen[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                seen[rel] = ("dir", stat.S_IMODE(info.st_mode))
            else:
                data = path.read_bytes()
                seen[rel] = ("file", stat.S_IMODE(info.st_mode), info.st_mtime_ns, data)
    return seen
