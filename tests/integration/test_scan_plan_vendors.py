"""Recorded machine → scan → plan: the whole way for each GPU vendor. The scan reads a recorded
sysfs tree (tests/fixtures/sysfs) and recorded NVML answers; the planner then picks the build
this machine's GPU can run, from the bundled knowledge (offline, as in every test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.compat import make_plan
from app.compat.knowledge import knowledge
from app.scan import adapters
from tests.integration.test_scan_adapters import HYBRID_NVML, machine, program, scan_of
from tests.nvml_recorded import RecordedNvml

pytestmark = pytest.mark.skipif(
    __import__("os").name == "nt", reason="PCI addresses hold ':', which Windows file names cannot"
)

ROCM_INDEX = "https://download.pytorch.org/whl/"


@pytest.mark.parametrize(
    ("name", "compute", "codes", "said"),
    [
        ("rx7900xtx", "rocm7.2", set(), "gfx1100"),
        ("rx6700xt", "rocm7.2", {"rocm_override"}, "HSA_OVERRIDE_GFX_VERSION=10.3.0"),
        ("mi300x", "rocm7.2", set(), "gfx942"),
        ("mi300x_cpx", "rocm7.2", set(), "gfx942"),
        ("arc_a770", "xpu", set(), "alchemist"),
        ("core_ultra_igpu", "xpu", set(), "meteor-lake"),
        ("ryzen_780m_apu", "cpu", {"rocm_gpu_unsupported"}, "gfx1103"),
        ("amd_no_kfd", "cpu", {"amd_driver_missing"}, "amdgpu"),
    ],
)
def test_recorded_machine_gets_the_build_for_its_gpu(name, compute, codes, said, tmp_path):
    profile, _ = scan_of(machine(name, tmp_path))
    plan = make_plan(profile)
    assert not plan.blocked, plan.blockers
    assert plan.compute == compute
    assert codes <= {w.code for w in plan.warnings}
    text = " ".join([*plan.reasons, *(w.message for w in plan.warnings)])
    assert said in text
    if compute != "cpu":  # a build PyTorch's own index serves for the planned release
        release = knowledge().find(plan.torch)[0]
        builds = [*release.rocm("linux-x86_64"), *(["xpu"] if release.xpu("linux-x86_64") else [])]
        assert compute in builds and plan.index_url == ROCM_INDEX + compute
    assert plan.environment == (
        {"HSA_OVERRIDE_GFX_VERSION": "10.3.0"} if name == "rx6700xt" else {}
    )


def test_hybrid_laptop_uses_the_rtx_and_says_why_not_the_igpu(tmp_path):
    profile, _ = scan_of(machine("rtx_arc_hybrid", tmp_path), nvml=RecordedNvml(HYBRID_NVML))
    plan = make_plan(profile)
    assert plan.compute.startswith("cu")
    assert any("Not used: Intel Arc Graphics" in r for r in plan.reasons)


def test_hybrid_laptop_without_its_nvidia_driver_uses_the_igpu_and_names_the_driver(tmp_path):
    profile, _ = scan_of(machine("rtx_arc_hybrid", tmp_path))
    plan = make_plan(profile)
    assert plan.compute == "xpu"
    assert any("no working NVIDIA driver" in r for r in plan.reasons)


def test_a_user_outside_the_render_group_is_told_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(adapters, "can_open_rw", lambda path: not path.endswith("/dev/kfd"))
    profile, _ = scan_of(machine("rx7900xtx", tmp_path))
    plan = make_plan(profile)
    assert plan.compute == "rocm7.2"
    (notice,) = [w for w in plan.warnings if w.code == "gpu_no_access"]
    assert "usermod -a -G render,video" in notice.message


def test_rocm_tools_name_the_target_the_kernel_did_not(tmp_path):
    root: Path = machine("amd_no_kfd", tmp_path)
    program(root / "opt" / "rocm" / "bin", "rocm_agent_enumerator", "gfx000\ngfx1101")
    profile, _ = scan_of(root)
    assert make_plan(profile).compute == "rocm7.2"
