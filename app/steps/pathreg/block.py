"""The managed profile block (its text, finding it) and all-or-nothing edits of profile files.

Files are handled as bytes, so CRLF and non-UTF-8 text stay exactly as they were; a symlinked
profile stays a symlink (its target is edited); every file is checked writable before any is
changed, written through a temp file and os.replace, and put back if a later file fails.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from app.steps.pathreg.common import PathRegError
from app.text import translate

START = b"# >>> pytorch-setup CUDA >>>"
END = b"# <<< pytorch-setup CUDA <<<"


def sh_quote(text: bytes) -> bytes:
    """Single quotes: nothing inside is special to sh, bash or zsh ($, `, \\, spaces, any
    bytes); a quote itself is written as '\\''."""
    return b"'" + text.replace(b"'", b"'\\''") + b"'"


def sh_unquote(text: bytes) -> bytes:
    return text[1:-1].replace(b"'\\''", b"'") if text[:1] == text[-1:] == b"'" else text


def library_dir(toolkit: Path) -> Path | None:
    """lib64 in installer-made toolkits; lib in toolkits unpacked from NVIDIA's archives."""
    return next((toolkit / n for n in ("lib64", "lib") if (toolkit / n).is_dir()), None)


def render_block(toolkit: Path, version: str | None) -> bytes:
    """The block; the case guards keep a re-sourced profile from growing PATH each time."""
    root = os.fsencode(str(toolkit))
    label = f"CUDA {version}" if version else "CUDA"
    lines = [
        START,
        f"# {label} for new shells, added by PyTorch Setup Assistant.".encode(),
        b"# `pytorch-setup path remove --toolkit DIR` takes it out; edits in here are not kept.",
        b"export CUDA_HOME=" + sh_quote(root),
        *_prepend(b"PATH", sh_quote(root + b"/bin")),
    ]
    lib = library_dir(toolkit)
    if lib is not None:
        lines += _prepend(b"LD_LIBRARY_PATH", sh_quote(os.fsencode(str(lib))))
    return b"\n".join([*lines, END]) + b"\n"


def _prepend(name: bytes, quoted: bytes) -> list[bytes]:
    # ${X:+:$X} adds no empty entry when X is unset (an empty entry means "this folder").
    return [
        b'case ":${' + name + b':-}:" in',
        b"    *:" + quoted + b":*) ;;",
        b"    *) export " + name + b"=" + quoted + b'"${' + name + b":+:$" + name + b'}" ;;',
        b"esac",
    ]


def block_toolkit(block: bytes) -> str | None:
    for line in block.splitlines():
        if line.startswith(b"export CUDA_HOME="):
            return os.fsdecode(sh_unquote(line[len(b"export CUDA_HOME=") :]))
    return None


def find_block(data: bytes, path: Path | str) -> tuple[int, int] | None:
    """Byte span of the one managed block (marker lines included); refuses half blocks."""
    starts, ends, offset = [], [], 0
    for number, line in enumerate(data.splitlines(keepends=True), 1):
        if line.strip() == START:
            starts.append((number, offset))
        elif line.strip() == END:
            ends.append((number, offset + len(line)))
        offset += len(line)
    if not starts and not ends:
        return None
    if len(starts) == 1 and len(ends) == 1 and starts[0][1] < ends[0][1]:
        return starts[0][1], ends[0][1]
    first = min(n for n, _ in starts + ends)
    raise PathRegError(
        translate(
            "errors",
            "{path}, line {line}: its pytorch-setup CUDA block is incomplete or "
            "doubled (a marker line without its partner). Fix or delete those "
            "lines by hand, then try again. No file was changed.",
        ).format(path=path, line=first)
    )


def separator(data: bytes) -> bytes:
    """A blank line before the block; a missing final newline is added and taken back later."""
    return b"" if not data else (b"\n" if data.endswith(b"\n") else b"\n\n")


def b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def unb64(text: str | None) -> bytes | None:
    return None if text is None else base64.b64decode(text)


def sha256(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


@dataclass
class Change:
    path: Path  # as the shell names it (~/.bashrc), maybe a symlink
    target: Path  # the file really written
    old: bytes | None  # None: the file did not exist
    new: bytes | None  # None: delete the file
    mode: int | None
    record: dict


def read_profile(path: Path) -> tuple[Path, bytes | None, int | None]:
    target = Path(os.path.realpath(path))
    try:
        return target, target.read_bytes(), target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return target, None, None
    except OSError as exc:
        raise PathRegError(
            translate("errors", "Could not read {path} ({strerror}); nothing was changed.").format(
                path=path, strerror=exc.strerror
            )
        ) from None


def check_writable(changes: list[Change]) -> None:
    """All or nothing: a read-only profile stops us before any file changes. os.replace would
    get past a read-only file (it only needs the folder), so we honour the mode ourselves."""
    for change in changes:
        shown = change.path if change.path == change.target else f"{change.path} → {change.target}"
        if change.old is not None and not os.access(change.target, os.W_OK):
            raise PathRegError(
                translate(
                    "errors",
                    "{shown} is read-only: make it writable (chmod u+w) or edit it by "
                    "hand. No profile was changed.",
                ).format(shown=shown)
            )
        if not os.access(change.target.parent, os.W_OK | os.X_OK):
            raise PathRegError(
                translate(
                    "errors",
                    "The folder of {shown} is not writable, so it cannot be changed "
                    "safely. No profile was changed.",
                ).format(shown=shown)
            )


def temp_for(target: Path, token: str) -> Path:
    """The temporary file beside target that a write goes through (named in the journal first,
    so a kill -9 mid-write leaves nothing that undo cannot find)."""
    return target.with_name(f".{target.name[:200]}.pytorch-setup-{token}.tmp")


def write_atomic(target: Path, data: bytes, mode: int | None, token: str | None = None) -> None:
    temp = temp_for(target, token or uuid.uuid4().hex[:8])
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644 if mode is None else mode)
        if mode is not None and hasattr(os, "chown"):
            # Run with sudo, a new file would belong to root and lock the user out of it.
            with contextlib.suppress(OSError):
                owner = target.stat()
                os.chown(temp, owner.st_uid, owner.st_gid)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def apply_changes(changes: list[Change], token: str | None = None) -> None:
    """Write every change, or put back the ones done when one fails (rustup's transaction)."""
    done: list[Change] = []
    for change in changes:
        try:
            if change.new is None:
                change.target.unlink()
            else:
                write_atomic(change.target, change.new, change.mode, token)
        except OSError as exc:
            for earlier in reversed(done):
                try:
                    if earlier.old is None:
                        earlier.target.unlink(missing_ok=True)
                    else:
                        write_atomic(earlier.target, earlier.old, earlier.mode)
                except OSError:
                    pass  # best effort; the message says which file failed
            raise PathRegError(
                translate(
                    "errors",
                    "Could not write {path} ({strerror}); the profiles already changed "
                    "were put back.",
                ).format(path=change.path, strerror=exc.strerror)
            ) from None
        done.append(change)
