"""A table of scan rows with ok / warning / problem marks (icon *and* word: never colour alone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ui.i18n import shown

if TYPE_CHECKING:
    from app.scan.summary import Row

# Start-up: PySide6 takes ~17 ms to load the `Qt` enum namespace and ~5 ms for QStyle, and the
# engine's dataclasses ~10 ms more; this module touches them only when rows arrive (after the
# first paint), never at import.


def _status_icons(style) -> dict:
    from PySide6.QtWidgets import QStyle

    from app.scan.summary import OK, PROBLEM, WARNING

    return {
        OK: style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        PROBLEM: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
    }


def vendor_icon(vendor: str):
    """The GPU vendor's mark (resources/icons/gpu-VENDOR.svg): a coloured chip with a letter,
    so the vendor shows without colour too; None for an unknown vendor."""
    from PySide6.QtGui import QIcon

    from app.paths import resources_dir

    path = resources_dir() / "icons" / f"gpu-{vendor}.svg"
    return QIcon(str(path)) if vendor and path.is_file() else None


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
        from app.scan.summary import OK, PROBLEM, WARNING

        return {OK: self.tr("OK"), WARNING: self.tr("Warning"), PROBLEM: self.tr("Problem")}

    def set_rows(self, rows: list[Row]) -> None:
        self.rows = list(rows)
        words = self.status_words()
        icons = _status_icons(self.style())
        self.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = [
                QTableWidgetItem(icons[row.status], words[row.status]),
                QTableWidgetItem(shown(row.label)),
                QTableWidgetItem(shown(row.value)),
                QTableWidgetItem(shown(row.detail)),
            ]
            mark = vendor_icon(row.mark)
            if mark is not None:
                cells[1].setIcon(mark)
            for column, item in enumerate(cells):
                item.setToolTip(shown(row.detail or row.value))
                self.setItem(index, column, item)
        self.resizeRowsToContents()

    def status_of(self, key: str) -> str | None:
        return next((r.status for r in self.rows if r.key == key), None)
