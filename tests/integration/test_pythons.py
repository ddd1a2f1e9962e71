"""Python discovery: real interpreters and real venvs (in folders with spaces and Korean)."""

from __future__ import annotations

import glob
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from app.profile import PythonEnv
from app.scan import ScanContext
from app.scan.pythons import (
    ask_interpreter,
    classify,
    find_interpreters,
    interpreter_in,
    probe_environments,
    problems_of,
)
from tests.integration.test_cli import run_cli


@pytest.fixture(scope="module")
def korean_venv(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("envs") / "홍길동 프로젝트" / "my venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    return folder


def test_ask_the_running_interpreter():
    env = ask_interpreter(sys.executable, ScanContext())
    assert env.version == platform.python_version()
    assert env.bits == 64
    assert env.prefix == sys.prefix
    assert env.kind == ("venv" if sys.prefix != sys.base_prefix else env.kind)
    assert env.problems == []


def test_venv_in_a_korean_folder_with_spaces(korean_venv):
    exe = interpreter_in(korean_venv)
    env = ask_interpreter(str(exe), ScanContext())
    assert env.kind == "venv"
    assert Path(env.prefix) == korean_venv
    assert env.torch is None


def test_virtual_env_variable_is_found(korean_venv):
    environ = {"PATH": "", "VIRTUAL_ENV": str(korean_venv)}
    result = probe_environments(ScanContext(environ=environ))
    assert str(korean_venv) in [e.prefix for e in result["environments"]]


@pytest.mark.skipif(
    os.name == "nt", reason="builds POSIX conda layouts (bin/python, #!/bin/sh conda)"
)
def test_conda_envs_from_environments_txt_and_folders(tmp_path, monkeypatch):
    """conda lists every env it makes in ~/.conda/environments.txt; read it, don't run conda."""
    monkeypatch.setenv("HOME", str(tmp_path))
    root = tmp_path / "miniforge3"
    for prefix in (root, root / "envs" / "torch env", tmp_path / "elsewhere" / "listed"):
        (prefix / "conda-meta").mkdir(parents=True)
        (prefix / "bin").mkdir()
        (prefix / "bin" / "python").symlink_to(sys.executable)
    (tmp_path / ".conda").mkdir()
    (tmp_path / ".conda" / "environments.txt").write_text(
        f"{root}\n{tmp_path / 'elsewhere' / 'listed'}\n", encoding="utf-8"
    )
    found = find_interpreters({"PATH": ""})
    for prefix in (root, root / "envs" / "torch env", tmp_path / "elsewhere" / "listed"):
        assert str(prefix / "bin" / "python") in found


def test_classify_and_problems():
    assert (
        classify(
            {
                "prefix": "/x",
                "base_prefix": "/x",
                "executable": r"C:\Users\me\AppData\Local\Microsoft\WindowsApps\python.exe",
            },
            {},
        )
        == "store"
    )
    store = PythonEnv("3.12.4", "python.exe", kind="store", bits=64)
    assert "Microsoft Store" in problems_of(store)[0]
    assert "64-bit" in problems_of(PythonEnv("3.12.4", "python.exe", bits=32))[0]
    assert problems_of(PythonEnv("2.7.18", "python2", bits=64)) == ["Python 2 cannot run PyTorch."]


@pytest.mark.skipif(os.name == "nt", reason="a #!/bin/sh stand-in for Python runs on POSIX only")
def test_something_that_is_not_python_is_reported(tmp_path):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'I am not Python'\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    with pytest.raises(ValueError, match="could not run the probe"):
        ask_interpreter(str(fake), ScanContext())


@pytest.mark.skipif(os.name == "nt", reason="a #!/bin/sh stand-in for Python runs on POSIX only")
def test_an_interpreter_that_hangs_is_cut_off(tmp_path):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    with pytest.raises(ValueError, match="did not answer"):
        ask_interpreter(str(fake), ScanContext(), timeout=0.5)


@pytest.mark.skipif(
    not glob.glob(os.path.expanduser("~/.pyenv/versions/2.7*/bin/python")),
    reason="needs a Python 2.7 (pyenv) as on the project machines",
)
def test_python_2_answers_and_is_flagged():
    exe = glob.glob(os.path.expanduser("~/.pyenv/versions/2.7*/bin/python"))[0]
    env = ask_interpreter(exe, ScanContext())
    assert env.version.startswith("2.7") and env.problems


@pytest.mark.skipif(
    os.name == "nt", reason="builds POSIX conda layouts (bin/python, #!/bin/sh conda)"
)
def test_conda_is_asked_when_it_keeps_no_environments_txt(tmp_path, monkeypatch):
    """A conda executable (here a stand-in script: no conda on this machine) lists its envs."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    env_prefix = tmp_path / "somewhere else" / "torch-env"
    (env_prefix / "conda-meta").mkdir(parents=True)
    (env_prefix / "bin").mkdir()
    (env_prefix / "bin" / "python").symlink_to(sys.executable)
    conda = tmp_path / "conda"
    conda.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"assert sys.argv[1:] == ['info', '--envs', '--json'], sys.argv\n"
        f"print(json.dumps({{'envs': [{str(env_prefix)!r}]}}))\n",
        encoding="utf-8",
    )
    conda.chmod(0o755)
    environ = {"PATH": "", "CONDA_EXE": str(conda)}
    result = probe_environments(ScanContext(environ=environ))
    assert any(e.executable == str(env_prefix / "bin" / "python") for e in result["environments"])


def test_frozen_build_targets_the_users_venv_never_its_own_folder(monkeypatch, korean_venv):
    """In the packaged app sys.executable is our own program: pick the user's Python (never
    Python 2), and nothing inside the app's own folder."""
    from app.scan.pythons import OWN_ENV_PROBLEM, best_interpreter, probe_target

    assert (
        best_interpreter(
            [
                PythonEnv("2.7.18", "py2", problems=["Python 2 cannot run PyTorch."]),
                PythonEnv("3.9.18", "py39"),
                PythonEnv("3.12.1", "py312"),
                PythonEnv("3.10.13", "py310"),
            ]
        ).executable
        == "py312"
    )
    assert best_interpreter([]) is None
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    # The app's folder holds a Python of its own (here: this test's interpreter's folder).
    app_folder = os.path.dirname(sys.executable)
    ctx = ScanContext(environ={"PATH": app_folder, "VIRTUAL_ENV": str(korean_venv)})
    result = probe_target(ctx)
    assert result["python"].prefix == str(korean_venv)
    assert not result["python"].problems
    listed = probe_environments(ctx)["environments"]
    ours = [e for e in listed if e.executable.startswith(app_folder)]
    assert ours and all(OWN_ENV_PROBLEM in e.problems for e in ours)


