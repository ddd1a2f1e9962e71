"""A plan confirmed by uv where the environment uses uv: real uv, real venvs, loopback index.

uv comes from the test extra (it is a PyPI package). It runs isolated from this machine's uv and
pip settings: no uv.toml (UV_NO_CONFIG), its own cache in the test's folder, no Python
downloads, no PIP_* or UV_* variables of ours. The wheels are tests/wheels.py's tiny ones; the
index here also answers HEAD, which uv sends before it reads a wheel's metadata.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.compat.plan import Plan
from app.compat.resolve import (
    Confirmation,
    classify_uv,
    confirm,
    made_by_uv,
    uv_dry_run_command,
    uv_env,
    uv_for,
)
from app.events import Cancelled, CancelToken
from app.steps.install import InstallRequest
from tests.loopback import SilentServer, closed_port, live_children, serve_files
from tests.wheels import make_wheel, pip_plan, simple_index_files

NEXT = f"{sys.version_info.major}.{sys.version_info.minor + 1}"  # a Python newer than the venvs'
EXE = ".exe" if sys.platform == "win32" else ""


def find_test_uv() -> str | None:
    """The uv of the test extra: next to our Python, else on PATH."""
    beside = Path(sys.executable).parent / f"uv{EXE}"
    return str(beside) if beside.is_file() else shutil.which("uv")


@pytest.fixture(scope="module")
def uv() -> str:
    found = find_test_uv()
    if found is None:
        pytest.skip("uv is not installed (pip install -e '.[test]' brings it)")
    return found


def bin_python(folder: Path) -> str:
    return str(folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python"))


def path_without_uv() -> str:
    """PATH without any folder that holds a uv (an activated .venv, ~/.cargo/bin, …)."""
    folders = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(f for f in folders if f and not (Path(f) / f"uv{EXE}").exists())


def isolated_env(cache: Path, uv: str | None) -> dict[str, str]:
    """This process's environment without pip's or uv's settings; uv on PATH when given."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(("PIP_", "UV_"))}
    env.update(
        PIP_CONFIG_FILE=os.devnull,
        UV_NO_CONFIG="1",
        UV_CACHE_DIR=str(cache),
        UV_PYTHON_DOWNLOADS="never",
    )
    env["PATH"] = path_without_uv()
    if uv is not None:
        env["PATH"] = str(Path(uv).parent) + os.pathsep + env["PATH"]
    return env


def uv_venv(uv: str, folder: Path, cache: Path) -> str:
    subprocess.run(
        [uv, "venv", "--quiet", "--python", sys.executable, str(folder)],
        env=isolated_env(cache, uv),
        check=True,
        timeout=120,
    )
    return bin_python(folder)


def pip_venv(folder: Path, *options: str) -> str:
    subprocess.run([sys.executable, "-m", "venv", *options, str(folder)], check=True, timeout=300)
    return bin_python(folder)


@contextmanager
def serve_index(files: dict[str, bytes], locked: str = "locked/") -> Iterator[str]:
    """A PEP 503 index on loopback (GET and HEAD); paths under `locked` get 401."""
    with serve_files(files, statuses={locked: 401}) as server:
        yield server.url


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("wheels") / "바퀴 wheels"
    return [
        make_wheel(folder, "torch", "2.14.1"),
        make_wheel(folder, "torch", "2.15.0"),
        make_wheel(folder, "torch", "2.16.0"),
        make_wheel(folder, "torch", "2.17.0", requires_python=f">={NEXT}"),
        make_wheel(folder, "torchvision", "0.29.1", requires_dist=["torch==2.14.1"]),
        make_wheel(folder, "torchvision", "0.31.0", requires_dist=["torch==2.16.0"]),
    ]


@pytest.fixture(scope="module")
def server(wheels, tmp_path_factory) -> Iterator[str]:
    """The index at <server>/simple, and at <server>/extra one that has only torch 2.14.1."""
    extra = make_wheel(tmp_path_factory.mktemp("extra"), "torch", "2.14.1")
    files = {**simple_index_files(wheels), **simple_index_files([extra], "extra")}
    with serve_index(files) as url:
        yield url


@pytest.fixture(scope="module")
def index(server) -> str:
    return server + "/simple"


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("uv cache 캐시")


@pytest.fixture(scope="module")
def venv(uv, tmp_path_factory, cache) -> str:
    return uv_venv(uv, tmp_path_factory.mktemp("venvs") / "uv 환경", cache)


