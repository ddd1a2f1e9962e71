"""The PATH page with the Windows backend (an in-memory registry with the real one's interface):
it says when the user's CUDA_PATH will hide NVIDIA's machine-wide one, and it offers nothing to
apply for a toolkit already on the system PATH."""

from __future__ import annotations

import pytest

from app.steps.pathreg.registry import REG_EXPAND_SZ, REG_SZ, InMemoryRegistry
from app.steps.pathreg.windows import WindowsBackend
from tests.ui.test_cudnn_path_pages import open_page
from tests.unit.test_path_windows import make_toolkit, win

pytestmark = pytest.mark.windows

ENV = {"SystemRoot": r"C:\Windows", "USERPROFILE": r"C:\Users\홍길동"}


def test_the_page_warns_that_the_new_user_cuda_path_hides_nvidias(qtbot, tmp_path):
    nvidia = make_toolkit(tmp_path / "NVIDIA GPU Computing Toolkit" / "CUDA" / "v12.6", "12.6.3")
    mine = make_toolkit(tmp_path / "홍길동" / "cuda 13", "13.0.1")
    registry = InMemoryRegistry(
        {"Path": (r"%USERPROFILE%\bin", REG_EXPAND_SZ)},
        machine={"CUDA_PATH": (str(nvidia), REG_SZ)},  # a real folder here, also on Linux
    )
    w, page = open_page(qtbot, "path")
    page.backend = WindowsBackend(registry, environ=ENV)
    page.toolkit.set_text(str(mine))
    page.refresh()
    text = page.warnings.text()
    assert "⚠ Two CUDA_PATH settings disagree" in text and "(CUDA 12.6)" in text
    assert "Yours wins: programs that read CUDA_PATH use " + win(mine) in text
    page.apply_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.undo_button.isEnabled(), timeout=10000)
    assert registry.values["CUDA_PATH"] == (win(mine), REG_SZ)
    assert "Already registered" in page.warnings.text() and "Yours wins" in page.warnings.text()
    page.undo_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.apply_button.isEnabled(), timeout=10000)
    assert registry.values == {"Path": (r"%USERPROFILE%\bin", REG_EXPAND_SZ)}


def test_a_toolkit_on_the_system_path_has_nothing_to_apply(qtbot, tmp_path):
    nvidia = make_toolkit(tmp_path / "NVIDIA GPU Computing Toolkit" / "CUDA" / "v12.6", "12.6.3")
    machine = {
        "Path": (r"%SystemRoot%\system32;%CUDA_PATH%\bin", REG_EXPAND_SZ),
        "CUDA_PATH": (win(nvidia), REG_SZ),
        "CUDA_PATH_V12_6": (win(nvidia), REG_SZ),
    }
    registry = InMemoryRegistry(machine=machine)
    w, page = open_page(qtbot, "path")
    page.backend = WindowsBackend(registry, environ=ENV)
    page.toolkit.set_text(str(nvidia))
    page.refresh()
    assert "✔ Already registered" in page.warnings.text()
    assert "already on the system PATH" in page.warnings.text()
    assert not page.apply_button.isEnabled() and registry.operations == []
