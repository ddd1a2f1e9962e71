"""The setup wizard: seven pages in order, one shared log, every worker cancelled on close.

Work that changes this computer (an install, a download, a new environment, PATH, Undo) is
never abandoned silently: Back and closing (the X, Cancel, Esc) ask first while it runs, and
on Yes stop it and wait for it to clean up. Reading work (the scan, checks) just stops.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard, QWizardPage

from app.paths import resources_dir
from ui.ops import run_op
from ui.pages.base import BasePage
from ui.pages.cudnn_page import CudnnPage
from ui.pages.install_page import InstallPage
from ui.pages.path_page import PathPage
from ui.pages.scan_page import ScanCall, ScanPage, real_scan
from ui.pages.summary_page import SummaryPage
from ui.pages.toolkit_page import ToolkitPage
from ui.pages.verify_page import VerifyCall, VerifyPage, real_verify
from ui.state import PAGE_NAMES, WizardState, page_id
from ui.widgets.log_view import LogModel
from ui.worker import Worker

# Fits a 1366x768 laptop screen with its task bar; long texts scroll inside their pages.
MINIMUM = QSize(760, 560)
STOP_WAIT_MS = 15000  # proc.run's worst case after a cancel (terminate, grace, kill, reap)


def _fitting(size: QSize) -> QSize:
    """size, made no larger than the screen's free area (a 1366×768 laptop has ~720 px)."""
    screen = QApplication.primaryScreen()
    if screen is None:
        return size
    free = screen.availableGeometry().size()
    return size.boundedTo(free).expandedTo(MINIMUM)


