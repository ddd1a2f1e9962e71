"""The scan page's target for a beginner, driven by clicks: never the assistant's own
environment, "a new environment" when nothing fits, the New environment dialog (folder,
Browse…, Python, checks before starting), Stop removing a half-made venv, and environments
the assistant made elsewhere listed."""

from __future__ import annotations

import hashlib
import os
import platform
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.profile import OSInfo, PythonEnv, SystemProfile
from app.scan.pythons import OWN_ENV_PROBLEM, new_environment
from ui.wizard import SetupWizard

THIS_PYTHON = PythonEnv(
    platform.python_version(), sys.executable, "pyenv", 64, prefix=sys.base_prefix
)
OLD_CONDA = PythonEnv("3.8.10", "/home/홍길동/anaconda3/envs/torch/bin/python", "conda", 64)
OWN = PythonEnv(
    "3.11.7", "/opt/pytorch-setup/.venv/bin/python", "venv", 64, problems=[OWN_ENV_PROBLEM]
)


def nothing_fits(reporter, cancel) -> SystemProfile:
    """A Linux machine whose only Pythons are an old conda env and the assistant's own."""
    return SystemProfile(
        os=OSInfo("linux", "6.1"),
        arch="x86_64",
        python=new_environment(),
        environments=[OLD_CONDA, OWN],
    )


def with_a_python(reporter, cancel) -> SystemProfile:
    profile = nothing_fits(reporter, cancel)
    profile.environments = [THIS_PYTHON, OLD_CONDA, OWN]
    return profile


def open_wizard(qtbot, scan_call) -> SetupWizard:
    w = SetupWizard(scan_call=scan_call)
    qtbot.addWidget(w)
    w.show()
    page = w.scan_page
    qtbot.waitUntil(lambda: page.profile is not None and page.worker is None, timeout=60000)
    return w


def click(qtbot, button) -> None:
    # A widget added to a shown page is shown by the next event loop pass.
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=5000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_dialog(qtbot, w: SetupWizard):
    click(qtbot, w.scan_page.new_env_button)
    dialog = w.scan_page.new_env_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_nothing_fits_so_the_target_is_a_new_environment_and_the_own_env_is_not_choosable(qtbot):
    w = open_wizard(qtbot, with_a_python)
    box = w.scan_page.env_box
    assert box.currentIndex() == 0 and box.itemText(0).startswith("A new environment")
    own = next(i for i in range(box.count()) if OWN.executable in box.itemText(i))
    assert "assistant's own environment" in box.itemText(own)
    assert not box.model().item(own).isEnabled()
    # Nothing to install into yet: Next stays closed, and the page says what to do.
    assert not w.scan_page.isComplete()
    assert "create one (New environment…) to go on" in w.scan_page.headline.text()
    # Choosing "a new environment" in the list asks for one.
    box.activated.emit(0)
    dialog = w.scan_page.new_env_dialog
    assert dialog is not None and dialog.isVisible()
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert w.scan_page.worker is None


def test_the_dialog_checks_the_folder_before_starting(qtbot, tmp_path):
    w = open_wizard(qtbot, with_a_python)
    dialog = open_dialog(qtbot, w)
    # Only Pythons current PyTorch supports are offered (not the 3.8 conda env, not ours).
    items = [dialog.python_box.itemText(i) for i in range(dialog.python_box.count())]
    assert items == [f"Python {THIS_PYTHON.version} (pyenv) — {sys.executable}"]
    for folder, expected in (
        ("/proc/x", "/proc/x cannot be created here"),
        ("", "Choose a folder for the new environment."),
    ):
        dialog.folder_edit.setText(folder)
        click(qtbot, dialog.create_button)
        assert dialog.isVisible() and expected in dialog.message.text()
        assert "python3-venv" not in dialog.message.text()
    in_the_way = tmp_path / "a file"
    in_the_way.write_text("mine", encoding="utf-8")
    dialog.folder_edit.setText(str(in_the_way / "env"))
    click(qtbot, dialog.create_button)
    assert "is a file, so no folder can be made inside it" in dialog.message.text()
    assert w.scan_page.worker is None  # nothing started
    dialog.folder_edit.setText(str(tmp_path / "x"))
    assert dialog.message.text() == ""  # a new folder clears the old reason
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))


