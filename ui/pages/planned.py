"""Pages whose work arrives in later versions: they say what they will do, honestly."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from ui.pages.base import BasePage
from ui.widgets.log_view import LogModel


class PlannedPage(BasePage):
    def __init__(
        self,
        name: str,
        title: str,
        subtitle: str,
        points: list[str],
        log: LogModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(log, parent)
        self.name = name
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self._points = points
        self._built = False

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        # Built on first visit, not at start-up: the wizard's first paint comes sooner.
        if not self._built:
            self._built = True
            self._build(self._points)

    def _build(self, points: list[str]) -> None:
        items = "".join(f"<li>{point}</li>" for point in points)
        what = QLabel(f"<p><b>{self.tr('What this step does')}</b></p><ul>{items}</ul>", self)
        what.setWordWrap(True)
        pending = QLabel(
            self.tr(
                "This step is not available in this preview yet: nothing on this page changes "
                "your computer."
            ),
            self,
        )
        pending.setWordWrap(True)
        pending.setObjectName("pendingNote")
        pending.setFrameShape(QLabel.Shape.StyledPanel)
        pending.setMargin(8)
        self.body.addWidget(what)
        self.body.addWidget(pending)
        self.body.addStretch(1)


def planned_pages(log: LogModel) -> list[PlannedPage]:
    """Pages 3–7 of the wizard, in order; translate() with a fixed context so lupdate finds them."""

    def page(name: str, title: str, subtitle: str, points: list[str]) -> PlannedPage:
        return PlannedPage(name, title, subtitle, points, log)

    return [
        page(
            "cudnn",
            QCoreApplication.translate("PlannedPage", "cuDNN"),
            QCoreApplication.translate(
                "PlannedPage",
                "Only for your own CUDA code: PyTorch's wheels bring their own cuDNN.",
            ),
            [
                QCoreApplication.translate(
                    "PlannedPage",
                    "Reads the archive's cuDNN version and CUDA major and checks them "
                    "against the toolkit.",
                ),
                QCoreApplication.translate(
                    "PlannedPage",
                    "Copies the files with a journal and backups; any failure rolls back.",
                ),
                QCoreApplication.translate("PlannedPage", "Every copied file can be undone later."),
            ],
        ),
        page(
            "path",
            QCoreApplication.translate("PlannedPage", "PATH registration"),
            QCoreApplication.translate("PlannedPage", "Makes nvcc reachable from new terminals."),
            [
                QCoreApplication.translate(
                    "PlannedPage", "Shows the current PATH and the proposed change side by side."
                ),
                QCoreApplication.translate(
                    "PlannedPage",
                    "Windows: edits the user PATH in the registry directly, keeping every "
                    "entry (the old command-line way cuts PATH at 1024 characters).",
                ),
                QCoreApplication.translate(
                    "PlannedPage",
                    "Linux and macOS: one clearly marked block in your shell profile.",
                ),
                QCoreApplication.translate("PlannedPage", "Undo removes exactly what was added."),
            ],
        ),
    ]
