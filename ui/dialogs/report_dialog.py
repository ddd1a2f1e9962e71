"""The shareable report, from any page: read it, copy it, save it (user names already redacted)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReportDialog(QDialog):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report for a help request"))
        self.resize(760, 560)
        self.text = text
        note = QLabel(
            self.tr(
                "Paste this into a forum post or an issue when you ask for help. Your user name, "
                "home folder and computer name have been replaced by <user>, ~ and <host>."
            ),
            self,
        )
        note.setWordWrap(True)
        self.view = QPlainTextEdit(self)
        self.view.setReadOnly(True)
        self.view.setPlainText(text)
        self.view.setAccessibleName(self.tr("Report"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(
            self.tr("&Copy"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button = buttons.addButton(
            self.tr("&Save…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(lambda: self.save())
        buttons.rejected.connect(self.reject)
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def copy(self) -> None:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(self.text)
        self.status.setText(self.tr("Copied to the clipboard."))

    def save(self, path: str | None = None) -> str | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save report"), "pytorch-setup-report.md", "Markdown (*.md)"
            )
        if not path:
            return None
        try:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(self.text)
        except OSError as exc:
            self.status.setText(self.tr("Could not save the report: %1").replace("%1", str(exc)))
            return None
        self.status.setText(self.tr("Saved to %1").replace("%1", path))
        return path
