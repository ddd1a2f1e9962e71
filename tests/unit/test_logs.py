"""The log file (app.logs): every line in order across rollovers, a problem on disk at once,
the rest within FLUSH_S, and all of it at close; real files in a temp folder."""

from __future__ import annotations

import logging
import time

import pytest

from app import logs
from app.events import Reporter


@pytest.fixture
def logger():
    """A private logger (not the assistant's), so the test's handlers stay its own."""
    log = logging.getLogger("test_logs.private")
    log.propagate = False
    log.setLevel(logging.DEBUG)
    yield log
    for handler in log.handlers[:]:
        log.removeHandler(handler)
        handler.close()


@pytest.fixture
def assistant_log(tmp_path, monkeypatch):
    """The assistant's own logger with the file setup_file_logging makes under a temp home
    (its path); the logger's handlers, level and filters are as before afterwards."""
    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "상태 home"))
    log = logging.getLogger(logs.LOGGER)
    saved, level = log.handlers[:], log.level
    log.handlers = []
    try:
        path = logs.setup_file_logging()
        assert path is not None
        yield path
    finally:
        log.filters.clear()
        for handler in log.handlers:
            handler.close()
        log.handlers, log.level = saved, level


def attach(logger, path, max_bytes=0, backups=0):
    handler = logs.BufferedRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", errors="backslashreplace"
    )
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    return handler


def test_every_line_in_order_across_rollovers_each_file_within_the_limit(tmp_path, logger):
    path = tmp_path / "a log é.log"
    handler = attach(logger, path, max_bytes=4000, backups=50)
    for i in range(3000):
        logger.info("line %d ünïcode", i)  # non-ASCII: counted in bytes, not characters
    handler.close()
    files = sorted(tmp_path.glob("a log é.log.*"), key=lambda p: -int(p.suffix[1:])) + [path]
    assert len(files) > 10
    assert all(f.stat().st_size <= 4000 for f in files)
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    assert lines == [f"line {i} ünïcode" for i in range(3000)]


def test_a_warning_is_on_disk_at_once_an_info_line_within_the_flush_interval(tmp_path, logger):
    path = tmp_path / "x.log"
    handler = attach(logger, path)
    logger.info("quiet")
    logger.warning("problem")  # flushes what came before it too: the file stays in order
    assert path.read_text(encoding="utf-8") == "quiet\nproblem\n"
    logger.info("later")
    deadline = time.monotonic() + logs.FLUSH_S + 5
    while "later" not in path.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "an INFO line never reached the file"
        time.sleep(0.02)
    handler.close()
    handler._flusher.join(2)
    assert not handler._flusher.is_alive()  # close ends the flush thread


def test_close_writes_what_is_buffered(tmp_path, logger):
    path = tmp_path / "x.log"
    handler = attach(logger, path)
    for i in range(500):
        logger.debug("d%d", i)
    handler.close()
    assert path.read_text(encoding="utf-8").splitlines() == [f"d{i}" for i in range(500)]


def test_an_existing_file_counts_toward_the_first_rollover(tmp_path, logger):
    path = tmp_path / "x.log"
    path.write_text("o" * 990 + "\n", encoding="utf-8")
    handler = attach(logger, path, max_bytes=1000, backups=1)
    logger.info("new line")
    handler.close()
    assert (tmp_path / "x.log.1").read_text(encoding="utf-8") == "o" * 990 + "\n"
    assert path.read_text(encoding="utf-8") == "new line\n"


def test_setup_file_logging_writes_the_reporters_lines_verbatim(assistant_log):
    path = assistant_log
    assert logs.setup_file_logging() == path  # once
    Reporter().log("100% done, %s %d left as is")
    Reporter().log("a warning", logging.WARNING)
    text = path.read_text(encoding="utf-8").splitlines()
    assert text[0].endswith(" INFO pytorch_setup: 100% done, %s %d left as is")
    assert text[1].endswith(" WARNING pytorch_setup: a warning")
    assert text[0][:4].isdigit() and text[0][19] == ","  # 2026-01-02 03:04:05,678


def test_a_report_reads_the_newest_info_line_at_once(assistant_log):
    """INFO lines wait in the handler up to FLUSH_S; the report's tail flushes first."""
    from app import report

    logging.getLogger(logs.LOGGER).info("the newest line, 방금")
    assert report.log_tail(5, assistant_log)[-1].endswith("the newest line, 방금")


def file_handler(path, max_bytes=0, backups=0):
    """The handler as setup_file_logging makes it (its format), on a path of the test's."""
    handler = logs.BufferedRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", errors="backslashreplace"
    )
    handler.setFormatter(logs._Formatter())
    return handler


def test_write_line_writes_what_a_record_would(tmp_path, logger):
    path = tmp_path / "로그 file.log"
    handler = file_handler(path)
    logger.addHandler(handler)
    logger.info("%s", "a pip line, 100% ünï")  # the record's way
    handler.write_line(logging.INFO, logger.name, "a pip line, 100% ünï")  # the fast way
    handler.write_line(logging.WARNING, logger.name, "a warning")
    handler.close()
    first, second, third = path.read_text(encoding="utf-8").splitlines()
    # the same line but for the time: "2026-12-02 03:04:05,678 INFO test_logs.private: …"
    assert first[24:] == second[24:] == "INFO test_logs.private: a pip line, 100% ünï"
    assert third[24:] == "WARNING test_logs.private: a warning"
    for line in (first, second, third):
        assert time.strptime(line[:19], "%Y-%m-%d %H:%M:%S") and line[19] == ","
        assert line[20:23].isdigit() and line[23] == " "


def test_write_line_rolls_over_and_keeps_every_line_in_order(tmp_path):
    path = tmp_path / "x.log"
    handler = file_handler(path, max_bytes=3000, backups=40)
    for i in range(600):
        handler.write_line(logging.INFO, "n", f"line {i} ü")
    handler.close()
    files = sorted(tmp_path.glob("x.log.*"), key=lambda p: -int(p.suffix[1:])) + [path]
    assert len(files) > 5 and all(f.stat().st_size <= 3000 for f in files)
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    assert [line.split(": ", 1)[1] for line in lines] == [f"line {i} ü" for i in range(600)]


def test_write_line_keeps_a_handlers_own_format_and_level(tmp_path, logger):
    handler = attach(logger, tmp_path / "x.log")  # "%(message)s", not the file's format
    handler.setLevel(logging.INFO)
    handler.write_line(logging.DEBUG, logger.name, "below the level")
    handler.write_line(logging.INFO, logger.name, "as the format says")
    handler.close()
    assert (tmp_path / "x.log").read_text(encoding="utf-8") == "as the format says\n"


def test_reporter_lines_reach_other_listeners_too(assistant_log, caplog):
    """The fast path is taken only when the file alone listens: caplog (a root handler) and
    a filter on the logger still see every line."""
    with caplog.at_level(logging.INFO, logger=logs.LOGGER):
        Reporter().log("seen by caplog")
    assert "seen by caplog" in caplog.text
    seen = []
    logging.getLogger(logs.LOGGER).addFilter(
        lambda record: seen.append(record.getMessage()) or True
    )
    Reporter().log("seen by the filter")
    assert seen == ["seen by the filter"]
    logs.flush_file_logging()
    text = assistant_log.read_text(encoding="utf-8")
    assert "seen by caplog" in text and "seen by the filter" in text
