"""Guard against a Qt binding that loses references to True/None (PySide6 6.12.0 did).

On Python 3.11 True and None are ordinary refcounted objects: a binding that drops a reference
each time C++ calls a Python override (QWizardPage.isComplete) or processEvents() returns
makes the interpreter abort after a few hundred calls, far from the cause.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QWizard, QWizardPage


class AlwaysComplete(QWizardPage):
    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return True


def test_overrides_and_process_events_keep_their_references(qtbot):
    wizard = QWizard()
    qtbot.addWidget(wizard)
    page = AlwaysComplete()
    wizard.addPage(page)
    wizard.addPage(QWizardPage())
    wizard.show()
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(50):
        page.completeChanged.emit()  # QWizard calls isComplete() from C++
        QApplication.processEvents()
    # Other objects may take references meanwhile; the bug loses one per call (50 here).
    assert sys.getrefcount(True) > before[0] - 10
    assert sys.getrefcount(None) > before[1] - 10
