"""download() against a real loopback HTTP server: resume, restart, retries, cancel, checks."""

from __future__ import annotations

import hashlib
import http.server
import os
import threading
import time
from dataclasses import dataclass, field

import pytest

from app.events import Cancelled, CancelToken, Reporter
from app.steps.download import Download, DownloadError, check_url, download, fetch_text

PAYLOAD = os.urandom(3 * 1024 * 1024)
SHA = hashlib.sha256(PAYLOAD).hexdigest()
# Chunks smaller than the 3 MB payload, so a cut mid-body leaves a part to resume from (the
# default 1 MiB chunk would keep none of a cut at 1 MB: urllib3 drops a partial chunk).
FAST = {"backoff": 0.01, "connect_timeout": 5, "read_timeout": 10, "chunk": 256 * 1024}


@dataclass
class State:
    etag: str = '"v1"'
    ignore_range: bool = False
    fail_first: int = 0  # answer this many requests with 500
    not_found: bool = False
    drop_after: int | None = None  # cut the next response after this many body bytes
    stall_after: int | None = None  # the next response stops sending here (until stop)
    requests: list[dict] = field(default_factory=list)
    sent: int = 0
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Handler(http.server.BaseHTTPRequestHandler):
    state: State  # set on the per-test subclass

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        state = self.state
        with state.lock:
            state.requests.append({"path": self.path, **{k: v for k, v in self.headers.items()}})
        if self.path == "/redirect-out":
            return self._empty(302, {"Location": "http://example.com/file.bin"})
        if self.path == "/redirect":
            return self._empty(302, {"Location": "/file.bin"})
        if self.path == "/file.bin.sha256":
            body = f"{SHA}  file.bin\n".encode()
            self._head(200, {"Content-Length": str(len(body)), "Content-Type": "text/plain"})
            return self.wfile.write(body)
        if state.not_found or self.path != "/file.bin":
            return self._empty(404)
        with state.lock:
            if state.fail_first > 0:
                state.fail_first -= 1
                return self._empty(500)
        start, size = 0, len(PAYLOAD)
        wanted = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if wanted and not state.ignore_range and if_range in (None, state.etag):
            start = int(wanted.removeprefix("bytes=").split("-")[0])
            if start >= size:
                return self._empty(416, {"Content-Range": f"bytes */{size}"})
            self._head(206, {"Content-Range": f"bytes {start}-{size - 1}/{size}"}, size - start)
        else:
            self._head(200, {}, size)
        with state.lock:
            drop, state.drop_after = state.drop_after, None
            stall, state.stall_after = state.stall_after, None
        self._body(PAYLOAD[start:], drop, stall)

    def _head(self, status, headers, length=None):
        self.send_response(status)
        if length is not None:
            headers = {
                **headers,
                "Content-Length": str(length),
                "ETag": self.state.etag,
                "Accept-Ranges": "bytes",
            }
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()

    def _empty(self, status, headers=None):
        self._head(status, {**(headers or {}), "Content-Length": "0"})

    def _body(self, body, drop, stall):
        step = 64 * 1024
        try:
            for at in range(0, len(body), step):
                piece = body[at : at + step]
                if drop is not None and at + len(piece) > drop:
                    piece = piece[: max(0, drop - at)]
                    self._send(piece)
                    self.close_connection = True
                    return
                if stall is not None and at >= stall:
                    self.state.stop.wait(5)
                self._send(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, piece):
        self.wfile.write(piece)
        self.wfile.flush()
        with self.state.lock:
            self.state.sent += len(piece)


class Recorder(Reporter):
    def __init__(self):
        self.lines: list[str] = []
        self.progress_calls: list[tuple] = []

    def log(self, message, level=20):
        self.lines.append(message)

    def progress(self, done, total=None, text=""):
        self.progress_calls.append((done, total, text))


@pytest.fixture
def server():
    state = State()
    handler = type("TestHandler", (Handler,), {"state": state})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield state
    state.stop.set()
    httpd.shutdown()
    httpd.server_close()


def item(server, tmp_path, sha=SHA, path="/file.bin", **kw):
    return Download(server.url + path, tmp_path / "file.bin", sha256=sha, **kw)


def part_of(tmp_path):
    return tmp_path / "file.bin.part"


def test_full_download_verified(server, tmp_path):
    reporter = Recorder()
    dest = download(item(server, tmp_path, size=len(PAYLOAD)), reporter, CancelToken(), **FAST)
    assert dest.read_bytes() == PAYLOAD
    assert not part_of(tmp_path).exists()
    assert not (tmp_path / "file.bin.part.json").exists()
    assert len(server.requests) == 1
    assert server.requests[0].get("Accept-Encoding") == "identity"
    done, total, text = reporter.progress_calls[-1]
    assert done == total == len(PAYLOAD)
    assert text.startswith("3.1 MB of 3.1 MB")


