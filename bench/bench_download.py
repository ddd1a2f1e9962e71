"""Download throughput on loopback, hashing on, against curl in the same run.

A 1000 MiB file (the size of a CUDA wheel; at 200 MB the page cache takes every write at once
and all three just follow the loopback server) is served by `python -m http.server` (a separate
process) from a temp folder; each sample downloads it once with app.steps.download.download
(sha256 checked), once with no checksum, and once with `curl -s -o FILE`, interleaved, the
order turned each sample (a write can pay for the dirty pages the one before it left). Goal:
with sha256 on, our throughput >= 0.9x curl's. download() writes and hashes on a worker
thread, so the sha256 row should sit near the no-checksum row; the load average is printed,
since on a busy 2-core machine the three share the CPUs with everything else (medians, and the
spread, say how much). --hogs N keeps N processes spinning meanwhile: a busy machine on
purpose, the same from run to run.

Run from the repository's venv:
  .venv/bin/python bench/bench_download.py [--runs 5] [--mb 1000] [--hogs 1]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.events import CancelToken, Reporter  # noqa: E402
from app.steps.download import Download, download  # noqa: E402

GOAL = 0.9
ROWS = {  # sample name -> row label
    "sha256": "app download (sha256 on)",
    "plain": "app download (no checksum)",
    "curl": "curl",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=int, default=1000)
    parser.add_argument("--hogs", type=int, default=0, help="CPU-spinning processes meanwhile")
    args = parser.parse_args()
    if shutil.which("curl") is None:
        print("curl is not installed: nothing to compare against")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        payload = os.urandom(1024 * 1024)
        digest = hashlib.sha256()
        with open(folder / "blob.bin", "wb") as handle:
            for _ in range(args.mb):
                handle.write(payload)
                digest.update(payload)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                str(port),
                "--bind",
                "127.0.0.1",
                "--directory",
                str(folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        hogs: list[subprocess.Popen[bytes]] = []
        try:
            url = f"http://127.0.0.1:{port}/blob.bin"
            for _ in range(50):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            size = args.mb * 1024 * 1024
            times: dict[str, list[float]] = {name: [] for name in ROWS}
            jobs = {
                "sha256": lambda: fetch(
                    Download(url, folder / "ours.bin", digest.hexdigest(), size)
                ),
                "plain": lambda: fetch(Download(url, folder / "ours.bin", None, size)),
                "curl": lambda: curl(url, folder / "curl.bin"),
            }
            for _ in range(args.hogs):
                hogs.append(subprocess.Popen([sys.executable, "-c", "while True: pass"]))
            load_before = os.getloadavg()
            for run in range(args.runs):
                order = list(jobs) if run % 2 == 0 else list(reversed(jobs))
                for name in order:
                    started = time.perf_counter()
                    jobs[name]()
                    times[name].append(time.perf_counter() - started)
            load_after = os.getloadavg()
        finally:
            for process in [server, *hogs]:
                process.terminate()
                process.wait(10)
    mb = args.mb * 1.048576
    curl_s = statistics.median(times["curl"])
    print(f"Download of {args.mb} MiB on loopback, {args.runs} interleaved samples, medians")
    print(
        f"  load average before {load_before[0]:.1f}, after {load_after[0]:.1f} ({cpus()}, "
        f"{args.hogs} spinning)"
    )
    for name, label in ROWS.items():
        median = statistics.median(times[name])
        spread = f"{min(times[name]):.2f}-{max(times[name]):.2f} s"
        versus = "" if name == "curl" else f"  {curl_s / median:.2f}x curl"
        print(f"  {label:27s}{median:6.2f} s  {mb / median:7.1f} MB/s  ({spread}){versus}")
    ratio = curl_s / statistics.median(times["sha256"])
    verdict = "OK" if ratio >= GOAL else "UNDER GOAL"
    print(f"  goal: throughput ours (sha256 on)/curl >= {GOAL}x -> {ratio:.3f}x  {verdict}")
    return 0


def fetch(item: Download) -> None:
    download(item, Reporter(), CancelToken())
    Path(item.dest).unlink()


def curl(url: str, target: Path) -> None:
    subprocess.run(["curl", "-s", "-o", str(target), url], check=True)
    target.unlink()


def cpus() -> str:
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{count} CPUs"


if __name__ == "__main__":
    sys.exit(main())
