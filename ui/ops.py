"""One way for pages to run engine work: `run_op(page, call)`, then handlers, then `.start()`.

    self.worker = (
        run_op(self, lambda reporter, cancel: install(request, reporter, cancel))
        .progress(self._on_progress)
        .success(self._on_success)
        .failure(self._on_failure)
        .finished(self._on_finished)
        .start()
    )

An op starts only when `.start()` is called (never by itself on a later event-loop pass: a
page that builds an op and forgets `.start()` sees nothing happen, which a test catches at
once, while a hidden start would race the handlers connected after it). `.start()` returns the
Worker, which pages keep to cancel it and which the wizard lists as running work.

The worker comes from the owner's `start_worker` (the wizard's: its log lines go to the shared
log and closing the window cancels it); an owner without one gets a bare Worker parented to it.

`run_latest(owner, key, call)` is for checkers that re-run as the person types or chooses:
starting one cancels the previous op of the same key on the same owner, and the previous op's
handlers never run afterwards (its late result is dropped, not shown over the newer one).

Imports on worker threads are unsafe under PySide6 (shiboken's import hook is not
thread-safe), so everything a call imports lazily is imported first on the GUI thread:
`preload=` names it, and `preimport` is the one place that does it.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from PySide6.QtCore import QObject

from ui.worker import EngineCall, Worker

StartWorker = Callable[[EngineCall], Worker]

# What the network engine loads lazily (system certificates, the downloader).
NETWORK = ("?truststore", "app.steps.download")
# What reading the package indexes and pip's dry run load lazily.
INDEXES = ("app.compat.sources:preload",)
# What the scan's probes load lazily (psutil, pynvml, the platform's registry or plist, ...).
SCAN = ("app.scan:preload",)


def preimport(*modules: str | Callable[[], object]) -> None:
    """Import modules on the calling (GUI) thread before a worker needs them.

    Each entry is "package.module"; "package.module:function" (imported, then function() is
    called: the engine's own preload functions); "?package.module" (optional: a module that
    may not be installed, such as truststore); or a callable, called as it is.
    """
    for entry in modules:
        if callable(entry):
            entry()
            continue
        optional = entry.startswith("?")
        name, _, function = entry.lstrip("?").partition(":")
        with contextlib.suppress(ImportError) if optional else contextlib.nullcontext():
            module = importlib.import_module(name)
            if function:
                getattr(module, function)()


class Op:
    """An engine call with its handlers; nothing runs until start()."""

    def __init__(
        self,
        start_worker: StartWorker,
        call: EngineCall,
        preload: Iterable[str | Callable[[], object]] = (),
    ) -> None:
        self._start_worker = start_worker
        self._call = call
        self._preload = tuple(preload)
        self._handlers: list[tuple[str, Callable[..., Any]]] = []
        self.stale = False  # latest-wins: a newer op of its key started; its handlers never run
        self._forget: Callable[[], Any] | None = None  # run_latest's, before the handlers
        self.worker: Worker | None = None

    def success(self, fn: Callable[[Any], Any]) -> Op:
        """fn(result) when the call returned."""
        return self._on("succeeded", fn)

    def failure(self, fn: Callable[[BaseException], Any]) -> Op:
        """fn(exception) when the call raised (a cancel is not a failure)."""
        return self._on("failed", fn)

    def cancelled(self, fn: Callable[[], Any]) -> Op:
        """fn() when the call stopped on its cancel token."""
        return self._on("cancelled", fn)

    def progress(self, fn: Callable[[float, Any, Any], Any]) -> Op:
        """fn(done, total or None, text) at most ~20 times a second."""
        return self._on("progress", fn)

    def item_progress(self, fn: Callable[[str, float, Any, Any], Any]) -> Op:
        """fn(item, done, total or None, text): the latest of each item, batched."""
        return self._on("item_progress", fn)

    def finished(self, fn: Callable[[], Any]) -> Op:
        """fn() after success, failure or cancel, once the worker's thread has stopped."""
        return self._on("finished", fn)

    def _on(self, signal: str, fn: Callable[..., Any]) -> Op:
        if self.worker is not None:
            raise RuntimeError("handlers are added before start()")
        self._handlers.append((signal, fn))
        return self

    def start(self) -> Worker:
        """Import what the call needs (on this thread), start the worker, return it."""
        if self.worker is not None:
            raise RuntimeError("an op starts once")
        preimport(*self._preload)
        worker = self._start_worker(self._call)
        self.worker = worker
        if self._forget is not None:  # first: finished handlers see latest() as None
            worker.finished.connect(self._forget)
        for signal, fn in self._handlers:
            getattr(worker, signal).connect(self._unless_stale(fn))
        return worker

    def _unless_stale(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def call_unless_stale(*args: Any) -> None:
            if not self.stale:
                fn(*args)

        return call_unless_stale


def _starter(owner: QObject) -> StartWorker:
    """The owner's way to start workers (a page's, the wizard's), else a bare Worker."""
    for name in ("_start_worker", "start_worker"):
        start = getattr(owner, name, None)
        if callable(start):
            return start

    def bare(call: EngineCall) -> Worker:
        worker = Worker(call, owner)
        worker.finished.connect(worker.deleteLater)
        return worker.start()

    return bare


def run_op(
    owner: QObject, call: EngineCall, preload: Iterable[str | Callable[[], object]] = ()
) -> Op:
    """An op for call, run by owner's start_worker; add handlers, then start()."""
    return Op(_starter(owner), call, preload)


# owner -> {key: its latest op}; an attribute of the owner, so it lives and dies with it
_LATEST = "_ops_latest"


def _latest_ops(owner: QObject) -> dict[Hashable, Op]:
    ops = getattr(owner, _LATEST, None)
    if ops is None:
        ops = {}
        setattr(owner, _LATEST, ops)
    return ops


def run_latest(
    owner: QObject,
    key: Hashable,
    call: EngineCall,
    preload: Iterable[str | Callable[[], object]] = (),
) -> Op:
    """Like run_op, but latest wins: creating it cancels the previous op of this key on this
    owner, and from then on none of the previous op's handlers run (not even finished).
    While its finished handlers run, latest(owner, key) is already None."""
    cancel_latest(owner, key)
    ops = _latest_ops(owner)
    op = Op(_starter(owner), call, preload)
    ops[key] = op
    # The key forgets its op once the op has finished (before its own finished handlers run,
    # which then see latest() as None, as a page's "nothing is checking now").
    op._forget = lambda: ops.pop(key) if ops.get(key) is op else None
    return op


def latest(owner: QObject, key: Hashable) -> Worker | None:
    """The running worker of the latest op of key on owner, or None."""
    op = _latest_ops(owner).get(key)
    return op.worker if op is not None else None


def cancel_latest(owner: QObject, key: Hashable) -> None:
    """Cancel the latest op of key (if any) and drop whatever it would still report."""
    op = _latest_ops(owner).pop(key, None)
    if op is not None:
        op.stale = True
        if op.worker is not None:
            op.worker.cancel()
