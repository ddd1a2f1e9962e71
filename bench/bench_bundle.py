"""The packaged program: folder size, and `--version` start time frozen vs from source.

Builds dist/pytorch-setup/ first when it is missing (or with --rebuild), through
installer/build.py. Then, alternately, two variants each run `--version` in a fresh process:
  F  the frozen program: dist/pytorch-setup/pytorch-setup (pytorch-setup-cli.exe on Windows)
  S  from source: <this venv's python> -m app --version
The clock is the parent's wall time from spawn to exit (what a user or a script waits for).

Run from the repository's venv:  .venv/bin/python bench/bench_bundle.py [--runs 10]
Goals: the folder under 150 MB; F/S <= 1.5x (median start time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
NAME = "pytorch-setup"
GOAL_RATIO = 1.5
GOAL_BYTES = 150 * 10**6


def frozen_program(dist: Path) -> Path:
    exe = f"{NAME}-cli.exe" if sys.platform == "win32" else NAME
    return dist / NAME / exe


def folder_size(folder: Path) -> int:
    """Bytes in regular files; symlinks (PyInstaller 6 links libraries on POSIX) not followed."""
    total = 0
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                total += os.path.getsize(path)
    return total


def ensure_built(dist: Path, rebuild: bool) -> None:
    if frozen_program(dist).exists() and not rebuild:
        return
    print("bench_bundle: building the bundle (installer/build.py) ...", flush=True)
    done = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build.py"), "--distpath", str(dist)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not frozen_program(dist).exists():
        raise SystemExit(f"build failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")


def sample(command: list[str], expected: str) -> float:
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    wall = (time.perf_counter() - start) * 1000
    if done.returncode != 0 or expected not in done.stdout:
        raise SystemExit(f"{command} failed (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    return wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="samples per variant (default 10)")
    parser.add_argument("--dist", type=Path, default=DIST, help="folder holding pytorch-setup/")
    parser.add_argument("--rebuild", action="store_true", help="build even when present")
    args = parser.parse_args(argv)

    ensure_built(args.dist, args.rebuild)
    sys.path.insert(0, str(ROOT))
    from app import __version__

    expected = f"{NAME} {__version__}"
    variants = {
        "F": [str(frozen_program(args.dist)), "--version"],
        "S": [sys.executable, "-m", "app", "--version"],
    }
    for command in variants.values():  # warm the OS file cache; not counted
        sample(command, expected)
    samples: dict[str, list[float]] = {"F": [], "S": []}
    for i in range(args.runs):
        for key in ("F", "S") if i % 2 == 0 else ("S", "F"):
            samples[key].append(sample(variants[key], expected))

    folder = args.dist / NAME
    size = folder_size(folder)
    med = {key: statistics.median(values) for key, values in samples.items()}
    ratio = med["F"] / med["S"]
    print(f"Packaged program, {args.runs} interleaved samples per variant")
    print(f"  F = {variants['F'][0]} --version")
    print(f"  S = {sys.executable} -m app --version")
    print()
    print(f"  {'variant':<10}{'median':>10}{'min':>10}{'max':>10}   (ms, wall, spawn to exit)")
    for key in ("F", "S"):
        values = samples[key]
        print(f"  {key:<10}{med[key]:>10.1f}{min(values):>10.1f}{max(values):>10.1f}")
    print()
    verdict = "OK" if ratio <= GOAL_RATIO else "OVER GOAL"
    print(f"  goal: start F/S <= {GOAL_RATIO:.1f}x -> {ratio:.2f}x  {verdict}")
    verdict = "OK" if size < GOAL_BYTES else "OVER GOAL"
    print(
        f"  goal: folder < {GOAL_BYTES / 1e6:.0f} MB -> {size / 1e6:.1f} MB "
        f"({size / 2**20:.1f} MiB)  {verdict}   {folder}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
