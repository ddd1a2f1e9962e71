"""A flood of child output into the wizard's log, as a ratio against the same run with no GUI.

A real child process (`python -c ...`) prints N lines like pip's; app.proc.run reads them and
hands each line to a reporter's log(), as the install step does. Three ways, each sample a fresh
process of this script (so its peak RSS is that run's own), interleaved:

  nogui    proc.run on the main thread with the base Reporter (the log file gets every line):
           the baseline, what the CLI pays
  open     the real SetupWizard, shown offscreen with its scan done and the log panel open; the
           same call runs through wizard.start_worker (Worker + BufferedReporter + LogModel)
  closed   the same with the log panel closed

Both ways write the log file (app.logs.setup_file_logging, into a temp PYTORCH_SETUP_HOME), as
the assistant always does. In the GUI ways a QTimer ticks every 5 ms on the GUI thread; the
longest gap between ticks is how long the GUI thread stalled. Memory: the process's peak RSS
(ru_maxrss), and Python's own peak (tracemalloc is too slow to leave on: not used).

Run from the repository's venv:  .venv/bin/python bench/bench_log.py [--lines 20000 200000]
    [--runs 3]
(TICK_MS=N in the environment sets the ticker's interval; 5 ms by default.)
Goals: open/nogui and closed/nogui <= 1.3x; longest GUI stall <= 50 ms; peak RSS bounded (the
200,000-line run within a few MiB of the 20,000-line one).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL_RATIO = 1.3
GOAL_STALL_MS = 50.0
TICK_MS = int(os.environ.get("TICK_MS", "5"))
WAYS = ("nogui", "open", "closed")
# A pip-like line: 'Collecting …', progress and 'Requirement already satisfied' are ~60-120 chars.
CHILD = (
    "import sys\n"
    "n = int(sys.argv[1])\n"
    "w = sys.stdout.write\n"
    "for i in range(n):\n"
    "    w(f'  Downloading nvidia_cublas_cu12-12.4.5.8-py3-none-manylinux2014_x86_64.whl"
    " line {i}\\n')\n"
)


def child_command(lines: int) -> list[str]:
    return [sys.executable, "-c", CHILD, str(lines)]


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def flood(lines: int):
    """The engine call: what an install step does with a child's output."""
    from app import proc

    def call(reporter, cancel):
        result = proc.run(
            child_command(lines), cancel=cancel, on_line=reporter.log, max_capture_lines=40
        )
        if not result.ok:
            raise RuntimeError(f"child failed: {result.output}")
        return result

    return call


def one_nogui(lines: int) -> dict:
    from app.events import CancelToken, Reporter

    started = time.perf_counter()
    flood(lines)(Reporter(), CancelToken())
    return {"seconds": time.perf_counter() - started, "stall_ms": None}


def one_gui(lines: int, panel_open: bool) -> dict:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from app.profile import Disk, Driver, OSInfo, PythonEnv, SystemProfile
    from ui.wizard import SetupWizard

    def scan(reporter, cancel):
        return SystemProfile(
            os=OSInfo("linux", "6.8.0", False, "Ubuntu 24.04"),
            arch="x86_64",
            python=PythonEnv("3.11.9", sys.executable, "venv", 64),
            gpus=[],
            driver=Driver("550.54", "12.4"),
            disks={"home": Disk(str(Path.home()), 200_000)},
        )

    app = QApplication.instance() or QApplication([])
    wizard = SetupWizard(scan_call=scan)
    wizard.show()
    deadline = time.monotonic() + 30
    while not wizard.scan_page.isComplete():
        app.processEvents()
        if time.monotonic() > deadline:
            raise SystemExit("the wizard's scan did not finish")
        time.sleep(0.005)
    wizard.log.set_shown(panel_open)
    for _ in range(20):  # let the panel lay out before the clock starts
        app.processEvents()

    clock = QElapsedTimer()
    gaps: list[float] = []
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)
    outcome: dict = {}
    clock.start()
    started = time.perf_counter()
    ticker.start()
    worker = wizard.start_worker(flood(lines))
    worker.succeeded.connect(lambda result: outcome.setdefault("ok", result))
    worker.failed.connect(lambda exc: outcome.setdefault("error", exc))
    worker.finished.connect(lambda: outcome.setdefault("seconds", time.perf_counter() - started))
    worker.finished.connect(app.quit)
    app.exec()
    ticker.stop()
    if "error" in outcome:
        raise SystemExit(f"the flood failed: {outcome['error']!r}")
    shown = wizard.log.line_count()
    wizard.stop_workers()
    return {"seconds": outcome["seconds"], "stall_ms": max(gaps), "log_lines": shown}


