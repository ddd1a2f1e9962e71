"""The wizard under a real Qt event loop (offscreen): pages, scan page, worker, log, close."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import pytest

from app.events import Cancelled
from app.profile import GPU, Disk, Driver, OSInfo, PythonEnv, SystemProfile
from app.scan.summary import OK
from ui.widgets.log_view import LogModel
from ui.wizard import PAGE_NAMES, SetupWizard
from ui.worker import Worker


def recorded_profile() -> SystemProfile:
    return SystemProfile(
        os=OSInfo("windows", "10.0.22631", False, "Windows 11"),
        arch="x86_64",
        python=PythonEnv("3.12.4", r"C:\Users\홍길동\venv\Scripts\python.exe", "venv", 64),
        gpus=[GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6", memory_mib=12288, index=0)],
        driver=Driver("537.13", "12.2"),
        disks={"home": Disk(r"C:\Users\홍길동", 200_000)},
    )


def quick_scan(reporter, cancel):
    reporter.log("Scanning the system…")
    reporter.log("Found NVIDIA GeForce RTX 3060")
    return recorded_profile()


@pytest.fixture
def wizard(qtbot):
    w = SetupWizard(scan_call=quick_scan)
    qtbot.addWidget(w)
    yield w
    w.stop_workers()


def wait_scanned(qtbot, w: SetupWizard, timeout: int = 15000) -> None:
    qtbot.waitUntil(lambda: w.scan_page.isComplete(), timeout=timeout)


def test_seven_pages_in_order(wizard):
    assert wizard.pageIds() == list(range(7))
    assert [wizard.page(i).name for i in wizard.pageIds()] == list(PAGE_NAMES)
    titles = [wizard.page(i).title() for i in wizard.pageIds()]
    assert titles == [
        "System scan",
        "Compatibility summary",
        "Download CUDA toolkit",
        "cuDNN",
        "PATH registration",
        "Install PyTorch",
        "Verify",
    ]
    # every page carries the shared log panel
    assert all(
        wizard.page(i).log_panel.view.document() is wizard.log.document for i in wizard.pageIds()
    )


def test_log_panels_open_and_close_together(wizard):
    first, last = wizard.page(0).log_panel, wizard.page(6).log_panel
    first.toggle.click()
    assert last.toggle.isChecked() and not last.view.isHidden()
    last.toggle.click()
    assert not first.toggle.isChecked() and first.view.isHidden()


def test_scan_page_fills_its_table_from_a_worker(qtbot, wizard):
    wizard.show()
    assert not wizard.scan_page.isComplete()  # Next waits for the scan
    wait_scanned(qtbot, wizard)
    table = wizard.scan_page.table
    keys = [row.key for row in table.rows]
    assert keys[:4] == ["os", "arch", "disk", "python"] and "gpu0" in keys
    assert table.status_of("gpu0") == OK
    assert table.item(keys.index("gpu0"), 2).text().startswith("NVIDIA GeForce RTX 3060")
    assert table.item(0, 0).text() == "OK" and not table.item(0, 0).icon().isNull()
    assert "everything looks fine" in wizard.scan_page.headline.text()
    assert "Found NVIDIA GeForce RTX 3060" in wizard.log.text()
    assert wizard.scan_page.rescan_button.isEnabled()


def test_real_scan_of_this_machine_in_the_gui(qtbot):
    w = SetupWizard()  # the real engine scan, on a worker thread
    qtbot.addWidget(w)
    w.show()
    wait_scanned(qtbot, w, timeout=30000)
    rows = {row.key: row for row in w.scan_page.table.rows}
    assert rows["os"].value
    gpus = w.profile.gpus  # whatever this machine has, the table shows the scan's answer
    if gpus:
        assert any(gpus[0].name in r.value for k, r in rows.items() if k.startswith("gpu"))
    else:
        assert rows["gpu"].value in ("none found", "Apple silicon")
    assert "Scan finished" in w.log.text()


def test_rescan_and_report(qtbot, wizard):
    wizard.show()
    wait_scanned(qtbot, wizard)
    report = wizard.report_text()
    assert "NVIDIA GeForce RTX 3060" in report and '"schema": "pytorch-setup/profile/1"' in report
    wizard.scan_page.rescan_button.click()
    assert not wizard.scan_page.rescan_button.isEnabled()
    wait_scanned(qtbot, wizard)
    assert wizard.log.text().count("Found NVIDIA GeForce RTX 3060") == 2


def test_scan_failure_is_shown_and_can_be_retried(qtbot):
    attempts = []

    def flaky(reporter, cancel):
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("permission denied reading /proc")
        return recorded_profile()

    w = SetupWizard(scan_call=flaky)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "scan failed" in w.scan_page.headline.text(), timeout=10000)
    assert "permission denied" in w.scan_page.headline.text()
    assert not w.scan_page.isComplete()
    w.scan_page.rescan_button.click()
    wait_scanned(qtbot, w)


def test_log_lines_arrive_batched_and_capped(qtbot):
    log = LogModel(max_lines=500)

    def chatty(reporter, cancel):
        for i in range(3000):
            reporter.log(f"pip line {i}")
        return "done"

    worker = Worker(chatty)
    worker.log_lines.connect(log.append_lines)
    with qtbot.waitSignal(worker.finished, timeout=10000):
        worker.start()
    assert log.appends < 100  # 3000 lines, a handful of batches
    assert log.line_count() == 500  # capped
    assert log.text().splitlines()[-1] == "pip line 2999"


def test_progress_is_throttled(qtbot):
    seen = []

    def busy(reporter, cancel):
        for i in range(100_000):
            reporter.progress(i, 100_000, "copying")
        return None

    worker = Worker(busy)
    worker.progress.connect(lambda done, total, text: seen.append(done))
    with qtbot.waitSignal(worker.finished, timeout=10000):
        worker.start()
    assert 1 <= len(seen) < 200
    assert seen[-1] == 99_999.0  # the last value always arrives


def test_worker_failure_and_cancel_signals(qtbot):
    failing = Worker(lambda r, c: 1 / 0)
    with qtbot.waitSignal(failing.failed, timeout=5000) as blocker:
        failing.start()
    assert isinstance(blocker.args[0], ZeroDivisionError)

    def waits(reporter, cancel):
        cancel.wait(30)
        cancel.raise_if_set()

    waiting = Worker(waits)
    waiting.start()
    with qtbot.waitSignal(waiting.cancelled, timeout=5000):
        waiting.cancel()
    assert waiting.wait(2000)


def test_closing_the_wizard_cancels_the_worker_and_waits_for_its_thread(qtbot):
    entered = threading.Event()
    stopped = []

    def endless_scan(reporter, cancel):
        entered.set()
        while not cancel.wait(0.05):
            pass
        time.sleep(0.2)  # cleanup that must finish before the window goes away
        stopped.append(True)
        raise Cancelled()

    w = SetupWizard(scan_call=endless_scan)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(entered.is_set, timeout=10000)
    worker = w.scan_page.worker
    started = time.perf_counter()
    w.close()
    assert time.perf_counter() - started < 2
    assert worker.cancel_token.is_set
    assert stopped == [True]  # close() returned only after the thread finished
    assert worker._thread.isFinished()


def test_worker_result_can_be_awaited_under_qasync(qapp):
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    try:

        async def page_code():
            worker = Worker(lambda reporter, cancel: (reporter.log("working"), 42)[1]).start()
            return await worker.future()

        assert loop.run_until_complete(page_code()) == 42

        async def failing_page():
            worker = Worker(lambda reporter, cancel: {}["missing"]).start()
            with pytest.raises(KeyError):
                await worker.future()
            return "handled"

        assert loop.run_until_complete(failing_page()) == "handled"
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def test_log_view_marks_warnings_without_colour(qtbot):
    log = LogModel()
    log.append_lines(
        [(logging.INFO, "plain"), (logging.WARNING, "careful"), (logging.ERROR, "bad")]
    )
    assert log.text().splitlines() == ["plain", "⚠ careful", "✖ bad"]


def test_choosing_another_environment_replans_for_its_python(qtbot):
    from app.profile import TorchInfo

    other = PythonEnv("3.9.18", "/opt/py39/bin/python", "pyenv", 64, torch=TorchInfo("2.1.0+cpu"))
    broken = PythonEnv("2.7.18", "/opt/py27/bin/python", "pyenv", 64, problems=["Python 2."])

    def scan_with_envs(reporter, cancel):
        profile = recorded_profile()
        profile.environments = [other, broken]
        return profile

    w = SetupWizard(scan_call=scan_with_envs)
    qtbot.addWidget(w)
    w.show()
    wait_scanned(qtbot, w)
    box = w.scan_page.env_box
    assert box.count() == 3  # the target, the usable 3.9, and Python 2 shown but not choosable
    assert "Python 2." in box.itemText(2)
    assert not box.model().item(2).isEnabled() and box.model().item(1).isEnabled()
    box.setCurrentIndex(1)
    assert w.profile.python.executable == "/opt/py39/bin/python"
    assert w.profile.torch.version == "2.1.0+cpu"
    assert w.profile.environments[0].executable.endswith("python.exe")  # the old target
    w.next()
    assert w.plan.torch == "2.8.0"  # the newest release for Python 3.9


def test_new_environment_from_the_scan_page_becomes_the_target(qtbot, tmp_path):
    import platform
    import sys

    def this_machine(reporter, cancel):
        profile = recorded_profile()
        profile.python = PythonEnv(platform.python_version(), sys.executable, "venv", 64)
        return profile

    w = SetupWizard(scan_call=this_machine)
    qtbot.addWidget(w)
    w.show()
    wait_scanned(qtbot, w)
    page = w.scan_page
    assert page.new_env_button.isEnabled()
    folder = tmp_path / "새 환경"
    page.create_env(str(folder))
    qtbot.waitUntil(lambda: page.worker is None, timeout=120000)
    assert w.profile.python.prefix == str(folder)
    assert w.profile.python.kind == "venv" and w.profile.torch is None
    assert page.env_box.currentText().endswith(str(folder / "bin" / "python"))
    assert w.profile.environments[0].executable == sys.executable  # the old target stays listed


def test_install_miniforge_from_the_scan_page(qtbot, tmp_path):
    """The provide path on a worker, against a loopback mirror with a stand-in installer."""
    import hashlib
    import os
    import platform
    import sys

    from tests.loopback import serve_files

    if os.name == "nt":
        return  # the stand-in installer is a shell script
    script = (
        f'#!/bin/sh\nmkdir -p "$3/bin" "$3/conda-meta"\nln -s "{sys.executable}" "$3/bin/python"\n'
    ).encode()
    name = "Miniforge3-Linux-x86_64.sh"
    files = {name: script, name + ".sha256": hashlib.sha256(script).hexdigest().encode()}

    def linux_machine(reporter, cancel):
        return SystemProfile(
            os=OSInfo("linux", "6.1"),
            arch="x86_64",
            python=PythonEnv(platform.python_version(), sys.executable, "venv", 64),
        )

    w = SetupWizard(scan_call=linux_machine)
    qtbot.addWidget(w)
    w.show()
    wait_scanned(qtbot, w)
    page = w.scan_page
    assert page.miniforge_button.isEnabled()
    forge = tmp_path / "미니포지"
    with serve_files(files) as mirror:
        page.install_miniforge(str(forge), mirror=mirror.url)
        qtbot.waitUntil(lambda: page.worker is None, timeout=60000)
    assert w.profile.python.executable == str(forge / "bin" / "python")
    assert w.profile.python.version == platform.python_version()
    assert "Miniforge is installed" in w.log.text()


def test_choosing_another_language_rebuilds_the_wizard_and_remembers_it(qtbot):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_translators
    from ui.main import switch_language

    app = QApplication.instance()
    first = SetupWizard(scan_call=quick_scan)
    qtbot.addWidget(first)
    asked = []
    first.language_requested.connect(asked.append)
    first.scan_page.language.setCurrentIndex(first.scan_page.language.findData("ko"))
    assert asked == ["ko"]
    try:
        second = switch_language(
            app, first, "ko", lambda w: None, lambda: SetupWizard(scan_call=quick_scan)
        )
        qtbot.addWidget(second)
        assert second is not first and not first.isVisible() and second.isVisible()
        assert app.property("language") == "ko" and QSettings().value("language") == "ko"
        assert second.scan_page.language.currentData() == "ko"
        assert second.windowTitle() == "PyTorch 설치 도우미"
    finally:
        install_translators(app, "en")
        QSettings().remove("language")
