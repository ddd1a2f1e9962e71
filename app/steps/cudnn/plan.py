"""Planning a cuDNN copy: what goes where in the toolkit, what is backed up, and every reason
to refuse (wrong CUDA major or platform, not a toolkit, no write access, no space). Changes nothing.

Files go where PyTorch's CI puts them: Linux include/* → include, lib/* → lib64; Windows
bin\\* → bin, lib\\* → lib\\x64 (redist zips already have lib/x64), include\\* → include.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from app import fsops
from app.paths import read_text, state_dir
from app.scan import ScanContext
from app.scan.toolkits import nvcc_in, parse_cudnn_header, toolkit_version
from app.steps.cudnn.archive import CudnnArchive, CudnnError
from app.text import translate

# What an archive's platform may be for each toolkit platform (cuDNN names ARM servers 'sbsa').
_FITS = {
    "linux-x86_64": ("linux-x86_64", "linux"),
    "linux-aarch64": ("linux-sbsa", "linux-aarch64", "linux"),
    "windows-x86_64": ("windows-x86_64", "windows"),
}


@dataclass
class CopyItem:
    rel: str  # path under the archive's root: 'lib/libcudnn.so.9'
    dest: Path
    size: int
    link: str | None  # a symlink's target; None for a file
    replaces_existing: bool
    existing_size: int  # bytes that go to the backup


@dataclass
class CopyPlan:
    archive: CudnnArchive
    toolkit: Path
    platform: str
    toolkit_version: str | None  # '12.6.3' (or '12.6' where only that is known)
    toolkit_cuda_major: int | None
    existing_cudnn: str | None  # a cuDNN already in the toolkit ('8.9.7')
    lib_folder: str  # where lib/* goes: 'lib64', 'lib' (a toolkit without lib64) or 'lib/x64'
    items: list[CopyItem]
    new_folders: list[Path]  # created by the copy, parents first
    skipped: list[str] = field(default_factory=list)  # archive files not copied (LICENSE)
    problems: list[CudnnError] = field(default_factory=list)  # any one refuses the copy
    warnings: list[str] = field(default_factory=list)

    @property
    def bytes_total(self) -> int:
        return sum(i.size for i in self.items)

    @property
    def backup_bytes(self) -> int:
        return sum(i.existing_size for i in self.items)

    @property
    def replaced(self) -> list[CopyItem]:
        return [i for i in self.items if i.replaces_existing]

    def check(self) -> None:
        if self.problems:
            raise self.problems[0]


def destination(rel: str, platform: str, lib_folder: str) -> str | None:
    """Where an archive file goes in the toolkit (posix, relative); None: not copied."""
    top, _, rest = rel.partition("/")
    if not rest:
        return None  # LICENSE, README at the archive's top
    if platform.startswith("windows"):
        if top == "lib":
            first, _, below = rest.partition("/")
            return f"lib/x64/{below}" if first.lower() == "x64" and below else f"lib/x64/{rest}"
        return f"{top}/{rest}" if top in ("bin", "include") else None
    if top in ("lib", "lib64"):
        return f"{lib_folder}/{rest}"
    return f"include/{rest}" if top == "include" else None


def _lib_folder(toolkit: Path, platform: str) -> str:
    if platform.startswith("windows"):
        return "lib/x64"
    # Installer-made toolkits have lib64; those unpacked from NVIDIA's redist archives (ours
    # among them) have only lib, and a new lib64 there would be found by nothing.
    if (toolkit / "lib").is_dir() and not os.path.lexists(toolkit / "lib64"):
        return "lib"
    return "lib64"


def plan_copy(
    archive: CudnnArchive, toolkit: str | Path, platform: str, *, staged: bool = False
) -> CopyPlan:
    """What goes where, what is backed up, and every reason to refuse; changes nothing.
    staged: the archive is unpacked already (its space is taken, not needed)."""
    toolkit = Path(toolkit).absolute()
    full = toolkit_version(toolkit, nvcc_in(toolkit), ScanContext(timeout=5.0))
    major = int(full.split(".")[0]) if full else None
    headers = [toolkit / "include" / n for n in ("cudnn_version.h", "cudnn.h")]
    existing = next((v for h in headers if (v := parse_cudnn_header(read_text(h) or ""))), None)
    lib_folder = _lib_folder(toolkit, platform)
    plan = CopyPlan(archive, toolkit, platform, full, major, existing, lib_folder, [], [])
    folders: dict[Path, None] = {}
    for item in sorted(archive.files, key=lambda f: (f.link is not None, f.rel)):
        rel = destination(item.rel, platform, lib_folder)
        if rel is None:
            plan.skipped.append(item.rel)
            continue
        dest = toolkit / rel
        try:
            there = dest.lstat()
        except OSError:
            there = None
        if there is not None and dest.is_dir() and not dest.is_symlink():
            plan.problems.append(
                CudnnError(
                    translate(
                        "errors",
                        "{dest} is a folder where cuDNN has a file: move it away, then try again.",
                    ).format(dest=dest)
                )
            )
        for parent in reversed(dest.relative_to(toolkit).parents[:-1]):
            if not os.path.lexists(toolkit / parent):
                folders[toolkit / parent] = None
        if dest in (i.dest for i in plan.items):
            plan.problems.append(
                CudnnError(
                    translate(
                        "errors",
                        "{name} has two files for {dest}: it is not a cuDNN archive from NVIDIA.",
                    ).format(name=archive.path.name, dest=dest)
                )
            )
        size = there.st_size if there is not None and not dest.is_symlink() else 0
        plan.items.append(CopyItem(item.rel, dest, item.size, item.link, there is not None, size))
    plan.new_folders = list(folders)
    _check(plan, staged)
    return plan


def _check(plan: CopyPlan, staged: bool) -> None:
    archive, toolkit, problems = plan.archive, plan.toolkit, plan.problems
    if not toolkit.is_dir():
        problems.insert(
            0,
            CudnnError(
                translate(
                    "errors",
                    "{toolkit} does not exist: choose the CUDA toolkit folder (the one "
                    "with bin, include and lib).",
                ).format(toolkit=toolkit)
            ),
        )
        return
    if plan.toolkit_cuda_major is None:
        problems.append(
            CudnnError(
                translate(
                    "errors",
                    "{toolkit} has no version.json, version.txt, bin/nvcc or "
                    "include/cuda.h: it is not a CUDA toolkit folder; choose the folder "
                    "of the toolkit (e.g. CUDA/v12.6).",
                ).format(toolkit=toolkit)
            )
        )
    elif archive.cuda_major is None:
        plan.warnings.append(
            f"{archive.path.name} does not say which CUDA it was built for: make sure it is a "
            f"cuDNN for CUDA {plan.toolkit_cuda_major} (…_cuda{plan.toolkit_cuda_major}-archive)."
        )
    elif archive.cuda_major != plan.toolkit_cuda_major:
        problems.append(CudnnError(_mismatch(plan)))
    if plan.platform not in _FITS:
        problems.append(
            CudnnError(
                translate(
                    "errors", "cuDNN cannot be copied for {platform}: only {_FITS} are supported."
                ).format(platform=plan.platform, _FITS=", ".join(_FITS))
            )
        )
    elif archive.platform and archive.platform not in _FITS[plan.platform]:
        problems.append(
            CudnnError(
                translate(
                    "errors",
                    "{name} is a cuDNN for {platform}; this toolkit needs one for "
                    "{platform2}: download that one instead.",
                ).format(name=archive.path.name, platform=archive.platform, platform2=plan.platform)
            )
        )
    if not plan.items:
        problems.append(
            CudnnError(
                translate(
                    "errors",
                    "{name} has nothing to copy for {platform} (no include, lib or bin files).",
                ).format(name=archive.path.name, platform=plan.platform)
            )
        )
    if plan.existing_cudnn and plan.existing_cudnn != archive.version:
        plan.warnings.append(
            f"{toolkit} already has cuDNN {plan.existing_cudnn}: its files that cuDNN "
            f"{archive.version} also has are backed up and replaced; the others stay."
        )
    if not problems:
        problems.extend(_access_problems(plan))
    if not problems:
        problems.extend(_space_problems(plan, staged))


def _mismatch(plan: CopyPlan) -> str:
    archive, want = plan.archive, plan.toolkit_cuda_major
    name = archive.root or archive.path.name
    fitting = name.replace(f"_cuda{archive.cuda_major}", f"_cuda{want}")
    if fitting == name:
        fitting = f"a cuDNN {archive.version} built for CUDA {want} (…_cuda{want}-archive)"
    return (
        f"This is a cuDNN for CUDA {archive.cuda_major} ({name}); CUDA {plan.toolkit_version} in "
        f"{plan.toolkit} needs {fitting}: download that one instead."
    )


def needs_admin(toolkit: Path) -> bool:
    """Windows: this user may not write the toolkit's folders (Program Files): the copy (and
    a download meant for it) must run as administrator."""
    folders = [toolkit / name for name in ("bin", "include", "lib") if (toolkit / name).is_dir()]
    return os.name == "nt" and not all(_writable(folder) for folder in folders or [toolkit])


def _writable(folder: Path) -> bool:
    if os.name != "nt":
        return os.access(folder, os.W_OK | os.X_OK)
    # On Windows os.access ignores ACLs (Program Files says "writable" to everyone): try it.
    return fsops.write_probe_error(folder) is None


def _access_problems(plan: CopyPlan) -> list[CudnnError]:
    folders = {i.dest.parent for i in plan.items if i.dest.parent not in plan.new_folders}
    folders |= {f.parent for f in plan.new_folders if f.parent not in plan.new_folders}
    for folder in sorted(folders):
        if _writable(folder):
            continue
        windows = plan.platform.startswith("windows")
        protected = [os.environ.get(v, "") for v in ("ProgramFiles", "ProgramW6432", "SystemRoot")]
        if windows and any(p and _inside(folder, Path(p)) for p in protected):
            text = (
                f"Windows lets only administrators change {folder}: restart the assistant "
                "as administrator (right-click → Run as administrator) to copy cuDNN."
            )
        elif windows:
            text = (
                f"{folder} cannot be written by this user: restart the assistant as "
                "administrator, or ask who owns the folder."
            )
        else:
            text = (
                f"{folder} can be changed only by root: run the assistant with sudo, or use "
                "a CUDA toolkit in a folder you own."
            )
        return [CudnnError(text, needs_admin=windows or not _inside(folder, Path.home()))]
    return []


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.normcase(path)).is_relative_to(os.path.normcase(folder))


def _space_problems(plan: CopyPlan, staged: bool) -> list[CudnnError]:
    """The toolkit's drive takes the new files; the state folder the unpacked archive (unless it
    is unpacked already) and the backups. Both on one drive: the sum."""
    staging = 0 if staged else plan.archive.size
    needs: dict[int, list] = {}
    for folder, size in (
        (plan.toolkit, plan.bytes_total),
        (state_dir(), staging + plan.backup_bytes),
    ):
        folder = _existing_parent(folder)
        needs.setdefault(folder.stat().st_dev, [folder, 0])[1] += size
    for folder, size in needs.values():
        free = shutil.disk_usage(folder).free
        if free < size:
            text = (
                f"Not enough free space in {folder}: {size / 1e9:.2f} GB needed, "
                f"{free / 1e9:.2f} GB free. Free some space, then try again."
            )
            return [CudnnError(text)]
    return []


def _existing_parent(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path
