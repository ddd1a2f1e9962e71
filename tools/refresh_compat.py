"""Regenerate the index-derived rows of resources/compat/ from the package indexes themselves.

Run by hand after each PyTorch release (never by tests):

    .venv/bin/python tools/refresh_compat.py            # read the indexes, rewrite the files
    .venv/bin/python tools/refresh_compat.py --check    # say what would change, write nothing

It writes
- resources/compat/index_snapshot.json: every torch/torchvision/torchaudio wheel PyPI (and
  PyTorch's index, where reachable) lists, with Requires-Python and yanks; the torch requirement
  of each torchvision/torchaudio release and the CUDA runtime of PyPI's Linux torch builds, read
  from their metadata (PEP 658, else the wheel's METADATA through HTTP Range requests);
- resources/compat/releases.json: a row for each torch release newer than its newest one (or a
  new patch of a known series), built by app.compat.index_releases exactly as the planner builds
  it at run time, with the date and the indexes it came from; `torchaudio_last`.

What an index cannot tell (kernels per GPU architecture, driver minima, notes) stays as curated.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from packaging.version import Version  # noqa: E402

from app.compat.index import IndexClient, PageProblem  # noqa: E402
from app.compat.index_facts import (  # noqa: E402
    PROJECTS,
    SOURCES,
    IndexFacts,
    Row,
    cuda_runtime,
    parse_wheel,
    rows_from_files,
    torch_requirement,
)
from app.compat.sources import index_bases, metadata_wheel  # noqa: E402

COMPAT = ROOT / "resources" / "compat"
OLDEST = {"torch": Version("1.8"), "torchvision": Version("0.9"), "torchaudio": Version("0.8")}
SNAPSHOT_SCHEMA = "pytorch-setup/compat-index-snapshot/1"


def read(client: IndexClient, bases: dict[str, str]) -> tuple[IndexFacts, dict[str, str]]:
    wanted = [(bases[s], p) for s in SOURCES for p in PROJECTS]
    answers = client.pages(wanted, refresh=True)
    rows: dict[tuple[str, str], list[Row]] = {}
    files = {}
    said = {}
    for source in SOURCES:
        for project in PROJECTS:
            answer = answers[(bases[source], project)]
            where = f"{bases[source]}/{project}/"
            if isinstance(answer, PageProblem):
                said[f"{source}/{project}"] = f"{where} not read: {answer.why}"
                continue
            kept = [
                f
                for f in answer.files
                if (w := parse_wheel(project, Row(f.filename))) and w.version >= OLDEST[project]
            ]
            rows[(source, project)] = rows_from_files(kept)
            files[(source, project)] = kept
            said[f"{source}/{project}"] = f"{where} ({len(kept)} wheels)"
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    facts = IndexFacts(rows=rows, origin="index", date=today)
    for project in ("torchvision", "torchaudio"):
        for version in facts.versions(project):
            file = metadata_wheel(files.get(("pypi", project), []), project, str(version))
            text = client.metadata(file) if file else None
            if text is not None:
                facts.pins.setdefault(project, {})[str(version)] = torch_requirement(text)
    for version in facts.versions("torch"):
        if version < Version("2.0"):
            continue
        for arch in ("x86_64", "aarch64"):
            pypi_torch = files.get(("pypi", "torch"), [])
            file = metadata_wheel(pypi_torch, "torch", str(version), f"_{arch}.whl")
            text = client.metadata(file) if file and "manylinux" in file.filename else None
            if text is not None:
                cuda = cuda_runtime(text, arch) or "cpu"
                facts.pypi_cuda.setdefault(str(version), {})[f"linux-{arch}"] = cuda
    return facts, said


def snapshot(facts: IndexFacts, said: dict[str, str]) -> dict:
    return {
        "schema": SNAPSHOT_SCHEMA,
        "about": (
            "What the package indexes listed for torch, torchvision and torchaudio when "
            "tools/refresh_compat.py last ran: every wheel file name (its tags give Python, "
            "platform, macOS minimum, free-threading), Requires-Python and yanks; the torch "
            "requirement of each companion release and the CUDA runtime of PyPI's Linux torch "
            "builds, from their metadata. The planner uses it offline; online, the indexes' own "
            "answers replace it."
        ),
        "sources": {"read": facts.date, **said},
        "facts": facts.to_dict(),
    }


def new_releases(facts: IndexFacts, releases: dict) -> list[str]:
    """Add rows for releases the indexes list and releases.json lacks; the versions added."""
    from app.compat.index_releases import index_only_releases
    from app.compat.knowledge import Release

    bundled = [
        Release(Version(patch), series, facts)
        for series in releases["series"]
        for patch in series["patches"]
    ]
    added = []
    by_name = {s["series"]: s for s in releases["series"]}
    for release in index_only_releases(facts, bundled):
        series = dict(release.series)
        series["status"] = "confirmed"  # each fact as the index listed it on that day
        if release.name in by_name:
            by_name[release.name]["patches"][release.version] = series["patches"][release.version]
        else:
            series["source"] = ["INDEX"]
            if not release.series.get("variants_known"):
                series["note"] += (
                    "; PyTorch's own index was not read: PyPI's builds are known, its CPU "
                    "build is assumed and its other CUDA builds are unknown"
                )
            by_name[release.name] = series
            releases["series"].insert(0, series)
        added.append(release.version)
    releases["series"].sort(key=lambda s: Version(s["series"]), reverse=True)
    audio = facts.versions("torchaudio")
    if audio:
        releases["torchaudio_last"] = str(audio[0])
    releases["sources"]["INDEX"] = (
        f"the package indexes (PyPI's simple API, PEP 691, and wheel metadata) read by "
        f"tools/refresh_compat.py on {facts.date}"
    )
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; say what changes")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    client = IndexClient(cache_dir=ROOT / "build" / "index-cache", timeout=args.timeout)
    facts, said = read(client, index_bases())
    for line in said.values():
        print(line)
    releases_path = COMPAT / "releases.json"
    releases = json.loads(releases_path.read_text("utf-8"))
    added = new_releases(facts, releases)
    print(f"releases new to releases.json: {', '.join(added) or 'none'}")
    print(f"torchaudio_last: {releases['torchaudio_last']}")
    if args.check:
        return 0
    snapshot_path = COMPAT / "index_snapshot.json"
    text = json.dumps(snapshot(facts, said), ensure_ascii=False, separators=(",", ":"))
    snapshot_path.write_text(text + "\n", encoding="utf-8")
    releases_path.write_text(
        json.dumps(releases, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {snapshot_path} ({len(text) // 1024} KiB) and {releases_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
