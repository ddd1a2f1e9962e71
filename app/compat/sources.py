"""Where the planner's index facts come from: the indexes themselves when they answer in time
(cached on disk), else the snapshot bundled with the assistant.

Environment (for tests, mirrors and machines without a network):
  PYTORCH_SETUP_OFFLINE=1          never ask an index; plan from bundled knowledge
  PYTORCH_SETUP_PYPI_SIMPLE=URL    read PyPI's side from this simple index instead
  PYTORCH_SETUP_PYTORCH_SIMPLE=URL read PyTorch's side from this (PEP 503) index instead
"""

from __future__ import annotations

import functools
import json
import logging
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

from app.compat.index_facts import (
    PROJECTS,
    SOURCES,
    IndexFacts,
    Row,
    cuda_runtime,
    parse_wheel,
    rows_from_files,
    torch_requirement,
)
from app.compat.knowledge import resource

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 4.0  # seconds for all index pages together: a slow index falls back at once
METADATA_LIMIT = 12  # new companion releases read per plan (each once: cached forever)
PAGE_TTL = 6 * 3600.0  # seconds an index page read is trusted before it is asked again
FACTS_FILE = "facts.json"  # in the index cache folder: what the pages there gave, merged
FACTS_FORMAT = 1


def preload() -> None:
    """Import what reading the indexes and pip's dry run need (the wizard calls this on its GUI
    thread before a worker starts: Qt's import hook is not thread-safe)."""
    import app.compat.index
    import app.compat.resolve
    import app.compat.settle  # noqa: F401

    bundled_facts()


@functools.cache
def bundled_facts() -> IndexFacts:
    data = resource("index_snapshot")
    return IndexFacts.from_dict(data["facts"], origin="bundled")


def offline_by_env() -> bool:
    return os.environ.get("PYTORCH_SETUP_OFFLINE", "").strip().lower() in ("1", "true", "yes")


def index_bases(mirror: str | None = None) -> dict[str, str]:
    from app.compat.index import PYPI_SIMPLE, PYTORCH_SIMPLE

    pypi = mirror or os.environ.get("PYTORCH_SETUP_PYPI_SIMPLE") or PYPI_SIMPLE
    pytorch = os.environ.get("PYTORCH_SETUP_PYTORCH_SIMPLE") or PYTORCH_SIMPLE
    return {"pypi": pypi.rstrip("/"), "pytorch": pytorch.rstrip("/")}


@dataclass
class Provenance:
    """What plan JSON says about the knowledge behind it."""

    source: str  # "index" | "bundled"
    date: str  # when the facts were read (index) or recorded (bundled)
    pages: dict[str, str] = field(default_factory=dict)  # "pypi/torch" → live|cache|stale|bundled
    problems: list[str] = field(default_factory=list)  # index pages that could not be read
    seconds: float = 0.0  # time spent asking the indexes

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "date": self.date,
            "pages": dict(self.pages),
            "problems": list(self.problems),
        }


@dataclass
class Loaded:
    facts: IndexFacts
    provenance: Provenance


_current: Loaded | None = None


def use(loaded: Loaded) -> None:
    """Plan from these facts from now on in this process (the CLI and the wizard's scan read
    the indexes once; every later plan uses what they found)."""
    global _current
    _current = loaded


def current() -> Loaded:
    return _current or bundled()


def current_facts() -> IndexFacts:
    return current().facts


def bundled() -> Loaded:
    facts = bundled_facts()
    pages = {f"{s}/{p}": "bundled" for (s, p) in facts.rows}
    return Loaded(facts, Provenance("bundled", facts.date, pages))


