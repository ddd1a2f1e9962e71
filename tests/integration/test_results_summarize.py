"""`results summarize DIR` as a teacher runs it: ten result files of a lab (built here as
`apply` writes them, schema pytorch-setup/result/1) and two bad ones, through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from app import __version__
from tests.integration.test_cli import run_cli

NOT_OK_FINDING = "torchvision 0.28.0 was built for torch 2.13.0; this is torch 2.14.1"
KOREAN_FINDING = "C:\\Users\\홍길동\\연구 venv\\Scripts\\python.exe에서 torch를 불러올 수 없습니다"


def verify_report(
    torch: str | None, cuda: str | None = None, findings: list[dict] | None = None, ok=True
) -> dict:
    """A verify report (pytorch-setup/verify/1) as `verify --json` prints it."""
    return {
        "schema": "pytorch-setup/verify/1",
        "python": "/home/<user>/lab/.venv/bin/python",
        "torch": None if torch is None else {"version": torch, "cuda": cuda, "cudnn": None},
        "cuda_available": cuda is not None,
        "devices": [],
        "nvcc": None,
        "ok": ok,
        "findings": findings or [],
        "extra": {},
    }


def finding(code: str, severity: str, message: str) -> dict:
    return {"code": code, "severity": severity, "message": message, "fix": None}


def step(name: str, outcome: str = "ok", message: str | None = None) -> dict:
    return {"name": name, "outcome": outcome, "seconds": 1.5, "message": message}


def result(
    outcome: str,
    *,
    pc: str = "<redacted>",
    verify: dict | None = None,
    fit: list[dict] | None = None,
    steps: list[dict] | None = None,
    reason: str | None = None,
    gpus: tuple[str, ...] = (),
    compute: str = "cpu",
) -> dict:
    """One result file's content, every field the schema names."""
    codes = {"ok": 0, "failed": 1, "verify_failed": 1, "refused": 3, "cancelled": 130}
    return {
        "schema": "pytorch-setup/result/1",
        "assistant": __version__,
        "pc": pc,
        "started": "2026-03-02T09:00:00Z",
        "seconds": 84.2,
        "outcome": outcome,
        "exit_code": codes[outcome],
        "reason": reason,
        "scan": {
            "os": "windows 10.0.22631",
            "arch": "x86_64",
            "python": "3.12.4",
            "gpus": list(gpus),
            "driver": "537.13" if gpus else None,
            "torch_before": None,
        },
        "plan": {"schema": "pytorch-setup/plan/1", "torch": "2.13.0", "compute": compute},
        "fit": fit or [],
        "target": {"python": None, "venv": "~/lab/.venv", "created": outcome != "refused"},
        "steps": steps if steps is not None else [step("venv"), step("install"), step("verify")],
        "verify": verify,
        "changes": [],
    }


RTX3060 = ("NVIDIA GeForce RTX 3060 (8.6)",)

