"""The summary page's "Save plan…": the plan as a JSON file (app.lab.planfile) for
`pytorch-setup apply` on other PCs. Driven by clicks on a real wizard; the save dialog (a
native one cannot be driven) is replaced, the file is written for real and read back."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.lab.planfile import load_plan
from tests.ui.test_summary_page import profile
from ui.state import page_id
from ui.wizard import SetupWizard


@pytest.fixture
def wizard(qtbot):
    def open_with(p) -> SetupWizard:
        w = SetupWizard(scan_call=lambda reporter, cancel: p)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
        w.next()
        assert w.currentId() == page_id("summary")
        return w

    return open_with


@pytest.fixture
def save_dialog(monkeypatch):
    """QFileDialog.getSaveFileName answering with `answer[0]`; each call's arguments kept."""
    asked: list[tuple] = []
    answer = [""]

    def get_save_file_name(parent, caption, start, filters):
        asked.append((parent, caption, start, filters))
        return answer[0], filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return asked, answer


@pytest.fixture
def write_threads(monkeypatch):
    """The threads the plan file is written on (save_plan itself runs, for real)."""
    import app.lab.planfile as planfile

    real, threads = planfile.save_plan, []

    def recording(plan, path):
        threads.append(threading.current_thread())
        return real(plan, path)

    monkeypatch.setattr(planfile, "save_plan", recording)
    return threads


def apply_command(name: str) -> str:
    """The hint's command, quoted as this OS's shell wants ('my plan.json' on POSIX)."""
    from app.proc import display

    return display(["pytorch-setup", "apply", name, "--yes"])


def click_save(qtbot, w: SetupWizard) -> None:
    page = w.summary_page
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.saver is None, timeout=10000)


@pytest.mark.parametrize("folder", ["lab plans", "실습실 계획 폴더"])
def test_save_plan_writes_the_plan_where_chosen_and_it_loads_back(
    qtbot, wizard, tmp_path, save_dialog, write_threads, folder
):
    asked, answer = save_dialog
    w = wizard(profile())
    page = w.summary_page
    assert page.save_button.isEnabled() and page.save_button.text() == "&Save plan…"
    where = tmp_path / folder
    where.mkdir()
    answer[0] = str(where / "my plan.json")
    click_save(qtbot, w)

    start = Path(asked[0][2])
    assert start.name == "pytorch-plan-2.14.1-cu126.json" and start.parent.is_dir()
    assert asked[0][3].startswith("Plan files (*.json)")
    assert write_threads and write_threads[0] is not threading.main_thread()  # on a worker
    loaded = load_plan(where / "my plan.json")
    assert loaded == w.plan
    assert loaded.command_line() == page.command.toPlainText()
    status = page.save_status.text()
    assert status.splitlines() == [
        f"Plan saved: {where / 'my plan.json'}",
        "Apply it on another PC with: " + apply_command("my plan.json"),
    ]
    assert page.save_status.isVisible() and page.save_button.isEnabled()
    assert f"Plan saved: {where / 'my plan.json'}" in w.log.text()

    # Another choice: the message about the older plan goes; its file stays as it was.
    page.compute_box.setCurrentIndex(page.compute_box.findData("cpu"))
    assert not page.save_status.isVisible()
    assert load_plan(where / "my plan.json") == loaded


def test_a_name_without_suffix_gets_json_and_a_closed_dialog_saves_nothing(
    qtbot, wizard, tmp_path, save_dialog, write_threads
):
    asked, answer = save_dialog
    w = wizard(profile(gpus=False))
    page = w.summary_page
    click_save(qtbot, w)  # the person closed the dialog: answer ""
    assert len(asked) == 1 and write_threads == [] and not page.save_status.isVisible()
    assert Path(asked[0][2]).name == f"pytorch-plan-{w.plan.torch}-cpu.json"

    answer[0] = str(tmp_path / "강의실-plan")
    click_save(qtbot, w)
    assert load_plan(tmp_path / "강의실-plan.json") == w.plan
    assert page.save_status.text().endswith(apply_command("강의실-plan.json"))


def test_a_blocked_plan_cannot_be_saved(qtbot, wizard, save_dialog):
    asked, _ = save_dialog
    w = wizard(profile(python="3.16.0", gpus=False))
    page = w.summary_page
    assert w.plan is not None and w.plan.blocked
    assert not page.save_button.isEnabled()
    page.save_plan()  # even called directly: nothing is asked, nothing written
    assert asked == [] and not page.save_status.isVisible()


def unwritable(tmp_path: Path, why: str) -> Path:
    if why == "a folder is a file":
        (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
        return tmp_path / "notes.txt" / "plan.json"
    if why == "the target is a folder":
        (tmp_path / "plan.json").mkdir()
        return tmp_path / "plan.json"
    # Permission denied: root writes into a read-only folder, so root gets /sys instead.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        if not sys.platform.startswith("linux"):
            pytest.skip("root, and no folder that refuses root here")
        return Path("/sys/plan.json")
    locked = tmp_path / "잠긴 폴더"
    locked.mkdir(mode=0o500)
    return locked / "plan.json"


@pytest.mark.skipif(os.name == "nt", reason="POSIX folders and permissions")
@pytest.mark.parametrize(
    ("why", "message"),
    [
        ("a folder is a file", "Not a directory"),
        ("permission denied", "Permission denied"),
        ("the target is a folder", "is a folder: give a file name for the plan"),
    ],
)
def test_an_unwritable_place_says_why_in_one_line(
    qtbot, wizard, tmp_path, save_dialog, why, message
):
    _, answer = save_dialog
    w = wizard(profile())
    page = w.summary_page
    path = unwritable(tmp_path, why)
    answer[0] = str(path)
    click_save(qtbot, w)
    status = page.save_status.text()
    assert status.startswith("✖ ") and str(path) in status and message in status
    assert "\n" not in status and "Traceback" not in status and "Error" not in status
    assert page.save_button.isEnabled()  # try again elsewhere
    assert not path.is_file()
    assert [p.name for p in path.parent.glob(".plan-*")] == []  # no temp file left
