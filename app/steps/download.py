"""Download one file: resumable, verified, cancellable (pause = cancel, then call again).

The body goes to ``dest.part``; the validator of the first response (ETag, else Last-Modified)
is kept in ``dest.part.json`` so a later call resumes with ``Range`` + ``If-Range``. A server that
ignores the range, or whose file changed, answers 200 and the download starts from zero. Size and
checksum (sha256; md5 only where that is all the publisher gives) are checked before the part is
renamed to ``dest``: a file at ``dest`` is always complete.

Bounded: a body longer than expected (the size the manifest gives, else the Content-Length) is
stopped as soon as it passes that size and deleted; a server that sends nothing for
``read_timeout`` seconds (the stall limit) is given up with one clear error, the part kept only
where a resume is safe (the server named its version: ETag or Last-Modified). A stall after the
part grew past anything reached before is resumed like a cut connection; one that brought it no
further (no byte at all, or a restart from zero that stalled again) ends the download.

Off the reading thread: the part is written and hashed by a worker thread fed through a bounded
queue (_Sink), so sha256 and the disk never hold up the socket; at most _QUEUE_BYTES wait in it,
and a slow disk or hasher holds the reader back. A cancel drops what waits and ends the worker
at once; the part is always the file's first bytes, which is all a resume needs.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import json
import logging
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from urllib3.exceptions import ReadTimeoutError

from app import fsops
from app.errors import StepError
from app.events import Cancelled, CancelToken, Reporter
from app.text import translate

MAX_REDIRECTS = 10
MAX_TEXT = 16 * 1024 * 1024  # fetch_text(): manifests and checksums are far smaller
PROGRESS_INTERVAL = 0.1  # seconds between progress reports (~10 a second)
_HASH_BLOCK = 1024 * 1024
_QUEUE_BYTES = 8 * 1024 * 1024  # body read ahead of the disk and the hasher, at most
_WRITE_BLOCK = 64 * 1024  # bytes per write() to the part (see _write)
SINK_THREAD = "download-sink"  # the worker's name (tests look for leftovers by it)
_RETRYABLE = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


class DownloadError(StepError):
    """A download failed; str() is one line for the user: what, why, what to do."""


@dataclass
class Download:
    url: str
    dest: Path
    sha256: str | None = None
    size: int | None = None
    md5: str | None = None  # only where the publisher gives nothing better (NVIDIA installers)

    @property
    def checksum(self) -> tuple[str, str] | None:
        """(algorithm, expected hex digest): sha256 when known, else md5, else None."""
        for algorithm in ("sha256", "md5"):
            value = getattr(self, algorithm)
            if value:
                return algorithm, value.strip().lower()
        return None


class _Retry(Exception):  # noqa: N818 - internal signal, never leaves this module
    """A transient failure (5xx, short body): try again, resuming from the part."""


class _Restart(Exception):  # noqa: N818 - internal signal, never leaves this module
    """The part cannot be resumed (range not satisfiable): start again from zero at once."""


class _Stalled(Exception):  # noqa: N818 - internal signal, never leaves this module
    """No byte came for the stall limit; reached: the part's size when it stalled."""

    def __init__(self, reached: int) -> None:
        super().__init__(reached)
        self.reached = reached


