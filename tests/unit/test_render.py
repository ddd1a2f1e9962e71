"""A plan as text: builds named as people name them, whichever GPU vendor they are for."""

from __future__ import annotations

import pytest

from app.compat.plan import Notice, Plan
from app.compat.render import compute_label, compute_vendor, render_plan


@pytest.mark.parametrize(
    ("compute", "label", "vendor"),
    [
        ("cu126", "CUDA 12.6 (cu126)", "nvidia"),
        ("cu118", "CUDA 11.8 (cu118)", "nvidia"),
        ("cu102", "CUDA 10.2 (cu102)", "nvidia"),
        ("rocm7.2", "AMD ROCm 7.2 (rocm7.2)", "amd"),
        ("rocm6.2.4", "AMD ROCm 6.2.4 (rocm6.2.4)", "amd"),
        ("xpu", "Intel GPU (XPU)", "intel"),
        ("mps", "Apple GPU (MPS)", "apple"),
        ("cpu", "CPU", ""),
        ("cuda", "cuda", ""),  # not a build name: shown as it is, no vendor claimed
    ],
)
def test_build_names_and_vendors(compute, label, vendor):
    assert compute_label(compute) == label
    assert compute_vendor(compute) == vendor


def test_rendered_plan_names_the_build_its_command_and_warnings():
    url = "https://download.pytorch.org/whl/rocm7.2"
    plan = Plan(
        compute="rocm7.2",
        torch="2.13.0",
        packages={"torch": "2.13.0"},
        commands=[["python", "-m", "pip", "install", "torch==2.13.0", "--index-url", url]],
        warnings=[Notice("rocm_override", "An unsupported workaround.")],
        reasons=["The RX 6700 XT is gfx1031."],
    )
    text = render_plan(plan)
    assert text.splitlines()[0] == "PyTorch 2.13.0, AMD ROCm 7.2 (rocm7.2), with pip:"
    assert f"--index-url {url}" in text
    assert (
        "  [warn] An unsupported workaround." in text and "  - The RX 6700 XT is gfx1031." in text
    )
