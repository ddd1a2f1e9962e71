"""`python -m app scan --json` wall time, as a ratio against `python -m torch.utils.collect_env`.

Every sample is a fresh process, scan and collect_env alternating. collect_env runs in a venv
with torch 2.13.0 (CPU), created on first use at bench/.cache/torch-venv (git-ignored) with
``python -m venv`` and ``pip install torch==2.13.0``; later runs reuse it. The scan runs under
this interpreter (sys.executable: run the script from the project's venv).

Also shown: the scan's own per-probe seconds (its JSON `probes` list, median over the scan
samples) and one scan targeted at the torch venv (`scan --json --python ...`).

Run:  .venv/bin/python bench/bench_scan.py [--runs 7]
Goal: scan/collect_env <= 0.25x.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TORCH_VENV = ROOT / "bench" / ".cache" / "torch-venv"
TORCH_VERSION = "2.13.0"
GOAL = 0.25


def venv_python(prefix: Path) -> Path:
    return prefix / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_torch_venv() -> Path:
    python = venv_python(TORCH_VENV)
    check = [str(python), "-c", "import importlib.metadata as m; print(m.version('torch'))"]
    if python.exists():
        found = subprocess.run(check, capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip().startswith(TORCH_VERSION):
            return python
    print(f"Creating {TORCH_VENV} with torch=={TORCH_VERSION} (once) ...", flush=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(TORCH_VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", f"torch=={TORCH_VERSION}"],
        check=True,
    )
    subprocess.run(check, check=True, capture_output=True)
    print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    return python


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="samples per command (default 7)")
    args = parser.parse_args(argv)

    torch_python = ensure_torch_venv()
    scan_cmd = [sys.executable, "-m", "app", "scan", "--json"]
    collect_cmd = [str(torch_python), "-m", "torch.utils.collect_env"]
    # collect_env runs outside the repository so nothing there shadows its imports.
    collect_cwd = TORCH_VENV

    timed(scan_cmd, ROOT)  # warm the OS file cache; not counted
    timed(collect_cmd, collect_cwd)
    scan_s: list[float] = []
    collect_s: list[float] = []
    probes: dict[str, list[float]] = {}
    statuses: dict[str, str] = {}
    for i in range(args.runs):
        order = ("scan", "collect") if i % 2 == 0 else ("collect", "scan")
        for which in order:
            if which == "scan":
                seconds, out = timed(scan_cmd, ROOT)
                scan_s.append(seconds)
                for note in json.loads(out)["probes"]:
                    probes.setdefault(note["probe"], []).append(note["seconds"] or 0.0)
                    statuses[note["probe"]] = note["status"]
            else:
                seconds, _ = timed(collect_cmd, collect_cwd)
                collect_s.append(seconds)

    scan_med, collect_med = statistics.median(scan_s), statistics.median(collect_s)
    ratio = scan_med / collect_med
    print(f"System scan vs torch collect_env, {args.runs} interleaved samples each, medians")
    print()
    print(f"  {'command':<50}{'median s':>9}{'min s':>8}{'max s':>8}")
    rows = (
        ("python -m app scan --json", scan_s),
        (f"python -m torch.utils.collect_env (torch {TORCH_VERSION})", collect_s),
    )
    for label, values in rows:
        line = f"  {label:<50}{statistics.median(values):>9.3f}"
        print(f"{line}{min(values):>8.3f}{max(values):>8.3f}")
    verdict = "OK" if ratio <= GOAL else "OVER GOAL"
    print()
    print(f"  goal: scan/collect_env <= {GOAL:.2f}x -> {ratio:.3f}x  {verdict}")
    print()
    print("  scan probes (own timing, median s; they run concurrently):")
    for name, values in sorted(probes.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"    {name:<14}{statistics.median(values):>7.3f}   {statuses[name]}")
    print()

    _, out = timed([*scan_cmd, "--python", str(torch_python)], ROOT)
    profile = json.loads(out)
    torch = profile.get("torch") or (profile.get("python") or {}).get("torch")
    print(f"  scan --python {torch_python.relative_to(ROOT)}:")
    python = profile.get("python") or {}
    print(f"    python {python.get('version')} ({python.get('kind')})")
    if torch:
        cuda = torch.get("cuda") or "none (CPU build)"
        where = Path(torch.get("path") or "?")
        if where.is_relative_to(ROOT):
            where = where.relative_to(ROOT)
        print(f"    torch {torch.get('version')}, CUDA {cuda}, at {where}")
    else:
        print("    torch NOT found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