def read_indexes(
    *,
    client: Any = None,
    mirror: str | None = None,
    refresh: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    offline: bool | None = None,
) -> Loaded:
    """The index facts as the indexes give them now (bounded by `timeout`), over the bundled
    snapshot for whatever could not be read. While every page is fresh in the cache, the facts
    merged from those pages last time (FACTS_FILE beside them) are used as they are."""
    if offline if offline is not None else offline_by_env():
        return bundled()
    started = time.monotonic()
    if not refresh:
        kept = _read_facts(client, mirror)
        if kept is not None:
            kept.provenance.seconds = time.monotonic() - started
            return kept
    from app.compat.index import IndexClient, ProjectPage

    base = bundled()
    bases = index_bases(mirror)
    client = client or IndexClient(_cache_dir(None), ttl=PAGE_TTL, timeout=timeout)
    wanted = [(bases[s], p) for s in SOURCES for p in PROJECTS]
    answers = client.pages(wanted, refresh=refresh)
    rows = dict(base.facts.rows)
    provenance = Provenance("bundled", base.facts.date, dict(base.provenance.pages))
    fetched: list[float] = []
    pages: dict[tuple[str, str], Any] = {}
    for source in SOURCES:
        for project in PROJECTS:
            answer = answers.get((bases[source], project))
            key = f"{source}/{project}"
            if isinstance(answer, ProjectPage):
                rows[(source, project)] = rows_from_files(answer.files)
                provenance.pages[key] = answer.origin
                fetched.append(answer.fetched_at)
                pages[(source, project)] = answer
            elif answer is not None:
                provenance.problems.append(f"{bases[source]}/{project}/: {answer.why}")
    if not fetched:
        provenance.seconds = time.monotonic() - started
        return Loaded(base.facts, provenance)
    facts = IndexFacts(
        rows=rows,
        pins={p: dict(v) for p, v in base.facts.pins.items()},
        pypi_cuda={t: dict(v) for t, v in base.facts.pypi_cuda.items()},
        origin="index",
        date=_day(min(fetched)),
    )
    remaining = max(0.0, timeout - (time.monotonic() - started))
    complete = _read_new_metadata(facts, pages, client, remaining)
    provenance.source, provenance.date = "index", facts.date
    provenance.seconds = time.monotonic() - started
    every_page = len(pages) == len(SOURCES) * len(PROJECTS)
    if complete and every_page and all(p.origin in ("live", "cache") for p in pages.values()):
        _write_facts(client, mirror, facts, {k: p.fetched_at for k, p in pages.items()})
    return Loaded(facts, provenance)


# -- the merged facts, kept ----------------------------------------------------------------
# A plan with a warm cache would otherwise parse every cached page (about 2 MB of JSON,
# 8,000 files) again into the same facts; this file holds them as the snapshot does. It stands
# for the pages only while each is still fresh by the fetch time it was made from; anything
# else (a refresh, a page that could not be read or a metadata file not read in time, another
# mirror, another snapshot or version of the assistant) goes back to the pages themselves.


def _cache_dir(client: Any) -> Path:
    if client is not None:
        return Path(client.cache_dir)
    from app.paths import state_dir

    return state_dir() / "index-cache"


def _facts_key(mirror: str | None) -> dict[str, Any]:
    from app import __version__
    from app.compat.knowledge import compat_dir

    try:
        stat = (compat_dir() / "index_snapshot.json").stat()
        snapshot = [stat.st_size, stat.st_mtime_ns]
    except OSError:
        snapshot = None
    # What index_bases() is made of (its defaults come with the version): the kept facts are
    # found without importing the index client.
    where = [mirror, *(os.environ.get(f"PYTORCH_SETUP_{s}_SIMPLE") for s in ("PYPI", "PYTORCH"))]
    return {"format": FACTS_FORMAT, "version": __version__, "snapshot": snapshot, "where": where}


def _read_facts(client: Any, mirror: str | None) -> Loaded | None:
    path = _cache_dir(client) / FACTS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("key") != _facts_key(mirror):
            return None
        ttl = getattr(client, "ttl", PAGE_TTL)
        now = getattr(client, "clock", time.time)()
        fetched = data["fetched_at"]
        wanted = {f"{s}/{p}" for s in SOURCES for p in PROJECTS}
        if set(fetched) != wanted or not all(0 <= now - float(fetched[k]) < ttl for k in wanted):
            return None
        facts = IndexFacts.from_dict(data["facts"], origin="index")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        log.info("index facts %s cannot be used (%s); the pages are read", path, exc)
        return None
    provenance = Provenance("index", facts.date, {k: "cache" for k in sorted(wanted)})
    return Loaded(facts, provenance)


