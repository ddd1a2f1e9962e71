"""A loopback simple-API package index for tests (nothing outside 127.0.0.1 is contacted).

It answers like PyPI (PEP 691 JSON or PEP 503 HTML, chosen by the Accept header) or, with
formats=("html",), like download.pytorch.org (a static host: text/html whatever is asked).
Project pages live at <url>/<project>/, files at <root>/files/<quoted filename> (Range requests
honoured), PEP 658 metadata at <file url>.metadata. The model, delay and status may change
while it runs (a new release "appears", the index slows down or fails).
"""

from __future__ import annotations

import hashlib
import html
import http.server
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from packaging.utils import canonicalize_name

JSON_TYPE = "application/vnd.pypi.simple.v1+json"
HTML_TYPES = ("application/vnd.pypi.simple.v1+html", "text/html")


@dataclass
class IndexModel:
    # project → PEP 691 file dicts: "filename" and optionally "requires-python", "yanked" (bool
    # or reason), "upload-time", "core-metadata" / "dist-info-metadata" (else advertised from
    # `metadata`). "url" is generated.
    projects: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)  # filename → METADATA text
    wheels: dict[str, bytes] = field(default_factory=dict)  # filename → body


@dataclass
class IndexServer:
    model: IndexModel
    formats: tuple[str, ...] = ("json", "html")
    delay: float = 0.0  # seconds before any answer
    status: int | None = None  # answer every request with this status instead
    relative: bool = False  # file links relative to the page (as many mirrors write them)
    root: str = ""  # http://127.0.0.1:PORT
    url: str = ""  # the simple base: <root>/simple
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, Accept header)
    headers: list[dict[str, str]] = field(default_factory=list)  # every request's headers
    answers: list[tuple[int, str]] = field(default_factory=list)  # (status, Content-Type) sent
    _stop: Any = None

    def file_url(self, filename: str) -> str:
        return f"{self.root}/files/{quote(filename)}"

    def paths(self) -> list[str]:
        return [path for path, _accept in self.requests]

    def stop(self) -> None:
        """Close the port now (later connections are refused), as an index gone away."""
        self._stop()


@contextmanager
def serve_index(
    model: IndexModel,
    *,
    formats: tuple[str, ...] = ("json", "html"),
    delay: float = 0.0,
    status: int | None = None,
) -> Iterator[IndexServer]:
    state = IndexServer(model=model, formats=tuple(formats), delay=delay, status=status)
    closing = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        # HTTP/1.0 (one request per connection): after stop() no kept-alive connection can
        # still be answered by a handler thread.

        def do_GET(self):  # noqa: N802 - http.server's naming
            self._answer(send_body=True)

        def do_HEAD(self):  # noqa: N802
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            state.requests.append((self.path, self.headers.get("Accept", "")))
            state.headers.append(dict(self.headers.items()))
            if state.delay:
                closing.wait(state.delay)
            if state.status is not None:
                self._send(state.status, b"failing on purpose\n", "text/plain", send_body)
                return
            path = unquote(urlsplit(self.path).path)
            if path.startswith("/simple/"):
                self._page(path.removeprefix("/simple/"), send_body)
            elif path.startswith("/files/"):
                self._file(path.removeprefix("/files/"), send_body)
            else:
                self._send(404, b"not found\n", "text/plain", send_body)

        def _page(self, rest: str, send_body: bool) -> None:
            name = rest.rstrip("/")
            files = _project_files(state.model, name)
            if files is None or "/" in name:
                self._send(404, b"no such project\n", "text/plain", send_body)
                return
            if not rest.endswith("/"):  # PyPI redirects to the slash form
                self._send(301, b"", "text/plain", send_body, {"Location": f"/simple/{rest}/"})
                return
            if "json" in state.formats:
                chosen = _negotiate(self.headers.get("Accept"), state.formats)
            else:  # a static host (download.pytorch.org): the same HTML file for every client
                chosen = "text/html"
            if chosen is None:
                self._send(406, b"not acceptable\n", "text/plain", send_body)
                return
            page_files = [self._file_entry(f) for f in files]
            if chosen == JSON_TYPE:
                body = _json_page(name, page_files)
            else:
                body = _html_page(name, page_files)
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", chosen, False, {"ETag": etag})
                return
            self._send(200, body, chosen, send_body, {"ETag": etag})

        def _file_entry(self, given: dict[str, Any]) -> dict[str, Any]:
            entry = dict(given)
            filename = entry["filename"]
            url = state.file_url(filename)
            if state.relative:
                url = f"../../files/{quote(filename)}"
            body = state.model.wheels.get(filename, b"")
            entry["url"] = f"{url}#sha256={hashlib.sha256(body).hexdigest()}"
            if "core-metadata" not in entry and "dist-info-metadata" not in entry:
                entry["core-metadata"] = filename in state.model.metadata
            return entry

        def _file(self, name: str, send_body: bool) -> None:
            if name.endswith(".metadata") and name.removesuffix(".metadata") in (
                state.model.metadata
            ):
                text = state.model.metadata[name.removesuffix(".metadata")]
                self._send(200, text.encode("utf-8"), "text/plain", send_body)
                return
            body = state.model.wheels.get(name)
            if body is None:
                self._send(404, b"no such file\n", "text/plain", send_body)
                return
            wanted = self.headers.get("Range")
            if wanted is None:
                self._send(200, body, "application/octet-stream", send_body, _ranges())
                return
            span = _byte_range(wanted, len(body))
            if span is None:
                extra = {**_ranges(), "Content-Range": f"bytes */{len(body)}"}
                self._send(416, b"", "text/plain", send_body, extra)
                return
            first, last = span
            extra = {**_ranges(), "Content-Range": f"bytes {first}-{last}/{len(body)}"}
            self._send(206, body[first : last + 1], "application/octet-stream", send_body, extra)

        def _send(
            self,
            status: int,
            body: bytes,
            content_type: str,
            send_body: bool,
            extra: dict[str, str] | None = None,
        ) -> None:
            state.answers.append((status, content_type))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # a client that gave up (timed out) while we slept: expected in these tests

    server = Server(("127.0.0.1", 0), Handler)
    # a short poll: stop() returns quickly (the default poll takes up to 0.5 s)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    state.root = f"http://127.0.0.1:{server.server_address[1]}"
    state.url = f"{state.root}/simple"
    stopped = threading.Event()

    def stop() -> None:
        if not stopped.is_set():
            stopped.set()
            closing.set()  # sleeping handlers end now
            server.shutdown()
            server.server_close()

    state._stop = stop
    try:
        yield state
    finally:
        stop()


