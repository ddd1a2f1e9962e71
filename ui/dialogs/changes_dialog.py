"""Every change the assistant made and has not undone, newest first, with Undo for one or all.

Undo runs on a worker (removing a toolkit takes a while) and the list is read again afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.journal import Entry, Journal
from ui.i18n import error_text

# What each step's entries mean to a person (the journal stores step/action codes).
WHAT = {
    "install": "PyTorch packages installed",
    "envs": "Python environment created",
    "miniforge": "Miniforge installed",
    "toolkit": "CUDA toolkit (archives)",
    "toolkit_installer": "CUDA toolkit (NVIDIA installer)",
    "cudnn": "cuDNN files copied",
    "pathreg": "PATH registration",
}


def describe(entry: Entry) -> str:
    data = entry.data
    where = data.get("path") or data.get("toolkit") or data.get("python") or data.get("where") or ""
    label = data.get("label") or data.get("version") or ""
    return " ".join(str(part) for part in (label, where) if part)


class ChangesDialog(QDialog):
    def __init__(
        self,
        start_worker: Callable,
        journal: Journal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changes made by the assistant"))
        self.resize(760, 420)
        self._start_worker = start_worker
        self.journal = journal or Journal()
        self.worker = None
        self.entries: list[Entry] = []
        note = QLabel(
            self.tr(
                "Everything the assistant changed on this computer, newest first. Undo takes a "
                "change back exactly (files it replaced are restored); Undo all goes back in "
                "reverse order."
            ),
            self,
        )
        note.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("When"), self.tr("Change"), self.tr("Details")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName(self.tr("Changes"))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.undo_button = buttons.addButton(
            self.tr("&Undo selected"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.undo_all_button = buttons.addButton(
            self.tr("Undo &all"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.undo_button.clicked.connect(self.undo_selected)
        self.undo_all_button.clicked.connect(self.undo_all)
        buttons.rejected.connect(self.reject)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.entries = self.journal.pending()
        self.tree.clear()
        for entry in self.entries:
            when = entry.time[:16].replace("T", " ")
            what = self.tr(WHAT.get(entry.step, entry.step))
            self.tree.addTopLevelItem(QTreeWidgetItem([when, what, describe(entry)]))
        if not self.entries:
            self.status.setText(self.tr("Nothing to undo: no changes are recorded."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = self.worker is None
        self.undo_button.setEnabled(idle and bool(self.tree.selectedItems()))
        self.undo_all_button.setEnabled(idle and bool(self.entries))

    def undo_selected(self) -> None:
        rows = [self.tree.indexOfTopLevelItem(item) for item in self.tree.selectedItems()]
        if rows:
            self._undo([self.entries[rows[0]]])

    def undo_all(self) -> None:
        self._undo(list(self.entries))  # pending() is newest first: the order to undo in

    def _undo(self, entries: list[Entry]) -> None:
        from app.steps.undo import undo_entries, undoers

        undoers()  # imports every step here: imports on worker threads are unsafe under PySide6
        journal = self.journal

        def run(reporter, cancel):
            return undo_entries(entries, reporter, cancel, journal)

        self.status.setText(self.tr("Undoing…"))
        self.worker = self._start_worker(run)
        self.worker.succeeded.connect(
            lambda count: self.status.setText(self.tr("Undone: %1.").replace("%1", str(count)))
        )
        self.worker.failed.connect(lambda error: self.status.setText(error_text(error)))
        self.worker.finished.connect(self._done)
        self._update_buttons()

    def _done(self) -> None:
        self.worker = None
        text = self.status.text()
        self.reload()
        if self.entries or not text.startswith(self.tr("Undone")):
            self.status.setText(text)
