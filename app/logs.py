"""The log file: every run writes to the user's log folder, so a report can include it."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.paths import log_dir

LOGGER = "pytorch_setup"


def setup_file_logging(name: str = "pytorch-setup.log", level: int = logging.DEBUG) -> Path | None:
    """Attach a rotating file handler once; returns the file, or None when it cannot be written."""
    logger = logging.getLogger(LOGGER)
    for handler in logger.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        # errors: a path that is not UTF-8 (a lone surrogate from a non-UTF-8 file name) is
        # written escaped; strict, logging would print its own traceback on stderr instead.
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8", errors="backslashreplace"
        )
    except OSError:
        return None  # a read-only home must not stop the assistant; the UI still shows the log
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path
