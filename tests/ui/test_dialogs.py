"""Report and Undo from any page: the wizard's two extra buttons and their dialogs."""

from __future__ import annotations

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
    assert dialog.tree.topLevelItemCount() == 2
    assert dialog.tree.topLevelItem(0).text(2).startswith("13.0")  # newest first
    assert not dialog.undo_button.isEnabled()  # nothing selected yet
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    assert not folders[0].exists() and folders[1].exists()
    assert dialog.tree.topLevelItemCount() == 1
    dialog.undo_all_button.click()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
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
    dialog.undo_all_button.click()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
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
    assert "3.0 MB" in dialog.downloads.text() and dialog.clear_button.isEnabled()
    dialog.clear_button.click()
    assert cache.size() == 0 and not cache.downloads_dir().exists()
    assert "3 MB freed" in dialog.status.text() and not dialog.clear_button.isEnabled()
