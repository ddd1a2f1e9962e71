"""Putting files into a folder the user owns, all or nothing (rustup's transactions, pip's stash).

Each new file is written under a temporary name beside its destination, then renamed into place,
so a destination is never half written. A file about to be replaced is first moved aside into a
backup folder. Every change is remembered: rollback() puts the folder back exactly as it was
(contents, modes, times, symlink targets). For undo after the process ended (or crashed), the
caller journals what it will put where *before* starting; undo_recorded() works from that record.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from app import fsops
from app.events import CancelToken

CHUNK = 64 << 20  # bytes per copy call: between two calls cancel is checked, progress reported
_BUFFER = 8 << 20


def temp_name(dest: Path, tag: str) -> Path:
    return dest.with_name(f".{dest.name}.pytorch-setup-{tag}.tmp")


def copy_file(
    src: Path, dest: Path, cancel: CancelToken, on_bytes: Callable[[int], None] | None = None
) -> None:
    """Copy data, mode and times (like shutil.copy2) into a new file; in-kernel where possible."""
    with open(src, "rb", buffering=0) as source, open(dest, "xb", buffering=0) as sink:
        _copy_data(source, sink, cancel, on_bytes or (lambda n: None))
    shutil.copystat(src, dest, follow_symlinks=False)  # after the data, which sets the mtime


_UNSUPPORTED = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}
_UNSUPPORTED.add(getattr(errno, "ENOTSOCK", errno.EINVAL))  # macOS sendfile wants a socket


def _copy_data(source, sink, cancel: CancelToken, on_bytes) -> None:
    # copy_file_range (Linux) copies inside the kernel and can share blocks; sendfile is the next
    # best; a plain loop with a large buffer everywhere else (Windows).
    fd_in, fd_out = source.fileno(), sink.fileno()
    for fast in ("copy_file_range", "sendfile"):
        call = getattr(os, fast, None)
        if call is None:
            continue
        offset = 0
        try:
            while True:
                cancel.raise_if_set()
                if fast == "sendfile":
                    sent = call(fd_out, fd_in, offset, CHUNK)
                else:
                    sent = call(fd_in, fd_out, CHUNK, offset, offset)
                if sent == 0:
                    return
                offset += sent
                on_bytes(sent)
        except OSError as error:
            if offset or error.errno not in _UNSUPPORTED:
                raise
    buffer = memoryview(bytearray(_BUFFER))
    while count := source.readinto(buffer):
        cancel.raise_if_set()
        view = buffer[:count]
        while view:
            view = view[sink.write(view) :]
        on_bytes(count)


def move(src: Path, dest: Path) -> None:
    """Rename where possible; across drives copy, then rename the copy, then delete the source:
    at every moment one complete copy exists under a final name."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        fsops.replace(src, dest)
        return
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
    partial = dest.with_name(dest.name + ".partial")
    if src.is_symlink():
        os.symlink(os.readlink(src), partial)
    else:
        shutil.copy2(src, partial)
    fsops.replace(partial, dest)
    os.unlink(src)


class Transaction:
    """Changes under `root`; rollback() undoes them all. Success needs no commit: the backups
    stay for a later undo (from the journal)."""

    def __init__(self, root: Path, backup_dir: Path, tag: str, cancel: CancelToken) -> None:
        self.root, self.backup_dir, self.tag, self.cancel = root, backup_dir, tag, cancel
        self.done: list[tuple[str, Path]] = []  # ('folder' | 'created' | 'replaced', path)

    def backup_of(self, dest: Path) -> Path:
        return self.backup_dir / dest.relative_to(self.root)

    def make_folder(self, folder: Path) -> None:
        folder.mkdir()
        self.done.append(("folder", folder))

    def put_file(self, src: Path, dest: Path, on_bytes=None) -> None:
        temp = temp_name(dest, self.tag)
        try:
            copy_file(src, temp, self.cancel, on_bytes)
            self._swap(temp, dest)
        finally:
            temp.unlink(missing_ok=True)

    def put_link(self, target: str, dest: Path) -> None:
        temp = temp_name(dest, self.tag)
        try:
            os.symlink(target, temp)
            self._swap(temp, dest)
        finally:
            temp.unlink(missing_ok=True)

    def _swap(self, temp: Path, dest: Path) -> None:
        if os.path.lexists(dest):
            move(dest, self.backup_of(dest))
            self.done.append(("replaced", dest))
        else:
            self.done.append(("created", dest))
        fsops.replace(temp, dest)  # a just-written file: an antivirus may still hold it

    def rollback(self) -> list[str]:
        """Undo everything done, newest first; returns what could not be put back."""
        failures = []
        for kind, path in reversed(self.done):
            try:
                if kind == "folder":
                    path.rmdir()
                elif kind == "created":
                    _remove(path)
                else:
                    _remove(path)
                    move(self.backup_of(path), path)
            except OSError as error:
                failures.append(f"{path}: {error.strerror or error}")
        self.done.clear()
        return failures


