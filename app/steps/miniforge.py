"""Provide Python where there is none: download Miniforge, check its sha256, install it silently
for this user (no administrator rights), journaled so undo removes it.

Miniforge rather than Anaconda: it uses the conda-forge channel only; Anaconda's default channel
has licence terms that many organisations cannot accept.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from app import proc
from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.paths import resources_dir
from app.steps.cache import downloads_dir
from app.steps.download import Download, download, fetch_text
from app.steps.folders import mark_ours, remove_ours, require_new
from app.text import translate

STEP = "miniforge"


class ProvideError(Exception):
    pass


def facts() -> dict:
    return json.loads((resources_dir() / "compat" / "miniforge.json").read_text(encoding="utf-8"))


def installer_for(platform: str) -> str:
    name = facts()["installers"].get(platform)
    if name is None:
        raise ProvideError(
            translate("errors", "Miniforge has no installer for {platform}.").format(
                platform=platform
            )
        )
    return name


def silent_command(installer: Path, dest: Path, windows: bool) -> list[str]:
    template = facts()["silent"]["windows" if windows else "posix"]
    return [part.format(installer=installer, dest=dest) for part in template]


def interpreter_in(dest: Path, windows: bool) -> Path:
    return dest / "python.exe" if windows else dest / "bin" / "python"


def parse_sha256(text: str) -> str:
    """'<64 hex>  Miniforge3-Linux-x86_64.sh' (or the bare hash) → the hash."""
    match = re.search(r"\b[0-9a-fA-F]{64}\b", text)
    if not match:
        raise ProvideError(
            translate(
                "errors", "The published checksum file holds no sha256: nothing was installed."
            )
        )
    return match.group(0).lower()


def provide(
    dest: str | Path,
    platform: str,
    reporter: Reporter,
    cancel: CancelToken,
    *,
    mirror: str | None = None,
    journal: Journal | None = None,
) -> str:
    """Install Miniforge into dest; returns its python. Nothing runs unless the hash matches."""
    dest = require_new(dest, "Miniforge", ProvideError)
    windows = platform.startswith("windows")
    name = installer_for(platform)
    base = (mirror.rstrip("/") + "/") if mirror else facts()["latest_url"]
    url = base + name
    explicit = mirror is not None  # an explicit mirror may be plain http (a LAN, or tests)
    reporter.log(f"Fetching the checksum of {name}…")
    expected = parse_sha256(fetch_text(url + facts()["checksum_suffix"], allow_http=explicit))
    cache = downloads_dir()
    cache.mkdir(parents=True, exist_ok=True)
    installer = download(
        Download(url, cache / name, sha256=expected), reporter, cancel, allow_http=explicit
    )
    journal = journal or Journal()
    journal.record(STEP, "install", path=str(dest), installer=str(installer), sha256=expected)
    command = silent_command(installer, dest, windows)
    reporter.log("Installing Miniforge for this user: " + proc.display(command))
    result = proc.run(command, cancel=cancel, on_line=reporter.log, max_capture_lines=40)
    python = interpreter_in(dest, windows)
    if not result.ok or not python.exists():
        raise ProvideError(
            translate(
                "errors",
                "The Miniforge installer failed (exit {returncode}); the log has "
                "its output. Undo removes what it left in {dest}.",
            ).format(returncode=result.returncode, dest=dest)
        )
    mark_ours(dest)
    reporter.log(f"Miniforge is installed; its Python: {python}")
    return str(python)


def undo(entry: Entry, reporter: Reporter, cancel: CancelToken, journal: Journal | None = None):
    # provide() checked the folder was empty: a conda-meta there is ours.
    remove_ours(entry, reporter, journal, "Miniforge", ProvideError, conda_root=True)
