"""Build the double-clickable program: `python installer/build.py [--zip] [PyInstaller options]`.

Runs PyInstaller on installer/pytorch-setup.spec with the interpreter that runs this script
(use the project's venv). Installs nothing: when PyInstaller is missing it says how to get it.
Output: dist/pytorch-setup/ (dist/ is git-ignored); work files in build/work/.

  --zip             also write the release archive dist/pytorch-setup-<version>-<os>-<arch>.zip
                    (the onedir folder, symlinks kept as links); on macOS a second zip holds
                    pytorch-setup.app
  --distpath DIR    output folder instead of dist/ (the tests build into a temp folder)
  --workpath DIR    work folder instead of build/work/
Any other option goes to PyInstaller unchanged (e.g. --clean, --log-level WARN).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "pytorch-setup.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "work"
NAME = "pytorch-setup"


def folder_size(folder: Path) -> int:
    """Bytes in regular files, symlinks not followed (PyInstaller 6 links libraries on POSIX)."""
    total = 0
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                total += os.path.getsize(path)
    return total


def version() -> str:
    """app.__version__, read from the source (this script imports nothing of the project)."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", text, re.MULTILINE)
    return match.group(1) if match else "0"


def platform_tag() -> str:
    """'windows-x86_64', 'macos-arm64', 'linux-x86_64' ...: the part of the zip's name that
    says which machines it runs on."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    if system.startswith("linux"):
        system = "linux"
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine or 'unknown'}"


def programs_in(dist: Path) -> list[Path]:
    folder = dist / NAME
    if sys.platform == "win32":
        programs = [folder / f"{NAME}.exe", folder / f"{NAME}-cli.exe"]
    else:
        programs = [folder / NAME]
    if sys.platform == "darwin":
        programs.append(dist / f"{NAME}.app")
    return programs


# --- the release zip --------------------------------------------------------------------------


def _info(arcname: str, st: os.stat_result, is_dir: bool = False) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(arcname + ("/" if is_dir else ""))
    info.date_time = time.localtime(max(st.st_mtime, 315532800))[:6]  # zip starts at 1980
    info.create_system = 3  # Unix: unzip and Archive Utility honour the mode bits below
    info.external_attr = (st.st_mode & 0xFFFF) << 16
    if is_dir:
        info.external_attr |= 0x10  # MS-DOS directory bit, for Windows' own extractor
    return info


def write_zip(folder: Path, archive: Path) -> Path:
    """Zip folder (as the archive's top folder) keeping symlinks as links and the mode bits.

    shutil.make_archive would store each symlink as a copy of its target: PyInstaller 6 links
    libraries on Linux and macOS (e.g. _internal/libQt6Core.so.6 → PySide6/Qt/lib/...), so the
    folder would grow and a macOS .app's signature would break. Here a link is an entry whose
    mode is S_IFLNK and whose data is the link's target, as `zip -y` writes it; `unzip`,
    macOS's Archive Utility and `ditto -x -k` restore it as a link. (Python's own zipfile
    extracts it as a small text file: unpack with those tools.) Windows bundles hold no links.
    """
    folder = Path(folder)
    archive = Path(archive)
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_name(archive.name + ".part")
    base = folder.parent
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(_info(folder.name, folder.stat(), is_dir=True), b"")
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            here = Path(dirpath)
            for name in sorted(dirnames + filenames):
                path = here / name
                arcname = path.relative_to(base).as_posix()
                st = path.lstat()
                if stat.S_ISLNK(st.st_mode):
                    zf.writestr(_info(arcname, st), os.readlink(path).replace(os.sep, "/"))
                elif stat.S_ISDIR(st.st_mode):
                    zf.writestr(_info(arcname, st, is_dir=True), b"")
                elif stat.S_ISREG(st.st_mode):
                    info = _info(arcname, st)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    with open(path, "rb") as src, zf.open(info, "w") as dst:
                        shutil.copyfileobj(src, dst, 1024 * 1024)
            # os.walk lists a symlink to a folder among dirnames but must not descend into it:
            # it was stored as a link above.
            dirnames[:] = [d for d in dirnames if not (here / d).is_symlink()]
    os.replace(partial, archive)
    return archive


def make_release_zips(dist: Path) -> list[Path]:
    """The release artifacts: the onedir folder, and on macOS the .app (with ditto, which keeps
    extended attributes and resource forks too, when it is there)."""
    stem = f"{NAME}-{version()}-{platform_tag()}"
    zips = [write_zip(dist / NAME, dist / f"{stem}.zip")]
    app = dist / f"{NAME}.app"
    if sys.platform == "darwin" and app.is_dir():
        target = dist / f"{stem}-app.zip"
        ditto = shutil.which("ditto")
        if ditto:
            target.unlink(missing_ok=True)
            subprocess.run(
                [ditto, "-c", "-k", "--sequesterRsrc", "--keepParent", str(app), str(target)],
                check=True,
            )
            zips.append(target)
        else:
            zips.append(write_zip(app, target))
    return zips


# --- main -------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build dist/pytorch-setup/ with PyInstaller (other options go to it).",
        allow_abbrev=False,
    )
    parser.add_argument("--distpath", type=Path, default=DIST, help="output folder (dist/)")
    parser.add_argument("--workpath", type=Path, default=WORK, help="work folder (build/work/)")
    parser.add_argument("--zip", action="store_true", help="also write the release zip")
    return parser.parse_known_args(argv)


def main(argv: list[str]) -> int:
    args, extra = parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(
            f"build: PyInstaller is not installed for {sys.executable}; install the packaging "
            "extra first: pip install -e '.[package]'",
            file=sys.stderr,
        )
        return 2
    dist, work = args.distpath.resolve(), args.workpath.resolve()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        *extra,
    ]
    print("build:", " ".join(command), flush=True)
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        print(
            f"build: PyInstaller failed (exit {result.returncode}); see its output above.",
            file=sys.stderr,
        )
        return result.returncode
    folder = dist / NAME
    size = folder_size(folder)
    print(
        f"build: done in {time.monotonic() - started:.0f} s; "
        f"{folder} holds {size / 2**20:.0f} MiB ({size / 1e6:.0f} MB)"
    )
    missing = False
    for program in programs_in(dist):
        missing |= not program.exists()
        print(f"build: {program}{'' if program.exists() else '  (missing!)'}")
    if missing:
        return 1
    if args.zip:
        for archive in make_release_zips(dist):
            print(f"build: release zip {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    else:
        print("build: ship the whole folder (--zip writes the release zip, symlinks kept).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
