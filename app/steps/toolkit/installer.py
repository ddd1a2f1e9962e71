"""The CUDA toolkit through NVIDIA's official installer, for people who want the system-wide kind.

Linux: the runfile, toolkit only (never the driver), into a folder the user owns (no root).
Windows: the exe with `-s` and the sub-packages compiling needs; it installs into Program Files
and needs administrator rights. The installer is checked against NVIDIA's published md5 before it
runs, and an exit code of 0 is not trusted until nvcc and the CUDA headers are found.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app import proc
from app.compat.knowledge import resource
from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.paths import state_dir
from app.steps.base import Step, begin, register
from app.steps.cache import downloads_dir
from app.steps.download import Download, download
from app.steps.folders import mark_ours, remove_ours, require_new
from app.steps.toolkit import ToolkitError, nvcc_version, prove_compiles, resolve_label
from app.text import translate

STEP = "toolkit_installer"
# The files that prove a toolkit one can compile with is there, whatever the installer said.
EXPECTED = ("include/cuda_runtime.h", "include/cuda.h")
ELEVATION_REQUIRED = 740  # Windows: the program's manifest asks for administrator rights
# Windows Installer's "it worked; restart to finish" (ERROR_SUCCESS_REBOOT_REQUIRED / _INITIATED).
REBOOT_CODES = (3010, 1641)


@dataclass
class Installer:
    label: str
    platform: str
    url: str
    file: str
    md5: str
    size: int


def facts() -> dict:
    return resource("cuda_installers")


def find_installer(version: str, platform: str, *, mirror: str | None = None) -> Installer:
    """The installer of a release label ('12.6' → 12.6.3) for this platform, from bundled data."""
    label = resolve_label(version)
    row = facts()["installers"].get(label, {}).get(platform)
    if row is None:
        raise ToolkitError(
            translate(
                "errors",
                "No official CUDA {label} installer for {platform} is known to this "
                "version; use the per-user archives instead.",
            ).format(label=label, platform=platform)
        )
    base = (mirror.rstrip("/") + "/") if mirror else facts()["base_url"].format(label=label)
    return Installer(label, platform, base + row["file"], row["file"], row["md5"], row["size"])


def windows_root(label: str, environ: Mapping[str, str] | None = None) -> Path:
    """Where NVIDIA's installer puts the toolkit: under %ProgramFiles% (not always C:)."""
    environ = os.environ if environ is None else environ
    minor = ".".join(label.split(".")[:2])
    program_files = environ.get("ProgramW6432") or environ.get("PROGRAMFILES")
    template = facts()["windows_default_root"]
    return Path(template.format(program_files=program_files or r"C:\Program Files", minor=minor))


def windows_subpackages(label: str) -> list[str]:
    """The installer's sub-packages for this release ('nvcc_13.0', 'crt_13.0', ...): per CUDA
    major, since setup aborts on a name that release does not know."""
    major, minor = label.split(".")[0], ".".join(label.split(".")[:2])
    names = facts()["windows_subpackages"].get(major)
    if names is None:
        raise ToolkitError(
            translate(
                "errors",
                "The sub-packages of NVIDIA's CUDA {label} installer are not known to this "
                "version; use the per-user archives instead.",
            ).format(label=label)
        )
    return [f"{name}_{minor}" for name in names]


def silent_command(installer: Path, label: str, platform: str, dest: Path, tmp: Path) -> list:
    if platform.startswith("windows"):
        packages = windows_subpackages(label)
        return [str(installer), *facts()["silent"]["windows"][1:], *packages]
    return [
        part.format(installer=installer, dest=dest, tmp=tmp) for part in facts()["silent"]["linux"]
    ]


