"""Renaming a file we have just written, patiently: on Windows an antivirus scanner (Defender)
opens each new file for a moment, and a rename in that moment fails with WinError 32 (in use)
or 5 (access denied). pip retries its renames for about a second for the same reason; so do we,
and when the file stays held we say so instead of blaming the disk.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from app.text import translate

_ACCESS_DENIED = 5
_BUSY = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
# ~1.75 s in all: long enough for a scanner to let go of a file, short enough not to feel stuck.
DELAYS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.6)


class FileBusyError(PermissionError):
    """The file stayed held by another program. strerror: why (to quote inside another
    message); str(): the whole line, with what to do."""

    def __init__(self, path: str, cause: OSError) -> None:
        held = getattr(cause, "winerror", None) in _BUSY
        why = (
            translate(
                "errors", "{path} is in use by another program, often an antivirus scanning it"
            )
            if held
            else translate(
                "errors",
                "Windows denied access to {path}, often because an antivirus is still scanning it",
            )
        ).format(path=path)
        super().__init__(cause.errno, why, path)
        self.line = translate(
            "errors",
            "Could not put {path} in place: {why}. Try again in a moment; if it keeps "
            "happening, exclude {folder} from antivirus scanning, or choose a folder you "
            "can write to.",
        ).format(path=path, why=why, folder=os.path.dirname(path) or path)

    def __str__(self) -> str:
        return self.line


def is_busy(error: OSError) -> bool:
    """A Windows sharing or access error: worth a retry, since it usually passes."""
    return getattr(error, "winerror", None) in (_ACCESS_DENIED, *_BUSY)


def is_disk_full(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def replace(
    src: str | os.PathLike[str],
    dest: str | os.PathLike[str],
    *,
    delays: Iterable[float] = DELAYS,
    _replace: Callable[[str, str], None] = os.replace,
    _sleep: Callable[[float], None] = time.sleep,
) -> None:
    """os.replace, retried while Windows reports the file busy; then FileBusyError. Any other
    error is raised unchanged at once (callers rely on EXDEV, ENOSPC...)."""
    src_s, dest_s = os.fspath(src), os.fspath(dest)
    waits = iter(delays)
    while True:
        try:
            _replace(src_s, dest_s)
            return
        except OSError as error:
            if not is_busy(error):
                raise
            wait = next(waits, None)
            if wait is None:
                # Name the final file: our temp name would mean nothing to the user.
                raise FileBusyError(dest_s, error) from error
            _sleep(wait)


def write_text_atomically(
    target: Path, text: str, encoding: str = "utf-8", newline: str | None = None
) -> None:
    """target holds text, whole or not at all: a temp file beside it, then one rename. On an
    OSError the temp file is gone and the error is raised (say it with why_not_written).
    The file gets the usual rw-r--r-- (mkstemp's private 0600 would hide it from others in a
    shared lab folder), or the mode of the file it replaces."""
    folder = target.parent if str(target.parent) else Path(".")
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline=newline) as out:
            out.write(text)
        try:
            mode = os.stat(target).st_mode & 0o7777
        except OSError:
            mode = 0o644
        os.chmod(temp, mode)
        replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def why_not_written(error: OSError) -> str:
    """The reason a write failed, as a user reads it."""
    if is_disk_full(error):
        return str(translate("errors", "the disk is full"))
    return error.strerror or str(error)


def write_probe_error(folder: Path) -> OSError | None:
    """None when this user can make a file in folder, else why not. Tried for real, with an
    empty file made and removed: os.access ignores Windows ACLs (Program Files says writable
    to everyone) and read-only shares."""
    probe = folder / f".pytorch-setup-probe-{uuid.uuid4().hex[:8]}"
    try:
        probe.open("xb").close()
        probe.unlink()
    except OSError as error:
        return error
    return None
