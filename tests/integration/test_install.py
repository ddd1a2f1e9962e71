"""Installing with real pip into real venvs: an offline wheelhouse, and a cancel mid-way."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from app.compat import Choices, make_plan
from app.events import Cancelled, CancelToken, Reporter
from app.journal import Journal
from app.profile import OSInfo, PythonEnv, SystemProfile
from app.steps.install import InstallRequest, install
from tests.integration.test_verify import nvidia_gpus_here

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def venv_python(folder: Path) -> str:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    return str(folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python"))


def test_install_from_an_offline_wheelhouse_then_verify(tmp_path, wheelhouse):
    base = venv_python(tmp_path / "base")
    folder = tmp_path / "새 환경 env"  # the new venv the assistant creates
    python = str(folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python"))
    home = tmp_path / "state"
    command = ["install", "--python", base, "--venv", str(folder), "--compute", "cpu"]
    command += ["--torch", "2.13.0", "--packages", "torch"]
    command += ["--find-links", str(wheelhouse), "--yes"]
    result = subprocess.run(
        [sys.executable, "-m", "app", *command],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
        cwd=ROOT,
        env={**os.environ, "PYTORCH_SETUP_HOME": str(home)},
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Successfully installed" in result.stdout
    assert "--no-index" in result.stdout  # no index was contacted
    version = subprocess.run(
        [python, "-c", "import torch; print(torch.__version__)"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert version.stdout.strip() == "2.13.0+cpu"
    created, entry = Journal(home / "journal.jsonl").entries()
    assert created.step == "envs" and created.data["path"] == str(folder)
    assert entry.step == "install" and entry.data["packages"] == {"torch": "2.13.0"}
    verify = subprocess.run(
        [sys.executable, "-m", "app", "verify", "--python", python, "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        cwd=ROOT,
    )
    report = json.loads(verify.stdout)
    assert verify.returncode == (0 if report["ok"] else 1), verify.stderr
    assert report["schema"] == "pytorch-setup/verify/1"
    assert report["torch"]["version"] == "2.13.0+cpu"
    assert report["cuda_available"] is False
    codes = [f["code"] for f in report["findings"]]
    if nvidia_gpus_here():  # the CPU build was asked for, but verify sees this machine's GPU
        assert report["ok"] is False and "cpu_build_with_gpu" in codes
    else:
        assert report["ok"] is True and "cpu_build_no_gpu" in codes
    undo = subprocess.run(
        [sys.executable, "-m", "app", "undo", "--last", "--yes"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "PYTORCH_SETUP_HOME": str(home)},
    )
    assert undo.returncode == 0, undo.stdout + undo.stderr
    gone = subprocess.run([python, "-c", "import torch"], capture_output=True, timeout=300)
    assert gone.returncode != 0  # torch was uninstalled
    assert [e.step for e in Journal(home / "journal.jsonl").pending()] == ["envs"]
    subprocess.run(
        [sys.executable, "-m", "app", "undo", "--all", "--yes"],
        check=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "PYTORCH_SETUP_HOME": str(home)},
        capture_output=True,
    )
    assert not folder.exists()  # the venv the assistant made is gone
    assert Journal(home / "journal.jsonl").pending() == []


class SlowIndex(http.server.BaseHTTPRequestHandler):
    stop = threading.Event()

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.stop.wait(30)  # an index that never answers in time
        self.send_error(503)

    def log_message(self, *args):
        pass


def test_cancel_mid_install_leaves_no_child_process(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowIndex)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    python = venv_python(tmp_path / "env")
    profile = SystemProfile(os=OSInfo("linux"), arch="x86_64", python=PythonEnv("3.11.7", python))
    plan = make_plan(profile, Choices(torch="2.13.0", compute="cpu", packages=("torch",)))
    request = InstallRequest(
        python, plan, index_url=f"http://127.0.0.1:{server.server_address[1]}/"
    )
    cancel = CancelToken()
    lines: list[str] = []

    class Lines(Reporter):
        def log(self, message, level=20):
            lines.append(message)

    outcome = {}

    def run():
        try:
            install(request, Lines(), cancel, Journal(tmp_path / "journal.jsonl"))
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 30
    while not psutil.Process().children(recursive=True) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(2)  # pip is running and waiting on the index
    assert psutil.Process().children(recursive=True), "pip never started"
    started = time.monotonic()
    cancel.cancel()
    worker.join(10)
    SlowIndex.stop.set()
    server.shutdown()
    assert not worker.is_alive()
    assert time.monotonic() - started < 3
    assert isinstance(outcome.get("error"), Cancelled)
    alive = [p for p in psutil.Process().children(recursive=True) if p.status() != "zombie"]
    assert alive == []
