"""A plan confirmed by the target's own pip: real venvs, real pip, a real index on loopback.

The "torch" and "torchvision" here are tiny wheels (tests/wheels.py) with the pins that matter:
torchvision 0.31.0 needs torch 2.16.0, torchvision 0.29.1 needs torch 2.14.1, and one torch
excludes the venv's own Python. pip runs isolated from this machine's pip configuration
(which adds find-links, extra indexes and a torch constraint).

Marked `windows`: the tests that pass under Wine's Windows CPython (there each pip run takes
about 7 s and the venv 15 s, so only a few representative ones; the timeout and cancel tests
depend on timings and process listings that Wine does not keep to).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.compat.plan import Plan
from app.compat.resolve import Confirmation, classify, confirm, dry_run_command
from app.events import Cancelled, CancelToken
from app.steps.install import InstallError, InstallRequest
from tests.loopback import SilentServer, closed_port, live_children
from tests.wheels import make_wheel, pip_plan, serve_index, simple_index_files

HERE = f"{sys.version_info.major}.{sys.version_info.minor}"  # the venvs' Python (made by ours)
NOT_HERE = f"!={HERE}.*"


def bin_python(folder: Path) -> str:
    return str(folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python"))


def make_venv(folder: Path, *options: str) -> str:
    subprocess.run([sys.executable, "-m", "venv", *options, str(folder)], check=True, timeout=300)
    return bin_python(folder)


def pip_env() -> dict[str, str]:
    """This process's environment without any pip setting, and no pip config file."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    # No uv on PATH: a venv without pip would be confirmed by uv (tests/…/test_resolve_uv.py).
    uv = "uv.exe" if os.name == "nt" else "uv"
    folders = env.get("PATH", "").split(os.pathsep)
    env["PATH"] = os.pathsep.join(f for f in folders if f and not (Path(f) / uv).exists())
    return env


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("wheels") / "바퀴 wheels"
    return [
        make_wheel(folder, "torch", "2.14.1"),
        make_wheel(folder, "torch", "2.15.0"),
        make_wheel(folder, "torch", "2.16.0"),
        make_wheel(folder, "torch", "2.17.0", requires_python=NOT_HERE),
        make_wheel(folder, "torchvision", "0.29.1", requires_dist=["torch==2.14.1"]),
        make_wheel(folder, "torchvision", "0.31.0", requires_dist=["torch==2.16.0"]),
    ]


@pytest.fixture(scope="module")
def index(wheels) -> Iterator[str]:
    with serve_index(simple_index_files(wheels)) as server:
        yield server.url + "/simple"


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> str:
    return make_venv(tmp_path_factory.mktemp("venvs") / "환경 venv")


def ask(python: str, plan: Plan, **options) -> Confirmation:
    find_links = options.pop("find_links", None)
    request = InstallRequest(python=python, plan=plan, find_links=find_links)
    return confirm(request, env=pip_env(), **options)


# --- pip answers --------------------------------------------------------------------------------


@pytest.mark.windows
def test_a_consistent_pair_is_confirmed_and_nothing_is_installed(venv, index):
    lines: list[str] = []
    result = ask(
        venv,
        pip_plan("torch==2.16.0", "torchvision==0.31.0", index_url=index),
        on_line=lines.append,
    )
    assert result.status == "confirmed", result
    assert result.installs == {"torch": "2.16.0", "torchvision": "0.31.0"}
    assert "torch 2.16.0" in result.detail and "torchvision 0.31.0" in result.detail
    assert result.command[0] == venv and result.command[1:5] == [
        "-m",
        "pip",
        "install",
        "--dry-run",
    ]
    assert any("Would install" in line for line in lines)  # pip's lines were streamed
    # A dry run: the venv still has no torch.
    probe = subprocess.run([venv, "-c", "import torch"], capture_output=True, timeout=60)
    assert probe.returncode != 0
    assert result.to_dict() == {
        "status": "confirmed",
        "detail": result.detail,
        "installs": {"torch": "2.16.0", "torchvision": "0.31.0"},
        "command": result.command,
    }


@pytest.mark.windows
def test_an_impossible_pair_is_refused_with_pips_reason(venv, index):
    result = ask(venv, pip_plan("torch==2.15.0", "torchvision==0.29.1", index_url=index))
    assert result.status == "refused", result
    assert result.detail == "torchvision 0.29.1 depends on torch==2.14.1"
    assert result.installs == {}


