"""The one generic worker: runs any engine callable fn(reporter, cancel) on a QThread.

A worker object is moved to its own QThread (no QThread subclass). Engine code reports through a
Reporter that only appends to a locked buffer; the GUI thread *pulls* that buffer on a timer
(every ~50 ms), so a flood of pip output arrives as a few batched signals and progress is
emitted at most ~20 times a second: the UI never stalls, however chatty the work is.
The buffer keeps only the last BATCH_LINES lines between two pulls: a flood costs the GUI thread
the same whatever its size (one batch inserts in a few ms, where 5,000 lines took 12-30 ms), the
notice says how many were left out, and the file log still gets every line.
A cancel is not an error: it ends in `cancelled`, which pages show as nothing.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from app.events import Cancelled, CancelToken, Reporter

FLUSH_MS = 50
MAX_LINES = 5000  # lines the log keeps (log_view's document)
BATCH_LINES = 1000  # lines kept between two flushes: the newest; a flood shows its tail
# A log_lines item (NOT_SHOWN, "N") stands where N lines were left out of a batch.
NOT_SHOWN = -1
# The most of the GUI thread's time the log may take: after a batch that took t to show, the
# next waits t / LOG_SHARE (a flood then arrives in a few big batches, not twenty a second).
LOG_SHARE = 0.05

if TYPE_CHECKING:
    import asyncio

EngineCall = Callable[[Reporter, CancelToken], Any]


class BufferedReporter(Reporter):
    """Thread-safe: called from the worker thread, drained from the GUI thread.

    Log lines take no lock (a flood is 200,000 calls, and a lock the GUI thread holds while
    it drains would make the reading thread wait): each line is numbered and appended to a
    bounded deque, both atomic in CPython, and drain() pops; the gaps in the numbers are the
    lines the deque let fall. One thread logs (the worker's), one drains (the GUI's).
    """

    def __init__(self, max_lines: int = BATCH_LINES) -> None:
        self._lock = threading.Lock()  # progress and items only
        # A bounded deque: appending past the cap drops the oldest line, in O(1).
        self._lines: deque[tuple[int, int, str]] = deque(maxlen=max_lines)
        self._numbers = itertools.count()
        self._last_drained = -1  # the number of the last line drain() handed on
        self._progress: tuple[float, float | None, str] | None = None
        self._items: dict[str, tuple[float, float | None, str]] = {}

    def log(self, message: str, level: int = logging.INFO) -> None:
        Reporter.log(self, message, level)  # the log file gets every line, unbatched
        self._lines.append((next(self._numbers), level, message))

    def progress(self, done: float, total: float | None = None, text: str = "") -> None:
        with self._lock:
            self._progress = (done, total, text)  # only the latest matters

    def item_progress(self, item: str, done: float, total: float | None, text: str = "") -> None:
        with self._lock:
            self._items[item] = (done, total, text)  # the latest of each item

    def drain(self, lines: bool = True):
        """(log lines, latest progress or None, {item: latest progress}); lines=False leaves
        the lines for a later drain.

        When lines were dropped since the last drain, the batch starts with (NOT_SHOWN, "N").
        """
        batch: list[tuple[int, str]] = []
        if lines:
            taken = []
            pop = self._lines.popleft
            with contextlib.suppress(IndexError):
                while True:
                    taken.append(pop())
            if taken:
                dropped = taken[0][0] - self._last_drained - 1
                self._last_drained = taken[-1][0]
                if dropped:
                    batch.append((NOT_SHOWN, str(dropped)))
                batch += [(level, text) for _, level, text in taken]
        with self._lock:
            progress, self._progress = self._progress, None
            items, self._items = self._items, {}
        return batch, progress, items


class _Runner(QObject):
    """Lives on the worker thread; runs the call once and reports the outcome."""

    outcome = Signal(str, object)  # "ok" | "error" | "cancelled", result or exception

    def __init__(self, call: EngineCall, reporter: Reporter, cancel: CancelToken) -> None:
        super().__init__()
        self._call = call
        self._reporter = reporter
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self._call(self._reporter, self._cancel)
        except Cancelled:
            self.outcome.emit("cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - everything reaches the GUI as a failure
            logging.getLogger("pytorch_setup").exception("worker failed")
            self.outcome.emit("error", exc)
        else:
            self.outcome.emit("ok", result)
        finally:
            # Quit from this thread: the GUI thread may be blocked in wait() (closing the
            # window), so a quit() queued to it would never run.
            QThread.currentThread().quit()


class Worker(QObject):
    """Start with start(); listen to the signals; cancel() at any time; wait() before exit."""

    log_lines = Signal(list)  # [(level, text), ...] in batches
    # The text is an object: an engine message (app.text.Text) keeps its template across the
    # thread, so pages show it in the interface's language (a str signal would drop it).
    progress = Signal(float, object, object)  # done, total (None: indeterminate), text
    item_progress = Signal(str, float, object, object)  # item, done, total, text
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()  # after one of the three above, once the thread has stopped

    def __init__(self, call: EngineCall, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_token = CancelToken()
        self._reporter = BufferedReporter()
        self._thread = QThread()
        self._runner = _Runner(call, self._reporter, self.cancel_token)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.outcome.connect(self._on_outcome)  # queued: we live on the GUI thread
        self._thread.finished.connect(self._on_thread_finished)
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_MS)
        self._timer.timeout.connect(self._flush)
        self._outcome: tuple[str, Any] | None = None
        self._running = False
        self._lines_due = 0.0  # time.monotonic() before which no log lines are emitted

    # -- control ---------------------------------------------------------------------------

    def start(self) -> Worker:
        self._running = True
        self._timer.start()
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def is_running(self) -> bool:
        return self._running

    def wait(self, msecs: int = 5000) -> bool:
        """Block until the thread has stopped (used on close); True when it did."""
        return self._thread.wait(msecs)

    def future(self) -> asyncio.Future:
        """An asyncio future for `await` under qasync: the result, or the exception raised."""
        import asyncio  # here, not at the top: asyncio costs ~30 ms of start-up

        future = asyncio.get_event_loop().create_future()

        def settle() -> None:
            if future.done():
                return
            outcome: tuple[str, Any] = self._outcome or ("cancelled", None)
            kind, value = outcome
            if kind == "ok":
                future.set_result(value)
            elif kind == "error":
                future.set_exception(value)
            else:
                future.set_exception(Cancelled())

        if self._outcome is not None and not self._running:
            settle()
        else:
            self.finished.connect(settle)
        return future

    # -- internals -------------------------------------------------------------------------

    @Slot()
    def _flush(self, final: bool = False) -> None:
        lines, progress, items = self._reporter.drain(
            lines=final or time.monotonic() >= self._lines_due
        )
        if lines:
            started = time.monotonic()
            self.log_lines.emit(lines)  # direct: the listeners' work is timed here
            self._lines_due = started + (time.monotonic() - started) / LOG_SHARE
        for item, (done, total, text) in items.items():
            self.item_progress.emit(item, float(done), total, text)
        if progress is not None:
            self.progress.emit(float(progress[0]), progress[1], progress[2])

    @Slot(str, object)
    def _on_outcome(self, kind: str, value: Any) -> None:
        self._outcome = (kind, value)

    @Slot()
    def _on_thread_finished(self) -> None:
        self._timer.stop()
        self._flush(final=True)
        self._running = False
        kind, value = self._outcome or ("cancelled", None)
        if kind == "ok":
            self.succeeded.emit(value)
        elif kind == "error":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.finished.emit()
