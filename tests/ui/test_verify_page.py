"""The verify page shows a recorded report's rows and findings, and its fixes act."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.profile import GPU, Driver, OSInfo, PythonEnv, SystemProfile
from app.scan.summary import OK, PROBLEM
from tests.loopback import closed_port_url
from ui.state import page_id
from ui.wizard import SetupWizard

VERIFY = page_id("verify")

GPU_CPU_BUILD = {
    "schema": "pytorch-setup/verify/1",
    "python": str(Path.home() / "venv" / "bin" / "python"),
    "torch": {"version": "2.14.1+cpu", "cuda": None, "cudnn": None},
    "cuda_available": False,
    "devices": [],
    "nvcc": None,
    "ok": False,
    "findings": [
        {
            "code": "cpu_build_with_gpu",
            "severity": "error",
            "message": "A CPU-only PyTorch is installed, but this PC has an NVIDIA GPU.",
            "fix": {
                "action": "reinstall",
                "compute": "auto",
                "label": "Reinstall with the CUDA build",
            },
        },
    ],
    "extra": {"torchvision": "0.29.1"},
}

WORKING = {
    "schema": "pytorch-setup/verify/1",
    "python": "/home/me/venv/bin/python",
    "torch": {"version": "2.14.1+cu126", "cuda": "12.6", "cudnn": 91002},
    "cuda_available": True,
    "devices": [
        {"name": "NVIDIA GeForce RTX 3060", "capability": "8.6", "kernels": True, "computed": True}
    ],
    "nvcc": {"version": "12.6", "path": "/usr/local/cuda-12.6/bin/nvcc"},
    "ok": True,
    "findings": [],
    "extra": {},
}


def profile() -> SystemProfile:
    return SystemProfile(
        os=OSInfo("windows"),
        arch="x86_64",
        python=PythonEnv("3.12.4", r"C:\Users\홍길동\venv\Scripts\python.exe"),
        gpus=[GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6")],
        driver=Driver("537.13", "12.2"),
    )


def open_verify(
    qtbot,
    report,
    scanned: SystemProfile | None = None,
    seen: list | None = None,
    verify_call=None,
):
    """The wizard walked to the verify page; seen gets (cpu_chosen, environment) per check.

    report: the recorded report, or a list of them (one per check, the last one repeated);
    verify_call: the real check instead (then report is None)."""
    calls = []
    reports = list(report) if isinstance(report, list) else [report]

    def recorded(python, prof, cpu_chosen=False, environment=None):
        calls.append(python)
        if seen is not None:
            seen.append((cpu_chosen, environment))
        answer = reports[min(len(calls), len(reports)) - 1]
        return lambda reporter, cancel: answer

    shown = scanned or profile()
    w = SetupWizard(scan_call=lambda reporter, cancel: shown, verify_call=verify_call or recorded)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    w.show_every_page = True
    # The toolkit and cuDNN pages read NVIDIA's manifests on entry: a closed port, never the net.
    w.toolkit_page.mirror = w.cudnn_page.mirror = closed_port_url()
    while w.currentId() != VERIFY:
        w.next()
    qtbot.waitUntil(lambda: w.verify_page.report is not None, timeout=10000)
    return w, calls


def test_working_gpu_report(qtbot):
    w, calls = open_verify(qtbot, WORKING)
    page = w.verify_page
    assert calls == [r"C:\Users\홍길동\venv\Scripts\python.exe"]
    assert "works on the GPU" in page.headline.text()
    statuses = {row.key: row.status for row in page.table.rows}
    assert statuses["torch"] == OK and statuses["cuda"] == OK and statuses["device0"] == OK
    assert page.fix_buttons == []


def test_cpu_build_on_gpu_machine_offers_the_fix(qtbot, tmp_path):
    w, _ = open_verify(qtbot, GPU_CPU_BUILD)
    page = w.verify_page
    # the headline names the problem, in its row's words; the row is not green
    assert "CUDA available: the CPU build is installed" in page.headline.text()
    assert page.table.status_of("cuda") == PROBLEM
    row = next(r for r in page.table.rows if r.key == "cuda")
    assert row.detail == "the CPU build is installed"
    (button,) = page.fix_buttons
    assert button.text() == "Reinstall with the CUDA build"
    page.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "cpu_build_with_gpu" in copied
    assert str(Path.home()) not in copied and "~/venv/bin/python" in copied  # redacted
    saved = page.save_report(str(tmp_path / "보고서.md"))
    assert saved and "PyTorch check: has a problem" in (tmp_path / "보고서.md").read_text("utf-8")
    button.click()
    assert w.currentId() == page_id("install")
    assert w.plan.compute == "cu126"
    assert "cu126" in w.install_page.command.toPlainText()
    assert w.install_page.request.force  # the broken build is removed first, then reinstalled
    assert w.install_page.start_button.isEnabled() and not w.install_page.isComplete()


def recorded_report(name: str, gpus: list) -> dict:
    import json
    from dataclasses import asdict

    from app.steps.verify import diagnose

    raw = json.loads((Path(__file__).parents[1] / "fixtures" / "verify" / name).read_text("utf-8"))
    python = "/home/u/venv/bin/python"
    report = diagnose(raw, python=python, gpus_expected=[asdict(g) for g in gpus])
    return report.to_dict()


def test_a_working_xpu_build_is_said_to_work_on_the_gpu(qtbot, monkeypatch):
    arc = GPU("Intel Arc A770", vendor="intel", arch="alchemist", pci_id="8086:56a0")
    report = recorded_report("linux_arc_a770_xpu_ok.json", [arc])
    assert report["ok"] and not report["cuda_available"]  # torch.cuda knows nothing of XPU
    w, _ = open_verify(qtbot, report)
    assert "works on the GPU" in w.verify_page.headline.text()


def test_the_plans_variables_reach_the_check(qtbot):
    """An RX 6700 XT plan needs HSA_OVERRIDE_GFX_VERSION: the check runs with it set, as the
    user was told to set it."""
    recorded_profile = SystemProfile.load(
        Path(__file__).parents[1] / "fixtures" / "profiles" / "linux-amd-rx6700xt.json"
    )
    seen: list = []
    w, _ = open_verify(qtbot, WORKING, recorded_profile, seen)
    assert w.plan.compute.startswith("rocm")
    assert seen == [(False, {"HSA_OVERRIDE_GFX_VERSION": "10.3.0"})]


# --- issue 18: a fix's result is verified -------------------------------------------------

VISION_BROKEN = {
    "schema": "pytorch-setup/verify/1",
    "python": "/home/me/venv/bin/python",
    "torch": {"version": "2.13.0+cpu", "cuda": None, "cudnn": None},
    "cuda_available": False,
    "devices": [],
    "nvcc": None,
    "ok": False,
    "findings": [
        {
            "code": "vision_mismatch",
            "severity": "error",
            "message": "torchvision 0.28.0 does not work with this PyTorch: RuntimeError: "
            "operator torchvision::nms does not exist. PyTorch 2.13.0+cpu needs torchvision "
            "0.28.0; install the matching version.",
            "fix": {
                "action": "command",
                "command": [],  # each test puts a real command here
                "label": "Reinstall torchvision 0.28.0",
                "run": True,
            },
        },
    ],
    "extra": {"backend": "cpu", "torchvision": "0.28.0"},
}


def linux_cpu_profile(python: str) -> SystemProfile:
    return SystemProfile(
        os=OSInfo("linux", "Ubuntu 24.04"), arch="x86_64", python=PythonEnv("3.11.9", python)
    )


def broken_with_fix(command: list[str]) -> dict:
    import copy

    report = copy.deepcopy(VISION_BROKEN)
    report["findings"][0]["fix"]["command"] = command
    return report


def click_fix_and_wait(qtbot, page, words: str) -> None:
    (button,) = page.fix_buttons
    assert button.text() == "Reinstall torchvision 0.28.0"
    button.click()
    assert not page.rerun_button.isEnabled() and not button.isEnabled()  # one thing at a time
    qtbot.waitUntil(lambda: words in page.fix_result.text(), timeout=240000)
    qtbot.waitUntil(lambda: page.worker is None and page.rerun_button.isEnabled(), timeout=10000)


def test_the_row_and_the_headline_name_the_broken_torchvision(qtbot):
    w, _ = open_verify(
        qtbot, broken_with_fix(["true"]), linux_cpu_profile("/home/me/venv/bin/python")
    )
    page = w.verify_page
    assert "torchvision: does not work with this PyTorch" in page.headline.text()
    assert "Something is wrong" not in page.headline.text()
    row = next(r for r in page.table.rows if r.key == "torchvision")
    assert (row.value, row.status, row.detail) == (
        "0.28.0",
        PROBLEM,
        "does not work with this PyTorch",
    )
    shown_rows = [page.table.item(i, 2).text() for i in range(page.table.rowCount())]
    assert "0.28.0" in shown_rows and page.fix_result.isHidden()


def test_a_fix_that_changes_nothing_says_so(qtbot):
    """The old fix: pip is satisfied by the broken copy, exits 0, and nothing changes."""
    said = "Requirement already satisfied: torchvision==0.28.0"
    report = broken_with_fix([sys.executable, "-c", f"print({said!r})"])
    w, calls = open_verify(qtbot, report, linux_cpu_profile("/home/me/venv/bin/python"))
    page = w.verify_page
    click_fix_and_wait(qtbot, page, "did not fix")
    assert len(calls) == 2  # the check ran again after the fix
    text = page.fix_result.text()
    assert "Reinstall torchvision 0.28.0" in text
    assert "torchvision: does not work with this PyTorch" in text
    assert said in w.log.text()


def test_a_fix_whose_command_fails_says_why(qtbot):
    error = "ERROR: No matching distribution found for torchvision==0.28.0"
    report = broken_with_fix([sys.executable, "-c", f"import sys; print({error!r}); sys.exit(1)"])
    w, calls = open_verify(qtbot, report, linux_cpu_profile("/home/me/venv/bin/python"))
    page = w.verify_page
    click_fix_and_wait(qtbot, page, "failed")
    assert len(calls) == 2
    assert "exit code 1" in page.fix_result.text() and error in page.fix_result.text()
    assert "still there" in page.fix_result.text()


def test_a_reinstall_fix_is_judged_by_the_check_after_the_install(qtbot):
    fixed = copy_of(WORKING)
    w, calls = open_verify(qtbot, [GPU_CPU_BUILD, GPU_CPU_BUILD, fixed])
    page = w.verify_page
    (button,) = page.fix_buttons
    button.click()
    assert w.currentId() == page_id("install")
    # Next without installing: that check cannot say whether the reinstall worked
    while w.currentId() != VERIFY:
        w.next()
    qtbot.waitUntil(lambda: len(calls) == 2 and page.worker is None, timeout=10000)
    assert page.fix_result.isHidden()
    # the install ran (its page says so); the check after it judges the fix
    while w.currentId() != page_id("install"):
        w.back()
    w.install_page.installed = True
    while w.currentId() != VERIFY:
        w.next()
    qtbot.waitUntil(lambda: len(calls) == 3 and page.worker is None, timeout=10000)
    assert "“Reinstall with the CUDA build” worked" in page.fix_result.text()
    assert page.table.status_of("cuda") == OK


def copy_of(report: dict) -> dict:
    import copy

    return copy.deepcopy(report)


@pytest.mark.slow
def test_the_torchvision_fix_repairs_a_real_environment(qtbot, tmp_path, monkeypatch):
    """Issue 18's walk with real parts: a venv whose torchvision 0.28.0 fails to import, the real
    check, the fix button, a real pip against PyTorch's CPU index (served on loopback), and
    the check again, which finds it working."""
    from app.compat.knowledge import Knowledge
    from tests.loopback import serve_files
    from tests.vision_env import (
        broken_vision_env,
        cpu_index_files,
        installed_version,
        isolate_pip,
    )
    from ui.pages.verify_page import real_verify

    python = broken_vision_env(tmp_path / "토치 vision env")
    isolate_pip(monkeypatch)
    with serve_files(cpu_index_files()) as index:
        monkeypatch.setattr(
            Knowledge, "index_url", lambda self, variant: f"{index.url}/whl/{variant}"
        )
        w, _ = open_verify(qtbot, None, linux_cpu_profile(python), verify_call=real_verify)
        page = w.verify_page
        assert "torchvision: does not work with this PyTorch" in page.headline.text()
        row = next(r for r in page.table.rows if r.key == "torchvision")
        assert (row.value, row.status) == ("0.28.0", PROBLEM)  # not "(unknown version)"
        click_fix_and_wait(qtbot, page, "worked")
    assert installed_version(python) == "0.28.0+cpu"
    assert "PyTorch 2.13.0+cpu works on the CPU" in page.headline.text()
    row = next(r for r in page.table.rows if r.key == "torchvision")
    assert (row.value, row.status) == ("0.28.0+cpu", OK)
    assert page.fix_buttons == []
    assert "Successfully installed torchvision" in w.log.text()


def test_closing_while_a_fix_runs_asks_first_and_yes_stops_it(qtbot):
    """A fix is pip changing the user's environment: closing asks, as during an install."""
    from PySide6.QtWidgets import QMessageBox

    report = broken_with_fix(
        [sys.executable, "-c", "import time; print('fixing', flush=True); time.sleep(60)"]
    )
    w, _ = open_verify(qtbot, report, linux_cpu_profile("/home/me/venv/bin/python"))
    page = w.verify_page
    (button,) = page.fix_buttons
    button.click()
    qtbot.waitUntil(lambda: "fixing" in w.log.text(), timeout=30000)
    assert [sentence for _, sentence in w.work_running()] == [
        "A fix is changing the PyTorch environment."
    ]
    w.close()
    qtbot.waitUntil(lambda: w.question is not None and w.question.isVisible(), timeout=5000)
    box = w.question
    assert (
        box.text() + " " + box.informativeText()
        == "A fix is changing the PyTorch environment. Stop it and quit?"
    )
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=20000)
    assert page.fix_worker is None or not page.fix_worker.is_running()