def test_a_version_that_is_not_there_is_refused(venv, index):
    result = ask(venv, pip_plan("torch==2.99.0", index_url=index))
    assert result.status == "refused", result
    assert result.detail == "No matching distribution found for torch==2.99.0"


def test_a_version_for_another_python_is_refused_with_the_python_reason(venv, index):
    # The index says so up front (data-requires-python), so pip never downloads it.
    result = ask(venv, pip_plan("torch==2.17.0", index_url=index))
    assert result.status == "refused", result
    assert result.detail == f"torch==2.17.0 requires a different Python: Requires-Python {NOT_HERE}"


def test_a_wheelhouse_is_confirmed_without_any_index(venv, wheels):
    # The plan's own index is a closed port: only the wheelhouse may be read.
    dead = f"http://127.0.0.1:{closed_port()}/simple"
    plan = pip_plan("torch==2.16.0", "torchvision==0.31.0", index_url=dead)
    result = ask(venv, plan, find_links=str(wheels[0].parent))
    assert result.status == "confirmed", result
    assert result.installs == {"torch": "2.16.0", "torchvision": "0.31.0"}
    assert "--no-index" in result.command and dead not in result.command


def test_a_wheelhouse_wheel_for_another_python_is_refused_from_its_metadata(venv, wheels):
    # No index page here: pip reads Requires-Python from the wheel itself.
    plan = pip_plan("torch==2.17.0", index_url=None)
    result = ask(venv, plan, find_links=str(wheels[0].parent))
    assert result.status == "refused", result
    assert result.detail.startswith("torch requires a different Python: ")
    assert NOT_HERE in result.detail


# --- pip cannot answer --------------------------------------------------------------------------


def test_a_closed_index_port_is_unconfirmed_quickly(venv):
    plan = pip_plan("torch==2.16.0", index_url=f"http://127.0.0.1:{closed_port()}/simple")
    started = time.monotonic()
    result = ask(venv, plan, timeout=90)
    assert result.status == "unconfirmed", result
    assert result.detail == "no connection to the index"
    assert time.monotonic() - started < 20  # --retries 1: not pip's minute of back-off
    assert result.command[result.command.index("--retries") + 1] == "1"


@pytest.mark.windows
def test_a_venv_without_pip_is_unconfirmed(tmp_path, index):
    python = make_venv(tmp_path / "핍 없음 no pip", "--without-pip")
    result = ask(python, pip_plan("torch==2.16.0", index_url=index))
    assert result.status == "unconfirmed", result
    assert result.detail == "no pip in this environment"


def test_a_missing_interpreter_is_unconfirmed_not_a_traceback(tmp_path, index):
    result = ask(str(tmp_path / "gone" / "python"), pip_plan("torch==2.16.0", index_url=index))
    assert result.status == "unconfirmed", result
    assert "Could not start" in result.detail and "\n" not in result.detail


@pytest.mark.windows
def test_a_conda_plan_is_unconfirmed_and_nothing_runs(tmp_path):
    plan = Plan(
        compute="cpu",
        torch="2.5.1",
        packages={"torch": "2.5.1"},
        manager="conda",
        commands=[["conda", "install", "-y", "pytorch==2.5.1", "cpuonly", "-c", "pytorch"]],
    )
    lines: list[str] = []
    # No conda and no Python here: anything that tried to run would fail differently.
    result = ask(str(tmp_path / "python"), plan, on_line=lines.append)
    assert result == Confirmation("unconfirmed", "conda plans are not dry-run", {}, [])
    assert lines == []
    request = InstallRequest(python=str(tmp_path / "python"), plan=plan)
    with pytest.raises(InstallError, match="conda"):
        dry_run_command(request, str(tmp_path / "report.json"))


@pytest.fixture
def silent_index() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def test_a_dry_run_that_takes_too_long_is_unconfirmed(venv, silent_index):
    result = ask(venv, pip_plan("torch==2.16.0", index_url=silent_index.url), timeout=6)
    assert result.status == "unconfirmed", result
    assert result.detail == "it took longer than 6 s"
    assert silent_index.asked.is_set()
    assert live_children() == []


