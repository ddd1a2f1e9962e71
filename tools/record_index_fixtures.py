"""Record the real package index into tests/fixtures/index/ (run by hand, never by tests).

What it records (see tests/fixtures/index/README.md for how tests read it):

- pypi/{torch,torchvision,torchaudio}.json.gz: PyPI's PEP 691 simple-API pages, byte for byte
  as served (gzip-compressed here to keep the repository small), and pypi/recorded.json: when and
  from which URL each page was recorded.
- metadata/<wheel filename>.metadata: the core metadata headers of chosen wheels (everything
  before the first blank line: the long description is dropped), read with
  app.compat.wheel_metadata.remote_metadata (HTTP Range requests; no wheel is downloaded), and
  metadata/recorded.json: when and from which URL each was read. The wheels:
    * torchvision >= 0.9.0 and torchaudio >= 0.8.0: one wheel per release (the cp311 or py3
      manylinux x86_64 wheel, else the newest CPython manylinux x86_64 one, else any wheel of
      that version); releases whose files are all yanked are skipped (and listed on stdout);
    * torch 2.10.0 ... 2.15.x (every patch, and every build number of it): the manylinux
      x86_64, win_amd64 and macOS arm64 wheels for CPython 3.11 (else 3.12).

Run from the repository root, with network access to pypi.org and files.pythonhosted.org:

    .venv/bin/python tools/record_index_fixtures.py            # pages and metadata
    .venv/bin/python tools/record_index_fixtures.py --pages    # the pages only

It replaces what is there: review `git diff --stat tests/fixtures/index` before committing.
download.pytorch.org is not recorded (it was not reachable where this was written).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import requests
from packaging.utils import parse_wheel_filename
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.compat.wheel_metadata import WheelMetadataError, remote_metadata  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "index"
SIMPLE = "https://pypi.org/simple/{project}/"
JSON_TYPE = "application/vnd.pypi.simple.v1+json"
PROJECTS = ("torch", "torchvision", "torchaudio")
FIRST = {"torchvision": Version("0.9.0"), "torchaudio": Version("0.8.0")}
TORCH_RANGE = (Version("2.10.0"), Version("2.16.0"))  # [first, past the last)
TORCH_PLATFORMS = ("manylinux_x86_64", "win_amd64", "macosx_arm64")
THREADS = 6  # polite: a handful of small Range requests at a time
PAUSE = 0.05  # seconds between one thread's requests


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def record_pages(session: requests.Session) -> dict[str, dict]:
    """Each project's PEP 691 page, stored as served; returns the pages parsed."""
    folder = FIXTURES / "pypi"
    folder.mkdir(parents=True, exist_ok=True)
    pages, recorded = {}, {}
    for project in PROJECTS:
        url = SIMPLE.format(project=project)
        response = session.get(url, headers={"Accept": JSON_TYPE}, timeout=60)
        response.raise_for_status()
        content_type = response.headers.get("Content-Type", "")
        if not content_type.startswith(JSON_TYPE):
            raise SystemExit(f"{url} answered {content_type!r}, not PEP 691 JSON")
        body = response.content  # transfer encoding undone: the page's own bytes
        # mtime=0: the same page gives the same .gz, so re-recording shows only real changes
        (folder / f"{project}.json.gz").write_bytes(gzip.compress(body, 9, mtime=0))
        pages[project] = json.loads(body)
        recorded[project] = {
            "url": url,
            "accept": JSON_TYPE,
            "content_type": content_type,
            "recorded_at": now(),
            "sha256": hashlib.sha256(body).hexdigest(),
            "last_serial": pages[project].get("meta", {}).get("_last-serial"),
        }
        print(f"{project}: {len(pages[project].get('files', []))} files from {url}")
    info = {"recorded_at": min(r["recorded_at"] for r in recorded.values()), "pages": recorded}
    _write_json(folder / "recorded.json", info)
    return pages


def load_pages() -> dict[str, dict]:
    return {
        project: json.loads(
            gzip.decompress((FIXTURES / "pypi" / f"{project}.json.gz").read_bytes())
        )
        for project in PROJECTS
    }


def _wheels(page: dict) -> list[tuple[Version, str, dict]]:
    """(version, filename, file entry) for each wheel the page lists."""
    found = []
    for entry in page.get("files", []):
        filename = entry["filename"]
        if filename.endswith(".whl"):
            _name, version, _build, _tags = parse_wheel_filename(filename)
            found.append((version, filename, entry))
    return found


def _rank_one_per_release(filename: str) -> tuple:
    """Lower is better: cp311/py3 manylinux x86_64, then newer CPython manylinux x86_64, any."""
    _name, _version, _build, tags = parse_wheel_filename(filename)
    linux = any(
        t.platform.startswith(("manylinux", "linux")) and t.platform.endswith("x86_64")
        for t in tags
    )
    interpreters = {t.interpreter for t in tags}
    preferred = bool(interpreters & {"cp311", "py3"})
    newest = max((int(i[2:]) for i in interpreters if i[2:].isdigit()), default=0)
    return (not linux, not preferred, -newest, filename)