def one(way: str, lines: int, file_log: bool) -> dict:
    from app.logs import setup_file_logging

    if file_log and setup_file_logging() is None:
        raise SystemExit("the log file could not be set up")
    # The wizard's real scan has imported app.proc (and psutil) long before an install: the
    # import is not part of the flood in either way.
    import app.proc  # noqa: F401

    result = one_nogui(lines) if way == "nogui" else one_gui(lines, panel_open=way == "open")
    result["rss_mib"] = peak_rss_mib()
    return result


def sample(way: str, lines: int, home: Path, file_log: bool) -> dict:
    env = dict(os.environ, PYTORCH_SETUP_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env.setdefault("PYTORCH_SETUP_OFFLINE", "1")
    done = subprocess.run(
        [sys.executable, __file__, "--one", way, str(lines), "file" if file_log else "none"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        raise SystemExit(f"{way} {lines} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--runs", type=int, default=3, help="samples per way (default 3)")
    parser.add_argument(
        "--file-log",
        choices=("on", "off", "both"),
        default="both",
        help="write the log file in every way (on), in none (off), or measure both (default)",
    )
    parser.add_argument("--one", nargs=3, metavar=("WAY", "LINES", "LOG"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        way, lines, log = args.one
        print(json.dumps(one(way, int(lines), file_log=log == "file")))
        return 0
    file_logs = {"on": [True], "off": [False], "both": [True, False]}[args.file_log]

    failed = False
    with tempfile.TemporaryDirectory(prefix="bench-log-") as tmp:
        for lines, file_log in [(n, f) for n in args.lines for f in file_logs]:
            samples: dict[str, list[dict]] = {way: [] for way in WAYS}
            for run in range(args.runs):
                for way in WAYS:
                    # a fresh log file each sample
                    home = Path(tmp) / f"{lines}-{way}-{run}-{file_log}"
                    samples[way].append(sample(way, lines, home, file_log))
            base = statistics.median(s["seconds"] for s in samples["nogui"])
            print(
                f"{lines:,} lines, log file {'on' if file_log else 'off'}, {args.runs} runs each "
                "(time: median; stall, RSS: worst)"
            )
            print(
                f"  nogui   {base:6.2f} s                               "
                f"rss {max(s['rss_mib'] for s in samples['nogui']):6.1f} MiB"
            )
            for way in WAYS[1:]:
                seconds = statistics.median(s["seconds"] for s in samples[way])
                stall = max(s["stall_ms"] for s in samples[way])
                rss = max(s["rss_mib"] for s in samples[way])
                ratio = seconds / base
                ok = ratio <= GOAL_RATIO and stall <= GOAL_STALL_MS
                failed |= not ok
                print(
                    f"  {way:7} {seconds:6.2f} s  {ratio:5.2f}x  stall {stall:6.1f} ms  "
                    f"rss {rss:6.1f} MiB  log {samples[way][-1]['log_lines']} lines  "
                    f"{'ok' if ok else 'OVER GOAL'}"
                )
    print(f"goals: ratio <= {GOAL_RATIO}x, stall <= {GOAL_STALL_MS:.0f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
