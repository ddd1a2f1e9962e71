"""The download cache (CUDA archives and installers, cuDNN, Miniforge): kept so a retry or an
undo-then-redo does not fetch gigabytes again; shown with its size and emptied on request."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from app.paths import state_dir


def downloads_dir() -> Path:
    return state_dir() / "downloads"


def size(folder: Path | None = None) -> int:
    """Bytes in the cache (0 when there is none)."""
    total = 0
    for root, _dirs, files in os.walk(folder or downloads_dir()):
        for name in files:
            try:
                total += (Path(root) / name).lstat().st_size
            except OSError:
                continue
    return total


def clear(folder: Path | None = None) -> int:
    """Delete the cached downloads; returns the bytes freed."""
    folder = folder or downloads_dir()
    freed = size(folder)
    shutil.rmtree(folder, ignore_errors=True)
    return freed