def choose_one_per_release(project: str, page: dict) -> tuple[list[dict], list[str]]:
    """The wheels to read for torchvision/torchaudio, and the releases skipped as yanked."""
    by_version: dict[Version, list[tuple[str, dict]]] = {}
    for version, filename, entry in _wheels(page):
        if version >= FIRST[project]:
            by_version.setdefault(version, []).append((filename, entry))
    chosen, yanked_only = [], []
    for version in sorted(by_version):
        files = [(f, e) for f, e in by_version[version] if not e.get("yanked")]
        if not files:
            yanked_only.append(str(version))
            continue
        filename, entry = min(files, key=lambda item: _rank_one_per_release(item[0]))
        chosen.append(entry)
    return chosen, yanked_only


def _torch_platform(filename: str) -> tuple[str | None, str | None]:
    """(which of TORCH_PLATFORMS, cp311/cp312) for a torch wheel, else Nones."""
    _name, _version, _build, tags = parse_wheel_filename(filename)
    for tag in tags:
        if tag.interpreter not in ("cp311", "cp312") or tag.abi not in ("cp311", "cp312", "none"):
            continue
        if tag.platform.startswith("manylinux") and tag.platform.endswith("x86_64"):
            return "manylinux_x86_64", tag.interpreter
        if tag.platform == "win_amd64":
            return "win_amd64", tag.interpreter
        if tag.platform.startswith("macosx") and tag.platform.endswith("arm64"):
            return "macosx_arm64", tag.interpreter
    return None, None


def choose_torch(page: dict) -> list[dict]:
    """torch 2.10–2.15 (every patch): one cp311 (else cp312) wheel per platform, of each build
    (2.10.0 was re-uploaded with build numbers 2 and 3 for some platforms: all are kept)."""
    first, past = TORCH_RANGE
    best: dict[tuple, tuple[str, dict]] = {}
    for version, filename, entry in _wheels(page):
        if not first <= version < past or version.local or entry.get("yanked"):
            continue
        platform, python = _torch_platform(filename)
        if platform is None or python is None:
            continue
        key = (version, parse_wheel_filename(filename)[2], platform)
        if key not in best or python < best[key][0]:  # cp311 before cp312
            best[key] = (python, entry)
    return [entry for _key, (_python, entry) in sorted(best.items())]


def headers_only(text: str) -> str:
    """The metadata's header fields: everything before the first blank line."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            break
        lines.append(line)
    return "\n".join(lines) + "\n"


def record_metadata(pages: dict[str, dict]) -> None:
    folder = FIXTURES / "metadata"
    folder.mkdir(parents=True, exist_ok=True)
    entries = choose_torch(pages["torch"])
    for project in ("torchvision", "torchaudio"):
        chosen, yanked_only = choose_one_per_release(project, pages[project])
        entries += chosen
        if yanked_only:
            print(f"{project}: skipped, every file yanked: {', '.join(yanked_only)}")

    local = threading.local()  # a session per thread: requests' sessions are not thread-safe

    def read(entry: dict) -> tuple[str, str, str | None, str]:
        if not hasattr(local, "session"):
            local.session = requests.Session()
        time.sleep(PAUSE)
        try:
            text = remote_metadata(entry["url"], local.session, 60)
            return entry["filename"], entry["url"], text, now()
        except WheelMetadataError as error:
            print(f"{entry['filename']}: {error.message}")
            return entry["filename"], entry["url"], None, now()

    recorded = {}
    with ThreadPoolExecutor(THREADS) as pool:
        for filename, url, text, when in pool.map(read, entries):
            if text is None:
                continue
            (folder / f"{filename}.metadata").write_text(headers_only(text), "utf-8", newline="\n")
            recorded[filename] = {"url": url, "recorded_at": when}
    for stale in folder.glob("*.metadata"):  # wheels no longer chosen
        if stale.name.removesuffix(".metadata") not in recorded:
            stale.unlink()
    info = {
        "recorded_at": min(r["recorded_at"] for r in recorded.values()),
        "how": "app.compat.wheel_metadata.remote_metadata (HTTP Range); headers only",
        "wheels": dict(sorted(recorded.items())),
    }
    _write_json(folder / "recorded.json", info)
    print(f"{len(recorded)} of {len(entries)} wheels' metadata recorded")


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", "utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", action="store_true", help="record the pages only")
    parser.add_argument(
        "--metadata", action="store_true", help="read metadata only (for the recorded pages)"
    )
    args = parser.parse_args()
    session = requests.Session()
    pages = load_pages() if args.metadata else record_pages(session)
    if not args.pages:
        record_metadata(pages)


if __name__ == "__main__":
    main()