# file name -> result; the PC column each must show, in the order the table lists them.
LAB = {
    "pc01.json": result("ok", pc="LAB-PC01", verify=verify_report("2.13.0+cpu")),
    "pc02.json": result(
        "ok",
        verify=verify_report(
            "2.7.1+cu126",
            "12.6",
            [finding("gpu_ok", "info", "RTX 3060: a 1024x1024 matmul ran on the GPU.")],
        ),
        gpus=RTX3060,
        compute="cu126",
    ),
    "pc03.json": result(
        "refused",
        fit=[
            {
                "code": "fit_no_gpu",
                "message": "this plan is for an NVIDIA GPU (cu126); this PC has none",
            },
            {"code": "fit_driver", "message": "second reason, not shown"},
        ],
        steps=[],
        reason="the plan does not fit this PC",
        compute="cu126",
    ),
    "pc04.json": result(
        "failed",
        steps=[
            step("venv"),
            step("install", "failed", "pip install failed: No space left on device\n(disk C:)"),
            step("verify", "skipped"),
        ],
        reason="a step failed",
    ),
    "pc05.json": result(
        "verify_failed",
        verify=verify_report(
            "2.14.1+cpu",
            findings=[
                finding("python_version", "info", "Python 3.12.4"),
                finding("torchvision_mismatch", "error", NOT_OK_FINDING),
            ],
            ok=False,
        ),
    ),
    "pc06.json": result(
        "cancelled",
        steps=[step("venv"), step("install", "cancelled", "cancelled during the download")],
    ),
    "pc07.json": result(
        "verify_failed",
        pc="실습실-07",
        verify=verify_report(
            None, findings=[finding("torch_import", "error", KOREAN_FINDING)], ok=False
        ),
    ),
    "pc08.json": result("ok", pc="LAB|PC08", verify=verify_report("2.13.0+cpu")),
    "pc09.json": result(
        "ok",
        verify=verify_report(
            "2.7.1+cu126",
            "12.6",
            [finding("driver_old", "warning", "driver 537.13 works; 560+ is faster")],
        ),
        gpus=RTX3060,
        compute="cu126",
    ),
    "pc10.json": result(
        "refused",
        fit=[{"code": "fit_os", "message": "this plan is for Linux; this PC runs Windows"}],
        steps=[],
    ),
}

EXPECTED_ROWS = [
    ["LAB-PC01", "ok", "2.13.0+cpu", "-"],
    ["pc02", "ok", "2.7.1+cu126 · CUDA 12.6", "-"],
    ["pc03", "refused", "-", "this plan is for an NVIDIA GPU (cu126); this PC has none"],
    ["pc04", "failed", "-", "pip install failed: No space left on device (disk C:)"],
    ["pc05", "verify_failed", "2.14.1+cpu", NOT_OK_FINDING],
    ["pc06", "cancelled", "-", "cancelled during the download"],
    ["실습실-07", "verify_failed", "-", KOREAN_FINDING],
    ["LAB|PC08", "ok", "2.13.0+cpu", "-"],
    ["pc09", "ok", "2.7.1+cu126 · CUDA 12.6", "driver 537.13 works; 560+ is faster"],
    ["pc10", "refused", "-", "this plan is for Linux; this PC runs Windows"],
]
COUNTS = "ok 4 · refused 2 · failed 1 · verify_failed 2 · cancelled 1 · 2 file(s) skipped"


