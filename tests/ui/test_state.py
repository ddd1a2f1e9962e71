"""ui.state: the facts pages share, their signals, and page ids by name."""

from __future__ import annotations

import pytest

from ui.state import PAGE_NAMES, WizardState, page_id


def test_page_ids_by_name_follow_the_wizard_order():
    assert [page_id(name) for name in PAGE_NAMES] == list(range(len(PAGE_NAMES)))
    assert page_id("install") > page_id("summary")
    with pytest.raises(ValueError, match="no wizard page is called 'instal'"):
        page_id("instal")


def test_setters_emit_only_when_the_value_changes(qtbot):
    state = WizardState()
    seen: list[tuple[str, object]] = []
    state.plan_changed.connect(lambda plan: seen.append(("plan", plan)))
    state.toolkit_changed.connect(lambda folder: seen.append(("toolkit", folder)))
    state.torch_installed_changed.connect(lambda done: seen.append(("torch", done)))
    plan = object()
    state.set_plan(plan)  # type: ignore[arg-type]
    state.set_plan(plan)  # type: ignore[arg-type]  # the same plan: no signal
    state.set_installed_toolkit("/opt/cuda 12.6")
    state.set_installed_toolkit("/opt/cuda 12.6")
    state.set_torch_installed(True)
    state.set_torch_installed(True)
    state.set_torch_installed(False)
    assert seen == [
        ("plan", plan),
        ("toolkit", "/opt/cuda 12.6"),
        ("torch", True),
        ("torch", False),
    ]
    assert state.plan is plan and state.installed_toolkit == "/opt/cuda 12.6"


def test_the_toolkit_installed_here_comes_before_a_scanned_one(qtbot):
    from app.profile import OSInfo, PythonEnv, SystemProfile, Toolkit

    state = WizardState()
    assert state.chosen_toolkit() is None  # nothing scanned, nothing installed
    state.set_profile(
        SystemProfile(
            os=OSInfo("windows", "10.0.22631", False, "Windows 11"),
            arch="x86_64",
            python=PythonEnv("3.12.4", r"C:\Users\홍길동\venv\Scripts\python.exe", "venv", 64),
            toolkits=[
                Toolkit("11.8", r"C:\CUDA\v11.8"),  # no nvcc: listed, not preferred
                Toolkit("12.6", r"C:\CUDA\v12.6", nvcc=r"C:\CUDA\v12.6\bin\nvcc.exe"),
            ],
        )
    )
    assert state.chosen_toolkit() == r"C:\CUDA\v12.6"
    assert state.platform() == "windows-x86_64"
    state.set_installed_toolkit(r"C:\Users\홍길동\cuda-12.8")
    assert state.chosen_toolkit() == r"C:\Users\홍길동\cuda-12.8"


def test_platform_before_a_scan_is_linux_x86_64(qtbot):
    assert WizardState().platform() == "linux-x86_64"
