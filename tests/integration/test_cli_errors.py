"""The CLI's one error contract, case by case (issue 15), as a user meets it: real processes.

Bad input and refusals before anything changed: one line on stderr, exit 2. A step that failed
after the user agreed: one line on stderr, exit 1. Never a traceback; an unexpected failure is one
line that names the log file, which holds the traceback."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path
from unittest import mock

import pytest

from app import cli
from tests.integration.test_cli import PROFILE, fixture_toolkit, run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"
GOOD_PROFILE = str(FIXTURES / "rtx5090-driver575-linux.json")
LONG_NAME = "a" * 300  # longer than any file system's name limit (255)


@pytest.fixture
def env(tmp_path):
    """State and HOME in tmp_path: nothing the CLI does reaches the real user folders."""
    home = tmp_path / "home"
    home.mkdir()
    return {**os.environ, "PYTORCH_SETUP_HOME": str(tmp_path / "state"), "HOME": str(home)}


def refused(result, *needles: str) -> None:
    """Exit 2, each needle on stderr's one line (the last: after a plan or a preview on stdout),
    no traceback anywhere."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pytorch-setup: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout


def test_a_profile_nested_too_deeply_is_one_line(tmp_path, env):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    for command in (["plan", "--profile", str(deep)], ["report", "--profile", str(deep)]):
        refused(run_cli(*command, env=env), "nested too deeply")
    nested_value = {**PROFILE, "extra": json.loads("[" * 500 + "]" * 500)}  # legal, ignored
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps(nested_value), encoding="utf-8")
    assert run_cli("plan", "--profile", str(ok), "--json", env=env).returncode == 0


def test_a_profile_with_a_huge_number_is_one_line(tmp_path, env):
    path = tmp_path / "big.json"
    path.write_text('{"os": {"family": "linux"}, "arch": "x86_64", "gpus": [' + "9" * 5000 + "]")
    refused(run_cli("plan", "--profile", str(path), env=env), "not valid JSON")


@pytest.mark.parametrize(
    "args",
    [
        ("env", "create", "--python", sys.executable, "--dest", "{file}", "--yes"),
        ("toolkit", "--version", "12.6", "--dest", "{file}", "--yes"),
        ("env", "provide", "--dest", "{file}", "--yes"),
        ("install", "--python", sys.executable, "--venv", "{file}", "--yes"),
        ("cudnn", "--archive", "{file}", "--toolkit", "{file}", "--yes"),
        ("path", "add", "--toolkit", "{file}", "--yes"),
    ],
)
def test_a_folder_that_is_a_file_is_refused(tmp_path, env, args):
    afile = tmp_path / "a file"
    afile.write_bytes(b"mine")
    result = run_cli(*(a.replace("{file}", str(afile)) for a in args), env=env)
    refused(result, "is a file, not a folder")
    assert afile.read_bytes() == b"mine"


@pytest.mark.parametrize(
    "args",
    [
        ("env", "create", "--python", sys.executable, "--dest", "{long}", "--yes"),
        ("toolkit", "--version", "12.6", "--dest", "{long}", "--yes"),
        ("plan", "--profile", "{long}"),
        ("scan", "--python", "{long}"),
        ("report", "--output", "{long}"),
    ],
)
def test_a_name_longer_than_the_file_system_allows_is_refused(tmp_path, env, args):
    long = str(tmp_path / LONG_NAME / "x")
    result = run_cli(*(a.replace("{long}", long) for a in args), env=env)
    refused(result, "is too long (300 ", "at most")
    assert not (tmp_path / LONG_NAME[:255]).exists()


def test_a_whole_path_longer_than_the_system_allows_is_refused(tmp_path, env):
    path = str(tmp_path / "/".join(["b" * 200] * 30))  # every name fits; the whole does not
    refused(
        run_cli("toolkit", "--version", "12.6", "--dest", path, env=env), "the path is too long"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--profile", ""),
        ("report", "--profile", ""),
        ("scan", "--python", ""),
        ("report", "--python", "  "),
        ("verify", "--python", ""),
        ("install", "--python", ""),
        ("env", "create", "--python", "", "--dest", "x"),
        ("env", "create", "--python", "3.12", "--dest", ""),
        ("toolkit", "--version", "12.6", "--dest", ""),
        ("toolkit", "--version", "", "--dest", "x"),
        ("cudnn", "--archive", "a.tar.xz", "--toolkit", ""),
        ("path", "add", "--toolkit", ""),
        ("undo", "--id", ""),
    ],
)
def test_an_empty_value_is_an_error_not_a_missing_option(env, args):
    result = run_cli(*args, env=env)
    refused(result, "an empty value is not allowed")
    assert result.stdout == ""  # nothing ran: no scan, no plan


def test_an_unknown_torch_version_says_why_on_stderr(env):
    for extra in ((), ("--json",)):
        result = run_cli("plan", "--profile", GOOD_PROFILE, "--torch", "99.0", *extra, env=env)
        refused(result, "PyTorch 99.0 is not a release")
    assert json.loads(result.stdout)["blockers"][0]["code"] == "torch_unknown"  # still whole


def test_a_blocked_plan_says_why_on_stderr_too(tmp_path, env):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**PROFILE, "python": {"version": "3.16.0"}}), encoding="utf-8")
    result = run_cli("plan", "--profile", str(path), "--json", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("pytorch-setup: error: ") and "3.16" in result.stderr
    assert json.loads(result.stdout)["blockers"][0]["code"] == "python_too_new"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "1e400", "ten", ""])