def test_cache_hit_makes_no_request(server, tmp_path):
    download(item(server, tmp_path), Recorder(), CancelToken(), **FAST)
    reporter = Recorder()
    download(item(server, tmp_path), reporter, CancelToken(), **FAST)
    assert len(server.requests) == 1
    assert any("Already downloaded" in line for line in reporter.lines)


def test_resume_after_dropped_connection(server, tmp_path):
    server.drop_after = 1_000_000
    reporter = Recorder()
    dest = download(item(server, tmp_path), reporter, CancelToken(), **FAST)
    assert hashlib.sha256(dest.read_bytes()).hexdigest() == SHA
    assert len(server.requests) == 2
    # what arrived of the last, cut chunk is lost (urllib3 drops a short read): resume before it
    resumed_at = int(server.requests[1]["Range"].removeprefix("bytes=").rstrip("-"))
    assert 1_000_000 - 256 * 1024 <= resumed_at <= 1_000_000
    assert server.requests[1]["If-Range"] == '"v1"'
    assert server.sent < 2 * len(PAYLOAD)
    assert server.sent == 1_000_000 + len(PAYLOAD) - resumed_at
    assert any("retry 1 of" in line for line in reporter.lines)
    assert any("Resuming" in line for line in reporter.lines)


def _leave_a_part(server, tmp_path):
    server.drop_after = 500_000
    with pytest.raises(DownloadError, match="failed after 1 tries"):
        download(item(server, tmp_path), Recorder(), CancelToken(), retries=0, **FAST)
    kept = part_of(tmp_path).stat().st_size
    assert 0 < kept <= 500_000
    return kept


def test_server_ignoring_range_restarts_from_zero(server, tmp_path):
    _leave_a_part(server, tmp_path)
    server.ignore_range = True
    dest = download(item(server, tmp_path), Recorder(), CancelToken(), **FAST)
    assert dest.read_bytes() == PAYLOAD
    assert "Range" in server.requests[-1]  # asked to resume, got the whole file


def test_changed_etag_restarts_from_zero(server, tmp_path):
    kept = _leave_a_part(server, tmp_path)
    server.etag = '"v2"'
    reporter = Recorder()
    dest = download(item(server, tmp_path), reporter, CancelToken(), **FAST)
    assert dest.read_bytes() == PAYLOAD
    assert server.requests[-1]["If-Range"] == '"v1"'
    assert server.requests[-1]["Range"] == f"bytes={kept}-"
    assert server.sent == 500_000 + len(PAYLOAD)
    assert any("starting from zero" in line for line in reporter.lines)


def test_complete_part_answered_416_is_verified(server, tmp_path):
    _leave_a_part(server, tmp_path)
    part_of(tmp_path).write_bytes(PAYLOAD)  # as if the last bytes arrived before a crash
    dest = download(item(server, tmp_path), Recorder(), CancelToken(), **FAST)
    assert dest.read_bytes() == PAYLOAD
    assert server.sent == 500_000  # nothing downloaded again


def test_bad_sha256_deletes_everything(server, tmp_path):
    wrong = "0" * 64
    with pytest.raises(DownloadError) as caught:
        download(item(server, tmp_path, sha=wrong), Recorder(), CancelToken(), **FAST)
    message = str(caught.value)
    assert wrong in message and SHA in message and server.url in message
    assert not (tmp_path / "file.bin").exists()
    assert not part_of(tmp_path).exists()
    assert not (tmp_path / "file.bin.part.json").exists()


def test_wrong_size_is_refused(server, tmp_path):
    with pytest.raises(DownloadError, match="expected 12"):
        download(item(server, tmp_path, sha=None, size=12), Recorder(), CancelToken(), **FAST)
    assert not (tmp_path / "file.bin").exists()


def test_404_is_not_retried(server, tmp_path):
    server.not_found = True
    with pytest.raises(DownloadError, match="not found on the server") as caught:
        download(item(server, tmp_path), Recorder(), CancelToken(), **FAST)
    assert server.url + "/file.bin" in str(caught.value)
    assert len(server.requests) == 1


def test_500_twice_then_ok(server, tmp_path):
    server.fail_first = 2
    reporter = Recorder()
    dest = download(item(server, tmp_path), reporter, CancelToken(), **FAST)
    assert dest.read_bytes() == PAYLOAD
    assert len(server.requests) == 3
    assert sum("retry" in line for line in reporter.lines) == 2


def test_500_forever_gives_up(server, tmp_path):
    server.fail_first = 100
    with pytest.raises(DownloadError, match="failed after 3 tries.*HTTP 500"):
        download(item(server, tmp_path), Recorder(), CancelToken(), retries=2, **FAST)
    assert len(server.requests) == 3


