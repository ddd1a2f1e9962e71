"""The install page runs real pip on a worker, streams its output and cancels it."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading

import psutil

from app.compat import Choices, make_plan
from app.profile import OSInfo, PythonEnv, SystemProfile
from app.steps.install import InstallRequest
from ui.wizard import SetupWizard


class SlowIndex(http.server.BaseHTTPRequestHandler):
    stop = threading.Event()

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.stop.wait(30)
        self.send_error(503)

    def log_message(self, *args):
        pass


def test_install_page_streams_pip_and_cancels(qtbot, tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowIndex)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    venv = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    profile = SystemProfile(os=OSInfo("linux"), arch="x86_64", python=PythonEnv("3.11.7", python))
    plan = make_plan(profile, Choices(torch="2.13.0", compute="cpu", packages=("torch",)))
    index = f"http://127.0.0.1:{server.server_address[1]}/"

    w = SetupWizard(scan_call=lambda reporter, cancel: profile)
    qtbot.addWidget(w)
    page = w.install_page
    page.prepare(InstallRequest(python, plan, index_url=index))
    assert page.command.toPlainText().startswith(python + " -m pip install torch==2.13.0")
    assert not page.isComplete()
    page.start_button.click()
    assert page.cancel_button.isEnabled() and w.log.shown
    qtbot.waitUntil(lambda: index in w.log.text(), timeout=30000)  # pip's own output arrived
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        page.cancel_button.click()
    SlowIndex.stop.set()
    server.shutdown()
    assert "cancelled" in page.status.text()
    assert not page.isComplete() and page.start_button.isEnabled()
    # The wizard reads the environment again and says what pip left (no torch here).
    qtbot.waitUntil(lambda: "no PyTorch now" in page.status.text(), timeout=15000)
    qtbot.waitUntil(lambda: not w.workers, timeout=5000)
    alive = [p for p in psutil.Process().children(recursive=True) if p.status() != "zombie"]
    assert alive == []


def test_the_planned_torch_already_installed_lets_the_user_go_on(qtbot):
    from app.profile import TorchInfo

    profile = SystemProfile(
        os=OSInfo("linux"), arch="x86_64", python=PythonEnv("3.11.7", "/env/bin/python")
    )
    plan = make_plan(profile, Choices(torch="2.13.0", compute="cpu"))
    w = SetupWizard(scan_call=lambda reporter, cancel: profile)
    qtbot.addWidget(w)
    page = w.install_page
    page.prepare(InstallRequest("/env/bin/python", plan, installed=TorchInfo("2.13.0+cpu")))
    assert page.isComplete() and "already installed" in page.status.text()
    page.prepare(InstallRequest("/env/bin/python", plan, installed=TorchInfo("2.12.0+cpu")))
    assert not page.isComplete()


def test_a_new_plan_during_an_install_waits_for_it_to_end(qtbot, tmp_path):
    SlowIndex.stop.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowIndex)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    venv = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    profile = SystemProfile(os=OSInfo("linux"), arch="x86_64", python=PythonEnv("3.11.7", python))
    w = SetupWizard(scan_call=lambda reporter, cancel: profile)
    qtbot.addWidget(w)
    page = w.install_page
    first = make_plan(profile, Choices(torch="2.13.0", compute="cpu", packages=("torch",)))
    index = f"http://127.0.0.1:{server.server_address[1]}/"
    page.prepare(InstallRequest(python, first, index_url=index))
    page.start_button.click()
    qtbot.waitUntil(lambda: index in w.log.text(), timeout=30000)
    second = make_plan(profile, Choices(torch="2.12.1", compute="cpu"))
    page.prepare(InstallRequest(python, second))  # e.g. the user went Back and chose again
    assert page.request.plan.torch == "2.13.0"  # the running install keeps its request
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        page.cancel_button.click()
    SlowIndex.stop.set()
    server.shutdown()
    assert page.request.plan.torch == "2.12.1"  # applied once pip had stopped
    assert "torch==2.12.1" in page.command.toPlainText()