def _write_facts(
    client: Any, mirror: str | None, facts: IndexFacts, fetched: dict[tuple[str, str], float]
) -> None:
    from app.compat.index import _write_atomic

    data = {
        "key": _facts_key(mirror),
        "fetched_at": {f"{s}/{p}": at for (s, p), at in fetched.items()},
        "facts": facts.to_dict(),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    _write_atomic(_cache_dir(client) / FACTS_FILE, text.encode("utf-8"))


def _day(epoch: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(epoch))


def _read_new_metadata(
    facts: IndexFacts, pages: dict[tuple[str, str], Any], client: Any, seconds: float
) -> bool:
    """Pins of companion releases and the CUDA runtime of torch releases the snapshot does not
    know yet: one metadata file each, read concurrently within the time left. True when every
    one that could be read was."""
    jobs: list[tuple[str, str, Any]] = []  # (kind, version, IndexFile)
    complete = True
    for project in ("torchvision", "torchaudio"):
        page = pages.get(("pypi", project))
        if page is None:
            continue
        known = facts.pins.setdefault(project, {})
        new = [str(v) for v in _unknown(facts.versions(project), known)]
        complete = complete and len(new) <= METADATA_LIMIT
        for version in new[:METADATA_LIMIT]:
            file = metadata_wheel(page.files, project, version)
            if file is not None:
                jobs.append((project, version, file))
    torch_page = pages.get(("pypi", "torch"))
    if torch_page is not None:
        new = [str(v) for v in _unknown(facts.versions("torch"), facts.pypi_cuda)]
        complete = complete and len(new) <= METADATA_LIMIT
        for version in new[:METADATA_LIMIT]:
            for arch in ("x86_64", "aarch64"):
                file = metadata_wheel(torch_page.files, "torch", version, f"_{arch}.whl")
                if file is not None and "manylinux" in file.filename:
                    jobs.append((f"linux-{arch}", version, file))
    if not jobs:
        return complete
    if seconds <= 0:
        return False
    lock = threading.Lock()
    unread: list[str] = []

    def read(job: tuple[str, str, Any]) -> None:
        kind, version, file = job
        text = client.metadata(file)
        if text is None:
            unread.append(file.filename)
            return
        with lock:
            if kind.startswith("linux-"):  # a torch wheel: its platform
                cuda = cuda_runtime(text, kind.split("-", 1)[1])
                facts.pypi_cuda.setdefault(version, {})[kind] = cuda or "cpu"
            else:
                facts.pins[kind][version] = torch_requirement(text)

    from concurrent.futures import ThreadPoolExecutor
    from concurrent.futures import wait as wait_futures

    pool = ThreadPoolExecutor(max_workers=6, thread_name_prefix="index-metadata")
    futures = [pool.submit(read, job) for job in jobs]
    done, pending = wait_futures(futures, timeout=seconds)
    pool.shutdown(wait=False, cancel_futures=True)
    for future in done:
        if future.exception() is not None:
            log.info("index metadata: %s", future.exception())
    if pending:
        log.info("index metadata: %d files not read in time", len(pending))
    failed = any(future.exception() is not None for future in done)
    return complete and not pending and not failed and not unread


def _unknown(listed: list[Version], known: Mapping[str, Any]) -> list[Version]:
    """Listed versions the snapshot does not know, except those older than all it knows: the
    snapshot leaves those out on purpose (torch before 2.0, torchvision before 0.9), and their
    metadata, read again on every plan, would only cost time."""
    oldest = min((v for k in known if (v := _version(k)) is not None), default=None)
    return [v for v in listed if str(v) not in known and (oldest is None or v > oldest)]


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def metadata_wheel(files: Any, project: str, version: str, ending: str = "") -> Any:
    """The wheel of a release whose metadata speaks for it (not yanked, no local label, its
    name ending so): a manylinux x86_64 one first, then another manylinux, then Windows, then
    the rest. Old ARM64 builds name torch without the version their x86_64 twin pins
    (torchvision 0.11.3 for aarch64 says `torch`, for x86_64 `torch==1.10.2`)."""

    def rank(name: str) -> int:
        linux = "manylinux" in name
        return 0 if linux and "x86_64" in name else 1 if linux else 2 if "win_amd64" in name else 3

    usable = []
    for file in files:
        wheel = parse_wheel(project, Row(file.filename))
        same = wheel is not None and str(wheel.version) == version and not wheel.variant
        if same and file.yanked is None and file.filename.endswith(ending):
            usable.append(file)
    return min(usable, key=lambda file: rank(file.filename), default=None)
