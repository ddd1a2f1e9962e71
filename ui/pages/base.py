"""What every wizard page has: a content area and the shared log panel at the bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizardPage

from ui.state import WizardState
from ui.widgets.log_view import LogModel, LogPanel

if TYPE_CHECKING:
    from ui.worker import Worker


class BasePage(QWizardPage):
    name = "page"  # file-name stem for snapshots

    def __init__(
        self, log: LogModel, parent: QWidget | None = None, state: WizardState | None = None
    ) -> None:
        super().__init__(parent)
        self.log = log
        # What the pages share (the wizard's; a page on its own gets its own).
        self.state = state if state is not None else WizardState(self)
        self.body = QVBoxLayout()
        self.log_panel = LogPanel(log, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.log_panel)

    def running_work(self) -> list[tuple[Worker, str]]:
        """This page's running work that changes this computer, each with the sentence that
        says what it is; the wizard asks before Back or closing abandons it. Reading work
        (a scan, a check) is not listed: stopping it loses nothing.

        The sentences are translated in the wizard's context,
        QCoreApplication.translate("SetupWizard", ...): its question shows them.
        """
        return []

    @staticmethod
    def work_if_running(worker: Worker | None, sentence: str) -> list[tuple[Worker, str]]:
        """[(worker, sentence)] while worker runs, else []: for running_work()."""
        return [(worker, sentence)] if worker is not None and worker.is_running() else []

    def platform(self) -> str:
        """The scanned machine's platform key ('linux-x86_64', 'windows-x86_64', ...)."""
        return self.state.platform()
