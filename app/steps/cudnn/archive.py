"""Reading a cuDNN archive: layout, version, CUDA major and files; unsafe entries are refused.

Two layouts exist: NVIDIA's redist archives (cudnn-<platform>-<version>_cudaNN-archive/ with
bin, include, lib) and the older downloads with one cuda/ folder (cuda/include, cuda/lib64 or
cuda/lib/x64, cuda/bin). Reading walks every entry, so a truncated archive is found here,
before anything on the machine changes.
"""

from __future__ import annotations

import lzma
import os
import posixpath
import re
import shutil
import stat
import tarfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from app.errors import StepError
from app.events import CancelToken, Reporter
from app.scan.toolkits import parse_cudnn_header
from app.text import translate

_DAMAGED = (tarfile.TarError, zipfile.BadZipFile, EOFError, lzma.LZMAError, zlib.error, OSError)
_TOP_FOLDERS = {"bin", "include", "lib", "lib64"}
# cudnn-linux-x86_64-9.13.0.50_cuda12-archive (redist folder and file name)
_REDIST_NAME = re.compile(r"cudnn-(linux|windows)-([a-z0-9_]+)-\d[\d.]*_cuda(\d+)[\d.]*-archive")
# cudnn-11.3-linux-x64-v8.2.1.32.tgz, cudnn-10.2-windows10-x64-v7.6.5.32.zip (older downloads)
_LEGACY_NAME = re.compile(r"cudnn-(\d+)\.\d+-(linux|windows)\d*-([a-z0-9_]+)-v\d")
_LEGACY_ARCH = {"x64": "x86_64", "aarch64sbsa": "sbsa", "ppc64le": "ppc64le"}


class CudnnError(StepError):
    """A cuDNN step failed or was refused; str() says what happened and what to do.

    needs_admin: the target is writable only with administrator rights (the GUI can offer to
    restart elevated)."""

    def __init__(self, message: str, *, needs_admin: bool = False) -> None:
        super().__init__(message)
        self.needs_admin = needs_admin


@dataclass
class ArchiveFile:
    name: str  # the entry's name in the archive
    rel: str  # its path under the archive's root folder: 'lib/libcudnn.so.9'
    size: int
    link: str | None = None  # a symlink's target, as stored ('libcudnn.so.9.13.0')


@dataclass
class CudnnArchive:
    path: Path
    version: str  # '9.13.0', from include/cudnn_version.h (cudnn.h before cuDNN 8)
    cuda_major: int | None  # None: neither the archive nor its name says
    cuda_major_from: str | None  # 'folder name', 'file name', 'manifest'
    platform: str | None  # 'linux-x86_64', 'linux-sbsa', 'windows-x86_64'; 'linux'/'windows'
    layout: str  # 'redist' | 'legacy' (one cuda/ folder) | 'flat' (include/ etc. at the top)
    root: str  # the top folder ('cudnn-…_cuda12-archive', 'cuda') or ''
    files: list[ArchiveFile]  # files and symlinks, never folders

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


def read_archive(path: str | Path, *, cuda_major: int | None = None) -> CudnnArchive:
    """List and check the archive. cuda_major: what a manifest said, used when names say nothing."""
    path = Path(path)
    if not path.is_file():
        raise CudnnError(
            translate(
                "errors", "{path} does not exist: choose the cuDNN archive you downloaded."
            ).format(path=path)
        )
    try:
        if _is_zip(path):
            entries, headers = _list_zip(path)
        else:
            entries, headers = _list_tar(path)
    except _DAMAGED as error:
        raise CudnnError(
            translate(
                "errors",
                "{name} is damaged, incomplete or not a .zip/.tar.xz archive "
                "({_why}): download it again.",
            ).format(name=path.name, _why=_why(error))
        ) from None
    root, layout = _root_of([name for name, *_ in entries])
    prefix = root + "/" if root else ""
    files = []
    for name, size, link in entries:
        if name.startswith(prefix) and name != root:
            files.append(ArchiveFile(name, name[len(prefix) :], size, link))
    _check_links(path, files)
    version = None
    for header in ("include/cudnn_version.h", "include/cudnn.h"):
        text = headers.get(prefix + header)
        version = parse_cudnn_header(text) if text else None
        if version:
            break
    if version is None:
        raise CudnnError(
            translate(
                "errors",
                "{name} has no include/cudnn_version.h or include/cudnn.h with a "
                "version: it is not a cuDNN archive; download cuDNN from NVIDIA.",
            ).format(name=path.name)
        )
    major, major_from, platform = _name_facts(root, path.name)
    if major is None and cuda_major is not None:
        major, major_from = int(cuda_major), "manifest"
    if platform is None:  # the OS at least, from what the files are
        suffixes = {PurePosixPath(f.rel).suffix.lower() for f in files}
        platform = "windows" if ".dll" in suffixes else "linux" if _has_so(files) else None
    return CudnnArchive(path, version, major, major_from, platform, layout, root, files)


