"""The log file: every run writes to the user's log folder, so a report can include it.

The file gets every line, in order, but not one write and flush per line: a pip flood is
200,000 lines, and the standard RotatingFileHandler costs ~28 µs a line (it formats each record
twice, stats the file twice and seeks it to decide on a rollover, then flushes). That is 6 s of
Python on the reading thread for such a flood, and the GUI thread waits for the GIL meanwhile.
Here a line is formatted once, the size is counted, and the file's buffer is flushed at most
FLUSH_S after a line arrives, at once for a WARNING or worse, and at exit (logging's atexit
shutdown closes the handler). A hard crash (a kill, a segfault) loses at most FLUSH_S of lines
below WARNING.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import threading
import time
from pathlib import Path

from app.paths import log_dir

LOGGER = "pytorch_setup"
FLUSH_S = 0.2  # the longest a line below WARNING waits in memory before it reaches the file


class BufferedRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler that counts the bytes it wrote instead of asking the file, and
    flushes from a timer thread (at most every FLUSH_S) instead of after every line."""

    def __init__(self, filename: str | os.PathLike[str], *args, **kwargs) -> None:
        # Set before the base class opens the file (its _open sets the size).
        self._size = 0
        self._rotates = False
        self._dirty = threading.Event()  # a write waits for a flush
        self._stopping = False
        super().__init__(filename, *args, **kwargs)
        self._flusher = threading.Thread(target=self._flush_soon, name="log-flush", daemon=True)
        self._flusher.start()

    def _open(self):
        stream = super()._open()
        try:
            stream.seek(0, 2)  # Windows opens "a" at the start
            self._size = stream.tell()
        except OSError:
            self._size = 0
        # Never roll over anything but a regular file (a log sent to /dev/null, say).
        self._rotates = os.path.isfile(self.baseFilename)
        return stream

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._write(self.format(record) + self.terminator, record.levelno)
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)

    def write_line(self, level: int, name: str, message: str) -> None:
        """One line as emit() would write it, without a LogRecord: the reporters' fast path
        for a child's output (app.events.Reporter.log), ~3x cheaper a line."""
        if level < self.level:
            return
        if type(self.formatter) is not _Formatter:  # another format: the record's way
            self.handle(logging.LogRecord(name, level, "(reporter)", 0, message, None, None))
            return
        now = time.time()
        second = int(now)
        millis = int((now - second) * 1000)
        level_name = logging.getLevelName(level)
        text = f"{_date_time(second)},{millis:03d} {level_name} {name}: {message}{self.terminator}"
        self.acquire()
        try:
            self._write(text, level)
        except Exception:
            self.handleError(logging.makeLogRecord({"msg": message, "levelno": level}))
        finally:
            self.release()

    def _write(self, text: str, level: int) -> None:
        if self.stream is None:
            self.stream = self._open()
        size = (
            len(text)
            if text.isascii()
            else len(text.encode(self.encoding or "utf-8", self.errors or "strict"))
        )
        if self._rotates and 0 < self.maxBytes <= self._size + size and self._size:
            self.doRollover()
        self.stream.write(text)
        self._size += size
        if level >= logging.WARNING:
            self.stream.flush()  # a problem reaches the file now, whatever happens next
        elif not self._dirty.is_set():  # set() takes a lock and wakes: once per flush
            self._dirty.set()

    def _flush_soon(self) -> None:
        while True:
            self._dirty.wait()
            if self._stopping:
                return
            time.sleep(FLUSH_S)  # what arrives meanwhile goes in the same write
            self._dirty.clear()  # before the flush: a later write sets it again
            self.flush()

    def close(self) -> None:
        self._stopping = True
        self._dirty.set()
        super().close()  # flushes what is left


_STAMP: tuple[int, str] = (-1, "")  # (second, its date and time): made once a second


def _date_time(second: int) -> str:
    """ "2026-12-02 03:04:05" for a time in whole seconds, made anew only when it changes."""
    global _STAMP
    if _STAMP[0] != second:
        made = time.strftime(logging.Formatter.default_time_format, time.localtime(second))
        _STAMP = (second, made)
    return _STAMP[1]


class _Formatter(logging.Formatter):
    """The log file's format (write_line writes the same); the date and time part is made once
    a second, not once a line."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        if datefmt:
            return super().formatTime(record, datefmt)
        second = int(record.created)
        return (self.default_msec_format or "%s,%03d") % (_date_time(second), record.msecs)


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
        handler = BufferedRotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8", errors="backslashreplace"
        )
    except OSError:
        return None  # a read-only home must not stop the assistant; the UI still shows the log
    handler.setFormatter(_Formatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def flush_file_logging() -> None:
    """Write what the file handler holds (INFO lines wait up to FLUSH_S): before the log file
    is read back, as a report does."""
    for handler in logging.getLogger(LOGGER).handlers:
        handler.flush()
