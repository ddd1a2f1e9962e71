"""Page 7: prove PyTorch works: a row per check, findings with their fix, a shareable report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from ui.i18n import error_text, shown
from ui.pages.base import BasePage
from ui.widgets.log_view import LogModel
from ui.worker import Worker

SUMMARY, INSTALL = 1, 5  # page ids a fix may send the user back to


class VerifyCall(Protocol):
    """Makes the worker's call that checks PyTorch in python (real_verify; tests: recordings)."""

    def __call__(
        self,
        python: str,
        profile: Any,
        cpu_chosen: bool = False,
        environment: dict[str, str] | None = None,
    ) -> Callable: ...


def real_verify(
    python: str, profile, cpu_chosen: bool = False, environment: dict[str, str] | None = None
) -> Callable:
    """environment: the variables the plan's build needs (the HSA override), set for the check
    as the user was told to set them."""
    from app.steps.verify import verify  # on the GUI thread: imports on workers are unsafe

    def call(reporter, cancel):
        reporter.log(f"Checking PyTorch in {python}…")
        report = verify(
            python,
            profile=profile,
            reporter=reporter,
            cancel=cancel,
            cpu_chosen=cpu_chosen,
            extra_env=environment,
        )
        return report.to_dict()

    return call


class VerifyPage(BasePage):
    name = "verify"

    def __init__(
        self,
        log: LogModel,
        start_worker: Callable[[Callable], Worker],
        verify_call: VerifyCall = real_verify,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(log, parent)
        self._start_worker = start_worker
        self._verify_call = verify_call
        self.report: dict[str, Any] | None = None
        self.worker: Worker | None = None
        self.setTitle(self.tr("Verify"))
        self.setSubTitle(
            self.tr("Proves that PyTorch works, and explains what to fix when it does not.")
        )
        self._built = False

    def _build(self) -> None:
        from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

        from ui.widgets.status_table import StatusTable

        self._built = True
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.table = StatusTable(self)
        self.findings_box = QVBoxLayout()
        self.fix_buttons: list[QPushButton] = []
        self.rerun_button = QPushButton(self.tr("&Check again"), self)
        self.rerun_button.clicked.connect(self.run_checks)
        self.copy_button = QPushButton(self.tr("&Copy report"), self)
        self.copy_button.clicked.connect(self.copy_report)
        self.save_button = QPushButton(self.tr("&Save report…"), self)
        self.save_button.clicked.connect(self.save_report)
        buttons = QHBoxLayout()
        for button in (self.rerun_button, self.copy_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addWidget(self.headline)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(self.findings_box)
        self.body.addLayout(buttons)
        self._set_busy(False)

    # -- wizard hooks ----------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if not self._built:
            self._build()
        self.run_checks()

    def cleanupPage(self) -> None:  # noqa: N802 - Qt override (Back): stop a running check
        if self.worker is not None:
            self.worker.cancel()

    # -- checks ----------------------------------------------------------------------------

    def target(self) -> tuple[str | None, Any]:
        wizard = self.wizard()
        profile = getattr(wizard, "profile", None)
        return (profile.python.executable if profile else None), profile

    def run_checks(self) -> None:
        if self.worker is not None:
            self._rerun = True  # e.g. Back then Next while a cancelled check is still ending
            return
        self._rerun = False
        python, profile = self.target()
        if not python:
            self.headline.setText(self.tr("No Python environment to check: run the scan first."))
            return
        self._set_busy(True)
        self.headline.setText(self.tr("Checking PyTorch… (importing torch can take a while)"))
        plan = getattr(self.wizard(), "plan", None)
        cpu_chosen = plan is not None and plan.compute == "cpu"  # by the user or the planner
        environment = dict(plan.environment) if plan is not None else {}
        self.worker = self._start_worker(
            self._verify_call(python, profile, cpu_chosen=cpu_chosen, environment=environment)
        )
        self.worker.succeeded.connect(self.show_report)
        self.worker.failed.connect(
            lambda error: self.headline.setText(
                self.tr("The check itself failed: %1").replace("%1", error_text(error))
            )
        )
        self.worker.finished.connect(self._finished)

    def _finished(self) -> None:
        self.worker = None
        self._set_busy(False)
        if getattr(self, "_rerun", False):
            self.run_checks()

    def _set_busy(self, busy: bool) -> None:
        self.rerun_button.setEnabled(not busy)
        self.copy_button.setEnabled(not busy and self.report is not None)
        self.save_button.setEnabled(not busy and self.report is not None)

    # -- showing ---------------------------------------------------------------------------

    def show_report(self, report: dict[str, Any]) -> None:
        from app.steps.verify_view import rows_of

        if not self._built:
            self._build()
        self.report = report
        self.table.set_rows(rows_of(report))
        torch = report.get("torch") or {}
        if report.get("ok"):
            on_gpu = (report.get("extra") or {}).get("gpu_available", report.get("cuda_available"))
            where = self.tr("on the GPU") if on_gpu else self.tr("on the CPU")
            self.headline.setText(
                "<b>"
                + self.tr("PyTorch %1 works %2.")
                .replace("%1", str(torch.get("version")))
                .replace("%2", where)
                + "</b>"
            )
        else:
            self.headline.setText(
                "<b>" + self.tr("Something is wrong: see the findings below.") + "</b>"
            )
        self._show_findings(report.get("findings", []))
        self._set_busy(self.worker is not None)

    def _show_findings(self, findings: list[dict[str, Any]]) -> None:
        from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

        while self.findings_box.count():
            item = self.findings_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.fix_buttons = []
        marks = {"info": "ℹ", "warning": "⚠", "error": "✖"}
        for finding in findings:
            row = QWidget(self)
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            text = QLabel(f"{marks.get(finding['severity'], '•')} {shown(finding['message'])}", row)
            text.setWordWrap(True)
            layout.addWidget(text, 1)
            fix = finding.get("fix")
            if fix:
                button = QPushButton(shown(fix.get("label")) or self.tr("Fix"), row)
                button.clicked.connect(lambda _=False, f=fix: self.apply_fix(f))
                layout.addWidget(button)
                self.fix_buttons.append(button)
            self.findings_box.addWidget(row)

    def apply_fix(self, fix: dict[str, Any]) -> None:
        """One click where the fix can be applied: re-plan, open a page, or copy a command."""
        from ui.wizard import SetupWizard  # here: ui.wizard imports this module

        action = fix.get("action")
        wizard = self.wizard()
        if action == "reinstall" and isinstance(wizard, SetupWizard):
            from dataclasses import replace

            summary = wizard.summary_page
            compute = fix.get("compute")
            index = summary.compute_box.findData("" if compute in (None, "auto") else compute)
            summary.compute_box.blockSignals(True)
            summary.compute_box.setCurrentIndex(max(index, 0))
            summary.compute_box.blockSignals(False)
            summary.replan()  # always: the same choice must still lead to a fresh install
            install = wizard.install_page
            if install.request is not None:
                install.installed = False
                install.prepare(replace(install.request, force=True))
            while wizard.currentId() > INSTALL:
                wizard.back()
            self.log.append_lines([self.tr("Re-planned: press Install to apply the fix.")])
        elif action == "link" and fix.get("url"):
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            from app.proc import open_url

            if not open_url(fix["url"]):
                QDesktopServices.openUrl(QUrl(fix["url"]))
        elif action == "command" and fix.get("command"):
            from PySide6.QtGui import QGuiApplication

            from app.proc import display

            QGuiApplication.clipboard().setText(display(fix["command"]))
            self.log.append_lines([self.tr("The fix's command was copied to the clipboard.")])

    def report_markdown(self) -> str:
        from app.steps.verify_view import markdown

        return markdown(self.report) if self.report else ""

    def copy_report(self) -> None:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(self.report_markdown())
        self.log.append_lines([self.tr("Report copied to the clipboard.")])

    def save_report(self, path: str | None = None) -> str | None:
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save report"), "pytorch-check.md", "Markdown (*.md)"
            )
        if not path:
            return None
        try:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(self.report_markdown())
        except OSError as exc:
            self.headline.setText(self.tr("Could not save the report: %1").replace("%1", str(exc)))
            return None
        self.log.append_lines([self.tr("Report saved to %1").replace("%1", path)])
        return path
