"""Page 4: cuDNN into the CUDA toolkit, for people who build code that uses it directly.

The archive (picked, or downloaded from NVIDIA) is read and checked against the toolkit before
anything changes: its version and CUDA major next to the toolkit's, every file with where it goes
and whether an existing file is backed up first. The copy is one transaction; Undo takes it back.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.text import translate
from ui.i18n import error_text, shown
from ui.ops import NETWORK, cancel_latest, latest, run_latest, run_op
from ui.pages.base import BasePage
from ui.state import WizardState
from ui.widgets.log_view import LogModel
from ui.worker import Worker

ARCHIVE, DOWNLOAD = "archive", "download"
CHECK = "check"  # run_latest's key: a newer choice's read replaces an older one


class CudnnPage(BasePage):
    name = "cudnn"

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
        self.plan = None  # cudnn_plan.CopyPlan of the archive and toolkit shown
        self.artifact = None  # cudnn_download.CudnnArtifact when downloading
        self.download_needs_admin = False  # Windows: the toolkit's folders refuse this user
        self.entry_id: str | None = None  # the journal entry of the copy made here
        self._recheck = False
        self.mirror: str | None = None  # tests and offline copies point this at a mirror
        self.setTitle(self.tr("cuDNN"))
        self.setSubTitle(
            self.tr("Only for your own CUDA code: PyTorch's wheels bring their own cuDNN.")
        )
        self._built = False

    def _build(self) -> None:
        from PySide6.QtWidgets import (
            QButtonGroup,
            QComboBox,
            QFormLayout,
            QHBoxLayout,
            QHeaderView,
            QLabel,
            QProgressBar,
            QPushButton,
            QRadioButton,
            QTreeWidget,
        )

        from ui.widgets.path_field import PathField

        self._built = True
        self.toolkit = PathField(self.tr("CUDA toolkit folder"), parent=self)
        self.toolkit.changed.connect(lambda _: self.check())
        self.from_file = QRadioButton(self.tr("An archive I &downloaded"), self)
        self.from_nvidia = QRadioButton(self.tr("Download &from NVIDIA"), self)
        self.from_file.setChecked(True)
        self.sources = QButtonGroup(self)
        self.sources.addButton(self.from_file)
        self.sources.addButton(self.from_nvidia)
        # Once per choice: the button turned off toggles too (NVIDIA's manifest read twice).
        self.sources.buttonToggled.connect(self._source_toggled)
        self.archive = PathField(
            self.tr("cuDNN archive"), True, "cuDNN (*.zip *.tar.xz *.tgz);;*", self
        )
        self.archive.changed.connect(lambda _: self.check())
        self.version = QComboBox(self)
        self.version.setAccessibleName(self.tr("cuDNN version"))
        self.version.currentIndexChanged.connect(lambda _: self.check())
        sources = QHBoxLayout()
        sources.addWidget(self.from_file)
        sources.addWidget(self.from_nvidia)
        sources.addStretch(1)
        form = QFormLayout()
        toolkit_label = QLabel(self.tr("CUDA &toolkit:"), self)
        toolkit_label.setBuddy(self.toolkit)
        form.addRow(toolkit_label, self.toolkit)
        form.addRow(self.tr("cuDNN from:"), sources)
        archive_label = QLabel(self.tr("&Archive:"), self)
        archive_label.setBuddy(self.archive)
        form.addRow(archive_label, self.archive)
        version_label = QLabel(self.tr("&Version:"), self)
        version_label.setBuddy(self.version)
        form.addRow(version_label, self.version)
        self.match = QLabel(self)
        self.match.setWordWrap(True)
        self.files = QTreeWidget(self)
        self.files.setHeaderLabels([self.tr("File"), self.tr("Goes to"), self.tr("Existing file")])
        self.files.setRootIsDecorated(False)
        self.files.setAccessibleName(self.tr("Files to copy"))
        self.files.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.copy_button = QPushButton(self.tr("&Copy into the toolkit"), self)
        self.copy_button.clicked.connect(self.start)
        self.undo_button = QPushButton(self.tr("&Undo"), self)
        self.undo_button.setToolTip(self.tr("Restores the toolkit exactly as it was before."))
        self.undo_button.clicked.connect(self.undo)
        self.admin_button = QPushButton(self.tr("Copy as ad&ministrator…"), self)
        self.admin_button.setToolTip(
            self.tr("Windows asks for administrator rights for this step only.")
        )
        self.admin_button.clicked.connect(self.start_elevated)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.admin_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.body.addLayout(form)
        self.body.addWidget(self.match)
        self.body.addWidget(self.files, 1)
        self.body.addLayout(buttons)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.status)
        from app.steps.cudnn.download import facts

        confirmed = facts().get("confirmed", [])
        for short, label in reversed(list(facts()["labels"].items())):
            self.version.addItem(f"cuDNN {short} ({label})", label)
        # Preselect the newest release whose manifest the project has checked.
        if confirmed:
            self.version.setCurrentIndex(max(0, self.version.findData(confirmed[-1])))
        self._source_changed(check=False)
        self._update_buttons()

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if not self._built:
            self._build()
        if not self.toolkit.text():
            chosen = self.state.chosen_toolkit()
            if chosen:
                self.toolkit.set_text(chosen)
                self.check()

    def running_work(self) -> list[tuple[Worker, str]]:
        return self.work_if_running(
            self.worker, QCoreApplication.translate("SetupWizard", "cuDNN is being set up.")
        )

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.worker is None  # optional step: not while it copies

    def _source_toggled(self, _button, on: bool) -> None:
        if on:
            self._source_changed()

    def _source_changed(self, check: bool = True) -> None:
        download = self.from_nvidia.isChecked()
        self.archive.setEnabled(not download)
        self.version.setEnabled(download)
        if check:
            self.check()

    # -- reading and checking, before anything changes ------------------------------------

    def check(self) -> None:
        """Read the archive (or NVIDIA's manifest) and plan the copy, on a worker."""
        if self.worker is not None:
            return
        toolkit, platform, mirror = self.toolkit.text(), self.platform(), self.mirror
        download = self.from_nvidia.isChecked()
        archive, label = self.archive.text(), self.version.currentData()
        self.plan = self.artifact = None
        self.files.clear()
        self._update_buttons()
        if not toolkit or (not download and not archive):
            self.match.setText(self.tr("Choose the toolkit and the cuDNN archive."))
            return
        cancel_latest(self, CHECK)
        from app.steps import cudnn

        def read(reporter, cancel):
            if download:
                ready = cudnn.prepare(toolkit, platform, version_label=label, mirror=mirror)
            else:
                ready = cudnn.prepare(toolkit, platform, archive=archive)
            return ready.artifact, ready.plan, ready.needs_admin

        self.match.setText(self.tr("Reading…"))
        (
            run_latest(self, CHECK, read, preload=NETWORK)
            .success(lambda result: self._show_plan(*result))
            .failure(lambda error: self.match.setText("✖ " + error_text(error)))
            .finished(self._update_buttons)
            .start()
        )

    @property
    def checker(self) -> Worker | None:
        """The read of the archive or NVIDIA's manifest for what is chosen now, while it runs."""
        return latest(self, CHECK)

    def _show_plan(self, artifact, plan, admin: bool = False) -> None:
        from PySide6.QtWidgets import QTreeWidgetItem

        self.artifact, self.plan, self.download_needs_admin = artifact, plan, admin
        self.files.clear()
        if artifact is not None:
            self.match.setText(
                self.tr(
                    "cuDNN %1 for CUDA %2: %3 MB, sha256 %4. Checked against the toolkit "
                    "after the download."
                )
                .replace("%1", artifact.version)
                .replace("%2", str(artifact.cuda_major))
                .replace("%3", f"{artifact.size / 1e6:.0f}")
                .replace("%4", artifact.sha256)
            )
            return
        archive = plan.archive
        fits = not plan.problems
        lines = [
            self.tr("Archive: cuDNN %1 for CUDA %2. Toolkit: CUDA %3 at %4.")
            .replace("%1", archive.version)
            .replace("%2", str(archive.cuda_major or "?"))
            .replace("%3", plan.toolkit_version or "?")
            .replace("%4", str(plan.toolkit))
        ]
        if plan.existing_cudnn:
            lines.append(
                self.tr(
                    "cuDNN %1 is there now; the files it replaces are backed up first."
                ).replace("%1", plan.existing_cudnn)
            )
        lines += [f"⚠ {warning}" for warning in plan.warnings]
        lines += [f"✖ {problem}" for problem in plan.problems]
        if fits:
            lines.append(
                self.tr("✔ They fit: %1 files, %2 replaced.")
                .replace("%1", str(len(plan.items)))
                .replace("%2", str(len(plan.replaced)))
            )
        self.match.setText("\n".join(lines))
        replaced, new = self.tr("replaced (backed up)"), self.tr("new")
        for item in plan.items:
            row = QTreeWidgetItem(
                [item.rel, str(item.dest), replaced if item.replaces_existing else new]
            )
            self.files.addTopLevelItem(row)
        self._update_buttons()

    # -- copying and undoing ---------------------------------------------------------------

    def _update_buttons(self) -> None:
        if not self._built:
            return
        idle = self.worker is None and self.checker is None
        ready = (self.artifact is not None and not self._needs_admin()) or (
            self.plan is not None and not self.plan.problems
        )
        self.copy_button.setEnabled(idle and ready and self.entry_id is None)
        self.undo_button.setEnabled(idle and self.entry_id is not None)
        self.admin_button.setVisible(self._needs_admin())
        self.admin_button.setEnabled(idle and self.entry_id is None)

    def _needs_admin(self) -> bool:
        """Only rights stand in the way (Windows, a toolkit under Program Files)."""
        if self.artifact is not None:  # downloading: only the toolkit's folders were checked
            return os.name == "nt" and self.download_needs_admin
        problems: list = self.plan.problems if self.plan is not None else []
        return os.name == "nt" and bool(problems) and all(p.needs_admin for p in problems)

    def start_elevated(self) -> None:
        """The same step through our CLI as administrator; the journal entry is read after."""
        from app.elevate import ElevationError, run_elevated
        from app.journal import Journal
        from app.steps.cudnn import CudnnError

        toolkit, archive = self.toolkit.text(), self.archive.text()
        command = ["cudnn", "--toolkit", os.path.abspath(toolkit), "--yes"]
        if self.from_nvidia.isChecked():  # NVIDIA's archive, downloaded by the elevated step
            command += ["--version", str(self.version.currentData())]
            if self.mirror:  # the same source the page read the manifest from
                command += ["--mirror", self.mirror]
        else:
            command += ["--archive", os.path.abspath(archive)]
        owner = int(self.window().winId())  # the UAC prompt comes up in front of the wizard

        def run(reporter, cancel):
            reporter.log("Asking Windows for administrator rights for the cuDNN copy…")
            try:
                result = run_elevated(command, reporter, cancel, owner=owner)
            except ElevationError as error:
                raise CudnnError(error.args[0] if error.args else str(error)) from None
            result.raise_for(CudnnError, translate("errors", "The cuDNN copy"))
            entry = next((e for e in Journal().pending() if e.step == "cudnn"), None)
            return entry.id if entry is not None else None

        self._run(run, self._copied_elevated)

    def _copied_elevated(self, entry_id) -> None:
        self.entry_id = entry_id
        self.progress.setValue(self.progress.maximum())
        self.status.setText(self.tr("✔ cuDNN copied as administrator."))

    def start(self) -> None:
        from app.steps.cudnn import install_cudnn
        from app.steps.cudnn.download import download_cudnn

        toolkit, platform = self.toolkit.text(), self.platform()
        artifact = self.artifact
        archive = self.archive.text()

        def run(reporter, cancel):
            path = archive
            if artifact is not None:
                path = download_cudnn(
                    artifact.label, artifact.cuda_major, platform, reporter, cancel,
                    artifact=artifact,
                )  # fmt: skip
            return install_cudnn(path, toolkit, platform, reporter, cancel)

        self._run(run, self._copied)

    def undo(self) -> None:
        from app.journal import Journal
        from app.steps.cudnn import undo

        entry_id = self.entry_id

        def run(reporter, cancel):
            # The journal is read here, on the worker: the GUI thread never waits for a file.
            entry = next((e for e in Journal().pending() if e.id == entry_id), None)
            if entry is None:
                return False  # undone elsewhere (the Undo dialog, the CLI)
            undo(entry, reporter, cancel)
            return True

        self._run(run, self._undone)

    def _run(self, call: Callable, done: Callable) -> None:
        self.log.set_shown(True)
        self.status.setText(self.tr("Working…"))
        self.worker = (
            run_op(self, call, preload=NETWORK)
            .progress(self._on_progress)
            .success(done)
            .failure(lambda error: self.status.setText("✖ " + error_text(error)))
            .cancelled(lambda: self.status.setText(self.tr("Stopped; nothing changed.")))
            .finished(self._finished)
            .start()
        )
        self._update_buttons()
        self.completeChanged.emit()

    def _on_progress(self, done: float, total, text: str) -> None:
        if total:
            self.progress.setValue(int(1000 * done / total))
        if text:
            self.status.setText(shown(text))

    def _copied(self, result) -> None:
        self.entry_id = result.entry_id
        self.progress.setValue(self.progress.maximum())
        self.status.setText(
            self.tr("✔ cuDNN %1 is in %2: %3 files added, %4 replaced (backed up).")
            .replace("%1", result.version)
            .replace("%2", str(result.toolkit))
            .replace("%3", str(len(result.created)))
            .replace("%4", str(len(result.replaced)))
        )

    def _undone(self, undone: bool) -> None:
        self.entry_id = None
        self.progress.setValue(0)
        if undone:
            self.status.setText(self.tr("✔ Undone: the toolkit is as it was before."))
        else:
            self.status.setText(self.tr("Nothing to undo: this copy was already undone."))
        self._recheck = True  # once the worker has finished: check() waits for it

    def _finished(self) -> None:
        self.worker = None
        self._update_buttons()
        self.completeChanged.emit()
        if self._recheck:
            self._recheck = False
            self.check()
