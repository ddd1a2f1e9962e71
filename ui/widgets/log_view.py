"""The log: one document for the whole session, shown by a panel on every page.

QPlainTextEdit views can share one QTextDocument, so every page's panel shows the same log
without copying it. The document caps its line count, so a long pip run cannot eat memory.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFontDatabase, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

MAX_LINES = 5000

_PREFIX = {logging.WARNING: "⚠ ", logging.ERROR: "✖ ", logging.CRITICAL: "✖ "}


class LogModel(QObject):
    shown_changed = Signal(bool)  # the panels open and close together, on every page

    def __init__(self, parent: QObject | None = None, max_lines: int = MAX_LINES) -> None:
        super().__init__(parent)
        self.document = QTextDocument(self)
        self.document.setDocumentLayout(QPlainTextDocumentLayout(self.document))
        self.document.setMaximumBlockCount(max_lines)
        self.appends = 0  # how many batches arrived (tests check that lines come batched)
        self.shown = False

    def set_shown(self, shown: bool) -> None:
        if shown != self.shown:
            self.shown = shown
            self.shown_changed.emit(shown)

    def append_lines(self, lines: list[tuple[int, str]] | list[str]) -> None:
        if not lines:
            return
        texts = [
            line if isinstance(line, str) else _PREFIX.get(line[0], "") + line[1] for line in lines
        ]
        cursor = QTextCursor(self.document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if not self.document.isEmpty():
            cursor.insertBlock()
        cursor.insertText("\n".join(texts))
        self.appends += 1

    def line_count(self) -> int:
        return 0 if self.document.isEmpty() else self.document.blockCount()

    def text(self) -> str:
        return self.document.toPlainText()


class LogPanel(QWidget):
    """A collapsible view of the shared log; follows the end while the user is at the bottom.

    The text view is created on first opening: seven pages' views at start-up would delay the
    wizard's first paint for nothing.
    """

    def __init__(self, model: LogModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._view: QPlainTextEdit | None = None
        self._at_end = True
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(model.set_shown)
        model.shown_changed.connect(self.toggle.setChecked)
        self.toggle.toggled.connect(self._set_open)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.toggle)
        self.toggle.setChecked(model.shown)
        self._set_open(model.shown)

    @property
    def view(self) -> QPlainTextEdit:
        if self._view is None:
            view = QPlainTextEdit(self)
            view.setReadOnly(True)
            view.setDocument(self.model.document)
            view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            view.setMinimumHeight(90)
            view.setMaximumHeight(180)  # the page's own content keeps the room
            view.setAccessibleName(self.tr("Log"))
            view.setVisible(self.toggle.isChecked())
            self.model.document.contentsChanged.connect(self._follow)
            view.verticalScrollBar().valueChanged.connect(self._remember_position)
            self._layout.addWidget(view)
            self._view = view
            self._follow()
        return self._view

    def _set_open(self, is_open: bool) -> None:
        if is_open or self._view is not None:
            self.view.setVisible(is_open)
        # Text arrows rather than setArrowType: the Qt enum namespace is slow to load at start-up.
        self.toggle.setText(
            ("▾ " + self.tr("Hide log")) if is_open else ("▸ " + self.tr("Show log"))
        )

    def _remember_position(self, value: int) -> None:
        bar = self.view.verticalScrollBar()
        self._at_end = value >= bar.maximum() - 2

    def _follow(self) -> None:
        if self._at_end and self._view is not None:
            bar = self._view.verticalScrollBar()
            bar.setValue(bar.maximum())
