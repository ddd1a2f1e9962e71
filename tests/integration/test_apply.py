"""Lab mode end to end, through the real CLI in subprocesses: `plan --output` saves a plan,
`apply` runs it on "another" PC (this one) or refuses it, and writes a result file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.compat.plan import SCHEMA
from app.journal import Journal
from app.lab.apply import writable_problem
from tests.integration.test_cli import run_cli, this_platform
from tests.integration.test_verify import nvidia_gpus_here

PROFILES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"


def home_env(tmp_path: Path) -> dict[str, str]:
    """The assistant's state (journal, logs) in a folder of this test's own."""
    return {**os.environ, "PYTORCH_SETUP_HOME": str(tmp_path / "state")}


def test_plan_output_saves_the_plan_it_prints(tmp_path):
    output = tmp_path / "실습실" / "plan.json"
    output.parent.mkdir()
    profile = str(PROFILES / "seed-windows-rtx3060.json")
    result = run_cli(
        "plan", "--profile", profile, "--torch", "2.4.1", "--json", "--output", str(output)
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)  # --json: stdout is the plan alone
    saved = json.loads(output.read_text(encoding="utf-8"))
    assert saved == printed and saved["schema"] == SCHEMA
    assert saved["made_for"]["gpus"][0]["name"] == "NVIDIA GeForce RTX 3060"
    text = run_cli("plan", "--profile", profile, "--torch", "2.4.1", "--output", str(output))
    assert f"Plan saved to {output}" in text.stdout


def test_plan_output_onto_a_folder_is_one_line_and_a_blocked_plan_is_not_saved(tmp_path):
    profile = str(PROFILES / "seed-windows-rtx3060.json")
    folder = run_cli("plan", "--profile", profile, "--output", str(tmp_path))
    assert folder.returncode == 2
    assert folder.stderr.strip().splitlines() == [
        f"pytorch-setup: error: plan: argument --output: {tmp_path} is a folder, not a file "
        "(see pytorch-setup plan --help)"
    ]
    output = tmp_path / "plan.json"
    blocked = run_cli(
        "plan", "--profile", profile, "--compute", "rocm6.1", "--json", "--output", str(output)
    )
    assert blocked.returncode != 0 and not output.exists()
    assert f"plan not saved to {output}: it is blocked" in blocked.stderr


def apply_cli(*args: str, home: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    """`pytorch-setup apply ...` as a deployment tool runs it: no console (stdin is empty),
    the assistant's state in `home`, pip isolated from this machine's global config."""
    env = {**os.environ, "PYTORCH_SETUP_HOME": str(home), "PIP_CONFIG_FILE": os.devnull}
    return run_cli("apply", *args, env=env, timeout=timeout)


def read_result(path: Path) -> dict:
    result = json.loads(path.read_text(encoding="utf-8"))
    assert result["schema"] == "pytorch-setup/result/1"
    return result


def this_pc_plan(tmp_path: Path, *choices: str, python: str | None = None) -> Path:
    """A plan made for this PC through the real CLI, saved with --output; python: for that
    interpreter (scanned with `scan --python`), else for the one the scan picks."""
    output = tmp_path / "plan.json"
    if python is not None:
        scanned = run_cli("scan", "--python", python, "--json", timeout=300)
        assert scanned.returncode == 0, scanned.stderr
        profile = tmp_path / "this pc.json"
        profile.write_text(scanned.stdout, encoding="utf-8")
        choices = ("--profile", str(profile), *choices)
    made = run_cli("plan", *choices, "--json", "--output", str(output), timeout=300)
    if made.returncode != 0:
        pytest.skip(f"no plan for this PC: {made.stderr.strip()}")
    return output


@pytest.mark.slow
def test_a_plan_for_this_pc_is_applied_into_a_new_venv_from_a_wheelhouse(tmp_path, wheelhouse):
    plan = this_pc_plan(tmp_path, "--torch", "2.13.0", "--compute", "cpu", "--packages", "torch")
    venv = tmp_path / "lab venv 홍길동"
    home = tmp_path / "state"
    result_file = tmp_path / "r.json"
    # --python: the wheelhouse holds the wheel for this interpreter's Python (cp311).
    done = apply_cli(
        str(plan),
        "--python",
        sys.executable,
        "--venv",
        str(venv),
        "--find-links",
        str(wheelhouse),
        "--yes",
        "--result",
        str(result_file),
        home=home,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "--no-index" in done.stdout  # no index was asked
    result = read_result(result_file)
    assert (result["outcome"], result["exit_code"], result["reason"]) == ("ok", 0, None)
    assert result["plan"] == json.loads(plan.read_text(encoding="utf-8"))
    assert result["fit"] == [] and result["pc"] == "<redacted>"
    assert [(s["name"], s["outcome"]) for s in result["steps"]] == [
        ("venv", "ok"),
        ("install", "ok"),
        ("verify", "ok"),
    ]
    assert result["target"]["created"] is True and result["target"]["venv"] == str(venv)
    assert result["verify"]["torch"]["version"] == "2.13.0+cpu"
    if not nvidia_gpus_here():
        assert result["verify"]["ok"] is True
    assert result["changes"] == [
        {"step": "envs", "summary": f"created the environment {venv}"},
        {
            "step": "install",
            "summary": f"installed torch 2.13.0 into {result['target']['python']}",
        },
    ]
    assert [e.step for e in Journal(home / "journal.jsonl").pending()] == [
        "install",
        "envs",
    ]  # newest first


def test_a_plan_for_an_rtx_4090_is_refused_here_and_nothing_changes(tmp_path):
    if nvidia_gpus_here():
        pytest.skip("this machine has an NVIDIA GPU: the RTX 4090 plan may fit it")
    plan = tmp_path / "p.json"
    profile = str(PROFILES / "linux-rtx4090-driver550.json")
    made = run_cli("plan", "--profile", profile, "--json", "--output", str(plan))
    assert made.returncode == 0, made.stderr
    venv, home, result_file = tmp_path / "X", tmp_path / "state", tmp_path / "r.json"
    refused = apply_cli(
        str(plan), "--venv", str(venv), "--yes", "--result", str(result_file), home=home
    )
    assert refused.returncode == 3, refused.stdout + refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert lines and all(line.startswith("pytorch-setup: error: ") for line in lines)
    if this_platform()[0] == "linux":
        assert "This plan is for an NVIDIA GPU (cu126); this PC has none." in lines[0]
    assert not venv.exists()  # nothing changed: no venv made...
    assert not (home / "journal.jsonl").exists() or Journal(home / "journal.jsonl").entries() == []
    result = read_result(result_file)
    assert (result["outcome"], result["exit_code"], result["steps"]) == ("refused", 3, [])
    assert result["fit"] and result["reason"] == result["fit"][0]["message"]
    assert result["changes"] == [] and result["target"]["created"] is False


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "no such file"),
        ("{broken", "not JSON"),
        ('{"schema": "pytorch-setup/profile/1"}', "its schema is"),
    ],
)
def test_an_unusable_plan_is_one_line_and_exit_2(tmp_path, content, says):
    plan = tmp_path / "plan.json"
    if content is not None:
        plan.write_text(content, encoding="utf-8")
    result_file = tmp_path / "r.json"
    done = apply_cli(str(plan), "--yes", "--result", str(result_file), home=tmp_path / "state")
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"pytorch-setup: error: cannot use the plan {plan}: ") and says in line
    assert not result_file.exists()  # no plan, nothing to report on


def test_without_yes_and_without_a_console_apply_refuses_at_once(tmp_path):
    plan = this_pc_plan(tmp_path, "--compute", "cpu", python=sys.executable)
    venv, result_file = tmp_path / "venv", tmp_path / "r.json"
    done = apply_cli(
        str(plan), "--python", sys.executable, "--venv", str(venv), "--result", str(result_file),
        home=tmp_path / "state",
    )  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [
        "pytorch-setup: error: pass --yes to run unattended (there is no console to ask)"
    ]
    assert not venv.exists()
    result = read_result(result_file)
    assert (result["outcome"], result["exit_code"]) == ("refused", 2)


@pytest.mark.slow
def test_a_failed_install_is_exit_1_with_the_venv_listed_as_a_change(tmp_path):
    plan = this_pc_plan(tmp_path, "--torch", "2.13.0", "--compute", "cpu", "--packages", "torch")
    empty = tmp_path / "empty wheelhouse"
    empty.mkdir()
    venv, home = tmp_path / "venv", tmp_path / "state"
    done = apply_cli(
        str(plan),
        "--python",
        sys.executable,
        "--venv",
        str(venv),
        "--find-links",
        str(empty),
        "--yes",
        "--json",
        home=home,
    )
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout)  # --json: the result alone on stdout
    assert (result["outcome"], result["exit_code"]) == ("failed", 1)
    assert result["reason"].startswith("install: The install failed")
    assert [(s["name"], s["outcome"]) for s in result["steps"]] == [
        ("venv", "ok"),
        ("install", "failed"),
        ("verify", "skipped"),
    ]
    assert result["changes"] == [{"step": "envs", "summary": f"created the environment {venv}"}]
    assert done.stderr.strip().splitlines()[-1] == f"pytorch-setup: error: {result['reason']}"


def test_a_folder_this_user_may_not_write_is_named(tmp_path):
    assert writable_problem(str(tmp_path)) is None
    assert writable_problem(str(tmp_path / "not yet" / "site-packages")) is None
    if sys.platform.startswith("linux"):  # /proc/sys refuses new files, even to root
        assert "may not write /proc/sys" in (writable_problem("/proc/sys/site-packages") or "")


@pytest.mark.windows
def test_windows_unattended_apply_refuses_a_plan_for_another_pc_and_never_prompts(tmp_path):
    """In the Windows lane: the real CLI under a Windows CPython, as a deployment tool runs it
    (no console): a plan for another PC is refused with 3, and one that fits but lacks --yes
    with 2, at once and with nothing made."""
    foreign = tmp_path / "foreign.json"
    profile = str(PROFILES / "linux-rtx4090-driver550.json")
    assert run_cli("plan", "--profile", profile, "--json", "--output", str(foreign)).returncode == 0
    venv, result_file = tmp_path / "새 venv", tmp_path / "결과.json"
    refused = apply_cli(
        str(foreign), "--venv", str(venv), "--yes", "--result", str(result_file),
        home=tmp_path / "state",
    )  # fmt: skip
    assert refused.returncode == 3, refused.stderr
    assert not venv.exists() and read_result(result_file)["outcome"] == "refused"
    if this_platform()[0] == "windows":
        assert "This plan is for Linux; this PC runs Windows." in refused.stderr
    (tmp_path / "own").mkdir()
    test_without_yes_and_without_a_console_apply_refuses_at_once(tmp_path / "own")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child: POSIX only")
def test_ctrl_c_mid_install_is_cancelled_130_with_the_result_written(tmp_path):
    import http.server
    import signal
    import threading
    import time

    from tests.integration.test_install import SlowIndex

    SlowIndex.stop.clear()  # shared with test_install's cancel test, which sets it at its end
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowIndex)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    plan = this_pc_plan(tmp_path, "--torch", "2.13.0", "--compute", "cpu", "--packages", "torch")
    result_file = tmp_path / "r.json"
    command = [sys.executable, "-m", "app", "apply", str(plan), "--python", sys.executable]
    command += ["--venv", str(tmp_path / "venv"), "--yes", "--result", str(result_file)]
    command += ["--index-url", f"http://127.0.0.1:{server.server_address[1]}/"]
    env = {**os.environ, "PYTORCH_SETUP_HOME": str(tmp_path / "state")}
    env["PIP_CONFIG_FILE"] = os.devnull
    running = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        env=env, cwd=Path(__file__).resolve().parents[2], stdin=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert running.stdout is not None
        for line in running.stdout:  # pip is asking the index that never answers
            if line.startswith("Running:"):
                break
        time.sleep(1)
        running.send_signal(signal.SIGINT)
        running.wait(60)
    finally:
        SlowIndex.stop.set()
        server.shutdown()
        SlowIndex.stop.clear()  # the waiting handlers are woken; the next user gets a slow index
        if running.poll() is None:
            running.kill()
    assert running.returncode == 130
    result = read_result(result_file)
    assert (result["outcome"], result["exit_code"]) == ("cancelled", 130)
    assert [(s["name"], s["outcome"]) for s in result["steps"]] == [
        ("venv", "ok"),
        ("install", "cancelled"),
        ("verify", "skipped"),
    ]
