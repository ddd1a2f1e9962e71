"""The real package index, recorded (tests/fixtures/index/, written by
tools/record_index_fixtures.py): PyPI's PEP 691 pages for torch, torchvision and torchaudio, and
the core metadata headers of chosen wheels. Tests read them here; nothing goes online."""

from __future__ import annotations

import functools
import gzip
import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "index"
PROJECTS = ("torch", "torchvision", "torchaudio")


def recorded_page(project: str) -> dict:
    """The project's PEP 691 page as PyPI served it (a fresh dict each call: tests may edit it)."""
    if project not in PROJECTS:
        raise KeyError(f"no recorded page for {project!r} (recorded: {', '.join(PROJECTS)})")
    return json.loads(_page_bytes(project))


def recorded_metadata() -> dict[str, str]:
    """Wheel filename → its METADATA header fields (the long description is not recorded)."""
    return dict(_metadata())


def recorded_at() -> str:
    """When the pages were recorded (UTC, ISO 8601)."""
    info = json.loads((FIXTURES / "pypi" / "recorded.json").read_text("utf-8"))
    return str(info["recorded_at"])


@functools.cache
def _page_bytes(project: str) -> bytes:
    return gzip.decompress((FIXTURES / "pypi" / f"{project}.json.gz").read_bytes())


@functools.cache
def _metadata() -> dict[str, str]:
    suffix = ".metadata"
    return {
        path.name[: -len(suffix)]: path.read_text("utf-8")
        for path in sorted((FIXTURES / "metadata").glob(f"*{suffix}"))
    }
