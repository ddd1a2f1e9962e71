"""A remote wheel's core metadata (its .dist-info/METADATA) without downloading the wheel.

Indexes that do not serve PEP 658 metadata files still serve wheels from hosts that answer HTTP
Range requests. A wheel is a zip: its directory sits at the end, so the last ~64 KiB (the end
record and usually the directory's tail, where the .dist-info entries are written last) and
then the one member are enough: two requests for a torch wheel of several hundred MB, one when
the member is inside the tail already read.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from packaging.utils import (
    InvalidWheelFilename,
    NormalizedName,
    canonicalize_name,
    parse_wheel_filename,
)
from packaging.version import InvalidVersion, Version

from app.errors import StepError
from app.text import translate

# The end record (22 bytes) may carry a comment of up to 65535 bytes; the zip64 locator (20) and
# end record (56) sit just before it. The tail read covers all of them.
TAIL_BYTES = 64 * 1024 + 1024
# A server that ignores Range sends the whole wheel: small ones (tests, tiny projects) are fine.
MAX_WHOLE_BODY = 64 * 1024 * 1024
MAX_METADATA = 16 * 1024 * 1024  # a METADATA this large is not one (a zip bomb, a broken wheel)

EOCD = b"PK\x05\x06"
ZIP64_LOCATOR = b"PK\x06\x07"
ZIP64_EOCD = b"PK\x06\x06"
CENTRAL = b"PK\x01\x02"
LOCAL = b"PK\x03\x04"
CENTRAL_HEADER = struct.Struct("<4sHHHHHHIIIHHHHHII")  # 46 bytes
LOCAL_HEADER_SIZE = 30
UTF8_NAMES = 0x800
STORED, DEFLATED = 0, 8
METADATA_NAME = re.compile(r"[^/]+\.dist-info/METADATA")


class WheelMetadataError(StepError):
    """The wheel's METADATA could not be read; the message is the short reason."""


@dataclass(frozen=True)
class _Entry:
    name: str
    method: int
    crc: int
    compressed: int
    size: int
    offset: int  # of its local header, from the start of the file


def remote_metadata(url: str, session: Any, timeout: float = 10.0) -> str:
    """A remote wheel's *.dist-info/METADATA text, read with HTTP Range requests (the zip's end of
    central directory and central directory from the tail, then the one member), without
    downloading the wheel (torch wheels are 100–550 MB)."""
    remote = _RemoteFile(url, session, timeout)
    directory = _Directory.read(remote)
    wanted = _wheel_name_version(url)
    entries = directory.tail_entries()
    member = _choose(entries, wanted, complete=False)
    if member is None:  # not certain from the tail: read the whole directory
        entries = directory.all_entries()
        member = _choose(entries, wanted, complete=True)
    assert member is not None  # complete=True raises instead
    return _member_text(remote, member, _member_end(member, entries, directory.start))


class _RemoteFile:
    """The bytes of a remote file, asked for by range and kept once read."""

    def __init__(self, url: str, session: Any, timeout: float) -> None:
        self.url, self.session, self.timeout = url, session, timeout
        self.size = 0
        self.known: list[tuple[int, bytes]] = []  # (start, bytes) already read
        self.tail_start = 0
        self.requests = 0

    def read_tail(self) -> bytes:
        start, data = self._get(f"bytes=-{TAIL_BYTES}")
        self.tail_start = start
        return data

    def read(self, start: int, end: int) -> bytes:
        """Bytes [start, end) of the file."""
        if start < 0 or end > self.size or start > end:
            raise _damaged()
        for known_start, data in self.known:
            if known_start <= start and end <= known_start + len(data):
                return data[start - known_start : end - known_start]
        if start == end:
            return b""
        got_start, data = self._get(f"bytes={start}-{end - 1}")
        if got_start > start or got_start + len(data) < end:
            raise _unexpected_range()
        return data[start - got_start : end - got_start]

    def _get(self, byte_range: str) -> tuple[int, bytes]:
        """One request: (where the bytes start in the file, the bytes)."""
        # identity: a range of a compressed representation would not be bytes of the wheel
        headers = {"Range": byte_range, "Accept-Encoding": "identity"}
        self.requests += 1
        try:
            response = self.session.get(
                self.url, headers=headers, timeout=self.timeout, stream=True
            )
            with closing(response):
                return self._answer(response)
        except OSError as exc:  # requests' errors are OSErrors too
            raise WheelMetadataError(_network_reason(exc)) from exc

    def _answer(self, response: Any) -> tuple[int, bytes]:
        status = response.status_code
        if status == 200:  # the server ignored Range: the whole file, if it is small enough
            length = response.headers.get("Content-Length")
            if length is not None and length.isdigit() and int(length) > MAX_WHOLE_BODY:
                raise _no_ranges()
            data = _body(response, MAX_WHOLE_BODY, _no_ranges)
            self.size = len(data)
            self.known.append((0, data))
            return 0, data
        if status != 206:
            raise WheelMetadataError(
                translate("errors", "the server answered HTTP {status}").format(status=status)
            )
        got = re.fullmatch(
            r"\s*bytes\s+(\d+)-(\d+)/(\d+)\s*", response.headers.get("Content-Range", "")
        )
        if got is None:
            raise _unexpected_range()
        first, last, size = (int(n) for n in got.groups())
        if not first <= last < size:
            raise _unexpected_range()
        data = _body(response, last - first + 1, _unexpected_range)
        if len(data) != last - first + 1:
            raise _unexpected_range()
        if self.size and size != self.size:  # the file changed between two requests
            raise _unexpected_range()
        self.size = size
        self.known.append((first, data))
        return first, data


