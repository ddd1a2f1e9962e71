"""Wizard cold start to the first page painted, as a ratio against a bare seven-page QWizard.

Each sample is a fresh interpreter (offscreen Qt). In the child, t0 is taken before any other
import; the clock stops when the first page receives its first QEvent.Paint (an event filter on
the wizard's current page, installed right after show(); the same method for both variants). The
real wizard queues its system scan with QTimer.singleShot(0) from initializePage(); that call is
allowed to run, and whatever it does on the GUI thread before the first paint is counted, since
the user waits for it too. The scan's worker thread is not waited for: the child prints its
numbers and leaves with os._exit(0).

Variants, sampled alternately:
  A  ``from ui.wizard import SetupWizard; SetupWizard()``
  B  a bare QWizard with seven empty QWizardPages

Run from the repository's venv:  .venv/bin/python bench/bench_startup.py [--runs 15]
Goal: A/B <= 1.5x (first paint, in-process).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 1.5
MARK = "BENCH_STARTUP "

# Modules whose presence at start-up is worth knowing about (the start path should stay light).
HEAVY = (
    "requests",
    "urllib3",
    "pynvml",
    "psutil",
    "asyncio",
    "qasync",
    "platformdirs",
    "concurrent.futures",
    "json",
    "ssl",
    "http.client",
    "email",
    "subprocess",
)

CHILD = r"""
import time
t0 = time.perf_counter()
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
HEAVY = __HEAVY__
app = QApplication(sys.argv[:1])
t_app = time.perf_counter()
if __VARIANT__ == "A":
    from ui.wizard import SetupWizard
    window = SetupWizard()
else:
    from PySide6.QtWidgets import QWizard, QWizardPage
    window = QWizard()
    for _ in range(7):
        window.addPage(QWizardPage())
t_built = time.perf_counter()
at_built = [m for m in HEAVY if m in sys.modules]

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            t = time.perf_counter()
            print("__MARK__" + json.dumps({
                "app_ms": (t_app - t0) * 1000,
                "built_ms": (t_built - t0) * 1000,
                "shown_ms": (t_shown - t0) * 1000,
                "paint_ms": (t - t0) * 1000,
                "at_built": at_built,
                "at_paint": [m for m in HEAVY if m in sys.modules],
                "modules": len(sys.modules),
            }), flush=True)
            os._exit(0)
        return False

first_paint = FirstPaint()
window.show()
t_shown = time.perf_counter()
window.currentPage().installEventFilter(first_paint)
app.exec()
"""


def child_code(variant: str) -> str:
    return (
        CHILD.replace("__HEAVY__", repr(HEAVY))
        .replace("__VARIANT__", repr(variant))
        .replace("__MARK__", MARK)
    )


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def sample(variant: str, timeout: float = 60.0) -> dict:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", child_code(variant)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    wall = (time.perf_counter() - start) * 1000
    line = next((x for x in done.stdout.splitlines() if x.startswith(MARK)), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(
            f"variant {variant} failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
        )
    result = json.loads(line[len(MARK) :])
    result["wall_ms"] = wall
    return result


def import_times(variant: str, top: int) -> list[tuple[float, str]]:
    """One extra run under -X importtime: the slowest top-level imports (cumulative ms)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", child_code(variant)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| ( *)(\S+)", line)
        if match and len(match.group(2)) <= 1:  # top-level imports only (not their children)
            rows.append((int(match.group(1)) / 1000, match.group(3)))
    return sorted(rows, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="samples per variant (default 15)")
    parser.add_argument("--top", type=int, default=10, help="slowest imports to list (A)")
    args = parser.parse_args(argv)

    samples: dict[str, list[dict]] = {"A": [], "B": []}
    sample("A")  # warm the OS file cache for both; not counted
    sample("B")
    for i in range(args.runs):
        for variant in ("A", "B") if i % 2 == 0 else ("B", "A"):
            samples[variant].append(sample(variant))

    def med(variant: str, key: str) -> float:
        return statistics.median(s[key] for s in samples[variant])

    print(f"Wizard cold start, {args.runs} interleaved samples per variant, medians (ms)")
    print("  A = SetupWizard()   B = bare QWizard with 7 empty pages   (QT_QPA_PLATFORM=offscreen)")
    print()
    print(f"  {'measure':<34}{'A':>9}{'B':>9}{'A/B':>8}")
    measures = (
        ("QApplication created", "app_ms"),
        ("window built", "built_ms"),
        ("show() returned", "shown_ms"),
        ("first page painted (in-process)", "paint_ms"),
        ("whole process (parent wall time)", "wall_ms"),
    )
    for label, key in measures:
        a, b = med("A", key), med("B", key)
        print(f"  {label:<34}{a:>9.1f}{b:>9.1f}{a / b:>7.2f}x")
    ratio = med("A", "paint_ms") / med("B", "paint_ms")
    verdict = "OK" if ratio <= GOAL else "OVER GOAL"
    print()
    print(f"  goal: first page painted A/B <= {GOAL:.1f}x -> {ratio:.2f}x  {verdict}")
    wall_ratio = med("A", "wall_ms") / med("B", "wall_ms")
    print(f"        whole process A/B = {wall_ratio:.2f}x (informational)")
    gap_a = med("A", "paint_ms") - med("A", "shown_ms")
    gap_b = med("B", "paint_ms") - med("B", "shown_ms")
    print(f"  show() -> first paint: A {gap_a:.1f} ms, B {gap_b:.1f} ms")
    print()
    last = samples["A"][-1]
    print(f"  A: modules loaded at first paint: {last['modules']}")
    print(f"  A: watched modules after SetupWizard(): {', '.join(last['at_built']) or '(none)'}")
    extra = [m for m in last["at_paint"] if m not in last["at_built"]]
    print(f"  A: ...added before first paint:       {', '.join(extra) or '(none)'}")
    print()
    print("  A: slowest top-level imports (one -X importtime run, cumulative ms):")
    for ms, name in import_times("A", args.top):
        print(f"    {ms:8.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
