"""Report and Undo from any page: the wizard's two extra buttons and their dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.journal import Journal
from app.steps.folders import MARKER
from tests.ui.test_summary_page import profile
from ui.dialogs.changes_dialog import ChangesDialog
from ui.dialogs.report_dialog import ReportDialog
from ui.wizard import QWizard, SetupWizard


def test_report_button_on_the_first_page_shows_the_scan_and_saves(qtbot, tmp_path):
    w = SetupWizard(scan_call=lambda reporter, cancel: profile())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    button = w.button(QWizard.WizardButton.CustomButton1)
    assert button.isVisible() and button.text().replace("&", "") == "Report…"
    button.click()
    dialog = w.findChildren(ReportDialog)[-1]
    assert dialog.isVisible()
    text = dialog.view.toPlainText()
    assert "## This computer" in text and "## Plan" in text  # the scan and the plan so far
    saved = dialog.save(str(tmp_path / "보고서.md"))
    assert (tmp_path / "보고서.md").read_text(encoding="utf-8") == text and saved
    dialog.copy()
    assert "Copied" in dialog.status.text()


def test_changes_dialog_undoes_one_then_all_in_reverse_order(qtbot, tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    folders = []
    for name in ("cuda-12.6", "cuda-13.0"):
        folder = tmp_path / name
        (folder / "bin").mkdir(parents=True)
        (folder / MARKER).write_text("ours")
        journal.record("toolkit", "install", path=str(folder), label=name[5:])
        folders.append(folder)
    w = SetupWizard(scan_call=lambda reporter, cancel: profile())
    qtbot.addWidget(w)
    dialog = ChangesDialog(w.start_worker, journal, w)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)  # the list is read on a worker
    assert dialog.tree.topLevelItemCount() == 2
    assert dialog.tree.topLevelItem(0).text(2).startswith("13.0")  # newest first
    assert not dialog.undo_button.isEnabled()  # nothing selected yet
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    assert not folders[0].exists() and folders[1].exists()
    assert dialog.tree.topLevelItemCount() == 1
    dialog.undo_all_button.click()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    assert not folders[1].exists()
    assert dialog.tree.topLevelItemCount() == 0 and journal.pending() == []
    assert not dialog.undo_all_button.isEnabled()


def test_a_failing_undo_is_shown_and_the_change_stays_listed(qtbot, tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    folder = tmp_path / "not-ours"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep")
    journal.record("toolkit", "install", path=str(folder), label="12.6.3")
    w = SetupWizard(scan_call=lambda reporter, cancel: profile())
    qtbot.addWidget(w)
    dialog = ChangesDialog(w.start_worker, journal, w)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    dialog.undo_all_button.click()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    assert "left alone" in dialog.status.text()
    assert (folder / "precious.txt").read_text() == "keep"
    assert dialog.tree.topLevelItemCount() == 1


def test_changes_dialog_shows_and_deletes_the_download_cache(qtbot, tmp_path, monkeypatch):
    from app.steps import cache

    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "state"))  # a cache of its own
    cuda = cache.downloads_dir() / "cuda" / "12.6.3"
    cuda.mkdir(parents=True, exist_ok=True)
    (cuda / "cuda_nvcc-linux-x86_64-12.6.85-archive.tar.xz").write_bytes(b"x" * 3_000_000)
    w = SetupWizard(scan_call=lambda reporter, cancel: profile())
    qtbot.addWidget(w)
    dialog = ChangesDialog(w.start_worker, Journal(tmp_path / "journal.jsonl"), w)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    assert "3.0 MB" in dialog.downloads.text() and dialog.clear_button.isEnabled()
    dialog.clear_button.click()
    assert not dialog.clear_button.isEnabled()  # while it deletes
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    assert cache.size() == 0 and not cache.downloads_dir().exists()
    assert "3 MB freed" in dialog.status.text() and not dialog.clear_button.isEnabled()


def test_the_changes_dialog_reads_and_deletes_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    import threading

    from app.steps import cache

    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "state"))
    (cache.downloads_dir() / "cuda").mkdir(parents=True, exist_ok=True)
    (cache.downloads_dir() / "cuda" / "part.tar.xz").write_bytes(b"x" * 2_000_000)
    journal = Journal(tmp_path / "journal.jsonl")
    journal.record("cudnn", "copy", path=str(tmp_path / "cuda"), label="9.5.1")
    threads: dict[str, set] = {}

    def recorded(name, function):
        def call(*args, **kwargs):
            threads.setdefault(name, set()).add(threading.current_thread())
            return function(*args, **kwargs)

        return call

    monkeypatch.setattr(journal, "pending", recorded("pending", journal.pending))
    monkeypatch.setattr(cache, "size", recorded("size", cache.size))
    monkeypatch.setattr(cache, "clear", recorded("clear", cache.clear))
    w = SetupWizard(scan_call=lambda reporter, cancel: profile())
    qtbot.addWidget(w)
    dialog = ChangesDialog(w.start_worker, journal, w)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    assert dialog.tree.topLevelItemCount() == 1
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    assert "2 MB freed" in dialog.status.text()
    assert set(threads) == {"pending", "size", "clear"}
    assert threading.main_thread() not in set().union(*threads.values())


def test_every_cell_of_the_changes_list_fits_its_column(qtbot, tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    long_path = tmp_path / "a rather long folder name" / "사용자" / "envs" / "pytorch-cuda-12.6"
    journal.record("envs", "create", path=str(long_path), python="3.12.4")
    journal.record("toolkit_installer", "install", path="/usr/local/cuda-12.6", label="12.6.3")
    journal.record("pathreg", "add", where="user PATH", label="CUDA 12.6")
    w = SetupWizard(scan_call=lambda reporter, cancel: profile())
    qtbot.addWidget(w)
    dialog = ChangesDialog(w.start_worker, journal, w)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.tree.topLevelItemCount() == 3)
    tree = dialog.tree
    metrics = tree.fontMetrics()
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        for column in range(tree.columnCount()):
            text = item.text(column)
            assert metrics.horizontalAdvance(text) <= tree.columnWidth(column), (row, text)
    header = tree.headerItem()
    for column in range(tree.columnCount()):
        assert metrics.horizontalAdvance(header.text(column)) <= tree.columnWidth(column)
    assert tree.topLevelItem(0).text(1) == "PATH registration"  # newest first, a person's words


def test_the_change_column_reaches_the_catalogue(tmp_path):
    import shutil
    import sys
    import xml.etree.ElementTree as ET
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "tools"))
    import translations

    from ui.dialogs.changes_dialog import WHAT

    fresh = tmp_path / "ko.ts"
    shutil.copy(translations.catalogue("ko"), fresh)
    translations.update(fresh)  # what lupdate finds in the code today
    sources = {
        message.findtext("source")
        for context in ET.parse(fresh).getroot().iter("context")
        if context.findtext("name") == "ChangesDialog"
        for message in context.iter("message")
    }
    assert set(WHAT.values()) <= sources
