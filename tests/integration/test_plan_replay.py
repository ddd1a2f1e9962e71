"""`plan --profile DIR`: the profiles of a lab's PCs (recorded `scan --json` output), one plan
each with the same choices, as the lab table; through the real CLI."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.integration.test_cli import run_cli

PROFILES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"
RECORDED = {  # file in tests/fixtures/profiles -> its name in the lab folder
    "rtx5090-driver575-linux.json": "pc01-rtx5090.json",
    "windows-rtx4060-laptop-arc-igpu.json": "pc02-rtx4060.json",
    "linux-intel-uhd630.json": "pc03-cpu-only.json",
    "macos-14-m2.json": "pc04-mac.json",
    "windows-rtx3060-driver465-py38-hong.json": "홍길동 노트북.json",
}
BUILD = re.compile(r"\d+\.\d+\.\d+ (cpu|mps|cu\d{3})")


def rtx4090() -> dict:
    """The recorded RTX 5090 PC with an RTX 4090 (Ada, 8.9) and driver 550 instead."""
    data = json.loads((PROFILES / "rtx5090-driver575-linux.json").read_text(encoding="utf-8"))
    data["gpus"][0].update(name="NVIDIA GeForce RTX 4090", compute_capability="8.9")
    data["driver"] = {"version": "550.54.15", "cuda": "12.4"}
    return data


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    folder = tmp_path / "lab profiles"
    folder.mkdir()
    for recorded, name in RECORDED.items():
        shutil.copy(PROFILES / recorded, folder / name)
    (folder / "pc05-rtx4090.json").write_text(json.dumps(rtx4090()), encoding="utf-8")
    (folder / "pc06-broken.json").write_text('{"schema": "pytorch-setup/profile/1", "os"', "utf-8")
    (folder / "README.txt").write_text("profiles of room 204", encoding="utf-8")
    return folder


def plan_lab(folder: Path, *choices: str):
    return run_cli("plan", "--profile", str(folder), "--offline", *choices)


def table(stdout: str) -> dict[str, list[str]]:
    """PC -> [build, command, why], from the Markdown table."""
    rows = {}
    for line in stdout.splitlines()[2:]:
        if not line.startswith("| "):
            break
        pc, *cells = [c.strip() for c in line.strip()[1:-1].split(" | ")]
        rows[pc] = cells
    return rows


def test_each_pc_gets_its_build_and_why(lab):
    run = plan_lab(lab)
    assert run.returncode == 1, run.stderr  # the broken profile was skipped
    header = run.stdout.splitlines()[0]
    assert [c.strip() for c in header.strip()[1:-1].split("|")] == ["PC", "build", "command", "why"]
    rows = table(run.stdout)
    assert list(rows) == [
        "pc01-rtx5090",
        "pc02-rtx4060",
        "pc03-cpu-only",
        "pc04-mac",
        "pc05-rtx4090",
        "홍길동 노트북",
    ]
    builds = {pc: row[0] for pc, row in rows.items()}
    assert all(BUILD.fullmatch(build) for build in builds.values()), builds
    assert builds["pc01-rtx5090"].endswith((" cu128", " cu129", " cu130"))  # Blackwell
    assert builds["pc02-rtx4060"].split()[1].startswith("cu")
    assert builds["pc05-rtx4090"].split()[1].startswith("cu")
    assert builds["pc03-cpu-only"].endswith(" cpu")
    assert builds["pc04-mac"].endswith(" mps")
    assert builds["홍길동 노트북"] == "2.4.1 cu118"  # Python 3.8 and driver 465: the last that fits
    for pc, (build, command, _) in rows.items():
        torch, compute = build.split()
        assert f"torch=={torch}" in command, pc
        if compute.startswith("cu"):
            assert command.endswith(f"--index-url https://download.pytorch.org/whl/{compute}")
    # why: what the teacher must act on first (an old driver), else the first reason.
    assert rows["pc01-rtx5090"][2].startswith(
        "Your NVIDIA driver (575.57.08) limits you to PyTorch 2.11.0. Driver 580 or newer"
    )
    assert rows["홍길동 노트북"][2].startswith("Your NVIDIA driver (465.89) is too old")
    assert rows["pc05-rtx4090"][2] == "RTX 4090 has compute capability 8.9 (Ada Lovelace)."
    assert run.stderr.startswith("pytorch-setup: skipped pc06-broken.json: profile is not valid")
    assert len(run.stderr.splitlines()) == 1  # README.txt is not a .json: never read
    counts = run.stdout.splitlines()[-1]
    assert "1 file(s) skipped" in counts
    assert sum(int(n) for n in re.findall(r": (\d+)", counts)) == 6


def test_json_is_a_list_of_pc_and_plan(lab):
    run = plan_lab(lab, "--json")
    assert run.returncode == 1
    plans = json.loads(run.stdout)  # the skipped file went to stderr only
    assert [p["pc"] for p in plans][:2] == ["pc01-rtx5090", "pc02-rtx4060"]
    assert all(p["plan"]["schema"] == "pytorch-setup/plan/1" for p in plans)
    by_pc = {p["pc"]: p["plan"] for p in plans}
    assert by_pc["pc03-cpu-only"]["compute"] == "cpu"
    assert by_pc["홍길동 노트북"]["torch"] == "2.4.1"


def test_one_choice_for_the_whole_lab(lab):
    """--compute cu126 for every PC: the Mac has no such build (blocked, with why), the RTX
    5090 has no kernels in it; the others get cu126 (the GPU-less PC too: the planner only
    warns, `apply` refuses it there)."""
    (lab / "pc06-broken.json").unlink()
    run = plan_lab(lab, "--compute", "cu126")
    assert run.returncode == 1, run.stderr  # some PCs blocked; the request itself is fine
    rows = table(run.stdout)
    assert rows["pc04-mac"][:2] == ["blocked", "-"]
    assert rows["pc04-mac"][2].startswith("There is no cu126 build of PyTorch for macOS")
    assert rows["pc01-rtx5090"][0] == "blocked"
    assert "no kernels for RTX 5090" in rows["pc01-rtx5090"][2]
    assert rows["pc02-rtx4060"][0].endswith(" cu126")
    assert rows["pc03-cpu-only"][0].endswith(" cu126")
    assert run.stderr == ""


def test_every_pc_planned_exits_0(lab):
    (lab / "pc06-broken.json").unlink()
    (lab / "홍길동 노트북.json").unlink()  # Python 3.8: no torch 2.13.0 for it
    run = plan_lab(lab, "--torch", "2.13.0", "--compute", "cpu")
    assert run.returncode == 0, run.stderr
    assert {row[0] for row in table(run.stdout).values()} == {"2.13.0 cpu"}
    assert run.stdout.splitlines()[-1] == "2.13.0 cpu: 5"


def test_a_release_that_exists_for_none_exits_2(lab):
    run = plan_lab(lab, "--torch", "9.9.9")
    assert run.returncode == 2
    assert {row[0] for row in table(run.stdout).values()} == {"blocked"}


def test_options_that_do_not_fit_a_folder_are_refused(lab, tmp_path):
    cases = {
        ("--confirm",): "--confirm takes one profile (a file), not a folder of them",
        ("--json", "--format", "csv"): (
            "--json prints the plans; --format and --output are for the table"
        ),
    }
    for option, error in cases.items():
        run = plan_lab(lab, *option)
        assert run.returncode == 2
        assert run.stderr.strip() == f"pytorch-setup: error: {error}"
        assert run.stdout == ""
    one = run_cli("plan", "--profile", str(lab / "pc03-cpu-only.json"), "--format", "csv")
    assert one.returncode == 2 and "--format is for the table of a folder" in one.stderr


def test_the_table_as_csv_on_stdout_or_in_a_file(lab, tmp_path):
    import csv

    run = plan_lab(lab, "--format", "csv")
    assert run.returncode == 1, run.stderr  # the broken profile was skipped
    rows = list(csv.reader(run.stdout.splitlines()))
    assert rows[0] == ["PC", "build", "command", "why"]
    assert [row[0] for row in rows[1:]] == list(table(plan_lab(lab).stdout))
    assert run.stderr.splitlines()[-1].endswith("1 file(s) skipped")  # the counts: beside
    out = tmp_path / "room 204 표.csv"
    written = plan_lab(lab, "--format", "csv", "--output", str(out))
    assert written.returncode == 1
    assert written.stdout.startswith(f"Table written to {out}: ")
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "PC,build,command,why"


def test_no_readable_profile_exits_2(tmp_path):
    (tmp_path / "a.json").write_text("[]", encoding="utf-8")
    run = run_cli("plan", "--profile", str(tmp_path), "--offline")
    assert run.returncode == 2
    lines = run.stderr.splitlines()
    assert lines[0].startswith("pytorch-setup: skipped a.json: ")
    assert lines[1] == f"pytorch-setup: error: no profile could be read in {tmp_path}"
    assert run.stdout == ""


def test_one_profile_file_is_planned_as_before(lab):
    run = run_cli("plan", "--profile", str(lab / "pc02-rtx4060.json"), "--offline", "--json")
    assert run.returncode == 0, run.stderr
    plan = json.loads(run.stdout)
    assert isinstance(plan, dict) and plan["compute"].startswith("cu")
    text = run_cli("plan", "--profile", str(lab / "pc02-rtx4060.json"), "--offline")
    assert "| PC" not in text.stdout and "Why:" in text.stdout


def test_why_is_the_first_warning_about_the_pc_else_the_first_reason():
    from app.compat.plan import Notice, Plan
    from app.lab.replay import why_cell

    plan = Plan(compute="cpu", torch="2.15.0", reasons=["first reason", "second"])
    plan.warnings = [Notice("build_unconfirmed", "knowledge"), Notice("torchaudio_ended", "x")]
    assert why_cell(plan) == "first reason"  # only background notes: the reason decides
    plan.warnings.append(Notice("rocm_gpu_unsupported", "the 780M cannot run ROCm builds"))
    assert why_cell(plan) == "the 780M cannot run ROCm builds"
    plan.blockers = [Notice("python_too_old", "Python 3.7 is too old")]
    assert why_cell(plan) == "Python 3.7 is too old"
    assert why_cell(Plan(compute="cpu", torch="2.15.0")) == "-"