def _remove(path: Path) -> None:
    if os.path.lexists(path):
        path.unlink()


def file_facts(path: Path) -> dict:
    """What undo compares later to tell our file from one the user changed since: size and
    modification time (the copy keeps the time to the nanosecond), as rsync and make judge
    change; hashing 1 GB of libraries would take three times as long as copying them."""
    if path.is_symlink():
        return {"kind": "link", "target": os.readlink(path)}
    info = path.stat()
    return {"kind": "file", "size": info.st_size, "mtime_ns": info.st_mtime_ns}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_BUFFER):
            digest.update(chunk)
    return digest.hexdigest()


def matches(path: Path, facts: dict) -> bool:
    if facts["kind"] == "link":
        return path.is_symlink() and os.readlink(path) == facts["target"]
    if path.is_symlink() or not path.is_file() or path.stat().st_size != facts["size"]:
        return False
    if "sha256" in facts:  # journals written before times were used
        return sha256_of(path) == facts["sha256"]
    return path.stat().st_mtime_ns == facts["mtime_ns"]


def _same(a: Path, b: Path) -> bool:
    if a.is_symlink() or b.is_symlink():
        return a.is_symlink() and b.is_symlink() and os.readlink(a) == os.readlink(b)
    return file_facts(a) == file_facts(b)


def undo_recorded(
    files: list[dict],
    folders: list[str],
    root: Path,
    backup_dir: Path,
    tag: str,
    cancel: CancelToken,
) -> list[str]:
    """Undo from a journal record made before the copy, whatever point the copy reached.

    files: {"path", "replaces", "kind", "size", "mtime_ns" | "target"} per destination.
    Returns notes on what was left alone (changed by the user since, or folders not empty)."""
    notes = []
    for record in reversed(files):
        cancel.raise_if_set()
        dest = Path(record["path"])
        temp_name(dest, tag).unlink(missing_ok=True)
        backup = backup_dir / dest.relative_to(root)
        ours = os.path.lexists(dest) and matches(dest, record)
        if os.path.lexists(backup):
            if not dest.parent.is_dir():
                notes.append(f"{dest.parent} is gone: the file it held is kept at {backup}.")
                continue
            if os.path.lexists(dest) and not ours:
                if _same(dest, backup):  # a crash mid-move left the original in place
                    _remove(backup)
                    continue
                notes.append(
                    f"{dest} was changed after cuDNN was copied: left as it is; the file it "
                    f"replaced is kept at {backup}."
                )
                continue
            _remove(dest)
            move(backup, dest)
        elif record.get("replaces"):
            continue  # never moved aside: the copy stopped before this file
        elif ours:
            _remove(dest)
        elif os.path.lexists(dest):
            notes.append(f"{dest} was changed after cuDNN was copied: left as it is.")
    for folder in sorted(folders, key=lambda f: len(Path(f).parts), reverse=True):
        try:
            Path(folder).rmdir()
        except FileNotFoundError:
            pass
        except OSError:
            notes.append(f"{folder} holds other files now: left as it is.")
    prune_empty(backup_dir)
    return notes


def prune_empty(folder: Path) -> None:
    """Remove empty folders under and including `folder` (backups fully restored)."""
    if not folder.is_dir():
        return
    for current, _dirs, _files in os.walk(folder, topdown=False):
        with contextlib.suppress(OSError):  # not empty: a backup is still there
            os.rmdir(current)
