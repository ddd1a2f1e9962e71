"""The CLI as a user runs it: real processes, real exit codes, stdout/stderr kept apart."""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from tests import fake_nvcc


def run_cli(
    *args: str, env: dict | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,  # no terminal: a prompt reads end-of-file
        cwd=Path(__file__).resolve().parents[2],
    )


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pytorch-setup {__version__}"


def test_console_script_is_the_same_cli():
    exe = shutil.which("pytorch-setup", path=os.path.dirname(sys.executable))
    if exe is None:
        pytest.skip("the project is not installed in this interpreter's environment")
    result = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"pytorch-setup {__version__}"


def this_platform() -> tuple[str, str]:
    """The profile's os.family and arch for the machine running the tests."""
    family = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    machine = platform.machine().lower()
    arch = {"amd64": "x86_64", "x64": "x86_64"}.get(machine, machine)
    if arch in ("arm64", "aarch64"):
        arch = "aarch64" if family == "linux" else "arm64"
    return family, arch


def fixture_toolkit(folder: Path, version: str = "12.6.85") -> Path:
    """A CUDA toolkit folder as NVIDIA lays it out (version.json, bin/nvcc), made here."""
    (folder / "bin").mkdir(parents=True)
    nvcc = folder / "bin" / ("nvcc.exe" if os.name == "nt" else "nvcc")
    nvcc.write_bytes(fake_nvcc.script(version))
    nvcc.chmod(0o755)
    (folder / "version.json").write_text(
        json.dumps({"cuda": {"name": "CUDA SDK", "version": version}}), encoding="utf-8"
    )
    return folder


@pytest.mark.windows
def test_scan_json_names_this_system():
    """In the Windows lane this is a real Windows CPython: the profile says windows."""
    result = run_cli("scan", "--json")
    assert result.returncode == 0, result.stderr
    profile = json.loads(result.stdout)
    assert (profile["os"]["family"], profile["arch"]) == this_platform()


def test_scan_json_on_this_machine(tmp_path):
    toolkit = fixture_toolkit(tmp_path / "CUDA 12.6 툴킷")
    result = run_cli("scan", "--json", env={**os.environ, "CUDA_HOME": str(toolkit)})
    assert result.returncode == 0, result.stderr
    profile = json.loads(result.stdout)  # stdout holds the JSON and nothing else
    assert profile["schema"] == "pytorch-setup/profile/1"
    assert (profile["os"]["family"], profile["arch"]) == this_platform()
    # The target is the user's best environment, never the assistant's own venv (issue 18).
    assert profile["python"]["prefix"] != sys.prefix or sys.prefix == sys.base_prefix
    # GPUs: whatever this machine has, the profile is consistent about it.
    gpu_note = next((n for n in profile["probes"] if n["probe"] == "gpu"), None)
    if profile["driver"] is None:
        assert profile["gpus"] == []
        assert gpu_note is not None and gpu_note["status"] == "missing" and gpu_note["message"]
    else:
        assert all(gpu["name"] for gpu in profile["gpus"])
    found = next(t for t in profile["toolkits"] if t["path"] == str(toolkit))
    assert (found["version"], found["full_version"]) == ("12.6", "12.6.85")
    assert found["nvcc"] == str(toolkit / "bin" / Path(found["nvcc"]).name)
    assert "CUDA_HOME" in found["found_by"]


def test_a_target_python_that_fails_is_a_problem_never_replaced_by_ours(tmp_path):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    result = run_cli("scan", "--json", "--python", str(fake))
    assert result.returncode == 0, result.stderr
    python = json.loads(result.stdout)["python"]
    assert python["executable"] == str(fake) and python["kind"] == "unknown"
    assert python["problems"] and "could not be examined" in python["problems"][0]
    text = run_cli("scan", "--python", str(fake)).stdout
    assert "[FAIL] Target Python" in text


