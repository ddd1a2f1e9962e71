"""A path typed or picked with Browse…: one widget for folders and files on every page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget


class PathField(QWidget):
    changed = Signal(str)  # when editing is finished or a path was picked

    def __init__(
        self, title: str, pick_file: bool = False, filters: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._title, self._pick_file, self._filters = title, pick_file, filters
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(title)
        self.edit.editingFinished.connect(lambda: self.changed.emit(self.text()))
        self.browse = QPushButton(self.tr("Browse…"), self)
        self.browse.setAccessibleName(self.tr("Browse for %1").replace("%1", title))
        self.browse.clicked.connect(self._pick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)
        self.setFocusProxy(self.edit)  # a label's buddy focuses the text field

    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def _pick(self) -> None:
        if self._pick_file:
            chosen, _ = QFileDialog.getOpenFileName(self, self._title, self.text(), self._filters)
        else:
            chosen = QFileDialog.getExistingDirectory(self, self._title, self.text())
        if chosen:
            self.edit.setText(chosen)
            self.changed.emit(self.text())
