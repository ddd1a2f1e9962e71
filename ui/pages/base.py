"""What every wizard page has: a content area and the shared log panel at the bottom."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizardPage

from ui.state import WizardState
from ui.widgets.log_view import LogModel, LogPanel


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

    def platform(self) -> str:
        """The scanned machine's platform key ('linux-x86_64', 'windows-x86_64', ...)."""
        return self.state.platform()