def write_lab(folder: Path, results: dict[str, dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in results.items():
        (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    """Ten results and two bad files, in a folder whose name has a space and Korean."""
    folder = write_lab(tmp_path / "실습실 결과", LAB)
    (folder / "pc11.json").write_text("{ half a result", encoding="utf-8")
    plan = {"schema": "pytorch-setup/plan/1", "torch": "2.13.0", "compute": "cpu"}
    (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    (folder / "notes.txt").write_text("not a .json: never read", encoding="utf-8")
    write_lab(folder / "old term", {"pc99.json": result("failed")})  # not read: not recursive
    return folder


def markdown_rows(stdout: str) -> list[list[str]]:
    """The table's body rows, cells unpadded and unescaped."""
    rows = []
    for line in stdout.splitlines()[2:]:
        if not line.startswith("| "):
            break
        cells = [c.strip().replace("\\|", "|") for c in _split_row(line)]
        rows.append(cells)
    return rows


def _split_row(line: str) -> list[str]:
    """A Markdown row's cells: split on | that is not escaped."""
    cells, current, escaped = [], "", False
    for char in line.strip()[1:-1]:
        if char == "|" and not escaped:
            cells.append(current)
            current = ""
        else:
            current += char
        escaped = char == "\\" and not escaped
    return [*cells, current]


def test_markdown_table_counts_and_skipped_files(lab):
    run = run_cli("results", "summarize", str(lab))
    assert run.returncode == 1, run.stderr  # some PCs are not ok
    lines = run.stdout.splitlines()
    assert [c.strip() for c in _split_row(lines[0])] == [
        "PC",
        "outcome",
        "torch / CUDA",
        "first finding",
    ]
    assert set(lines[1]) <= set("|- ")
    assert markdown_rows(run.stdout) == EXPECTED_ROWS
    assert lines[-1] == COUNTS
    # Each bad file named once, with why; the subfolder and notes.txt never read.
    skipped = run.stderr.splitlines()
    assert len(skipped) == 2, run.stderr
    assert skipped[0].startswith("pytorch-setup: skipped pc11.json: not JSON")
    assert skipped[1].startswith("pytorch-setup: skipped plan.json: not a result file")
    assert "pytorch-setup/plan/1" in skipped[1]
    assert "pc99" not in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_markdown_columns_line_up_for_a_terminal(lab):
    """Padded to display width: a Korean character takes two columns, so every | of the first
    three columns sits at the same column on every line."""
    from app.lab.table import display_width

    run = run_cli("results", "summarize", str(lab))
    table = [line for line in run.stdout.splitlines() if line.startswith("|")]
    bars = {
        tuple(display_width(line[:i]) for i, char in enumerate(line) if char == "|")[:4]
        for line in (row.replace("\\|", "xx") for row in table)
    }
    assert len(bars) == 1, bars


def test_a_pipe_in_a_cell_is_escaped_and_each_row_is_one_line(lab):
    run = run_cli("results", "summarize", str(lab))
    assert "| LAB\\|PC08 " in run.stdout
    assert "No space left on device (disk C:)" in run.stdout  # the newline became a space
    assert len([line for line in run.stdout.splitlines() if line.startswith("| ")]) == 12


def test_csv_reads_back_whole(lab):
    run = run_cli("results", "summarize", str(lab), "--format", "csv")
    assert run.returncode == 1
    rows = list(csv.reader(io.StringIO(run.stdout)))
    assert rows[0] == ["PC", "outcome", "torch / CUDA", "first finding"]
    assert rows[1:] == EXPECTED_ROWS  # the | and the Korean as they are, no Markdown escapes
    assert run.stderr.splitlines()[-1] == COUNTS  # stdout stays rows only


def test_csv_to_a_file_is_utf8_for_excel(lab, tmp_path):
    out = tmp_path / "요약 표.csv"
    run = run_cli("results", "summarize", str(lab), "--format", "csv", "--output", str(out))
    assert run.returncode == 1
    assert run.stdout.strip() == f"Table written to {out}: {COUNTS}"
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1:] == EXPECTED_ROWS


def test_markdown_to_a_file(lab, tmp_path):
    out = tmp_path / "summary.md"
    run = run_cli("results", "summarize", str(lab), "--output", str(out))
    assert run.returncode == 1
    text = out.read_text(encoding="utf-8")
    assert markdown_rows(text) == EXPECTED_ROWS
    assert text.splitlines()[-1] == COUNTS


def test_every_pc_ok_exits_0(tmp_path):
    folder = write_lab(tmp_path / "lab", {n: d for n, d in LAB.items() if d["outcome"] == "ok"})
    run = run_cli("results", "summarize", str(folder))
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.splitlines()[-1] == "ok 4"


def test_natural_order_and_the_same_pc_twice(tmp_path):
    """pc2 before pc10; a PC whose name appears in two files (run again) says which file."""
    folder = write_lab(
        tmp_path / "lab",
        {
            "pc10.json": result("ok", verify=verify_report("2.13.0+cpu")),
            "pc2.json": result("ok", verify=verify_report("2.13.0+cpu")),
            "pc2-again.json": result("failed", pc="LAB-PC02", steps=[]),
            "pc2-first.json": result("ok", pc="LAB-PC02", verify=verify_report("2.13.0+cpu")),
        },
    )
    run = run_cli("results", "summarize", str(folder))
    assert [row[:2] for row in markdown_rows(run.stdout)] == [
        ["pc2", "ok"],
        ["LAB-PC02 (pc2-again)", "failed"],
        ["LAB-PC02 (pc2-first)", "ok"],
        ["pc10", "ok"],
    ]
    assert run.returncode == 1


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d.pop("outcome"), "the field 'outcome' is missing"),
        (lambda d: d.update(outcome="maybe"), "unknown outcome 'maybe'"),
        (lambda d: d.update(steps="venv,install"), "the field 'steps' has the wrong type (str)"),
        (lambda d: d.update(schema="pytorch-setup/result/9"), "schema pytorch-setup/result/9"),
    ],
)
def test_a_result_with_a_bad_field_is_named(tmp_path, change, why):
    bad = result("ok", verify=verify_report("2.13.0+cpu"))
    change(bad)
    folder = write_lab(tmp_path / "lab", {"a.json": LAB["pc01.json"], "b.json": bad})
    run = run_cli("results", "summarize", str(folder))
    assert run.returncode == 1
    assert run.stderr.startswith("pytorch-setup: skipped b.json: ")
    assert why in run.stderr
    assert markdown_rows(run.stdout) == [EXPECTED_ROWS[0]]


