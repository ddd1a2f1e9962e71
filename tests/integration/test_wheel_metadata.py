"""A wheel's METADATA read by HTTP Range from a loopback server: real zips made with zipfile,
served by a small Range-capable handler (or one that ignores Range, or answers 404)."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import http.server
import io
import json
import os
import re
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

import pytest
import requests
from packaging.utils import canonicalize_name, parse_wheel_filename

from app.compat.wheel_metadata import (
    MAX_WHOLE_BODY,
    TAIL_BYTES,
    WheelMetadataError,
    remote_metadata,
)
from tests.index_fixtures import FIXTURES, recorded_at, recorded_metadata, recorded_page

METADATA = (
    "Metadata-Version: 2.1\n"
    "Name: demo-pkg\n"
    "Version: 1.0\n"
    "Summary: Démo ✓ (non-ASCII survives)\n"
    "Requires-Dist: torch (==2.14.1)\n"
    "\n"
    "A long description.\n"
)
WHEEL = "demo_pkg-1.0-py3-none-any.whl"


@dataclass
class Served:
    url: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    ranges: list[str | None] = field(default_factory=list)  # the Range header of each request
    sent: list[int] = field(default_factory=list)  # body bytes answered per request
    mode: str = "ranges"  # "ranges", "whole" (ignores Range), "huge" (claims > 64 MiB), "slow"

    def wheel_url(self, path: str) -> str:
        return f"{self.url}/{quote(path)}"


@contextmanager
def serve(files: dict[str, bytes], mode: str = "ranges") -> Iterator[Served]:
    state = Served(files=files, mode=mode)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            state.ranges.append(self.headers.get("Range"))
            body = state.files.get(unquote(self.path.lstrip("/")))
            if body is None:
                self.send_error(404)
                return
            if state.mode == "slow":
                time.sleep(1)
            if state.mode == "huge":
                self._huge()
                return
            wanted = self.headers.get("Range") if state.mode == "ranges" else None
            if wanted is None:
                self._send(200, body, {})
                return
            first, last = _byte_range(wanted, len(body))
            part = body[first : last + 1]
            self._send(206, part, {"Content-Range": f"bytes {first}-{last}/{len(body)}"})

        def _send(self, status, body, headers):
            state.sent.append(len(body))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client hung up (it gave up waiting)
                self.wfile.write(body)

        def _huge(self):
            """A whole wheel larger than the client accepts: it should hang up, not read it."""
            self.send_response(200)
            self.send_header("Content-Length", str(MAX_WHOLE_BODY + 1))
            self.end_headers()
            sent = 0
            try:
                while sent <= MAX_WHOLE_BODY:
                    self.wfile.write(b"\0" * 65536)
                    sent += 65536
            except OSError:  # the client hung up
                pass
            state.sent.append(sent)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _byte_range(header: str, size: int) -> tuple[int, int]:
    """RFC 9110 single ranges: bytes=a-b, bytes=a-, bytes=-n."""
    got = re.fullmatch(r"bytes=(\d*)-(\d*)", header)
    assert got, header
    first, last = got.groups()
    if not first:
        return max(0, size - int(last)), size - 1
    return int(first), min(size - 1, int(last)) if last else size - 1


def make_wheel(members: list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as wheel:
        for name, data in members:
            wheel.writestr(name, data)
    return buffer.getvalue()


def dist_info(metadata: str = METADATA, folder: str = "demo_pkg-1.0") -> list[tuple[str, bytes]]:
    return [
        (f"{folder}.dist-info/METADATA", metadata.encode()),
        (f"{folder}.dist-info/WHEEL", b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\n"),
        (f"{folder}.dist-info/RECORD", b""),
    ]


def read(served: Served, path: str = WHEEL, timeout: float = 10.0) -> str:
    with requests.Session() as session:
        return remote_metadata(served.wheel_url(path), session, timeout=timeout)


def failure(served: Served, path: str = WHEEL, timeout: float = 10.0) -> str:
    with pytest.raises(WheelMetadataError) as error:
        read(served, path, timeout)
    return error.value.message


@pytest.mark.windows
@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_small_wheel_is_read_in_one_request(compression):
    wheel = make_wheel([("demo_pkg/__init__.py", b"x = 1\n"), *dist_info()], compression)
    with serve({WHEEL: wheel}) as served:
        assert read(served) == METADATA
    assert served.ranges == [f"bytes=-{TAIL_BYTES}"]


@pytest.mark.windows
def test_member_outside_the_tail_takes_a_second_request_for_that_member_only():
    # METADATA first, then 2 MB that do not compress: only the member's bytes are fetched
    padding = os.urandom(2_000_000)
    wheel = make_wheel([*dist_info(), ("demo_pkg/_blob.bin", padding)])
    with serve({"folder with spaces/ü/" + WHEEL: wheel}) as served:
        assert read(served, "folder with spaces/ü/" + WHEEL) == METADATA
    assert len(served.ranges) == 2
    assert served.ranges[1].startswith("bytes=0-")
    assert sum(served.sent) < TAIL_BYTES + 2048  # never the 2 MB


def test_directory_larger_than_the_tail_is_read_when_metadata_is_listed_early():
    # thousands of entries after the dist-info: the directory spills out of the tail
    files = [(f"demo_pkg/module_{i:05d}_with_a_long_name.py", b"") for i in range(3000)]
    wheel = make_wheel([*dist_info(), *files])
    with serve({WHEEL: wheel}) as served:
        assert read(served) == METADATA
    assert len(served.ranges) == 3  # tail, directory, member
    assert sum(served.sent) < len(wheel)


@pytest.mark.windows
def test_zip64_wheel_with_metadata_last_needs_only_the_tail_and_the_member():
    # 65536 entries: zipfile writes a zip64 end record, as for a real wheel with that many files;
    # the directory (3 MB) is far larger than the tail, but the dist-info entries come last
    files = [(f"demo_pkg/data/{i}", b"") for i in range(65536)]
    wheel = make_wheel([*files, *dist_info()], zipfile.ZIP_STORED)
    assert b"PK\x06\x06" in wheel[-TAIL_BYTES:]
    with serve({WHEEL: wheel}) as served:
        assert read(served) == METADATA
    assert len(served.ranges) == 2
    assert sum(served.sent) < 2 * TAIL_BYTES


def test_zip64_extra_fields_give_the_member_offset(monkeypatch):
    # zipfile switches to zip64 (end record and per-entry extra fields with saturated 32-bit
    # sizes and offsets) past ZIP64_LIMIT: lowered here, as 4 GB wheels cannot be made in a test
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 100)
    wheel = make_wheel([("demo_pkg/_blob.bin", os.urandom(200_000)), *dist_info()])
    monkeypatch.undo()
    assert b"PK\x06\x06" in wheel
    assert zipfile.ZipFile(io.BytesIO(wheel)).read("demo_pkg-1.0.dist-info/METADATA")
    with serve({WHEEL: wheel}) as served:
        assert read(served) == METADATA


@pytest.mark.windows
def test_a_server_that_ignores_range_is_accepted_for_a_small_wheel():
    wheel = make_wheel([*dist_info(), ("demo_pkg/_blob.bin", os.urandom(300_000))])
    with serve({WHEEL: wheel}, mode="whole") as served:
        assert read(served) == METADATA
    assert len(served.ranges) == 1  # the whole body answered everything


@pytest.mark.windows
def test_a_server_that_ignores_range_for_a_large_wheel_is_refused_without_reading_it():
    with serve({WHEEL: b"big"}, mode="huge") as served:
        message = failure(served)
    assert message == "the server does not serve parts of files"
    assert len(served.ranges) == 1


@pytest.mark.windows
def test_http_error_is_a_short_reason():
    with serve({}) as served:
        message = failure(served)
    assert message == "the server answered HTTP 404"


def test_not_a_zip():
    with serve({WHEEL: b"<html>an error page, not a wheel</html>" * 100}) as served:
        message = failure(served)
    assert message == "not a zip file (not a wheel)"


def test_zip_without_metadata():
    wheel = make_wheel([("demo_pkg/__init__.py", b""), ("demo_pkg-1.0.dist-info/RECORD", b"")])
    with serve({WHEEL: wheel}) as served:
        message = failure(served)
    assert message == "the wheel has no .dist-info/METADATA"


def test_several_dist_info_folders_the_wheels_own_is_chosen():
    other = METADATA.replace("demo-pkg", "vendored")
    # the folder's name spelled differently from the file name's (case, separator)
    members = [*dist_info(other, "vendored-2.0"), *dist_info(METADATA, "Demo.Pkg-1.0")]
    wheel = make_wheel(members)
    with serve({WHEEL: wheel, "other-3.0-py3-none-any.whl": wheel}) as served:
        assert read(served) == METADATA
        message = failure(served, "other-3.0-py3-none-any.whl")
    assert message == "the wheel has several .dist-info folders, none named for it"


def test_a_single_dist_info_folder_is_used_whatever_the_url_is_called():
    wheel = make_wheel(dist_info())
    with serve({"download?id=7": wheel}) as served, requests.Session() as session:
        assert remote_metadata(f"{served.url}/download%3Fid%3D7", session) == METADATA


def test_damaged_member_is_detected_by_its_checksum():
    wheel = bytearray(make_wheel(dist_info(), zipfile.ZIP_STORED))
    at = wheel.index(b"Summary: ")
    wheel[at] = ord("s")
    with serve({WHEEL: bytes(wheel)}) as served:
        message = failure(served)
    assert message == "the wheel's zip file is damaged"


def test_a_truncated_wheel_is_damaged_not_a_traceback():
    wheel = make_wheel([*dist_info(), ("demo_pkg/_blob.bin", os.urandom(200_000))])
    cut = wheel[:1000] + wheel[-5000:]  # the directory points at offsets that are gone
    with serve({WHEEL: cut}) as served:
        message = failure(served)
    assert message == "the wheel's zip file is damaged"


def test_unreachable_server():
    with socket.socket() as placeholder:  # a port nobody listens on
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    with requests.Session() as session, pytest.raises(WheelMetadataError) as error:
        remote_metadata(f"http://127.0.0.1:{port}/{WHEEL}", session)
    assert error.value.message == "the server could not be reached"


def test_a_server_that_does_not_answer_in_time():
    with serve({WHEEL: make_wheel(dist_info())}, mode="slow") as served:
        message = failure(served, timeout=0.3)
    assert message == "the server did not answer in time"


def test_recorded_fixtures_are_whole_and_agree_with_their_pages():
    # what tools/record_index_fixtures.py recorded with remote_metadata (tests/fixtures/index)
    pages = {project: recorded_page(project) for project in ("torch", "torchvision", "torchaudio")}
    listed = {f["filename"]: f["url"] for page in pages.values() for f in page["files"]}
    recorded = json.loads((FIXTURES / "metadata" / "recorded.json").read_text("utf-8"))["wheels"]
    metadata = recorded_metadata()
    assert set(metadata) == set(recorded)
    assert len(metadata) > 90
    for filename, text in metadata.items():
        name, version, _build, _tags = parse_wheel_filename(filename)
        fields = [line.split(": ", 1) for line in text.splitlines()]
        assert ["Name", name] in [[key, canonicalize_name(value)] for key, value in fields]
        assert ["Version", str(version)] in fields
        assert "" not in text.splitlines()  # headers only: the description is not recorded
        assert listed[filename] == recorded[filename]["url"]
    assert recorded_at().endswith("Z")
    pages_info = json.loads((FIXTURES / "pypi" / "recorded.json").read_text("utf-8"))["pages"]
    for project, info in pages_info.items():
        served = gzip.decompress((FIXTURES / "pypi" / f"{project}.json.gz").read_bytes())
        assert hashlib.sha256(served).hexdigest() == info["sha256"]
        assert info["url"] == f"https://pypi.org/simple/{project}/"
