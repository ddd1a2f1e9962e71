"""How the engine talks outward: a Reporter for log lines and progress, a CancelToken.

Engine code never knows who listens (CLI, GUI worker, tests); it only calls a Reporter.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

_log = logging.getLogger("pytorch_setup")


def _line_writer() -> Callable[[int, str, str], None] | None:
    """The log file handler's write_line (app/logs.py) when that handler alone would receive
    the logger's records (no filters, no other handler here or above: pytest's caplog is one);
    else None, and records go through handle()."""
    handlers = _log.handlers
    if len(handlers) != 1 or _log.filters or handlers[0].filters:
        return None
    if _log.propagate and logging.root.handlers:
        return None
    return getattr(handlers[0], "write_line", None)


class Cancelled(Exception):  # noqa: N818 - a cancel is not an error, so no "Error" suffix
    """Raised where work stops because the user cancelled. Callers show it as nothing."""


class CancelToken:
    """Thread-safe cancel flag. Steps call raise_if_set() between chunks, lines and files."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    @property
    def is_set(self) -> bool:
        return self._event.is_set()

    def raise_if_set(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def wait(self, timeout: float | None = None) -> bool:
        """Sleep up to timeout; True as soon as cancelled (a cancellable sleep)."""
        return self._event.wait(timeout)

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run callback (on the cancelling thread) when cancelled; now if already set.

        Returns a function that unregisters the callback.
        """
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return lambda: self._remove(callback)
        callback()
        return lambda: None

    def _remove(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)


class Reporter:
    """Receives log lines and progress from the engine. The base class writes to the log file.

    Subclasses (console, Qt worker) override the hooks; they must be cheap and thread-safe
    because engine code calls them from worker threads.
    """

    def log(self, message: str, level: int = logging.INFO) -> None:
        if _log.isEnabledFor(level):
            # Straight to the file when it alone listens (no LogRecord: a pip flood is 200,000
            # lines, read on a thread that holds the GIL meanwhile); else to the handlers,
            # never Logger.log, which walks the stack for a caller a child's line does not have.
            write_line = _line_writer()
            if write_line is not None:
                write_line(level, _log.name, message)
            else:
                _log.handle(_log.makeRecord(_log.name, level, "(reporter)", 0, message, (), None))

    def progress(self, done: float, total: float | None = None, text: str = "") -> None:
        """done/total in any unit (bytes, files); total None means indeterminate."""

    def item_progress(self, item: str, done: float, total: float | None, text: str = "") -> None:
        """Progress of one item (a file) of a many-item step; progress() carries the sum."""

    def warn(self, message: str) -> None:
        self.log(message, logging.WARNING)


class ConsoleReporter(Reporter):
    """CLI reporter: log lines to a stream (stderr by default, so --json stdout stays clean)."""

    def __init__(self, stream=None, verbose: bool = True) -> None:
        import sys

        self._stream = stream or sys.stderr
        self._verbose = verbose

    def log(self, message: str, level: int = logging.INFO) -> None:
        super().log(message, level)
        if self._verbose or level >= logging.WARNING:
            print(message, file=self._stream, flush=True)