def ask(python: str, plan: Plan, env: dict[str, str], **options) -> Confirmation:
    find_links = options.pop("find_links", None)
    request = InstallRequest(python=python, plan=plan, find_links=find_links)
    return confirm(request, env=env, **options)


def cannot_import_torch(python: str) -> bool:
    probe = subprocess.run([python, "-c", "import torch"], capture_output=True, timeout=60)
    return probe.returncode != 0


# --- uv answers ---------------------------------------------------------------------------------


def test_a_consistent_pair_is_confirmed_by_uv_and_nothing_is_installed(uv, venv, index, cache):
    lines: list[str] = []
    plan = pip_plan("torch==2.16.0", "torchvision==0.31.0", index_url=index)
    result = ask(venv, plan, isolated_env(cache, uv), on_line=lines.append)
    assert result.status == "confirmed", result
    assert result.installs == {"torch": "2.16.0", "torchvision": "0.31.0"}
    assert result.detail == "uv would install torch 2.16.0, torchvision 0.31.0"
    assert result.command == [
        uv,
        "pip",
        "install",
        "--dry-run",
        "--color",
        "never",
        "--python",
        venv,
        "torch==2.16.0",
        "torchvision==0.31.0",
        "--index-url",
        index,
    ]
    assert "Would install 2 packages" in lines  # uv's own lines were streamed
    assert cannot_import_torch(venv)


def test_an_impossible_pair_is_refused_with_uvs_reason(uv, venv, index, cache):
    plan = pip_plan("torch==2.15.0", "torchvision==0.29.1", index_url=index)
    result = ask(venv, plan, isolated_env(cache, uv))
    assert result.status == "refused", result
    assert result.detail == "torchvision<=0.29.1 depends on torch==2.14.1"
    assert result.installs == {}


def test_a_version_that_is_not_there_is_refused(uv, venv, index, cache):
    result = ask(venv, pip_plan("torch==2.99.0", index_url=index), isolated_env(cache, uv))
    assert result.status == "refused", result
    assert result.detail == "there is no version of torch==2.99.0"


def test_a_version_for_a_newer_python_is_refused_with_the_python_reason(uv, venv, index, cache):
    result = ask(venv, pip_plan("torch==2.17.0", index_url=index), isolated_env(cache, uv))
    assert result.status == "refused", result
    assert result.detail == f"torch==2.17.0 requires a different Python: Requires-Python >={NEXT}"


def test_a_wheelhouse_is_confirmed_without_any_index(uv, venv, wheels, cache):
    # The plan's own index is a closed port: only the wheelhouse may be read.
    dead = f"http://127.0.0.1:{closed_port()}/simple"
    plan = pip_plan("torch==2.16.0", "torchvision==0.31.0", index_url=dead)
    result = ask(venv, plan, isolated_env(cache, uv), find_links=str(wheels[0].parent))
    assert result.status == "confirmed", result
    assert result.installs == {"torch": "2.16.0", "torchvision": "0.31.0"}
    assert result.command[-3:] == ["--no-index", "--find-links", str(wheels[0].parent)]
    assert dead not in result.command


def test_what_is_in_place_already_is_confirmed_with_nothing_to_install(
    uv, wheels, cache, tmp_path, index
):
    python = uv_venv(uv, tmp_path / "설치됨 installed", cache)
    wheelhouse = str(wheels[0].parent)
    subprocess.run(
        [uv, "pip", "install", "--python", python, "--no-index", "-f", wheelhouse, "torch==2.16.0"],
        env=isolated_env(cache, uv),
        check=True,
        timeout=120,
    )
    result = ask(python, pip_plan("torch==2.16.0", index_url=index), isolated_env(cache, uv))
    assert result == Confirmation(
        "confirmed", "uv would install nothing: all is in place", {}, result.command
    )
    # A change of version is an install (uv's " - torch==2.16.0" line is not one).
    result = ask(python, pip_plan("torch==2.15.0", index_url=index), isolated_env(cache, uv))
    assert result.installs == {"torch": "2.15.0"}, result


def test_an_extra_index_is_weighed_like_pip_weighs_it(uv, venv, server, cache):
    # The extra index has torch, but only 2.14.1: uv's default (the first index that has a
    # package is the only one asked) would refuse what pip installs from the main index.
    plan = pip_plan(
        "torch==2.16.0", index_url=server + "/simple", extra_index_url=server + "/extra"
    )
    result = ask(venv, plan, isolated_env(cache, uv))
    assert result.status == "confirmed", result
    assert result.installs == {"torch": "2.16.0"}
    assert result.command[-2:] == ["--index-strategy", "unsafe-best-match"]