def _project_files(model: IndexModel, name: str) -> list[dict[str, Any]] | None:
    for project, files in model.projects.items():
        if canonicalize_name(project) == canonicalize_name(name):
            return files
    return None


def _negotiate(accept: str | None, formats: tuple[str, ...]) -> str | None:
    """The media type to answer with, as PyPI chooses: the highest q among those this index can
    serve; at equal q an exact type before a wildcard, then the client's order. A wildcard (or
    no Accept header) gets HTML, as a browser would."""
    by_preference = (list(HTML_TYPES[::-1]) if "html" in formats else []) + (
        [JSON_TYPE] if "json" in formats else []
    )  # text/html first: what */* gets
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for position, part in enumerate((accept or "*/*").split(",")):
        media, *params = (p.strip().lower() for p in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        for preference, candidate in enumerate(by_preference):
            if media == candidate:
                exact = 2
            elif media in ("*/*", candidate.split("/")[0] + "/*"):
                exact = 1
            else:
                continue
            key = (q, exact, -position, -preference)
            if best is None or key > best:
                best, chosen = key, candidate
    return chosen


def _json_page(name: str, files: list[dict[str, Any]]) -> bytes:
    page = {"meta": {"api-version": "1.0"}, "name": canonicalize_name(name), "files": files}
    return json.dumps(page).encode("utf-8")


def _html_page(name: str, files: list[dict[str, Any]]) -> bytes:
    links = []
    for entry in files:
        attrs = [f'href="{html.escape(entry["url"])}"']
        if entry.get("requires-python"):
            attrs.append(f'data-requires-python="{html.escape(entry["requires-python"])}"')
        yanked = entry.get("yanked")
        if yanked is True:
            attrs.append("data-yanked")
        elif isinstance(yanked, str):
            attrs.append(f'data-yanked="{html.escape(yanked)}"')
        for key in ("core-metadata", "dist-info-metadata"):
            value = entry.get(key)
            if value:
                attrs.append(f'data-{key}="{_metadata_attr(value)}"')
        links.append(f"    <a {' '.join(attrs)}>{html.escape(entry['filename'])}</a><br/>")
    body = "\n".join(links)
    text = (
        "<!DOCTYPE html>\n<html>\n  <head><title>Links for "
        f"{html.escape(name)}</title></head>\n  <body>\n    <h1>Links for {html.escape(name)}"
        f"</h1>\n{body}\n  </body>\n</html>\n"
    )
    return text.encode("utf-8")


def _metadata_attr(value: Any) -> str:
    if isinstance(value, dict):  # {"sha256": "..."}: written as sha256=...
        return "".join(f"{k}={v}" for k, v in list(value.items())[:1])
    return "true"


def _ranges() -> dict[str, str]:
    return {"Accept-Ranges": "bytes"}


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) for one 'bytes=' range, or None when it cannot be satisfied."""
    got = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", header)
    if got is None or size == 0:
        return None
    first, last = got.groups()
    if not first:  # a suffix: the last N bytes
        if not last or int(last) == 0:
            return None
        return max(size - int(last), 0), size - 1
    end = int(last) if last else size - 1
    if int(first) >= size or end < int(first):
        return None
    return int(first), min(end, size - 1)


# -- models for planning tests ------------------------------------------------------------


def recorded_model() -> IndexModel:
    """PyPI as recorded (tests/fixtures/index): the torch, torchvision and torchaudio pages and
    the recorded METADATA headers, which this server then serves as PEP 658 files (the
    recording mirror did not; the planner reads the same text either way)."""
    from tests.index_fixtures import PROJECTS, recorded_metadata, recorded_page

    return IndexModel(
        projects={project: recorded_page(project)["files"] for project in PROJECTS},
        metadata=recorded_metadata(),
    )


def add_release(
    model: IndexModel,
    project: str,
    version: str,
    tags: list[str],
    *,
    requires_python: str | None = None,
    requires_dist: tuple[str, ...] | list[str] | None = None,
) -> list[str]:
    """Files <project>-<version>-<tag>.whl on the model's page (a release "appears"); with
    requires_dist, each file's METADATA (served as PEP 658) names those requirements. Returns
    the filenames."""
    names = []
    stem = re.sub(r"[-_.]+", "_", project)
    for tag in tags:
        filename = f"{stem}-{version}-{tag}.whl"
        entry: dict[str, Any] = {"filename": filename, "yanked": False}
        if requires_python is not None:
            entry["requires-python"] = requires_python
        model.projects.setdefault(project, []).append(entry)
        if requires_dist is not None:
            lines = ["Metadata-Version: 2.4", f"Name: {project}", f"Version: {version}"]
            if requires_python is not None:
                lines.append(f"Requires-Python: {requires_python}")
            lines += [f"Requires-Dist: {requirement}" for requirement in requires_dist]
            model.metadata[filename] = "\n".join(lines) + "\n"
        names.append(filename)
    return names


# A release that does not exist yet, as it would appear (issue 16: "a new torch release on the
# index, planned without a code change"): torch 2.16.0 for CPython 3.11-3.15 whose Linux
# METADATA requires cuda-toolkit 13.2.2 (PyPI's Linux build is cu132), and torchvision 0.31.0
# pinning it (and, like 0.26.0-0.29.2, not for Python 3.14.1).
NEW_TORCH, NEW_VISION = "2.16.0", "0.31.0"
NEW_VARIANTS = ("cu132", "cu130", "cpu")  # its builds on PyTorch's own index
_PYTHONS = [f"cp3{minor}" for minor in range(11, 16)]
_PYPI_PLATFORMS = [
    "manylinux_2_28_x86_64",
    "manylinux_2_28_aarch64",
    "win_amd64",
    "macosx_14_0_arm64",
]
_PYTORCH_PLATFORMS = ["manylinux_2_28_x86_64", "win_amd64"]
_VISION_PYTHON = ">=3.10,!=3.14.1"


def _cpython_tags(platforms: list[str]) -> list[str]:
    return [f"{cp}-{cp}-{platform}" for cp in _PYTHONS for platform in platforms]


def pypi_with_new_release() -> IndexModel:
    """recorded_model() with torch 2.16.0 and torchvision 0.31.0 uploaded."""
    model = recorded_model()
    add_release(
        model,
        "torch",
        NEW_TORCH,
        _cpython_tags(_PYPI_PLATFORMS),
        requires_python=">=3.11",
        requires_dist=[
            "filelock",
            'cuda-toolkit[cudart]==13.2.2; platform_system == "Linux"',
            'nvidia-cudnn-cu13==9.26.0.51; platform_system == "Linux"',
        ],
    )
    add_release(
        model,
        "torchvision",
        NEW_VISION,
        [f"py3-none-{platform}" for platform in _PYPI_PLATFORMS],
        requires_python=_VISION_PYTHON,
        requires_dist=["numpy", f"torch=={NEW_TORCH}", "pillow!=8.3.*,>=5.3.0"],
    )
    return model


def pytorch_index() -> IndexModel:
    """PyTorch's own index (serve with formats=("html",)) listing the new release's cu132,
    cu130 and cpu builds of torch and torchvision for Linux x86_64 and Windows, and torchaudio
    2.11.1's."""
    model = IndexModel()
    tags = _cpython_tags(_PYTORCH_PLATFORMS)
    for variant in NEW_VARIANTS:
        add_release(model, "torch", f"{NEW_TORCH}+{variant}", tags, requires_python=">=3.11")
        add_release(
            model, "torchvision", f"{NEW_VISION}+{variant}", tags, requires_python=_VISION_PYTHON
        )
        add_release(model, "torchaudio", f"2.11.1+{variant}", tags)
    return model
