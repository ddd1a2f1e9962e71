"""A loopback HTTP server serving files from a dict: mirrors of NVIDIA's and Miniforge's
download folders in tests (nothing outside 127.0.0.1 is ever contacted)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class FileServer:
    url: str = ""  # http://127.0.0.1:PORT, no trailing slash
    files: dict[str, bytes] = field(default_factory=dict)  # path (no leading /) → body
    requests: list[str] = field(default_factory=list)  # paths asked for, in order


@contextmanager
def serve_files(files: dict[str, bytes] | None = None) -> Iterator[FileServer]:
    state = FileServer(files=dict(files or {}))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            state.requests.append(self.path)
            body = state.files.get(self.path.lstrip("/"))
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

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
