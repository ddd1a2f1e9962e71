"""The package-index client against real HTTP servers on loopback (tests/index_server.py):
PEP 691 JSON and PEP 503 HTML pages, the on-disk cache, the time bound, wheel metadata."""

from __future__ import annotations

import io
import json
import logging
import socket
import sys
import threading
import time
import zipfile

import pytest

from app.compat.index import IndexClient, IndexFile, PageProblem, ProjectPage, page_url
from tests.index_server import IndexModel, serve_index
from tests.loopback import closed_port_url, serve_files

TORCH_FILES = [
    {
        "filename": "torch-2.7.0-cp311-cp311-manylinux_2_28_x86_64.whl",
        "requires-python": ">=3.9.0",
        "upload-time": "2025-04-23T14:00:00.000000Z",
    },
    {
        "filename": "torch-2.7.0-cp311-cp311-win_amd64.whl",
        "requires-python": ">=3.9.0",
        "yanked": "broken build",
    },
    {"filename": "torch-2.6.0-cp311-cp311-win_amd64.whl", "yanked": True},
]
METADATA = "Metadata-Version: 2.1\nName: torch\nVersion: 2.7.0\nRequires-Dist: sympy>=1.13.3\n"


class Clock:
    """Epoch seconds the test moves by hand (the cache's freshness), not the deadline's."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def torch_model() -> IndexModel:
    return IndexModel(
        projects={"torch": [dict(f) for f in TORCH_FILES]},
        metadata={TORCH_FILES[0]["filename"]: METADATA},
    )


def only(answers: dict) -> ProjectPage | PageProblem:
    (answer,) = answers.values()
    return answer


@pytest.mark.windows
def test_json_page_is_read_with_every_field(tmp_path):
    with serve_index(torch_model()) as index:
        client = IndexClient(tmp_path / "cache")
        page = only(client.pages([(index.url, "torch")]))
        assert isinstance(page, ProjectPage), page
        assert (page.base, page.project, page.origin) == (index.url, "torch", "live")
        assert index.requests[0][0] == "/simple/torch/"
        assert index.answers == [(200, "application/vnd.pypi.simple.v1+json")]
        assert "application/vnd.pypi.simple.v1+json" in index.requests[0][1]
        assert page.files == (
            IndexFile(
                TORCH_FILES[0]["filename"],
                index.file_url(TORCH_FILES[0]["filename"]),  # the #sha256= fragment is gone
                ">=3.9.0",
                None,
                True,
                "2025-04-23T14:00:00.000000Z",
            ),
            IndexFile(
                TORCH_FILES[1]["filename"],
                index.file_url(TORCH_FILES[1]["filename"]),
                ">=3.9.0",
                "broken build",
                False,
            ),
            IndexFile(
                TORCH_FILES[2]["filename"],
                index.file_url(TORCH_FILES[2]["filename"]),
                None,
                "",
                False,
            ),
        )


@pytest.mark.windows
def test_html_only_index_like_download_pytorch_org(tmp_path):
    cu126 = "torch-2.7.0+cu126-cp311-cp311-manylinux_2_28_x86_64.whl"
    cpu = "torch-2.7.0+cpu-cp311-cp311-win_amd64.whl"
    model = IndexModel(
        projects={
            "torch": [
                {"filename": cu126, "requires-python": ">=3.9.0", "dist-info-metadata": True},
                {"filename": cpu, "yanked": "wrong tag"},
                {"filename": "torch-2.6.0+cpu-cp311-cp311-win_amd64.whl", "yanked": True},
            ]
        }
    )
    with serve_index(model, formats=("html",)) as index:
        index.relative = True  # links as ../../files/..., resolved against the page URL
        page = only(IndexClient(tmp_path).pages([(index.url, "torch")]))
        assert index.answers == [(200, "text/html")]  # the body really was PEP 503 HTML
        assert isinstance(page, ProjectPage), page
        assert [f.filename for f in page.files] == [
            cu126,
            cpu,
            "torch-2.6.0+cpu-cp311-cp311-win_amd64.whl",
        ]
        first, second, third = page.files
        assert (
            first.url
            == f"{index.root}/files/torch-2.7.0%2Bcu126-cp311-cp311-manylinux_2_28_x86_64.whl"
        )
        assert first.requires_python == ">=3.9.0"  # written as &gt;= in the page
        assert (first.yanked, first.metadata) == (None, True)  # data-dist-info-metadata
        assert (second.yanked, second.metadata, second.requires_python) == (
            "wrong tag",
            False,
            None,
        )
        assert third.yanked == ""
        assert all(f.upload_time is None for f in page.files)


def test_the_same_page_read_as_json_and_as_html_gives_the_same_files(tmp_path):
    model = torch_model()
    pages = []
    for formats in (("json",), ("html",)):
        with serve_index(model, formats=formats) as index:
            page = only(IndexClient(tmp_path / formats[0]).pages([(index.url, "torch")]))
            assert isinstance(page, ProjectPage), page
            pages.append(
                [(f.filename, f.requires_python, f.yanked, f.metadata) for f in page.files]
            )
    assert pages[0] == pages[1]


@pytest.mark.windows
def test_a_fresh_cache_answers_without_asking_the_index(tmp_path):
    clock = Clock()
    with serve_index(torch_model()) as index:
        client = IndexClient(tmp_path, ttl=3600, clock=clock)
        first = only(client.pages([(index.url, "torch")]))
        clock.now += 3599
        again = only(IndexClient(tmp_path, ttl=3600, clock=clock).pages([(index.url, "torch")]))
        assert len(index.requests) == 1  # only the first call asked
        assert isinstance(first, ProjectPage) and isinstance(again, ProjectPage)
        assert (first.origin, again.origin) == ("live", "cache")
        assert again.files == first.files and again.fetched_at == first.fetched_at == 1.7e9


def test_refresh_asks_even_with_a_fresh_cache_and_sees_a_new_release(tmp_path):
    model = torch_model()
    with serve_index(model) as index:
        client = IndexClient(tmp_path)
        client.pages([(index.url, "torch")])
        model.projects["torch"].append({"filename": "torch-2.8.0-cp311-cp311-win_amd64.whl"})
        cached = only(client.pages([(index.url, "torch")]))
        fresh = only(client.pages([(index.url, "torch")], refresh=True))
    assert isinstance(cached, ProjectPage) and isinstance(fresh, ProjectPage)
    assert cached.origin == "cache" and len(cached.files) == 3
    assert fresh.origin == "live" and fresh.files[-1].filename.startswith("torch-2.8.0")
    assert len(index.requests) == 2


@pytest.mark.windows
def test_an_old_cache_stands_in_when_the_index_is_gone(tmp_path):
    clock = Clock()
    with serve_index(torch_model()) as index:
        client = IndexClient(tmp_path, ttl=60, clock=clock)
        live = only(client.pages([(index.url, "torch")]))
        index.stop()  # the port is closed: connections are refused
        clock.now += 3600
        started = time.monotonic()
        stale = only(client.pages([(index.url, "torch")]))
        elapsed = time.monotonic() - started
    assert isinstance(live, ProjectPage) and isinstance(stale, ProjectPage), stale
    assert stale.origin == "stale"
    assert stale.files == live.files and stale.fetched_at == live.fetched_at
    assert elapsed < 3.5  # refused at once (no waiting for the 4 s bound)


@pytest.mark.windows
def test_no_cache_and_no_server_is_no_connection_at_once(tmp_path):
    base = closed_port_url()
    started = time.monotonic()
    problem = only(IndexClient(tmp_path, timeout=10).pages([(base, "torch")]))
    elapsed = time.monotonic() - started
    assert problem == PageProblem(base, "torch", "no connection")
    # Linux refuses at once; Windows retries a refused SYN for about 2 s.
    assert elapsed < (3.5 if sys.platform == "win32" else 1.5)


def test_a_slow_index_is_given_up_at_the_time_bound(tmp_path):
    with serve_index(torch_model(), delay=5.0) as index:
        started = time.monotonic()
        problem = only(IndexClient(tmp_path, timeout=0.5).pages([(index.url, "torch")]))
        elapsed = time.monotonic() - started
        assert len(index.requests) == 1  # it was asked, and did not answer in time
    assert problem == PageProblem(index.url, "torch", "it did not answer in time")
    assert elapsed < 2.0


def test_the_bound_holds_against_a_server_that_trickles_bytes(tmp_path):
    """Each byte arrives well within the read timeout, so only the call's own deadline can end
    it: the call returns at the bound, without waiting for the thread still reading."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))

    def trickle() -> None:
        connection, _ = listener.accept()
        with connection:
            for byte in b"HTTP/1.0 200 OK\r\nX-Slow: " + b"x" * 1000:
                if stop.wait(0.05):
                    return
                connection.sendall(bytes([byte]))

    threading.Thread(target=trickle, daemon=True).start()
    base = f"http://127.0.0.1:{listener.getsockname()[1]}/simple"
    try:
        started = time.monotonic()
        problem = only(IndexClient(tmp_path, timeout=0.5).pages([(base, "torch")]))
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        listener.close()
    assert problem == PageProblem(base, "torch", "it did not answer in time")
    assert elapsed < 1.5


