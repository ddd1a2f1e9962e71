"""download() writes and hashes on a worker thread: cancel while it is behind, back-pressure,
its errors on the caller's thread, and no worker left running. A real loopback server, real
files; where the hasher must be slow or broken (nothing real is), hashlib.new is wrapped."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from typing import Any

import pytest

import app.steps.download as download_module
from app.events import Cancelled, CancelToken
from app.steps.download import SINK_THREAD, DownloadError, download
from tests.integration import test_download as plain
from tests.integration.test_download import FAST, PAYLOAD, SHA, Recorder, item, part_of

server = plain.server  # the loopback server with Range, ETag, cuts and stalls

CHUNK = FAST["chunk"]
REAL_NEW = hashlib.new


def sink_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == SINK_THREAD and t.is_alive()]


@pytest.fixture(autouse=True)
def no_worker_left():
    assert not sink_threads()
    yield
    assert not sink_threads(), "a download worker thread outlived download()"


class SlowHasher:
    """A real hasher that takes `delay` per chunk (a busy CPU), counting what it hashed."""

    def __init__(self, algorithm: str, delay: float, fail_after: int | None = None) -> None:
        self.real = REAL_NEW(algorithm)
        self.delay, self.fail_after = delay, fail_after
        self.hashed = 0
        self.started = threading.Event()

    def update(self, data: bytes) -> None:
        self.started.set()
        if self.fail_after is not None and self.hashed >= self.fail_after:
            raise ValueError("the hasher broke")
        time.sleep(self.delay)
        self.real.update(data)
        self.hashed += len(data)

    def hexdigest(self) -> str:
        return self.real.hexdigest()


@pytest.fixture
def slow_hash(monkeypatch):
    """hashlib.new as download() calls it, made slow; the hashers made are kept in order."""
    made: list[SlowHasher] = []
    settings: dict[str, Any] = {"delay": 0.2, "fail_after": None}

    def new(algorithm: str, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return REAL_NEW(algorithm, *args, **kwargs)
        hasher = SlowHasher(algorithm, settings["delay"], settings["fail_after"])
        made.append(hasher)
        return hasher

    monkeypatch.setattr(download_module.hashlib, "new", new)
    return made, settings


def test_cancel_while_the_hasher_is_behind_ends_at_once_and_resumes(
    server, tmp_path, slow_hash, monkeypatch
):
    made, _ = slow_hash  # 12 chunks at 0.2 s each: the body is read long before it is hashed
    monkeypatch.setattr(download_module, "PROGRESS_INTERVAL", 0)
    cancel = CancelToken()
    reporter = Recorder()

    def cancel_once_hashing() -> None:
        while not made:
            time.sleep(0.01)
        made[0].started.wait(5)
        time.sleep(0.25)
        cancel.cancel()

    canceller = threading.Thread(target=cancel_once_hashing)
    canceller.start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        download(item(server, tmp_path), reporter, cancel, **FAST)
    canceller.join()
    elapsed = time.monotonic() - started
    # all of it was read off the socket while the hasher lagged behind
    assert reporter.progress_calls[-1][0] == len(PAYLOAD)
    assert made[0].hashed < len(PAYLOAD) // 2
    assert elapsed < 1.5, elapsed  # not the 2.4 s of hashing: what waited was dropped
    kept = part_of(tmp_path).read_bytes()
    assert 0 < len(kept) < len(PAYLOAD)
    assert PAYLOAD.startswith(kept)  # whole chunks, in order: a part a resume can use
    assert len(kept) % CHUNK == 0
    assert not (tmp_path / "file.bin").exists()

    monkeypatch.setattr(download_module.hashlib, "new", REAL_NEW)
    dest = download(item(server, tmp_path), Recorder(), CancelToken(), **FAST)
    assert dest.read_bytes() == PAYLOAD
    assert server.requests[-1]["Range"] == f"bytes={len(kept)}-"


def test_a_slow_hasher_holds_the_reader_back(server, tmp_path, slow_hash, monkeypatch):
    """Bounded memory: the body read off the socket runs ahead of the hasher by at most the
    queue (2 chunks here) and the chunk in the worker's hands."""
    made, settings = slow_hash
    settings["delay"] = 0.05
    monkeypatch.setattr(download_module, "_QUEUE_BYTES", 2 * CHUNK)
    monkeypatch.setattr(download_module, "PROGRESS_INTERVAL", 0)
    ahead: list[int] = []

    class Watcher(Recorder):
        def progress(self, done, total=None, text=""):
            ahead.append(done - made[0].hashed)

    dest = download(item(server, tmp_path), Watcher(), CancelToken(), **FAST)
    assert dest.read_bytes() == PAYLOAD
    assert len(ahead) >= len(PAYLOAD) // CHUNK
    assert max(ahead) <= 3 * CHUNK, max(ahead)
    assert max(ahead) >= 2 * CHUNK  # it did run ahead: the hasher was the slow one


