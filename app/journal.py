"""Append-only record of every change the assistant makes, for undo and rollback.

A step writes an entry *before* it changes anything, so a crash mid-change still leaves a record
of what may have been touched (app/steps/base.py: with every temporary path it will create).
Undo appends an "undo" entry; nothing is ever rewritten. One JSON object per line; a torn last
line (power loss mid-write) or a line of the wrong shape is skipped and named, not fatal.
Writes and undo hold an inter-process lock (journal.lock beside the journal), so two processes
never interleave lines or undo the same change twice.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app.errors import StepError
from app.paths import state_dir
from app.text import translate

UNDO = "undo"


class JournalError(StepError):
    """The journal cannot be written or read: one line saying where and why."""


@dataclass
class Entry:
    step: str  # which step made the change: "cudnn", "pathreg", "install", ...
    action: str  # what it did: "create_file", "replace_file", "set_env", ...
    data: dict[str, Any] = field(default_factory=dict)
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    time: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat())
    undoes: str | None = None  # for undo entries: the id of the entry undone


# The shape every line must have: field → allowed types. Anything else is skipped and named.
_SHAPE: dict[str, tuple[type, ...]] = {
    "step": (str,),
    "action": (str,),
    "data": (dict,),
    "id": (str,),
    "time": (str,),
    "undoes": (str, type(None)),
}


def parse_line(line: str) -> Entry:
    """One journal line as an Entry; ValueError saying what is wrong with it."""
    try:
        raw = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"not JSON ({exc.__class__.__name__})") from None
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    for name, types in _SHAPE.items():
        if name in ("undoes",) and name not in raw:
            continue
        if name not in raw:
            raise ValueError(f"no {name!r}")
        if not isinstance(raw[name], types):
            raise ValueError(f"{name!r} is {type(raw[name]).__name__}")
    # Keys a newer version added are dropped, not a reason to lose the entry.
    return Entry(**{k: raw[k] for k in _SHAPE if k in raw})


def encode_line(entry: Entry) -> bytes:
    """The entry as one UTF-8 line. Paths undecodable in this locale (surrogate escapes, e.g.
    LC_ALL=C) are kept as JSON \\udcXX escapes, which read back to the same path."""
    text = json.dumps(asdict(entry), ensure_ascii=False)
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(asdict(entry), ensure_ascii=True) + "\n").encode("ascii")


# Per thread: which journal locks it holds (and how deep), so the steps' own journal writes
# inside an undo do not wait for the lock their undo already holds. Another thread opens the
# lock file again and waits, as another process does.
_HELD: dict[str, int] = {}
_HELD_LOCK = threading.RLock()


class Journal:
    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path else state_dir() / "journal.jsonl"
        self.skipped: list[tuple[int, str]] = []  # (line number, why) of the last read

    # -- locking ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the journal's inter-process lock (re-entrant within this process)."""
        key = f"{os.path.normcase(os.path.abspath(self.path))}@{threading.get_ident()}"
        with _HELD_LOCK:
            depth = _HELD.get(key, 0)
            if depth:
                _HELD[key] = depth + 1
        if depth:
            try:
                yield
            finally:
                with _HELD_LOCK:
                    _HELD[key] -= 1
            return
        handle = self._open_lock()
        try:
            _lock_file(handle)
            with _HELD_LOCK:
                _HELD[key] = 1
            try:
                yield
            finally:
                with _HELD_LOCK:
                    _HELD.pop(key, None)
                _unlock_file(handle)
        finally:
            handle.close()

    def _open_lock(self):
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            lock.parent.mkdir(parents=True, exist_ok=True)
            return open(lock, "a+b")  # noqa: SIM115 - closed by locked()
        except OSError as exc:
            raise self._error(exc) from None

    # -- writing ----------------------------------------------------------------------------

    def record(self, step: str, action: str, **data: Any) -> Entry:
        """Append an entry and make it durable before returning."""
        if os.environ.get("PYTORCH_SETUP_ELEVATED"):  # app/elevate.py: undo must elevate too
            data.setdefault("elevated", True)
        return self._append(Entry(step, action, data))

    def mark_undone(self, entry: Entry, **data: Any) -> Entry:
        return self._append(Entry(entry.step, UNDO, data, undoes=entry.id))

    def _append(self, entry: Entry) -> Entry:
        line = encode_line(entry)
        with self.locked():
            try:
                with open(self.path, "a+b") as handle:
                    # After a torn write the file ends mid-line: start on a fresh line, or this
                    # entry would be glued to the fragment and lost with it.
                    if handle.tell() > 0:
                        handle.seek(-1, os.SEEK_END)
                        if handle.read(1) != b"\n":
                            handle.write(b"\n")
                    handle.write(line)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise self._error(exc) from None
        return entry

    def _error(self, exc: OSError) -> JournalError:
        return JournalError(
            translate(
                "errors",
                "The assistant's journal {path} cannot be written ({why}): nothing was changed. "
                "Make its folder writable, or set PYTORCH_SETUP_HOME to a folder you own.",
            ).format(path=self.path, why=exc.strerror or exc)
        )

    # -- reading ----------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """Every usable entry, oldest first; unusable lines are listed in self.skipped."""
        self.skipped = []
        try:
            text = self.path.read_bytes().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise JournalError(
                translate(
                    "errors",
                    "The assistant's journal {path} cannot be read ({why}). Move it aside "
                    "to start a new one; undo cannot see the changes it recorded.",
                ).format(path=self.path, why=exc.strerror or exc)
            ) from None
        entries = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                entries.append(parse_line(line))
            except ValueError as why:
                self.skipped.append((number, str(why)))
        return entries

    def pending(self) -> list[Entry]:
        """Changes not yet undone, newest first (the order to undo them in)."""
        entries = self.entries()
        undone = {e.undoes for e in entries if e.action == UNDO}
        return [e for e in reversed(entries) if e.action != UNDO and e.id not in undone]

    def is_pending(self, entry: Entry) -> bool:
        return any(e.id == entry.id for e in self.pending())


def _lock_file(handle) -> None:
    if sys.platform == "win32":
        import msvcrt
        import time

        handle.seek(0)
        while True:  # LK_LOCK gives up after 10 s; a long undo may hold it longer
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(0.05)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)


def _unlock_file(handle) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
