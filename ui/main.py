"""Start the wizard under qasync (page code may `await` a worker), or render snapshots."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.i18n import install_translators
from ui.wizard import SetupWizard


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("PyTorch Setup Assistant")
    app.setOrganizationName("pytorch-setup")
    return app


def run_gui(lang: str | None = None, snapshot: str | None = None, profile=None) -> int:
    app = make_app()
    install_translators(app, lang)
    if profile is not None:

        def given_profile(reporter, cancel):
            reporter.log("Showing the given profile instead of scanning this machine.")
            return profile

        wizard = SetupWizard(scan_call=given_profile)
    else:
        wizard = SetupWizard()
    if snapshot:
        from ui.snapshot import take_snapshots

        for path in take_snapshots(wizard, Path(snapshot)):
            print(path)
        return 0
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = loop.create_future()
    wizard.finished.connect(lambda code: closed.done() or closed.set_result(code))
    wizard.show()
    with loop:
        loop.run_until_complete(closed)
    return 0
