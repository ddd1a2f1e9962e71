"""The log: one document for the whole session, shown by a panel on every page.

QPlainTextEdit views can share one QTextDocument, so every page's panel shows the same log
without copying it. The document keeps the last MAX_LINES lines, so a long pip run cannot eat
memory; the log file keeps them all. A batch makes room for itself in one cut at the top (Qt's
own maximumBlockCount trimming removes one block at a time: ~65 µs a line, so a 5,000-line
batch into a full log stalled the GUI thread for a quarter of a second).
While the panels are closed, lines wait in a bounded list and reach the document when a panel
opens (or the text is asked for): a closed log costs a flood no Qt work at all.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFontDatabase, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.worker import MAX_LINES, NOT_SHOWN

LogLine = tuple[int, str] | str  # (level, text), or a plain text; (NOT_SHOWN, "N"): N left out

_PREFIX = {logging.WARNING: "⚠ ", logging.ERROR: "✖ ", logging.CRITICAL: "✖ "}


class LogModel(QObject):
    shown_changed = Signal(bool)  # the panels open and close together, on every page

    def __init__(self, parent: QObject | None = None, max_lines: int = MAX_LINES) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self.document = QTextDocument(self)
        self.document.setDocumentLayout(QPlainTextDocumentLayout(self.document))
        self.document.setUndoRedoEnabled(False)  # nobody undoes a log; the history would grow
        # A safety net only: append_lines makes room itself (a line with a newline in it is
        # more than one block, and Qt trims those few).
        self.document.setMaximumBlockCount(max_lines)
        self.appends = 0  # how many batches arrived (tests check that lines come batched)
        self.shown = False
        # Lines that arrived while no panel was open; older ones fall off as they would have
        # scrolled off the document's top.
        self._waiting: deque[str] = deque(maxlen=max_lines)

    def set_shown(self, shown: bool) -> None:
        if shown != self.shown:
            self.shown = shown
            if shown:
                self._catch_up()
            self.shown_changed.emit(shown)

    def append_lines(self, lines: Sequence[LogLine]) -> None:
        """Add a batch at the end. A batch longer than the log keeps only its tail, behind one
        line that says how many were left out; the rest of the log makes room in one cut."""
        if not lines:
            return
        room = self.max_lines
        if len(lines) > room:
            cut = len(lines) - room + 1  # and one line's room for the notice
            hidden = sum(_weight(line) for line in lines[:cut])
            lines = [(NOT_SHOWN, str(hidden)), *lines[cut:]]
        texts = [self._text(line) for line in lines]
        self.appends += 1
        if self.shown:
            self._insert(texts)
        else:
            self._waiting.extend(texts)

    def _catch_up(self) -> None:
        """What arrived while the panels were closed goes into the document, in one batch."""
        if self._waiting:
            texts = list(self._waiting)
            self._waiting.clear()
            self._insert(texts)

    def _insert(self, texts: list[str]) -> None:
        room = self.max_lines
        document = self.document
        if len(texts) >= room or document.isEmpty():
            document.setPlainText("\n".join(texts))  # the whole log is this batch
        else:
            cursor = QTextCursor(document)
            cursor.beginEditBlock()  # one change: the views follow and repaint once
            excess = document.blockCount() + len(texts) - room  # < blockCount here
            if excess > 0:
                start = document.findBlockByNumber(excess).position()
                cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertBlock()
            cursor.insertText("\n".join(texts))
            cursor.endEditBlock()

    def _text(self, line: LogLine) -> str:
        if isinstance(line, str):
            return line
        level, text = line
        if level == NOT_SHOWN:
            count = f"{int(text):,}"
            if _has_log_file():
                return self.tr("… {count} lines not shown (all are in the log file)").format(
                    count=count
                )
            return self.tr("… {count} lines not shown").format(count=count)
        return _PREFIX.get(level, "") + text

    def line_count(self) -> int:
        self._catch_up()
        return 0 if self.document.isEmpty() else self.document.blockCount()

    def text(self) -> str:
        self._catch_up()
        return self.document.toPlainText()


def _weight(line: LogLine) -> int:
    """How many lines of output one batch item stands for."""
    if not isinstance(line, str) and line[0] == NOT_SHOWN:
        return int(line[1])
    return 1


def _has_log_file() -> bool:
    """Whether every line also goes to a log file (app.logs sets one up; a read-only home
    has none, and then the notice must not promise it)."""
    handlers = logging.getLogger("pytorch_setup").handlers
    return any(isinstance(handler, logging.FileHandler) for handler in handlers)


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