def _why(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0].rstrip(":") if text else type(error).__name__


def _is_zip(path: Path) -> bool:
    # By name too: a truncated zip has lost the directory at its end that is_zipfile looks for.
    return path.name.lower().endswith(".zip") or zipfile.is_zipfile(path)


def _has_so(files: list[ArchiveFile]) -> bool:
    return any(".so" in PurePosixPath(f.rel).suffixes for f in files)


def _safe_name(archive: str, name: str) -> str:
    text = name.replace("\\", "/")
    parts = PurePosixPath(text).parts
    if not parts or text.startswith("/") or ".." in parts or ":" in parts[0]:
        raise CudnnError(
            translate(
                "errors",
                "{archive} has an entry outside its folder ({name}): it is refused; "
                "download cuDNN from NVIDIA again.",
            ).format(archive=archive, name=repr(name))
        )
    return "/".join(parts)


def _is_header(name: str) -> bool:
    return name.endswith(("include/cudnn_version.h", "include/cudnn.h"))


def _list_tar(path: Path) -> tuple[list[tuple[str, int, str | None]], dict[str, str]]:
    entries: list[tuple[str, int, str | None]] = []  # (name, size, link target)
    headers: dict[str, str] = {}
    with tarfile.open(path) as bundle:
        sizes: dict[str, int] = {}
        for member in bundle:  # walks the whole stream: a truncated archive fails here
            name = _safe_name(path.name, member.name)
            if member.isdir():
                continue
            if member.issym():
                entries.append((name, 0, member.linkname))
            elif member.islnk():  # a hard link becomes a copy of the file it names
                target = _safe_name(path.name, member.linkname)
                entries.append((name, sizes.get(target, 0), None))
            elif member.isfile():
                sizes[name] = member.size
                entries.append((name, member.size, None))
                if _is_header(name):
                    handle = bundle.extractfile(member)
                    assert handle is not None  # there is one for every regular file
                    headers[name] = handle.read(1 << 20).decode("utf-8", "replace")
            else:
                raise CudnnError(
                    translate(
                        "errors",
                        "{name} holds a device or pipe entry ({name2}): it is not a cuDNN "
                        "archive from NVIDIA; download it again.",
                    ).format(name=path.name, name2=repr(member.name))
                )
    return entries, headers


def _zip_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _list_zip(path: Path) -> tuple[list[tuple[str, int, str | None]], dict[str, str]]:
    entries: list[tuple[str, int, str | None]] = []  # (name, size, link target)
    headers: dict[str, str] = {}
    with zipfile.ZipFile(path) as bundle:
        for info in bundle.infolist():
            name = _safe_name(path.name, info.filename)
            if info.is_dir():
                continue
            if _zip_link(info):
                entries.append((name, 0, bundle.read(info).decode("utf-8", "replace")))
                continue
            entries.append((name, info.file_size, None))
            if _is_header(name):
                headers[name] = bundle.read(info).decode("utf-8", "replace")
    return entries, headers


