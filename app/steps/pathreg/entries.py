"""Pure PATH-string transforms, the entries a toolkit needs, and warnings about a PATH value.

No I/O except looking at the toolkit's folder; pathreg re-exports these as its public API.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from app.text import translate
from app.versions import version_key

SOFT_LENGTH = 2_047  # longer values break older tools (the Environment Variables dialog)
MAX_LENGTH = 32_767  # the most an environment variable can hold on Windows


# ---- pure transforms ------------------------------------------------------------------------


def split(value: str, sep: str) -> list[str]:
    """Entries of a PATH value; "" has none (so add("") gives no stray separator)."""
    return value.split(sep) if value else []


def join(items: Sequence[str], sep: str) -> str:
    return sep.join(items)


def expand(text: str, env: Mapping[str, str]) -> str:
    """%VAR% → its value (names case-insensitive, as on Windows); unknown names stay."""
    upper = {k.upper(): v for k, v in env.items()}
    return re.sub(r"%([^%;]+)%", lambda m: upper.get(m.group(1).upper(), m.group(0)), text)


def normalize(entry: str, sep: str, env: Mapping[str, str] | None = None) -> str:
    """A comparison key only, never stored. Windows: case, quotes, trailing slashes, %VAR%
    forms and / vs \\ do not matter; POSIX: only a trailing slash does not."""
    if sep == ";":
        text = expand(entry.strip().strip('"').strip(), env or {})
        return text.replace("/", "\\").rstrip("\\").casefold()
    return entry.rstrip("/") or entry


def contains(value: str, entry: str, sep: str, env: Mapping[str, str] | None = None) -> bool:
    key = normalize(entry, sep, env)
    return any(normalize(item, sep, env) == key for item in split(value, sep))


def add_entries(
    value: str, entries: Sequence[str], sep: str, env: Mapping[str, str] | None = None
) -> str:
    """Put the entries not yet present in front; every other byte of value is kept."""
    present = {normalize(item, sep, env) for item in split(value, sep)}
    new = []
    for entry in entries:
        if not normalize(entry, sep, env) or sep in entry:
            raise ValueError(f"not a PATH entry: {entry!r}")
        key = normalize(entry, sep, env)
        if key not in present:
            present.add(key)
            new.append(entry)
    return join(new + split(value, sep), sep) if new else value


def remove_entries(value: str, entries: Sequence[str], sep: str) -> str:
    """Remove exactly the entries given (those the journal says we added), each once: the first
    exact occurrence, which is the one add_entries put in front. Look-alikes stay."""
    items = split(value, sep)
    for entry in dict.fromkeys(entries):
        if entry in items:
            items.remove(entry)
    return join(items, sep)


# ---- toolkit facts --------------------------------------------------------------------------


def major_minor(version: str | None) -> tuple[int, int] | None:
    release = version_key(version).release
    return (release[0], release[1] if len(release) > 1 else 0) if version and release[0] else None


def toolkit_entries(toolkit: Path, windows: bool, cuda_version: str | None) -> list[str]:
    """What goes on PATH: bin (bin\\x64 too for CUDA 13+ on Windows, where its DLLs moved),
    libnvvp where present (Windows). Never include: a header folder on PATH does nothing."""
    if not windows:
        return [str(PurePosixPath(str(toolkit)) / "bin")]
    root = PureWindowsPath(str(toolkit))
    entries = [str(root / "bin")]
    version = major_minor(cuda_version)
    if (version and version[0] >= 13) or Path(toolkit, "bin", "x64").is_dir():
        entries.append(str(root / "bin" / "x64"))
    if Path(toolkit, "libnvvp").is_dir():
        entries.append(str(root / "libnvvp"))
    return entries


# ---- warnings -------------------------------------------------------------------------------


@dataclass
class Finding:
    code: str  # too_long | long | duplicates | shadowed | not_expanded | replaces | profile
    message: str
    blocking: bool = False


_CUDA_DIR = re.compile(r"cuda[\\/_-]?v?(\d{1,2}\.\d{1,2})", re.IGNORECASE)


def _cuda_bin(entry: str, env: Mapping[str, str]) -> tuple[bool, str | None]:
    """(is a CUDA toolkit's bin, its version if the path tells)."""
    text = expand(entry.strip().strip('"'), env)
    match = _CUDA_DIR.search(text)
    has_nvcc = any(os.path.isfile(os.path.join(text, n)) for n in ("nvcc", "nvcc.exe"))
    last = re.split(r"[\\/]", text.rstrip("\\/"))[-1].casefold()
    return has_nvcc or (bool(match) and last == "bin"), match.group(1) if match else None


def warnings(
    proposed: str,
    entries: Sequence[str],
    sep: str,
    *,
    before: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    cuda_version: str | None = None,
) -> list[Finding]:
    """What the user should know about the proposed value. before: entries searched first
    (on Windows the system PATH comes before the user PATH)."""
    env = env or {}
    found = []
    if sep == ";" and len(proposed) > MAX_LENGTH:
        found.append(
            Finding(
                "too_long",
                translate(
                    "path",
                    "The user PATH would be {proposed} characters, over Windows' limit "
                    "of {MAX_LENGTH}: remove entries you no longer need first. Nothing "
                    "was changed.",
                ).format(proposed=format(len(proposed), ","), MAX_LENGTH=format(MAX_LENGTH, ",")),
                blocking=True,
            )
        )
    elif sep == ";" and len(proposed) > SOFT_LENGTH:
        found.append(
            Finding(
                "long",
                translate(
                    "path",
                    "The user PATH is {proposed} characters; some older tools cannot "
                    "edit a PATH over {SOFT_LENGTH} characters (it works, but edit it "
                    "with care).",
                ).format(proposed=format(len(proposed), ","), SOFT_LENGTH=format(SOFT_LENGTH, ",")),
            )
        )
    order = [*before, *split(proposed, sep)]
    keys = [normalize(item, sep, env) for item in order]
    seen, dupes = set(), []
    for item, key in zip(order, keys, strict=True):
        if key and key in seen and item not in dupes:
            dupes.append(item)
        seen.add(key)
    if dupes:
        found.append(
            Finding(
                "duplicates",
                translate("path", "On PATH more than once: {entries}").format(
                    entries=", ".join(dupes)
                ),
            )
        )
    ours = {normalize(e, sep, env) for e in entries}
    real = {os.path.realpath(expand(e, env)) for e in entries}
    first = next((i for i, key in enumerate(keys) if key in ours), len(keys))
    for item in order[:first]:
        is_cuda, version = _cuda_bin(item, env)
        if is_cuda and os.path.realpath(expand(item.strip().strip('"'), env)) not in real:
            older = version and cuda_version and version_key(version) < version_key(cuda_version)
            label = f" (CUDA {version})" if version else ""
            # Whole sentences: "an older"/"another" glued in cannot be translated.
            text = (
                translate(
                    "path",
                    "{item} is an older CUDA toolkit{label} earlier on PATH: its nvcc and "
                    "DLLs are found before the new ones. Remove it from PATH if you no "
                    "longer use it.",
                )
                if older
                else translate(
                    "path",
                    "{item} is another CUDA toolkit{label} earlier on PATH: its nvcc and "
                    "DLLs are found before the new ones. Remove it from PATH if you no "
                    "longer use it.",
                )
            )
            found.append(Finding("shadowed", text.format(item=item, label=label)))
    return found