def test_pages_are_fetched_at_the_same_time(tmp_path):
    projects = {name: [{"filename": f"{name}-1.0-py3-none-any.whl"}] for name in ("a", "b", "c")}
    with serve_index(IndexModel(projects=projects), delay=1.0) as index:
        wanted = [(index.url, name) for name in projects]
        started = time.monotonic()
        answers = IndexClient(tmp_path, timeout=3.0).pages(wanted)
        elapsed = time.monotonic() - started
    assert list(answers) == wanted
    assert all(isinstance(a, ProjectPage) and a.origin == "live" for a in answers.values())
    assert [answers[key].files[0].filename for key in wanted] == [
        "a-1.0-py3-none-any.whl",
        "b-1.0-py3-none-any.whl",
        "c-1.0-py3-none-any.whl",
    ]
    assert elapsed < 2.0  # about one delay (1 s), not three


def test_some_pages_from_cache_and_the_rest_from_the_index(tmp_path):
    projects = {"torch": [{"filename": "torch-1.0-py3-none-any.whl"}], "torchvision": []}
    with serve_index(IndexModel(projects=projects)) as index:
        client = IndexClient(tmp_path)
        client.pages([(index.url, "torch")])
        answers = client.pages([(index.url, "torchvision"), (index.url, "torch")])
        assert index.paths() == ["/simple/torch/", "/simple/torchvision/"]
    origins = {key[1]: page.origin for key, page in answers.items()}
    assert origins == {"torchvision": "live", "torch": "cache"}
    assert answers[(index.url, "torchvision")].files == ()