def test_cancel_ends_pip_and_raises_cancelled(venv, silent_index):
    cancel = CancelToken()

    def cancel_once_pip_asks() -> None:
        if silent_index.asked.wait(60):
            cancel.cancel()

    threading.Thread(target=cancel_once_pip_asks, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        ask(venv, pip_plan("torch==2.16.0", index_url=silent_index.url), cancel=cancel)
    assert silent_index.asked.is_set()
    assert time.monotonic() - started < 14  # not pip's own 15 s read timeout
    assert live_children() == []


# --- the command --------------------------------------------------------------------------------


def test_the_report_goes_to_a_temp_folder_that_is_removed(venv, index, tmp_path, monkeypatch):
    temp = tmp_path / "임시 폴더 temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    result = ask(venv, pip_plan("torch==2.16.0", index_url=index))
    assert result.status == "confirmed", result
    report = Path(result.command[result.command.index("--report") + 1])
    assert report.parent.parent == temp
    assert list(temp.iterdir()) == []


@pytest.mark.windows
def test_dry_run_command_is_the_install_command_plus_the_dry_run_options(tmp_path):
    plan = pip_plan("torch==2.16.0", index_url="https://mirror.example/whl/cpu")
    request = InstallRequest(python="/envs/my env/bin/python", plan=plan)
    report = str(tmp_path / "보고서 report.json")
    assert dry_run_command(request, report) == [
        "/envs/my env/bin/python",
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--report",
        report,
        "--no-input",
        "--retries",
        "1",
        "--timeout",
        "15",
        "torch==2.16.0",
        "--disable-pip-version-check",
        "--index-url",
        "https://mirror.example/whl/cpu",
    ]
    # A mirror replaces the plan's index, exactly as in the install.
    request = InstallRequest(python="py", plan=plan, index_url="http://127.0.0.1:1/mirror")
    command = dry_run_command(request, report)
    assert command[-2:] == ["--index-url", "http://127.0.0.1:1/mirror"]
    # Network bounds the caller already set are kept, not doubled.
    plan.commands[0][4:4] = ["--timeout=40", "--retries", "3"]
    command = dry_run_command(InstallRequest(python="py", plan=plan), report)
    assert command.count("--retries") == 1 and "--timeout" not in command
    assert "--timeout=40" in command


# --- what pip said, in words pip really uses (versions this machine cannot run) --------------


@pytest.mark.windows
@pytest.mark.parametrize(
    ("output", "status", "detail"),
    [
        (
            "Usage:   \n  python -m pip install [options] <requirement specifier> ...\n\n"
            "no such option: --dry-run",
            "unconfirmed",
            "pip is too old for --dry-run (needs 22.2)",
        ),
        ("no such option: --report", "unconfirmed", "pip is too old for --dry-run (needs 22.2)"),
        (
            "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, "
            "status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3"
            ".connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: "
            "[Errno -3] Temporary failure in name resolution')': /whl/cu126/torch/\n"
            "ERROR: Could not find a version that satisfies the requirement torch==2.14.1 "
            "(from versions: none)\nERROR: No matching distribution found for torch==2.14.1",
            "unconfirmed",
            "no connection to the index",
        ),
        (
            "WARNING: The repository located at mirror.lan is not a trusted or secure host and "
            "is being ignored.\nERROR: No matching distribution found for torch",
            "unconfirmed",
            "pip ignores the index: it is plain http and not a trusted host",
        ),
        (
            "Could not fetch URL https://mirror.lan/simple/torch/: There was a problem "
            "confirming the ssl certificate: HTTPSConnectionPool(host='mirror.lan', port=443): "
            "Max retries exceeded (Caused by SSLError(SSLCertVerificationError(1, "
            "'[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed')))",
            "unconfirmed",
            "the index's certificate could not be verified",
        ),
        (
            "ERROR: Cannot install torch==2.15.0 and torchvision==0.29.1 because these package "
            "versions have conflicting dependencies.\n"
            "ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/",
            "refused",
            "Cannot install torch==2.15.0 and torchvision==0.29.1 because these package "
            "versions have conflicting dependencies.",
        ),
        (
            "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE.\n"
            "    torch==2.16.0 from http://x/torch.whl:\n        Expected sha256 00\n",
            "unconfirmed",
            "pip could not tell: Expected sha256 00",
        ),
    ],
)
def test_classify(output, status, detail):
    assert classify(output.splitlines()) == (status, detail)
