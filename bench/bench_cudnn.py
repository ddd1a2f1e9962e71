"""cuDNN copy throughput: install_cudnn's copy engine against `cp -a` in the same run.

A cuDNN-like unpacked tree (a few big .so files with their symlink chains, static libraries,
headers; --mb MiB in all) is copied into a toolkit folder (include/, lib64/) with the engine that
install_cudnn uses (cudnn.copy_items over a Transaction: temp file + rename, mode and times
kept), and with `cp -a include/. TK/include/` + `cp -a lib/. TK/lib64/` (what PyTorch's CI
runs), interleaved. The toolkit is emptied and the page cache flushed (sync) between samples.
install_cudnn also notes every file's size and time for the journal: counted in ours.
Goal: our throughput >= 0.8x cp's.

Run from the repository's venv:  .venv/bin/python bench/bench_cudnn.py [--runs 5] [--mb 1024]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.events import CancelToken, Reporter  # noqa: E402
from app.steps import cudnn  # noqa: E402
from app.steps.cudnn.archive import ArchiveFile, CudnnArchive  # noqa: E402
from app.steps.cudnn.transaction import Transaction, file_facts  # noqa: E402

GOAL = 0.8
# Share of the total per library, roughly as in cudnn-linux-x86_64-9.x_cuda12-archive/lib.
LIBRARIES = {
    "libcudnn_engines_precompiled": 0.45,
    "libcudnn_adv": 0.2,
    "libcudnn_engines_runtime_compiled": 0.15,
    "libcudnn_heuristic": 0.1,
    "libcudnn_ops": 0.06,
    "libcudnn_graph": 0.03,
    "libcudnn_cnn": 0.01,
}
VERSION = "9.13.0"


def build_tree(root: Path, mib: int) -> list[ArchiveFile]:
    """The unpacked archive: include/*.h, lib/*.so.9.13.0 with .so.9 and .so links."""
    files = []
    (root / "include").mkdir(parents=True)
    (root / "lib").mkdir()
    for number in range(12):
        name = f"include/cudnn_{number}.h"
        (root / name).write_bytes(b"/* cuDNN header */\n" * 2000)
        files.append(ArchiveFile(name, name, (root / name).stat().st_size))
    block = os.urandom(1 << 20)
    for library, share in LIBRARIES.items():
        real = f"lib/{library}.so.{VERSION}"
        with open(root / real, "wb") as handle:
            for _ in range(max(1, int(mib * share))):
                handle.write(block)
        os.chmod(root / real, 0o755)
        files.append(ArchiveFile(real, real, (root / real).stat().st_size))
        for link, target in (
            (f"{library}.so.9", f"{library}.so.{VERSION}"),
            (f"{library}.so", f"{library}.so.9"),
        ):
            (root / "lib" / link).symlink_to(target)
            files.append(ArchiveFile(f"lib/{link}", f"lib/{link}", 0, target))
    return files


def fresh_toolkit(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "include").mkdir(parents=True)
    (folder / "lib64").mkdir()
    (folder / "version.json").write_text('{"cuda": {"version": "12.6.3"}}', "utf-8")
    os.sync()  # no dirty pages of the previous sample left to slow this one
    return folder


def ours(plan, source: Path, toolkit: Path, backups: Path) -> float:
    started = time.perf_counter()
    transaction = Transaction(toolkit, backups, "bench", CancelToken())
    cudnn.copy_items(plan, source, transaction, Reporter(), CancelToken())
    return time.perf_counter() - started


def cp(source: Path, toolkit: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["cp", "-a", f"{source}/include/.", f"{toolkit}/include/"], check=True)
    subprocess.run(["cp", "-a", f"{source}/lib/.", f"{toolkit}/lib64/"], check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=int, default=1024)
    parser.add_argument("--dir", default=None, help="where to build the trees (default: temp)")
    args = parser.parse_args()
    if shutil.which("cp") is None:
        print("cp is not installed: nothing to compare against")
        return 1
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        source = folder / "cudnn-linux-x86_64-9.13.0.50_cuda12-archive"
        files = build_tree(source, args.mb)
        archive = CudnnArchive(
            folder / "x.tar.xz",
            VERSION,
            12,
            "folder name",
            "linux-x86_64",
            "redist",
            source.name,
            files,
        )
        toolkit = fresh_toolkit(folder / "toolkit")
        plan = cudnn.plan_copy(archive, toolkit, "linux-x86_64", staged=True)
        plan.check()
        total = plan.bytes_total
        mine, theirs, noting = [], [], []
        for run in range(args.runs):
            started = time.perf_counter()
            for item in plan.items:
                file_facts(source / item.rel)
            noting.append(time.perf_counter() - started)
            copied = ours(plan, source, fresh_toolkit(toolkit), folder / f"backups-{run}")
            mine.append(noting[-1] + copied)
            theirs.append(cp(source, fresh_toolkit(toolkit)))
    mb = total / 1e6
    ours_s, theirs_s = statistics.median(mine), statistics.median(theirs)
    ratio = theirs_s / ours_s
    print(
        f"cuDNN-like tree, {total / 2**20:.0f} MiB in {len(plan.items)} entries "
        f"({sum(1 for i in plan.items if i.link)} symlinks), {args.runs} interleaved samples, "
        "medians"
    )
    print(f"  copy engine (install_cudnn) {ours_s:6.2f} s  {mb / ours_s:7.1f} MB/s")
    print(f"  cp -a                       {theirs_s:6.2f} s  {mb / theirs_s:7.1f} MB/s")
    print(f"  of which journal facts (size and time)   {statistics.median(noting):6.3f} s")
    verdict = "OK" if ratio >= GOAL else "UNDER GOAL"
    print(f"  goal: throughput ours/cp >= {GOAL}x -> {ratio:.2f}x  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
