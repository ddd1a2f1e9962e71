"""ui.main.make_app gives a QApplication or nothing: a bare QCoreApplication (no widgets) is
never handed on to build the wizard with, where Qt would abort the process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from PySide6.QtCore import QCoreApplication

core = QCoreApplication([])
from ui.main import make_app

try:
    app = make_app()
except RuntimeError:
    print("refused")
else:
    print(type(app).__name__)
"""


def test_a_core_application_is_not_taken_for_a_widget_application():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refused"
