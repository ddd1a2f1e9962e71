"""Advice for an old NVIDIA driver, on recorded machines (issue 18: the tutorial's own reader).

The reader: Windows, conda Python 3.8, RTX 3060, driver 465.89, user 홍길동. Every current CUDA
build needs a newer driver, so the driver comes first (the scan row, the first warning), and
what a newer Python "gets" is what the planner plans for it on this very PC.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from pathlib import Path

import pytest
from packaging.version import Version

from app.compat import Choices, make_plan
from app.compat.knowledge import Knowledge, cuda_of, knowledge
from app.compat.planner import DRIVER_WARNINGS, driver_outlook
from app.compat.render import compute_label
from app.profile import SystemProfile
from app.scan.summary import OK, WARNING, summarize

PROFILES = Path(__file__).parents[1] / "fixtures" / "profiles"
READER = "windows-rtx3060-driver465-py38-hong.json"
OFFER = re.compile(
    r"An environment with Python (\S+) gets PyTorch (\S+) with the (.+) build here\."
)


def recorded(name: str) -> SystemProfile:
    return SystemProfile.load(PROFILES / name)


def with_python(profile: SystemProfile, version: str) -> SystemProfile:
    env = replace(profile.python, version=version, executable="", problems=[])
    return replace(profile, python=env, torch=None)


def needed_for(variant: str, os_family: str) -> str:
    """The driver minimum the compat data gives a build (never a number written in a test)."""
    cuda = cuda_of(variant)
    assert cuda is not None
    minimum = knowledge().driver_minimum(cuda, os_family)
    assert minimum is not None
    return minimum


def test_the_readers_profile_is_the_tutorials_pc():
    reader = recorded(READER)
    assert reader.os.family == "windows" and reader.python.kind == "conda"
    assert reader.python.version.startswith("3.8.") and reader.driver is not None
    assert reader.driver.version == "465.89" and "홍길동" in reader.python.executable


# -- the driver: judged from the data -------------------------------------------------------

# (profile, whether the driver holds current PyTorch back here)
OUTLOOKS = [
    (READER, True),
    ("seed-windows-rtx3060.json", True),
    ("rtx5090-driver575-linux.json", True),  # 575 runs cu128, but 2.14.1's builds need 580
    ("windows-rtx4060-laptop-arc-igpu.json", False),  # 560.94 runs cu126
    ("linux-amd-rx7900xtx.json", False),  # no NVIDIA driver at all
    ("macos-14-m2.json", False),
]


@pytest.mark.parametrize(("name", "held_back"), OUTLOOKS, ids=[n for n, _ in OUTLOOKS])
def test_driver_outlook_and_the_scan_row(name, held_back):
    profile = recorded(name)
    outlook = driver_outlook(profile)
    row = next(r for r in summarize(profile) if r.key == "driver")
    if not held_back:
        assert outlook is None
        assert row.status == OK or profile.driver is None
        return
    assert outlook is not None and profile.driver is not None
    assert outlook.needed == needed_for(outlook.variant, profile.os.family)
    assert Version(profile.driver.version) < Version(outlook.needed)
    assert row.status == WARNING
    assert outlook.needed in row.detail and outlook.current in row.detail
    assert knowledge().driver_download_page in row.detail
    # What the driver still reaches is a build the plan really makes for some Python here.
    assert outlook.usable is not None and outlook.usable_variant is not None
    assert f"{outlook.usable} ({outlook.usable_variant})" in row.detail


def test_the_readers_scan_is_not_all_fine():
    rows = summarize(recorded(READER))
    assert [r.key for r in rows if r.status == WARNING] == ["driver", "preflight-home_path"]
    driver = next(r for r in rows if r.key == "driver")
    assert "too old for every CUDA build of current PyTorch" in driver.detail
    assert "the newest PyTorch that uses the GPU is 2.7.1 (cu118)" in driver.detail


def test_the_judgement_follows_the_data_not_a_number_in_the_code():
    """With a (made-up) table where CUDA 12 needs only driver 460 on Windows, 465.89 is fine."""
    kb = Knowledge(knowledge().facts)
    kb.drivers_data = copy.deepcopy(kb.drivers_data)
    for row in kb.drivers_data["minor_version_minimums"]:
        if row["cuda_min"].startswith("12.") or row["cuda_min"].startswith("13."):
            row["windows"] = "460"
    assert driver_outlook(recorded(READER), kb) is None
    assert driver_outlook(recorded(READER)) is not None


# -- the plan: the driver first, and no promise the driver cannot keep ----------------------


def test_the_reader_is_told_to_update_the_driver_first():
    plan = make_plan(recorded(READER))
    assert (plan.torch, plan.compute) == ("2.4.1", "cu118")
    codes = [w.code for w in plan.warnings]
    assert codes == ["driver_outdated", "python_limits_torch"]
    first = plan.warnings[0].message
    assert "465.89" in first and needed_for("cu126", "windows") in first
    assert knowledge().driver_download_page in first
    python = plan.warnings[1].message
    assert python.startswith("Python 3.8 can only get PyTorch 2.4.1")
    assert OFFER.search(python).groups() == ("3.13", "2.7.1", "CUDA 11.8 (cu118)")
    assert "only after a driver update" in python


def offered_profiles() -> list[tuple[str, str]]:
    """Every recorded profile, at Python 3.8 and 3.9 too: the ones told about a newer Python."""
    cases = []
    for path in sorted(PROFILES.glob("*.json")):
        cases += [(path.name, ""), (path.name, "3.8.18"), (path.name, "3.9.13")]
    return cases


@pytest.mark.parametrize(("name", "python"), offered_profiles())
def test_what_a_newer_python_gets_is_what_the_planner_plans_for_it(name, python):
    profile = recorded(name)
    if python:
        profile = with_python(profile, python)
    plan = make_plan(profile)
    said = [w.message for w in plan.warnings if w.code == "python_limits_torch"]
    if not said:
        return
    offer = OFFER.search(said[0])
    if offer is None:
        return
    better, torch, build = offer.groups()
    other = make_plan(with_python(profile, better))
    assert (other.torch, compute_label(other.compute or "")) == (torch, build)
    assert Version(torch) > Version(plan.torch or "0")
    # A promise this PC's driver keeps: the promised build runs on the driver it has.
    if cuda_of(other.compute or "") and profile.driver is not None:
        needed = needed_for(other.compute or "", profile.os.family)
        assert Version(profile.driver.version) >= Version(needed), (other.compute, needed)


@pytest.mark.parametrize(
    ("python", "first"),
    [
        ("3.8.10", "driver_outdated"),  # the plan for 3.8 is not held back, the PC is
        ("3.12.4", "driver_limits_torch"),  # this Python would get more with a newer driver
        ("3.14.0", "driver_too_old"),  # no CUDA build for this Python runs on 465.89
    ],
)
def test_a_driver_warning_always_comes_first(python, first):
    plan = make_plan(with_python(recorded(READER), python))
    assert plan.warnings[0].code == first
    assert sum(w.code in DRIVER_WARNINGS for w in plan.warnings) == 1


def test_a_chosen_version_is_not_lectured_about_the_newest():
    plan = make_plan(recorded(READER), Choices(torch="2.4.1"))
    assert "driver_outdated" not in [w.code for w in plan.warnings]


def test_a_current_driver_gets_no_driver_advice():
    profile = recorded("windows-rtx4060-laptop-arc-igpu.json")
    for python in ("3.8.18", "3.12.7"):
        plan = make_plan(with_python(profile, python))
        assert not [w for w in plan.warnings if w.code in DRIVER_WARNINGS]


# -- every word through the catalogue: nothing English glued in (Korean leftovers) ------------

ENGLISH = re.compile(r"\b[a-z][a-z-]+ [a-z][a-z-]+\b")  # two lower-case words in a row


def english_left(text) -> list[str]:
    """What a UI would still show in English: the text rendered with a catalogue that writes
    every template in capitals; lower-case prose left over came from no template (names,
    versions, paths and links are data, and hold no two lower-case words in a row)."""
    from app.text import render

    def capitals(_context: str, template: str) -> str:
        # Placeholders keep their names: {gpu} must still be filled in.
        return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group(0).upper(), template)

    shown = re.sub(r"https?://\S+|`[^`]*`", "", render(text, capitals))
    return ENGLISH.findall(shown)


@pytest.mark.parametrize(
    "name", [READER, "linux-amd-no-kfd-access.json", "rtx5090-driver575-linux.json"]
)
def test_the_advice_is_made_of_whole_translatable_sentences(name):
    profile = recorded(name)
    plan = make_plan(with_python(profile, "3.8.10"))
    for text in [w.message for w in plan.warnings] + plan.reasons:
        assert english_left(text) == [], text
    for row in summarize(profile):
        if row.key.startswith(("driver", "toolkits", "probe")):
            assert english_left(row.detail) == [] and english_left(row.value) == [], row


def test_the_scan_sentence_and_gpu_details_stay_translatable_in_why():
    from app.profile import GPU, Driver, ProbeNote, Toolkit
    from app.text import translate

    scan_said = translate("gpu", "No NVIDIA driver is installed.")
    no_gpu = replace(recorded(READER), gpus=[], driver=None)
    no_gpu.probes = [ProbeNote("gpu", "missing", scan_said), ProbeNote("cudnn", "timeout", "")]
    no_gpu.toolkits = [*no_gpu.toolkits, Toolkit("12.6", r"C:\CUDA\v12.6", "12.6.3", None)]
    plan = make_plan(no_gpu)
    why = next(r for r in plan.reasons if "No NVIDIA driver is installed" in r)
    assert english_left(why) == [], why
    rows = {row.key: row for row in summarize(no_gpu)}
    assert english_left(rows["toolkits"].detail) == [], rows["toolkits"].detail
    assert english_left(rows["probe-cudnn"].value) == [], rows["probe-cudnn"].value
    # A GPU no build runs: its name and compute capability are one translatable phrase.
    old = replace(recorded(READER), gpus=[GPU("NVIDIA GeForce GTX 680", compute_capability="3.0")])
    old.driver = Driver("470.82", "11.4")
    warning = next(w.message for w in make_plan(old).warnings if w.code == "gpu_too_old")
    assert english_left(warning) == [], warning