def test_running_from_source_never_targets_the_assistants_own_venv(monkeypatch, tmp_path):
    """Run from source, sys.executable's environment is the assistant's own: listed with why,
    never the default target; with nothing else that fits, the target is a new environment."""
    from app.scan.pythons import NEW_KIND, OWN_ENV_PROBLEM, probe_target

    monkeypatch.setenv("HOME", str(tmp_path))  # no pyenv or conda of this machine's
    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    environ = {"PATH": os.path.dirname(sys.executable)}
    ctx = ScanContext(environ=environ)
    target = probe_target(ctx)["python"]
    listed = probe_environments(ctx)["environments"]
    own = [e for e in listed if e.prefix == sys.prefix]
    assert own and OWN_ENV_PROBLEM in own[0].problems
    if sys.prefix != sys.base_prefix:  # our own venv (the project's .venv)
        assert target.prefix != sys.prefix
    if all(e.problems for e in listed):
        assert target.kind == NEW_KIND and "create a new one" in target.problems[0]


def test_an_environment_the_assistant_made_elsewhere_is_listed_and_the_default(
    monkeypatch, tmp_path
):
    """A venv made by the assistant in a folder no search looks in (spaces, Korean): the journal
    names it, so the scan lists it and chooses it; `env list` marks it."""
    import json

    from app.events import CancelToken, Reporter
    from app.scan.pythons import probe_target
    from app.steps.envs import create_venv

    state = tmp_path / "state"
    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(state))
    folder = tmp_path / "어딘가 먼 곳" / "torch env"
    python = create_venv(sys.executable, folder, Reporter(), CancelToken())
    ctx = ScanContext(environ={"PATH": ""})
    listed = probe_environments(ctx)["environments"]
    assert str(folder) in [e.prefix for e in listed]
    assert probe_target(ctx)["python"].executable == python
    env = {**os.environ, "PYTORCH_SETUP_HOME": str(state), "PATH": "", "PYTHONUTF8": "1"}
    for args in (["env", "list", "--json"], ["env", "list"]):
        result = run_cli(*args, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        if "--json" in args:
            rows = {row["prefix"]: row for row in json.loads(result.stdout)}
            assert rows[str(folder)]["created_by_assistant"] is True
        else:
            line = next(ln for ln in result.stdout.splitlines() if str(folder) in ln)
            assert "created by the assistant" in line and "the default target" in line


PY_0P_RECORDED = (
    " -V:3.13 *        C:\\Users\\홍길동\\AppData\\Local\\Programs\\Python\\Python313\\python.exe\n"
    " -V:3.12          C:\\Program Files\\Python312\\python.exe\n"
    " -V:ContinuumAnalytics/Anaconda39-64 C:\\ProgramData\\anaconda3\\python.exe\n"
)
PY_0P_OLD_LAUNCHER = (
    " -3.9-64        C:\\Python39\\python.exe\n -2.7-32 *      C:\\Python27\\python.exe\n"
)


def test_py_launcher_listing_is_parsed():
    from app.scan.pythons import parse_py_launcher

    assert parse_py_launcher(PY_0P_RECORDED) == [
        "C:\\Users\\홍길동\\AppData\\Local\\Programs\\Python\\Python313\\python.exe",
        "C:\\Program Files\\Python312\\python.exe",
        "C:\\ProgramData\\anaconda3\\python.exe",
    ]
    assert parse_py_launcher(PY_0P_OLD_LAUNCHER) == [
        "C:\\Python39\\python.exe",
        "C:\\Python27\\python.exe",
    ]
    assert parse_py_launcher("No installed Pythons found!") == []


def test_conda_that_prints_garbage_is_a_note_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    conda = tmp_path / "conda"
    conda.write_text("#!/bin/sh\necho 'Traceback: something broke in conda'\n", encoding="utf-8")
    conda.chmod(0o755)
    context = ScanContext(environ={"PATH": "", "CONDA_EXE": str(conda)})
    result = probe_environments(context)
    assert isinstance(result["environments"], list)
    assert any("could not list its environments" in n.message for n in context.notes)
