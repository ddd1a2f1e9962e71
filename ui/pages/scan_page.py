"""Page 1: the system scan. Runs on entry in a worker and fills the status table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.events import CancelToken, Reporter
from ui.i18n import LANGUAGES, error_text, shown
from ui.ops import INDEXES, NETWORK, SCAN, run_op
from ui.pages.base import BasePage
from ui.widgets.log_view import LogModel
from ui.widgets.status_table import StatusTable
from ui.worker import Worker

if TYPE_CHECKING:
    from app.profile import PythonEnv, SystemProfile
    from ui.dialogs.new_env_dialog import NewEnvDialog
    from ui.state import WizardState

ScanCall = Callable[[Reporter, CancelToken], "SystemProfile"]


def real_scan(reporter: Reporter, cancel: CancelToken) -> SystemProfile:
    """Scan this PC and, meanwhile, read what the package indexes offer (bounded in time;
    the summary page plans from it)."""
    import threading

    from app.compat import sources
    from app.scan import ScanContext, scan

    read = threading.Thread(target=lambda: sources.use(sources.read_indexes()), daemon=True)
    read.start()
    profile = scan(ScanContext(cancel=cancel), reporter)
    read.join(sources.DEFAULT_TIMEOUT + 1)
    return profile


class ScanPage(BasePage):
    name = "scan"
    scanned = Signal(object)  # the SystemProfile, when a scan has finished

    def __init__(
        self,
        log: LogModel,
        start_worker: Callable[[Callable], Worker],
        scan_call: ScanCall = real_scan,
        parent: QWidget | None = None,
        state: WizardState | None = None,
    ) -> None:
        super().__init__(log, parent, state)
        self._start_worker = start_worker
        self._scan_call = scan_call
        self.worker: Worker | None = None
        self._making_env = False  # the worker makes an environment (a scan only reads)
        self._scan_on_paint = False
        self.setTitle(self.tr("System scan"))
        self.setSubTitle(
            self.tr(
                "What this PC has: operating system, Python, GPUs (NVIDIA, AMD, Intel, Apple) and "
                "drivers, CUDA, PyTorch."
            )
        )
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate: a scan has no meaningful percentage
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.table = StatusTable(self)
        self.rescan_button = QPushButton(self.tr("&Rescan"), self)
        self.rescan_button.clicked.connect(self.start_scan)
        self.cancel_button = QPushButton(self.tr("&Stop"), self)
        self.cancel_button.setToolTip(
            self.tr("Stop making the environment; what was made of it is removed.")
        )
        self.cancel_button.clicked.connect(self.cancel_work)
        self.cancel_button.hide()
        self.new_env_dialog: NewEnvDialog | None = None
        self.miniforge_mirror: str | None = None  # where Miniforge comes from (None: its site)
        self.language = QComboBox(self)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setAccessibleName("Language / 언어")
        language_label = QLabel("&Language / 언어:", self)  # in both: findable in either
        language_label.setBuddy(self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rescan_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(language_label)
        buttons.addWidget(self.language)
        self._envs: list = []
        self._filling = False
        self.env_box: QComboBox | None = None  # built when the first scan arrives
        self.new_env_button: QPushButton | None = None
        self._env_row = QHBoxLayout()
        self.body.addWidget(self.headline)
        self.body.addLayout(self._env_row)
        self.body.addWidget(self.busy)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(buttons)
        self._set_busy(False)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if self.profile is None and self.worker is None:
            self._scan_on_paint = True

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._scan_on_paint:
            # Start only once the page is on screen: the window appears at once and the scan
            # (with its imports on this thread) fills it in. A zero timer from initializePage
            # would still run before the first paint.
            self._scan_on_paint = False
            QTimer.singleShot(0, self.start_scan)

    @property
    def profile(self) -> SystemProfile | None:
        """The scanned system (shared: WizardState.profile)."""
        return self.state.profile

    @profile.setter
    def profile(self, profile: SystemProfile | None) -> None:
        self.state.set_profile(profile)

    def running_work(self) -> list[tuple[Worker, str]]:
        if not self._making_env:
            return []
        return self.work_if_running(
            self.worker,
            QCoreApplication.translate("SetupWizard", "A Python environment is being created."),
        )

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        # No environment to install into yet: one is made here first (the summary would only
        # say that nothing can be planned).
        return self.profile is not None and self.worker is None and not self.wants_new_env()

    def start_scan(self) -> None:
        if self.worker is not None:
            return
        self._set_busy(True)
        self.headline.setText(self.tr("Scanning your system…"))
        self.worker = (
            run_op(self, self._scan_call, preload=SCAN + INDEXES)
            .success(self.show_profile)
            .failure(self._show_failure)
            .finished(self._scan_finished)
            .start()
        )

    def show_profile(self, profile: SystemProfile) -> None:
        from app.scan.summary import PROBLEM, WARNING, summarize

        self.profile = profile
        rows = summarize(profile)
        self.table.set_rows(rows)
        problems = sum(r.status == PROBLEM for r in rows)
        warnings = sum(r.status == WARNING for r in rows)
        # Separate singular strings: English has no catalogue to pick plural forms from.
        if problems == 1:
            text = self.tr("Scan finished: 1 problem to look at.")
        elif problems:
            text = self.tr("Scan finished: %n problems to look at.", "", problems)
        elif warnings == 1:
            text = self.tr("Scan finished: 1 warning, nothing blocking.")
        elif warnings:
            text = self.tr("Scan finished: %n warnings, nothing blocking.", "", warnings)
        else:
            text = self.tr("Scan finished: everything looks fine.")
        if self.wants_new_env():
            text += " " + self.tr(
                "No Python environment here suits PyTorch yet: create one (New environment…) "
                "to go on."
            )
        self.headline.setText(text)
        self._fill_envs(profile)
        self.scanned.emit(profile)
        self.completeChanged.emit()  # a target chosen or made: Next may open up

    def _build_env_row(self) -> QComboBox:
        # Built after the first scan: nothing to choose before, and the first paint comes sooner.
        label = QLabel(self.tr("Install PyTorch &into:"), self)
        self.env_box = QComboBox(self)
        self.env_box.setToolTip(self.tr("The Python environment that PyTorch is planned for."))
        label.setBuddy(self.env_box)
        self.env_box.currentIndexChanged.connect(self._env_chosen)
        self.env_box.activated.connect(self._env_activated)
        self.new_env_button = QPushButton(self.tr("New en&vironment…"), self)
        self.new_env_button.setToolTip(
            self.tr("Create a new virtual environment for PyTorch from the chosen Python.")
        )
        self.new_env_button.clicked.connect(self.ask_new_env)
        self.miniforge_button = QPushButton(self.tr("Install &Miniforge…"), self)
        self.miniforge_button.setToolTip(
            self.tr(
                "Download and install Miniforge (conda-forge only, for this user, no "
                "administrator rights) when no Python here suits PyTorch."
            )
        )
        self.miniforge_button.clicked.connect(self.ask_miniforge)
        self._env_row.addWidget(label)
        self._env_row.addWidget(self.env_box, 1)
        self._env_row.addWidget(self.new_env_button)
        self._env_row.addWidget(self.miniforge_button)
        return self.env_box

    def _fill_envs(self, profile: SystemProfile) -> None:
        """The target first, then the other usable environments the scan found. When nothing
        here fits, the target is "a new environment", which opens the New environment dialog."""
        box = self._build_env_row() if self.env_box is None else self.env_box
        usable = [e for e in profile.environments if e.version and not e.problems]
        unusable = [e for e in profile.environments if not e.version or e.problems]
        self._envs = [profile.python, *usable, *unusable]
        self._filling = True
        box.clear()
        for env in self._envs:
            box.addItem(f"Python {env.version or '?'} ({env.kind}) — {env.executable}")
        if self.wants_new_env():
            box.setItemText(
                0, self.tr("A new environment (nothing here suits PyTorch yet): create it…")
            )
        model = box.model()
        assert isinstance(model, QStandardItemModel)  # a QComboBox's own model
        for offset, env in enumerate(unusable, start=1 + len(usable)):
            # Shown, so people see why their Python is not offered, but not choosable.
            why = shown(env.problems[0]) if env.problems else self.tr("could not be examined")
            box.setItemText(offset, f"{box.itemText(offset)} — {why}")
            model.item(offset).setEnabled(False)
        box.setCurrentIndex(0)
        self._filling = False

    def wants_new_env(self) -> bool:
        """True when the target is an environment still to be made (the scan found none)."""
        from app.scan.pythons import NEW_KIND

        return self.profile is not None and self.profile.python.kind == NEW_KIND

    def _env_activated(self, index: int) -> None:
        # Choosing "a new environment" in the list is asking for one.
        if index == 0 and self.wants_new_env() and self.worker is None:
            self.ask_new_env()

    def ask_new_env(self) -> NewEnvDialog | None:
        """Open the New environment dialog (window-modal, no nested event loop); on Create,
        make the venv from the chosen Python, or download Python with Miniforge there."""
        if self.worker is not None or self.profile is None:
            return None
        from ui.dialogs.new_env_dialog import NewEnvDialog

        dialog = NewEnvDialog(
            [e for e in self._envs if e.version],
            miniforge=self._miniforge_platform() is not None,
            windows=self.profile.os.family == "windows",
            parent=self,
        )
        dialog.accepted.connect(lambda: self._new_env_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.new_env_dialog = dialog
        dialog.open()
        return dialog

    def _new_env_accepted(self, dialog: NewEnvDialog) -> None:
        base = dialog.base()
        if base is None:
            self.install_miniforge(dialog.folder())
        else:
            self.create_env(dialog.folder(), base)

    def _miniforge_platform(self) -> str | None:
        """The platform key when Miniforge has an installer for this system, else None."""
        from app.compat.knowledge import platform_key
        from app.steps.envs.miniforge import facts

        assert self.profile is not None
        platform = platform_key(self.profile.os.family, self.profile.arch)
        return platform if platform and platform in facts()["installers"] else None

    def ask_miniforge(self) -> None:
        import os

        from PySide6.QtWidgets import QInputDialog

        from app.steps.envs.miniforge import default_dest

        folder, ok = QInputDialog.getText(
            self,
            self.tr("Install Miniforge"),
            self.tr(
                "Miniforge uses only the conda-forge channel; Anaconda's own channel has licence "
                "terms many organisations cannot accept. Install it in:"
            ),
            text=str(default_dest(os.name == "nt")),  # a folder its installer accepts
        )
        if ok and folder.strip():
            self.install_miniforge(folder.strip())

    def install_miniforge(self, folder: str, mirror: str | None = None) -> None:
        """Download, check and install Miniforge on a worker; its Python becomes the target."""
        if self.worker is not None or self.profile is None:
            return
        mirror = mirror or self.miniforge_mirror
        from app.compat.knowledge import platform_key
        from app.scan import ScanContext
        from app.scan.pythons import ask_interpreter
        from app.steps.envs.miniforge import provide

        platform = platform_key(self.profile.os.family, self.profile.arch) or ""

        def run(reporter, cancel):
            python = provide(folder, platform, reporter, cancel, mirror=mirror)
            return ask_interpreter(python, ScanContext(cancel=cancel))

        self._run_env_worker(run, self.tr("Installing Miniforge…"), preload=NETWORK)

    def create_env(self, folder: str, base: PythonEnv | None = None) -> None:
        """Make a venv from base (default: the chosen Python) on a worker, then plan for it.
        Cancel removes what it made (app.steps.envs)."""
        if self.worker is not None or not self._envs or self.env_box is None:
            return  # (the list and its box are built by the first scan)
        # Imported here, on the GUI thread: imports on worker threads are unsafe under PySide6.
        from app.scan import ScanContext
        from app.scan.pythons import ask_interpreter
        from app.steps.envs import create_venv

        if base is None:
            base = self._envs[max(self.env_box.currentIndex(), 0)]
            if not base.version or base.problems:
                base = next((e for e in self._envs if e.version and not e.problems), base)
        executable = base.executable

        def make(reporter, cancel):
            python = create_venv(executable, folder, reporter, cancel)
            return ask_interpreter(python, ScanContext(cancel=cancel))

        self._run_env_worker(make, self.tr("Creating the environment…"))

    def _run_env_worker(self, call, text: str, preload: tuple[str, ...] = ()) -> None:
        self._set_busy(True)
        self.headline.setText(text)
        self.log.set_shown(True)
        self._making_env = True
        self.worker = (
            run_op(self, call, preload=preload)
            .success(self._env_created)
            .failure(
                lambda error: self.headline.setText(
                    self.tr("The environment could not be created: %1").replace(
                        "%1", error_text(error)
                    )
                )
            )
            .cancelled(
                lambda: self.headline.setText(
                    self.tr("Cancelled: what was made of the new environment has been removed.")
                )
            )
            .finished(self._scan_finished)
            .start()
        )
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)

    def cancel_work(self) -> None:
        """Stop making the environment; the engine removes the half-made folder."""
        if self.worker is not None:
            self.cancel_button.setEnabled(False)
            self.headline.setText(self.tr("Cancelling…"))
            self.worker.cancel()

    def _env_created(self, env) -> None:
        profile = self.profile
        assert profile is not None  # an environment is made only for a scanned system
        self.log.append_lines([self.tr("Created %1").replace("%1", env.executable)])
        self.show_profile(profile.retargeted(env))

    def _env_chosen(self, index: int) -> None:
        """Plan for another environment: the profile's target changes, the rest stays."""
        if self._filling or index <= 0 or self.profile is None or index >= len(self._envs):
            return
        chosen = self._envs[index]
        if chosen.problems or not chosen.version:
            return  # listed to explain, never planned for
        self.log.append_lines([self.tr("Target environment: %1").replace("%1", chosen.executable)])
        self.show_profile(self.profile.retargeted(chosen))

    def _show_failure(self, error: BaseException) -> None:
        self.headline.setText(
            self.tr("The scan failed: %1. Press Rescan to try again; the log has details.").replace(
                "%1", error_text(error)
            )
        )

    def _scan_finished(self) -> None:
        self.worker = None
        self._making_env = False
        self.cancel_button.hide()
        self._set_busy(False)
        self.completeChanged.emit()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.rescan_button.setEnabled(not busy)
        if self.env_box is not None and self.new_env_button is not None:  # built together
            self.new_env_button.setEnabled(not busy and self.profile is not None)
            self.miniforge_button.setEnabled(not busy and self.profile is not None)
            self.env_box.setEnabled(not busy)
