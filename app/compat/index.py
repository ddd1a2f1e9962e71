"""What the package indexes really hold: their project pages, read and cached on disk.

The planner reads, when online, the indexes it will install from: PyPI's simple API (PEP 691
JSON) and the PyTorch index (PEP 503 HTML only). Every answer is bounded in time: pages are
fetched at once in threads, and at the deadline an unanswered page becomes its old cache entry
("stale") or a PageProblem, so a slow or unreachable index never holds up the plan.

Pages are cached one JSON file each (fresh for `ttl` seconds); wheel metadata is cached forever
(a file on an index never changes). The cache is a convenience: when it cannot be read or
written the client still answers, and says so in the log.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import logging
import os
import queue
import re
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from packaging.utils import canonicalize_name

from app.errors import StepError
from app.text import translate

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

PYPI_SIMPLE = "https://pypi.org/simple"
PYTORCH_SIMPLE = "https://download.pytorch.org/whl"

ACCEPT = (
    "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, "
    "text/html;q=0.01"
)
JSON_TYPES = ("application/vnd.pypi.simple.v1+json", "application/vnd.pypi.simple.latest+json")
HTML_TYPES = (
    "text/html",
    "application/vnd.pypi.simple.v1+html",
    "application/vnd.pypi.simple.latest+html",
)
# download.pytorch.org/whl/torch/ is a few MB; anything far larger is not a project page.
MAX_PAGE_BYTES = 64 * 1024 * 1024
# 2: each file a row [filename, url, requires_python, yanked, metadata, upload_time] (a plan
# with a warm cache reads ~8,000 of them: rows load in about half the time of objects).
CACHE_FORMAT = 2
# Why a page is missing, for people (PageProblem.why).
NO_CONNECTION = translate("index", "no connection")
TOO_SLOW = translate("index", "it did not answer in time")
NOT_AN_INDEX = translate("index", "not a package index page")
NOT_HTTP = translate("index", "only http:// and https:// indexes can be read")
# The index's own answer that the project is not there: no old copy should stand in for it.
DEFINITE_ANSWERS = (404, 410)


@dataclass(frozen=True)
class IndexFile:
    filename: str  # unquoted ('+' not '%2B')
    url: str  # absolute, fragment stripped
    requires_python: str | None
    yanked: str | None  # None: not yanked; "" yanked without reason; else the reason
    metadata: bool  # PEP 658/714: the index serves <url>.metadata
    upload_time: str | None = None


@dataclass(frozen=True)
class ProjectPage:
    base: str  # the index base URL as given (no trailing slash)
    project: str  # as asked for
    files: tuple[IndexFile, ...]
    fetched_at: float  # epoch seconds when it came from the index
    origin: str  # "live" (fetched now) | "cache" (fresh cache) | "stale" (index failed now)


@dataclass(frozen=True)
class PageProblem:
    base: str
    project: str
    why: str  # short cause for people: "no connection", "HTTP 404", ...


class PageError(StepError):
    """The index answered, but not with a project page; the message says why, for people."""


def page_url(base: str, project: str) -> str:
    return f"{base.rstrip('/')}/{canonicalize_name(project)}/"


class IndexClient:
    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        ttl: float = 6 * 3600,
        timeout: float = 4.0,
        session: Any = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if cache_dir is None:
            from app.paths import state_dir

            cache_dir = state_dir() / "index-cache"
        self.cache_dir = Path(cache_dir)
        self.ttl = ttl
        self.timeout = timeout
        self.clock = clock
        self._session = session
        self._session_lock = threading.Lock()

    # -- project pages --------------------------------------------------------------------

    def pages(
        self, wanted: Sequence[tuple[str, str]], *, refresh: bool = False
    ) -> dict[tuple[str, str], ProjectPage | PageProblem]:
        """Each (base, project) page: from a fresh cache entry, else from the index, all within
        `timeout` seconds in total; a page the index did not give in time is its old cache
        entry (origin "stale") or a PageProblem."""
        deadline = time.monotonic() + self.timeout
        answers: dict[tuple[str, str], ProjectPage | PageProblem] = {}
        cached: dict[tuple[str, str], _Cached | None] = {}
        finished: queue.Queue[tuple[tuple[str, str], ProjectPage | Exception]] = queue.Queue()
        for key in dict.fromkeys(wanted):  # each page once, in the order asked
            base, project = key
            entry = self._read_page(base, project)
            cached[key] = entry
            if entry is not None and not refresh and self._is_fresh(entry.fetched_at):
                answers[key] = entry.page(base, project, "cache")
                continue
            if urlsplit(base).scheme.lower() not in ("http", "https"):
                answers[key] = PageProblem(base, project, NOT_HTTP)
                continue
            # Daemon threads: at the deadline the call returns; a thread still waiting on a
            # slow server must not keep the program (or its exit) waiting too.
            threading.Thread(
                target=self._fetch_into,
                args=(finished, key, entry, deadline),
                name=f"index {project}",
                daemon=True,
            ).start()
        pending = set(cached) - set(answers)
        while pending:
            left = deadline - time.monotonic()
            try:
                key, result = finished.get(timeout=left) if left > 0 else finished.get_nowait()
            except queue.Empty:
                break
            pending.discard(key)
            answers[key] = self._answer(key, result, cached[key])
        for key in pending:
            log.info("index page %s: no answer within %.1f s", page_url(*key), self.timeout)
            answers[key] = self._fallback(key, cached[key], TOO_SLOW)
        return {key: answers[key] for key in cached}

    def _fetch_into(
        self,
        finished: queue.Queue[tuple[tuple[str, str], ProjectPage | Exception]],
        key: tuple[str, str],
        entry: _Cached | None,
        deadline: float,
    ) -> None:
        try:
            result: ProjectPage | Exception = self._fetch(key[0], key[1], entry, deadline)
        except Exception as exc:  # noqa: BLE001 - every failure becomes the page's problem
            result = exc
        finished.put((key, result))

    def _answer(
        self,
        key: tuple[str, str],
        result: ProjectPage | Exception,
        entry: _Cached | None,
    ) -> ProjectPage | PageProblem:
        if isinstance(result, ProjectPage):
            return result
        why = _why(result)
        log.info("index page %s: %s (%r)", page_url(*key), why, result)
        status = _status_of(result)
        if status in DEFINITE_ANSWERS:
            return PageProblem(key[0], key[1], why)
        return self._fallback(key, entry, why)

    def _fallback(
        self, key: tuple[str, str], entry: _Cached | None, why: str
    ) -> ProjectPage | PageProblem:
        if entry is not None:
            return entry.page(key[0], key[1], "stale")
        return PageProblem(key[0], key[1], why)

    def _fetch(
        self, base: str, project: str, entry: _Cached | None, deadline: float
    ) -> ProjectPage:
        url = page_url(base, project)
        headers = {"Accept": ACCEPT}
        if entry is not None and entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry is not None and entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        left = max(deadline - time.monotonic(), 0.01)
        with self.session().get(url, headers=headers, timeout=left, stream=True) as response:
            etag = response.headers.get("ETag")
            last_modified = response.headers.get("Last-Modified")
            if response.status_code == 304 and entry is not None:
                files = entry.files  # unchanged since the cached copy: fresh again
                etag, last_modified = etag or entry.etag, last_modified or entry.last_modified
            else:
                response.raise_for_status()
                body = _read_body(response, deadline)
                files = parse_page(
                    body, response.headers.get("Content-Type", ""), response.url or url
                )
        fetched = _Cached(url, self.clock(), files, etag, last_modified)
        self._write_page(fetched)
        return fetched.page(base, project, "live")

    def _is_fresh(self, fetched_at: float) -> bool:
        age = self.clock() - fetched_at
        return 0 <= age < self.ttl  # a time in the future (clock set back) is not trusted

    # -- wheel metadata -------------------------------------------------------------------

    def metadata(self, file: IndexFile) -> str | None:
        """The file's core metadata (METADATA): PEP 658's <url>.metadata where the index serves
        it, else read from the wheel itself by HTTP Range requests. None when neither works."""
        path = self.cache_dir / "metadata" / f"{_digest(file.url)}.txt"
        with contextlib.suppress(OSError, UnicodeDecodeError):
            kept = path.read_text(encoding="utf-8")
            if _looks_like_metadata(kept):
                return kept
        text = self._pep658(file) if file.metadata else None
        if text is None and file.filename.endswith(".whl"):
            text = self._from_wheel(file)
        if text is None:
            return None
        _write_atomic(path, text.encode("utf-8"))
        return text

    def _pep658(self, file: IndexFile) -> str | None:
        try:
            response = self.session().get(file.url + ".metadata", timeout=self.timeout)
            response.raise_for_status()
            text = response.content.decode("utf-8", errors="replace")
        except Exception as exc:  # noqa: BLE001 - any failure: try the wheel itself
            log.info("metadata of %s from %s.metadata: %s", file.filename, file.url, _why(exc))
            return None
        if not _looks_like_metadata(text):
            log.info("metadata of %s: %s.metadata is not core metadata", file.filename, file.url)
            return None
        return text

    def _from_wheel(self, file: IndexFile) -> str | None:
        from app.compat.wheel_metadata import remote_metadata

        try:
            text = remote_metadata(file.url, self.session(), self.timeout)
        except Exception as exc:  # noqa: BLE001 - WheelMetadataError, or the network's own
            log.info("metadata of %s from the wheel: %s", file.filename, _reason(exc))
            return None
        if not _looks_like_metadata(text):
            log.info("metadata of %s: the wheel's METADATA is not core metadata", file.filename)
            return None
        return text

    # -- shared parts ---------------------------------------------------------------------

    def session(self) -> requests.Session:
        with self._session_lock:
            if self._session is None:
                self._session = _session()
            return self._session

    def _read_page(self, base: str, project: str) -> _Cached | None:
        url = page_url(base, project)
        path = self._page_path(url)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return _Cached.from_json(data, url)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.info("index cache %s cannot be used (%s); it is fetched again", path, exc)
            return None

    def _write_page(self, entry: _Cached) -> None:
        text = json.dumps(entry.to_json(), ensure_ascii=False, separators=(",", ":"))
        _write_atomic(self._page_path(entry.url), text.encode("utf-8"))

    def _page_path(self, url: str) -> Path:
        return self.cache_dir / "pages" / f"{_digest(url)}.json"


@dataclass(frozen=True)
class _Cached:
    """A page as it came from the index (and as its cache file holds it)."""

    url: str
    fetched_at: float
    files: tuple[IndexFile, ...]
    etag: str | None = None
    last_modified: str | None = None

    def page(self, base: str, project: str, origin: str) -> ProjectPage:
        return ProjectPage(base.rstrip("/"), project, self.files, self.fetched_at, origin)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": CACHE_FORMAT,
            "url": self.url,
            "fetched_at": self.fetched_at,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "files": [
                [f.filename, f.url, f.requires_python, f.yanked, f.metadata, f.upload_time]
                for f in self.files
            ],
        }

    @classmethod
    def from_json(cls, data: Any, url: str) -> _Cached:
        """Raises ValueError/TypeError/KeyError for anything that is not our own cache file."""
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            raise ValueError("not an index cache file of this version")
        if data["url"] != url:
            raise ValueError(f"it holds {data['url']}")
        fetched_at = data["fetched_at"]
        if not isinstance(fetched_at, int | float):
            raise TypeError("fetched_at is not a number")
        rows = data["files"]
        if not isinstance(rows, list):
            raise TypeError("files is not a list")
        files = tuple(_file_from_row(row) for row in rows)
        etag, last_modified = data.get("etag"), data.get("last_modified")
        return cls(url, float(fetched_at), files, _opt_str(etag), _opt_str(last_modified))


_OPTIONAL = (str, type(None))


def _file_from_row(row: Any) -> IndexFile:
    # Exact type checks, inline: this runs for every file of every cached page on each plan.
    if type(row) is not list or len(row) != 6:
        raise TypeError("a file entry is not a row of six")
    filename, url, requires_python, yanked, metadata, upload_time = row
    if not (
        type(filename) is str
        and type(url) is str
        and type(metadata) is bool
        and isinstance(requires_python, _OPTIONAL)
        and isinstance(yanked, _OPTIONAL)
        and isinstance(upload_time, _OPTIONAL)
    ):
        raise TypeError("a file entry has the wrong types")
    return IndexFile(filename, url, requires_python, yanked, metadata, upload_time)


def _opt_str(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{value!r} is not a string")


# -- parsing ------------------------------------------------------------------------------


def parse_page(body: bytes, content_type: str, url: str) -> tuple[IndexFile, ...]:
    """The files of a project page, by its Content-Type: PEP 691 JSON or PEP 503 HTML. `url` is
    the page's own URL (after redirects), against which relative links resolve."""
    media_type, _, params = content_type.partition(";")
    media_type = media_type.strip().lower()
    if media_type in JSON_TYPES:
        return _parse_json(body, url)
    if media_type in HTML_TYPES:
        return _parse_html(body.decode(_charset(params), errors="replace"), url)
    raise PageError(NOT_AN_INDEX)


