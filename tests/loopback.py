"""Loopback servers for tests (nothing outside 127.0.0.1 is ever contacted): a server of files
from a dict (mirrors of NVIDIA's and Miniforge's download folders, simple package indexes), one
that accepts connections and never answers, and a port where nothing listens."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psutil


@dataclass
class FileServer:
    url: str = ""  # http://127.0.0.1:PORT, no trailing slash
    files: dict[str, bytes] = field(default_factory=dict)  # path (no leading /) → body
    requests: list[str] = field(default_factory=list)  # paths asked for, in order
    statuses: dict[str, int] = field(default_factory=dict)  # path prefix → this status instead
    types: dict[str, str] = field(default_factory=dict)  # path → Content-Type instead of guessed


def content_type(path: str) -> str:
    """pip skips an index page served without Content-Type ("got Content-Type: Unknown")."""
    if path.endswith("/") or path.endswith(".html"):
        return "text/html"
    if path.endswith(".json"):
        return "application/json"
    return "application/octet-stream"


@contextmanager
def serve_files(
    files: dict[str, bytes] | None = None,
    *,
    statuses: dict[str, int] | None = None,
    types: dict[str, str] | None = None,
) -> Iterator[FileServer]:
    """GET and HEAD (uv asks HEAD first) of the files; `statuses` answers paths under a prefix
    with that status (401: an index that wants credentials)."""
    state = FileServer(
        files=dict(files or {}), statuses=dict(statuses or {}), types=dict(types or {})
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def answer(self, with_body: bool) -> None:
            state.requests.append(self.path)
            path = self.path.lstrip("/")
            status = next((s for p, s in state.statuses.items() if path.startswith(p)), None)
            body = state.files.get(path)
            if status is not None or body is None:
                self.send_error(status or 404)
                return
            self.send_response(200)
            self.send_header("Content-Type", state.types.get(path) or content_type(path))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self):  # noqa: N802 - http.server's naming
            self.answer(with_body=True)

        def do_HEAD(self):  # noqa: N802 - http.server's naming
            self.answer(with_body=False)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def closed_port_url(path: str = "/simple") -> str:
    """An index URL on loopback where nothing listens."""
    return f"http://127.0.0.1:{closed_port()}{path}"


class SilentServer:
    """Accepts connections and never answers: a client waits for its read timeout."""

    def __init__(self, path: str = "/simple") -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}{path}"
        self.asked = threading.Event()
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.held.append(connection)
            self.asked.set()

    def close(self) -> None:
        self.socket.close()
        for connection in self.held:
            connection.close()


def live_children() -> list[psutil.Process]:
    """This process's descendants that still run (not zombies)."""
    alive = []
    for child in psutil.Process().children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE:
                alive.append(child)
        except psutil.NoSuchProcess:
            pass
    return alive
