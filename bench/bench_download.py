"""Download throughput on loopback, hashing on, against curl in the same run.

A 200 MB file is served by `python -m http.server` (a separate process) from a temp folder;
each sample downloads it once with app.steps.download.download (sha256 checked) and once with
`curl -s -o FILE`, interleaved. Goal: our throughput >= 0.9x curl's.

Run from the repository's venv:  .venv/bin/python bench/bench_download.py [--runs 3] [--mb 200]
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mb", type=int, default=200)
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
        try:
            url = f"http://127.0.0.1:{port}/blob.bin"
            for _ in range(50):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            ours, theirs = [], []
            for run in range(args.runs):
                target = folder / f"ours-{run}.bin"
                started = time.perf_counter()
                download(
                    Download(url, target, digest.hexdigest(), args.mb * 1024 * 1024),
                    Reporter(),
                    CancelToken(),
                )
                ours.append(time.perf_counter() - started)
                target.unlink()
                started = time.perf_counter()
                subprocess.run(["curl", "-s", "-o", str(folder / "curl.bin"), url], check=True)
                theirs.append(time.perf_counter() - started)
                (folder / "curl.bin").unlink()
        finally:
            server.terminate()
            server.wait(10)
    mb = args.mb * 1.048576
    ours_s, theirs_s = statistics.median(ours), statistics.median(theirs)
    ratio = theirs_s / ours_s
    print(f"Download of {args.mb} MiB on loopback, {args.runs} interleaved samples, medians")
    print(f"  app download (sha256 on)   {ours_s:6.2f} s  {mb / ours_s:7.1f} MB/s")
    print(f"  curl                       {theirs_s:6.2f} s  {mb / theirs_s:7.1f} MB/s")
    verdict = "OK" if ratio >= GOAL else "UNDER GOAL"
    print(f"  goal: throughput ours/curl >= {GOAL}x -> {ratio:.2f}x  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
