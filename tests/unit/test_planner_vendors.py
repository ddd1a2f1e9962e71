"""The planner for AMD (ROCm), Intel (XPU) and Apple (MPS) GPUs, over recorded profiles
(tests/fixtures/profiles/): one row per machine with the build, release, index and warnings it
must get and a phrase of the reason that says why; then builds chosen by hand, machines with
GPUs of several vendors, the ROCm and XPU builds of a release the indexes list, and
`plan --json` through the real CLI.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from packaging.version import Version

from app.compat import Choices, make_plan
from app.compat.index_facts import IndexFacts, Row
from app.compat.index_releases import series_from_index
from app.compat.knowledge import Knowledge, Release, resource
from app.compat.plan import Plan
from app.compat.sources import current_facts
from app.profile import GPU, Driver, OSInfo, PythonEnv, SystemProfile

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ROOT / "tests" / "fixtures" / "profiles"
IDX = "https://download.pytorch.org/whl/"
OVERRIDE = "HSA_OVERRIDE_GFX_VERSION"
# The warnings this feature adds: a row names the ones its plan must have, and none of the
# others may appear.
VENDOR_CODES = {
    "rocm_builds_unknown",
    "rocm_targets_unknown",
    "rocm_limits_torch",
    "rocm_override",
    "rocm_gpu_unsupported",
    "rocm_without_gpu",
    "gpu_arch_unknown",
    "amd_driver_missing",
    "gpu_no_access",
    "amd_windows_preview",
    "xpu_builds_unknown",
    "xpu_unavailable",
    "xpu_without_gpu",
    "xpu_gpu_unvalidated",
    "mps_needs_macos",
    "companion_missing",
}


def recorded(name: str) -> SystemProfile:
    return SystemProfile.load(PROFILES / name)


def all_text(plan: Plan) -> str:
    return " ".join([*plan.reasons, *(n.message for n in plan.warnings + plan.blockers)])


def codes(plan: Plan) -> set[str]:
    return {w.code for w in plan.warnings}


@dataclass
class Expect:
    profile: str
    compute: str
    torch: str
    index: str | None  # None: PyPI
    warnings: set[str] = field(default_factory=set)
    phrase: str = ""  # in the reasons or warnings: says why
    environment: dict[str, str] = field(default_factory=dict)


ROWS = [
    Expect(
        "linux-amd-rx7900xtx.json",
        "rocm7.2",
        "2.14.1",
        IDX + "rocm7.2",
        {"rocm_builds_unknown"},
        "has the gfx1100 target; the rocm7.2 build of PyTorch 2.14.1 carries kernels for it",
    ),
    Expect(
        "linux-amd-rx6700xt.json",
        "rocm7.2",
        "2.14.1",
        IDX + "rocm7.2",
        {"rocm_override", "rocm_builds_unknown"},
        "set HSA_OVERRIDE_GFX_VERSION=10.3.0 wherever PyTorch runs",
        {OVERRIDE: "10.3.0"},
    ),
    Expect(
        "linux-amd-mi300x.json",
        "rocm7.2",
        "2.14.1",
        IDX + "rocm7.2",
        {"rocm_builds_unknown"},
        "AMD Instinct MI300X has the gfx942 target",
    ),
    Expect(
        "linux-amd-780m-apu.json",
        "cpu",
        "2.15.0",
        IDX + "cpu",
        {"rocm_gpu_unsupported"},
        "programs hang with HSA_OVERRIDE_GFX_VERSION=11.0.0",
    ),
    Expect(
        "linux-amd-rx5700xt.json",
        "cpu",
        "2.15.0",
        IDX + "cpu",
        {"rocm_gpu_unsupported"},
        "AMD Radeon RX 5700 XT (gfx1010) is not among the GPUs",
    ),
    Expect(
        "linux-amd-no-amdgpu.json",
        "cpu",
        "2.15.0",
        IDX + "cpu",
        {"amd_driver_missing"},
        "https://rocm.docs.amd.com/projects/install-on-linux/en/latest/",
    ),
    Expect(
        "linux-amd-no-kfd-access.json",
        "rocm7.2",
        "2.14.1",
        IDX + "rocm7.2",
        {"gpu_no_access", "rocm_builds_unknown"},
        "`sudo usermod -a -G render,video $USER`, then log out and back in",
    ),
    Expect(
        "windows-amd-rx7900xtx.json",
        "cpu",
        "2.15.0",
        None,
        {"amd_windows_preview"},
        "for Python 3.12",
    ),
    Expect(
        "linux-intel-arc-a770.json",
        "xpu",
        "2.14.1",
        IDX + "xpu",
        {"xpu_builds_unknown"},
        "Intel's GPU driver with its compute runtime",
    ),
    Expect(
        "windows-intel-arc-a770.json",
        "xpu",
        "2.14.1",
        IDX + "xpu",
        {"xpu_builds_unknown"},
        "a discrete Intel GPU (alchemist)",
    ),
    Expect(
        "windows-intel-core-ultra-igpu.json",
        "xpu",
        "2.14.1",
        IDX + "xpu",
        {"xpu_builds_unknown"},
        "an Intel integrated GPU (meteor-lake)",
    ),
    Expect(
        "linux-intel-uhd630.json",
        "cpu",
        "2.15.0",
        IDX + "cpu",
        set(),
        "older Intel GPU that PyTorch's XPU build is not validated on",
    ),
    Expect(
        "windows-rtx4060-laptop-arc-igpu.json",
        "cu126",
        "2.14.1",
        IDX + "cu126",
        set(),
        "Not used: Intel(R) Arc(TM) Graphics (a PyTorch build runs on one kind of GPU",
    ),
    Expect("macos-14-m2.json", "mps", "2.15.0", None, set(), "through Metal (MPS)"),
    Expect(
        "macos-12.0-m1.json",
        "cpu",
        "2.11.0",
        None,
        {"mps_needs_macos"},
        "on macOS 12.3 or newer; this Mac has macOS 12.0",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.profile.removesuffix(".json") for r in ROWS])
def test_recorded_profiles_plan(row: Expect):
    plan = make_plan(recorded(row.profile), Choices())
    assert plan.blockers == [], plan.blockers
    assert (plan.compute, plan.torch) == (row.compute, row.torch), all_text(plan)
    assert plan.index_url == row.index
    assert row.warnings <= codes(plan), plan.warnings
    assert not (codes(plan) & VENDOR_CODES) - row.warnings, plan.warnings
    assert row.phrase in all_text(plan)
    assert plan.environment == row.environment
    if row.compute not in ("cpu", "mps") and not row.compute.startswith("cu"):
        assert plan.toolkit is None and plan.steps == ["install", "verify"]
        (command,) = plan.commands
        assert f"torch=={row.torch}" in command and command[-2:] == ["--index-url", row.index]


def test_the_recorded_profiles_have_the_new_gpu_fields():
    for row in ROWS:
        data = json.loads((PROFILES / row.profile).read_text(encoding="utf-8"))
        assert data["schema"] == "pytorch-setup/profile/1"
        for gpu in data["gpus"]:
            assert gpu["vendor"] in ("nvidia", "amd", "intel", "apple")
            assert "found_by" in gpu and ("pci_id" in gpu or gpu["vendor"] == "apple")


# -- builds chosen by hand -----------------------------------------------------------------


def test_a_chosen_rocm_build_is_checked_against_the_gfx():
    xtx = recorded("linux-amd-rx7900xtx.json")
    plan = make_plan(xtx, Choices(compute="rocm6.4"))
    assert (plan.torch, plan.compute, plan.index_url) == ("2.9.1", "rocm6.4", IDX + "rocm6.4")
    assert "the rocm6.4 build of PyTorch 2.9.1 carries kernels for it" in all_text(plan)
    assert not codes(plan) & VENDOR_CODES

    rdna1 = make_plan(recorded("linux-amd-rx5700xt.json"), Choices(compute="rocm7.2"))
    assert [b.code for b in rdna1.blockers] == ["rocm_gpu_unsupported"]
    assert "HIP error: invalid device function" in rdna1.blockers[0].message
    assert rdna1.compute is None and rdna1.commands == []

    rdna2 = make_plan(recorded("linux-amd-rx6700xt.json"), Choices(compute="rocm7.1"))
    assert (rdna2.compute, rdna2.environment) == ("rocm7.1", {OVERRIDE: "10.3.0"})
    assert "rocm_override" in codes(rdna2)


def test_a_chosen_old_rocm_build_whose_targets_are_unknown_is_said():
    mi300 = recorded("linux-amd-mi300x.json")
    mi300.python = replace(mi300.python, version="3.10.14")
    plan = make_plan(mi300, Choices(torch="1.13", compute="rocm5.2"))
    assert (plan.torch, plan.compute) == ("1.13.1", "rocm5.2")
    assert "rocm_targets_unknown" in codes(plan)
    assert plan.index_url == IDX + "rocm5.2"  # 1.13: --extra-index-url with +rocm5.2 pins
    assert "torch==1.13.1+rocm5.2" in plan.commands[0]


def test_a_chosen_build_without_its_gpu_is_said():
    cpu_only = SystemProfile(OSInfo("linux"), "x86_64", PythonEnv("3.12.4", "python"))
    xpu = make_plan(cpu_only, Choices(compute="xpu"))
    assert (xpu.compute, xpu.index_url) == ("xpu", IDX + "xpu") and "xpu_without_gpu" in codes(xpu)
    uhd = make_plan(recorded("linux-intel-uhd630.json"), Choices(compute="xpu"))
    assert uhd.compute == "xpu" and "xpu_gpu_unvalidated" in codes(uhd)
    old_mac = make_plan(recorded("macos-12.0-m1.json"), Choices(compute="mps"))
    assert old_mac.compute == "mps" and "mps_needs_macos" in codes(old_mac)


def test_xpu_on_windows_2_5_has_no_companions():
    plan = make_plan(recorded("windows-intel-arc-a770.json"), Choices(torch="2.5", compute="xpu"))
    assert (plan.torch, plan.compute) == ("2.5.1", "xpu")
    assert plan.packages == {"torch": "2.5.1"}
    assert "companion_missing" in codes(plan)
    linux = make_plan(recorded("linux-intel-arc-a770.json"), Choices(torch="2.5", compute="xpu"))
    assert set(linux.packages) == {"torch", "torchvision", "torchaudio"}


def test_xpu_before_2_5_does_not_exist():
    arc = recorded("linux-intel-arc-a770.json")
    blocked = make_plan(arc, Choices(torch="2.4", compute="xpu"))
    assert [b.code for b in blocked.blockers] == ["compute_unavailable"]
    arc.python = replace(arc.python, version="3.8.18")  # 2.4.1 is the newest for Python 3.8
    plan = make_plan(arc, Choices())
    assert (plan.torch, plan.compute) == ("2.4.1", "cpu") and "xpu_unavailable" in codes(plan)


# -- GPUs of several vendors ----------------------------------------------------------------

XTX = GPU("AMD Radeon RX 7900 XTX", "amd", arch="gfx1100", kernel_driver="amdgpu", found_by="kfd")
RX6700 = GPU("AMD Radeon RX 6700 XT", "amd", arch="gfx1031", kernel_driver="amdgpu")
APU_780M = GPU("AMD Radeon 780M", "amd", arch="gfx1103", kernel_driver="amdgpu", integrated=True)
A770 = GPU("Intel Arc A770", "intel", arch="alchemist", kernel_driver="i915", integrated=False)
MTL = GPU("Intel Arc Graphics", "intel", arch="meteor-lake", kernel_driver="xe", integrated=True)
GTX780 = GPU("NVIDIA GeForce GTX 780", compute_capability="3.5")


def machine(*gpus: GPU, os: str = "linux", arch: str = "x86_64", driver=None) -> SystemProfile:
    return SystemProfile(
        OSInfo(os),
        arch,
        PythonEnv("3.12.4", "python"),
        list(gpus),
        Driver(*driver) if driver else None,
    )


@pytest.mark.parametrize(
    ("gpus", "compute", "chosen", "not_used"),
    [
        ((MTL, XTX), "rocm7.2", "AMD Radeon RX 7900 XTX", "Intel Arc Graphics"),
        ((XTX, A770), "rocm7.2", "AMD Radeon RX 7900 XTX", "Intel Arc A770"),
        ((RX6700, A770), "xpu", "Intel Arc A770", "AMD Radeon RX 6700 XT"),  # workaround < Arc
        ((APU_780M, MTL), "xpu", "Intel Arc Graphics", "AMD Radeon 780M"),
    ],
    ids=["amd-over-igpu", "amd-over-arc", "arc-over-override", "igpu-over-unsupported-apu"],
)
def test_which_gpu_drives_the_plan(gpus, compute, chosen, not_used):
    plan = make_plan(machine(*gpus), Choices())
    assert plan.compute == compute, all_text(plan)
    assert f"{chosen} drives the plan:" in all_text(plan)
    assert f"{not_used} is not used:" in all_text(plan)
    assert OVERRIDE not in plan.environment  # the workaround only where it drives the plan


def test_an_unusable_nvidia_gpu_gives_way_to_an_intel_one():
    plan = make_plan(machine(GTX780, A770, driver=("470.82.01", "11.4")), Choices())
    assert plan.compute == "xpu"
    assert "GTX 780 cannot be used here: no CUDA build has kernels for it" in all_text(plan)
    assert "gpu_too_old" not in codes(plan)  # its "PyTorch will run on the CPU" is untrue here
    alone = make_plan(machine(GTX780, driver=("470.82.01", "11.4")), Choices())
    assert alone.compute == "cpu" and "gpu_too_old" in codes(alone)  # as before


def test_no_rocm_or_xpu_builds_off_linux_and_windows_x86_64():
    arm = make_plan(machine(XTX, A770, arch="aarch64"), Choices())
    assert arm.compute == "cpu"
    text = all_text(arm)
    assert "ROCm builds are for Linux on x86_64 only" in text
    assert "XPU builds are for Linux and Windows on x86_64 only" in text


def test_an_amd_gpu_of_unknown_gfx_gets_the_newest_rocm_build_with_a_warning():
    plan = make_plan(
        machine(GPU("AMD Radeon RX 7800 XT", "amd", kernel_driver="amdgpu")), Choices()
    )
    assert (plan.torch, plan.compute) == ("2.14.1", "rocm7.2")
    assert "gpu_arch_unknown" in codes(plan)


class WithoutGfx1100(Knowledge):
    """The bundled knowledge, but the ROCm 7 builds lack gfx1100 (as if it had been dropped)."""

    def rocm_targets(self, variant: str) -> list[str] | None:
        targets = super().rocm_targets(variant)
        if targets is not None and variant.startswith("rocm7"):
            return [t for t in targets if t != "gfx1100"]
        return targets


def test_a_newer_release_whose_rocm_builds_lack_the_gfx_is_said():
    kb = WithoutGfx1100(current_facts())
    plan = make_plan(recorded("linux-amd-rx7900xtx.json"), Choices(), kb=kb)
    assert (plan.torch, plan.compute) == ("2.9.1", "rocm6.4")
    assert {"rocm_builds_unknown", "rocm_limits_torch"} <= codes(plan)
    assert "The ROCm builds of PyTorch 2.14.1 (rocm7.2) carry no kernels for gfx1100" in all_text(
        plan
    )


def test_old_nvidia_only_profiles_are_untouched_by_the_new_data():
    """A profile without the new fields plans as before: no vendor notes, no environment."""
    plan = make_plan(
        machine(
            GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6"), driver=("560.35.03", "12.6")
        ),
        Choices(),
    )
    assert plan.compute == "cu126" and plan.environment == {}
    assert not codes(plan) & VENDOR_CODES
    assert not any("not used" in r.lower() for r in plan.reasons)


# -- what the indexes list --------------------------------------------------------------------


def index_of(*files: str) -> IndexFacts:
    return IndexFacts(
        {("pytorch", "torch"): [Row(f) for f in files]}, origin="index", date="2027-01-01"
    )


def test_a_new_series_takes_its_rocm_and_xpu_builds_from_the_index():
    facts = index_of(
        "torch-2.16.0+cpu-cp312-cp312-manylinux_2_28_x86_64.whl",
        "torch-2.16.0+rocm7.2-cp312-cp312-manylinux_2_28_x86_64.whl",
        "torch-2.16.0+rocm7.14-cp312-cp312-manylinux_2_28_x86_64.whl",
        "torch-2.16.0+xpu-cp312-cp312-manylinux_2_28_x86_64.whl",
        "torch-2.16.0+xpu-cp312-cp312-win_amd64.whl",
    )
    previous = resource("releases")["series"][1]
    series = series_from_index(facts, "2.16.0", previous)
    assert series["rocm"] == ["rocm7.14", "rocm7.2"]  # newest first
    assert series["xpu"] == ["linux-x86_64", "windows-x86_64"]
    release = Release(Version("2.16.0"), series, facts, from_index=True)
    assert release.rocm() == ["rocm7.14", "rocm7.2"] and release.xpu("windows-x86_64")
    unread = series_from_index(IndexFacts({}), "2.16.0", previous)
    assert (unread["rocm"], unread["xpu"], unread["variants_known"]) == ([], [], False)


def test_a_build_the_index_does_not_list_for_a_release_is_gone():
    series = next(s for s in resource("releases")["series"] if s["series"] == "2.13")
    facts = index_of(
        "torch-2.13.0+rocm7.1-cp312-cp312-manylinux_2_28_x86_64.whl",
        "torch-2.13.0+cpu-cp312-cp312-win_amd64.whl",
    )
    release = Release(Version("2.13.0"), series, facts)
    assert release.rocm() == ["rocm7.1"]
    assert not release.xpu("linux-x86_64") and not release.xpu("windows-x86_64")
    bundled = Release(Version("2.13.0"), series)
    assert bundled.rocm() == ["rocm7.2", "rocm7.1"] and bundled.xpu("linux-x86_64")
    assert not bundled.xpu("macos-arm64") and bundled.rocm("windows-x86_64") == []


# -- the CLI ---------------------------------------------------------------------------------


def plan_json(profile: str, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "app", "plan", "--json", "--offline", "--profile", profile, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_plan_json_for_an_amd_profile_names_a_rocm_build_the_release_has():
    plan = plan_json(str(PROFILES / "linux-amd-rx7900xtx.json"))
    assert (plan["compute"], plan["torch"]) == ("rocm7.2", "2.14.1")
    assert plan["index_url"] == "https://download.pytorch.org/whl/rocm7.2"
    series = next(s for s in resource("releases")["series"] if plan["torch"] in s["patches"])
    assert plan["compute"] in series["rocm"]
    assert plan["environment"] == {} and plan["toolkit"] is None

    override = plan_json(str(PROFILES / "linux-amd-rx6700xt.json"))
    assert override["environment"] == {OVERRIDE: "10.3.0"}
    assert "rocm_override" in [w["code"] for w in override["warnings"]]


def test_plan_json_takes_xpu_as_a_chosen_build():
    plan = plan_json(str(PROFILES / "windows-intel-arc-a770.json"), "--compute", "XPU")
    assert (plan["compute"], plan["index_url"]) == ("xpu", "https://download.pytorch.org/whl/xpu")


def test_an_nvidia_gpu_without_a_driver_gives_way_and_the_driver_page_is_named():
    rtx = GPU("NVIDIA GeForce RTX 4060 Laptop GPU", compute_capability="8.9")
    plan = make_plan(machine(rtx, MTL), Choices())
    assert plan.compute == "xpu" and "no_driver" not in codes(plan)
    assert "no working NVIDIA driver was found (to use it, install one: https://" in all_text(plan)


def test_the_builds_offered_and_the_toolkit_choice():
    from app.compat.planner import options

    linux = options(recorded("linux-amd-rx7900xtx.json"), "2.14.1")
    assert {"rocm7.2", "cpu"} <= set(linux.computes) and "xpu" not in linux.computes
    windows = options(recorded("windows-intel-arc-a770.json"), "2.14.1")
    assert "xpu" in windows.computes and not any(c.startswith("rocm") for c in windows.computes)
    # "Newest that fits": 2.15's ROCm/XPU builds are not known, 2.14.1's are: both are offered.
    newest = options(recorded("linux-intel-arc-a770.json"))
    assert newest.computes[-2:] == ["xpu", "cpu"] and "cu132" in newest.computes
    nvidia = options(recorded("rtx5090-driver575-linux.json"))
    assert not any(c.startswith("rocm") or c == "xpu" for c in nvidia.computes)
    plan = make_plan(recorded("linux-amd-rx7900xtx.json"), Choices(with_toolkit=True))
    assert plan.toolkit is None and plan.steps == ["install", "verify"]
    (notice,) = [w for w in plan.warnings if w.code == "toolkit_not_applicable"]
    assert "rocm7.2 build has no matching CUDA toolkit" in notice.message
