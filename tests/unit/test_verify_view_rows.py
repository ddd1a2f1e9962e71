"""The verify table never contradicts its findings: a finding's row carries its mark and words,
and the headline's problem is the first finding, in the same words (issue 18)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.scan.summary import OK, PROBLEM, WARNING
from app.steps.verify import diagnose
from app.steps.verify_view import (
    SUBJECTS,
    first_problem,
    markdown,
    problem_text,
    rows_of,
    short_text,
)
from app.text import Text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "verify"
RTX3060 = [{"vendor": "nvidia", "name": "NVIDIA GeForce RTX 3060", "compute_capability": "8.6"}]
MARK = {"error": PROBLEM, "warning": WARNING}


def report_of(name: str, gpus: list[dict[str, Any]] | None = None, **changes: Any) -> dict:
    raw = json.loads((FIXTURES / name).read_text("utf-8"))
    raw.update(changes)
    return diagnose(raw, python="/home/u/venv/bin/python", gpus_expected=gpus).to_dict()


def recorded_reports() -> list[tuple[str, dict]]:
    reports = []
    for path in sorted(FIXTURES.glob("*.json")):
        for gpus in (None, [], RTX3060):  # unknown, none, an NVIDIA GPU: other findings each
            reports.append((path.name, report_of(path.name, gpus)))
    return reports


@pytest.mark.parametrize("name,report", recorded_reports())
def test_every_problem_marks_a_row_and_heads_the_page(name, report):
    rows = rows_of(report)
    for finding in report["findings"]:
        if finding["severity"] not in MARK:
            continue
        short = short_text(finding)
        marked = [r for r in rows if short in str(r.detail) or short == r.value]
        assert marked, f"{name}: no row says {short!r} ({finding['code']})"
        assert all(r.status in (MARK[finding["severity"]], PROBLEM) for r in marked)
    problem = first_problem(report)
    if report["ok"] is False:
        assert problem is not None and problem["severity"] == "error"
        # the headline's words are a row's: its label and the finding's few words
        check, _, said = str(problem_text(problem, report)).partition(": ")
        assert any(r.label == check and said in str(r.detail) + str(r.value) for r in rows)
    if all(r.status == OK for r in rows):
        assert problem is None and report["ok"] is True


def test_every_code_has_its_few_words():
    import re

    source = (Path(__file__).resolve().parents[2] / "app" / "steps" / "verify.py").read_text()
    codes = set(re.findall(r'Finding\(\s*"([a-z_0-9]+)",\s*"(?:warning|error)"', source))
    codes |= {"cuda_visible_devices_hides", "vision_mismatch", "rocm_override_set"}
    assert codes and codes <= set(SUBJECTS)


def test_the_driver_row_turns_red_with_the_findings_words():
    report = report_of("linux_driver470_cu126.json", [])
    (cuda,) = [r for r in rows_of(report) if r.key == "cuda"]
    assert (cuda.value, cuda.status, str(cuda.detail)) == ("no", PROBLEM, "the driver is too old")
    assert problem_text(first_problem(report), report) == "CUDA available: the driver is too old"


def test_a_device_that_cannot_run_says_why_in_its_row():
    report = report_of("linux_gtx1080ti_cu130_no_kernel.json")
    (device,) = [r for r in rows_of(report) if r.key == "device0"]
    assert device.status == PROBLEM
    assert str(device.detail).startswith("this build has no code for this GPU, ")
    assert "no kernel image" in str(device.detail)  # the error line stays


def test_torchvision_that_fails_gets_a_red_row_with_its_version():
    report = report_of("windows_rtx3060_vision_nms_missing.json", RTX3060)
    (vision,) = [r for r in rows_of(report) if r.key == "torchvision"]
    assert (vision.value, vision.status) == ("0.19.0+cu121", PROBLEM)
    assert vision.detail == "does not work with this PyTorch"
    assert problem_text(first_problem(report), report) == (
        "torchvision: does not work with this PyTorch"
    )


def test_torchvision_of_unknown_version_still_gets_a_row_in_the_catalogue():
    """Only a probe from before issue 18 (or no metadata at all) leaves the version unknown:
    the finding still gets its row, its words through translate()."""
    raw = json.loads((FIXTURES / "windows_rtx3060_vision_nms_missing.json").read_text("utf-8"))
    raw["torchvision"]["version"] = None
    report = diagnose(raw, python="C:/venv/python.exe", gpus_expected=RTX3060).to_dict()
    (vision,) = [r for r in rows_of(report) if r.key == "torchvision"]
    assert vision.status == PROBLEM and vision.value == "(unknown version)"
    assert isinstance(vision.value, Text) and vision.value.template == "(unknown version)"
    message = next(f for f in report["findings"] if f["code"] == "vision_mismatch")["message"]
    assert message.startswith("torchvision (unknown version) does not work")
    assert message.values["value"].template == "(unknown version)"  # Korean gets it too


def test_a_warning_leaves_the_report_working_but_not_green():
    report = report_of("linux_two_torch_installs.json", [])
    assert report["ok"] is True
    (torch,) = [r for r in rows_of(report) if r.key == "torch"]
    assert torch.status == WARNING and torch.detail == "installed more than once"
    assert first_problem(report)["code"] == "several_torch"


def test_a_finding_of_no_known_row_gets_a_row_of_its_own():
    report = report_of("windows_rtx3060_cu121_ok.json", RTX3060)
    report["findings"].append(
        {
            "code": "something_new",
            "severity": "error",
            "message": "A new kind of trouble. With advice after it.",
            "fix": None,
        }
    )
    row = rows_of(report)[-1]
    assert (row.key, row.label, row.value, row.status) == (
        "something_new",
        "Finding",
        "A new kind of trouble",
        PROBLEM,
    )
    assert problem_text(first_problem(report), report) == "Finding: A new kind of trouble"


def test_info_findings_leave_rows_green():
    report = report_of("linux_cpu_2.13.0_recorded.json", [])
    assert [f["severity"] for f in report["findings"]] == ["info"]
    assert all(r.status == OK for r in rows_of(report)) and first_problem(report) is None


def test_the_markdown_table_carries_the_marks():
    report = report_of("linux_driver470_cu126.json", [])
    lines = markdown(report).splitlines()
    at = next(i for i, line in enumerate(lines) if "CUDA available" in line)
    assert lines[at].startswith("[FAIL]") and lines[at + 1].strip() == "the driver is too old"


def test_the_markdown_gives_the_fix_to_paste():
    report = report_of("windows_rtx3060_vision_nms_missing.json", RTX3060)
    text = markdown(report)
    assert "  - fix: `" in text and "--force-reinstall --no-deps torchvision==0.20.1" in text
