"""`python -m app plan --json` reading the package indexes, as ratios against `plan --offline`.

Three ways to plan, each sample a fresh process (`python -m app plan --profile P --json`, a CPU
Linux Python 3.11 profile), interleaved:

  offline  `plan --offline`: the bundled snapshot only (the baseline)
  warm     online, every index page fresh in the on-disk cache (a first, uncounted run fills
           it): no request may reach the indexes
  cold     online, the cache emptied before each run, every index answering after D seconds

The indexes are on loopback: "PyPI" serves the recorded pages (tests/fixtures/index: PEP 691
JSON, about 400 KB each, and their METADATA as PEP 658 files); "PyTorch's index" serves PEP 503
HTML built from resources/compat/releases.json (a file per release, variant, Python and
platform the data lists; the real download.pytorch.org/whl/torch/ page is larger). Every way
runs with compiled modules (written once into a temp PYTHONPYCACHEPREFIX), as an installed
program has them: with PYTHONDONTWRITEBYTECODE (set in this workplace) each sample would
compile every module again, the same cost for all three ways, and the ratios would shrink.

Run from the repository's venv:  .venv/bin/python bench/bench_plan.py [--runs 9] [--delay 0.3]
Goals: warm/offline <= 1.2x; cold/(D + offline) <= 1.2x, and against the indexes' measured
answer time A (the six pages fetched in parallel by a bare client): cold/(A + offline) <= 1.2x.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.index_server import IndexModel, add_release, recorded_model, serve_index  # noqa: E402

GOAL_WARM = 1.2
GOAL_COLD = 1.2
PROJECTS = ("torch", "torchvision", "torchaudio")
PROFILE = {
    "schema": "pytorch-setup/profile/1",
    "os": {"family": "linux", "version": "6.8.0-49-generic", "wsl": False, "name": "Ubuntu"},
    "arch": "x86_64",
    "python": {"version": "3.11.9", "executable": "/nowhere/python", "kind": "venv", "bits": 64},
    "gpus": [],
    "driver": None,
    "toolkits": [],
    "cudnn": [],
    "torch": None,
    "disk_free_mib": 100000,
}
PLATFORM_TAGS = {
    "linux-x86_64": "manylinux_2_28_x86_64",
    "linux-aarch64": "manylinux_2_28_aarch64",
    "windows-x86_64": "win_amd64",
    "macos-arm64": "macosx_11_0_arm64",
}


def pytorch_model() -> IndexModel:
    """PyTorch's own index as the bundled data describes it: torch, torchvision and torchaudio
    files labelled with every variant a release has on each platform."""
    data = json.loads((ROOT / "resources" / "compat" / "releases.json").read_text("utf-8"))
    model = IndexModel()
    for series in data["series"]:
        low, high = (int(series["python"][k].split(".")[1]) for k in ("min", "max"))
        pythons = [f"cp3{minor}" for minor in range(low, high + 1)]
        for patch, pairs in series["patches"].items():
            for platform, variants in series["variants"].items():
                if platform not in PLATFORM_TAGS:
                    continue
                for variant in variants:
                    tags = [f"{cp}-{cp}-{PLATFORM_TAGS[platform]}" for cp in pythons]
                    add_release(model, "torch", f"{patch}+{variant}", tags)
                    for project in ("torchvision", "torchaudio"):
                        if project in pairs:
                            add_release(model, project, f"{pairs[project]}+{variant}", tags)
    return model


# The index's own answer time: the six pages fetched in parallel by a bare stdlib client in a
# child process, timed inside it (no interpreter start-up, no parsing).
ANSWER_CHILD = r"""
import sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
accept = "application/vnd.pypi.simple.v1+json, text/html;q=0.01"
def get(url):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept})) as r:
        return len(r.read())
started = time.perf_counter()
with ThreadPoolExecutor(len(sys.argv) - 1) as pool:
    sizes = list(pool.map(get, sys.argv[1:]))