# --- uv cannot answer ---------------------------------------------------------------------------


def test_a_closed_index_port_is_unconfirmed_quickly(uv, venv, cache):
    plan = pip_plan("torch==2.16.0", index_url=f"http://127.0.0.1:{closed_port()}/simple")
    lines: list[str] = []
    started = time.monotonic()
    result = ask(venv, plan, isolated_env(cache, uv), timeout=90, on_line=lines.append)
    assert result.status == "unconfirmed", result
    assert result.detail == "no connection to the index"
    assert time.monotonic() - started < 20  # UV_HTTP_RETRIES=1: not uv's three with back-off
    assert any("after 1 retry" in line for line in lines), lines


def test_an_index_that_wants_credentials_is_unconfirmed_not_refused(uv, venv, server, cache):
    # uv calls it "torch was not found" and adds a hint: the version is not what is wrong.
    locked = server + "/locked/simple"
    result = ask(venv, pip_plan("torch==2.16.0", index_url=locked), isolated_env(cache, uv))
    assert result.status == "unconfirmed", result
    assert result.detail == f"the index answered 401 Unauthorized for {locked}"


@pytest.fixture
def silent_index() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def test_a_dry_run_that_takes_too_long_is_unconfirmed(uv, venv, silent_index, cache):
    plan = pip_plan("torch==2.16.0", index_url=silent_index.url)
    result = ask(venv, plan, isolated_env(cache, uv), timeout=5)
    assert result.status == "unconfirmed", result
    assert result.detail == "it took longer than 5 s"
    assert silent_index.asked.is_set()
    assert live_children() == []


def test_cancel_ends_uv_and_raises_cancelled(uv, venv, silent_index, cache):
    cancel = CancelToken()

    def cancel_once_uv_asks() -> None:
        if silent_index.asked.wait(60):
            cancel.cancel()

    threading.Thread(target=cancel_once_uv_asks, daemon=True).start()
    started = time.monotonic()
    plan = pip_plan("torch==2.16.0", index_url=silent_index.url)
    with pytest.raises(Cancelled):
        ask(venv, plan, isolated_env(cache, uv), cancel=cancel)
    assert silent_index.asked.is_set()
    assert time.monotonic() - started < 14  # not uv's own 15 s read timeout
    assert live_children() == []


# --- which resolver -----------------------------------------------------------------------------


def test_a_uv_venv_uses_uv_and_a_pip_venv_keeps_pip(uv, venv, index, cache, tmp_path):
    env = isolated_env(cache, uv)  # uv on PATH in both cases
    assert made_by_uv(Path(venv).parent.parent)
    assert uv_for(venv, env) == uv
    pip_python = pip_venv(tmp_path / "핍 pip venv")
    assert not made_by_uv(Path(pip_python).parent.parent)
    assert uv_for(pip_python, env) is None
    result = ask(pip_python, pip_plan("torch==2.16.0", index_url=index), env)
    assert result.status == "confirmed", result
    assert result.command[:5] == [pip_python, "-m", "pip", "install", "--dry-run"]
    assert result.detail == "pip would install torch 2.16.0"


def test_a_venv_without_pip_uses_the_uv_on_path(uv, index, cache, tmp_path):
    python = pip_venv(tmp_path / "핍 없음 no pip", "--without-pip")
    result = ask(python, pip_plan("torch==2.16.0", index_url=index), isolated_env(cache, uv))
    assert result.status == "confirmed", result
    assert result.command[:2] == [uv, "pip"]
    # With no uv to be found either, it stays as it was: pip is asked, and there is none.
    result = ask(python, pip_plan("torch==2.16.0", index_url=index), isolated_env(cache, None))
    assert result.status == "unconfirmed", result
    assert result.detail == "no pip in this environment"
    assert result.command[1:3] == ["-m", "pip"]


def test_a_uv_venv_uses_its_own_uv_when_path_has_none(uv, index, cache, tmp_path):
    folder = tmp_path / "자기 uv own"
    python = uv_venv(uv, folder, cache)
    env = isolated_env(cache, None)
    # Without any uv, a uv venv (no pip in it) is as any venv without pip.
    result = ask(python, pip_plan("torch==2.16.0", index_url=index), env)
    assert (result.status, result.detail) == ("unconfirmed", "no pip in this environment")
    own = Path(python).parent / f"uv{EXE}"
    shutil.copy2(uv, own)
    result = ask(python, pip_plan("torch==2.16.0", index_url=index), env)
    assert result.status == "confirmed", result
    assert result.command[0] == str(own)