def _root_of(names: list[str]) -> tuple[str, str]:
    tops = {name.split("/")[0] for name in names}
    if len(tops) == 1:
        (top,) = tops
        if top not in _TOP_FOLDERS and any(n.startswith(top + "/") for n in names):
            return top, "legacy" if top == "cuda" else "redist"
    return "", "flat"


def _check_links(path: Path, files: list[ArchiveFile]) -> None:
    """A link must stay in its own top folder (lib/…): the folders are mapped apart later."""
    for item in files:
        if item.link is None:
            continue
        top = item.rel.split("/")[0]
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(item.rel), item.link))
        if item.link.startswith(("/", "\\")) or ":" in item.link or joined.split("/")[0] != top:
            raise CudnnError(
                translate(
                    "errors",
                    "{name} has a link that points outside its folder ({name2} → "
                    "{link}): it is refused; download cuDNN from NVIDIA again.",
                ).format(name=path.name, name2=repr(item.name), link=repr(item.link))
            )


def _name_facts(root: str, file_name: str) -> tuple[int | None, str | None, str | None]:
    """(CUDA major, where it was read, platform) from the folder or the file name."""
    for text, where in ((root, "folder name"), (file_name, "file name")):
        match = _REDIST_NAME.search(text)
        if match:
            return int(match.group(3)), where, f"{match.group(1)}-{match.group(2)}"
        match = _LEGACY_NAME.search(text)
        if match:
            arch = _LEGACY_ARCH.get(match.group(3), match.group(3))
            return int(match.group(1)), where, f"{match.group(2)}-{arch}"
    return None, None, None


def extract(archive: CudnnArchive, into: Path, reporter: Reporter, cancel: CancelToken) -> Path:
    """Unpack into a staging folder; returns the folder that holds the archive's root."""
    into.mkdir(parents=True, exist_ok=True)
    try:
        if _is_zip(archive.path):
            _extract_zip(archive.path, into, reporter, cancel)
        else:
            _extract_tar(archive, into, reporter, cancel)
    except _DAMAGED as error:
        raise CudnnError(
            translate(
                "errors",
                "{name} could not be unpacked ({_why}): it is damaged; download it "
                "again. Nothing was changed.",
            ).format(name=archive.path.name, _why=_why(error))
        ) from None
    return into / archive.root if archive.root else into


def _extract_tar(archive: CudnnArchive, into: Path, reporter: Reporter, cancel: CancelToken):
    if not hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+, 3.12+
        raise CudnnError(
            translate(
                "errors", "This Python cannot unpack archives safely; use Python 3.11.4 or newer."
            )
        )
    total = archive.size

    def members(bundle: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
        done = 0
        for member in bundle:
            cancel.raise_if_set()
            yield member
            done += member.size
            reporter.progress(done, total, f"Unpacking {PurePosixPath(member.name).name}")

    with tarfile.open(archive.path) as bundle:
        # The 'data' filter refuses absolute paths, links that leave the folder, device files.
        try:
            bundle.extractall(into, members=members(bundle), filter="data")
        except tarfile.FilterError as error:
            raise CudnnError(
                translate(
                    "errors",
                    "{name} has an unsafe entry ({error}): it is refused; download "
                    "cuDNN from NVIDIA again.",
                ).format(name=archive.path.name, error=error)
            ) from None


def _extract_zip(path: Path, into: Path, reporter: Reporter, cancel: CancelToken) -> None:
    with zipfile.ZipFile(path) as bundle:
        infos = [i for i in bundle.infolist() if not i.is_dir()]
        total, done = sum(i.file_size for i in infos), 0
        for info in infos:
            cancel.raise_if_set()
            target = into / _safe_name(path.name, info.filename)
            target.parent.mkdir(parents=True, exist_ok=True)
            if _zip_link(info):
                os.symlink(bundle.read(info).decode("utf-8"), target)
                continue
            with bundle.open(info) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink, 8 << 20)  # the CRC is checked at the end
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                os.chmod(target, mode | 0o600)
            stamp = time.mktime((*info.date_time, 0, 0, -1))
            os.utime(target, (stamp, stamp))
            done += info.file_size
            reporter.progress(done, total, f"Unpacking {target.name}")
