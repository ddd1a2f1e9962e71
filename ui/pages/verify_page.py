"""Page 7: prove PyTorch works: a row per check, findings with their fix, a shareable report."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.i18n import error_text, shown
from ui.ops import run_op
from ui.pages.base import BasePage
from ui.state import WizardState
from ui.widgets.log_view import LogModel
from ui.worker import Worker


def strip_tags(text: str) -> str:
    """The words of the page's little HTML (for the log)."""
    return re.sub(r"<[^>]+>", " ", text).strip()


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
        state: WizardState | None = None,
    ) -> None:
        super().__init__(log, parent, state)
        self._start_worker = start_worker
        self._verify_call = verify_call
        self.report: dict[str, Any] | None = None
        self.worker: Worker | None = None
        self.fix_worker: Worker | None = None  # a fix's command while it runs
        # the fix applied last, judged by the next check: {"finding", "label", "reinstall",
        # "outcome" (the command's run_fix() answer)}
        self.pending_fix: dict[str, Any] | None = None
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
        self.fix_result = QLabel(self)  # whether the last fix worked, said by the check after it
        self.fix_result.setWordWrap(True)
        self.fix_result.setVisible(False)
        self.table = StatusTable(self)
        self.findings_box = QVBoxLayout()
        self.fix_buttons: list[QPushButton] = []
        self.rerun_button = QPushButton(self.tr("Check &again"), self)
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
        self.body.addWidget(self.fix_result)
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
        for worker in (self.worker, self.fix_worker):
            if worker is not None:
                worker.cancel()

    # -- checks ----------------------------------------------------------------------------

    def target(self) -> tuple[str | None, Any]:
        profile = self.state.profile
        return (profile.python.executable if profile else None), profile

    def run_checks(self) -> None:
        if self.worker is not None or self.fix_worker is not None:
            self._rerun = True  # e.g. Back then Next while a cancelled check is still ending
            return
        self._rerun = False
        python, profile = self.target()
        if not python:
            self.headline.setText(self.tr("No Python environment to check: run the scan first."))
            return
        self._set_busy(True)
        self.headline.setText(self.tr("Checking PyTorch… (importing torch can take a while)"))
        plan = self.state.plan
        cpu_chosen = plan is not None and plan.compute == "cpu"  # by the user or the planner
        environment = dict(plan.environment) if plan is not None else {}
        self.worker = (
            run_op(
                self,
                self._verify_call(python, profile, cpu_chosen=cpu_chosen, environment=environment),
            )
            .success(self.show_report)
            .failure(
                lambda error: self.headline.setText(
                    self.tr("The check itself failed: %1").replace("%1", error_text(error))
                )
            )
            .finished(self._finished)
            .start()
        )

    def _finished(self) -> None:
        self.worker = None
        self._set_busy(False)
        if getattr(self, "_rerun", False):
            self.run_checks()

    def running_work(self) -> list[tuple[Worker, str]]:
        # A fix runs pip in the user's environment: stopped half-way, it can leave it broken.
        return self.work_if_running(
            self.fix_worker,
            QCoreApplication.translate("SetupWizard", "A fix is changing the PyTorch environment."),
        )

    def _set_busy(self, busy: bool) -> None:
        busy = busy or self.fix_worker is not None
        self.rerun_button.setEnabled(not busy)
        self.copy_button.setEnabled(not busy and self.report is not None)
        self.save_button.setEnabled(not busy and self.report is not None)
        for button in self.fix_buttons:
            button.setEnabled(not busy)

    # -- showing ---------------------------------------------------------------------------

    def show_report(self, report: dict[str, Any]) -> None:
        from app.steps.verify_view import first_problem, problem_text, rows_of

        if not self._built:
            self._build()
        self.report = report
        self.table.set_rows(rows_of(report))
        torch = report.get("torch") or {}
        # the headline names the first problem: the same words as its row in the table
        problem = first_problem(report)
        said = html.escape(shown(problem_text(problem, report))) if problem else ""
        if report.get("ok"):
            on_gpu = (report.get("extra") or {}).get("gpu_available", report.get("cuda_available"))
            where = self.tr("on the GPU") if on_gpu else self.tr("on the CPU")
            text = (
                "<b>"
                + self.tr("PyTorch %1 works %2.")
                .replace("%1", html.escape(str(torch.get("version"))))
                .replace("%2", where)
                + "</b>"
            )
            if problem:
                text += "<br>" + self.tr("Warning: %1 (see below).").replace("%1", said)
        elif problem:
            others = sum(
                1
                for f in report.get("findings") or []
                if f is not problem and f.get("severity") in ("warning", "error")
            )
            text = "<b>✖ " + said + "</b><br>"
            text += (
                self.tr("What to do is below, with %n more problem(s).", "", others)
                if others
                else self.tr("What to do is below.")
            )
        else:
            text = "<b>" + self.tr("Something is wrong: see the findings below.") + "</b>"
        self.headline.setText(text)
        self._show_findings(report.get("findings", []))
        self._judge_fix(report)
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
                button.clicked.connect(
                    lambda _=False, f=fix, found=finding: self.apply_fix(f, found)
                )
                layout.addWidget(button)
                self.fix_buttons.append(button)
            self.findings_box.addWidget(row)

    def apply_fix(self, fix: dict[str, Any], finding: dict[str, Any] | None = None) -> None:
        """One click where the fix can be applied: re-plan, open a page, run or copy a command.

        A fix that changes the environment (a command it runs, a reinstall) is judged by the
        check that follows it: the page then says whether the problem is gone.
        """
        action = fix.get("action")
        if action == "command" and fix.get("run") and fix.get("command"):
            self._run_fix(fix, finding)
        elif action == "reinstall":
            if finding is not None:
                self.pending_fix = {
                    "finding": finding,
                    "label": fix.get("label"),
                    "reinstall": True,
                }
            compute = fix.get("compute")
            self.state.request_reinstall(None if compute in (None, "auto") else compute)
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

    # -- a fix that runs here, and the check that judges it ----------------------------------

    def _run_fix(self, fix: dict[str, Any], finding: dict[str, Any] | None) -> None:
        from app.proc import display
        from app.steps.verify import run_fix  # on the GUI thread: imports on workers are unsafe

        if self.worker is not None or self.fix_worker is not None:
            return
        command = [str(part) for part in fix["command"]]
        self.pending_fix = {"finding": finding, "label": fix.get("label"), "reinstall": False}
        self._say_fix(self.tr("Running the fix: %1").replace("%1", html.escape(display(command))))

        def call(reporter, cancel):
            return run_fix(command, reporter=reporter, cancel=cancel)

        self.fix_worker = (
            run_op(self, call)
            .success(self._fix_ran)
            .failure(
                lambda error: self._fix_ran(
                    {"ok": False, "returncode": None, "timed_out": False, "last": error_text(error)}
                )
            )
            .cancelled(self._fix_cancelled)
            .finished(self._fix_finished)
            .start()
        )
        self._set_busy(True)

    def _fix_ran(self, outcome: dict[str, Any]) -> None:
        if self.pending_fix is not None:
            self.pending_fix["outcome"] = outcome
        self._say_fix(self.tr("The fix ran; checking PyTorch again…"))

    def _fix_cancelled(self) -> None:
        self.pending_fix = None
        self._say_fix(self.tr("The fix was stopped before it finished."))

    def _fix_finished(self) -> None:
        self.fix_worker = None
        self._set_busy(False)
        if self.pending_fix is not None and "outcome" in self.pending_fix:
            self.run_checks()  # the check says whether the fix worked

    def _judge_fix(self, report: dict[str, Any]) -> None:
        """After a fix: does the check still find what it was meant to fix?"""
        from app.steps.verify_view import problem_text

        pending = self.pending_fix
        if pending is None:
            return
        if pending.get("reinstall"):
            if not self.state.torch_installed:
                return  # not installed yet: this check says nothing about the fix
        elif "outcome" not in pending:
            return  # a check that was running before the fix ran
        self.pending_fix = None
        finding = pending.get("finding") or {}
        label = html.escape(shown(pending.get("label")) or self.tr("Fix"))
        still = next(
            (
                f
                for f in report.get("findings") or []
                if f.get("code") == finding.get("code")
                and f.get("severity") in ("warning", "error")
            ),
            None,
        )
        outcome = pending.get("outcome") or {"ok": True}
        if not outcome.get("ok"):
            code = outcome.get("returncode")
            why = (
                self.tr("it ran out of time")
                if outcome.get("timed_out")
                else self.tr("exit code %1").replace("%1", str(code))
                if code is not None
                else self.tr("it could not start")
            )
            text = self.tr("✖ “%1” failed (%2): %3").replace("%1", label).replace("%2", why)
            text = text.replace("%3", html.escape(str(outcome.get("last") or "")))
            if still is None:
                text += "<br>" + self.tr("Yet the check no longer finds that problem.")
            else:
                text += "<br>" + self.tr(
                    "The problem is still there; the log shows the command's output."
                )
        elif still is None:
            text = self.tr("✔ “%1” worked: the check no longer finds that problem.").replace(
                "%1", label
            )
        else:
            said = html.escape(shown(problem_text(still, report)))
            text = (
                self.tr("✖ “%1” ran, but it did not fix the problem: %2.")
                .replace("%1", label)
                .replace("%2", said)
            )
        self._say_fix(text)
        self.log.append_lines([html.unescape(strip_tags(text))])

    def _say_fix(self, text: str) -> None:
        self.fix_result.setText(text)
        self.fix_result.setVisible(bool(text))

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
