"""The elevated step's protocol, run for real: the child CLI gets the state folder, a result
file and a cancel file on its command line (it may run as another user, with another
%LOCALAPPDATA% and no PYTORCH_SETUP_HOME); its output streams back into the wizard's log, its
one-line error comes back as the step's error, a cancel rolls it back, and undo of what it did
elevates too. UAC itself cannot be shown here; Wine's ShellExecuteEx "runas" starts the same
child without a prompt, so the Windows lane runs run_elevated() end to end."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app import elevate
from app.elevate import ElevatedResult, ElevationError, child_arguments, read_result, wait_for
from app.events import Cancelled, CancelToken, Reporter
from app.journal import Journal
from tests.integration.test_cli import run_cli

pytestmark = pytest.mark.windows
windows_only = pytest.mark.skipif(os.name != "nt", reason="ShellExecuteEx exists only on Windows")


class Lines(Reporter):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def log(self, message: str, level: int = 20) -> None:
        self.lines.append(message)


def child_env() -> dict[str, str]:
    """What an elevated child has: no PYTORCH_SETUP_HOME of ours (another user's environment)."""
    env = dict(os.environ)
    env.pop("PYTORCH_SETUP_HOME", None)
    return env


def test_the_child_uses_the_state_folder_it_is_given_and_writes_its_result(tmp_path):
    state, exchange = tmp_path / "상태 state", tmp_path / "exchange"
    args = child_arguments(
        ["cudnn", "--archive", str(tmp_path / "none.zip"), "--toolkit", str(tmp_path), "--yes"],
        exchange,
        state,
    )
    done = run_cli(*args, env=child_env())
    assert done.returncode == 2, done.stdout + done.stderr
    result = read_result(exchange)
    assert result.code == 2 and result.error == f"--archive {tmp_path / 'none.zip'}: no such file"
    assert any("no such file" in line for line in result.output)  # teed, still on stderr too
    assert "no such file" in done.stderr
    logs = state / "logs"
    assert (logs / "pytorch-setup-elevated.log").is_file()  # its own log, in our state folder
    assert not (logs / "pytorch-setup.log").exists()


def test_a_failed_child_is_one_line_of_the_steps_error():
    class StepError(Exception):
        pass

    with pytest.raises(StepError, match="^The cuDNN copy as administrator failed: disk full$"):
        ElevatedResult(1, "disk full").raise_for(StepError, "The cuDNN copy")
    with pytest.raises(StepError, match="exit code 5"):
        ElevatedResult(5).raise_for(StepError, "The cuDNN copy")
    ElevatedResult(0).raise_for(StepError, "nothing")  # success raises nothing


def test_a_child_that_died_without_a_result_says_so(tmp_path):
    (tmp_path / elevate.OUTPUT).write_text("Copying cudnn64_9.dll\n", encoding="utf-8")
    result = read_result(tmp_path)
    assert result.code == 1 and "without a result" in result.error
    assert "cudnn64_9.dll" in result.error


def test_entries_made_as_administrator_say_so(tmp_path, monkeypatch):
    journal = Journal(tmp_path / "journal.jsonl")
    assert "elevated" not in journal.record("cudnn", "install", path="x").data
    monkeypatch.setenv(elevate.ELEVATED_ENV, "1")
    entry = journal.record("cudnn", "install", path="x")
    assert entry.data["elevated"] is True
    assert journal.pending()[0].data["elevated"] is True  # what undo reads back


@pytest.mark.skipif(os.name == "nt", reason="the sleeping stand-in interpreter is a shell script")
def test_the_cancel_file_stops_the_child_cli_as_ctrl_c_would(tmp_path):
    sleepy = tmp_path / "python"
    sleepy.write_text("#!/bin/sh\nsleep 60\n")
    sleepy.chmod(0o755)
    exchange = tmp_path / "exchange"
    args = child_arguments(
        ["verify", "--python", str(sleepy), "--timeout", "90"], exchange, tmp_path / "state"
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parents[2],
    )
    time.sleep(2.0)
    started = time.monotonic()
    (exchange / elevate.CANCEL).write_text("cancel")
    assert child.wait(timeout=30) == 130
    assert time.monotonic() - started < 15  # not the 60 s of the stand-in
    assert read_result(exchange).code == 130 and read_result(exchange).error == "cancelled"


@windows_only
def test_wait_for_streams_the_output_and_asks_the_child_to_stop(tmp_path):
    """A real Windows process handle: lines arrive while it runs; a cancel writes the cancel
    file, the child stops on its own, and the wait ends in Cancelled."""
    script = textwrap.dedent(
        f"""
        import pathlib, sys, time
        ex = pathlib.Path({str(tmp_path)!r})
        with open(ex / "output.log", "a", encoding="utf-8") as out:
            out.write("step 1 of 2\\n")
            out.flush()
            for _ in range(300):
                if (ex / "cancel").exists():
                    out.write("rolled back\\n")
                    sys.exit(130)
                time.sleep(0.1)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script])
    cancel, reporter = CancelToken(), Lines()
    deadline = time.monotonic() + 20
    import threading

    def cancel_after_first_line() -> None:
        while time.monotonic() < deadline and "step 1 of 2" not in reporter.lines:
            time.sleep(0.05)
        cancel.cancel()

    threading.Thread(target=cancel_after_first_line, daemon=True).start()
    with pytest.raises(Cancelled):
        wait_for(int(child._handle), tmp_path, reporter, cancel)  # type: ignore[attr-defined]
    assert child.wait(timeout=10) == 130
    assert reporter.lines == ["step 1 of 2", "rolled back"]


@windows_only
def test_run_elevated_end_to_end(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "state"))
    reporter = Lines()
    result = elevate.run_elevated(["path", "show"], reporter)
    assert result.code == 0 and result.error == ""
    assert any("CUDA_PATH" in line for line in reporter.lines)  # streamed into our log
    failed = elevate.run_elevated(
        ["cudnn", "--archive", str(tmp_path / "none.zip"), "--toolkit", str(tmp_path), "--yes"]
    )
    assert failed.code == 2 and "no such file" in failed.error
    assert not (tmp_path / "state" / "elevated").exists() or not any(
        (tmp_path / "state" / "elevated").iterdir()
    )  # the exchange folder is removed


def test_elsewhere_there_is_no_elevation():
    if os.name == "nt":
        pytest.skip("on Windows this starts the elevated child (see the end-to-end test)")
    with pytest.raises(ElevationError, match="only done on Windows"):
        elevate.run_elevated(["path", "show"])


def test_undo_of_an_elevated_entry_elevates(tmp_path, monkeypatch):
    """The journal entry says it was made as administrator: undo does not try (and fail) as
    this user, it runs `undo --id` elevated."""
    from app.steps import undo as undo_step

    calls: list[list[str]] = []

    def fake_run_elevated(args, reporter=None, cancel=None, **kwargs):
        calls.append(args)
        return ElevatedResult(0)

    journal = Journal(tmp_path / "journal.jsonl")
    entry = journal.record("cudnn", "install", path="x", elevated=True)
    monkeypatch.setattr(elevate, "run_elevated", fake_run_elevated)
    monkeypatch.setattr(elevate, "is_admin", lambda: False)
    monkeypatch.setattr(undo_step, "ON_WINDOWS", True)
    assert undo_step.needs_elevation(entry)
    assert undo_step.undo_entries([entry], Reporter(), CancelToken(), journal) == 1
    assert calls == [["undo", "--id", entry.id, "--yes"]]


def test_undo_by_id(tmp_path):
    """What the elevated undo runs: one entry by its id; an unknown id is bad input."""
    journal = Journal(tmp_path / "journal.jsonl")
    older = journal.record("pathreg", "add", note="older")
    journal.record("pathreg", "add", note="newer")
    env = dict(os.environ, PYTORCH_SETUP_HOME=str(tmp_path))
    missing = run_cli("undo", "--id", "nosuchid", "--yes", env=env)
    assert missing.returncode == 2 and "no change with that id" in missing.stderr
    listed = run_cli("undo", "--id", older.id, env=env)  # no --yes: it lists, then asks
    assert listed.returncode == 1 and listed.stdout.count("- ") == 1
