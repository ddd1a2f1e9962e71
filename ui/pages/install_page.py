"""Page 6: install the planned packages into the target environment, live, cancellable."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from ui.i18n import error_text, shown
from ui.ops import run_op
from ui.pages.base import BasePage
from ui.widgets.log_view import LogModel
from ui.worker import Worker

if TYPE_CHECKING:
    from app.compat import Plan
    from app.profile import TorchInfo
    from app.steps.install import InstallRequest
    from ui.state import WizardState

BAR_STEPS = 1000  # the bar's range: the engine's done/total mapped onto it


class InstallPage(BasePage):
    name = "install"
    # ("ok" | "failed" | "cancelled", the target python) once pip has stopped
    run_ended = Signal(str, str)

    def __init__(
        self,
        log: LogModel,
        start_worker: Callable[[Callable], Worker],
        parent: QWidget | None = None,
        state: WizardState | None = None,
    ) -> None:
        super().__init__(log, parent, state)
        self._start_worker = start_worker
        self.request: InstallRequest | None = None
        self.pending: InstallRequest | None = None  # a new plan that arrived during an install
        self.worker: Worker | None = None
        self.installed = False
        self.running: InstallRequest | None = None  # what pip is installing now
        self.ran: tuple[str, str] | None = None  # (outcome, command) of the last run
        self._command_running = ""
        self.setTitle(self.tr("Install PyTorch"))
        self.setSubTitle(
            self.tr("Installs the planned packages into the chosen Python environment.")
        )
        self._built = False
        self.state.plan_changed.connect(self._plan_changed)

    def _build(self) -> None:
        from PySide6.QtCore import Qt
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
        self.last_run = QLabel(self)  # the command that ran, when the box shows a newer plan
        self.last_run.setWordWrap(True)
        self.last_run.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_run.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, BAR_STEPS)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.start_button = QPushButton(self.tr("&Install"), self)
        self.start_button.clicked.connect(self.start)
        # Alt+L: Alt+N is the wizard's Next.
        self.cancel_button = QPushButton(self.tr("Cance&l install"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.body.addWidget(self.target)
        self.body.addWidget(self.command)
        self.body.addWidget(self.last_run)
        self.body.addLayout(buttons)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.status)
        self.body.addStretch(1)

    # -- wizard hooks ----------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        from app.steps.install import InstallRequest

        profile, plan = self.state.profile, self.state.plan
        if profile is None or plan is None:
            self.prepare(None)
            return
        self.prepare(InstallRequest(profile.python.executable, plan, installed=profile.torch))

    @property
    def installed(self) -> bool:
        """This page installed the current plan (shared: WizardState.torch_installed)."""
        return self.state.torch_installed

    @installed.setter
    def installed(self, installed: bool) -> None:
        self.state.set_torch_installed(installed)

    def running_work(self) -> list[tuple[Worker, str]]:
        return self.work_if_running(
            self.worker, QCoreApplication.translate("SetupWizard", "An install is running.")
        )

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

    def _plan_changed(self, plan: Plan | None) -> None:
        """A new plan (a fix, or a changed choice) updates this page once it is set up.

        A plan that installs what the request's plan installs (pip's dry run confirmed the
        same command) changes nothing here: an install already made of it stays made.
        """
        from app.steps.install import InstallRequest

        profile, request = self.state.profile, self.request
        if request is None or profile is None or plan is None:
            return
        newest = self.pending or request  # what this page shows once pip has stopped
        same = (plan.torch, plan.compute, plan.command_line())
        if same == (newest.plan.torch, newest.plan.compute, newest.plan.command_line()):
            return
        # What is installed now may be newer than the scan: this page knows.
        installed = request.installed if self.installed else profile.torch
        self.prepare(InstallRequest(profile.python.executable, plan, installed=installed))
        if self.worker is None:
            self.installed = False

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
            command = display(build_command(request))
            self.command.setPlainText(command)
            self.start_button.setEnabled(self.worker is None)
            self._show_last_run(command)
            if self.ran is not None and command != self.ran[1]:
                self.installed = False  # another plan than the one installed
            if request.installed is not None and self.already_there():
                self.status.setText(
                    self.tr(
                        "PyTorch %1 is already installed in this build: you can go on."
                    ).replace("%1", request.installed.version)
                )
        except InstallError as exc:
            self.command.setPlainText("")
            self._show_last_run("")
            self.installed = False
            self.status.setText(error_text(exc))
            self.start_button.setEnabled(False)

    def start(self) -> None:
        if self.request is None or self.worker is not None:
            return
        from app.proc import display
        from app.steps.install import build_command, install

        request = self.request
        self.running = request
        self.ran = None
        self.last_run.hide()
        self.installed = False
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, BAR_STEPS)
        self.progress.setValue(0)
        self._command_running = display(build_command(request))
        self.status.setText(self.tr("Starting…"))
        self.log.set_shown(True)  # an install is the moment people want to see the output
        self.worker = (
            run_op(self, lambda reporter, cancel: install(request, reporter, cancel))
            .progress(self._on_progress)
            .success(self._on_success)
            .failure(self._on_failure)
            .cancelled(self._on_cancelled)
            .finished(self._on_finished)
            .start()
        )
        self.completeChanged.emit()

    def cancel(self) -> None:
        if self.worker is not None:
            self.status.setText(self.tr("Cancelling…"))
            self.worker.cancel()

    def _on_progress(self, done: float, total, text: str) -> None:
        if total:  # phases (0-3) or a download's bytes within its phase: one bar for both
            self.progress.setRange(0, BAR_STEPS)
            self.progress.setValue(round(BAR_STEPS * min(done / total, 1.0)))
        else:
            self.progress.setRange(0, 0)  # how long is unknown: a busy bar, never a stuck one
        self.status.setText(shown(text))

    def _on_success(self, result) -> None:
        from dataclasses import replace

        from app.steps.install import installed_after

        request = self.running
        assert request is not None  # start() set it; prepare() never swaps it while pip runs
        self.installed = True
        self.ran = ("ok", self._command_running)
        # What is installed now: a later re-plan must know it (to swap builds, not keep this one).
        self.request = replace(request, installed=installed_after(request.plan), force=False)
        self.progress.setRange(0, BAR_STEPS)
        self.progress.setValue(BAR_STEPS)
        self.status.setText(self.tr("Installed. Next: check that it works."))

    def _on_failure(self, error: BaseException) -> None:
        self.ran = ("failed", self._command_running)
        self.progress.setRange(0, BAR_STEPS)
        self.status.setText(error_text(error))

    def _on_cancelled(self) -> None:
        self.ran = ("cancelled", self._command_running)
        self.progress.setRange(0, BAR_STEPS)
        self.status.setText(
            self.tr("Install cancelled: pip was stopped. Reading what it left in the environment…")
        )

    def _on_finished(self) -> None:
        outcome = self.ran[0] if self.ran else "cancelled"
        python = self.running.python if self.running is not None else ""
        self.worker = None
        self.running = None
        self.cancel_button.setEnabled(False)
        if self.pending is not None:
            pending, self.pending = self.pending, None
            self.prepare(pending)
        self.start_button.setEnabled(self.request is not None and not self.installed)
        self.completeChanged.emit()
        self.run_ended.emit(outcome, python)

    def torch_now(self, torch: TorchInfo | None) -> None:
        """The torch read from the environment after a run (the wizard re-reads it)."""
        from dataclasses import replace

        if self.request is not None and self.worker is None:
            self.request = replace(self.request, installed=torch)
        if self.ran is None or self.ran[0] == "ok":
            return
        if torch is None:
            text = self.tr("Install cancelled. This environment has no PyTorch now.")
        else:
            text = self.tr("Install cancelled. PyTorch in this environment now: %1.").replace(
                "%1", torch.version
            )
        if self.ran[0] == "cancelled":
            self.status.setText(text)

    def _show_last_run(self, command: str) -> None:
        """Under a command that has not run, the one that did (never two plans as one)."""
        if self.ran is None or command == self.ran[1] or self.worker is not None:
            self.last_run.hide()
            return
        outcome, ran = self.ran
        if outcome == "ok":
            text = self.tr("Installed before with: %1")
        elif outcome == "failed":
            text = self.tr("Failed before: %1")
        else:
            text = self.tr("Stopped before: %1")
        self.last_run.setText(text.replace("%1", ran))
        self.last_run.show()