def _parse_json(body: bytes, url: str) -> tuple[IndexFile, ...]:
    try:
        data = json.loads(body)
    except ValueError:
        raise PageError(NOT_AN_INDEX) from None
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        raise PageError(NOT_AN_INDEX)
    version = str((data.get("meta") or {}).get("api-version", "1.0"))
    if version.split(".")[0] != "1":  # PEP 691: a new major version may change the meaning
        raise PageError(NOT_AN_INDEX)
    files = []
    for item in data["files"]:
        if not isinstance(item, dict) or not isinstance(item.get("filename"), str):
            continue
        href = item.get("url")
        if not isinstance(href, str):
            continue
        files.append(
            IndexFile(
                filename=item["filename"],
                url=_absolute(url, href),
                requires_python=_nonempty(item.get("requires-python")),
                yanked=_json_yanked(item.get("yanked")),
                metadata=_json_metadata(item),
                upload_time=_nonempty(item.get("upload-time")),
            )
        )
    return tuple(files)


def _json_yanked(value: Any) -> str | None:
    if value is True:
        return ""
    if isinstance(value, str):
        return value  # PEP 691: a string is the reason (yanked)
    return None


def _json_metadata(item: dict[str, Any]) -> bool:
    # PEP 714: core-metadata is the name; dist-info-metadata is what older indexes send.
    value = item["core-metadata"] if "core-metadata" in item else item.get("dist-info-metadata")
    return value is True or isinstance(value, dict)