@pytest.mark.parametrize("command", ["scan", "verify"])
def test_a_timeout_must_be_a_finite_positive_number(env, command, value):
    args = ["--python", sys.executable] if command == "verify" else []
    result = run_cli(command, *args, "--timeout", value, env=env)
    refused(result, "--timeout")
    assert result.stdout == ""


def test_a_missing_or_wrong_toolkit_is_refused_with_exit_2(tmp_path, env):
    missing = tmp_path / "no such toolkit"
    archive = tmp_path / "cudnn.tar.xz"
    archive.write_bytes(b"not an archive")
    refused(
        run_cli("cudnn", "--archive", str(archive), "--toolkit", str(missing), "--yes", env=env),
        "no such folder",
    )
    refused(run_cli("path", "add", "--toolkit", str(missing), "--yes", env=env), "nvcc")
    empty = tmp_path / "empty"
    empty.mkdir()
    refused(run_cli("path", "add", "--toolkit", str(empty), "--yes", env=env), "nvcc")
    refused(  # not a toolkit: no version to pick the download by
        run_cli("cudnn", "--version", "9.13", "--toolkit", str(empty), "--yes", env=env),
        "is not a CUDA toolkit",
    )
    toolkit = fixture_toolkit(tmp_path / "cuda-12.6")
    refused(  # a damaged archive, before anything changed
        run_cli("cudnn", "--archive", str(archive), "--toolkit", str(toolkit), "--yes", env=env),
        "damaged",
    )


def test_a_folder_with_something_in_it_is_refused_before_asking(tmp_path, env):
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine", encoding="utf-8")
    for args in (
        ("toolkit", "--version", "12.6", "--dest", str(full)),
        ("env", "provide", "--dest", str(full)),
        ("env", "create", "--python", sys.executable, "--dest", str(full)),
    ):
        result = run_cli(*args, env=env)
        refused(result, "not empty")
        assert "[y/N]" not in result.stdout  # refused before the question
    assert [p.name for p in full.iterdir()] == ["keep.txt"]


@pytest.mark.skipif(os.name == "nt", reason="Windows file names are Unicode, never bytes")
def test_a_file_name_that_is_not_utf8_is_one_line_and_logged_escaped(tmp_path, env):
    name = os.fsdecode(str(tmp_path).encode() + b"/python-\xff")  # a lone surrogate in Python
    result = run_cli("scan", "--python", name, env=env)
    refused(result, "no such file")
    assert "Logging error" not in result.stderr  # the log file took it (escaped), not stderr
    log = Path(env["PYTORCH_SETUP_HOME"]) / "logs" / "pytorch-setup.log"
    assert "python-\\udcff: no such file" in log.read_text(encoding="utf-8")


def test_a_step_that_fails_after_the_user_agreed_exits_1_with_one_line(tmp_path, env):
    dest = tmp_path / "cuda"
    closed = "http://127.0.0.1:9/"  # the discard port: nothing listens, the fetch fails at once
    result = run_cli("toolkit", "--version", "12.6", "--dest", str(dest), "--mirror", closed,
                     "--yes", env=env)  # fmt: skip
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pytorch-setup: error: ")
    assert "127.0.0.1:9" in lines[0] and "Traceback" not in result.stderr
    assert not dest.exists()


def test_declining_says_so_on_stderr(tmp_path, env):
    result = run_cli("toolkit", "--version", "12.6", "--dest", str(tmp_path / "cuda"), env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "pytorch-setup: nothing installed (add --yes to go ahead without asking)"
    )


def test_argument_errors_are_one_line_with_the_same_prefix(env):
    result = run_cli("env", "create", "--kind", "pip", "--python", "3.12", "--dest", "x", env=env)
    refused(result, "env create: argument --kind: invalid choice: 'pip'", "--help")


def main_in_process(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    no_terminal = mock.patch("sys.stdin", io.StringIO(""))  # a question reads end-of-file
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), no_terminal:
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_an_unexpected_failure_is_one_line_naming_the_log_which_holds_the_traceback(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "state"))

    def broken(args):
        raise KeyError("the_missing_key")

    monkeypatch.setitem(cli.COMMANDS, "scan", broken)
    code, out, err = main_in_process("scan")
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert lines[0].startswith("pytorch-setup: error: unexpected error: 'the_missing_key'")
    log = Path(lines[0].rsplit("; details in ", 1)[1])
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "the_missing_key" in text


@pytest.mark.parametrize(
    ("error", "code", "line"),
    [
        ("user", 2, "pytorch-setup: error: bad input"),
        ("step", 1, "pytorch-setup: error: it failed: the details"),
        ("cancel", 130, "pytorch-setup: cancelled"),
        ("interrupt", 130, "pytorch-setup: cancelled"),
    ],
)
def test_main_maps_each_kind_of_error_once(monkeypatch, error, code, line):
    from app.errors import StepError, UserError
    from app.events import Cancelled

    raised = {
        "user": UserError("bad input"),
        "step": StepError("it failed:\n  the details"),  # one line, however it was written
        "cancel": Cancelled(),
        "interrupt": KeyboardInterrupt(),
    }[error]

    def failing(args):
        raise raised

    monkeypatch.setitem(cli.COMMANDS, "scan", failing)
    assert main_in_process("scan") == (code, "", line + "\n")