print(time.perf_counter() - started, sum(sizes))
"""


def answer_time(bases: list[str]) -> tuple[float, int]:
    urls = [f"{base}/{project}/" for base in bases for project in PROJECTS]
    done = subprocess.run(
        [sys.executable, "-c", ANSWER_CHILD, *urls], capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0:
        raise SystemExit(f"fetching the pages failed:\n{done.stderr}")
    seconds, size = done.stdout.split()
    return float(seconds), int(size)


def run_plan(profile: Path, env: dict[str, str], *extra: str) -> tuple[float, dict]:
    command = [sys.executable, "-m", "app", "plan", "--profile", str(profile), "--json", *extra]
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, json.loads(done.stdout)


@dataclass
class Samples:
    seconds: dict[str, list[float]] = field(
        default_factory=lambda: {"offline": [], "warm": [], "cold": []}
    )
    answers: list[float] = field(default_factory=list)  # the indexes' answer time (cold)
    page_bytes: int = 0
    plans: dict[str, dict] = field(default_factory=dict)  # the last plan of each way
    warm_requests: int = 0  # requests the warm runs made (must be none)
    cold_requests: int = 0


def measure(runs: int, delay: float, work: Path) -> Samples:
    profile = work / "profile.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    pypi, pytorch = recorded_model(), pytorch_model()
    base = {k: v for k, v in os.environ.items() if not k.startswith("PYTORCH_SETUP_")}
    # Compiled modules, as an installed program has them (this workplace sets
    # PYTHONDONTWRITEBYTECODE): written once, by the uncounted runs, outside the repository.
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    base["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    out = Samples()
    with contextlib.ExitStack() as stack:
        fast = [stack.enter_context(serve_index(pypi)), stack.enter_context(html_index(pytorch))]
        slow = [
            stack.enter_context(serve_index(pypi, delay=delay)),
            stack.enter_context(html_index(pytorch, delay=delay)),
        ]
        homes = {way: work / way for way in out.seconds}
        envs = {
            "offline": {**base, "PYTORCH_SETUP_HOME": str(homes["offline"])},
            "warm": {**base, **online(fast, homes["warm"])},
            "cold": {**base, **online(slow, homes["cold"])},
        }
        extra = {"offline": ("--offline",), "warm": (), "cold": ()}
        for way in out.seconds:  # uncounted: compiled modules, OS file cache, the warm cache
            run_plan(profile, envs[way], *extra[way])
        warm_before = asked(fast)
        for i in range(runs):
            order = list(out.seconds) if i % 2 == 0 else list(out.seconds)[::-1]
            for way in order:
                if way == "cold":
                    shutil.rmtree(homes["cold"] / "index-cache", ignore_errors=True)
                    cold_before = asked(slow)
                seconds, out.plans[way] = run_plan(profile, envs[way], *extra[way])
                out.seconds[way].append(seconds)
                if way == "cold":
                    out.cold_requests += asked(slow) - cold_before
            seconds, out.page_bytes = answer_time([server.url for server in slow])
            out.answers.append(seconds)
        out.warm_requests = asked(fast) - warm_before
    return out


def html_index(model: IndexModel, delay: float = 0.0) -> contextlib.AbstractContextManager:
    return serve_index(model, formats=("html",), delay=delay)


def online(servers: list, home: Path) -> dict[str, str]:
    return {
        "PYTORCH_SETUP_OFFLINE": "0",
        "PYTORCH_SETUP_PYPI_SIMPLE": servers[0].url,
        "PYTORCH_SETUP_PYTORCH_SIMPLE": servers[1].url,
        "PYTORCH_SETUP_HOME": str(home),
    }


def asked(servers: list) -> int:
    return sum(len(server.requests) for server in servers)


def report(out: Samples, runs: int, delay: float) -> None:
    med = {way: statistics.median(values) for way, values in out.seconds.items()}
    print(f"plan --json (CPU Linux profile), {runs} interleaved samples each, medians")
    print()
    print(f"  {'way':<58}{'median s':>9}{'min s':>8}{'max s':>8}")
    labels = {
        "offline": "plan --offline (bundled snapshot)",
        "warm": "plan, index pages fresh in the cache",
        "cold": f"plan, cache emptied, indexes answer after {delay:g} s",
    }
    for way, values in out.seconds.items():
        line = f"  {labels[way]:<58}{med[way]:>9.3f}"
        print(f"{line}{min(values):>8.3f}{max(values):>8.3f}")
    print()
    for way, plan in out.plans.items():
        knowledge = plan["knowledge"]
        origins = sorted(set(knowledge["pages"].values()))
        print(
            f"  {way:<8} torch {plan['torch']} {plan['compute']}; knowledge {knowledge['source']}"
            f" ({', '.join(origins)}); problems: {len(knowledge['problems'])}"
        )
    requests = f"warm runs {out.warm_requests}, cold runs {out.cold_requests}"
    print(f"  requests to the indexes: {requests}")
    answer = statistics.median(out.answers)
    print(
        f"  the indexes' answer time A (6 pages, {out.page_bytes / 1e6:.1f} MB, in parallel, "
        f"stdlib client): {answer:.3f} s median (D = {delay:g} s)"
    )
    print()
    cold_bound = delay + med["offline"]
    answer_bound = answer + med["offline"]
    for name, ratio, goal, against in (
        ("warm/offline", med["warm"] / med["offline"], GOAL_WARM, f"{med['offline']:.3f} s"),
        ("cold/(D + offline)", med["cold"] / cold_bound, GOAL_COLD, f"{cold_bound:.3f} s"),
        ("cold/(A + offline)", med["cold"] / answer_bound, GOAL_COLD, f"{answer_bound:.3f} s"),
    ):
        verdict = "OK" if ratio <= goal else "OVER GOAL"
        print(f"  goal: {name} <= {goal:.2f}x (against {against}) -> {ratio:.3f}x  {verdict}")
    fastest = {way: min(values) for way, values in out.seconds.items()}
    print(
        f"  (fastest samples, less disturbed by other load: warm/offline "
        f"{fastest['warm'] / fastest['offline']:.3f}x, cold/(D + offline) "
        f"{fastest['cold'] / (delay + fastest['offline']):.3f}x)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="samples per way (default 9)")
    parser.add_argument("--delay", type=float, default=0.3, help="cold index delay D (s)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench plan 계획 "))
    try:
        out = measure(args.runs, args.delay, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(out, args.runs, args.delay)
    return 0


if __name__ == "__main__":
    sys.exit(main())
