"""Render every wizard page to DIR/NN-name.png, walking the wizard as a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from ui.wizard import PAGE_NAMES, SetupWizard


def run_loop_for(msecs: int, until=None) -> None:
    """Run the event loop for msecs, or until the signal `until` fires.

    A nested QEventLoop rather than a processEvents() busy loop: under PySide6 6.12 on Python
    3.11, each processEvents() call drops a reference to None, and a tight loop of them aborts
    the interpreter within seconds (seen here).
    """
    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    if until is not None:
        until.connect(loop.quit)
    loop.exec()
    if until is not None:
        until.disconnect(loop.quit)


def take_snapshots(wizard: SetupWizard, folder: Path, timeout_s: float = 30) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    wizard.show_every_page = True
    wizard.show()
    page = wizard.scan_page
    if not page.isComplete():
        run_loop_for(int(timeout_s * 1000), until=page.completeChanged)
    written = []
    for number, name in enumerate(PAGE_NAMES, start=1):
        run_loop_for(100)  # let layouts settle and paint
        path = folder / f"{number:02d}-{name}.png"
        if not wizard.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
        if number < len(PAGE_NAMES):
            wizard.next()
    wizard.stop_workers()
    return written
