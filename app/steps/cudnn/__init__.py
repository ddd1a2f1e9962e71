"""cuDNN into a CUDA toolkit: checked, journaled, all or nothing, undoable.

Where beginners break their toolkit: a cuDNN for the wrong CUDA major, files in the wrong folder,
nothing to go back to. So the archive is read and checked against the toolkit first
(cudnn_archive, cudnn_plan), unpacked into a staging folder, then copied as one transaction
(transaction.py), journaled before it starts: replaced files are moved to a backup, everything is
rolled back on any failure or cancel, and undo() works from the journal later.

Journal entry (step "cudnn", action "install"): toolkit, archive, version, cuda_major, platform,
files [{path, replaces, kind "file" (size, mtime_ns) | "link" (target)}] in copy order, folders
(created, parents first). Backups: state_dir()/backups/cudnn/<entry id>/<path in the toolkit>.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from app.events import Cancelled, CancelToken, Reporter
from app.journal import Entry, Journal
from app.paths import state_dir
from app.steps.base import Step, register
from app.steps.cudnn.archive import CudnnArchive, CudnnError, extract, read_archive
from app.steps.cudnn.download import (
    CudnnArtifact,
    download_cudnn,
    prepare_download,
    toolkit_major,
)
from app.steps.cudnn.plan import CopyItem, CopyPlan, destination, needs_admin, plan_copy
from app.steps.cudnn.transaction import Transaction, file_facts, prune_empty, undo_recorded
from app.text import translate

__all__ = [
    "STEP",
    "CopyItem",
    "CopyPlan",
    "CudnnArchive",
    "CudnnError",
    "InstallResult",
    "Prepared",
    "download_cudnn",
    "install_cudnn",
    "needs_admin",
    "plan_copy",
    "prepare",
    "destination",
    "prepare_download",
    "read_archive",
    "undo",
]

STEP = "cudnn"


@dataclass
class Prepared:
    """What the cuDNN step will do, read and checked before anything changes: a download
    (the artifact NVIDIA's manifest names for the toolkit's CUDA major) or a copy plan."""

    artifact: CudnnArtifact | None
    plan: CopyPlan | None
    needs_admin: bool


def prepare(
    toolkit: str | Path,
    platform: str,
    *,
    archive: str | Path | None = None,
    version_label: str | None = None,
    mirror: str | None = None,
) -> Prepared:
    """An archive → its checked copy plan; a version → the download for the toolkit's CUDA
    major. The page and the CLI both start here."""
    if version_label is not None:
        major = toolkit_major(toolkit)
        artifact = prepare_download(version_label, major, platform, mirror=mirror)
        return Prepared(artifact, None, needs_admin(Path(toolkit)))
    if archive is None:
        raise CudnnError(translate("errors", "Choose a cuDNN archive or a version to download."))
    return Prepared(None, plan_copy(read_archive(archive), toolkit, platform), False)


@dataclass
class InstallResult:
    entry_id: str
    toolkit: Path
    version: str
    cuda_major: int | None
    created: list[Path]
    replaced: list[Path]
    new_folders: list[Path]
    backup_dir: Path


def backup_dir(entry_id: str) -> Path:
    return state_dir() / "backups" / STEP / entry_id


def install_cudnn(
    archive_path: str | Path,
    toolkit: str | Path,
    platform: str,
    reporter: Reporter,
    cancel: CancelToken,
    *,
    journal: Journal | None = None,
    cuda_major: int | None = None,
) -> InstallResult:
    """Check, unpack to a staging folder, then copy into the toolkit as one transaction."""
    journal = journal or Journal()
    archive = read_archive(archive_path, cuda_major=cuda_major)
    plan = plan_copy(archive, toolkit, platform)
    plan.check()
    for warning in plan.warnings:
        reporter.warn(warning)
    reporter.log(
        f"cuDNN {archive.version} (CUDA {archive.cuda_major or '?'}) → CUDA "
        f"{plan.toolkit_version} in {plan.toolkit}"
    )
    staging = state_dir() / "staging" / f"cudnn-{uuid.uuid4().hex[:8]}"
    try:
        source = extract(archive, staging, reporter, cancel)
        plan = plan_copy(archive, toolkit, platform, staged=True)  # the toolkit as it is now
        plan.check()
        return _copy(plan, source, reporter, cancel, journal)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _copy(
    plan: CopyPlan, source: Path, reporter: Reporter, cancel: CancelToken, journal: Journal
) -> InstallResult:
    reporter.log("Noting size and time of every file (undo tells them from changed ones)")
    files = [
        {"path": str(i.dest), "replaces": i.replaces_existing, **file_facts(source / i.rel)}
        for i in plan.items
    ]
    entry = journal.record(
        STEP,
        "install",
        toolkit=str(plan.toolkit),
        archive=str(plan.archive.path),
        version=plan.archive.version,
        cuda_major=plan.archive.cuda_major,
        platform=plan.platform,
        files=files,
        folders=[str(f) for f in plan.new_folders],
    )
    backups = backup_dir(entry.id)
    transaction = Transaction(plan.toolkit, backups, entry.id, cancel)
    try:
        copy_items(plan, source, transaction, reporter, cancel)
    except BaseException as error:
        failures = transaction.rollback()
        if failures:
            raise CudnnError(
                translate(
                    "errors",
                    "Copying cuDNN failed and {failures} file(s) could not be put back "
                    "({failures2}): run 'undo --last' to retry; backups are in "
                    "{backups}.",
                ).format(failures=len(failures), failures2=failures[0], backups=backups)
            ) from error
        prune_empty(backups)
        journal.mark_undone(entry, rolled_back=True)
        reporter.log(f"Copy stopped: {plan.toolkit} was put back as it was.")
        if isinstance(error, (Cancelled, CudnnError)) or not isinstance(error, OSError):
            raise
        raise CudnnError(
            translate(
                "errors",
                "Copying cuDNN failed ({value}); {toolkit} was put back as it was. "
                "Fix the cause, then try again.",
            ).format(value=error.strerror or error, toolkit=plan.toolkit)
        ) from error
    replaced = [i.dest for i in plan.replaced]
    reporter.log(
        f"cuDNN {plan.archive.version} copied: {len(plan.items) - len(replaced)} new file(s), "
        f"{len(replaced)} replaced (backups in {backups})."
    )
    created = [i.dest for i in plan.items if not i.replaces_existing]
    return InstallResult(
        entry.id,
        plan.toolkit,
        plan.archive.version,
        plan.archive.cuda_major,
        created,
        replaced,
        plan.new_folders,
        backups,
    )


def copy_items(
    plan: CopyPlan, source: Path, transaction: Transaction, reporter: Reporter, cancel: CancelToken
) -> None:
    """The copy itself (files first, then the links to them); source holds the unpacked root."""
    total, done, text = plan.bytes_total, 0, ""

    def count(sent: int) -> None:
        nonlocal done
        done += sent
        reporter.progress(done, total, text)

    for folder in plan.new_folders:
        transaction.make_folder(folder)
    for number, item in enumerate(plan.items, 1):
        cancel.raise_if_set()
        text = f"{number}/{len(plan.items)} {item.dest.name}"
        reporter.progress(done, total, text)
        if item.link is not None:
            transaction.put_link(item.link, item.dest)
        else:
            transaction.put_file(source / item.rel, item.dest, count)


def undo(entry: Entry, reporter: Reporter, cancel: CancelToken, journal: Journal | None = None):
    """Put back what the copy replaced and remove what it added; files changed since stay."""
    data = entry.data
    if entry.action == "install":
        toolkit = Path(data["toolkit"])
        reporter.log(f"Undoing cuDNN {data.get('version')} in {toolkit}…")
        try:
            notes = undo_recorded(
                data["files"],
                data.get("folders", []),
                toolkit,
                backup_dir(entry.id),
                entry.id,
                cancel,
            )
        except OSError as error:
            raise CudnnError(
                translate(
                    "errors",
                    "Undoing cuDNN stopped at {value} ({value2}): fix that (close "
                    "programs using CUDA, or run as administrator), then undo again.",
                ).format(value=error.filename or toolkit, value2=error.strerror or error)
            ) from error
        for note in notes:
            reporter.warn(note)
        reporter.log(f"cuDNN {data.get('version')} removed from {toolkit}.")
        (journal or Journal()).mark_undone(entry, left_alone=notes)
        return
    (journal or Journal()).mark_undone(entry)


register(Step(STEP, undo, prepare=plan_copy, apply=install_cudnn))