class _Directory:
    """Where the zip's central directory is, and the part of it the tail holds."""

    def __init__(self, remote: _RemoteFile, tail: bytes, start: int, end: int, shift: int):
        self.remote, self.tail = remote, tail
        self.start, self.end = start, end  # [start, end) in the file
        self.shift = shift  # bytes before the zip proper (offsets in the zip count from there)

    @classmethod
    def read(cls, remote: _RemoteFile) -> _Directory:
        tail = remote.read_tail()
        at = _find_end_record(tail)
        _sig, _disk, _cd_disk, _n_disk, _n, cd_size, cd_offset, _comment = struct.unpack_from(
            "<4sHHHHIIH", tail, at
        )
        record_start = remote.tail_start + at  # the record that follows the directory
        locator = at - 20
        if locator >= 0 and tail[locator : locator + 4] == ZIP64_LOCATOR:
            # the zip64 end record lies just before its locator (zipfile assumes so too)
            record_start = remote.tail_start + locator - 56
            if record_start < 0:
                raise _damaged()
            record = remote.read(record_start, record_start + 56)
            if record[:4] != ZIP64_EOCD:
                raise _damaged()
            cd_size, cd_offset = struct.unpack_from("<QQ", record, 40)
        start = record_start - cd_size
        if start < 0 or cd_offset > start:
            raise _damaged()
        return cls(remote, tail, start, record_start, shift=start - cd_offset)

    def tail_entries(self) -> list[_Entry]:
        """The directory's entries the tail holds (all, or its last ones; maybe none)."""
        tail_start = self.remote.tail_start
        first = max(self.start, tail_start) - tail_start
        stop = self.end - tail_start
        at = self.tail.find(CENTRAL, first, stop)
        while at >= 0:
            entries = _parse_entries(self.tail, at, stop, self.shift)
            if entries is not None:
                return entries
            at = self.tail.find(CENTRAL, at + 1, stop)
        return []

    def all_entries(self) -> list[_Entry]:
        entries = _parse_entries(
            self.remote.read(self.start, self.end), 0, self.end - self.start, self.shift
        )
        if entries is None:
            raise _damaged()
        return entries


def _find_end_record(tail: bytes) -> int:
    """Where the end-of-central-directory record starts in the tail."""
    plausible = -1
    at = tail.rfind(EOCD)
    while at >= 0:
        if at + 22 <= len(tail):
            (comment,) = struct.unpack_from("<H", tail, at + 20)
            if at + 22 + comment == len(tail):
                return at
            plausible = max(plausible, at)  # trailing bytes after the zip: tolerated
        at = tail.rfind(EOCD, 0, at)
    if plausible < 0:
        raise WheelMetadataError(translate("errors", "not a zip file (not a wheel)"))
    return plausible


def _parse_entries(data: bytes, at: int, stop: int, shift: int) -> list[_Entry] | None:
    """The directory entries from `at` to exactly `stop`, or None if they do not chain up."""
    entries = []
    while at < stop:
        if at + CENTRAL_HEADER.size > stop:
            return None
        fields = CENTRAL_HEADER.unpack_from(data, at)
        (sig, _made, _needed, flags, method, _time, _date, crc, compressed, size) = fields[:10]
        name_len, extra_len, comment_len, _disk, _internal, _external, offset = fields[10:]
        if sig != CENTRAL:
            return None
        name_at = at + CENTRAL_HEADER.size
        after = name_at + name_len + extra_len + comment_len
        if after > stop:
            return None
        raw_name = data[name_at : name_at + name_len]
        name = raw_name.decode("utf-8" if flags & UTF8_NAMES else "cp437", "replace")
        extra = data[name_at + name_len : name_at + name_len + extra_len]
        size, compressed, offset = _zip64_sizes(extra, size, compressed, offset)
        entries.append(_Entry(name, method, crc, compressed, size, offset + shift))
        at = after
    return entries


