"""Where the planner's index facts come from: the indexes themselves when they answer in time
(cached on disk), else the snapshot bundled with the assistant.

Environment (for tests, mirrors and machines without a network):
  PYTORCH_SETUP_OFFLINE=1          never ask an index; plan from bundled knowledge
  PYTORCH_SETUP_PYPI_SIMPLE=URL    read PyPI's side from this simple index instead
  PYTORCH_SETUP_PYTORCH_SIMPLE=URL read PyTorch's side from this (PEP 503) index instead
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

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
    snapshot for whatever could not be read."""
    base = bundled()
    if offline if offline is not None else offline_by_env():
        return base
    from app.compat.index import IndexClient, ProjectPage

    started = time.monotonic()
    client = client or IndexClient(timeout=timeout)
    bases = index_bases(mirror)
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
    _read_new_metadata(facts, pages, client, remaining)
    provenance.source, provenance.date = "index", facts.date
    provenance.seconds = time.monotonic() - started
    return Loaded(facts, provenance)


def _day(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%d")


def _read_new_metadata(
    facts: IndexFacts, pages: dict[tuple[str, str], Any], client: Any, seconds: float
) -> None:
    """Pins of companion releases and the CUDA runtime of torch releases the snapshot does not
    know yet: one metadata file each, read concurrently within the time left."""
    jobs: list[tuple[str, str, Any]] = []  # (kind, version, IndexFile)
    for project in ("torchvision", "torchaudio"):
        page = pages.get(("pypi", project))
        if page is None:
            continue
        known = facts.pins.setdefault(project, {})
        new = [str(v) for v in facts.versions(project) if str(v) not in known]
        for version in new[:METADATA_LIMIT]:
            file = _pick(page.files, project, version, _any_wheel)
            if file is not None:
                jobs.append((project, version, file))
    torch_page = pages.get(("pypi", "torch"))
    if torch_page is not None:
        new = [str(v) for v in facts.versions("torch") if str(v) not in facts.pypi_cuda]
        for version in new[:METADATA_LIMIT]:
            for arch in ("x86_64", "aarch64"):
                file = _pick(torch_page.files, "torch", version, _manylinux(arch))
                if file is not None:
                    jobs.append((f"linux-{arch}", version, file))
    if not jobs or seconds <= 0:
        return
    lock = threading.Lock()

    def read(job: tuple[str, str, Any]) -> None:
        kind, version, file = job
        text = client.metadata(file)
        if text is None:
            return
        with lock:
            if kind.startswith("linux-"):  # a torch wheel: its platform
                cuda = cuda_runtime(text, kind.split("-", 1)[1])
                facts.pypi_cuda.setdefault(version, {})[kind] = cuda or "cpu"
            else:
                facts.pins[kind][version] = torch_requirement(text)

    pool = ThreadPoolExecutor(max_workers=6, thread_name_prefix="index-metadata")
    futures = [pool.submit(read, job) for job in jobs]
    done, pending = wait_futures(futures, timeout=seconds)
    pool.shutdown(wait=False, cancel_futures=True)
    for future in done:
        if future.exception() is not None:
            log.info("index metadata: %s", future.exception())
    if pending:
        log.info("index metadata: %d files not read in time", len(pending))


def _any_wheel(name: str) -> bool:
    return True


def _manylinux(arch: str) -> Callable[[str], bool]:
    def wanted(name: str) -> bool:
        return "manylinux" in name and name.endswith(f"_{arch}.whl")

    return wanted


def _pick(files: Any, project: str, version: str, wanted: Callable[[str], bool]) -> Any:
    """One wheel of a release to read metadata from (not yanked, no local label)."""
    for file in files:
        wheel = parse_wheel(project, Row(file.filename))
        if wheel is None or str(wheel.version) != version or wheel.variant:
            continue
        if file.yanked is None and wanted(file.filename):
            return file
    return None