def install_official(
    installer: Installer,
    reporter: Reporter,
    cancel: CancelToken,
    *,
    dest: str | Path | None = None,
    journal: Journal | None = None,
) -> Path:
    """Download, verify and run the installer; returns the toolkit folder once nvcc answers."""
    windows = installer.platform.startswith("windows")
    if windows:
        folder = windows_root(installer.label)
    elif dest is None:
        raise ToolkitError(translate("errors", "Choose a folder for the CUDA toolkit."))
    else:
        folder = require_new(dest, "the toolkit", ToolkitError)
    cache = downloads_dir() / "cuda" / installer.label
    reporter.log(
        f"CUDA {installer.label} installer: {installer.file}, {installer.size / 1e9:.1f} GB"
    )
    item = Download(installer.url, cache / installer.file, md5=installer.md5, size=installer.size)
    path = download(item, reporter, cancel, allow_http=not installer.url.startswith("https://"))

    journal = journal or Journal()
    # The installer's scratch folder is named in the entry: a kill -9 leaves nothing unnamed.
    tmp = state_dir() / f"cuda-installer-{uuid.uuid4().hex[:8]}"
    entry = begin(
        journal,
        STEP,
        "install",
        temps=[tmp],
        path=str(folder),
        label=installer.label,
        platform=installer.platform,
    )
    if not windows:
        folder.mkdir(parents=True, exist_ok=True)
        mark_ours(folder)  # before the installer writes: a failure half way can be removed
    tmp.mkdir(parents=True)
    try:
        _run(
            silent_command(path, installer.label, installer.platform, folder, tmp), reporter, cancel
        )
        found = check_installed(folder, installer.label, windows, reporter, cancel)
    except BaseException:
        if not windows:
            shutil.rmtree(folder, ignore_errors=True)
            journal.mark_undone(entry, reason="rolled back")
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    reporter.log(f"nvcc {found} runs from {folder}")
    return folder


def _run(command: list, reporter: Reporter, cancel: CancelToken) -> None:
    reporter.log("Running " + proc.display(command))
    tail: list[str] = []

    def line(text: str) -> None:
        tail[:] = [*tail[-19:], text]
        reporter.log(text)

    try:
        result = proc.run(command, cancel=cancel, on_line=line, capture=False, timeout=3 * 3600)
        if result.returncode in REBOOT_CODES:
            reporter.log(
                translate(
                    "errors",
                    "NVIDIA's installer finished and asks for a restart: restart Windows "
                    "before you compile with this toolkit.",
                ),
                logging.WARNING,
            )
            return
    except proc.ProcError as error:
        if getattr(error.__cause__, "winerror", None) == ELEVATION_REQUIRED:
            raise ToolkitError(
                translate(
                    "errors",
                    "NVIDIA's installer needs administrator rights: start the assistant "
                    "with 'Run as administrator' for this step, or choose the per-user "
                    "archives (no administrator rights needed).",
                )
            ) from None
        raise ToolkitError(str(error)) from None
    if result.timed_out or result.returncode != 0:
        why = (
            "did not finish in 3 hours" if result.timed_out else f"exited with {result.returncode}"
        )
        last = f" Its last output: {tail[-1]}" if tail else ""
        raise ToolkitError(
            translate(
                "errors",
                "NVIDIA's installer {why}; nothing was kept.{last} Its own log is "
                "/tmp/cuda-installer.log (Linux) or %TEMP%\\CUDA (Windows).",
            ).format(why=why, last=last)
        )


def check_installed(
    folder: Path, label: str, windows: bool, reporter: Reporter, cancel: CancelToken
) -> str:
    """nvcc's version once nvcc runs, the headers are there and a .cu file compiles; else a
    ToolkitError naming what is missing."""
    nvcc = folder / "bin" / ("nvcc.exe" if windows else "nvcc")
    missing = [name for name in EXPECTED if not (folder / name).is_file()]
    if not nvcc.is_file() or missing:
        what = ", ".join(
            ([] if nvcc.is_file() else [str(nvcc)]) + [str(folder / m) for m in missing]
        )
        raise ToolkitError(
            translate(
                "errors",
                "NVIDIA's installer reported success but {what} is missing: the "
                "toolkit is not usable. Try the per-user archives instead.",
            ).format(what=what)
        )
    found = nvcc_version(nvcc)
    minor = ".".join(label.split(".")[:2])
    if found is None or not (found == minor or found.startswith(minor + ".")):
        raise ToolkitError(
            translate(
                "errors", "{nvcc} reports {value}, not CUDA {minor}: the install did not work."
            ).format(nvcc=nvcc, value=found or "no version", minor=minor)
        )
    prove_compiles(folder, windows, reporter, cancel)
    return found


def undo(entry: Entry, reporter: Reporter, cancel: CancelToken, journal: Journal | None = None):
    if str(entry.data.get("platform", "")).startswith("windows"):
        raise ToolkitError(
            translate(
                "errors",
                "CUDA {get} was installed by NVIDIA's installer: remove it in "
                "Settings → Apps (the 'NVIDIA CUDA' entries of that version).",
            ).format(get=entry.data.get("label"))
        )
    remove_ours(entry, reporter, journal, "the CUDA toolkit", ToolkitError)


register(Step(STEP, undo, prepare=find_installer, apply=install_official))
