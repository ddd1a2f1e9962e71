"""proc.run on Windows: the child's whole tree lives in a Job object (real processes).

The hard case is a descendant whose parent has already exited: nothing links it to our child any
more, so a psutil snapshot of the tree cannot find it; only the job can end it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from app import proc
from app.events import Cancelled, CancelToken
from app.proc import kill_tree, run

pytestmark = pytest.mark.windows
on_windows = pytest.mark.skipif(os.name != "nt", reason="Job objects exist only on Windows")

PY = sys.executable
ROOT = Path(__file__).resolve().parents[2]

# Writes its pid to argv[1], then sleeps.
SLEEPER = "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(60)"
# Starts a sleeper and exits at once: the sleeper is orphaned.
MIDDLE = (
    "import subprocess, sys; subprocess.Popen([sys.executable, '-c', sys.argv[1], sys.argv[2]],"
    " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)"
)
# The child: a grandchild sleeper, an orphaned great-grandchild sleeper, then READY and sleep.
TREE = r"""
import os, subprocess, sys, time
folder = sys.argv[1]
sleeper, middle = sys.argv[2], sys.argv[3]
subprocess.Popen([sys.executable, "-c", sleeper, os.path.join(folder, "grandchild.pid")])
subprocess.run([sys.executable, "-c", middle, sleeper, os.path.join(folder, "orphan.pid")])
deadline = time.monotonic() + 30
def written(name):
    path = os.path.join(folder, name)
    return os.path.exists(path) and os.path.getsize(path) > 0
while time.monotonic() < deadline and not (written("grandchild.pid") and written("orphan.pid")):
    time.sleep(0.05)
print("READY", os.getpid(), flush=True)
time.sleep(60)
"""


def tree_command(folder: Path) -> list[str]:
    return [PY, "-c", TREE, str(folder), SLEEPER, MIDDLE]


def pids_in(folder: Path) -> dict[str, int]:
    found = {}
    for name in ("grandchild", "orphan"):
        text = (
            (folder / f"{name}.pid").read_text().strip()
            if (folder / f"{name}.pid").exists()
            else ""
        )
        if text:
            found[name] = int(text)
    return found


def wait_gone(pids, timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [p for p in alive if psutil.pid_exists(p)]
    return alive


@pytest.fixture
def folder(tmp_path):
    """A folder with a space and Korean text; every pid written there is ended at teardown."""
    where = tmp_path / "홍길동 tree"
    where.mkdir()
    yield where
    for pid in pids_in(where).values():
        kill_tree(pid, grace=0.2)


@on_windows
def test_cancel_ends_every_descendant_even_orphans(folder):
    token = CancelToken()

    def on_line(line: str) -> None:
        if line.startswith("READY"):
            threading.Timer(0.2, token.cancel).start()

    with pytest.raises(Cancelled):
        run(tree_command(folder), cancel=token, on_line=on_line, timeout=60)
    pids = pids_in(folder)
    assert set(pids) == {"grandchild", "orphan"}
    assert wait_gone(pids.values(), 3.0) == [], f"still running after cancel: {pids}"


@on_windows
def test_timeout_ends_every_descendant(folder):
    result = run(tree_command(folder), timeout=8)
    assert result.timed_out and not result.ok
    assert "READY" in result.output
    pids = pids_in(folder)
    assert wait_gone(pids.values(), 3.0) == [], f"still running after timeout: {pids}"


@on_windows
def test_the_tree_ends_when_our_process_dies(folder):
    # A parent running proc.run is killed outright: no finally runs, only its handles close.
    parent = (
        "import sys; from app import proc; "
        "proc.run(sys.argv[1:], on_line=lambda line: print(line, flush=True))"
    )
    with subprocess.Popen(
        [PY, "-c", parent, *tree_command(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=proc.child_env(),
    ) as holder:
        try:
            lines = []
            for raw in holder.stdout:  # type: ignore[union-attr]
                lines.append(raw.decode("utf-8", "replace"))
                if raw.startswith(b"READY"):
                    break
            assert lines and lines[-1].startswith("READY"), "".join(lines)
            child = int(lines[-1].split()[1])
        finally:
            holder.kill()
            holder.wait(10)
    pids = [child, *pids_in(folder).values()]
    assert len(pids) == 3
    assert wait_gone(pids, 5.0) == [], f"outlived our process: {pids}"


@on_windows
def test_a_normal_exit_leaves_what_the_child_left_running(folder):
    # As on POSIX: only a cancel or a timeout ends the tree; a finished child's helpers stay.
    script = (
        "import subprocess, sys; subprocess.Popen([sys.executable, '-c', sys.argv[1], sys.argv[2]])"
    )
    pidfile = folder / "grandchild.pid"
    result = run([PY, "-c", script, SLEEPER, str(pidfile)], timeout=30)
    assert result.ok
    deadline = time.monotonic() + 20
    while not (pidfile.exists() and pidfile.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int(pidfile.read_text())
    time.sleep(0.5)
    assert psutil.pid_exists(pid)  # the fixture ends it


@on_windows
def test_a_prepared_command_line_arrives_verbatim(tmp_path):
    script = tmp_path / "show.py"
    script.write_text(
        "import ctypes, sys\n"
        "ctypes.windll.kernel32.GetCommandLineW.restype = ctypes.c_wchar_p\n"
        "print('RAW', ctypes.windll.kernel32.GetCommandLineW())\n"
        "print('ARGV', sys.argv[1:])\n",
        encoding="utf-8",
    )
    line = subprocess.list2cmdline([PY, str(script), "/S"]) + r" /D=C:\Users\John Smith\x"
    result = run([PY, str(script), "/S", r"/D=C:\Users\John Smith\x"], windows_command_line=line)
    assert result.ok, result.output
    raw = next(x for x in result.output.splitlines() if x.startswith("RAW "))
    assert raw.endswith(r" /S /D=C:\Users\John Smith\x")
    assert r"'/D=C:\\Users\\John', 'Smith\\x'" in result.output  # the C runtime split it


def test_a_prepared_command_line_is_refused_off_windows():
    if os.name == "nt":
        pytest.skip("on Windows the prepared command line is used (test above)")
    with pytest.raises(ValueError, match="Windows only"):
        run([PY, "-c", "pass"], windows_command_line="python -c pass")
