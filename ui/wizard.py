"""The setup wizard: seven pages in order, one shared log, every worker cancelled on close."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from app.paths import resources_dir
from ui.pages.cudnn_page import CudnnPage
from ui.pages.install_page import InstallPage
from ui.pages.path_page import PathPage
from ui.pages.scan_page import ScanCall, ScanPage, real_scan
from ui.pages.summary_page import SummaryPage
from ui.pages.toolkit_page import ToolkitPage
from ui.pages.verify_page import VerifyCall, VerifyPage, real_verify
from ui.widgets.log_view import LogModel
from ui.worker import Worker

PAGE_NAMES = ("scan", "summary", "toolkit", "cudnn", "path", "install", "verify")


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
        self.setMinimumSize(QSize(760, 560))
        self.resize(920, 660)
        self.log = LogModel(self)
        self.workers: set[Worker] = set()
        self.show_every_page = False  # snapshots walk all seven pages whatever the plan
        self.scan_page = ScanPage(self.log, self.start_worker, scan_call)
        self.summary_page = SummaryPage(self.log, self.start_worker)
        self.install_page = InstallPage(self.log, self.start_worker)
        self.toolkit_page = ToolkitPage(self.log, self.start_worker)
        self.cudnn_page = CudnnPage(self.log, self.start_worker)
        self.path_page = PathPage(self.log, self.start_worker)
        self.verify_page = VerifyPage(self.log, self.start_worker, verify_call)
        self.summary_page.planned.connect(self._plan_changed)
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
        for page_id, page in enumerate(self.pages):
            self.setPage(page_id, page)
        self.setStartId(0)
        # Report and Undo on every page: help is asked for, and changes regretted, anywhere.
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("&Report…"))
        self.setButtonText(QWizard.WizardButton.CustomButton2, self.tr("&Undo changes…"))
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
        language = self.scan_page.language
        app = QApplication.instance()
        current = app.property("language") if app is not None else None
        language.setCurrentIndex(max(0, language.findData(current or "en")))
        language.currentIndexChanged.connect(
            lambda index: self.language_requested.emit(language.itemData(index))
        )

    @property
    def profile(self):
        return self.scan_page.profile

    @property
    def plan(self):
        return self.summary_page.plan

    def chosen_toolkit(self) -> str | None:
        """The toolkit for the cuDNN and PATH pages: the one just installed, else a scanned one."""
        if self.toolkit_page.installed:
            return self.toolkit_page.installed
        toolkits = self.profile.toolkits if self.profile is not None else []
        with_nvcc = [t for t in toolkits if t.nvcc]
        return (with_nvcc or toolkits)[0].path if toolkits else None

    def nextId(self) -> int:  # noqa: N802 - Qt override
        """The toolkit, cuDNN and PATH pages only when the plan asks for the CUDA toolkit."""
        current = self.currentId()
        if current == PAGE_NAMES.index("summary") and not self.show_every_page:
            plan = self.plan
            wants_toolkit = plan is not None and "toolkit" in plan.steps
            return PAGE_NAMES.index("toolkit" if wants_toolkit else "install")
        return super().nextId()

    def _plan_changed(self, plan) -> None:
        """A new plan (a fix, or a changed choice) updates the install page if it is set up."""
        page = self.install_page
        if page.request is not None and self.profile is not None:
            from app.steps.install import InstallRequest

            # What is installed now may be newer than the scan: the install page knows.
            installed = page.request.installed if page.installed else self.profile.torch
            page.prepare(InstallRequest(self.profile.python.executable, plan, installed=installed))
            if page.worker is None:
                page.installed = False

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
        self.stop_workers()
        super().done(result)
