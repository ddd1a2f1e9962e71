"""Downloads are bounded: a loopback server that streams without end is stopped as soon as more
bytes came than expected, and one that stalls ends in one clear error after the stall limit
(injected: a second here), the part kept where a resume is safe."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from app.events import CancelToken, Reporter
from app.steps.cudnn import CudnnError
from app.steps.cudnn.download import download_cudnn
from app.steps.download import Download, DownloadError, download, fetch_text
from tests.cudnn_mirror import real_manifest

MB = 1024 * 1024
PAYLOAD = os.urandom(2 * MB)
SHA = hashlib.sha256(PAYLOAD).hexdigest()
TOO_LONG = r"more than the file should have \(expected 2097152 bytes\)"
CAP = 64 * MB  # the endless server gives up here, so a test of unbounded code ends too
FAST = {"backoff": 0.01, "connect_timeout": 5, "chunk": 256 * 1024}


@dataclass
class Server:
    url: str = ""
    mode: str = "endless"  # endless | endless-big-length | stall | stall-no-etag | silent
    stall_after: int = 700_000  # stall: body bytes sent before the first response stops
    sent: int = 0
    files: dict[str, bytes] = field(default_factory=dict)  # served as they are
    requests: list[dict] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


@contextmanager
def serve(mode: str) -> Iterator[Server]:
    state = Server(mode=mode)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 - http.server's naming
            with state.lock:
                state.requests.append({"path": self.path, **dict(self.headers.items())})
            if self.path in state.files:
                body = state.files[self.path]
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if state.mode == "silent":  # not even a status line
                state.stop.wait(30)
                return
            try:
                if state.mode.startswith("endless"):
                    self._endless()
                else:
                    self._stall()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _endless(self):
            self.send_response(200)
            if state.mode == "endless-big-length":  # a length far beyond the manifest's size
                self.send_header("Content-Length", str(10 * 1024 * MB))
            else:  # no length: the body ends when the connection does, i.e. never
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            block = b"\0" * (64 * 1024)
            while state.sent < CAP and not state.stop.is_set():
                self.wfile.write(block)
                with state.lock:
                    state.sent += len(block)

        def _stall(self):
            start = 0
            wanted = self.headers.get("Range")
            if wanted:
                start = int(wanted.removeprefix("bytes=").split("-")[0])
                self.send_response(206)
                self.send_header(
                    "Content-Range", f"bytes {start}-{len(PAYLOAD) - 1}/{len(PAYLOAD)}"
                )
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(PAYLOAD) - start))
            if state.mode == "stall":
                self.send_header("ETag", '"v1"')
            self.end_headers()
            if not wanted:  # the first answer sends a part; every answer then sends nothing
                self.wfile.write(PAYLOAD[: state.stall_after])
                self.wfile.flush()
                with state.lock:
                    state.sent += state.stall_after
            state.stop.wait(30)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield state
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()


class Recorder(Reporter):
    def __init__(self):
        self.lines: list[str] = []

    def log(self, message, level=20):
        self.lines.append(message)

    def progress(self, done, total=None, text=""):
        pass


@pytest.mark.parametrize("mode", ["endless", "endless-big-length"])
def test_an_endless_body_is_stopped_just_past_the_expected_size(tmp_path, mode):
    size = 2 * MB
    with serve(mode) as server:
        item = Download(server.url + "/cudnn.tar.xz", tmp_path / "cudnn.tar.xz", SHA, size)
        started = time.monotonic()
        with pytest.raises(DownloadError, match=TOO_LONG) as caught:
            download(item, Recorder(), CancelToken(), read_timeout=5, **FAST)
        elapsed = time.monotonic() - started
    assert server.url in str(caught.value)
    # what was read is at most one chunk past it; the rest sat in loopback socket buffers
    assert server.sent < size + 16 * MB, server.sent
    assert elapsed < 5
    assert len(server.requests) == 1  # a server that sends too much is not asked again
    assert not list(tmp_path.iterdir())  # known to be wrong: nothing kept


def test_a_stalled_server_ends_in_one_clear_error_and_the_part_is_kept(tmp_path):
    with serve("stall") as server:
        item = Download(server.url + "/f.bin", tmp_path / "f.bin", SHA, len(PAYLOAD))
        reporter = Recorder()
        started = time.monotonic()
        with pytest.raises(DownloadError) as caught:
            download(item, reporter, CancelToken(), read_timeout=1, retries=4, **FAST)
        elapsed = time.monotonic() - started
    message = str(caught.value)
    assert "sent nothing for 1 s" in message and "kept" in message and server.url in message
    assert "\n" not in message
    # The first answer stalled after some bytes: resumed once; the resume brought nothing.
    assert len(server.requests) == 2 and server.requests[1]["Range"].startswith("bytes=")
    assert elapsed < 4  # two stalls of 1 s, not five tries
    part = tmp_path / "f.bin.part"
    assert 0 < part.stat().st_size <= server.stall_after
    assert part.read_bytes() == PAYLOAD[: part.stat().st_size]
    assert json.loads((tmp_path / "f.bin.part.json").read_text("utf-8"))["validator"] == '"v1"'
    assert not (tmp_path / "f.bin").exists()


def test_a_stall_where_no_resume_is_possible_keeps_nothing(tmp_path):
    """No ETag or Last-Modified: a part could never be resumed safely, so none is left."""
    with serve("stall-no-etag") as server:
        item = Download(server.url + "/f.bin", tmp_path / "f.bin", SHA, len(PAYLOAD))
        with pytest.raises(DownloadError, match="sent nothing for 1 s") as caught:
            download(item, Recorder(), CancelToken(), read_timeout=1, retries=4, **FAST)
    assert "kept" not in str(caught.value)
    assert len(server.requests) == 2  # the restart from zero got no further: not a third
    assert not list(tmp_path.iterdir())


def test_a_server_that_never_answers_ends_in_one_clear_error_at_once(tmp_path):
    with serve("silent") as server:
        item = Download(server.url + "/f.bin", tmp_path / "f.bin", SHA, len(PAYLOAD))
        started = time.monotonic()
        with pytest.raises(DownloadError, match="sent nothing for 1 s") as caught:
            download(item, Recorder(), CancelToken(), read_timeout=1, retries=4, **FAST)
        assert time.monotonic() - started < 3
    assert "kept" not in str(caught.value) and len(server.requests) == 1
    assert not list(tmp_path.iterdir())


def test_a_manifest_that_never_ends_is_refused(tmp_path):
    with serve("endless") as server:
        started = time.monotonic()
        with pytest.raises(DownloadError, match="more than"):
            fetch_text(server.url + "/redistrib_9.13.0.json", max_bytes=4 * MB)
        assert server.sent < 4 * MB + 16 * MB
        assert time.monotonic() - started < 5


def test_the_cudnn_download_stops_an_endless_archive():
    """Through the cuDNN step: the manifest's size bounds the archive's body."""
    manifest = real_manifest()
    manifest["cudnn"]["linux-x86_64"]["cuda12"]["size"] = str(2 * MB)
    with serve("endless") as server:
        server.files["/redistrib_9.13.0.json"] = json.dumps(manifest).encode()
        with pytest.raises(CudnnError, match=TOO_LONG):
            download_cudnn("9.13", 12, "linux-x86_64", Recorder(), CancelToken(), mirror=server.url)
    assert [r["path"] for r in server.requests][0] == "/redistrib_9.13.0.json"
    assert server.sent < 2 * MB + 16 * MB  # one 1 MiB chunk past it, and socket buffers
