"""What every wizard page has: a content area and the shared log panel at the bottom."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizardPage

from ui.widgets.log_view import LogModel, LogPanel


class BasePage(QWizardPage):
    name = "page"  # file-name stem for snapshots

    def __init__(self, log: LogModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.body = QVBoxLayout()
        self.log_panel = LogPanel(log, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.log_panel)

    def platform(self) -> str:
        """The scanned machine's platform key ('linux-x86_64', 'windows-x86_64', ...)."""
        from app.compat.knowledge import platform_key

        profile = getattr(self.wizard(), "profile", None)
        family = profile.os.family if profile else "linux"
        return platform_key(family, profile.arch if profile else "x86_64") or ""
