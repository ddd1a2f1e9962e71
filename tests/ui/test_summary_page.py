"""The compatibility summary page: the plan shown, choices that re-plan, pages that follow."""

from __future__ import annotations

import os
import sys

import pytest
from PySide6.QtGui import QGuiApplication

from app.profile import GPU, Driver, OSInfo, PythonEnv, SystemProfile
from ui.state import page_id
from ui.wizard import SetupWizard

SUMMARY = page_id("summary")


def profile(python="3.12.4", gpus=True) -> SystemProfile:
    return SystemProfile(
        os=OSInfo("windows", "10.0.22631", False, "Windows 11"),
        arch="x86_64",
        python=PythonEnv(python, r"C:\miniforge3\envs\t\python.exe", "conda", 64),
        gpus=[GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6")] if gpus else [],
        driver=Driver("537.13", "12.2") if gpus else None,
    )


@pytest.fixture
def wizard(qtbot):
    def open_with(p: SystemProfile) -> SetupWizard:
        w = SetupWizard(scan_call=lambda reporter, cancel: p)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
        w.next()
        assert w.currentId() == SUMMARY
        return w

    return open_with


def test_recommendation_command_and_reasons(wizard):
    w = wizard(profile())
    page = w.summary_page
    assert page.isComplete()
    assert "PyTorch 2.14.1" in page.headline.text() and "cu126" in page.headline.text()
    assert page.command.toPlainText() == (
        "python -m pip install torch==2.14.1 torchvision==0.29.1 "
        "--index-url https://download.pytorch.org/whl/cu126"
    )
    assert "compute capability 8.6" in page.details.text()
    page.copy_button.click()
    assert QGuiApplication.clipboard().text() == page.command.toPlainText()


def test_changing_the_build_replans(wizard, qtbot):
    w = wizard(profile())
    page = w.summary_page
    with qtbot.waitSignal(page.planned) as blocker:
        page.compute_box.setCurrentIndex(page.compute_box.findData("cpu"))
    assert blocker.args[0].compute == "cpu"
    assert page.command.toPlainText() == "python -m pip install torch==2.15.0 torchvision==0.29.2"


def test_changing_the_torch_version_replans_and_offers_its_builds(wizard):
    w = wizard(profile())
    page = w.summary_page
    page.version_box.setCurrentIndex(page.version_box.findData("2.5.1"))
    assert w.plan.torch == "2.5.1" and w.plan.compute == "cu124"
    offered = [page.compute_box.itemData(i) for i in range(page.compute_box.count())]
    assert offered == ["", "cu124", "cu121", "cu118", "cpu"]
    assert "torchaudio==2.5.1" in page.command.toPlainText()
    page.manager_box.setCurrentIndex(page.manager_box.findData("conda"))
    assert page.command.toPlainText().startswith("conda install -y pytorch==2.5.1")


def test_the_toolkit_option_decides_which_pages_follow(wizard):
    w = wizard(profile())
    page = w.summary_page
    assert w.nextId() == page_id("install")  # toolkit, cuDNN, PATH skipped
    page.toolkit_box.setChecked(True)
    assert w.plan.steps[:3] == ["toolkit", "cudnn", "path"]
    assert w.nextId() == page_id("toolkit")
    w.next()
    assert w.currentId() == page_id("toolkit")


def test_a_blocked_plan_says_what_to_do_and_stops_next(wizard):
    w = wizard(profile(python="3.16.0", gpus=False))
    page = w.summary_page
    assert not page.isComplete()
    assert "No PyTorch build" in page.headline.text()
    assert "Python 3.16 is too new" in page.details.text()
    assert not page.copy_button.isEnabled() and page.command.toPlainText() == ""


# -- pip's dry run: the summary page shows whether pip confirmed the command ----------------


@pytest.fixture
def pip_index(tmp_path, monkeypatch):
    """A loopback index of tiny real wheels that the target's pip (this test's own Python)
    dry-runs against, isolated from this machine's pip configuration."""
    from tests.wheels import make_wheel, serve_index, simple_index_files

    def start(pairs: dict[str, str]):
        wheels = []
        for torch, vision in pairs.items():
            wheels.append(make_wheel(tmp_path / "w", "torch", torch))
            requires = [f"torch=={torch}"] if vision != "0.29.2" else ["torch>=2.14.0"]
            wheels.append(make_wheel(tmp_path / "w", "torchvision", vision, requires_dist=requires))
        return serve_index(simple_index_files(wheels))

    for name in [n for n in os.environ if n.startswith("PIP_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PYTORCH_SETUP_OFFLINE", "0")  # (the page confirms only when online)
    return start


def this_python(profile_: SystemProfile) -> SystemProfile:
    """The profile's target is this test's own Python, so pip can dry-run in it."""
    from dataclasses import replace

    return replace(profile_, python=replace(profile_.python, executable=sys.executable))


def test_pip_confirms_the_command(wizard, pip_index, qtbot, monkeypatch):
    with pip_index({"2.15.0": "0.29.2"}) as index:
        monkeypatch.setenv("PIP_INDEX_URL", f"{index.url}/simple/")
        w = wizard(this_python(profile(gpus=False)))
        page = w.summary_page
        qtbot.waitUntil(lambda: page.confirmer is None, timeout=60000)
    assert page.plan.torch == "2.15.0"
    assert page.plan.confirmation["status"] == "confirmed", page.plan.confirmation
    assert "pip confirmed this command" in page.confirm_label.text()


def test_a_refused_plan_is_replaced_by_the_next_release(wizard, pip_index, qtbot, monkeypatch):
    # The index lacks torchvision 0.29.2: pip refuses 2.15.0, and 2.14.1 is planned instead.
    with pip_index({"2.14.1": "0.29.1"}) as index:
        monkeypatch.setenv("PIP_INDEX_URL", f"{index.url}/simple/")
        w = wizard(this_python(profile(gpus=False)))
        page = w.summary_page
        with qtbot.waitSignal(page.planned, timeout=90000) as settled:
            pass
    assert settled.args[0].torch == "2.14.1"
    qtbot.waitUntil(lambda: page.confirmer is None, timeout=10000)
    assert "PyTorch 2.14.1" in page.headline.text()
    assert page.command.toPlainText().startswith("python -m pip install torch==2.14.1 ")
    assert "dry run cannot install PyTorch 2.15.0 here" in page.details.text()
    assert "pip confirmed this command" in page.confirm_label.text()


def test_no_dry_run_offline_or_for_another_computer(wizard, monkeypatch):
    w = wizard(profile(gpus=False))  # C:\miniforge3\...: not on this computer
    assert w.summary_page.confirmer is None and w.summary_page.confirm_label.text() == ""
    monkeypatch.setenv("PYTORCH_SETUP_OFFLINE", "1")
    w.summary_page.set_profile(this_python(profile(gpus=False)))
    assert w.summary_page.confirmer is None and w.summary_page.confirm_label.text() == ""


def recorded(name: str) -> SystemProfile:
    from pathlib import Path

    return SystemProfile.load(Path(__file__).parents[1] / "fixtures" / "profiles" / name)


def test_amd_workaround_plan_shows_its_mark_build_and_the_variable_to_set(wizard, qtbot):
    w = wizard(recorded("linux-amd-rx6700xt.json"))
    page = w.summary_page
    assert page.plan is not None and page.plan.compute.startswith("rocm")
    assert "gpu-amd.svg" in page.headline.text() and "AMD ROCm" in page.headline.text()
    assert page.environment_label.isVisibleTo(page)
    assert "HSA_OVERRIDE_GFX_VERSION=10.3.0" in page.environment_label.text()
    assert "download.pytorch.org/whl/rocm" in page.command.toPlainText()
    # The CPU build chosen instead: no variable to set, no vendor mark.
    with qtbot.waitSignal(page.planned):
        page.compute_box.setCurrentIndex(page.compute_box.findData("cpu"))
    assert not page.environment_label.isVisibleTo(page)
    assert "<img" not in page.headline.text()


@pytest.mark.parametrize(
    ("name", "mark", "label"),
    [
        ("windows-intel-arc-a770.json", "gpu-intel.svg", "Intel GPU (XPU)"),
        ("macos-14-m2.json", "gpu-apple.svg", "Apple GPU (MPS)"),
        ("seed-windows-rtx3060.json", "gpu-nvidia.svg", "CUDA"),
    ],
)
def test_each_vendor_build_is_headed_by_its_mark(wizard, name, mark, label):
    page = wizard(recorded(name)).summary_page
    assert mark in page.headline.text() and label in page.headline.text()
    assert not page.environment_label.isVisibleTo(page)
    labels = [page.compute_box.itemText(i) for i in range(page.compute_box.count())]
    assert any(label in text for text in labels)


# -- the tutorial's own reader (issue 18): the driver first, no promise it cannot keep --------

READER = "windows-rtx3060-driver465-py38-hong.json"


def test_the_tutorial_readers_pc_is_told_to_update_the_driver_first(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    from app.compat.knowledge import knowledge

    reader = recorded(READER)
    w = SetupWizard(scan_call=lambda reporter, cancel: reader)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    # The scan does not call this PC fine: the driver row warns (and the user folder).
    assert "everything looks fine" not in w.scan_page.headline.text()
    assert "2 warnings" in w.scan_page.headline.text()
    qtbot.mouseClick(w.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert w.currentId() == SUMMARY
    page = w.summary_page
    link = knowledge().driver_download_page
    headline = page.headline.text()
    assert "PyTorch 2.4.1" in headline and "cu118" in headline
    assert "Update the NVIDIA driver first" in headline and f'href="{link}"' in headline
    # The first warning is the driver's, with the link; the Python one names what a newer
    # Python really gets on this PC with this driver, and never 2.14.1 or 2.15.0.
    watch_out = page.details.text().split("<b>Why</b>")[0]
    first = watch_out.split("<tr>")[1]
    assert "Your NVIDIA driver (465.89) is too old" in first and link in first
    assert "An environment with Python 3.13 gets PyTorch 2.7.1 with the CUDA 11.8" in watch_out
    assert "only after a driver update" in watch_out
    assert "gets PyTorch 2.14.1" not in watch_out and "gets PyTorch 2.15.0" not in watch_out


def test_a_current_driver_gets_no_driver_line_in_the_headline(wizard, qtbot):
    page = wizard(profile(python="3.8.10")).summary_page  # driver 537.13: current
    assert "PyTorch 2.4.1" in page.headline.text()
    assert "NVIDIA driver" not in page.headline.text()
    assert "An environment with Python 3.14 gets PyTorch 2.14.1" in page.details.text()
    # Choosing the CPU build: the headline follows the new plan (still no driver line).
    with qtbot.waitSignal(page.planned):
        page.compute_box.setCurrentIndex(page.compute_box.findData("cpu"))
    assert "NVIDIA driver" not in page.headline.text()


def test_choosing_a_build_the_driver_cannot_run_says_so_with_the_link(qtbot):
    from app.compat.knowledge import knowledge

    reader = recorded(READER)
    w = SetupWizard(scan_call=lambda reporter, cancel: reader)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    w.next()
    page = w.summary_page
    with qtbot.waitSignal(page.planned):
        page.compute_box.setCurrentIndex(page.compute_box.findData("cu124"))
    assert page.plan.blocked and not page.isComplete()
    assert "needs NVIDIA driver" in page.details.text()
    assert knowledge().driver_download_page in page.details.text()
    # Back to "best for this PC": the driver line returns to the headline.
    with qtbot.waitSignal(page.planned):
        page.compute_box.setCurrentIndex(0)
    assert "Update the NVIDIA driver first" in page.headline.text()
