"""The verify page shows a recorded report's rows and findings, and its fixes act."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication

from app.profile import GPU, Driver, OSInfo, PythonEnv, SystemProfile
from app.scan.summary import OK, PROBLEM
from ui.wizard import PAGE_NAMES, SetupWizard

VERIFY = PAGE_NAMES.index("verify")

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


def open_verify(qtbot, report, scanned: SystemProfile | None = None, seen: list | None = None):
    """The wizard walked to the verify page; seen gets (cpu_chosen, environment) per check."""
    calls = []

    def recorded(python, prof, cpu_chosen=False, environment=None):
        calls.append(python)
        if seen is not None:
            seen.append((cpu_chosen, environment))
        return lambda reporter, cancel: report

    shown = scanned or profile()
    w = SetupWizard(scan_call=lambda reporter, cancel: shown, verify_call=recorded)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    w.show_every_page = True
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
    assert w.currentId() == PAGE_NAMES.index("install")
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
