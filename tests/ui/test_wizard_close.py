"""The wizard never abandons work: Back and closing during an install ask first, and Yes stops
pip and waits for it; every Alt+letter is used once per page; the minimum size shows the
summary's last line. Driven by clicks and keys on a real wizard, real pip, loopback only."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWizard

from app.profile import OSInfo, PythonEnv, SystemProfile
from app.steps.install import InstallRequest
from tests.loopback import SilentServer, closed_port_url, live_children
from ui.wizard import PAGE_NAMES, SetupWizard

NEXT, BACK, CANCEL = (
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.CancelButton,
)


@pytest.fixture(scope="module")
def venv_python(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("close") / "my env"  # a space, as users' folders have
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    return str(folder / "bin" / "python")


@pytest.fixture
def isolated_pip(monkeypatch):
    """pip reads no global config or find-links of this machine: only the loopback index."""
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)


@pytest.fixture
def silent_index():
    server = SilentServer()  # pip connects and waits: the install runs until stopped
    yield server
    server.close()


def click(qtbot, w: SetupWizard, which) -> None:
    qtbot.mouseClick(w.button(which), Qt.MouseButton.LeftButton)


def open_at_install(qtbot, python: str) -> SetupWizard:
    profile = SystemProfile(os=OSInfo("linux"), arch="x86_64", python=PythonEnv("3.11.7", python))
    w = SetupWizard(scan_call=lambda reporter, cancel: profile)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=15000)
    click(qtbot, w, NEXT)
    click(qtbot, w, NEXT)
    assert w.currentPage() is w.install_page
    return w


def start_install(qtbot, w: SetupWizard, python: str, index: str) -> None:
    page = w.install_page
    assert w.plan is not None
    page.prepare(InstallRequest(python, w.plan, index_url=index))  # loopback, not the internet
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Looking in indexes: " + index in w.log.text(), timeout=60000)
    assert page.worker is not None and page.worker.is_running()


def answer(qtbot, w: SetupWizard, button: QMessageBox.StandardButton) -> str:
    qtbot.waitUntil(lambda: w.question is not None and w.question.isVisible(), timeout=5000)
    box = w.question
    assert box is not None
    text = box.text() + " " + box.informativeText()
    qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
    return text


def test_closing_with_no_work_running_quits_at_once(qtbot, venv_python):
    w = open_at_install(qtbot, venv_python)
    click(qtbot, w, CANCEL)
    assert not w.isVisible() and w.question is None


def test_close_cancel_and_esc_during_an_install_ask_first(
    qtbot, venv_python, isolated_pip, silent_index
):
    w = open_at_install(qtbot, venv_python)
    start_install(qtbot, w, venv_python, silent_index.url)
    worker = w.install_page.worker
    assert worker is not None

    w.close()  # the window's X
    assert answer(qtbot, w, QMessageBox.StandardButton.No) == (
        "An install is running. Stop it and quit?"
    )
    assert w.isVisible() and worker.is_running()  # No: nothing stopped, nothing closed

    click(qtbot, w, CANCEL)  # the wizard's own Cancel asks the same
    answer(qtbot, w, QMessageBox.StandardButton.No)
    assert w.isVisible() and worker.is_running()

    with qtbot.waitSignal(w.finished, timeout=20000):
        qtbot.keyClick(w, Qt.Key.Key_Escape)  # Esc, then Yes: pip is stopped, then we quit
        answer(qtbot, w, QMessageBox.StandardButton.Yes)
    assert not w.isVisible() and not worker.is_running()
    assert worker.cancel_token.is_set
    assert "Install stopped before pip changed anything" in w.log.text()  # what pip left
    assert live_children() == []


def test_back_during_an_install_asks_and_the_plan_stays(
    qtbot, venv_python, isolated_pip, silent_index
):
    w = open_at_install(qtbot, venv_python)
    start_install(qtbot, w, venv_python, silent_index.url)
    page = w.install_page
    command = page.command.toPlainText()
    assert "--index-url " + silent_index.url in command

    click(qtbot, w, BACK)
    assert answer(qtbot, w, QMessageBox.StandardButton.No) == (
        "An install is running. Stop it and go back?"
    )
    assert w.currentPage() is page and page.worker is not None  # still installing, same plan
    assert page.command.toPlainText() == command

    click(qtbot, w, BACK)
    answer(qtbot, w, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=20000)
    assert page.worker is None and page.ran is not None and page.ran[0] == "cancelled"
    # Another plan chosen now, then Next: the page shows it, and the command that ran below it.
    summary = w.summary_page
    summary.version_box.setCurrentIndex(summary.version_box.count() - 1)  # the oldest offered
    click(qtbot, w, NEXT)
    assert w.currentPage() is page
    assert page.command.toPlainText() != command and not page.last_run.isHidden()
    assert page.last_run.text() == "Stopped before: " + command
    qtbot.waitUntil(lambda: not w.workers, timeout=15000)  # the re-read after the stop
    assert live_children() == []


# -- Alt+letters --------------------------------------------------------------------------

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonics(w: SetupWizard) -> list[tuple[str, str]]:
    """Every Alt+letter live on the current page, the wizard's visible buttons included, as
    (text, letter)."""
    page = w.currentPage()
    found: list[tuple[str, str]] = []
    widgets = [b for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page)]
    widgets += [
        label
        for label in page.findChildren(QLabel)
        if label.isVisibleTo(page) and label.buddy() is not None
    ]
    for widget in widgets:
        match = MNEMONIC.search(widget.text().replace("&&", ""))
        if match:
            found.append((widget.text(), match.group(1).lower()))
    wizard_buttons = (BACK, NEXT, QWizard.WizardButton.FinishButton, CANCEL)
    custom = (QWizard.WizardButton.CustomButton1, QWizard.WizardButton.CustomButton2)
    for which in wizard_buttons + custom:
        button = w.button(which)
        match = MNEMONIC.search(button.text())
        if button.isVisible() and match:
            found.append((button.text(), match.group(1).lower()))
    return found


def test_every_alt_letter_is_used_once_per_page(qtbot):
    from tests.ui.test_summary_page import profile

    w = SetupWizard(scan_call=lambda reporter, cancel: profile())
    qtbot.addWidget(w)
    w.show_every_page = True
    # NVIDIA's lists are asked of a loopback port where nothing listens, never the internet.
    w.toolkit_page.mirror = w.cudnn_page.mirror = closed_port_url("")
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=15000)
    clashes: dict[str, set[str]] = {}
    for name in PAGE_NAMES:
        assert w.currentPage().name == name
        found = mnemonics(w)
        letters = [letter for _text, letter in found]
        twice = {letter for letter in letters if letters.count(letter) > 1}
        if twice:
            clashes[name] = twice
        assert not twice, (name, found)
        w.next()  # not a click: the install page's Next waits for an install
    assert clashes == {}
    w.stop_workers()


# -- the minimum size ---------------------------------------------------------------------


def test_the_minimum_size_shows_the_summarys_last_why_line(qtbot):
    from tests.unit.test_planner_driver_advice import READER, recorded

    w = SetupWizard(scan_call=lambda reporter, cancel: recorded(READER))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=15000)
    w.resize(w.minimumSize())
    click(qtbot, w, NEXT)
    details = w.summary_page.details
    assert "<b>Why</b>" in details.text()
    qtbot.waitUntil(lambda: details.height() >= details.heightForWidth(details.width()))
    assert w.size() == w.minimumSize() and w.minimumSize().height() <= 560
    # The whole text is there to scroll to: its last line is reachable.
    bar = w.summary_page.details_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    viewport = w.summary_page.details_area.viewport()
    assert details.height() - bar.value() <= viewport.height() + 1


# -- which work counts: each page says its own -------------------------------------------


def test_a_running_scan_is_reading_work_so_closing_quits_at_once(qtbot):
    """A scan only reads: no page lists it, and Cancel during it quits without a question."""
    from tests.ui.test_summary_page import profile

    def slow_scan(reporter, cancel):
        cancel.wait(30)  # runs until the wizard stops it
        return profile()

    w = SetupWizard(scan_call=slow_scan)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.scan_page.worker is not None, timeout=15000)
    worker = w.scan_page.worker
    assert worker.is_running()
    assert w.scan_page.running_work() == [] and w.work_running() == []
    with qtbot.waitSignal(w.finished, timeout=20000):
        click(qtbot, w, CANCEL)
    assert w.question is None and worker.cancel_token.is_set  # stopped, never asked
    qtbot.waitUntil(lambda: not worker.is_running(), timeout=5000)


def test_each_page_reports_its_own_running_work(qtbot, venv_python, isolated_pip, silent_index):
    w = open_at_install(qtbot, venv_python)
    assert all(page.running_work() == [] for page in w.pages)
    start_install(qtbot, w, venv_python, silent_index.url)
    worker = w.install_page.worker
    assert w.install_page.running_work() == [(worker, "An install is running.")]
    assert w.work_running() == [(worker, "An install is running.")]
    assert w.work_running(w.summary_page) == []  # Back on another page would lose nothing
    with qtbot.waitSignal(worker.finished, timeout=20000):
        qtbot.mouseClick(w.install_page.cancel_button, Qt.MouseButton.LeftButton)
    assert w.work_running() == []
    qtbot.waitUntil(lambda: not w.workers, timeout=15000)  # the re-read after the stop
