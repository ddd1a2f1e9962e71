"""ui.ops with a real Qt event loop: real worker threads, real signals, no fakes."""

from __future__ import annotations

import sys
import threading
import time

import pytest
from PySide6.QtCore import QObject

from app.events import CancelToken, Reporter
from ui.ops import cancel_latest, latest, preimport, run_latest, run_op
from ui.worker import Worker


class Owner(QObject):
    """A page-like owner with the wizard's way of starting workers (counts them)."""

    def __init__(self) -> None:
        super().__init__()
        self.started: list[Worker] = []

    def _start_worker(self, call) -> Worker:
        worker = Worker(call, self)
        self.started.append(worker)
        return worker.start()


def wait_idle(qtbot, worker: Worker) -> None:
    qtbot.waitUntil(lambda: not worker.is_running(), timeout=10000)


def test_success_runs_the_handlers_in_order_on_the_gui_thread(qtbot):
    owner = Owner()
    seen: list[tuple[str, object, bool]] = []
    gui = threading.current_thread()

    def note(kind):
        return lambda *args: seen.append((kind, args, threading.current_thread() is gui))

    worker = (
        run_op(owner, lambda reporter, cancel: threading.current_thread() is not gui)
        .success(note("success"))
        .failure(note("failure"))
        .cancelled(note("cancelled"))
        .finished(note("finished"))
        .start()
    )
    assert owner.started == [worker]  # the owner's start_worker ran it
    wait_idle(qtbot, worker)
    # The call ran on another thread (it returned True); the handlers on the GUI thread.
    assert seen == [("success", (True,), True), ("finished", (), True)]


def test_failure_gets_the_exception_and_not_success(qtbot):
    owner = Owner()
    seen: list[object] = []

    def boom(reporter, cancel):
        raise ValueError("no such wheel")

    worker = run_op(owner, boom).success(seen.append).failure(seen.append).start()
    wait_idle(qtbot, worker)
    assert len(seen) == 1 and isinstance(seen[0], ValueError)
    assert str(seen[0]) == "no such wheel"


def test_cancel_ends_in_cancelled_not_failure(qtbot):
    owner = Owner()
    seen: list[str] = []

    def waits(reporter: Reporter, cancel: CancelToken):
        while True:
            cancel.raise_if_set()
            time.sleep(0.01)

    worker = (
        run_op(owner, waits)
        .success(lambda _r: seen.append("success"))
        .failure(lambda _e: seen.append("failure"))
        .cancelled(lambda: seen.append("cancelled"))
        .finished(lambda: seen.append("finished"))
        .start()
    )
    worker.cancel()
    wait_idle(qtbot, worker)
    assert seen == ["cancelled", "finished"]


def test_progress_reaches_the_handler_with_the_latest_value(qtbot):
    owner = Owner()
    seen: list[tuple[float, object, object]] = []

    def counts(reporter: Reporter, cancel):
        for done in range(1, 4):
            reporter.progress(done, 3, f"step {done}")
            time.sleep(0.08)  # longer than a flush: each step can be seen
        return "done"

    worker = run_op(owner, counts).progress(lambda *a: seen.append(a)).start()
    wait_idle(qtbot, worker)
    assert seen, "no progress arrived"
    assert seen[-1] == (3.0, 3, "step 3")
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)


def test_an_owner_without_start_worker_gets_a_bare_worker(qtbot):
    owner = QObject()
    results: list[object] = []
    worker = run_op(owner, lambda reporter, cancel: 42).success(results.append).start()
    assert worker.parent() is owner
    qtbot.waitUntil(lambda: results == [42], timeout=10000)


def test_handlers_cannot_be_added_after_start_and_an_op_starts_once(qtbot):
    owner = Owner()
    op = run_op(owner, lambda reporter, cancel: None)
    worker = op.start()
    with pytest.raises(RuntimeError):
        op.success(print)
    with pytest.raises(RuntimeError):
        op.start()
    wait_idle(qtbot, worker)


def test_latest_wins_cancels_the_previous_and_drops_its_late_result(qtbot):
    owner = Owner()
    release = threading.Event()
    results: list[str] = []
    finished: list[str] = []

    def slow(reporter, cancel):
        # Ignores its cancel token on purpose: a check that returns after all must be dropped.
        release.wait(10)
        return "old"

    first = (
        run_latest(owner, "pip", slow)
        .success(results.append)
        .finished(lambda: finished.append("old"))
        .start()
    )
    second = (
        run_latest(owner, "pip", lambda reporter, cancel: "new")
        .success(results.append)
        .finished(lambda: finished.append("new"))
        .start()
    )
    assert first.cancel_token.is_set  # starting the newer one cancelled the older
    assert latest(owner, "pip") is second
    wait_idle(qtbot, second)
    release.set()
    wait_idle(qtbot, first)
    assert results == ["new"]  # the old result came later and was dropped
    assert finished == ["new"]
    assert latest(owner, "pip") is None  # forgotten once finished


def test_a_latest_op_is_forgotten_before_its_finished_handlers_run(qtbot):
    owner = Owner()
    during: list[object] = []
    worker = (
        run_latest(owner, "k", lambda r, c: 1)
        .success(lambda _r: during.append(latest(owner, "k")))
        .finished(lambda: during.append(latest(owner, "k")))
        .start()
    )
    wait_idle(qtbot, worker)
    # Still the latest while its result is shown; "nothing checking" once it has finished.
    assert during == [worker, None]


def test_latest_keys_are_independent_per_key_and_owner(qtbot):
    one, two = Owner(), Owner()
    results: list[str] = []
    a = run_latest(one, "a", lambda r, c: "one-a").success(results.append).start()
    b = run_latest(one, "b", lambda r, c: "one-b").success(results.append).start()
    c = run_latest(two, "a", lambda r, c: "two-a").success(results.append).start()
    for worker in (a, b, c):
        wait_idle(qtbot, worker)
    assert sorted(results) == ["one-a", "one-b", "two-a"]


def test_cancel_latest_drops_the_result(qtbot):
    owner = Owner()
    release = threading.Event()
    results: list[str] = []
    worker = (
        run_latest(owner, "k", lambda r, c: release.wait(10) and "late")
        .success(results.append)
        .start()
    )
    cancel_latest(owner, "k")
    assert worker.cancel_token.is_set
    release.set()
    wait_idle(qtbot, worker)
    assert results == []


def test_preload_imports_on_the_gui_thread_before_the_worker_starts(qtbot, tmp_path, monkeypatch):
    # A real module on disk that records the thread importing it.
    (tmp_path / "ops_probe_module.py").write_text(
        "import threading\nIMPORTED_ON = threading.current_thread()\n"
        "CALLS = []\ndef warm():\n    CALLS.append(threading.current_thread())\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "ops_probe_module", raising=False)
    owner = Owner()
    seen: list[bool] = []

    def call(reporter, cancel):
        return "ops_probe_module" in sys.modules

    worker = (
        run_op(owner, call, preload=("ops_probe_module:warm", "?no_such_module_here"))
        .success(seen.append)
        .start()
    )
    module = sys.modules["ops_probe_module"]
    gui = threading.current_thread()
    assert module.IMPORTED_ON is gui
    assert len(module.CALLS) == 1 and module.CALLS[0] is gui
    wait_idle(qtbot, worker)
    assert seen == [True]


def test_preimport_missing_required_module_raises_and_optional_does_not():
    preimport("?no_such_module_here", "json")
    with pytest.raises(ImportError):
        preimport("no_such_module_here")
    called: list[int] = []
    preimport(lambda: called.append(1))
    assert called == [1]
