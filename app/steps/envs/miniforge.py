"""Provide Python where there is none: download Miniforge, check its sha256, install it silently
for this user (no administrator rights), journaled so undo removes it.

Miniforge rather than Anaconda: it uses the conda-forge channel only; Anaconda's default channel
has licence terms that many organisations cannot accept.
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from app import proc
from app.compat.knowledge import resource
from app.errors import StepError
from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.steps.base import Step, register
from app.steps.cache import downloads_dir
from app.steps.download import Download, download, fetch_text
from app.steps.folders import mark_ours, remove_ours, require_new
from app.text import translate

STEP = "miniforge"


class ProvideError(StepError):
    pass


def facts() -> dict:
    return resource("miniforge")


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
    """The installer's arguments as a list (on Windows for logs only: see windows_command_line)."""
    silent = facts()["silent"]
    template = silent["windows"] + [silent["windows_last"]] if windows else silent["posix"]
    return [part.format(installer=installer, dest=dest) for part in template]


def windows_command_line(installer: Path, dest: Path) -> str:
    """What CreateProcess gets on Windows. NSIS reads /D= only as the last argument and takes
    the rest of the line verbatim, so a quoted "/D=C:\\x y" (list2cmdline's quoting) would be
    ignored and Miniforge installed in its own default folder, outside the journal."""
    silent = facts()["silent"]
    parts = [part.format(installer=installer, dest=dest) for part in silent["windows"]]
    return subprocess.list2cmdline(parts) + " " + silent["windows_last"].format(dest=dest)


def folder_problem(folder: str, codepage: str) -> str | None:
    """Why the NSIS installer would refuse folder, or None. codepage: Windows' ANSI code page
    ("cp1252"): the installer's check also refuses what that code page cannot write."""
    for char in folder:
        if char == " ":
            return translate(
                "errors",
                "Miniforge cannot be installed in {folder}: its installer refuses folders "
                "with a space in the path. Choose a folder without spaces, such as {other}.",
            ).format(folder=folder, other=_fallback())
        if char in facts()["windows_folder"]["refused_characters"]:
            return translate(
                "errors",
                "Miniforge cannot be installed in {folder}: its installer refuses the "
                "character {char} in the path. Choose a folder without it, such as {other}.",
            ).format(folder=folder, char=char, other=_fallback())
        try:
            char.encode(codepage)
        except UnicodeEncodeError:
            return translate(
                "errors",
                "Miniforge cannot be installed in {folder}: its installer refuses the "
                "character {char}, which is outside this computer's ANSI code page "
                "({codepage}). Choose a folder with plain letters, such as {other}.",
            ).format(folder=folder, char=char, codepage=codepage, other=_fallback())
    return None


def _fallback(env: Mapping[str, str] | None = None) -> str:
    drive = (env if env is not None else os.environ).get("SystemDrive") or "C:"
    return facts()["windows_folder"]["fallback"].format(system_drive=drive)


def ansi_codepage() -> str:
    """Windows' ANSI code page as a codec name (cp949 on Korean Windows)."""
    if sys.platform != "win32":
        return "utf-8"  # the Windows installer never runs here
    import ctypes

    get_acp = ctypes.WinDLL("kernel32").GetACP
    get_acp.argtypes, get_acp.restype = [], ctypes.c_uint
    acp = get_acp()
    try:
        return codecs.lookup(f"cp{acp}").name
    except LookupError:
        return "ascii"  # a code page Python does not know: be strict


def default_dest(
    windows: bool,
    home: Path | None = None,
    env: Mapping[str, str] | None = None,
    codepage: str | None = None,
) -> Path:
    """~/miniforge3; on Windows %SystemDrive%\\miniforge3 where the installer would refuse the
    user's folder (C:\\Users\\John Smith, or letters outside the code page)."""
    folder = (home or Path.home()) / "miniforge3"
    if windows and folder_problem(str(folder), codepage or ansi_codepage()):
        return Path(_fallback(env))
    return folder


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
    dest: str | Path | None,
    platform: str,
    reporter: Reporter,
    cancel: CancelToken,
    *,
    mirror: str | None = None,
    journal: Journal | None = None,
) -> str:
    """Install Miniforge into dest (None: default_dest()); returns its python. Nothing runs
    unless the folder suits the installer and the hash matches."""
    windows = platform.startswith("windows")
    dest = require_new(dest or default_dest(windows), "Miniforge", ProvideError)
    if windows:
        problem = folder_problem(str(dest), ansi_codepage())
        if problem:
            raise ProvideError(problem)
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
    result = run_installer(installer, dest, windows, reporter, cancel)
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


def run_installer(
    installer: Path, dest: Path, windows: bool, reporter: Reporter, cancel: CancelToken
) -> proc.ProcResult:
    command = silent_command(installer, dest, windows)
    line = windows_command_line(installer, dest) if windows else None
    reporter.log("Installing Miniforge for this user: " + (line or proc.display(command)))
    return proc.run(
        command,
        cancel=cancel,
        on_line=reporter.log,
        max_capture_lines=40,
        windows_command_line=line,
    )


def undo(entry: Entry, reporter: Reporter, cancel: CancelToken, journal: Journal | None = None):
    # provide() checked the folder was empty: a conda-meta there is ours.
    remove_ours(entry, reporter, journal, "Miniforge", ProvideError, conda_root=True)


register(Step(STEP, undo, prepare=default_dest, apply=provide))