def test_http_errors_are_named(tmp_path):
    with serve_index(torch_model(), status=500) as index:
        problem = only(IndexClient(tmp_path).pages([(index.url, "torch")]))
        assert problem == PageProblem(index.url, "torch", "HTTP 500")
    with serve_index(torch_model()) as index:
        missing = only(IndexClient(tmp_path).pages([(index.url, "no-such-project")]))
        assert missing == PageProblem(index.url, "no-such-project", "HTTP 404")


def test_a_failing_index_falls_back_to_its_old_page_but_a_404_does_not(tmp_path):
    clock = Clock()
    with serve_index(torch_model()) as index:
        client = IndexClient(tmp_path, ttl=60, clock=clock)
        client.pages([(index.url, "torch")])
        clock.now += 120
        index.status = 503
        stale = only(client.pages([(index.url, "torch")]))
        index.status = 404  # the index says the project is not there: no old copy stands in
        gone = only(client.pages([(index.url, "torch")]))
    assert isinstance(stale, ProjectPage) and stale.origin == "stale"
    assert gone == PageProblem(index.url, "torch", "HTTP 404")


def test_an_expired_page_the_index_confirms_unchanged_is_fresh_again(tmp_path):
    clock = Clock()
    with serve_index(torch_model()) as index:
        client = IndexClient(tmp_path, ttl=60, clock=clock)
        first = only(client.pages([(index.url, "torch")]))
        clock.now += 120
        again = only(client.pages([(index.url, "torch")]))
        assert "If-None-Match" in index.headers[1]  # the ETag of the first answer
        clock.now += 30
        cached = only(client.pages([(index.url, "torch")]))
        assert len(index.requests) == 2
    assert isinstance(again, ProjectPage) and isinstance(cached, ProjectPage)
    assert again.origin == "live" and again.files == first.files  # the server sent 304
    assert again.fetched_at == first.fetched_at + 120
    assert cached.origin == "cache"