def _zip64_sizes(extra: bytes, size: int, compressed: int, offset: int) -> tuple[int, int, int]:
    """Sizes and offset from the zip64 extra field where the 32-bit fields are saturated."""
    at = 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, at)
        if kind == 1:
            values = extra[at + 4 : at + 4 + length]
            pos = 0
            saturated = []
            for value in (size, compressed, offset):
                if value == 0xFFFFFFFF and pos + 8 <= len(values):
                    (value,) = struct.unpack_from("<Q", values, pos)
                    pos += 8
                saturated.append(value)
            return saturated[0], saturated[1], saturated[2]
        at += 4 + length
    return size, compressed, offset


def _wheel_name_version(url: str) -> tuple[NormalizedName, Version] | None:
    filename = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    try:
        name, version, _build, _tags = parse_wheel_filename(filename)
    except InvalidWheelFilename:
        return None
    return name, version


def _names_wheel(entry: _Entry, wanted: tuple[NormalizedName, Version] | None) -> bool:
    folder = entry.name.split("/", 1)[0].removesuffix(".dist-info")
    name, _, version = folder.rpartition("-")
    if wanted is None or not name:
        return False
    try:
        return (canonicalize_name(name), Version(version)) == wanted
    except InvalidVersion:
        return False


def _choose(
    entries: list[_Entry], wanted: tuple[NormalizedName, Version] | None, complete: bool
) -> _Entry | None:
    """The METADATA entry: the one of the wheel's own name-version where there are several.
    From an incomplete list only a certain answer (named for the wheel), else None."""
    candidates = [e for e in entries if METADATA_NAME.fullmatch(e.name)]
    named = [e for e in candidates if _names_wheel(e, wanted)]
    if len(named) == 1:
        return named[0]
    if not complete:
        return None
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise WheelMetadataError(translate("errors", "the wheel has no .dist-info/METADATA"))
    raise WheelMetadataError(
        translate("errors", "the wheel has several .dist-info folders, none named for it")
    )


def _member_end(member: _Entry, entries: list[_Entry], directory_start: int) -> int:
    """Where the member's bytes end at the latest: the next local header, else the directory;
    never further than its largest possible header, data and data descriptor."""
    later = [e.offset for e in entries if e.offset > member.offset]
    bound = min([*later, directory_start])
    largest = LOCAL_HEADER_SIZE + 2 * 0xFFFF + member.compressed + 24
    return min(bound, member.offset + largest)


def _member_text(remote: _RemoteFile, member: _Entry, end: int) -> str:
    if member.size > MAX_METADATA or member.compressed > MAX_METADATA:
        raise WheelMetadataError(translate("errors", "the wheel's METADATA is too large"))
    if member.method not in (STORED, DEFLATED):
        raise WheelMetadataError(
            translate("errors", "the wheel's METADATA is compressed with method {method}").format(
                method=member.method
            )
        )
    local = remote.read(member.offset, end)
    if len(local) < LOCAL_HEADER_SIZE or local[:4] != LOCAL:
        raise _damaged()
    name_len, extra_len = struct.unpack_from("<HH", local, 26)
    data_at = LOCAL_HEADER_SIZE + name_len + extra_len
    data = local[data_at : data_at + member.compressed]
    if len(data) != member.compressed:
        raise _damaged()
    raw = data if member.method == STORED else _inflate(data)
    if len(raw) != member.size or zlib.crc32(raw) != member.crc:
        raise _damaged()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WheelMetadataError(
            translate("errors", "the wheel's METADATA is not UTF-8 text")
        ) from None


def _inflate(data: bytes) -> bytes:
    try:
        inflater = zlib.decompressobj(-15)  # raw deflate, as zip stores it
        raw = inflater.decompress(data, MAX_METADATA + 1)
    except zlib.error:
        raise _damaged() from None
    if len(raw) > MAX_METADATA:
        raise WheelMetadataError(translate("errors", "the wheel's METADATA is too large"))
    return raw


def _body(response: Any, limit: int, too_large: Callable[[], WheelMetadataError]) -> bytes:
    """The response body, refusing more than `limit` bytes."""
    chunks, total = [], 0
    for chunk in response.iter_content(chunk_size=64 * 1024):
        total += len(chunk)
        if total > limit:
            raise too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _network_reason(exc: OSError) -> str:
    import requests

    if isinstance(exc, requests.Timeout):
        return translate("errors", "the server did not answer in time")
    return translate("errors", "the server could not be reached")


def _no_ranges() -> WheelMetadataError:
    return WheelMetadataError(translate("errors", "the server does not serve parts of files"))


def _unexpected_range() -> WheelMetadataError:
    return WheelMetadataError(translate("errors", "the server sent other bytes than asked for"))


def _damaged() -> WheelMetadataError:
    return WheelMetadataError(translate("errors", "the wheel's zip file is damaged"))
