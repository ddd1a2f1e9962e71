"""The install page runs real pip on a worker, streams its output and cancels it."""

from __future__ import annotations

import http.server
import re
import subprocess
import sys
import threading

import psutil
import pytest
from PySide6.QtWidgets import QDialog

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


def new_venv(tmp_path) -> tuple[str, SystemProfile]:
    """A real, empty venv under tmp_path and the profile that targets it."""
    venv = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    return python, SystemProfile(
        os=OSInfo("linux"), arch="x86_64", python=PythonEnv("3.11.7", python)
    )


def test_install_page_streams_pip_and_cancels(qtbot, tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowIndex)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    python, profile = new_venv(tmp_path)
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
    python, profile = new_venv(tmp_path)
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


# -- progress that says something, and the scan after an install ---------------------------

PIP_24 = "/root/.pyenv/versions/3.13.0/bin/python"  # pip 24.2: has --progress-bar raw


def big_torch_wheel(folder) -> bytes:
    """A real 1.5 MB wheel named torch (random bytes stored, so it stays big) whose
    torch/version.py says 2.13.0, as the scan reads it."""
    import base64
    import hashlib
    import os
    import zipfile

    def digest(data: bytes) -> str:
        raw = hashlib.sha256(data).digest()
        return "sha256=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    info = "torch-2.13.0.dist-info"
    members = {
        "torch/__init__.py": b"",
        "torch/version.py": b"__version__ = '2.13.0'\ncuda = None\nhip = None\n",
        "torch/pad.bin": os.urandom(1_500_000),
        f"{info}/METADATA": b"Metadata-Version: 2.1\nName: torch\nVersion: 2.13.0\n",
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n",
    }
    record = [f"{name},{digest(data)},{len(data)}" for name, data in members.items()]
    members[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()
    path = folder / "torch-2.13.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path.read_bytes()


def trickling_index(wheel: bytes):
    """A loopback simple index whose wheel arrives in 64 KiB pieces, 60 ms apart (~2 s)."""
    import hashlib
    import time

    name = "torch-2.13.0-py3-none-any.whl"
    page = (
        f'<html><body><a href="{name}#sha256={hashlib.sha256(wheel).hexdigest()}">'
        f"{name}</a></body></html>"
    ).encode()

    class Trickle(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            body = {"/simple/torch/": page, f"/simple/torch/{name}": wheel}.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html" if body is page else "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for start in range(0, len(body), 65536):
                self.wfile.write(body[start : start + 65536])
                self.wfile.flush()
                if body is wheel:
                    time.sleep(0.06)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize(
    "base",
    [
        pytest.param(PIP_24, id="pip-with-raw-progress"),
        pytest.param(sys.executable, id="pip-without-raw-progress"),
    ],
)
def test_install_shows_download_bytes_then_the_new_torch_in_scan_and_report(
    qtbot, tmp_path, monkeypatch, base
):
    import os
    from pathlib import Path

    from PySide6.QtCore import Qt

    if not Path(base).exists():
        pytest.skip(f"{base} is not on this machine")
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)  # only the loopback index
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    server = trickling_index(big_torch_wheel(tmp_path))
    venv = tmp_path / "새 env"
    subprocess.run([base, "-m", "venv", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    version = subprocess.run(
        [python, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    profile = SystemProfile(os=OSInfo("linux"), arch="x86_64", python=PythonEnv(version, python))
    w = SetupWizard(scan_call=lambda reporter, cancel: profile)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=15000)
    rows = {row.key: row for row in w.scan_page.table.rows}
    assert rows["torch"].value == "not installed"
    page = w.install_page
    plan = make_plan(profile, Choices(torch="2.13.0", compute="cpu", packages=("torch",)))
    index = f"http://127.0.0.1:{server.server_address[1]}/simple"
    page.prepare(InstallRequest(python, plan, index_url=index))
    statuses: list[str] = []
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    page.worker.progress.connect(lambda done, total, text: statuses.append(page.status.text()))
    with qtbot.waitSignal(page.run_ended, timeout=120000):
        pass
    server.shutdown()
    assert page.installed, w.log.text()[-2000:]
    if base == PIP_24:  # bytes and percent while the wheel trickles in
        partial = [s for s in statuses if re.search(r"of 1\.5 MB \((\d|[1-8]\d)%\)", s)]
        assert partial, statuses
        assert partial[0].startswith("Downloading torch-2.13.0-py3-none-any.whl: ")
    else:  # an older pip: the file and its size, still one line that moves on
        assert "Downloading torch-2.13.0-py3-none-any.whl (1.5 MB)…" in statuses, statuses
    # The install is read back from the environment: scan rows, report and plan agree.
    qtbot.waitUntil(lambda: w.profile.torch is not None, timeout=15000)
    assert w.profile.torch.version == "2.13.0"
    rows = {row.key: row for row in w.scan_page.table.rows}
    assert rows["torch"].value.startswith("2.13.0")
    assert '"version": "2.13.0"' in w.report_text()
    qtbot.mouseClick(w.button(w.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)
    dialogs = [d for d in w.findChildren(QDialog) if d.isVisible() and "2.13.0" in d_text(d)]
    assert dialogs


def d_text(dialog) -> str:
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    return " ".join(
        e.toPlainText()
        for e in dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QTextEdit)
    )


def test_an_index_pip_cannot_reach_says_why_in_the_status_line(qtbot, tmp_path, monkeypatch):
    import os

    from PySide6.QtCore import Qt

    from tests.loopback import closed_port_url

    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    python, profile = new_venv(tmp_path)
    w = SetupWizard(scan_call=lambda reporter, cancel: profile)
    qtbot.addWidget(w)
    page = w.install_page
    index = closed_port_url()  # nothing listens: pip retries, refused each time
    plan = make_plan(profile, Choices(torch="2.13.0", compute="cpu", packages=("torch",)))
    page.prepare(InstallRequest(python, plan, index_url=index))
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    host = index.split("/")[2]
    qtbot.waitUntil(lambda: "Retrying" in page.status.text(), timeout=60000)
    assert page.status.text().startswith(
        f"pip cannot reach the package index {host}: [Errno 111] Connection refused. Retrying"
    )
    assert "retries left: " in page.status.text()
    with qtbot.waitSignal(page.worker.finished, timeout=20000):
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no PyTorch now" in page.status.text(), timeout=15000)


def test_the_page_follows_the_shared_plan_without_a_wizard(qtbot):
    """The install page listens to WizardState itself: a new plan re-prepares it; the same
    command again (pip's dry run confirming it) leaves an install made of it standing."""
    from dataclasses import replace

    from ui.pages.install_page import InstallPage
    from ui.state import WizardState
    from ui.widgets.log_view import LogModel

    profile = SystemProfile(
        os=OSInfo("linux"), arch="x86_64", python=PythonEnv("3.11.7", "/my env/bin/python")
    )
    state = WizardState()
    page = InstallPage(LogModel(), start_worker=lambda call: None, state=state)  # type: ignore[arg-type,return-value]
    qtbot.addWidget(page)
    cpu = make_plan(profile, Choices(torch="2.13.0", compute="cpu"))
    state.set_plan(cpu)  # before the page is set up: nothing to follow yet
    assert page.request is None
    state.set_profile(profile)
    page.initializePage()
    assert page.request is not None and page.request.plan is cpu
    state.set_torch_installed(True)  # as after a successful install of it

    state.set_plan(replace(cpu, confirmation={"status": "confirmed"}))  # the same command
    assert page.request.plan is cpu and page.installed

    older = make_plan(profile, Choices(torch="2.12.0", compute="cpu"))
    state.set_plan(older)
    assert page.request.plan is older and not page.installed
    assert "torch==2.12.0" in page.command.toPlainText()
