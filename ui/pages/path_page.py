"""Page 5: the toolkit on PATH, so new terminals find nvcc. PATH now and after, side by side.

Windows: the user PATH in the registry, edited directly (never through the old command-line
way, which cuts PATH at 1024 characters). Linux/macOS: one marked block in the shell profiles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.i18n import error_text, shown
from ui.ops import cancel_latest, latest, run_latest, run_op
from ui.pages.base import BasePage
from ui.widgets.log_view import LogModel
from ui.worker import Worker

if TYPE_CHECKING:
    from app.steps.pathreg import Preview
    from ui.state import WizardState

OURS = "ours"  # run_latest's key: the journal read for the toolkit shown now


class PathPage(BasePage):
    name = "path"

    def __init__(
        self,
        log: LogModel,
        start_worker: Callable[[Callable], Worker],
        parent: QWidget | None = None,
        state: WizardState | None = None,
    ) -> None:
        super().__init__(log, parent, state)
        self._start_worker = start_worker
        self.worker: Worker | None = None
        self._ours_found = False  # the journal holds a registration of ours (as last read)
        self.preview: Preview | None = None  # for the toolkit shown
        self.backend = None  # None: this user's real PATH; tests give a temporary HOME's
        self.setTitle(self.tr("PATH registration"))
        self.setSubTitle(self.tr("Makes nvcc reachable from new terminals."))
        self._built = False

    def _build(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import (
            QFormLayout,
            QGridLayout,
            QHBoxLayout,
            QLabel,
            QListWidget,
            QPushButton,
        )

        from ui.widgets.path_field import PathField

        self._built = True
        self.toolkit = PathField(self.tr("CUDA toolkit folder"), parent=self)
        self.toolkit.changed.connect(lambda _: self.refresh())
        toolkit_label = QLabel(self.tr("CUDA &toolkit:"), self)
        toolkit_label.setBuddy(self.toolkit)
        form = QFormLayout()
        form.addRow(toolkit_label, self.toolkit)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.now = QListWidget(self)
        self.now.setAccessibleName(self.tr("PATH now"))
        self.after = QListWidget(self)
        self.after.setAccessibleName(self.tr("PATH after the change"))
        lists = QGridLayout()
        now_label = QLabel(self.tr("PATH n&ow"), self)
        now_label.setBuddy(self.now)
        after_label = QLabel(self.tr("PATH &after (＋ added)"), self)
        after_label.setBuddy(self.after)
        lists.addWidget(now_label, 0, 0)
        lists.addWidget(after_label, 0, 1)
        lists.addWidget(self.now, 1, 0)
        lists.addWidget(self.after, 1, 1)
        self.variables = QLabel(self)
        self.variables.setWordWrap(True)
        self.variables.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("A&pply"), self)
        self.apply_button.clicked.connect(self.apply)
        self.undo_button = QPushButton(self.tr("&Undo"), self)
        self.undo_button.setToolTip(self.tr("Takes back exactly what was added, nothing else."))
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.body.addLayout(form)
        self.body.addWidget(self.where)
        self.body.addLayout(lists, 1)
        self.body.addWidget(self.variables)
        self.body.addWidget(self.warnings)
        self.body.addLayout(buttons)
        self.body.addWidget(self.status)
        self._update_buttons()

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if not self._built:
            self._build()
        if not self.toolkit.text():
            chosen = self.state.chosen_toolkit()
            if chosen:
                self.toolkit.set_text(chosen)
        self.refresh()

    def running_work(self) -> list[tuple[Worker, str]]:
        return self.work_if_running(
            self.worker, QCoreApplication.translate("SetupWizard", "PATH is being changed.")
        )

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.worker is None

    # -- what would change -----------------------------------------------------------------

    def refresh(self) -> None:
        """Read PATH and work out the change (quick: files or the registry, no network)."""
        from PySide6.QtGui import QFont
        from PySide6.QtWidgets import QListWidgetItem

        from app.steps import pathreg

        self.preview = None
        self.now.clear()
        self.after.clear()
        self.variables.clear()
        self.warnings.clear()
        toolkit = self.toolkit.text()
        if not toolkit:
            self.where.setText(self.tr("Choose the CUDA toolkit folder (the one holding bin)."))
            self._read_ours()
            return
        try:
            preview = pathreg.preview(toolkit, self.backend)
        except (pathreg.PathRegError, OSError) as error:
            self.where.setText("✖ " + error_text(error))
            self._read_ours()
            return
        self.preview = preview
        self.where.setText(self.tr("Where: %1").replace("%1", "; ".join(preview.where)))
        self.now.addItems(preview.current)
        bold = QFont(self.after.font())
        bold.setBold(True)
        for line in preview.proposed:
            item = QListWidgetItem(("＋ " if line.new else "   ") + line.text)
            if line.new:
                item.setFont(bold)
                item.setToolTip(self.tr("Added by this change"))
            self.after.addItem(item)
        variables = []
        for name, value in preview.variables.items():
            before = preview.variables_before.get(name)
            variables.append(
                f"<b>{name}</b> = {value}"
                + (" " + self.tr("(now: %1)").replace("%1", before) if before else "")
            )
        self.variables.setText("<br>".join(variables))
        notes = [("✖ " if w.blocking else "⚠ ") + shown(w.message) for w in preview.warnings]
        notes.append("ℹ " + shown(preview.note))
        if preview.already_registered:
            notes.insert(0, "✔ " + self.tr("Already registered: nothing to change."))
        self.warnings.setText("\n".join(notes))
        self._read_ours()

    # -- applying and undoing --------------------------------------------------------------

    def _read_ours(self) -> None:
        """Whether the journal holds a registration of ours for this toolkit: read on a worker
        (the journal is a file), the latest read wins; Undo waits for the answer."""
        from app.journal import Journal
        from app.steps import pathreg

        self._ours_found = False
        preview, toolkit = self.preview, self.toolkit.text()
        if preview is None:
            cancel_latest(self, OURS)
            self._update_buttons()
            return
        backend = preview.backend

        def read(reporter, cancel):
            return bool(pathreg.registrations(Journal(), backend, toolkit))

        run_latest(self, OURS, read).success(self._ours_read).start()
        self._update_buttons()

    @property
    def reader(self) -> Worker | None:
        """Reading the journal for our registrations of the toolkit shown, while it runs."""
        return latest(self, OURS)

    def _ours_read(self, found: bool) -> None:
        self._ours_found = found
        self._update_buttons()

    def _update_buttons(self) -> None:
        if not self._built:
            return
        idle = self.worker is None
        preview = self.preview
        can_add = preview is not None and not preview.already_registered and not preview.blocked
        self.apply_button.setEnabled(idle and can_add)
        self.undo_button.setEnabled(idle and self._ours_found)

    def apply(self) -> None:
        from app.steps import pathreg

        toolkit, backend = self.toolkit.text(), self.backend

        def run(reporter, cancel):
            return pathreg.add(toolkit, reporter, cancel, backend=backend)

        self._run(run, self.tr("✔ Registered. Open a new terminal to use nvcc."))

    def undo(self) -> None:
        from app.steps import pathreg

        toolkit, backend = self.toolkit.text(), self.backend

        def run(reporter, cancel):
            return pathreg.remove(toolkit, reporter, cancel, backend=backend)

        self._run(run, self.tr("✔ Undone: PATH is as it was before."))

    def _run(self, call: Callable, success: str) -> None:
        self.status.setText(self.tr("Working…"))
        self.worker = (
            run_op(self, call)
            .success(lambda _: self.status.setText(success))
            .failure(lambda error: self.status.setText("✖ " + error_text(error)))
            .finished(self._finished)
            .start()
        )
        self._update_buttons()
        self.completeChanged.emit()

    def _finished(self) -> None:
        self.worker = None
        self.refresh()
        self.completeChanged.emit()
