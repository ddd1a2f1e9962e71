"""Page 3: the CUDA toolkit (nvcc), only when asked for: NVIDIA's archives per user, or the
official installer. The page lists every file with its size and checksum before anything is
downloaded, shows the space needed against the space free, and one bar per file plus one overall.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.i18n import error_text, shown
from ui.ops import NETWORK, cancel_latest, latest, run_latest, run_op
from ui.pages.base import BasePage
from ui.state import WizardState
from ui.widgets.log_view import LogModel
from ui.worker import Worker

ARCHIVES, INSTALLER = "archives", "installer"
LISTING = "listing"  # run_latest's key: a newer version or method replaces an older read


def default_folder(version: str) -> str:
    return str(Path.home() / "cuda" / f"cuda-{version}")


def _gb(size: float) -> str:
    return f"{size / 1e9:.1f} GB" if size >= 1e8 else f"{size / 1e6:.0f} MB"


def _official_as_administrator(version: str, reporter, cancel, owner: int | None) -> Path:
    """Windows: NVIDIA's installer needs administrator rights, so this step (download, md5
    check, silent install, compile check) runs as our CLI with the UAC prompt; its output
    streams into this page's log and its error comes back as the step's error."""
    from app.elevate import ElevationError, run_elevated
    from app.steps.toolkit import ToolkitError, resolve_label
    from app.steps.toolkit.installer import windows_root
    from app.text import translate

    reporter.log("Asking Windows for administrator rights for NVIDIA's installer…")
    command = ["toolkit", "--version", version, "--method", "installer", "--yes"]
    try:
        result = run_elevated(command, reporter, cancel, owner=owner)
    except ElevationError as error:
        raise ToolkitError(error.args[0] if error.args else str(error)) from None
    result.raise_for(ToolkitError, translate("errors", "NVIDIA's installer"))
    return windows_root(resolve_label(version))


class ToolkitPage(BasePage):
    name = "toolkit"

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
        self.discarder: Worker | None = None  # deleting a cancelled download's parts
        self.listing = None  # toolkit.Prepared or toolkit_installer.Installer, for the inputs
        self._listed_for: tuple | None = None
        self.mirror: str | None = None  # tests and offline copies point this at a mirror
        self.components: list[str] | None = None  # None: what compiling CUDA code needs
        self._stopping = "pause"
        self._bars: dict = {}
        self.setTitle(self.tr("Download CUDA toolkit"))
        self.setSubTitle(self.tr("Only needed to compile CUDA code with nvcc."))
        self._built = False

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        from PySide6.QtWidgets import (
            QButtonGroup,
            QFormLayout,
            QHBoxLayout,
            QHeaderView,
            QLabel,
            QLineEdit,
            QProgressBar,
            QPushButton,
            QRadioButton,
            QTreeWidget,
        )

        self._built = True
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.version = QLineEdit(self)
        self.version.editingFinished.connect(self.refresh_listing)
        self.per_user = QRadioButton(self.tr("Per-user &archives (no administrator rights)"), self)
        self.official = QRadioButton(self.tr("NVIDIA's official &installer (system-wide)"), self)
        self.per_user.setChecked(True)
        self.methods = QButtonGroup(self)
        self.methods.addButton(self.per_user)
        self.methods.addButton(self.official)
        self.methods.buttonToggled.connect(lambda *_: self._method_changed())
        methods = QHBoxLayout()
        methods.addWidget(self.per_user)
        methods.addWidget(self.official)
        methods.addStretch(1)
        self.folder = QLineEdit(self)
        self.folder.editingFinished.connect(self._show_space)
        self.browse = QPushButton(self.tr("Bro&wse…"), self)
        self.browse.clicked.connect(self._browse)
        folder = QHBoxLayout()
        folder.addWidget(self.folder, 1)
        folder.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("CUDA &version:"), self.version)
        form.addRow(self.tr("Method:"), methods)
        folder_label = QLabel(self.tr("&Folder:"), self)
        folder_label.setBuddy(self.folder)  # a row holding a layout gets no buddy by itself
        form.addRow(folder_label, folder)
        self.files = QTreeWidget(self)
        self.files.setHeaderLabels(
            [self.tr("File"), self.tr("Size"), self.tr("Checksum"), self.tr("Progress")]
        )
        self.files.setRootIsDecorated(False)
        self.files.setAccessibleName(self.tr("Files to download"))
        header = self.files.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.space = QLabel(self)
        self.space.setWordWrap(True)
        self.start_button = QPushButton(self.tr("&Download and install"), self)
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton(self.tr("&Pause"), self)
        self.pause_button.setToolTip(
            self.tr("Stops now and keeps what was downloaded; press the install button to resume.")
        )
        self.pause_button.clicked.connect(lambda: self.stop("pause"))
        self.cancel_button = QPushButton(self.tr("&Cancel download"), self)
        self.cancel_button.setToolTip(self.tr("Stops now and deletes what was half downloaded."))
        self.cancel_button.clicked.connect(lambda: self.stop("cancel"))
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setAccessibleName(self.tr("Overall progress"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.body.addWidget(self.about)
        self.body.addLayout(form)
        self.body.addWidget(self.files, 1)
        self.body.addWidget(self.space)
        self.body.addLayout(buttons)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.status)
        self._set_running(False)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if not self._built:
            self._build()
        plan = self.state.plan
        version = (plan.toolkit if plan is not None else None) or "12.6"
        if not self.version.text():
            self.version.setText(version)
            self.folder.setText(default_folder(version))
        self._method_changed()

    @property
    def installed(self) -> str | None:
        """The toolkit's folder once installed here (shared: WizardState.installed_toolkit)."""
        return self.state.installed_toolkit

    @installed.setter
    def installed(self, folder: str | None) -> None:
        self.state.set_installed_toolkit(folder)

    def running_work(self) -> list[tuple[Worker, str]]:
        return self.work_if_running(
            self.worker,
            QCoreApplication.translate(
                "SetupWizard", "The CUDA toolkit is being downloaded or installed."
            ),
        )

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        # Optional step: people may go on without it; not while it runs.
        return self.worker is None and self.discarder is None

    # -- what will be fetched --------------------------------------------------------------

    def method(self) -> str:
        return INSTALLER if self.official.isChecked() else ARCHIVES

    def _windows_installer(self) -> bool:
        return self.method() == INSTALLER and self.platform().startswith("windows")

    def _method_changed(self) -> None:
        if self.method() == INSTALLER:
            text = self.tr(
                "NVIDIA's own installer, toolkit only (never the display driver). On Windows it "
                "installs into Program Files and asks for administrator rights; on Linux it "
                "installs into the folder below. The installer is checked against NVIDIA's "
                "published md5 before it runs, and the result is checked by running nvcc."
            )
        else:
            text = self.tr(
                "NVIDIA's redistributable archives for compiling CUDA code: nvcc, the CUDA "
                "runtime and headers (cudart, cccl), NVRTC and the libraries extensions link "
                "(cuBLAS, cuSPARSE, cuFFT, cuRAND, cuSOLVER). Installed for this user in a folder "
                "you choose: no administrator rights. Every file is checked against NVIDIA's "
                "sha256 before anything is unpacked."
            )
        self.about.setText(text)
        fixed = self._windows_installer()
        self.folder.setEnabled(not fixed)
        self.browse.setEnabled(not fixed)
        if fixed:
            from app.steps.toolkit import ToolkitError, resolve_label
            from app.steps.toolkit.installer import windows_root

            with contextlib.suppress(ToolkitError):  # an unknown version: the listing says so
                self.folder.setText(str(windows_root(resolve_label(self.version.text().strip()))))
        self.refresh_listing()

    def refresh_listing(self) -> None:
        """List the files for the current version and method (the manifest is read on a worker)."""
        key = (
            self.version.text().strip(),
            self.method(),
            self.mirror,
            tuple(self.components or ()),
        )
        if key == self._listed_for or self.worker is not None:
            return
        cancel_latest(self, LISTING)
        self._listed_for = key
        self.listing = None
        self.files.clear()
        self._bars.clear()
        self.space.setText(self.tr("Reading NVIDIA's list of files…"))
        from app.steps import toolkit
        from app.steps.toolkit import installer as toolkit_installer

        version, method, platform = key[0], key[1], self.platform()
        mirror, components = self.mirror, self.components

        def read(reporter, cancel):
            if method == INSTALLER:
                return toolkit_installer.find_installer(version, platform, mirror=mirror)
            return toolkit.prepare(version, platform, mirror=mirror, components=components)

        (
            run_latest(self, LISTING, read, preload=NETWORK)
            .success(self._show_listing)
            .failure(self._listing_failed)
            .start()
        )

    @property
    def lister(self) -> Worker | None:
        """The manifest read for the current version and method, while it runs."""
        return latest(self, LISTING)

    def _listing_failed(self, error: BaseException) -> None:
        self._listed_for = None  # try again on the next change
        self.space.setText(
            self.tr("Could not read the list of files: %1").replace("%1", error_text(error))
        )

    def _show_listing(self, listing) -> None:
        from PySide6.QtWidgets import QProgressBar, QTreeWidgetItem

        self.listing = listing
        self.files.clear()
        self._bars.clear()
        if hasattr(listing, "archives"):
            rows = [
                (a.component, Path(a.relative_path).name, a.size, "sha256", a.sha256)
                for a in listing.archives
            ]
        else:
            rows = [(listing.file, listing.file, listing.size, "md5", listing.md5)]
        for item_key, file, size, algorithm, digest in rows:
            item = QTreeWidgetItem([file, _gb(size), f"{algorithm} {digest[:12]}…", ""])
            item.setToolTip(2, f"{algorithm}: {digest}")
            self.files.addTopLevelItem(item)
            bar = QProgressBar(self.files)
            bar.setRange(0, 1000)
            bar.setValue(0)
            bar.setFormat("%p%")
            bar.setAccessibleName(file)
            self.files.setItemWidget(item, 3, bar)
            self._bars[item_key] = bar
        self._show_space()

    def download_size(self) -> int:
        return int(getattr(self.listing, "size", 0) or 0)

    def _show_space(self) -> None:
        from app.steps.toolkit import space_needed

        if self.listing is None:
            return
        size = self.download_size()
        parts = [
            self.tr("%1 to download (about %2 installed).")
            .replace("%1", _gb(size))
            .replace("%2", _gb(size * 2.5))
        ]
        short = False
        for folder, need, free in space_needed(size, Path(self.folder.text().strip() or ".")):
            if free is None:
                continue
            ok = free >= need
            short = short or not ok
            mark = "✔" if ok else "✖"
            parts.append(
                self.tr("%1 %2 needed, %3 free in %4.")
                .replace("%1", mark)
                .replace("%2", _gb(need))
                .replace("%3", _gb(free))
                .replace("%4", str(folder))
            )
        if short:
            parts.append(self.tr("Not enough space: free some space or choose another folder."))
        self.space.setText(" ".join(parts))

    def _browse(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the CUDA toolkit"))
        if chosen:
            version = self.version.text().strip()
            self.folder.setText(str(Path(chosen) / f"cuda-{version}"))
            self._show_space()

    # -- running ---------------------------------------------------------------------------

    def start(self) -> None:
        if self.worker is not None or self.discarder is not None:
            return
        from app.steps.toolkit import install_toolkit, nvcc_version
        from app.steps.toolkit.installer import find_installer, install_official

        platform = self.platform()
        version, folder = self.version.text().strip(), self.folder.text().strip()
        mirror, components, method = self.mirror, self.components, self.method()
        listing = self.listing if self._listed_for and self._listed_for[0] == version else None
        windows = platform.startswith("windows")
        owner = int(self.window().winId()) if windows else None  # the UAC prompt's owner

        def run(reporter, cancel):
            if method == INSTALLER and windows:
                done = _official_as_administrator(version, reporter, cancel, owner)
            elif method == INSTALLER:
                installer = listing or find_installer(version, platform, mirror=mirror)
                done = install_official(installer, reporter, cancel, dest=folder or None)
            else:
                done = install_toolkit(
                    version, folder, platform, reporter, cancel,
                    mirror=mirror, components=components, prepared=listing,
                )  # fmt: skip
            return str(done), nvcc_version(done / "bin" / ("nvcc.exe" if windows else "nvcc"))

        self._stopping = "pause"
        self.status.setText(self.tr("Starting…"))
        self.log.set_shown(True)
        self.worker = (
            run_op(self, run, preload=(*NETWORK, "app.elevate"))  # elevate: the UAC path
            .progress(self._on_progress)
            .item_progress(self._on_item_progress)
            .success(self._on_success)
            .failure(lambda error: self.status.setText(error_text(error)))
            .cancelled(self._on_stopped)
            .finished(self._on_finished)
            .start()
        )
        self._set_running(True)
        self.completeChanged.emit()

    def stop(self, how: str) -> None:
        if self.worker is not None:
            self._stopping = how
            self.worker.cancel()

    def _set_running(self, running: bool) -> None:
        running = running or self.discarder is not None
        for widget in (self.version, self.per_user, self.official):
            widget.setEnabled(not running and self.installed is None)
        self.start_button.setEnabled(not running and self.installed is None)
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)

    def _on_progress(self, done: float, total, text: str) -> None:
        if total:
            self.progress.setValue(int(1000 * done / total))
        self.status.setText(shown(text))

    def _on_item_progress(self, item: str, done: float, total, text: str) -> None:
        bar = self._bars.get(item)
        if bar is not None and total:
            bar.setValue(int(1000 * done / total))
            bar.setToolTip(shown(text))

    def _on_stopped(self) -> None:
        if self._stopping == "cancel":
            self.progress.setValue(0)
            for bar in self._bars.values():
                bar.setValue(0)
            self.status.setText(self.tr("Cancelling: deleting the partly downloaded files…"))
            self._discard(self.version.text().strip())
        else:
            self.status.setText(
                self.tr("Paused. What was downloaded is kept; press the install button to resume.")
            )

    def _discard(self, version: str) -> None:
        """Delete a cancelled download's parts on a worker (a slow disk must not freeze us);
        installing again waits for it, so no new part is deleted."""
        from app.steps.toolkit import ToolkitError, discard_partial, resolve_label

        def run(reporter, cancel):
            with contextlib.suppress(ToolkitError):  # an unknown version: nothing to discard
                discard_partial(resolve_label(version))

        self.discarder = (
            run_op(self, run)
            .success(lambda _: self.status.setText(self.tr("Cancelled. Nothing was installed.")))
            .failure(lambda error: self.status.setText(error_text(error)))
            .finished(self._discarded)
            .start()
        )
        self._set_running(self.worker is not None)

    def _discarded(self) -> None:
        self.discarder = None
        self._set_running(self.worker is not None)
        self.completeChanged.emit()

    def _on_success(self, result: tuple[str, str | None]) -> None:
        folder, version = result
        self.installed = folder
        self.progress.setValue(self.progress.maximum())
        nvcc = str(Path(folder) / "bin" / "nvcc")
        found = (
            self.tr("nvcc %1 runs: %2").replace("%1", version).replace("%2", nvcc)
            if version
            else self.tr("nvcc did not report its version: %1").replace("%1", nvcc)
        )
        self.status.setText(self.tr("Installed in %1.").replace("%1", folder) + " " + found)

    def _on_finished(self) -> None:
        self.worker = None
        self._set_running(False)
        self.completeChanged.emit()