def _nonempty(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


# html.parser and hashlib are imported where they are used: a plan whose index facts are all
# cached imports this module for its constants only, and pays for neither.


# PEP 503 pages are one <a> per file, thousands of them (download.pytorch.org/whl/torch/):
# a scan of the tags is several times faster than html.parser, which stays for the odd page
# the scan cannot read. Quoted values may hold a raw ">" (data-requires-python=">=3.8").
_A_TAG = re.compile(r"""<(a|base)\s((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _scan_anchors(text: str) -> tuple[list[dict[str, str | None]], str | None]:
    anchors: list[dict[str, str | None]] = []
    base: str | None = None
    for tag in _A_TAG.finditer(text):
        attrs: dict[str, str | None] = {}
        for found in _ATTRIBUTE.finditer(tag.group(2)):
            name, double, single, bare = found.groups()
            value = next((v for v in (double, single, bare) if v is not None), None)
            if value is not None and "&" in value:
                value = html.unescape(value)
            attrs.setdefault(name.lower(), value)  # None: an attribute with no value
        if tag.group(1).lower() == "a":
            anchors.append(attrs)
        elif base is None:
            base = attrs.get("href")
    return anchors, base


@functools.cache
def _anchors_parser() -> type:
    from html.parser import HTMLParser

    class Anchors(HTMLParser):
        """<a> tags of a PEP 503 page (the parser unescapes attribute values: &gt;= is >=)."""

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.anchors: list[dict[str, str | None]] = []
            self.base: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "a":
                self.anchors.append(dict(attrs))
            elif tag == "base" and self.base is None:
                self.base = dict(attrs).get("href")

    return Anchors


def _absolute(base: str, href: str) -> str:
    """urljoin without its cost in the common cases: an absolute link, a root-relative one."""
    href = href.split("#", 1)[0]
    if href.startswith(("https://", "http://")):
        return href
    if href.startswith("/") and not href.startswith("//"):
        parts = urlsplit(base)
        return f"{parts.scheme}://{parts.netloc}{href}"
    return urldefrag(urljoin(base, href)).url


def _parse_html(text: str, url: str) -> tuple[IndexFile, ...]:
    anchors, given_base = _scan_anchors(text)
    if not anchors and "<a" in text.lower():
        parser = _anchors_parser()()
        parser.feed(text)
        parser.close()
        anchors, given_base = parser.anchors, parser.base
    base = urljoin(url, given_base) if given_base else url
    files = []
    for attrs in anchors:
        href = attrs.get("href")
        if not href:
            continue
        absolute = _absolute(base, href)
        filename = unquote(absolute.rsplit("/", 1)[-1].split("?", 1)[0])
        if not filename:
            continue  # a link to a folder ("../"), not a file
        files.append(
            IndexFile(
                filename=filename,
                url=absolute,
                requires_python=_nonempty(attrs.get("data-requires-python")),
                yanked=_html_yanked(attrs),
                metadata=_html_metadata(attrs),
            )
        )
    return tuple(files)


def _html_yanked(attrs: dict[str, str | None]) -> str | None:
    if "data-yanked" not in attrs:
        return None
    return (attrs["data-yanked"] or "").strip()


def _html_metadata(attrs: dict[str, str | None]) -> bool:
    key = "data-core-metadata" if "data-core-metadata" in attrs else "data-dist-info-metadata"
    if key not in attrs:
        return False
    value = (attrs[key] or "true").strip().lower()
    return value != "false"  # "true" or "<hash>=<hex>"


def _charset(params: str) -> str:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
            with contextlib.suppress(LookupError):
                "".encode(charset)
                return charset
    return "utf-8"


def _read_body(response: requests.Response, deadline: float) -> bytes:
    """The body, stopped at the deadline (a server trickling bytes would otherwise keep this
    thread past it) and at MAX_PAGE_BYTES."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_PAGE_BYTES:
            raise PageError(NOT_AN_INDEX)
        if time.monotonic() > deadline:
            raise _TooLate()
    return b"".join(chunks)


class _TooLate(Exception):
    pass


def _looks_like_metadata(text: str) -> bool:
    # Core metadata always names its version; an HTML error page or junk never does.
    return "metadata-version:" in text[:4096].lower()


# -- files --------------------------------------------------------------------------------


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _write_atomic(path: Path, data: bytes) -> None:
    """Write through a temp file in the same folder, then replace: a reader never sees half a
    file. A cache that cannot be written is logged, never an error: it only costs a refetch."""
    temp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        log.warning("index cache %s could not be written: %s", path, exc)
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.remove(temp)


# -- network ------------------------------------------------------------------------------


def _session() -> requests.Session:
    import requests

    try:  # system certificates (company proxies with their own CA) where available
        import truststore

        truststore.inject_into_ssl()
    except Exception:  # noqa: BLE001 - fall back to certifi's bundle
        pass
    return requests.Session()


def _why(exc: Exception) -> str:
    """A short cause for people; requests' own messages run to several lines of pool details."""
    import requests

    if isinstance(exc, PageError):
        return exc.args[0]
    if isinstance(exc, requests.Timeout | _TooLate):
        return TOO_SLOW
    if isinstance(exc, requests.ConnectionError):
        return NO_CONNECTION
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return translate("index", "HTTP {code}").format(code=exc.response.status_code)
    return type(exc).__name__


def _status_of(exc: Exception) -> int | None:
    response = getattr(exc, "response", None)
    return getattr(response, "status_code", None)


def _reason(exc: Exception) -> str:
    from app.errors import SetupError

    return exc.message if isinstance(exc, SetupError) else _why(exc)
