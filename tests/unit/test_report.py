"""The shareable report: every part present, and the user name, home folder and host name gone
from every field and from the log lines (the seed user: C:\\Users\\홍길동 on DESKTOP-HGD)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import redact, report
from app.compat import Choices, make_plan
from app.journal import Journal
from app.profile import SystemProfile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOME, USER, HOST = "C:\\Users\\홍길동", "홍길동", "DESKTOP-HGD"


@pytest.fixture
def seed_user(monkeypatch):
    monkeypatch.setattr(redact, "_who", lambda: (HOME, USER, HOST))


def verification() -> dict:
    python = f"{HOME}\\anaconda3\\envs\\torch\\python.exe"
    return {
        "python": python,
        "ok": False,
        "torch": {"version": "2.5.1+cpu", "cuda": None, "cudnn": None},
        "cuda_available": False,
        "devices": [],
        "nvcc": None,
        "findings": [
            {
                "severity": "error",
                "code": "cpu_build_with_gpu",
                "message": f"The CPU build in {HOME}\\anaconda3\\Lib is installed on {HOST}.",
            }
        ],
    }


def test_report_has_every_part_and_nothing_identifying(seed_user, tmp_path):
    profile = SystemProfile.load(FIXTURES / "profiles" / "seed-windows-rtx3060.json")
    journal = Journal(tmp_path / "journal.jsonl")
    journal.record("toolkit", "install", path=f"{HOME}\\cuda\\cuda-12.6", label="12.6.3")
    journal.record("pathreg", "add", toolkit="C:/Users/홍길동/cuda/cuda-12.6")
    log = [
        f"2026-11-28 INFO Downloading to {HOME}\\AppData\\Local\\pytorch-setup\\downloads",
        f"2026-11-28 INFO host {HOST} user {USER} home {HOME.replace(chr(92), '/')}",
        '{"path": "C:\\\\Users\\\\홍길동\\\\venv"}',  # JSON-escaped, as pip may print it
    ]
    text = report.build(
        profile=profile,
        plan=make_plan(profile, Choices()),
        verification=verification(),
        journal=journal,
        log_lines=log,
    )
    for heading in ("## This computer", "## Plan", "## Check of PyTorch", "## Changes made"):
        assert heading in text
    assert "toolkit install 12.6.3" in text and "pathreg add" in text
    assert "## Log (last 3 lines)" in text and "Downloading to ~\\AppData" in text
    assert "RTX 3060" in text  # the facts stay
    for secret in (USER, HOST, "Users\\홍", "Users/홍", "Users\\\\홍"):
        assert secret not in text, secret


def test_report_early_in_the_wizard_is_short_but_valid(seed_user, tmp_path):
    text = report.build(journal=Journal(tmp_path / "none.jsonl"), log_lines=[])
    assert text.startswith("# PyTorch Setup Assistant report")
    assert "None (or all undone)." in text and "## Log" not in text


def test_log_tail_reads_only_the_end(tmp_path):
    log = tmp_path / "pytorch-setup.log"
    log.write_text("".join(f"line {i}\n" for i in range(100_000)), encoding="utf-8")
    assert report.log_tail(3, log) == ["line 99997", "line 99998", "line 99999"]
    assert report.log_tail(3, tmp_path / "missing.log") == []