class _TooLong(Exception):  # noqa: N818 - internal signal, never leaves this module
    """The body went past the size expected of it."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def _is_stall(error: BaseException) -> bool:
    """A read that waited the whole read timeout (requests wraps urllib3's in ConnectionError)."""
    if isinstance(error, requests.exceptions.ReadTimeout | ReadTimeoutError):
        return True
    cause = error.args[0] if isinstance(error, requests.ConnectionError) and error.args else None
    return isinstance(cause, ReadTimeoutError)


def check_url(url: str, allow_http: bool) -> None:
    """Only https, except loopback hosts or an explicitly chosen (http) mirror."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError as error:
        raise DownloadError(
            translate("errors", "{url} is not a valid address ({error}): check the URL.").format(
                url=url, error=error
            )
        ) from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not host:
        raise DownloadError(
            translate(
                "errors", "{url} is not an http(s) address: give a full https:// URL."
            ).format(url=url)
        )
    if scheme == "https" or allow_http or _is_loopback(host):
        return
    raise DownloadError(
        translate(
            "errors",
            "Refusing plain http for {url}: it can be tampered with on the way. "
            "Use an https:// address, or choose it explicitly as a mirror.",
        ).format(url=url)
    )


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _default_session() -> requests.Session:
    try:  # system certificates (company proxies with their own CA) where available
        import truststore

        truststore.inject_into_ssl()
    except Exception:  # noqa: BLE001 - fall back to certifi's bundle
        pass
    return requests.Session()  # proxies come from the environment (HTTPS_PROXY, NO_PROXY)


def _get(
    session: Any, url: str, headers: dict[str, str], timeout: Any, allow_http: bool
) -> requests.Response:
    """GET following redirects by hand, so every hop obeys check_url (no https → http)."""
    for _ in range(MAX_REDIRECTS + 1):
        check_url(url, allow_http)
        response = session.get(
            url, headers=headers, stream=True, timeout=timeout, allow_redirects=False
        )
        location = response.headers.get("Location")
        if response.status_code in (301, 302, 303, 307, 308) and location:
            response.close()
            url = urljoin(url, location)
            continue
        return response
    raise DownloadError(
        translate("errors", "{url} redirects too many times: check the URL or the mirror.").format(
            url=url
        )
    )


def fetch_text(
    url: str,
    *,
    session: Any = None,
    allow_http: bool = False,
    timeout=30,
    max_bytes: int = MAX_TEXT,
) -> str:
    """A small text file (a manifest, a .sha256 beside an installer), same URL rules as
    download(); a body past max_bytes is refused as soon as it passes it."""
    http = session or _default_session()
    try:
        with _get(http, url, {}, timeout, allow_http) as response:
            _raise_for_status(response, url)
            length = response.headers.get("Content-Length", "")
            body = bytearray()
            if length.isdigit() and int(length) > max_bytes:
                raise _TooLong(max_bytes)
            for data in response.iter_content(64 * 1024):
                body += data
                if len(body) > max_bytes:
                    raise _TooLong(max_bytes)
            return body.decode("utf-8", errors="replace")
    except _TooLong:
        raise DownloadError(
            translate(
                "errors",
                "{url} sent more than {size}: it is not the small text file expected. Check "
                "the URL or use another mirror.",
            ).format(url=url, size=_mb(max_bytes))
        ) from None
    except _Retry as error:
        raise DownloadError(str(error)) from None
    except requests.RequestException as error:
        raise DownloadError(
            translate(
                "errors",
                "Could not fetch {url}: {_why}. Check the network connection or "
                "proxy settings, then try again.",
            ).format(url=url, _why=_why(error))
        ) from None


def download(
    item: Download,
    reporter: Reporter,
    cancel: CancelToken,
    *,
    session: Any = None,
    allow_http: bool = False,
    retries: int = 4,
    connect_timeout: float = 10,
    read_timeout: float = 30,
    chunk: int = 1024 * 1024,
    backoff: float = 0.5,
    _fresh: bool = False,
) -> Path:
    """Fetch item.url to item.dest (verified); returns dest. Cancelled keeps the part.
    read_timeout is the stall limit: seconds without a byte before the request is given up."""
    check_url(item.url, allow_http)
    dest = Path(item.dest)
    part = dest.with_name(dest.name + ".part")
    meta = dest.with_name(dest.name + ".part.json")
    algorithm, expected = item.checksum or ("sha256", None)

    if expected and dest.is_file():
        if _disk(lambda: _hash_file(dest, cancel, algorithm), dest) == expected:
            reporter.log(f"Already downloaded and verified: {dest}")
            return dest
        reporter.log(f"{dest.name} is there but its {algorithm} differs: downloading it again.")

    _disk(lambda: dest.parent.mkdir(parents=True, exist_ok=True), dest.parent)
    http = session or _default_session()
    timeout = (connect_timeout, read_timeout)
    reporter.log(f"Downloading {item.url} → {dest}")
    had_part = part.exists()  # a part from an earlier run: it may hold anything
    reached = _disk(lambda: part.stat().st_size if part.is_file() else 0, part)  # for stalls
    attempt = 0
    while True:
        cancel.raise_if_set()
        try:
            digest, done = _attempt(
                item, part, meta, http, timeout, allow_http, chunk, reporter, cancel
            )
            break
        except _Restart as why:
            reporter.log(f"{why} Starting {dest.name} again from the beginning.")
            _remove(part, meta)
            continue
        except _TooLong as error:
            _remove(part, meta)  # known to be wrong: never resumed
            raise DownloadError(
                translate(
                    "errors",
                    "{url} sent more than the file should have (expected {size} bytes): the file "
                    "on the server differs from the one expected; the download was stopped and "
                    "deleted. Try again later or use another mirror.",
                ).format(url=item.url, size=error.limit)
            ) from None
        except (_Retry, _Stalled, *_RETRYABLE) as error:
            if cancel.is_set:
                raise Cancelled() from None
            if isinstance(error, _Stalled):
                if error.reached <= reached or attempt >= retries:  # no further than before
                    raise _stall_error(item.url, read_timeout, part, meta) from None
                reached = error.reached
            if attempt >= retries:
                raise DownloadError(
                    translate(
                        "errors",
                        "Downloading {url} failed after {value} tries: {_why}. Check the "
                        "network connection or proxy settings, then try again (the part "
                        "already downloaded is kept).",
                    ).format(url=item.url, value=attempt + 1, _why=_why(error))
                ) from None
            delay = backoff * 2**attempt
            attempt += 1
            reporter.log(
                f"Download interrupted ({_why(error)}); retry {attempt} of {retries} "
                f"in {delay:g} s.",
                logging.WARNING,
            )
            if cancel.wait(delay):
                raise Cancelled() from None
        except requests.RequestException as error:  # not transient: a bad URL, a redirect loop
            raise DownloadError(
                translate(
                    "errors", "Downloading {url} failed: {_why}. Check the URL or the mirror."
                ).format(url=item.url, _why=_why(error))
            ) from None

    if item.size is not None and done != item.size:
        _remove(part, meta)
        raise DownloadError(
            translate(
                "errors",
                "{url} gave {done} bytes, expected {size}: the file on the server "
                "differs from the one expected. Try again later or use another "
                "mirror.",
            ).format(url=item.url, done=done, size=item.size)
        )
    if expected and digest != expected:
        _remove(part, meta)
        if had_part and not _fresh:
            # The bad bytes may be the kept part's, not the server's: one clean try decides.
            reporter.log(
                f"{dest.name}: the part kept from an earlier run was damaged; downloading it "
                "again from the beginning.",
                logging.WARNING,
            )
            return download(
                item,
                reporter,
                cancel,
                session=http,
                allow_http=allow_http,
                retries=retries,
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
                chunk=chunk,
                backoff=backoff,
                _fresh=True,
            )
        raise DownloadError(
            translate(
                "errors",
                "The {algorithm} of {url} does not match: expected {expected}, got "
                "{digest}. The download was damaged or the file changed; it was "
                "deleted, try again or use another mirror.",
            ).format(algorithm=algorithm, url=item.url, expected=expected, digest=digest)
        )
    _disk(lambda: fsops.replace(part, dest), dest)
    _remove(meta)
    reporter.log(
        f"Downloaded {dest.name} ({_mb(done)}" + (f", {algorithm} ok)" if expected else ")")
    )
    return dest


def _attempt(
    item: Download,
    part: Path,
    meta: Path,
    http: Any,
    timeout: Any,
    allow_http: bool,
    chunk: int,
    reporter: Reporter,
    cancel: CancelToken,
) -> tuple[str, int]:
    """One request: resume or start the part, stream it; returns (digest, total bytes)."""
    algorithm = item.checksum[0] if item.checksum else None  # None: nothing to hash
    offset = part.stat().st_size if part.is_file() else 0
    validator = _read_meta(meta) if offset else None
    headers = {"Accept-Encoding": "identity"}  # byte ranges must count the file's own bytes
    if offset and validator:
        headers["Range"] = f"bytes={offset}-"
        headers["If-Range"] = validator
    else:
        offset = 0

    try:
        response = _get(http, item.url, headers, timeout, allow_http)
    except requests.exceptions.ReadTimeout:  # not even the headers came
        raise _Stalled(offset) from None
    unregister = cancel.on_cancel(lambda: _abort(response))
    try:
        cancel.raise_if_set()
        status = response.status_code
        if status == 416 and offset:
            total = _content_range_total(response.headers.get("Content-Range", ""))
            if total is None:
                total = item.size
            if total == offset:
                reporter.log(f"{part.name} is already complete; verifying it.")
                return _disk(lambda: _hash_file(part, cancel, algorithm), part), offset
            raise _Restart("The server cannot resume this download.")
        _raise_for_status(response, item.url)
        if status == 206 and offset:
            start = _content_range_start(response.headers.get("Content-Range", ""))
            if start != offset:
                raise _Restart("The server resumed at the wrong place.")
            reporter.log(f"Resuming {item.url} at {_mb(offset)}.")
            sha = _disk(lambda: _hash_file(part, cancel, algorithm, raw=True), part)
            mode = "ab"
        else:
            if offset:
                reporter.log("The server sent the whole file (no resume); starting from zero.")
            offset = 0
            sha = _hasher(algorithm)
            mode = "wb"
            tag = response.headers.get("ETag") or response.headers.get("Last-Modified")
            _disk(lambda: _write_meta(meta, item.url, tag), meta)
        length = response.headers.get("Content-Length")
        told = offset + int(length) if length and length.isdigit() else None
        total = told if told is not None else item.size
        limit = item.size if item.size is not None else told  # the manifest's size comes first
        done = _stream(response, part, mode, sha, offset, total, limit, chunk, reporter, cancel)
    finally:
        unregister()
        response.close()
    if total is not None and done < total:
        raise _Retry(f"the connection closed after {_mb(done)} of {_mb(total)}")
    return sha.hexdigest(), done


def _stream(
    response: requests.Response,
    part: Path,
    mode: str,
    sha: Any,
    done: int,
    total: int | None,
    limit: int | None,
    chunk: int,
    reporter: Reporter,
    cancel: CancelToken,
) -> int:
    """Write the body to the part; stops past limit (_TooLong) or on a stall (_Stalled)."""
    started = time.monotonic()
    first = done
    last_report = 0.0
    handle = _disk(lambda: open(part, mode), part)  # noqa: SIM115 - closed in finally
    try:
        sink = _Sink(handle, sha, chunk)
        unregister = cancel.on_cancel(sink.abort)  # a cancel must not wait for the queue
        try:
            chunks = response.iter_content(chunk)
            while True:
                cancel.raise_if_set()
                try:
                    data = next(chunks, None)
                except Exception as error:
                    if cancel.is_set:  # the read was ended by _abort: a pause, not an error
                        raise Cancelled() from None
                    if _is_stall(error):
                        raise _Stalled(done) from None
                    raise
                if data is None:
                    break
                cancel.raise_if_set()
                if limit is not None and done + len(data) > limit:
                    raise _TooLong(limit)
                _disk(lambda d=data: sink.put(d), part)
                done += len(data)
                now = time.monotonic()
                if now - last_report >= PROGRESS_INTERVAL:
                    last_report = now
                    reporter.progress(
                        done, total, _progress_text(done, total, done - first, now - started)
                    )
        except BaseException as error:
            # A cut or stalled connection keeps what arrived (the retry resumes after it); a
            # cancel or a body known to be wrong drops what still waits.
            sink.close(keep=not (isinstance(error, Cancelled | _TooLong) or cancel.is_set))
            raise
        else:
            sink.close(keep=True)  # waits for the disk and the hasher to catch up
        finally:
            unregister()
        # No fsync: a cached file is hashed again before it is used (download() checks the
        # sha256 of an existing dest), so a file torn by a crash is caught, not trusted; and an
        # fsync of a 3 GB CUDA archive costs seconds.
        _disk(sink.raise_error, part)
    finally:
        with contextlib.suppress(OSError):
            handle.close()
    cancel.raise_if_set()
    reporter.progress(
        done, total, _progress_text(done, total, done - first, time.monotonic() - started)
    )
    return done


class _Sink:
    """Writes chunks to the part and hashes them on a worker thread, in order.

    The queue holds at most _QUEUE_BYTES, so put() blocks while the disk or the hasher is
    behind (back-pressure, bounded memory). An error on the worker is kept and raised on the
    reading thread by the next put() or by raise_error(); the worker then drains the queue so
    the reader never blocks on it. close() always ends the worker and joins it.
    """

    def __init__(self, handle: Any, sha: Any, chunk: int) -> None:
        self._handle = handle
        self._sha = sha
        self._queue: queue.Queue[bytes | None] = queue.Queue(max(2, _QUEUE_BYTES // chunk))
        self._dropping = threading.Event()  # set: discard what comes (cancel or error)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=SINK_THREAD, daemon=True)
        self._thread.start()

    def put(self, data: bytes) -> None:
        self.raise_error()
        self._queue.put(data)

    def abort(self) -> None:
        """Drop what waits; the chunk being written is finished (the part stays a prefix)."""
        self._dropping.set()

    def close(self, keep: bool) -> None:
        """Write what waits (keep) or drop it, then end the worker and wait for it."""
        if not keep:
            self.abort()
        self._queue.put(None)  # room comes soon: the worker is writing or dropping
        self._thread.join()

    def raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        ended = False  # the reader's end mark came: nothing more will be put
        try:
            while (data := self._queue.get()) is not None:
                if not self._dropping.is_set():
                    _write(self._handle, data)
                    self._sha.update(data)
            ended = True
            if not self._dropping.is_set():
                self._handle.flush()
        except BaseException as error:  # noqa: BLE001 - handed to the reading thread
            self._error = error
            self._dropping.set()
            while not ended:
                ended = self._queue.get() is None


def _write(handle: Any, data: bytes) -> None:
    """Write in _WRITE_BLOCK pieces: measured on ext4, 1 MiB writes cost from 0.3 to 1.3 s
    a GB of kernel time from run to run, 64 KiB ones a steady 0.4 s."""
    view = memoryview(data)
    for start in range(0, len(view), _WRITE_BLOCK):
        handle.write(view[start : start + _WRITE_BLOCK])


def _stall_error(url: str, seconds: float, part: Path, meta: Path) -> DownloadError:
    """The one line for a stall; the part stays only where a later call can resume it."""
    kept = part.is_file() and part.stat().st_size > 0 and _read_meta(meta) is not None
    if not kept:
        _remove(part, meta)
        text = translate(
            "errors",
            "{url} sent nothing for {seconds} s: the server or the network stalled. Try again "
            "later or use another mirror.",
        )
    else:
        text = translate(
            "errors",
            "{url} sent nothing for {seconds} s: the server or the network stalled. Try again "
            "later or use another mirror (the part already downloaded is kept: the next try "
            "resumes it).",
        )
    return DownloadError(text.format(url=url, seconds=format(seconds, "g")))


def _abort(response: requests.Response) -> None:
    """Called on the cancelling thread: end a blocked read now (shutdown wakes recv())."""
    # shutdown() needs urllib3 >= 2.3 and fails once released; close may race the reader.
    with contextlib.suppress(Exception):
        response.raw.shutdown()
    with contextlib.suppress(Exception):
        response.close()


def _raise_for_status(response: requests.Response, url: str) -> None:
    status = response.status_code
    if status in (404, 410):
        raise DownloadError(
            translate(
                "errors",
                "{url} was not found on the server (HTTP {status}): the file may "
                "have moved; check the version or the mirror address.",
            ).format(url=url, status=status)
        )
    if status in (401, 403, 407):
        raise DownloadError(
            translate(
                "errors",
                "The server refused {url} (HTTP {status}): a proxy or the mirror "
                "needs access rights; check the proxy settings or use another "
                "mirror.",
            ).format(url=url, status=status)
        )
    if status >= 500:
        raise _Retry(f"the server answered HTTP {status} for {url}")
    if status >= 400 or status < 200 or status >= 300:
        raise DownloadError(
            translate(
                "errors",
                "The server answered HTTP {status} for {url}: check the URL or use another mirror.",
            ).format(status=status, url=url)
        )


def _content_range_start(value: str) -> int | None:
    # "bytes 100-199/200"
    try:
        unit, _, rest = value.strip().partition(" ")
        if unit.lower() != "bytes":
            return None
        return int(rest.split("-", 1)[0])
    except ValueError:
        return None


def _content_range_total(value: str) -> int | None:
    # "bytes */200" (416) or "bytes 0-1/200"
    total = value.rpartition("/")[2].strip()
    return int(total) if total.isdigit() else None


def _read_meta(meta: Path) -> str | None:
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        validator = data.get("validator")
        return validator if isinstance(validator, str) and validator else None
    except (OSError, ValueError, AttributeError):
        return None


def _write_meta(meta: Path, url: str, validator: str | None) -> None:
    meta.write_text(json.dumps({"url": url, "validator": validator}), encoding="utf-8")


def _hash_file(path: Path, cancel: CancelToken, algorithm: str | None, raw: bool = False) -> Any:
    sha = _hasher(algorithm)
    if algorithm is None:  # no checksum to compare with: the file need not be read
        return sha if raw else sha.hexdigest()
    with open(path, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            cancel.raise_if_set()
            sha.update(block)
    return sha if raw else sha.hexdigest()


def _hasher(algorithm: str | None) -> Any:
    return hashlib.new(algorithm) if algorithm else _NoDigest()


class _NoDigest:
    """Where no checksum is known there is nothing to compare: none is computed either."""

    def update(self, data: bytes) -> None:
        pass

    def hexdigest(self) -> str:
        return ""


def _disk(action, path: Path):
    """Run a file operation; an OSError becomes a DownloadError the user can act on."""
    try:
        return action()
    except requests.RequestException:
        raise
    except fsops.FileBusyError as error:
        raise DownloadError(str(error)) from None
    except OSError as error:
        if fsops.is_disk_full(error):
            raise DownloadError(
                translate(
                    "errors",
                    "Could not write the download to {path}: the disk is full. Free some "
                    "disk space, then try again (the part already downloaded is kept).",
                ).format(path=path)
            ) from None
        raise DownloadError(
            translate(
                "errors",
                "Could not write the download to {path}: {why}. Check the folder's "
                "permissions or choose a folder you can write to, then try again (the "
                "part already downloaded is kept).",
            ).format(path=path, why=error.strerror or str(error))
        ) from None


def _remove(*paths: Path) -> None:
    for path in paths:
        # a leftover part is harmless: the next run truncates or resumes it
        with contextlib.suppress(OSError):
            path.unlink()


def _why(error: BaseException) -> str:
    if isinstance(error, requests.Timeout) or _is_stall(error):
        return translate("errors", "the server did not answer in time")
    if isinstance(error, requests.exceptions.SSLError):
        return translate("errors", "the secure connection failed (certificate problem)")
    if isinstance(error, requests.exceptions.ProxyError):
        return translate("errors", "the proxy refused the connection")
    if isinstance(error, requests.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return translate("errors", "the connection failed or was cut")
    return str(error) or type(error).__name__


def _mb(count: float) -> str:
    return f"{count / 1e6:.1f} MB"


def _progress_text(done: int, total: int | None, fresh: int, elapsed: float) -> str:
    text = _mb(done) + (f" of {_mb(total)}" if total else "")
    if elapsed > 0.2 and fresh > 0:
        speed = fresh / elapsed
        text += f", {_mb(speed)}/s"
        if total and total > done:
            text += ", " + _eta((total - done) / speed) + " left"
    return text


def _eta(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"
