"""A CUDA toolkit from NVIDIA's redistributable archives: per user, any folder, no admin rights.

Only for people who compile CUDA code (nvcc): PyTorch's wheels bring their own CUDA runtime.
Every archive is downloaded and verified first; then all are unpacked into a staging folder
beside the destination and moved into place at once, so a failure leaves the destination as it
was. Archive entries that would land outside the folder are refused.
"""

from __future__ import annotations

import errno
import json
import logging
import lzma
import re
import shutil
import tarfile
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from app import fsops
from app.compat.knowledge import release_label, resource
from app.errors import StepError
from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.paths import state_dir
from app.steps.base import Step, begin, register
from app.steps.cache import downloads_dir
from app.steps.download import Download, download, fetch_text
from app.steps.folders import mark_ours, remove_ours, require_new
from app.steps.toolkit.check import compile_probe
from app.text import translate

STEP = "toolkit"


class ToolkitError(StepError):
    pass


@dataclass
class Archive:
    component: str
    version: str
    relative_path: str
    sha256: str
    size: int


def facts() -> dict:
    return resource("cuda_redist")


def resolve_label(version: str) -> str:
    """'12.6' → the newest known release label of 12.6; a full label ('12.6.3') as given."""
    label = release_label(version, facts()["labels"])
    if label is None:
        known = ", ".join(facts()["labels"])
        raise ToolkitError(
            translate("errors", "No CUDA {version} release is known (known: {known}).").format(
                version=version, known=known
            )
        )
    return label


def safe_relative(path: str) -> bool:
    """A manifest's relative_path that stays inside the redist folder (no .., no drive)."""
    parts = PurePosixPath(path).parts
    return (
        bool(parts)
        and not path.startswith(("/", "\\"))
        and ".." not in parts
        and (":" not in path and "\\" not in path)
    )


def parse_manifest(
    manifest: dict, platform: str, components: list[str] | None = None
) -> list[Archive]:
    """The archives to fetch for this platform; refuses entries that are unsafe or unverifiable."""
    redist = facts()["platforms"].get(platform)
    if redist is None:
        raise ToolkitError(
            translate("errors", "NVIDIA publishes no CUDA archives for {platform}.").format(
                platform=platform
            )
        )
    wanted = components or facts()["components"]
    archives = []
    for component in wanted:
        entry = manifest.get(component)
        if not isinstance(entry, dict) or not isinstance(entry.get(redist), dict):
            continue  # not in this release (e.g. cuda_crt before 13.0)
        artifact = entry[redist]
        relative = str(artifact.get("relative_path", ""))
        sha256 = str(artifact.get("sha256", ""))
        if not safe_relative(relative):
            raise ToolkitError(
                translate(
                    "errors", "The manifest's path for {component} is unsafe: {relative}."
                ).format(component=component, relative=repr(relative))
            )
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ToolkitError(
                translate(
                    "errors", "The manifest gives no sha256 for {component}: refused."
                ).format(component=component)
            )
        try:
            size = int(artifact.get("size", ""))
        except ValueError:
            raise ToolkitError(
                translate("errors", "The manifest gives no size for {component}.").format(
                    component=component
                )
            ) from None
        archives.append(Archive(component, str(entry.get("version", "")), relative, sha256, size))
    if not any(a.component == "cuda_nvcc" for a in archives):
        raise ToolkitError(translate("errors", "The manifest has no nvcc for this platform."))
    return archives


def _members_ok(names: list[str]) -> list[str]:
    """Each archive holds one top folder (…-archive/); entries are returned without it."""
    stripped = []
    for name in names:
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            raise ToolkitError(
                translate("errors", "The archive has an entry outside its folder: {name}.").format(
                    name=repr(name)
                )
            )
        stripped.append("/".join(parts[1:]))
    return stripped


# KeyError: tarfile's answer to a hardlink whose target is not in the archive.
_DAMAGED = (tarfile.TarError, zipfile.BadZipFile, EOFError, lzma.LZMAError, zlib.error, KeyError)
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def unpack(archive: Path, into: Path) -> None:
    """Unpack, stripping the top folder; links and paths that leave `into`, hardlinks out,
    FIFOs and devices are refused; a damaged archive or a full disk is one ToolkitError."""
    try:
        _unpack(archive, into)
    except tarfile.FilterError as error:  # before TarError: it is one
        raise ToolkitError(
            translate(
                "errors",
                "{archive} holds an entry that is not allowed ({why}): it was refused and "
                "nothing of it is kept.",
            ).format(archive=archive.name, why=error)
        ) from None
    except _DAMAGED as error:
        raise ToolkitError(
            translate(
                "errors",
                "{archive} is damaged or truncated ({why}): delete it from the download "
                "cache (Undo changes… → Delete downloaded files) and try again.",
            ).format(archive=archive.name, why=error or error.__class__.__name__)
        ) from None
    except OSError as error:
        if error.errno in _NO_SPACE:
            raise ToolkitError(
                translate(
                    "errors",
                    "The disk is full while unpacking {archive} into {folder}: nothing was "
                    "kept. Free some space or choose another folder, then try again.",
                ).format(archive=archive.name, folder=into.parent)
            ) from None
        raise ToolkitError(
            translate(
                "errors", "Could not unpack {archive} into {folder}: {why}. Nothing was kept."
            ).format(archive=archive.name, folder=into.parent, why=error.strerror or error)
        ) from None


