"""A table of scan rows with ok / warning / problem marks (icon *and* word: never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableWidget, QTableWidgetItem

from app.scan.summary import OK, PROBLEM, WARNING, Row

_ICONS = {
    OK: QStyle.StandardPixmap.SP_DialogApplyButton,
    WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    PROBLEM: QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class StatusTable(QTableWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Status"), self.tr("Check"), self.tr("Found"), self.tr("Details")]
        )
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName(self.tr("System scan results"))
        self.rows: list[Row] = []

    def status_words(self) -> dict[str, str]:
        return {OK: self.tr("OK"), WARNING: self.tr("Warning"), PROBLEM: self.tr("Problem")}

    def set_rows(self, rows: list[Row]) -> None:
        self.rows = list(rows)
        words = self.status_words()
        self.setRowCount(len(rows))
        for index, row in enumerate(rows):
            mark = QTableWidgetItem(
                self.style().standardIcon(_ICONS[row.status]), words[row.status]
            )
            mark.setData(Qt.ItemDataRole.UserRole, row.status)
            cells = [mark, QTableWidgetItem(row.label), QTableWidgetItem(row.value)]
            cells.append(QTableWidgetItem(row.detail))
            for column, item in enumerate(cells):
                item.setToolTip(row.detail or row.value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(index, column, item)
        self.resizeRowsToContents()

    def status_of(self, key: str) -> str | None:
        return next((r.status for r in self.rows if r.key == key), None)