def test_scan_text_summary():
    result = run_cli("scan")
    assert result.returncode == 0, result.stderr
    assert "[ ok ] Operating system" in result.stdout
    gpu = r"^\[( ok |warn|FAIL)\] (NVIDIA |AMD |Intel |Apple )?GPU "
    assert re.search(gpu, result.stdout, re.MULTILINE)
    assert "Target Python" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("scan", "--python", "/no/such/python"), "--python /no/such/python: no such file"),
        (("scan", "--timeout", "-1"), "argument --timeout: '-1': give a number of seconds"),
        (("frobnicate",), "invalid choice"),
        (("gui", "--lang", "fr"), "invalid choice"),
    ],
)
def test_user_errors_exit_2_with_one_line(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2  # argparse adds its usage line


def test_no_display_prints_one_clear_line():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = run_cli(env=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no display" in lines[0] and "pytorch-setup scan" in lines[0]


def test_gui_snapshot_renders_every_page(tmp_path):
    folder = tmp_path / "스크린샷 folder"
    result = run_cli("gui", "--snapshot", str(folder), timeout=120)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "01-scan.png",
        "02-summary.png",
        "03-toolkit.png",
        "04-cudnn.png",
        "05-path.png",
        "06-install.png",
        "07-verify.png",
    ]
    for path in folder.iterdir():
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 5000  # a rendered page, not an empty image


def test_qt_library_check_only_applies_to_x11():
    from app.cli import missing_qt_libraries

    assert missing_qt_libraries({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}) == []
    assert missing_qt_libraries({"WAYLAND_DISPLAY": "wayland-0"}) == []
    assert missing_qt_libraries({}) == []
    # on X11 it names Debian packages, never library file names
    for package in missing_qt_libraries({"DISPLAY": ":0"}):
        assert package.startswith("lib") and ".so" not in package


def test_readme_names_every_package_the_window_needs():
    """The README's apt-get line and the check's list are one fact: kept equal here."""
    from app.cli import QT_XCB_LIBRARIES

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    line = readme[readme.index("sudo apt-get install libxcb") :].split("```")[0]
    assert set(line.replace("\\", " ").split()[3:]) == set(QT_XCB_LIBRARIES.values())


PROFILE = {
    "schema": "pytorch-setup/profile/1",
    "os": {"family": "windows", "version": "10.0.22631", "wsl": False},
    "arch": "x86_64",
    "python": {"version": "3.12.4", "executable": "C:\\Users\\홍길동\\venv\\Scripts\\python.exe"},
    "gpus": [{"vendor": "nvidia", "name": "NVIDIA GeForce RTX 3060", "compute_capability": "8.6"}],
    "driver": {"version": "537.13", "cuda": "12.2"},
}


def write_profile(tmp_path, data) -> str:
    path = tmp_path / "프로필 profile.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def test_plan_json_from_a_profile(tmp_path):
    result = run_cli("plan", "--profile", write_profile(tmp_path, PROFILE), "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["schema"] == "pytorch-setup/plan/1"
    assert (plan["torch"], plan["compute"]) == ("2.14.1", "cu126")
    assert plan["index_url"] == "https://download.pytorch.org/whl/cu126"
    assert plan["commands"][0][:4] == ["python", "-m", "pip", "install"]
    assert plan["toolkit"] == "12.6" and plan["steps"] == ["install", "verify"]


def test_plan_text_and_choices(tmp_path):
    conda_env = {**PROFILE["python"], "kind": "conda"}  # conda installs only into conda envs
    path = write_profile(tmp_path, {**PROFILE, "python": conda_env})
    result = run_cli("plan", "--profile", path, "--torch", "2.5.1", "--manager", "conda")
    assert result.returncode == 0, result.stderr
    assert "conda install -y pytorch==2.5.1" in result.stdout and "Why:" in result.stdout
    toolkit = json.loads(run_cli("plan", "--profile", path, "--json", "--with-toolkit").stdout)
    assert toolkit["steps"] == ["toolkit", "cudnn", "path", "install", "verify"]


def test_plan_scans_this_machine_without_a_profile(tmp_path):
    scanned = run_cli("scan", "--json")
    assert scanned.returncode == 0, scanned.stderr
    profile = json.loads(scanned.stdout)
    from_profile = run_cli("plan", "--profile", write_profile(tmp_path, profile), "--json")
    result = run_cli("plan", "--json")
    assert result.returncode == from_profile.returncode, result.stderr
    plan, expected = json.loads(result.stdout), json.loads(from_profile.stdout)
    for key in ("compute", "torch", "index_url", "commands", "blockers"):
        assert plan[key] == expected[key], key  # the same plan as for this machine's profile
    if not profile["gpus"] and profile["os"]["family"] != "macos" and plan["compute"]:
        assert plan["compute"] == "cpu"
        assert plan["index_url"] == "https://download.pytorch.org/whl/cpu"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read profile"),
        ("{not json", "not valid JSON"),
        ({**PROFILE, "schema": "something/else/1"}, "unsupported profile schema"),
        ({**PROFILE, "os": {"family": "plan9"}}, "os.family must be one of"),
        ({"arch": "x86_64"}, "missing the required field 'os'"),
    ],
)
def test_plan_bad_profiles_exit_2_with_one_line(tmp_path, content, message):
    path = str(tmp_path / "missing.json") if content is None else write_profile(tmp_path, content)
    result = run_cli("plan", "--profile", path, "--json")
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_plan_exit_codes_for_blocked_plans(tmp_path):
    unknown = run_cli("plan", "--profile", write_profile(tmp_path, PROFILE), "--torch", "9.9")
    assert unknown.returncode == 2 and "not a release" in unknown.stdout
    too_new = write_profile(tmp_path, {**PROFILE, "python": {"version": "3.16.0"}})
    blocked = run_cli("plan", "--profile", too_new, "--json")
    assert blocked.returncode == 1
    assert json.loads(blocked.stdout)["blockers"][0]["code"] == "python_too_new"


