"""Page 6: install the planned packages into the target environment, live, cancellable."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.i18n import error_text
from ui.pages.base import BasePage
from ui.widgets.log_view import LogModel
from ui.worker import Worker

if TYPE_CHECKING:
    from app.steps.install import InstallRequest


class InstallPage(BasePage):
    name = "install"

    def __init__(
        self,
        log: LogModel,
        start_worker: Callable[[Callable], Worker],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(log, parent)
        self._start_worker = start_worker
        self.request: InstallRequest | None = None
        self.pending: InstallRequest | None = None  # a new plan that arrived during an install
        self.worker: Worker | None = None
        self.installed = False
        self.setTitle(self.tr("Install PyTorch"))
        self.setSubTitle(
            self.tr("Installs the planned packages into the chosen Python environment.")
        )
        self._built = False

    def _build(self) -> None:
        from PySide6.QtGui import QFontDatabase
        from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton

        self._built = True
        self.target = QLabel(self)
        self.target.setWordWrap(True)
        self.command = QPlainTextEdit(self)
        self.command.setReadOnly(True)
        self.command.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.command.setMaximumHeight(80)
        self.command.setAccessibleName(self.tr("Install command"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 3)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.start_button = QPushButton(self.tr("&Install"), self)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Ca&ncel install"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.body.addWidget(self.target)
        self.body.addWidget(self.command)
        self.body.addLayout(buttons)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.status)
        self.body.addStretch(1)

    # -- wizard hooks ----------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        from app.steps.install import InstallRequest

        wizard = self.wizard()
        profile, plan = getattr(wizard, "profile", None), getattr(wizard, "plan", None)
        if profile is None or plan is None:
            self.prepare(None)
            return
        self.prepare(InstallRequest(profile.python.executable, plan, installed=profile.torch))

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return (self.installed or self.already_there()) and self.worker is None

    def already_there(self) -> bool:
        """The planned torch, in the planned build, is installed already: nothing to do."""
        from app.steps.install import replaces_other_build

        request = self.request
        if request is None or request.installed is None or request.plan.torch is None:
            return False
        same_version = request.installed.version.split("+")[0] == request.plan.torch
        return same_version and not replaces_other_build(request.installed, request.plan)

    # -- actions ---------------------------------------------------------------------------

    def prepare(self, request: InstallRequest | None) -> None:
        from app.proc import display
        from app.steps.install import InstallError, build_command

        if not self._built:
            self._build()
        if self.worker is not None:  # never swap the request under a running pip
            self.pending = request
            return
        self.request = request
        self.status.setText("")
        if request is None:
            self.target.setText(self.tr("Nothing to install: no plan yet."))
            self.start_button.setEnabled(False)
            return
        self.target.setText(
            self.tr("Target Python: %1").replace("%1", request.python or self.tr("unknown"))
        )
        try:
            self.command.setPlainText(display(build_command(request)))
            self.start_button.setEnabled(self.worker is None)
            if request.installed is not None and self.already_there():
                self.status.setText(
                    self.tr(
                        "PyTorch %1 is already installed in this build: you can go on."
                    ).replace("%1", request.installed.version)
                )
        except InstallError as exc:
            self.command.setPlainText("")
            self.status.setText(error_text(exc))
            self.start_button.setEnabled(False)

    def start(self) -> None:
        if self.request is None or self.worker is not None:
            return
        from app.steps.install import install

        request = self.request
        self.installed = False
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(self.tr("Starting…"))
        self.log.set_shown(True)  # an install is the moment people want to see the output
        self.worker = self._start_worker(
            lambda reporter, cancel: install(request, reporter, cancel)
        )
        self.worker.progress.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_success)
        self.worker.failed.connect(self._on_failure)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.finished.connect(self._on_finished)
        self.completeChanged.emit()

    def cancel(self) -> None:
        if self.worker is not None:
            self.status.setText(self.tr("Cancelling…"))
            self.worker.cancel()

    def _on_progress(self, done: float, total, text: str) -> None:
        self.progress.setValue(int(done))
        self.status.setText(text)

    def _on_success(self, result) -> None:
        from dataclasses import replace

        from app.profile import TorchInfo

        request = self.request
        assert request is not None  # start() needs one; prepare() keeps it while pip runs
        self.installed = True
        plan = request.plan
        build = "cpu" if plan.compute in (None, "mps") else plan.compute
        # What is installed now: a later re-plan must know it (to swap builds, not keep this one).
        self.request = replace(
            request, installed=TorchInfo(f"{plan.torch}+{build}", plan.toolkit), force=False
        )
        self.progress.setValue(self.progress.maximum())
        self.status.setText(self.tr("Installed. Next: check that it works."))

    def _on_failure(self, error: BaseException) -> None:
        self.status.setText(error_text(error))

    def _on_cancelled(self) -> None:
        self.status.setText(
            self.tr("Install cancelled. pip was stopped; the environment is as pip left it.")
        )

    def _on_finished(self) -> None:
        self.worker = None
        self.cancel_button.setEnabled(False)
        self.start_button.setEnabled(self.request is not None and not self.installed)
        if self.pending is not None:
            pending, self.pending = self.pending, None
            self.prepare(pending)
        self.completeChanged.emit()
