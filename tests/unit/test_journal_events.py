"""Journal (append-only, durable, torn-line tolerant), CancelToken, Reporter, state folders."""

from __future__ import annotations

import threading

from app.events import Cancelled, CancelToken, ConsoleReporter
from app.journal import Journal
from app.paths import log_dir, state_dir


def test_journal_records_and_undoes(tmp_path):
    journal = Journal(tmp_path / "state" / "journal.jsonl")
    first = journal.record("cudnn", "create_file", path="C:/CUDA/v12.6/bin/cudnn64_9.dll")
    second = journal.record("pathreg", "set_env", name="PATH", added=["C:/CUDA/v12.6/bin"])
    assert [e.id for e in journal.pending()] == [second.id, first.id]  # newest first
    journal.mark_undone(second)
    assert [e.id for e in journal.pending()] == [first.id]
    # a fresh reader sees the same history: it is on disk, not in memory
    again = Journal(journal.path)
    assert [e.action for e in again.entries()] == ["create_file", "set_env", "undo"]
    assert again.entries()[0].data == {"path": "C:/CUDA/v12.6/bin/cudnn64_9.dll"}


def test_journal_survives_a_torn_last_line(tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    kept = journal.record("install", "pip_install", packages=["torch==2.5.1"], 경로="홍길동")
    with open(journal.path, "a", encoding="utf-8") as handle:
        handle.write('{"step": "cudnn", "action": "crea')  # power loss mid-write
    assert [e.id for e in journal.entries()] == [kept.id]
    assert journal.entries()[0].data["경로"] == "홍길동"
    after = journal.record("cudnn", "create_file", path="/cuda/include/cudnn.h")
    assert [e.id for e in journal.entries()] == [kept.id, after.id]  # not glued to the fragment


def test_journal_reads_entries_written_by_a_newer_version(tmp_path):
    path = tmp_path / "journal.jsonl"
    path.write_text(
        '{"step": "pathreg", "action": "set_env", "data": {}, "id": "abc", "time": "t", '
        '"undoes": null, "checksum": "added later"}\n',
        encoding="utf-8",
    )
    assert [e.id for e in Journal(path).entries()] == ["abc"]


def test_journal_is_thread_safe(tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    threads = [
        threading.Thread(target=lambda: [journal.record("t", "a", n=i) for i in range(50)])
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(journal.entries()) == 200


def test_state_lives_under_pytorch_setup_home(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "홈"))
    assert state_dir() == tmp_path / "홈"
    assert log_dir() == tmp_path / "홈" / "logs"
    assert Journal().path == tmp_path / "홈" / "journal.jsonl"


def test_cancel_token_callbacks_run_once_and_immediately_when_late():
    token = CancelToken()
    calls = []
    unregister = token.on_cancel(lambda: calls.append("a"))
    token.on_cancel(lambda: calls.append("b"))
    unregister()
    token.cancel()
    token.cancel()
    assert calls == ["b"]
    token.on_cancel(lambda: calls.append("late"))
    assert calls == ["b", "late"]
    assert token.is_set and token.wait(0)
    try:
        token.raise_if_set()
    except Cancelled:
        pass
    else:
        raise AssertionError("raise_if_set did not raise")


def test_console_reporter_writes_lines(capsys):
    import io

    stream = io.StringIO()
    reporter = ConsoleReporter(stream, verbose=False)
    reporter.log("quiet line")
    reporter.warn("설치 실패: disk full")
    assert stream.getvalue() == "설치 실패: disk full\n"