def test_plan_bad_values_inside_a_good_profile_give_a_plan_with_warnings(tmp_path):
    data = {
        **PROFILE,
        "driver": {"version": "abc", "cuda": "12.2"},
        "gpus": [{"name": "NVIDIA GeForce RTX 3060", "compute_capability": "banana"}],
    }
    result = run_cli("plan", "--profile", write_profile(tmp_path, data), "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    codes = {w["code"] for w in plan["warnings"]}
    assert {"bad_driver_version", "bad_capability"} <= codes
    assert plan["compute"] == "cu126"  # from the driver's CUDA 12.2 and the GPU's name


@pytest.mark.parametrize(
    "args", [("--compute", "cu12"), ("--torch", "latest"), ("--packages", "torch,numpy")]
)
def test_plan_bad_options_exit_2(args):
    result = run_cli("plan", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"


@pytest.mark.parametrize(
    ("name", "torch", "compute"),
    [
        ("rtx5090-driver575-linux.json", "2.11.0", "cu128"),
        ("seed-windows-rtx3060.json", "2.4.1", "cu118"),
    ],
)
def test_plan_fixture_profiles(name, torch, compute):
    result = run_cli("plan", "--profile", str(FIXTURES / name), "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert (plan["torch"], plan["compute"]) == (torch, compute)


def test_env_list_create_and_undo(tmp_path):
    env = {**os.environ, "PYTORCH_SETUP_HOME": str(tmp_path / "state")}
    listed = run_cli("env", "list", "--json", env=env, timeout=120)
    assert listed.returncode == 0, listed.stderr
    envs = json.loads(listed.stdout)
    # The default target first: a Python with current PyTorch wheels, never our own venv.
    assert envs[0]["prefix"] != sys.prefix or sys.prefix == sys.base_prefix
    assert envs[0]["newest_torch"] or not envs[0]["version"]
    own = next(e for e in envs if e["prefix"] == sys.prefix)
    assert any("assistant's own environment" in p for p in own["problems"])
    version = ".".join(platform.python_version_tuple()[:2])
    dest = tmp_path / "새 torch env"
    created = run_cli(
        "env", "create", "--python", version, "--dest", str(dest), "--yes", env=env, timeout=300
    )
    assert created.returncode == 0, created.stderr
    assert (dest / "bin" / "python").exists() and (dest / "pyvenv.cfg").exists()
    undone = run_cli("undo", "--last", "--yes", env=env, timeout=120)
    assert undone.returncode == 0, undone.stderr
    assert not dest.exists()


def test_env_create_refuses_what_it_cannot_do(tmp_path):
    missing = run_cli("env", "create", "--python", "3.99", "--dest", str(tmp_path / "x"), "--yes")
    assert missing.returncode == 2 and "no Python 3.99 was found" in missing.stderr
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine", encoding="utf-8")
    full = run_cli(
        "env", "create", "--python", sys.executable, "--dest", str(tmp_path / "full"), "--yes"
    )
    assert full.returncode == 2 and "not empty" in full.stderr  # refused before anything changed
    assert (tmp_path / "full" / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_env_create_conda_with_a_stand_in_conda(tmp_path):
    """No conda on this machine: a stand-in conda.exe-like program checks the arguments it gets
    and lays out an env whose python is this machine's."""
    conda = tmp_path / "bin" / "conda"
    conda.parent.mkdir()
    conda.write_text(
        "#!/bin/sh\n"
        '[ "$1 $2 $3" = "create -y -p" ] && [ "$5" = "python=3.12" ] || exit 3\n'
        'mkdir -p "$4/bin" "$4/conda-meta"\n'
        f'ln -s "{sys.executable}" "$4/bin/python"\n',
        encoding="utf-8",
    )
    conda.chmod(0o755)
    env = {**os.environ, "CONDA_EXE": str(conda), "PYTORCH_SETUP_HOME": str(tmp_path / "state")}
    dest = tmp_path / "토치 conda"
    created = run_cli(
        "env",
        "create",
        "--kind",
        "conda",
        "--python",
        "3.12",
        "--dest",
        str(dest),
        "--yes",
        env=env,
        timeout=120,
    )
    assert created.returncode == 0, created.stdout + created.stderr
    assert (dest / "bin" / "python").exists()
    undone = run_cli("undo", "--last", "--yes", env=env, timeout=120)
    assert undone.returncode == 0, undone.stderr
    assert not dest.exists()


def test_without_yes_and_without_a_terminal_nothing_is_done(tmp_path):
    dest = tmp_path / "env"
    result = run_cli("env", "create", "--python", sys.executable, "--dest", str(dest), timeout=120)
    assert result.returncode == 1
    assert "nothing created (add --yes" in result.stderr
    assert not dest.exists()


def test_report_command_writes_markdown(tmp_path):
    profile = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"
    out = tmp_path / "보고서 report.md"
    result = run_cli(
        "report", "--profile", str(profile / "rtx5090-driver575-linux.json"), "--no-verify",
        "--output", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# PyTorch Setup Assistant report")
    assert "RTX 5090" in text and "## Plan" in text and "cu12" in text
    bad = run_cli("report", "--python", str(tmp_path / "nope"))
    assert bad.returncode == 2 and "no such file" in bad.stderr


def test_verify_cpu_flag_is_accepted_and_json_stays_valid():
    result = run_cli("verify", "--python", sys.executable, "--cpu", "--json", timeout=120)
    report = json.loads(result.stdout)
    assert report["schema"].startswith("pytorch-setup/verify")
    assert result.returncode == (0 if report["ok"] else 1)
