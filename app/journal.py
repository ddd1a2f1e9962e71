"""Append-only record of every change the assistant makes, for undo and rollback.

A step writes an entry *before* it changes anything, so a crash mid-change still leaves a record
of what may have been touched. Undo appends an "undo" entry; nothing is ever rewritten.
One JSON object per line; a torn last line (power loss mid-write) is skipped, not fatal.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app.paths import state_dir

UNDO = "undo"


@dataclass
class Entry:
    step: str  # which step made the change: "cudnn", "pathreg", "install", ...
    action: str  # what it did: "create_file", "replace_file", "set_env", ...
    data: dict[str, Any] = field(default_factory=dict)
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    time: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat())
    undoes: str | None = None  # for undo entries: the id of the entry undone


class Journal:
    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path else state_dir() / "journal.jsonl"
        self._lock = threading.Lock()

    def record(self, step: str, action: str, **data: Any) -> Entry:
        """Append an entry and make it durable before returning."""
        if os.environ.get("PYTORCH_SETUP_ELEVATED"):  # app/elevate.py: undo must elevate too
            data.setdefault("elevated", True)
        return self._append(Entry(step, action, data))

    def mark_undone(self, entry: Entry, **data: Any) -> Entry:
        return self._append(Entry(entry.step, UNDO, data, undoes=entry.id))

    def _append(self, entry: Entry) -> Entry:
        line = json.dumps(asdict(entry), ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a+b") as handle:
                # After a torn write the file ends mid-line: start on a fresh line, or this
                # entry would be glued to the fragment and lost with it.
                if handle.tell() > 0:
                    handle.seek(-1, os.SEEK_END)
                    if handle.read(1) != b"\n":
                        handle.write(b"\n")
                handle.write(line.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
        return entry

    def entries(self) -> list[Entry]:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        known = {f.name for f in fields(Entry)}
        entries = []
        for line in text.splitlines():
            try:
                raw = json.loads(line)
                # Keys a newer version added are dropped, not a reason to lose the entry.
                entries.append(Entry(**{k: v for k, v in raw.items() if k in known}))
            except (ValueError, TypeError, AttributeError):
                continue  # a torn or foreign line: keep reading the rest
        return entries

    def pending(self) -> list[Entry]:
        """Changes not yet undone, newest first (the order to undo them in)."""
        entries = self.entries()
        undone = {e.undoes for e in entries if e.action == UNDO}
        return [e for e in reversed(entries) if e.action != UNDO and e.id not in undone]