def test_a_page_that_is_not_an_index_page_is_said_so(tmp_path):
    # A plain file server (a captive portal, a wrong mirror URL) answers without a page type
    page = {"simple/torch/": b"\x00\x01 not a page"}
    with serve_files(page, types={"simple/torch/": "application/octet-stream"}) as server:
        base = f"{server.url}/simple"
        problem = only(IndexClient(tmp_path).pages([(base, "torch")]))
    assert problem == PageProblem(base, "torch", "not a package index page")


@pytest.mark.windows
def test_a_damaged_cache_file_is_fetched_again_and_replaced(tmp_path):
    with serve_index(torch_model()) as index:
        client = IndexClient(tmp_path)
        client.pages([(index.url, "torch")])
        (cache_file,) = (tmp_path / "pages").iterdir()
        for damage in (b'{"format": 1, "files": [', b"\xff\xfe garbage", b'{"format": 1}', b"[]"):
            cache_file.write_bytes(damage)
            page = only(client.pages([(index.url, "torch")]))
            assert isinstance(page, ProjectPage) and page.origin == "live"
            assert len(page.files) == 3
            saved = json.loads(cache_file.read_text(encoding="utf-8"))
            assert saved["url"] == page_url(index.url, "torch")
        assert len(index.requests) == 5
        assert [p.name for p in (tmp_path / "pages").iterdir()] == [cache_file.name]  # no temps


@pytest.mark.windows
def test_a_cache_folder_that_cannot_be_written_does_not_fail_the_call(tmp_path, caplog):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    with serve_index(torch_model()) as index, caplog.at_level(logging.WARNING):
        client = IndexClient(blocker / "cache")
        pages = [only(client.pages([(index.url, "torch")])) for _ in range(2)]
        assert len(index.requests) == 2  # nothing could be kept, so each call asks
    assert all(isinstance(p, ProjectPage) and p.origin == "live" for p in pages)
    assert "could not be written" in caplog.text


@pytest.mark.windows
def test_a_cache_path_with_spaces_and_korean(tmp_path):
    folder = tmp_path / "홍길동 dir" / "index cache"
    with serve_index(torch_model()) as index:
        first = only(IndexClient(folder).pages([(index.url, "torch")]))
        second = only(IndexClient(folder).pages([(index.url, "torch")]))
        assert len(index.requests) == 1
    assert isinstance(first, ProjectPage) and isinstance(second, ProjectPage)
    assert (first.origin, second.origin) == ("live", "cache")
    assert second.files == first.files


def test_the_default_cache_lives_in_the_state_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "home"))
    with serve_index(torch_model()) as index:
        IndexClient().pages([(index.url, "torch")])
    assert len(list((tmp_path / "home" / "index-cache" / "pages").iterdir())) == 1


# -- wheel metadata -----------------------------------------------------------------------


