"""A flood of child output into the wizard's log: the log keeps what it can show, the file log
gets every line, the GUI thread keeps ticking, and the open panel follows the end."""

from __future__ import annotations

import logging
import re
import sys

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from app import proc
from ui.widgets.log_view import LogModel, LogPanel
from ui.wizard import SetupWizard
from ui.worker import BATCH_LINES, NOT_SHOWN, BufferedReporter

from .test_wizard import quick_scan, wait_scanned

CHILD = "import sys\nfor i in range(int(sys.argv[1])):\n    sys.stdout.write(f'pip line {i}\\n')\n"
NOTICE = re.compile(r"^… ([\d,]+) lines not shown( \(all are in the log file\))?$")


def flood(lines: int):
    def call(reporter, cancel):
        result = proc.run(
            [sys.executable, "-c", CHILD, str(lines)],
            cancel=cancel,
            on_line=reporter.log,
            max_capture_lines=40,
        )
        assert result.ok, result.output
        return result

    return call


@pytest.fixture
def file_log(tmp_path):
    """A log file on the assistant's logger for the test's duration, as app.logs sets one up."""
    logger = logging.getLogger("pytorch_setup")
    handler = logging.FileHandler(tmp_path / "flood.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield tmp_path / "flood.log"
    logger.removeHandler(handler)
    logger.setLevel(level)
    handler.close()


def assert_gaps_are_told(lines: list[str]) -> None:
    """Lines 'pip line i' appear in order, and every gap between two of them is exactly what
    the notices between them say was left out (lines before the first scrolled off the top)."""
    previous: int | None = None
    told = 0
    for line in lines:
        notice = NOTICE.match(line)
        if notice:
            told += int(notice.group(1).replace(",", ""))
            continue
        index = int(line.removeprefix("pip line "))
        if previous is not None:
            assert index == previous + 1 + told, (previous, told, index)
        previous, told = index, 0


def accounted_lines(text: str) -> tuple[int, int]:
    """(lines shown, lines the notices say were left out)."""
    shown = hidden = 0
    for line in text.splitlines():
        notice = NOTICE.match(line)
        if notice:
            hidden += int(notice.group(1).replace(",", ""))
        else:
            shown += 1
    return shown, hidden


def test_a_flood_through_the_wizard_keeps_the_tail_and_the_file_gets_every_line(qtbot, file_log):
    total = 60_000
    w = SetupWizard(scan_call=quick_scan)
    qtbot.addWidget(w)
    w.show()
    wait_scanned(qtbot, w)
    panel = w.scan_page.log_panel
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)  # open the log, as the reader would
    assert w.log.shown and panel.view.isVisible()
    before = w.log.line_count()

    batches: list[int] = []
    clock = QElapsedTimer()
    gaps: list[int] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    clock.start()
    ticker.start()
    worker = w.start_worker(flood(total))
    worker.log_lines.connect(lambda lines: batches.append(len(lines)))
    with qtbot.waitSignal(worker.finished, timeout=120_000):
        pass
    ticker.stop()

    text = w.log.text()
    lines = text.splitlines()
    assert lines[-1] == f"pip line {total - 1}"
    assert w.log.line_count() <= w.log.max_lines
    # Nothing is lost without saying so: the notices count exactly what is not shown.
    assert_gaps_are_told([x for x in lines[before:] if x.startswith(("pip line", "…"))])
    # The GUI thread got at most a few thousand lines a batch, whatever the flood's size.
    assert max(batches) <= BATCH_LINES + 1
    # The file log has every line, in order.
    in_file = [x for x in file_log.read_text("utf-8").splitlines() if x.startswith("pip line")]
    assert in_file == [f"pip line {i}" for i in range(total)]
    # The open panel followed the end.
    bar = panel.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=2000)
    # Generous for a busy test machine (before: 400-1,200 ms; bench/bench_log.py measures).
    assert max(gaps) < 400, f"the GUI thread stalled {max(gaps)} ms"


def test_the_reporter_keeps_the_last_lines_between_flushes_and_counts_the_rest():
    reporter = BufferedReporter(max_lines=3)
    for i in range(10):
        reporter.log(f"line {i}")
    lines, _, _ = reporter.drain()
    assert lines == [(NOT_SHOWN, "7"), (20, "line 7"), (20, "line 8"), (20, "line 9")]
    reporter.log("line 10", logging.WARNING)
    assert reporter.drain()[0] == [(logging.WARNING, "line 10")]  # the count starts again
    reporter.log("kept for later")
    assert reporter.drain(lines=False)[0] == []
    assert reporter.drain()[0] == [(20, "kept for later")]


def test_a_batch_larger_than_the_log_keeps_its_tail_behind_one_notice(qtbot):
    log = LogModel(max_lines=100)
    log.append_lines([f"early {i}" for i in range(50)])
    log.append_lines([(NOT_SHOWN, "1000"), *[(20, f"late {i}") for i in range(300)]])
    lines = log.text().splitlines()
    assert len(lines) == 100
    assert NOTICE.match(lines[0]) and accounted_lines(lines[0]) == (0, 1000 + 201)
    assert lines[1] == "late 201" and lines[-1] == "late 299"