def _unpack(archive: Path, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as bundle:
            infos = bundle.infolist()
            for info, target in zip(infos, _members_ok([i.filename for i in infos]), strict=True):
                if not target or info.is_dir():
                    continue
                destination = into / target
                destination.parent.mkdir(parents=True, exist_ok=True)
                with bundle.open(info) as source, open(destination, "wb") as sink:
                    shutil.copyfileobj(source, sink)
        return
    if not hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+, 3.12+
        raise ToolkitError(
            translate(
                "errors", "This Python cannot unpack archives safely; use Python 3.11.4 or newer."
            )
        )
    with tarfile.open(archive) as bundle:
        members = bundle.getmembers()
        for member, target in zip(members, _members_ok([m.name for m in members]), strict=True):
            if not target:
                continue
            member.name = target
            if member.islnk():  # a hardlink names another entry: the same rules apply to it
                member.linkname = _members_ok([member.linkname])[0]
        # The 'data' filter refuses absolute paths, links that leave the folder and device files.
        bundle.extractall(into, members=[m for m in members if m.name], filter="data")


@dataclass
class Prepared:
    """What an install will fetch, known before anything is downloaded (the page lists it)."""

    label: str
    base: str  # NVIDIA's redist folder or the mirror, ending in /
    explicit_mirror: bool
    archives: list[Archive]

    @property
    def size(self) -> int:
        return sum(a.size for a in self.archives)


def prepare(
    version: str, platform: str, *, mirror: str | None = None, components: list[str] | None = None
) -> Prepared:
    """Read the release's manifest: the archives to fetch, with sizes and sha256."""
    label = resolve_label(version)
    base = (mirror.rstrip("/") + "/") if mirror else facts()["base_url"]
    manifest_url = base + facts()["manifest"].format(label=label)
    try:
        manifest = json.loads(fetch_text(manifest_url, allow_http=mirror is not None))
    except ValueError:
        raise ToolkitError(
            translate("errors", "{manifest_url} is not a CUDA manifest (not JSON).").format(
                manifest_url=manifest_url
            )
        ) from None
    return Prepared(label, base, mirror is not None, parse_manifest(manifest, platform, components))


class _FileProgress(Reporter):
    """One archive's download progress, passed on per file and as the sum over all files."""

    def __init__(self, outer: Reporter, name: str, before: int, total: int, position: str):
        self.outer, self.name, self.before, self.total = outer, name, before, total
        self.position = position

    def log(self, message: str, level: int = 20) -> None:
        self.outer.log(message, level)

    def progress(self, done: float, total: float | None = None, text: str = "") -> None:
        self.outer.item_progress(self.name, done, total, text)
        self.outer.progress(self.before + done, self.total, f"{self.position} {self.name}: {text}")


def install_toolkit(
    version: str,
    dest: str | Path,
    platform: str,
    reporter: Reporter,
    cancel: CancelToken,
    *,
    mirror: str | None = None,
    components: list[str] | None = None,
    journal: Journal | None = None,
    prepared: Prepared | None = None,
) -> Path:
    """Download, verify, unpack and move the toolkit into dest; returns dest."""
    dest = require_new(dest, "the toolkit", ToolkitError)
    if prepared is None:
        reporter.log(f"Reading the CUDA {version} manifest")
        prepared = prepare(version, platform, mirror=mirror, components=components)
    label, archives = prepared.label, prepared.archives
    check_space(archives, dest)
    reporter.log(
        f"CUDA {label}: {len(archives)} archives, {prepared.size / 1e6:.0f} MB: "
        + ", ".join(a.component for a in archives)
    )
    cache = downloads_dir() / "cuda" / label
    cache.mkdir(parents=True, exist_ok=True)
    files = []
    before = 0
    for number, archive in enumerate(archives, 1):  # all verified before anything is unpacked
        target = cache / PurePosixPath(archive.relative_path).name
        url = prepared.base + archive.relative_path
        item = Download(url, target, archive.sha256, archive.size)
        counted = _FileProgress(
            reporter, archive.component, before, prepared.size, f"{number}/{len(archives)}"
        )
        files.append(download(item, counted, cancel, allow_http=prepared.explicit_mirror))
        reporter.item_progress(archive.component, archive.size, archive.size, "verified")
        before += archive.size
    # A short name whatever dest's length (a 245-character name plus a suffix would not fit).
    staging = dest.parent / f".pytorch-setup.staging-{uuid.uuid4().hex[:8]}"
    journal = journal or Journal()
    # Written before the first change, naming the staging folder: after a kill -9 mid-unpack,
    # undo (and the next start) remove it (app/steps/base.py).
    entry = begin(journal, STEP, "install", temps=[staging], path=str(dest), label=label)
    try:
        for path in files:
            cancel.raise_if_set()
            reporter.log(f"Unpacking {path.name}")
            unpack(path, staging)
        (staging / "version.json").write_text(
            json.dumps({"cuda": {"name": "CUDA SDK", "version": label}}, indent=2), "utf-8"
        )
        cancel.raise_if_set()
        prove_compiles(staging, platform.startswith("windows"), reporter, cancel)
        mark_ours(staging)
        if dest.exists():
            dest.rmdir()  # empty (checked above)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            fsops.replace(staging, dest)  # an antivirus may still be scanning what we unpacked
        except fsops.FileBusyError as error:
            raise ToolkitError(str(error)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        journal.mark_undone(entry, reason="rolled back")
        raise
    reporter.log(f"CUDA {label} is in {dest}")
    nvcc = dest / "bin" / ("nvcc.exe" if platform.startswith("windows") else "nvcc")
    found = nvcc_version(nvcc)
    reporter.log(f"nvcc {found} at {nvcc}" if found else f"{nvcc} did not report its version")
    return dest


def prove_compiles(toolkit: Path, windows: bool, reporter: Reporter, cancel: CancelToken) -> None:
    """A toolkit counts only once its nvcc compiled a .cu file; a missing host compiler is a
    warning (the toolkit itself is complete), a missing part of the toolkit an error."""
    reporter.log("Compiling a one-line .cu file with the new nvcc")
    probe = compile_probe(toolkit, windows=windows, cancel=cancel)
    if probe.ok:
        reporter.log("nvcc compiled the test file: the toolkit works")
        return
    for line in probe.output.splitlines()[-10:]:
        reporter.log(line, logging.DEBUG)
    if probe.toolkit_broken:
        raise ToolkitError(probe.message)
    reporter.log(probe.message, logging.WARNING)


def nvcc_version(nvcc: Path) -> str | None:
    """What the new nvcc says of itself ('12.6.85'), proving the toolkit runs."""
    from app import proc
    from app.scan.toolkits import parse_nvcc_version

    try:
        result = proc.run([nvcc, "--version"], timeout=30)
    except proc.ProcError:
        return None
    parsed = parse_nvcc_version(result.output)
    return (parsed[1] or parsed[0]) if parsed else None


# Unpacked archives take about 2.5x their compressed size; the archives stay in the download
# cache (so a retry does not fetch them again) while they are unpacked.
UNPACKED_FACTOR = 2.5


def space_needed(download_size: int, dest: Path) -> list[tuple[Path, int, int | None]]:
    """(folder, bytes needed, bytes free or None) for the download cache and the destination."""
    wanted = {state_dir(): download_size}
    target = _existing_parent(Path(dest).absolute())
    wanted[target] = wanted.get(target, 0) + int(download_size * UNPACKED_FACTOR)
    rows = []
    for folder, size in wanted.items():
        try:
            free: int | None = shutil.disk_usage(folder).free
        except OSError:
            free = None
        rows.append((folder, size, free))
    return rows


def check_space(archives: list[Archive], dest: Path) -> None:
    for folder, size, free in space_needed(sum(a.size for a in archives), dest):
        if free is not None and free < size:
            raise ToolkitError(
                translate(
                    "errors",
                    "Not enough free space in {folder}: {value} GB needed, {value2} GB "
                    "free. Free some space or choose another folder.",
                ).format(
                    folder=folder, value=format(size / 1e9, ".1f"), value2=format(free / 1e9, ".1f")
                )
            )


def discard_partial(label: str) -> None:
    """Cancel (not pause): forget the half-downloaded parts of this release."""
    cache = downloads_dir() / "cuda" / label
    for part in [*cache.glob("*.part"), *cache.glob("*.part.json")]:
        part.unlink(missing_ok=True)


def _existing_parent(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def undo(entry: Entry, reporter: Reporter, cancel: CancelToken, journal: Journal | None = None):
    remove_ours(entry, reporter, journal, "the CUDA toolkit", ToolkitError)


register(Step(STEP, undo, prepare=prepare, apply=install_toolkit))