def test_not_a_folder_or_nothing_readable_exits_2(tmp_path):
    missing = run_cli("results", "summarize", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert missing.stderr.strip().endswith("nowhere is not a folder")
    empty = run_cli("results", "summarize", str(tmp_path))
    assert (empty.returncode, empty.stdout) == (2, "")
    assert "no .json files in" in empty.stderr
    (tmp_path / "x.json").write_bytes(b"\xff\xfe not utf-8")
    unreadable = run_cli("results", "summarize", str(tmp_path))
    assert unreadable.returncode == 2
    assert unreadable.stderr.splitlines() == [
        "pytorch-setup: skipped x.json: not UTF-8 text",
        f"pytorch-setup: error: no result file could be read in {tmp_path}",
    ]


def test_bad_options_are_one_line(tmp_path):
    run = run_cli("results", "summarize", str(tmp_path), "--format", "xlsx")
    assert run.returncode == 2
    assert len(run.stderr.splitlines()) == 1
    assert "invalid choice: 'xlsx'" in run.stderr
    bare = run_cli("results")
    assert bare.returncode == 2
    assert bare.stderr.strip() == "pytorch-setup: error: say what to do: results summarize DIR"


@pytest.mark.skipif(sys.platform == "darwin", reason="the plan is for a Mac: it would fit here")
def test_reads_what_apply_writes(tmp_path):
    """The other half of the contract: a result file `apply` itself wrote (a Mac's plan,
    refused on this PC before anything changed) is a row, its fit message the finding."""
    profile = Path(__file__).resolve().parents[1] / "fixtures" / "profiles" / "macos-14-m2.json"
    plan = tmp_path / "mac plan.json"
    made = run_cli("plan", "--profile", str(profile), "--offline", "--output", str(plan))
    assert made.returncode == 0, made.stderr
    results = tmp_path / "결과"
    results.mkdir()
    applied = run_cli(
        "apply", str(plan), "--venv", str(tmp_path / "venv"), "--yes", "--offline",
        "--result", str(results / "pc01.json"),
    )  # fmt: skip
    assert applied.returncode == 3, applied.stderr
    assert not (tmp_path / "venv").exists()
    run = run_cli("results", "summarize", str(results), "--format", "csv")
    assert run.returncode == 1, run.stderr
    rows = list(csv.reader(io.StringIO(run.stdout)))
    fit = json.loads((results / "pc01.json").read_text(encoding="utf-8"))["fit"]
    assert rows[1] == ["pc01", "refused", "-", " ".join(fit[0]["message"].split())]
    assert run.stderr.strip() == "refused 1"
