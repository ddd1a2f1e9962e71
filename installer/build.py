"""Build the double-clickable program: `python installer/build.py [extra PyInstaller options]`.

Runs PyInstaller on installer/pytorch-setup.spec with the interpreter that runs this script
(use the project's venv). Installs nothing: when PyInstaller is missing it says how to get it.
Output: build/dist/pytorch-setup/ (build/ is git-ignored); work files in build/work/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "pytorch-setup.spec"
DIST = ROOT / "build" / "dist"
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


def main(argv: list[str]) -> int:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(
            f"build: PyInstaller is not installed for {sys.executable}; install the packaging "
            "extra first: pip install -e '.[package]'",
            file=sys.stderr,
        )
        return 2
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        *argv,
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
    folder = DIST / NAME
    if sys.platform == "win32":
        programs = [folder / f"{NAME}.exe", folder / f"{NAME}-cli.exe"]
    else:
        programs = [folder / NAME]
    if sys.platform == "darwin":
        programs.append(DIST / f"{NAME}.app")
    print(
        f"build: done in {time.monotonic() - started:.0f} s; "
        f"{folder} holds {folder_size(folder) / 2**20:.0f} MiB"
    )
    for program in programs:
        print(f"build: {program}{'' if program.exists() else '  (missing!)'}")
    print("build: ship the whole folder (zip it keeping symlinks); the program needs _internal/.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
