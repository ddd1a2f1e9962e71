"""Start the wizard under qasync (page code may `await` a worker), or render snapshots."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.i18n import install_translators, remember_language
from ui.wizard import SetupWizard


def make_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):  # none yet (a QCoreApplication cannot show windows)
        app = QApplication(sys.argv[:1])
    app.setApplicationName("PyTorch Setup Assistant")
    app.setOrganizationName("pytorch-setup")
    return app


def run_gui(lang: str | None = None, snapshot: str | None = None, profile=None) -> int:
    app = make_app()
    install_translators(app, lang)

    def make_wizard() -> SetupWizard:
        if profile is None:
            return SetupWizard()

        def given_profile(reporter, cancel):
            reporter.log("Showing the given profile instead of scanning this machine.")
            return profile

        return SetupWizard(scan_call=given_profile)

    wizard = make_wizard()
    if snapshot:
        from ui.snapshot import take_snapshots

        for path in take_snapshots(wizard, Path(snapshot)):
            print(path)
        return 0
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = loop.create_future()

    def attach(window: SetupWizard) -> None:
        window.finished.connect(lambda code: closed.done() or closed.set_result(code))
        window.language_requested.connect(
            lambda code: switch_language(app, window, code, attach, make_wizard)
        )

    attach(wizard)
    wizard.show()
    with loop:
        loop.run_until_complete(closed)
    return 0


def switch_language(app, old: SetupWizard, lang: str, attach, make_wizard) -> SetupWizard:
    """Show the wizard again in another language (texts are set when widgets are built).

    The new wizard scans again (a fraction of a second); nothing has been changed on the first
    page, where the choice is offered.
    """
    old.stop_workers()
    remember_language(lang)
    install_translators(app, lang)
    new = make_wizard()
    new.setGeometry(old.geometry())
    attach(new)
    old.hide()  # hidden, not closed: its `finished` (which ends the app) never fires
    old.deleteLater()
    new.show()
    return new