def test_a_small_batch_makes_room_in_one_cut_and_keeps_order(qtbot):
    log = LogModel(max_lines=100)
    for start in range(0, 1000, 30):
        log.append_lines([(20, f"line {i}") for i in range(start, min(start + 30, 1000))])
    assert log.text().splitlines() == [f"line {i}" for i in range(900, 1000)]
    assert log.document.isUndoRedoEnabled() is False  # no history growing behind the log


def test_the_notice_promises_the_log_file_only_when_there_is_one(qtbot, file_log):
    log = LogModel(max_lines=10)
    log.append_lines([(NOT_SHOWN, "5"), (20, "x")])
    assert log.text().splitlines()[0] == "… 5 lines not shown (all are in the log file)"
    logger = logging.getLogger("pytorch_setup")
    saved = logger.handlers[:]
    logger.handlers = [h for h in saved if not isinstance(h, logging.FileHandler)]
    try:
        log.append_lines([(NOT_SHOWN, "12345"), (20, "y")])
    finally:
        logger.handlers = saved
    assert log.text().splitlines()[2] == "… 12,345 lines not shown"


def test_a_reader_scrolled_up_is_not_pulled_to_the_end(qtbot):
    log = LogModel(max_lines=1000)
    panel = LogPanel(log)
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.show()
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    log.append_lines([f"line {i}" for i in range(500)])
    bar = panel.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    bar.setValue(10)  # the reader scrolls up to read
    log.append_lines([f"more {i}" for i in range(200)])
    qtbot.wait(20)
    assert bar.value() <= 10 + 200  # left where it was (the cut moves the text up, not the view)
    assert bar.value() < bar.maximum()


def test_a_flood_faster_than_the_log_says_what_it_left_out(qtbot):
    from ui.worker import Worker

    log = LogModel(max_lines=200)

    def chatty(reporter, cancel):
        for i in range(50_000):
            reporter.log(f"pip line {i}")

    worker = Worker(chatty)
    worker.log_lines.connect(log.append_lines)
    with qtbot.waitSignal(worker.finished, timeout=30_000):
        worker.start()
    lines = log.text().splitlines()
    assert lines[-1] == "pip line 49999" and len(lines) == 200
    assert any(NOTICE.match(line) for line in lines)
    assert_gaps_are_told(lines)


def test_a_closed_log_leaves_the_document_alone_until_a_panel_opens(qtbot):
    batches = [
        [(20, f"a {i}") for i in range(60)],
        [(NOT_SHOWN, "500"), *[(20, f"b {i}") for i in range(30)]],
        [(logging.WARNING, "careful"), *[(20, f"c {i}") for i in range(250)]],
    ]
    shown, closed = LogModel(max_lines=100), LogModel(max_lines=100)
    shown.set_shown(True)
    for batch in batches:
        shown.append_lines(batch)
        closed.append_lines(batch)
        assert closed.document.isEmpty()  # no Qt work while nobody can see it
    assert closed.appends == shown.appends == 3
    panel = LogPanel(closed)
    qtbot.addWidget(panel)
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)  # the reader opens the log
    assert closed.document.blockCount() == 100
    assert closed.text() == shown.text()  # the same tail, whether it was open or not
    closed.append_lines([(20, "after opening")])
    assert closed.text().splitlines()[-1] == "after opening"


def test_the_text_of_a_closed_log_is_complete(qtbot):
    log = LogModel(max_lines=10)
    log.append_lines([f"line {i}" for i in range(4)])
    assert log.line_count() == 4 and log.text().splitlines() == [f"line {i}" for i in range(4)]


def test_lines_logged_while_the_gui_drains_are_each_shown_or_counted_once():
    """The reporter takes no lock for a line: a thread logs while this one drains, and every
    line is either in a batch, in order, or counted in a notice, never both, never lost."""
    import threading

    reporter = BufferedReporter(max_lines=50)
    total = 100_000

    def chatty():
        for i in range(total):
            reporter.log(f"pip line {i}")

    thread = threading.Thread(target=chatty)
    thread.start()
    batches = []
    while thread.is_alive():
        batches.append(reporter.drain()[0])
    thread.join()
    batches.append(reporter.drain()[0])
    shown = [text for batch in batches for level, text in batch if level != NOT_SHOWN]
    told = sum(int(text) for batch in batches for level, text in batch if level == NOT_SHOWN)
    assert len(shown) + told == total
    numbers = [int(text.removeprefix("pip line ")) for text in shown]
    assert numbers == sorted(numbers) and numbers[-1] == total - 1
    assert_gaps_are_told(
        [
            f"… {text} lines not shown" if level == NOT_SHOWN else text
            for b in batches
            for level, text in b
        ]
    )