# --- the command and the words (no uv needed) ---------------------------------------------------


def test_uv_dry_run_command_carries_specs_index_options_and_network_bounds():
    plan = pip_plan(
        "torch==2.16.0", index_url="https://mirror.example/whl/cpu", extra_index_url="https://x/"
    )
    plan.commands[0][4:4] = ["--timeout=40", "--retries", "3", "--pre"]
    request = InstallRequest(python="/envs/my env/bin/python", plan=plan)
    command, settings = uv_dry_run_command(request, "/tools/uv")
    assert command == [
        "/tools/uv",
        "pip",
        "install",
        "--dry-run",
        "--color",
        "never",
        "--python",
        "/envs/my env/bin/python",
        "torch==2.16.0",
        "--pre",
        "--index-url",
        "https://mirror.example/whl/cpu",
        "--extra-index-url",
        "https://x/",
        "--index-strategy",
        "unsafe-best-match",
    ]
    assert settings == {"UV_HTTP_TIMEOUT": "40", "UV_HTTP_RETRIES": "3"}
    # The engine's bounds fill in what the caller's environment leaves open, the command's win.
    env = uv_env({"UV_HTTP_RETRIES": "5", "PATH": "/bin"}, {})
    assert env == {"UV_HTTP_RETRIES": "5", "UV_HTTP_TIMEOUT": "15", "PATH": "/bin"}
    assert uv_env({"UV_HTTP_TIMEOUT": "99"}, settings)["UV_HTTP_TIMEOUT"] == "40"
    assert "UV_NO_CONFIG" not in uv_env(None, {})  # the user's own uv.toml applies


def test_made_by_uv_reads_pyvenv_cfg(tmp_path):
    assert not made_by_uv(tmp_path)  # no pyvenv.cfg at all
    (tmp_path / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.11.7\n", encoding="utf-8")
    assert not made_by_uv(tmp_path)
    (tmp_path / "pyvenv.cfg").write_text("home = /usr/bin\nuv = 0.13.9\n", encoding="utf-8")
    assert made_by_uv(tmp_path)


@pytest.mark.parametrize(
    ("output", "status", "detail"),
    [
        (
            "error: Request failed after 1 retry in 2.1s\n"
            "  cause: Failed to fetch: https://download.pytorch.org/whl/cu126/torch/\n"
            "  cause: error sending request for url (https://download.pytorch.org/whl/cu126/torch/)"
            "\n  cause: client error (Connect)\n  cause: dns error\n"
            "  cause: failed to lookup address information: Name or service not known",
            "unconfirmed",
            "no connection to the index",
        ),
        (
            "error: Failed to fetch: https://mirror.lan/simple/torch/\n"
            "  cause: error sending request for url (https://mirror.lan/simple/torch/)\n"
            "  cause: client error (Connect)\n"
            "  cause: invalid peer certificate: UnknownIssuer",
            "unconfirmed",
            "the index's certificate could not be verified",
        ),
        (
            "error: No solution found when resolving dependencies\n"
            "  cause: Because torch was not found in the package registry and you require "
            "torch==2.16.0, we can conclude that your requirements are unsatisfiable.\n\n"
            "hint: An index (https://mirror.lan/simple) returned a 403 Forbidden error. Check "
            "that the index URL is correct and the credentials are valid.",
            "unconfirmed",
            "the index answered 403 Forbidden for https://mirror.lan/simple",
        ),
        (
            "error: No solution found when resolving dependencies\n"
            "  cause: Because you require torch==2.15.0 and torch==2.16.0, we can conclude "
            "that your requirements are unsatisfiable.",
            "refused",
            "you require torch==2.15.0 and torch==2.16.0",
        ),
        (
            "error: No solution found when resolving dependencies\n"
            "  cause: Because only torch<=2.17.0 is available and you require torch>=2.20, we "
            "can conclude that your requirements are unsatisfiable.",
            "refused",
            "only torch<=2.17.0 is available and you require torch>=2.20",
        ),
        (
            "error: unexpected argument '--user' found\n\n"
            "  tip: to pass '--user' as a value, use '-- --user'\n\n"
            "For more information, try '--help'.",
            "unconfirmed",
            "uv could not tell: unexpected argument '--user' found",
        ),
    ],
)
def test_classify_uv(output, status, detail):
    assert classify_uv(output.splitlines()) == (status, detail)