def test_browse_then_create_makes_the_venv_the_target(qtbot, tmp_path):
    w = open_wizard(qtbot, with_a_python)
    dialog = open_dialog(qtbot, w)
    where = tmp_path / "내 프로젝트 폴더"
    where.mkdir()
    (where / "notes.txt").write_text("x", encoding="utf-8")  # not empty: the env goes inside
    asked = []
    dialog.pick_directory = lambda parent, title, start: asked.append(start) or str(where)
    click(qtbot, dialog.browse_button)
    assert asked and dialog.folder_edit.text() == str(where / "pytorch-env")
    click(qtbot, dialog.create_button)
    page = w.scan_page
    qtbot.waitUntil(lambda: page.worker is None, timeout=180000)
    assert w.profile.python.prefix == str(where / "pytorch-env")
    assert w.profile.python.kind == "venv"
    assert page.env_box.currentText().endswith(str(where / "pytorch-env" / "bin" / "python"))
    assert all(e.version for e in w.profile.environments)  # the placeholder is gone
    assert (
        page.isComplete()
    )  # an environment to install into: Next opens    assert not page.cancel_button.isVisible()


def test_stop_while_the_venv_is_made_removes_it(qtbot, tmp_path):
    w = open_wizard(qtbot, with_a_python)
    page = w.scan_page
    dialog = open_dialog(qtbot, w)
    folder = tmp_path / "중간에 멈춘" / "torch env"
    dialog.folder_edit.setText(str(folder))
    click(qtbot, dialog.create_button)
    qtbot.waitUntil(lambda: (folder / "pyvenv.cfg").exists(), timeout=60000)
    assert page.worker is not None  # venv is still installing pip
    # Making an environment changes this PC: the page lists it, and the wizard asks first.
    assert page.running_work() == [(page.worker, "A Python environment is being created.")]
    assert w.work_running(page) == page.running_work()
    click(qtbot, page.cancel_button)
    qtbot.waitUntil(lambda: page.worker is None, timeout=60000)
    assert not (tmp_path / "중간에 멈춘").exists()
    assert page.headline.text().startswith("Cancelled")
    assert w.profile.python.kind == "new"  # still to be made


@pytest.mark.skipif(os.name == "nt", reason="the stand-in installer is a shell script")
def test_no_python_fits_so_the_dialog_offers_miniforge(qtbot, tmp_path):
    from tests.loopback import serve_files

    script = (
        f'#!/bin/sh\nmkdir -p "$3/bin" "$3/conda-meta"\nln -s "{sys.executable}" "$3/bin/python"\n'
    ).encode()
    name = "Miniforge3-Linux-x86_64.sh"
    files = {name: script, name + ".sha256": hashlib.sha256(script).hexdigest().encode()}
    w = open_wizard(qtbot, nothing_fits)
    dialog = open_dialog(qtbot, w)
    assert dialog.python_box.count() == 1
    assert "Miniforge" in dialog.python_box.currentText() and dialog.base() is None
    forge = tmp_path / "forge"
    dialog.folder_edit.setText(str(forge))
    with serve_files(files) as mirror:
        w.scan_page.miniforge_mirror = mirror.url
        click(qtbot, dialog.create_button)
        qtbot.waitUntil(lambda: w.scan_page.worker is None, timeout=60000)
    assert w.profile.python.executable == str(forge / "bin" / "python")


def test_an_environment_the_assistant_made_elsewhere_is_listed_and_chosen(
    qtbot, tmp_path, monkeypatch
):
    """A real scan (Python probes only) with a venv the assistant made where no search looks."""
    from app.events import CancelToken, Reporter
    from app.scan import ScanContext, default_probes, scan
    from app.steps.envs import create_venv

    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "state"))
    folder = tmp_path / "어딘가 먼 곳" / "my env"
    python = create_venv(sys.executable, folder, Reporter(), CancelToken())
    wanted = ("system", "python", "environments")
    probes = {k: v for k, v in default_probes().items() if k in wanted}

    def real_python_scan(reporter, cancel):
        return scan(ScanContext(environ={"PATH": ""}, cancel=cancel, timeout=30), reporter, probes)

    w = open_wizard(qtbot, real_python_scan)
    box = w.scan_page.env_box
    assert w.profile.python.executable == python
    assert box.currentText().endswith(python)
    if sys.prefix != sys.base_prefix:  # the assistant's own venv is listed, not choosable
        own = [i for i in range(box.count()) if f"— {sys.prefix}" in box.itemText(i)]
        assert all(not box.model().item(i).isEnabled() for i in own)
    assert Path(python).is_file()


def test_closing_the_wizard_while_the_venv_is_made_removes_it(qtbot, tmp_path):
    """The wizard's close cancels its workers (stop_workers); the half-made venv goes with it."""
    w = open_wizard(qtbot, with_a_python)
    dialog = open_dialog(qtbot, w)
    folder = tmp_path / "닫힌 창" / "env"
    dialog.folder_edit.setText(str(folder))
    click(qtbot, dialog.create_button)
    qtbot.waitUntil(lambda: (folder / "pyvenv.cfg").exists(), timeout=60000)
    assert w.stop_workers()
    assert not (tmp_path / "닫힌 창").exists()