def tiny_wheel(metadata: str) -> bytes:
    """A real wheel (zip) whose x-1.0.dist-info/METADATA is `metadata`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as wheel:
        wheel.writestr("x/__init__.py", "VALUE = 1\n" * 5000)
        wheel.writestr("x-1.0.dist-info/METADATA", metadata)
        wheel.writestr("x-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nTag: py3-none-any\n")
        wheel.writestr("x-1.0.dist-info/RECORD", "")
    return out.getvalue()


@pytest.mark.windows
def test_metadata_from_the_pep_658_file(tmp_path):
    with serve_index(torch_model()) as index:
        client = IndexClient(tmp_path)
        page = only(client.pages([(index.url, "torch")]))
        assert isinstance(page, ProjectPage)
        assert client.metadata(page.files[0]) == METADATA
        assert index.paths()[-1] == f"/files/{page.files[0].filename}.metadata"


@pytest.mark.windows
def test_metadata_read_from_the_wheel_by_ranges_and_kept_forever(tmp_path):
    text = "Metadata-Version: 2.1\nName: x\nVersion: 1.0\nSummary: 한국어 요약\n"
    filename = "x-1.0-py3-none-any.whl"
    model = IndexModel(
        projects={"x": [{"filename": filename}]}, wheels={filename: tiny_wheel(text)}
    )
    with serve_index(model) as index:
        client = IndexClient(tmp_path / "캐시 dir")
        page = only(client.pages([(index.url, "x")]))
        assert isinstance(page, ProjectPage) and page.files[0].metadata is False
        assert client.metadata(page.files[0]) == text
        ranges = [h.get("Range") for h in index.headers[1:]]
        assert ranges and all(r and r.startswith("bytes=") for r in ranges)  # never the whole
        asked = len(index.requests)
        later = IndexClient(tmp_path / "캐시 dir", ttl=0)  # a new run, long after
        assert later.metadata(page.files[0]) == text
        assert len(index.requests) == asked


def test_metadata_falls_back_to_the_wheel_when_the_pep_658_file_fails(tmp_path):
    text = "Metadata-Version: 2.1\nName: x\nVersion: 1.0\n"
    filename = "x-1.0-py3-none-any.whl"
    model = IndexModel(
        projects={"x": [{"filename": filename, "core-metadata": True}]},  # advertised, not served
        wheels={filename: tiny_wheel(text)},
    )
    with serve_index(model) as index:
        client = IndexClient(tmp_path)
        page = only(client.pages([(index.url, "x")]))
        assert client.metadata(page.files[0]) == text
        assert f"/files/{filename}.metadata" in index.paths()


@pytest.mark.windows
def test_metadata_is_none_when_neither_way_works(tmp_path, caplog):
    filename = "x-1.0-py3-none-any.whl"
    not_a_zip = "y-1.0-py3-none-any.whl"
    model = IndexModel(
        projects={"x": [{"filename": filename}, {"filename": not_a_zip}]},
        wheels={not_a_zip: b"this is not a zip file at all"},
    )
    with serve_index(model) as index, caplog.at_level(logging.INFO, logger="app.compat.index"):
        client = IndexClient(tmp_path)
        page = only(client.pages([(index.url, "x")]))
        assert isinstance(page, ProjectPage)
        missing, damaged = page.files
        assert client.metadata(missing) is None
        assert client.metadata(damaged) is None
        assert "x-1.0-py3-none-any.whl" in caplog.text and "HTTP 404" in caplog.text
        # Nothing was cached: once the file is there, it is read
        model.wheels[filename] = tiny_wheel("Metadata-Version: 2.1\nName: x\nVersion: 1.0\n")
        assert client.metadata(missing) == "Metadata-Version: 2.1\nName: x\nVersion: 1.0\n"
    index_gone = IndexFile(filename, closed_port_url() + "/x.whl", None, None, True)
    assert IndexClient(tmp_path / "other").metadata(index_gone) is None


def test_an_index_that_is_not_http_is_refused_with_a_reason(tmp_path):
    base = (tmp_path / "local index").as_uri()
    problem = only(IndexClient(tmp_path).pages([(base, "torch")]))
    assert problem == PageProblem(base, "torch", "only http:// and https:// indexes can be read")