def test_cancel_mid_way_keeps_part_then_resumes(server, tmp_path):
    server.stall_after = 1024 * 1024  # the read blocks here: cancel must end it, not a timeout
    cancel = CancelToken()
    timer = threading.Timer(0.5, cancel.cancel)
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(Cancelled):
            download(item(server, tmp_path), Recorder(), cancel, read_timeout=20, backoff=0.01)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 1.5
    kept = part_of(tmp_path).stat().st_size
    assert 0 < kept < len(PAYLOAD)
    assert not (tmp_path / "file.bin").exists()

    dest = download(item(server, tmp_path), Recorder(), CancelToken(), **FAST)
    assert hashlib.sha256(dest.read_bytes()).hexdigest() == SHA
    assert server.requests[-1]["Range"] == f"bytes={kept}-"


def test_cancel_during_backoff_is_immediate(server, tmp_path):
    server.fail_first = 100
    cancel = CancelToken()
    timer = threading.Timer(0.3, cancel.cancel)
    timer.start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        download(item(server, tmp_path), Recorder(), cancel, backoff=30)
    assert time.monotonic() - started < 1.5


def test_url_rules():
    with pytest.raises(DownloadError, match="http://example.com/x"):
        check_url("http://example.com/x", allow_http=False)
    check_url("http://example.com/x", allow_http=True)  # an explicit mirror
    check_url("https://example.com/x", allow_http=False)
    for loopback in ("http://127.0.0.1:8000/a", "http://127.1.2.3/a", "http://[::1]/a"):
        check_url(loopback, allow_http=False)
    check_url("http://localhost/a", allow_http=False)
    for bad in ("ftp://example.com/a", "file:///etc/passwd", "https:///nohost"):
        with pytest.raises(DownloadError):
            check_url(bad, allow_http=True)


def test_plain_http_refused_before_any_request(tmp_path):
    with pytest.raises(DownloadError, match="Refusing plain http"):
        download(Download("http://example.com/f", tmp_path / "f"), Recorder(), CancelToken())
    assert not list(tmp_path.iterdir())


def test_redirects_follow_the_same_rules(server, tmp_path):
    dest = download(item(server, tmp_path, path="/redirect"), Recorder(), CancelToken(), **FAST)
    assert dest.read_bytes() == PAYLOAD
    with pytest.raises(DownloadError, match="Refusing plain http"):
        target = item(server, tmp_path, sha=None, path="/redirect-out")
        download(target, Recorder(), CancelToken(), **FAST)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_unwritable_folder(server, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        target = Download(server.url + "/file.bin", folder / "file.bin", sha256=SHA)
        with pytest.raises(DownloadError, match="folder you can write to"):
            download(target, Recorder(), CancelToken(), **FAST)
    finally:
        folder.chmod(0o700)


def test_disk_error_is_a_download_error(server, tmp_path):
    part_of(tmp_path).mkdir()  # the part cannot be opened for writing: works as root too
    with pytest.raises(DownloadError, match="Could not write the download") as caught:
        download(item(server, tmp_path), Recorder(), CancelToken(), **FAST)
    assert "file.bin.part" in str(caught.value)
    assert len(server.requests) == 1  # a disk error is not retried


def test_fetch_text_of_a_checksum(server):
    assert fetch_text(server.url + "/file.bin.sha256").split()[0] == SHA
    with pytest.raises(DownloadError, match="not found"):
        fetch_text(server.url + "/missing.sha256")
    with pytest.raises(DownloadError, match="Refusing plain http"):
        fetch_text("http://example.com/file.sha256")


def test_a_garbage_part_from_an_earlier_run_is_replaced(server, tmp_path):
    """The server resumes after the kept part, but the part itself is garbage: the hash fails,
    and one clean download from the beginning follows instead of an error."""
    kept = _leave_a_part(server, tmp_path)
    server.drop_after = None
    part_of(tmp_path).write_bytes(b"\0" * kept)  # same length, wrong bytes
    reporter = Recorder()
    dest = download(item(server, tmp_path), reporter, CancelToken(), **FAST)
    assert dest.read_bytes() == PAYLOAD
    assert any("was damaged" in line for line in reporter.lines)


def test_a_stalled_body_times_out_and_is_retried(server, tmp_path):
    server.stall_after = 700_000  # the first response stops sending mid-body
    reporter = Recorder()
    options = {**FAST, "read_timeout": 1}
    dest = download(item(server, tmp_path), reporter, CancelToken(), **options)
    assert dest.read_bytes() == PAYLOAD
    assert any("retry 1" in line for line in reporter.lines)
