"""Page 3: the CUDA toolkit (nvcc) from NVIDIA's archives, per user; only when asked for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui.pages.base import BasePage
from ui.widgets.log_view import LogModel
from ui.worker import Worker


def default_folder(version: str) -> str:
    return str(Path.home() / "cuda" / f"cuda-{version}")


class ToolkitPage(BasePage):
    name = "toolkit"

    def __init__(
        self,
        log: LogModel,
        start_worker: Callable[[Callable], Worker],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(log, parent)
        self._start_worker = start_worker
        self.worker: Worker | None = None
        self.installed: str | None = None  # the folder, once done
        self.mirror: str | None = None  # tests and offline copies point this at a mirror
        self.components: list[str] | None = None  # None: what compiling CUDA code needs
        self.setTitle(self.tr("Download CUDA toolkit"))
        self.setSubTitle(self.tr("Only needed to compile CUDA code with nvcc."))
        self._built = False

    def _build(self) -> None:
        from PySide6.QtWidgets import (
            QFormLayout,
            QHBoxLayout,
            QLabel,
            QLineEdit,
            QProgressBar,
            QPushButton,
        )

        self._built = True
        self.about = QLabel(
            self.tr(
                "NVIDIA's redistributable archives for compiling CUDA code: nvcc, the CUDA "
                "runtime and headers (cudart, cccl), NVRTC and the libraries extensions link "
                "(cuBLAS, cuSPARSE, cuFFT, cuRAND, cuSOLVER). Installed for this user in a folder "
                "you choose: no administrator rights. Every file is checked against NVIDIA's "
                "sha256 before anything is unpacked."
            ),
            self,
        )
        self.about.setWordWrap(True)
        self.version = QLineEdit(self)
        self.folder = QLineEdit(self)
        form = QFormLayout()
        form.addRow(self.tr("CUDA &version:"), self.version)
        form.addRow(self.tr("&Folder:"), self.folder)
        self.start_button = QPushButton(self.tr("Download and &install"), self)
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton(self.tr("&Pause"), self)
        self.pause_button.setToolTip(
            self.tr("Stops now and keeps what was downloaded; press the install button to resume.")
        )
        self.pause_button.clicked.connect(self.pause)
        self.pause_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.pause_button)
        buttons.addStretch(1)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.body.addWidget(self.about)
        self.body.addLayout(form)
        self.body.addLayout(buttons)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.status)
        self.body.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if not self._built:
            self._build()
        plan = getattr(self.wizard(), "plan", None)
        version = (plan.toolkit if plan is not None else None) or "12.6"
        if not self.version.text():
            self.version.setText(version)
            self.folder.setText(default_folder(version))

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        # Optional step: people may go on without it; not while it runs.
        return self.worker is None

    def start(self) -> None:
        if self.worker is not None:
            return
        # Imported on the GUI thread: imports on worker threads are unsafe under PySide6.
        import contextlib

        with contextlib.suppress(ImportError):
            import truststore  # noqa: F401

        from app.compat.knowledge import platform_key
        from app.steps.toolkit import install_toolkit

        profile = getattr(self.wizard(), "profile", None)
        family = profile.os.family if profile else "linux"
        platform = platform_key(family, profile.arch if profile else "x86_64") or ""
        version, folder = self.version.text().strip(), self.folder.text().strip()
        mirror, components = self.mirror, self.components

        from app.steps.toolkit import nvcc_version

        def run(reporter, cancel):
            done = install_toolkit(
                version, folder, platform, reporter, cancel, mirror=mirror, components=components
            )
            return str(done), nvcc_version(done / "bin" / "nvcc")

        self.start_button.setEnabled(False)
        self.pause_button.setEnabled(True)
        self.status.setText(self.tr("Starting…"))
        self.log.set_shown(True)
        self.worker = self._start_worker(run)
        self.worker.progress.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_success)
        self.worker.failed.connect(lambda error: self.status.setText(str(error)))
        self.worker.cancelled.connect(
            lambda: self.status.setText(
                self.tr("Paused. What was downloaded is kept; press the install button to resume.")
            )
        )
        self.worker.finished.connect(self._on_finished)
        self.completeChanged.emit()

    def pause(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _on_progress(self, done: float, total, text: str) -> None:
        if total:
            self.progress.setValue(int(1000 * done / total))
        self.status.setText(text)

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
        self.pause_button.setEnabled(False)
        self.start_button.setEnabled(self.installed is None)
        self.completeChanged.emit()
