"""Every change the assistant made and has not undone, newest first, with Undo for one or all.

Undo runs on a worker (removing a toolkit takes a while) and the list is read again afterwards.
Reading the journal and the download cache, and deleting the cache, run on workers too: the
files may sit on a slow or network disk, and the GUI thread never waits for a disk.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.journal import Entry, Journal
from ui.i18n import error_text
from ui.ops import run_op
from ui.worker import Worker

# What each step's entries mean to a person (the journal stores step/action codes). Marked for
# lupdate here, translated where shown (self.tr of a variable alone never reaches the catalogue).
WHAT = {
    "install": QT_TRANSLATE_NOOP("ChangesDialog", "PyTorch packages installed"),
    "envs": QT_TRANSLATE_NOOP("ChangesDialog", "Python environment created"),
    "miniforge": QT_TRANSLATE_NOOP("ChangesDialog", "Miniforge installed"),
    "toolkit": QT_TRANSLATE_NOOP("ChangesDialog", "CUDA toolkit (archives)"),
    "toolkit_installer": QT_TRANSLATE_NOOP("ChangesDialog", "CUDA toolkit (NVIDIA installer)"),
    "cudnn": QT_TRANSLATE_NOOP("ChangesDialog", "cuDNN files copied"),
    "pathreg": QT_TRANSLATE_NOOP("ChangesDialog", "PATH registration"),
}


def describe(entry: Entry) -> str:
    data = entry.data
    where = data.get("path") or data.get("toolkit") or data.get("python") or data.get("where") or ""
    label = data.get("label") or data.get("version") or ""
    return " ".join(str(part) for part in (label, where) if part)


class ChangesDialog(QDialog):
    def __init__(
        self,
        start_worker: Callable[[Callable], Worker],
        journal: Journal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changes made by the assistant"))
        self.resize(760, 420)
        self._start_worker = start_worker
        self.journal = journal or Journal()
        self.worker: Worker | None = None  # an undo or a cache deletion
        self.reader: Worker | None = None  # reading the journal and the cache's size
        self.entries: list[Entry] = []
        self._status_after_read: str | None = None
        self._size = 0  # the download cache's, as last read
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
        # Every column as wide as its longest text (a long path scrolls, it is never cut off).
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
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
        self.downloads = QLabel(self)
        self.downloads.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("&Delete downloaded files"), self)
        self.clear_button.setToolTip(
            self.tr("Frees the space; a later install or retry downloads them again.")
        )
        self.clear_button.clicked.connect(self.clear_downloads)
        downloads = QHBoxLayout()
        downloads.addWidget(self.downloads, 1)
        downloads.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.tree, 1)
        layout.addLayout(downloads)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.reload()

    def busy(self) -> bool:
        return self.worker is not None or self.reader is not None

    def reload(self, status: str | None = None) -> None:
        """Read the changes and the download cache's size on a worker; the list fills when they
        arrive. status: the line to show afterwards (an undo's outcome)."""
        from app.steps import cache  # on the GUI thread: imports on workers are unsafe

        journal = self.journal

        def read(reporter, cancel):
            return journal.pending(), cache.size(), cache.downloads_dir()

        self._status_after_read = status
        self.reader = (
            run_op(self, read)
            .success(self._show)
            .failure(lambda error: self.status.setText(error_text(error)))
            .finished(self._read_done)
            .start()
        )
        self._update_buttons()

    def _read_done(self) -> None:
        self.reader = None
        self._update_buttons()

    def _show(self, read) -> None:
        self.entries, size, folder = read
        self.tree.clear()
        for entry in self.entries:
            when = entry.time[:16].replace("T", " ")
            step = WHAT.get(entry.step)
            what = self.tr(str(step)) if step else entry.step
            self.tree.addTopLevelItem(QTreeWidgetItem([when, what, describe(entry)]))
        status = self._status_after_read
        if not self.entries and (status is None or status.startswith(self.tr("Undone"))):
            self.status.setText(self.tr("Nothing to undo: no changes are recorded."))
        elif status is not None:
            self.status.setText(status)
        self.downloads.setText(
            self.tr("Downloaded files kept for retries: %1 in %2")
            .replace("%1", f"{size / 1e9:.2f} GB" if size >= 1e7 else f"{size / 1e6:.1f} MB")
            .replace("%2", str(folder))
        )
        self._size = size

    def clear_downloads(self) -> None:
        from app.steps import cache

        self.status.setText(self.tr("Deleting the downloaded files…"))
        self.worker = (
            run_op(self, lambda reporter, cancel: cache.clear())
            .success(
                lambda freed: self.status.setText(
                    self.tr("Deleted the downloaded files: %1 MB freed.").replace(
                        "%1", f"{freed / 1e6:.0f}"
                    )
                )
            )
            .failure(lambda error: self.status.setText(error_text(error)))
            .finished(self._done)
            .start()
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.busy()
        self.undo_button.setEnabled(idle and bool(self.tree.selectedItems()))
        self.undo_all_button.setEnabled(idle and bool(self.entries))
        self.clear_button.setEnabled(idle and self._size > 0)

    def undo_selected(self) -> None:
        rows = [self.tree.indexOfTopLevelItem(item) for item in self.tree.selectedItems()]
        if rows:
            self._undo([self.entries[rows[0]]])

    def undo_all(self) -> None:
        self._undo(list(self.entries))  # pending() is newest first: the order to undo in

    def _undo(self, entries: list[Entry]) -> None:
        from app.steps.undo import undo_entries

        journal = self.journal

        def run(reporter, cancel):
            return undo_entries(entries, reporter, cancel, journal)

        self.status.setText(self.tr("Undoing…"))
        self.worker = (
            # undoers() imports every step's undo: imports on worker threads are unsafe
            run_op(self, run, preload=("app.steps.undo:undoers",))
            .success(
                lambda count: self.status.setText(self.tr("Undone: %1.").replace("%1", str(count)))
            )
            .failure(lambda error: self.status.setText(error_text(error)))
            .finished(self._done)
            .start()
        )
        self._update_buttons()

    def _done(self) -> None:
        self.worker = None
        self.reload(status=self.status.text())
