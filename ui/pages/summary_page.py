"""Page 2: which PyTorch build fits, why, the exact command, and the choices that re-plan live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.i18n import error_text, shown
from ui.ops import INDEXES, cancel_latest, latest, run_latest
from ui.pages.base import BasePage
from ui.widgets.log_view import LogModel

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.compat import Plan
    from app.profile import SystemProfile
    from ui.state import WizardState
    from ui.worker import Worker

AUTO = ""  # the combo's "choose for me" entry
PIP_CHECK = "pip dry run"  # run_latest's key: a newer plan's check replaces an older one


class SummaryPage(BasePage):
    name = "summary"
    planned = Signal(object)  # the Plan, each time it changes

    def __init__(
        self,
        log: LogModel,
        start_worker: Callable[[Callable], Worker] | None = None,
        parent: QWidget | None = None,
        state: WizardState | None = None,
    ) -> None:
        super().__init__(log, parent, state)
        self._start_worker = start_worker
        self.profile: SystemProfile | None = None
        self._filling = False
        self.setTitle(self.tr("Compatibility summary"))
        self.setSubTitle(self.tr("Which PyTorch build fits this PC, and why."))
        self._built = False

    def _build(self) -> None:
        # Built on first visit: the wizard's first paint does not wait for this page's widgets.
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QFontDatabase
        from PySide6.QtWidgets import (
            QCheckBox,
            QComboBox,
            QFormLayout,
            QFrame,
            QGroupBox,
            QHBoxLayout,
            QLabel,
            QPlainTextEdit,
            QPushButton,
            QScrollArea,
            QVBoxLayout,
        )

        self._built = True
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setOpenExternalLinks(True)
        self.command = QPlainTextEdit(self)
        self.command.setReadOnly(True)
        self.command.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.command.setMaximumHeight(70)
        self.command.setAccessibleName(self.tr("Install command"))
        self.copy_button = QPushButton(self.tr("Copy &command"), self)
        self.copy_button.clicked.connect(self.copy_command)
        # Alt+S: the page's other letters are C, V, U, I; the wizard's B, N, F, E, H.
        self.save_button = QPushButton(self.tr("&Save plan…"), self)
        self.save_button.setToolTip(
            self.tr("Save this plan as a file, to install the same PyTorch on other PCs.")
        )
        self.save_button.setEnabled(False)  # a plan that can be installed first
        self.save_button.clicked.connect(self.save_plan)
        command_buttons = QVBoxLayout()
        command_buttons.addWidget(self.copy_button)
        command_buttons.addWidget(self.save_button)
        command_buttons.addStretch(1)
        command_row = QHBoxLayout()
        command_row.addWidget(self.command, 1)
        command_row.addLayout(command_buttons)
        self.save_status = QLabel(self)  # where the plan was saved, or why it was not
        self.save_status.setWordWrap(True)
        self.save_status.setTextFormat(Qt.TextFormat.PlainText)  # a path is never markup
        self.save_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_status.setVisible(False)
        self.saver: Worker | None = None  # the worker writing the plan file, while it writes
        self.environment_label = QLabel(self)
        self.environment_label.setWordWrap(True)
        self.environment_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.environment_label.setVisible(False)
        self.confirm_label = QLabel(self)
        self.confirm_label.setWordWrap(True)
        self.confirm_label.setAccessibleName(self.tr("Checked by pip"))
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setOpenExternalLinks(True)

        self.version_box = QComboBox(self)
        self.compute_box = QComboBox(self)
        self.manager_box = QComboBox(self)
        self.manager_box.addItem("pip", "pip")
        self.manager_box.addItem("conda", "conda")
        self.toolkit_box = QCheckBox(
            self.tr("Also install the CUDA toolkit (needed only to compile CUDA code with nvcc)"),
            self,
        )
        choices = QGroupBox(self.tr("Alternatives"), self)
        form = QFormLayout(choices)
        form.addRow(self.tr("PyTorch &version:"), self.version_box)
        form.addRow(self.tr("B&uild:"), self.compute_box)
        form.addRow(self.tr("&Installer:"), self.manager_box)
        form.addRow(self.toolkit_box)
        self.version_box.currentIndexChanged.connect(self._version_changed)
        self.compute_box.currentIndexChanged.connect(self.replan)
        self.manager_box.currentIndexChanged.connect(self.replan)
        self.toolkit_box.toggled.connect(self.replan)

        self.body.addWidget(self.headline)
        self.body.addLayout(command_row)
        self.body.addWidget(self.save_status)
        self.body.addWidget(self.environment_label)
        self.body.addWidget(self.confirm_label)
        # The reasons can be long (an old driver, a Python that limits PyTorch): they scroll
        # rather than push the choices off a small window or get cut off.
        self.details_area = QScrollArea(self)
        self.details_area.setWidgetResizable(True)
        self.details_area.setFrameShape(QFrame.Shape.NoFrame)
        self.details_area.setWidget(self.details)
        self.body.addWidget(self.details_area, 1)
        self.body.addWidget(choices)

    # -- wizard hooks ----------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if not self._built:
            self._build()
        profile = self.state.profile
        if profile is not None and profile is not self.profile:
            self.set_profile(profile)

    @property
    def plan(self) -> Plan | None:
        """The plan shown (shared: WizardState.plan)."""
        return self.state.plan

    @plan.setter
    def plan(self, plan: Plan | None) -> None:
        self.state.set_plan(plan)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.plan is not None and not self.plan.blocked

    # -- planning --------------------------------------------------------------------------

    def set_profile(self, profile: SystemProfile) -> None:
        from app.compat import options

        if not self._built:
            self._build()
        self.profile = profile
        self._filling = True
        self.version_box.clear()
        self.version_box.addItem(self.tr("Newest that fits (recommended)"), AUTO)
        for version in options(profile).versions:
            self.version_box.addItem(version, version)
        self._fill_computes(profile)
        self._filling = False
        self.replan()

    def _fill_computes(self, profile: SystemProfile) -> None:
        from app.compat import options

        current = self.compute_box.currentData()
        self.compute_box.clear()
        self.compute_box.addItem(self.tr("Best for this PC (recommended)"), AUTO)
        torch = self.version_box.currentData() or None
        for compute in options(profile, torch).computes:
            self.compute_box.addItem(_compute_label(compute), compute)
        index = self.compute_box.findData(current)
        self.compute_box.setCurrentIndex(max(index, 0))

    def _version_changed(self) -> None:
        if self._filling or self.profile is None:  # (versions are listed only for a profile)
            return
        self._filling = True
        self._fill_computes(self.profile)
        self._filling = False
        self.replan()

    def choices(self):
        from app.compat import Choices

        return Choices(
            torch=self.version_box.currentData() or None,
            compute=self.compute_box.currentData() or None,
            manager=self.manager_box.currentData() or "pip",
            with_toolkit=self.toolkit_box.isChecked(),
        )

    def replan(self) -> None:
        if self._filling or self.profile is None:
            return
        from app.compat import make_plan

        self._say_saved("")  # a saved file is of the plan before this choice
        self.plan = make_plan(self.profile, self.choices())
        self._show(self.plan)
        self.planned.emit(self.plan)
        self.completeChanged.emit()
        self.confirm()

    # -- pip's dry run: the resolver has the last word ---------------------------------------

    def confirm(self) -> None:
        """Have the target's pip dry-run the command in the background; when it cannot resolve,
        the next release is planned and shown with why. A newer plan cancels an older check."""
        import os

        from app.compat import sources

        cancel_latest(self, PIP_CHECK)
        plan, profile = self.plan, self.profile
        executable = profile.python.executable if profile else ""
        if (
            self._start_worker is None
            or plan is None
            or profile is None
            or plan.blocked
            or plan.manager != "pip"
            or not os.path.isfile(executable)
            or sources.offline_by_env()
        ):
            self.confirm_label.setText("")
            return
        choices = self.choices()

        def call(reporter, cancel):
            from app.compat.resolve import confirm
            from app.compat.settle import settle
            from app.steps.install import InstallRequest

            return settle(
                profile,
                choices,
                lambda p: InstallRequest(executable, p),
                confirm=lambda request: confirm(request, cancel=cancel),
            )

        self.confirm_label.setText(self.tr("Checking the command with pip (a dry run)…"))
        (
            run_latest(self, PIP_CHECK, call, preload=INDEXES)
            .success(self._confirmed)
            .failure(lambda _error: self._not_confirmed())
            .start()
        )

    @property
    def confirmer(self) -> Worker | None:
        """pip's dry run of the shown plan while it runs (a newer plan's check replaces it)."""
        return latest(self, PIP_CHECK)

    def _confirmed(self, settled: Plan) -> None:
        status = (settled.confirmation or {}).get("status")
        detail = (settled.confirmation or {}).get("detail", "")
        changed = self.plan is None or (settled.torch, settled.compute) != (
            self.plan.torch,
            self.plan.compute,
        )
        self.plan = settled
        self._show(settled)
        if changed:
            self.planned.emit(settled)
            self.completeChanged.emit()
        if status == "confirmed":
            self.confirm_label.setText("✔ " + self.tr("pip confirmed this command (dry run)."))
        elif status == "refused":
            self.confirm_label.setText(
                "✖ " + self.tr("pip cannot install this: %1").replace("%1", shown(detail))
            )
        else:
            self.confirm_label.setText(
                self.tr("Not confirmed by pip: %1").replace("%1", shown(detail))
            )

    def _not_confirmed(self) -> None:
        self.confirm_label.setText(self.tr("Not confirmed by pip: the dry run failed."))

    def _show(self, plan: Plan) -> None:
        if plan.blocked:
            self.headline.setText(
                "<b>"
                + self.tr("No PyTorch build can be installed yet.")
                + "</b> "
                + self.tr("What to do:")
            )
            self.command.setPlainText("")
        else:
            build = _compute_label(plan.compute or "")
            self.headline.setText(
                _vendor_mark(plan.compute or "")
                + "<b>"
                + self.tr("Recommended: PyTorch %1, %2")
                .replace("%1", plan.torch or "")
                .replace("%2", build)
                + "</b>"
            )
            self.command.setPlainText(plan.command_line())
        self.headline.setText(self.headline.text() + self._driver_first(plan))
        self.environment_label.setVisible(bool(plan.environment) and not plan.blocked)
        if plan.environment:
            from app.compat.render import environment_line

            self.environment_label.setText(
                "⚠ "
                + self.tr("Set this wherever PyTorch runs: %1").replace(
                    "%1", f"<code>{environment_line(plan)}</code>"
                )
            )
        self.copy_button.setEnabled(not plan.blocked)
        self.save_button.setEnabled(self._savable())
        parts = []
        watch_out, why = self.tr("Watch out"), self.tr("Why")  # outside f-strings: lupdate
        if plan.blockers:
            parts.append(_bullets("✖", [shown(b.message) for b in plan.blockers]))
        if plan.warnings:
            parts.append(
                f"<p><b>{watch_out}</b></p>"
                + _bullets("⚠", [shown(w.message) for w in plan.warnings])
            )
        if plan.reasons:
            parts.append(f"<p><b>{why}</b></p>" + _bullets("•", [shown(r) for r in plan.reasons]))
        self.details.setText("".join(parts))
        self.toolkit_box.setEnabled(bool(plan.toolkit) or self.toolkit_box.isChecked())

    def _driver_first(self, plan: Plan) -> str:
        """When the NVIDIA driver holds PyTorch back, the headline says so first, with the
        page to get a new one (the first warning below says what it unlocks)."""
        from html import escape

        from app.compat.knowledge import knowledge
        from app.compat.planner import DRIVER_WARNINGS

        if not plan.warnings or plan.warnings[0].code not in DRIVER_WARNINGS:
            return ""
        page = escape(knowledge().driver_download_page)
        what = (
            self.tr("Install the NVIDIA driver first: without it PyTorch cannot use the GPU.")
            if plan.warnings[0].code == "no_driver"
            else self.tr("Update the NVIDIA driver first: it holds back newer PyTorch builds.")
        )
        return f'<br>⚠ {escape(what)} <a href="{page}">{page}</a>'

    def copy_command(self) -> None:
        from PySide6.QtGui import QGuiApplication

        if self.plan is not None and not self.plan.blocked:
            QGuiApplication.clipboard().setText(self.plan.command_line())
            self.log.append_lines([self.tr("Install command copied to the clipboard.")])

    # -- Save plan…: the plan as a file, for `pytorch-setup apply` on other PCs -------------

    def _savable(self) -> bool:
        return self.plan is not None and not self.plan.blocked and self.saver is None

    def default_plan_path(self) -> str:
        """Where the save dialog starts: pytorch-plan-<torch>-<compute>.json in Documents
        (the home folder when there is none)."""
        from pathlib import Path

        from PySide6.QtCore import QStandardPaths

        plan = self.plan
        name = f"pytorch-plan-{plan.torch}-{plan.compute}.json" if plan else "pytorch-plan.json"
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        return str(folder / name)

    def save_plan(self) -> None:
        """Ask where, then write the plan file on a worker (never on this thread)."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from app.lab.planfile import save_plan  # on the GUI thread: imports on workers are unsafe
        from ui.ops import run_op

        plan = self.plan
        if plan is None or plan.blocked or self.saver is not None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save plan"),
            self.default_plan_path(),
            self.tr("Plan files (*.json);;All files (*)"),
        )
        if not chosen:
            return  # the person closed the dialog
        if not Path(chosen).suffix:
            chosen += ".json"  # Qt's own dialog adds no suffix from the filter
        self._say_saved(self.tr("Saving the plan…"))
        self.saver = (
            run_op(self, lambda reporter, cancel: save_plan(plan, chosen))
            .success(self._plan_saved)
            .failure(lambda error: self._say_saved("✖ " + error_text(error)))
            .finished(self._save_finished)
            .start()
        )
        self.save_button.setEnabled(False)

    def _plan_saved(self, path) -> None:
        from app.proc import display

        command = display(["pytorch-setup", "apply", path.name, "--yes"])
        self._say_saved(
            self.tr("Plan saved: %1").replace("%1", str(path))
            + "\n"
            + self.tr("Apply it on another PC with: %1").replace("%1", command)
        )
        self.log.append_lines([self.tr("Plan saved: %1").replace("%1", str(path))])

    def _save_finished(self) -> None:
        self.saver = None
        self.save_button.setEnabled(self._savable())

    def _say_saved(self, text: str) -> None:
        self.save_status.setText(text)
        self.save_status.setVisible(bool(text))


def _compute_label(compute: str) -> str:
    from app.compat.render import compute_label

    return shown(compute_label(compute))


def _vendor_mark(compute: str) -> str:
    """The GPU vendor's mark before the headline, as rich text ("" for the CPU build)."""
    from html import escape

    from app.compat.render import compute_vendor
    from app.paths import resources_dir

    vendor = compute_vendor(compute)
    path = resources_dir() / "icons" / f"gpu-{vendor}.svg"
    if not vendor or not path.is_file():
        return ""
    return f'<img src="{escape(path.as_uri())}" width="20" height="20"> '


def _bullets(mark: str, items: list[str]) -> str:
    from html import escape

    rows = "".join(f"<tr><td>{mark}&nbsp;</td><td>{_linkify(escape(t))}</td></tr>" for t in items)
    return f"<table>{rows}</table>"


def _linkify(text: str) -> str:
    import re

    return re.sub(r"(https?://[^\s<]+[^\s<.,)])", r'<a href="\1">\1</a>', text)
