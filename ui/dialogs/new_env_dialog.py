"""The "New environment" dialog: a folder (typed or browsed), the Python to make it from, and a
check of the folder before anything starts, so a beginner hears why /proc/x or a file in the
way cannot work before a worker runs, and never a wrong hint such as "install python3-venv".

Only fast file checks run here (app.steps.envs.folder_problem: a stat and a trial mkdir); the
check that asks the base Python for its venv module runs on the worker with the creation.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import shown

if TYPE_CHECKING:
    from app.profile import PythonEnv

DEFAULT_NAME = "pytorch-env"


def base_pythons(envs: list[PythonEnv]) -> list[PythonEnv]:
    """Interpreters a new environment can be made from: working ones whose Python current
    PyTorch supports, installed Pythons before venvs (a venv of a venv works, but names its
    base), newest Python first, one per interpreter."""
    from app.scan.pythons import fits_pytorch
    from app.versions import version_key

    usable = [e for e in envs if e.version and not e.problems and fits_pytorch(e.version)]
    unique = {os.path.normcase(e.executable): e for e in reversed(usable)}
    return sorted(
        unique.values(), key=lambda e: (e.kind != "venv", version_key(e.version)), reverse=True
    )


class NewEnvDialog(QDialog):
    """Ask where and from which Python; accepted only once the folder can be made.

    After accept(): folder() is the absolute folder, base() the chosen interpreter, or None
    when Python is to be downloaded with Miniforge into that folder instead."""

    def __init__(
        self,
        envs: list[PythonEnv],
        folder: str | None = None,
        *,
        miniforge: bool = False,
        windows: bool = os.name == "nt",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New environment"))
        self._windows = windows
        self._pythons = base_pythons(envs)
        # Replaceable in tests: the platform's folder picker cannot be clicked offscreen.
        self.pick_directory: Callable[[QWidget, str, str], str] = QFileDialog.getExistingDirectory

        intro = QLabel(
            self.tr(
                "PyTorch gets a Python environment of its own, so it cannot break your other "
                "projects. Choose where it goes and which Python it uses."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.folder_edit = QLineEdit(folder or str(Path.home() / DEFAULT_NAME), self)
        self.folder_edit.setAccessibleName(self.tr("Folder for the new environment"))
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.clicked.connect(self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)

        self.python_box = QComboBox(self)
        self.python_box.setAccessibleName(self.tr("Python for the new environment"))
        for env in self._pythons:
            self.python_box.addItem(
                self.tr("Python %1 (%2) — %3")
                .replace("%1", env.version)
                .replace("%2", env.kind)
                .replace("%3", env.executable)
            )
        self.offers_miniforge = miniforge and not self._pythons
        if self.offers_miniforge:
            self.python_box.addItem(
                self.tr("Download a current Python with Miniforge (conda-forge) into this folder")
            )

        form = QFormLayout()
        folder_label = QLabel(self.tr("&Folder (new, or empty):"), self)
        folder_label.setBuddy(self.folder_edit)
        python_label = QLabel(self.tr("&Python:"), self)
        python_label.setBuddy(self.python_box)
        form.addRow(folder_label, folder_row)
        form.addRow(python_label, self.python_box)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Why the environment cannot be created there"))
        self.folder_edit.textChanged.connect(lambda _text: self.message.clear())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.create_button = self.buttons.addButton(
            self.tr("&Create"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if self.python_box.count() == 0:
            self.create_button.setEnabled(False)
            self.message.setText(
                self.tr(
                    "No Python on this computer suits current PyTorch, and Miniforge has no "
                    "installer for it: install Python 3.10 or newer from python.org first."
                )
            )

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())

    # -- results -------------------------------------------------------------------------

    def folder(self) -> str:
        return str(Path(self.folder_edit.text().strip()).expanduser().absolute())

    def base(self) -> PythonEnv | None:
        """The Python to make the venv from; None: download Python with Miniforge."""
        index = self.python_box.currentIndex()
        return self._pythons[index] if 0 <= index < len(self._pythons) else None

    # -- actions -------------------------------------------------------------------------

    def browse(self) -> None:
        """Pick the folder it goes in; the environment keeps its name inside it."""
        current = Path(self.folder_edit.text().strip() or Path.home() / DEFAULT_NAME).expanduser()
        start = next((str(p) for p in (current, *current.parents) if p.is_dir()), str(Path.home()))
        picked = self.pick_directory(self, self.tr("Where the new environment goes"), start)
        if not picked:
            return  # the picker was cancelled
        picked_path = Path(picked)
        name = current.name or DEFAULT_NAME
        # An empty folder picked on purpose is used as it is; otherwise the env goes inside it.
        empty = picked_path.is_dir() and not any(picked_path.iterdir())
        self.folder_edit.setText(str(picked_path if empty else picked_path / name))

    def problem(self) -> str | None:
        """Why the chosen folder cannot take the environment, in the interface's language."""
        from app.steps.envs import folder_problem

        problem = folder_problem(self.folder_edit.text())
        if problem is None and self.base() is None and self._windows:
            from app.steps.envs.miniforge import ansi_codepage
            from app.steps.envs.miniforge import folder_problem as installer_problem

            problem = installer_problem(self.folder(), ansi_codepage())
        return shown(problem) if problem else None

    def accept(self) -> None:
        if self.python_box.count() == 0:
            return
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            self.folder_edit.setFocus()
            return
        super().accept()