class SetupWizard(QWizard):
    language_requested = Signal(str)  # the person picked another language (main rebuilds us)

    def __init__(
        self,
        scan_call: ScanCall = real_scan,
        verify_call: VerifyCall = real_verify,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("PyTorch Setup Assistant"))
        self.setWindowIcon(QIcon(str(resources_dir() / "icons" / "app.svg")))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        # 760×560 (and 920×660) clipped the last "Why" line of the tutorial reader's summary.
        self.setMinimumSize(MINIMUM)
        self.resize(_fitting(QSize(920, 680)))
        self.log = LogModel(self)
        self.workers: set[Worker] = set()
        self.question: QMessageBox | None = None  # "… is running. Stop it and …?"
        self._stopping = False  # Yes was said: the window closes once the work has stopped
        self._changes_dialog: QWidget | None = None  # the Undo dialog, while it exists
        self.show_every_page = False  # snapshots walk all seven pages whatever the plan
        self.state = WizardState(self)  # what the pages share (profile, plan, installs)
        start, state = self.start_worker, self.state
        state.reinstall_requested.connect(self._reinstall)
        self.scan_page = ScanPage(self.log, start, scan_call, state=state)
        self.summary_page = SummaryPage(self.log, start, state=state)
        self.install_page = InstallPage(self.log, start, state=state)
        self.toolkit_page = ToolkitPage(self.log, start, state=state)
        self.cudnn_page = CudnnPage(self.log, start, state=state)
        self.path_page = PathPage(self.log, start, state=state)
        self.verify_page = VerifyPage(self.log, start, verify_call, state=state)
        self.install_page.run_ended.connect(self._install_ended)
        self.pages = [
            self.scan_page,
            self.summary_page,
            self.toolkit_page,
            self.cudnn_page,
            self.path_page,
            self.install_page,
            self.verify_page,
        ]
        assert [page.name for page in self.pages] == list(PAGE_NAMES)
        for number, page in enumerate(self.pages):
            self.setPage(number, page)
        self.setStartId(0)
        # Report and Undo on every page: help is asked for, and changes regretted, anywhere.
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        # Alt+E and Alt+H: R and U are taken on pages (Rescan, Undo), N and B by Next and Back.
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("R&eport…"))
        self.setButtonText(QWizard.WizardButton.CustomButton2, self.tr("Undo c&hanges…"))
        self.button(QWizard.WizardButton.CustomButton1).setToolTip(
            self.tr(
                "A report of this computer, the plan and the log, to paste when asking for help."
            )
        )
        self.button(QWizard.WizardButton.CustomButton2).setToolTip(
            self.tr("Everything the assistant changed, with Undo for each change or for all.")
        )
        self.setButtonLayout(
            [
                QWizard.WizardButton.CustomButton1,
                QWizard.WizardButton.CustomButton2,
                QWizard.WizardButton.Stretch,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CancelButton,
            ]
        )
        self.customButtonClicked.connect(self._custom_button)
        # Back asks first while the page's work runs (QWizard's own back() would leave it
        # running, and a changed plan would then run under it).
        back = self.button(QWizard.WizardButton.BackButton)
        back.clicked.disconnect()
        back.clicked.connect(self._back_clicked)
        language = self.scan_page.language
        app = QApplication.instance()
        current = app.property("language") if app is not None else None
        language.setCurrentIndex(max(0, language.findData(current or "en")))
        language.currentIndexChanged.connect(
            lambda index: self.language_requested.emit(language.itemData(index))
        )

    @property
    def profile(self):
        return self.state.profile

    @property
    def plan(self):
        return self.state.plan

    def chosen_toolkit(self) -> str | None:
        """The toolkit for the cuDNN and PATH pages: the one just installed, else a scanned one."""
        return self.state.chosen_toolkit()

    def nextId(self) -> int:  # noqa: N802 - Qt override
        """The toolkit, cuDNN and PATH pages only when the plan asks for the CUDA toolkit."""
        current = self.currentId()
        if current == page_id("summary") and not self.show_every_page:
            plan = self.plan
            wants_toolkit = plan is not None and "toolkit" in plan.steps
            return page_id("toolkit" if wants_toolkit else "install")
        return super().nextId()

    def _reinstall(self, compute: str | None) -> None:
        """A fix asks for PyTorch again: the summary plans that build (the same choice still
        gives a fresh install), the install page forces it, and it opens."""
        from dataclasses import replace

        summary = self.summary_page
        index = summary.compute_box.findData(compute or "")
        summary.compute_box.blockSignals(True)
        summary.compute_box.setCurrentIndex(max(index, 0))
        summary.compute_box.blockSignals(False)
        summary.replan()
        install = self.install_page
        if install.request is not None:
            install.installed = False
            install.prepare(replace(install.request, force=True))
        while self.currentId() > page_id("install"):
            self.back()

    def _custom_button(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.show_report()
        elif which == QWizard.WizardButton.CustomButton2.value:
            self.show_changes()

    def report_text(self) -> str:
        from app import report

        plan = self.plan
        if plan is None and self.profile is not None:  # before the summary page: the default
            from app.compat import Choices, make_plan

            plan = make_plan(self.profile, Choices())
        lines = self.log.text().splitlines()[-report.LOG_LINES :]
        return report.build(
            profile=self.profile, plan=plan, verification=self.verify_page.report, log_lines=lines
        )

    def show_report(self):
        from ui.dialogs.report_dialog import ReportDialog

        dialog = ReportDialog(self.report_text(), self)
        dialog.open()
        return dialog

    def show_changes(self):
        from ui.dialogs.changes_dialog import ChangesDialog

        dialog = ChangesDialog(self.start_worker, parent=self)
        self._changes_dialog = dialog
        dialog.open()
        return dialog

    def start_worker(self, call: Callable) -> Worker:
        """Run an engine call on a worker whose log lines go to the shared log."""
        worker = Worker(call, self)
        worker.log_lines.connect(self.log.append_lines)
        worker.finished.connect(lambda: self._forget(worker))
        self.workers.add(worker)
        return worker.start()

    def _forget(self, worker: Worker) -> None:
        self.workers.discard(worker)
        worker.deleteLater()  # a rescan must not keep the old worker, thread and result alive

    def stop_workers(self, msecs: int = 15000) -> bool:
        """Cancel every running worker and wait for all their threads; True when all stopped.

        The budget covers proc.run's worst case after a cancel (terminate, grace, kill, reap).
        """
        running = [w for w in self.workers if w.is_running()]
        for worker in running:
            worker.cancel()
        stopped = [worker.wait(msecs) for worker in running]  # a list: wait for every one
        if not all(stopped):
            logging.getLogger("pytorch_setup").warning("a worker did not stop within %d ms", msecs)
        return all(stopped)

    def done(self, result: int) -> None:  # closing by any means (Cancel, Finish, window close)
        self._stopping = True  # no new work (a re-read after an install) from here on
        self.stop_workers()
        super().done(result)

    # -- work that must not be abandoned -----------------------------------------------------

    def work_running(self, page: QWizardPage | None = None) -> list[tuple[Worker, str]]:
        """The running work that changes this computer (on one page, or anywhere), each with
        the sentence that says what it is: each page says its own (running_work()). A scan or
        a check is not listed: it only reads."""
        pages = self.pages if page is None else [page]
        work = [
            item for each in pages if isinstance(each, BasePage) for item in each.running_work()
        ]
        dialog_worker = getattr(self._changes_dialog, "worker", None)  # the Undo dialog's
        if page is None and dialog_worker is not None and dialog_worker.is_running():
            work.append((dialog_worker, self.tr("Changes are being undone.")))
        return work

    def _ask(self, sentence: str, question: str, on_yes: Callable[[], None]) -> QMessageBox:
        """A Yes/No question, shown without blocking (open(), never exec())."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.windowTitle(),
            sentence,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(question)
        box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter keeps the work going

        def answered(button: int) -> None:
            self.question = None
            if button == QMessageBox.StandardButton.Yes.value:
                on_yes()

        box.finished.connect(answered)
        self.question = box
        box.open()
        return box

    def _stop_then(self, workers: list[Worker], then: Callable[[], None]) -> None:
        """Cancel these workers and call `then` once all have stopped (the GUI stays live
        while they clean up); after STOP_WAIT_MS `then` runs anyway (done() waits again)."""
        waiting = [w for w in workers if w.is_running()]
        if not waiting:
            then()
            return
        called: list[bool] = []

        def once() -> None:
            if not called and not any(w.is_running() for w in waiting):
                called.append(True)
                then()

        for worker in waiting:
            worker.finished.connect(once)
            worker.cancel()

        def anyway() -> None:
            if not called:
                called.append(True)
                then()

        QTimer.singleShot(STOP_WAIT_MS, self, anyway)

    def reject(self) -> None:  # noqa: D401 - Qt override: Cancel, Esc and the window's X
        if self._stopping or self.question is not None:
            return  # already asked, or already stopping
        work = self.work_running()
        if not work:
            super().reject()  # nothing would be lost: quit at once, as always
            return

        def stop_and_quit() -> None:
            self._stopping = True
            self.button(QWizard.WizardButton.CancelButton).setEnabled(False)
            for worker, _ in work:
                worker.cancel()
            self._stop_then(list(self.workers), lambda: QWizard.reject(self))

        self._ask(work[0][1], self.tr("Stop it and quit?"), stop_and_quit)

    def _back_clicked(self) -> None:
        if self.question is not None or self._stopping:
            return
        work = self.work_running(self.currentPage())
        if not work:
            self.back()
            return
        workers = [worker for worker, _ in work]
        self._ask(
            work[0][1],
            self.tr("Stop it and go back?"),
            lambda: self._stop_then(workers, self.back),
        )

    # -- after an install: what is installed now -------------------------------------------

    def _install_ended(self, outcome: str, python: str) -> None:
        """Read the target's torch again, so the scan rows, the report and the install page
        show what pip left (a new torch, the old one, or none after a stopped swap)."""
        if self._stopping or not python:
            return
        from app.steps.install import torch_left  # on the GUI thread: imports on workers are unsafe

        (
            run_op(self, lambda reporter, cancel: torch_left(python))
            .success(lambda torch: self._torch_read(python, torch))
            .failure(
                lambda error: self.log.append_lines(
                    [(logging.WARNING, f"Could not read PyTorch in {python} again: {error}")]
                )
            )
            .start()
        )

    def _torch_read(self, python: str, torch) -> None:

        self.install_page.torch_now(torch)
        profile = self.profile
        if profile is None or profile.python.executable != python:
            return  # another target was chosen meanwhile
        updated = profile.with_torch(torch)
        # The scan page's own way to show a profile: its rows, headline and target list.
        self.scan_page.show_profile(updated)
