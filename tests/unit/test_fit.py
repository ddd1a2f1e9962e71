"""fit_problems over recorded profiles: a plan made on one PC, checked against another; each
reason a teacher would need (OS, CPU, Python, GPU vendor, GPU kernels, driver) in one line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.compat import Choices, make_plan
from app.compat.plan import Plan
from app.lab.fit import fit_problems
from app.profile import Driver, SystemProfile

PROFILES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"


def recorded(name: str) -> SystemProfile:
    return SystemProfile.load(PROFILES / name)


def plan_for(name: str, **choices) -> Plan:
    plan = make_plan(recorded(name), Choices(**choices))
    assert not plan.blocked, plan.blockers
    return plan


def codes_and_messages(plan: Plan, pc: SystemProfile) -> list[tuple[str, str]]:
    return [(n.code, n.message) for n in fit_problems(plan, pc)]


@pytest.mark.parametrize(
    "name",
    [
        "linux-rtx4090-driver550.json",
        "rtx5090-driver575-linux.json",
        "linux-amd-rx7900xtx.json",
        "linux-amd-rx6700xt.json",  # the plan's own HSA override
        "linux-intel-arc-a770.json",
        "windows-intel-arc-a770.json",
        "macos-14-m2.json",
        "seed-windows-rtx3060.json",
    ],
)
def test_a_plan_fits_the_pc_it_was_made_for(name):
    assert fit_problems(plan_for(name), recorded(name)) == []


def test_a_cuda_plan_fits_a_pc_with_another_nvidia_gpu_the_build_runs():
    plan = plan_for("rtx5090-driver575-linux.json")  # cu128: kernels for 8.9 and 12.0
    assert fit_problems(plan, recorded("linux-rtx4090-driver550.json")) == []


def test_an_nvidia_plan_on_a_pc_without_nvidia_gpu_is_refused():
    plan = plan_for("linux-rtx4090-driver550.json")
    amd = codes_and_messages(plan, recorded("linux-amd-rx7900xtx.json"))
    assert amd == [
        ("fit_no_gpu", "This plan is for an NVIDIA GPU (cu126); this PC has none (its GPUs: AMD).")
    ]
    bare = replace(recorded("linux-rtx4090-driver550.json"), gpus=[], driver=None)
    assert codes_and_messages(plan, bare) == [
        ("fit_no_gpu", "This plan is for an NVIDIA GPU (cu126); this PC has none.")
    ]


def test_a_gpu_the_build_has_no_kernels_for_is_named():
    plan = plan_for("linux-rtx4090-driver550.json")  # cu126 of 2.14.1: no sm_120
    [(code, message)] = codes_and_messages(plan, recorded("rtx5090-driver575-linux.json"))
    assert code == "fit_gpu_arch"
    assert "has no kernels for RTX 5090" in message and message.startswith("On this PC: ")


def test_a_driver_too_old_for_the_build_is_named():
    plan = plan_for("linux-rtx4090-driver550.json")
    old = replace(recorded("linux-rtx4090-driver550.json"), driver=Driver("470.82.01", "11.4"))
    [(code, message)] = codes_and_messages(plan, old)
    assert code == "fit_driver"
    assert "needs NVIDIA driver 525.60.13 or newer; this PC has 470.82.01" in message
    no_driver = replace(old, driver=None)
    assert [c for c, _ in codes_and_messages(plan, no_driver)] == ["fit_driver"]


def test_a_python_the_release_does_not_support_is_named():
    plan = plan_for("linux-rtx4090-driver550.json", torch="2.4.1")  # Python 3.8 to 3.12
    pc = recorded("linux-rtx4090-driver550.json")
    newer = replace(pc, python=replace(pc.python, version="3.13.1"))
    [(code, message)] = codes_and_messages(plan, newer)
    assert code == "fit_python"
    assert "Python 3.13 is too new: PyTorch 2.4.1 supports Python 3.8 to 3.12" in message
    older = recorded("windows-rtx3060-driver465-py38-hong.json")  # Python 3.8
    newest = plan_for("windows-rtx4060-laptop-arc-igpu.json")  # 2.14.1: Python 3.10+
    assert [c for c, _ in codes_and_messages(newest, older)] == ["fit_python"]


def test_another_os_is_refused_before_anything_else_is_compared():
    plan = plan_for("seed-windows-rtx3060.json")
    assert codes_and_messages(plan, recorded("linux-rtx4090-driver550.json")) == [
        ("fit_os", "This plan is for Windows; this PC runs Linux.")
    ]


def test_another_cpu_architecture_is_refused_and_arm_spellings_are_one():
    plan = plan_for("linux-rtx4090-driver550.json", compute="cpu")
    pc = recorded("linux-rtx4090-driver550.json")
    assert codes_and_messages(plan, replace(pc, arch="aarch64")) == [
        ("fit_arch", "This plan is for x86_64 processors; this PC has arm64.")
    ]
    arm_plan = replace(plan, made_for={**plan.made_for, "arch": "arm64"})
    assert fit_problems(arm_plan, replace(pc, arch="aarch64")) == []
    mac = plan_for("macos-14-m2.json")
    assert [c for c, _ in codes_and_messages(mac, pc)] == ["fit_os", "fit_arch"]


def test_an_mps_plan_without_made_for_is_still_refused_off_apple_silicon():
    plan = replace(plan_for("macos-14-m2.json"), made_for={})  # an older or hand-made file
    assert codes_and_messages(plan, recorded("linux-rtx4090-driver550.json")) == [
        ("fit_no_gpu", "This plan is for a Mac with Apple silicon (mps); this PC is not one.")
    ]


def test_amd_plans_need_an_amd_gpu_with_its_driver_and_the_override_it_needs():
    plan = plan_for("linux-amd-rx7900xtx.json")  # rocm7.2, gfx1100 native
    assert codes_and_messages(plan, recorded("linux-rtx4090-driver550.json")) == [
        (
            "fit_no_gpu",
            "This plan is for an AMD GPU (rocm7.2); this PC has none (its GPUs: NVIDIA).",
        )
    ]
    assert codes_and_messages(plan, recorded("linux-amd-no-amdgpu.json")) == [
        (
            "fit_no_gpu",
            "This plan is for an AMD GPU (rocm7.2); this PC's AMD GPU cannot be used: the "
            "amdgpu driver is not loaded.",
        )
    ]
    # An RX 6700 XT (gfx1031) runs the build only with HSA_OVERRIDE_GFX_VERSION=10.3.0.
    [(code, message)] = codes_and_messages(plan, recorded("linux-amd-rx6700xt.json"))
    assert code == "fit_gpu_arch" and "HSA_OVERRIDE_GFX_VERSION=10.3.0" in message
    # The other way round: the override the plan carries does no harm on a gfx1100 PC.
    with_override = plan_for("linux-amd-rx6700xt.json")
    assert fit_problems(with_override, recorded("linux-amd-rx7900xtx.json")) == []


def test_an_intel_plan_needs_an_intel_gpu():
    plan = plan_for("linux-intel-arc-a770.json")
    assert codes_and_messages(plan, recorded("linux-amd-rx7900xtx.json")) == [
        ("fit_no_gpu", "This plan is for an Intel GPU (xpu); this PC has none (its GPUs: AMD).")
    ]


def test_a_release_this_assistant_does_not_know_is_named():
    plan = replace(plan_for("linux-rtx4090-driver550.json"), torch="9.9.9")
    [(code, message)] = codes_and_messages(plan, recorded("linux-rtx4090-driver550.json"))
    assert code == "fit_unknown_release" and "9.9.9" in message


def test_a_cpu_plan_fits_any_pc_of_its_os_and_cpu():
    plan = plan_for("linux-amd-780m-apu.json")
    assert plan.compute == "cpu"
    for name in ("linux-rtx4090-driver550.json", "linux-amd-rx7900xtx.json"):
        assert fit_problems(plan, recorded(name)) == []


def test_a_pc_without_a_python_is_refused_with_what_to_do():
    plan = plan_for("linux-rtx4090-driver550.json", compute="cpu")
    pc = recorded("linux-rtx4090-driver550.json")
    bare = replace(pc, python=replace(pc.python, version="", problems=["no Python was found"]))
    assert codes_and_messages(plan, bare) == [
        (
            "fit_python",
            f"No Python to install PyTorch {plan.torch} into was found on this PC (no Python was "
            "found): install a Python it supports, or give --python EXE.",
        )
    ]