def test_an_error_in_the_hasher_reaches_the_caller_unchanged(server, tmp_path, slow_hash):
    made, settings = slow_hash
    settings.update(delay=0, fail_after=CHUNK * 3)
    with pytest.raises(ValueError, match="the hasher broke"):
        download(item(server, tmp_path), Recorder(), CancelToken(), **FAST)
    assert len(server.requests) == 1  # a broken hasher is not a network problem: no retry
    kept = part_of(tmp_path).read_bytes()
    assert PAYLOAD.startswith(kept) and len(kept) <= 4 * CHUNK


# Runs a download in a child process whose files may not grow past LIMIT bytes (RLIMIT_FSIZE):
# the disk refuses a write mid-way (EFBIG), as a real quota or a FAT32 stick does.
LIMITED = """
import json, resource, signal, sys, threading
from pathlib import Path
from app.events import CancelToken, Reporter
from app.steps.download import SINK_THREAD, Download, DownloadError, download
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write is an error, not a kill
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    download(Download(sys.argv[1], Path(sys.argv[2]), sys.argv[4]), Reporter(), CancelToken(),
             chunk=256 * 1024, backoff=0.01)
    outcome = "downloaded"
except DownloadError as error:
    outcome = str(error)
left = [t.name for t in threading.enumerate() if t.name == SINK_THREAD]
print(json.dumps({"outcome": outcome, "left": left}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE (resource module)")
def test_a_write_refused_mid_way_is_the_same_clear_error(server, tmp_path):
    target = item(server, tmp_path / "홍길동 down")
    limit = CHUNK * 5
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    run = subprocess.run(
        [sys.executable, "-c", LIMITED, target.url, str(target.dest), str(limit), SHA],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["left"] == []
    message = result["outcome"]
    assert message.startswith("Could not write the download to ")
    assert "file.bin.part" in message and "choose a folder you can write to" in message
    assert "disk is full" not in message and "\n" not in message
    assert len(server.requests) == 1  # a disk error is not retried
    kept = (tmp_path / "홍길동 down" / "file.bin.part").read_bytes()
    assert kept == PAYLOAD[:limit]  # written up to where the disk said no

    dest = download(target, Recorder(), CancelToken(), **FAST)  # the disk has room again
    assert dest.read_bytes() == PAYLOAD
    assert server.requests[-1]["Range"] == f"bytes={limit}-"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")
def test_a_full_disk_on_the_writer_thread_says_so(server, tmp_path):
    part_of(tmp_path).symlink_to("/dev/full")  # every write: ENOSPC
    with pytest.raises(DownloadError, match="the disk is full. Free some disk space"):
        download(item(server, tmp_path), Recorder(), CancelToken(), **FAST)
    assert len(server.requests) == 1


@pytest.mark.parametrize("ending", ["success", "bad checksum", "cut, no retry", "cancel"])
def test_no_worker_thread_is_left_running(server, tmp_path, ending):
    """Checked again by the autouse fixture; here each way a download ends, one by one."""
    cancel = CancelToken()
    options = dict(FAST)
    target = item(server, tmp_path)
    if ending == "bad checksum":
        target = item(server, tmp_path, sha="0" * 64)
    elif ending == "cut, no retry":
        server.drop_after, options["retries"] = 1_000_000, 0
    elif ending == "cancel":
        server.stall_after = 1_000_000
        threading.Timer(0.3, cancel.cancel).start()
    expected = {
        "success": None,
        "bad checksum": DownloadError,
        "cut, no retry": DownloadError,
        "cancel": Cancelled,
    }[ending]
    if expected is None:
        download(target, Recorder(), cancel, **options)
    else:
        with pytest.raises(expected):
            download(target, Recorder(), cancel, **options)
    assert not sink_threads()


def test_with_no_checksum_nothing_is_hashed(server, tmp_path, slow_hash):
    made, _ = slow_hash
    server.drop_after = 1_000_000  # the resume would hash the kept part if it had to
    target = item(server, tmp_path, sha=None, size=len(PAYLOAD))
    dest = download(target, Recorder(), CancelToken(), **FAST)
    assert dest.read_bytes() == PAYLOAD
    assert "Range" in server.requests[-1]
    assert made == []
