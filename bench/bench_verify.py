"""verify() wall time, as a ratio against a bare `import torch; torch.cuda.is_available()`.

Both run against the same torch 2.13.0 (CPU) venv, bench/.cache/torch-venv, created on first
use by bench_scan's helper (``python -m venv`` + ``pip install torch==2.13.0``) and reused.
Samples alternate: verify() in this process (timed around the call: the probe subprocess, nvcc
and the GPU scan on its helper thread, diagnosis), then the bare import as a fresh process.
Also shown: `python -c "from app.steps.verify import verify; verify(PY)"` as a fresh process
(adds our own start-up and imports), and the probe's own per-stage timings.

Run:  .venv/bin/python bench/bench_verify.py [--runs 7]
Goal: verify / bare import <= 1.3x.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_scan, next to this file

from bench_scan import ROOT, TORCH_VENV, ensure_torch_venv  # noqa: E402

sys.path.insert(0, str(ROOT))  # the project, when run from elsewhere

from app.steps.verify import verify  # noqa: E402

GOAL = 1.3
BARE = "import torch; torch.cuda.is_available()"


def timed_process(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return seconds


def timed_verify(python: str) -> tuple[float, dict]:
    started = time.perf_counter()
    report = verify(python)
    seconds = time.perf_counter() - started
    if not report.ok:
        raise SystemExit(f"verify found a problem:\n{report.to_json()}")
    return seconds, report.extra.get("timings", {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="samples per command (default 7)")
    args = parser.parse_args(argv)

    python = str(ensure_torch_venv())
    bare_cmd = [python, "-c", BARE]
    cli_free_cmd = [
        sys.executable,
        "-c",
        f"from app.steps.verify import verify; import sys; sys.exit(not verify({python!r}).ok)",
    ]
    # Warm the OS file cache (torch's libraries are hundreds of MB); not counted.
    timed_process(bare_cmd, TORCH_VENV)
    timed_verify(python)

    verify_s: list[float] = []
    bare_s: list[float] = []
    cli_free_s: list[float] = []
    stages: dict[str, list[float]] = {}
    for i in range(args.runs):
        order = ("verify", "bare", "process") if i % 2 == 0 else ("process", "bare", "verify")
        for which in order:
            if which == "verify":
                seconds, timings = timed_verify(python)
                verify_s.append(seconds)
                for name, value in timings.items():
                    stages.setdefault(name, []).append(value)
            elif which == "bare":
                bare_s.append(timed_process(bare_cmd, TORCH_VENV))
            else:
                cli_free_s.append(timed_process(cli_free_cmd, ROOT))

    verify_med, bare_med = statistics.median(verify_s), statistics.median(bare_s)
    ratio = verify_med / bare_med
    print(f"verify() vs bare torch import, {args.runs} interleaved samples each, medians")
    print()
    print(f"  {'command':<58}{'median s':>9}{'min s':>8}{'max s':>8}")
    rows = (
        ("verify(PY) in-process", verify_s),
        ('PY -c "import torch; torch.cuda.is_available()"', bare_s),
        ('python -c "...verify(PY)" (fresh process, informational)', cli_free_s),
    )
    for label, values in rows:
        line = f"  {label:<58}{statistics.median(values):>9.3f}"
        print(f"{line}{min(values):>8.3f}{max(values):>8.3f}")
    verdict = "OK" if ratio <= GOAL else "OVER GOAL"
    print()
    print(f"  goal: verify / bare <= {GOAL:.2f}x -> {ratio:.3f}x  {verdict}")
    print(f"  fresh process / bare: {statistics.median(cli_free_s) / bare_med:.3f}x")
    print()
    print("  probe stages inside the target interpreter (median s):")
    for name, values in stages.items():
        print(f"    {name:<16}{statistics.median(values):>8.4f}")
    print()
    print(f"  PY = {Path(python).relative_to(ROOT)} (torch 2.13.0, CPU build)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
