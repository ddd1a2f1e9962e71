"""Smoke-test a built bundle: `python installer/smoke.py [dist/pytorch-setup]`.

Runs what the CI workflow (installer/build-workflow.yml) checks on each OS after the build:
  1. `--version` exits 0 and prints `pytorch-setup <app.__version__>`;
  2. `scan --json` exits 0 and prints a profile that app.profile accepts;
  3. the wizard (no command, QT_QPA_PLATFORM=offscreen) is still running after 3 seconds.
Commands go to the console executable (pytorch-setup-cli.exe on Windows), the wizard check to
the one users double-click (pytorch-setup.exe on Windows). Exit status 0 when all pass.
tests/integration/test_bundle.py checks the same, and more, on a build of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else ROOT / "dist" / "pytorch-setup").resolve()
    cli = folder / ("pytorch-setup-cli.exe" if WINDOWS else "pytorch-setup")
    gui = folder / ("pytorch-setup.exe" if WINDOWS else "pytorch-setup")
    sys.path.insert(0, str(ROOT))
    from app import __version__
    from app.profile import ProfileError, SystemProfile

    state = tempfile.mkdtemp(prefix="pytorch-setup-smoke-")
    env = dict(os.environ, PYTORCH_SETUP_HOME=state)
    failures = []

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(cli), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=300,
        )

    result = run("--version")
    expected = f"pytorch-setup {__version__}"
    if result.returncode != 0 or result.stdout.strip() != expected:
        failures.append(f"--version: exit {result.returncode}, {result.stdout!r} {result.stderr}")
    else:
        print(f"smoke: --version -> {result.stdout.strip()}")

    started = time.monotonic()
    result = run("scan", "--json")
    try:
        if result.returncode != 0:
            raise ProfileError(f"exit {result.returncode}: {result.stderr[-2000:]}")
        profile = SystemProfile.from_json(result.stdout)
        print(
            f"smoke: scan --json -> a valid profile in {time.monotonic() - started:.1f} s "
            f"({profile.os.family} {profile.arch}, Python {profile.python.version or 'none'})"
        )
    except ProfileError as exc:
        failures.append(f"scan --json: {exc}")

    log = Path(state) / "gui-output.txt"
    with open(log, "wb") as out:
        child = subprocess.Popen(
            [str(gui)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(env, QT_QPA_PLATFORM="offscreen"),
        )
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.1)
        alive = child.poll() is None
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=10)
    if alive:
        print("smoke: the wizard was still running after 3 s (offscreen)")
    else:
        output = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        failures.append(f"wizard exited with {child.returncode} within 3 s:\n{output}")

    for failure in failures:
        print(f"smoke: FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
