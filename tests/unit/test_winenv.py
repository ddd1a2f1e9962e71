"""PATH and CUDA_PATH rebuilt from the registry (app.winenv), on an in-memory registry with the
same interface as the real one; scan, verify, `path show` and the PATH backend use the result.
The real registry is checked in tests/integration/test_path_windows_registry.py (Wine lane)."""

from __future__ import annotations

import json
import os
import sys
from types import SimpleNamespace

import pytest

from app import winenv
from app.events import CancelToken
from app.journal import Journal
from app.scan import ScanContext, scan, toolkits
from app.scan.summary import summarize
from app.steps import pathreg
from app.steps.pathreg.registry import REG_EXPAND_SZ, REG_SZ, InMemoryRegistry
from app.steps.pathreg.windows import WindowsBackend
from app.steps.verify import verify
from tests.unit.test_path_windows import Collect, make_toolkit, win

pytestmark = pytest.mark.windows

NVIDIA = r"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v12.6"
BASE = {
    "SystemRoot": r"C:\Windows",
    "USERPROFILE": r"C:\Users\홍 길동",
    "TEMP": r"C:\Users\홍 길동\AppData\Local\Temp",
}


@pytest.fixture
def use_registry():
    """Make a registry the one the assistant's environment is rebuilt from; undone after."""
    yield winenv.use_registry
    winenv.use_registry(None)


@pytest.fixture
def clean_cuda_environ(monkeypatch, tmp_path):
    """This process started without CUDA variables and with no nvcc on its PATH."""
    (tmp_path / "no-nvcc").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "no-nvcc"))
    for name in list(os.environ):
        cuda = name.upper() in ("CUDA_HOME", "CUDA_ROOT") or winenv.refreshed_name(name)
        if cuda and name.upper() != "PATH":
            monkeypatch.delenv(name)


def test_machine_values_first_then_the_users_expanded_as_windows_does():
    values = winenv.Values(
        machine={
            "Path": (r"%SystemRoot%\system32;%SystemRoot%;%CUDA_PATH%\bin", REG_EXPAND_SZ),
            "CUDA_PATH": (NVIDIA, REG_SZ),
            "CUDA_PATH_V12_6": (NVIDIA, REG_SZ),
        },
        user={
            "Path": (r"%USERPROFILE%\bin;%CUDA_PATH%\bin;%NOT_SET%\x", REG_EXPAND_SZ),
            "CUDA_PATH": (r"%USERPROFILE%\cuda-13.0", REG_EXPAND_SZ),
            "CUDA_PATH_V13_0": (r"%USERPROFILE%\cuda-13.0", REG_SZ),  # REG_SZ: not expanded
        },
    )
    env = winenv.registry_environ({**BASE, "CUDA_PATH_V11_3": r"C:\old"}, values)
    assert env["PATH"].split(";") == [
        r"C:\Windows\system32",
        r"C:\Windows",
        NVIDIA + r"\bin",  # the machine PATH sees the machine's CUDA_PATH, as in Windows
        r"C:\Users\홍 길동\bin",
        r"C:\Users\홍 길동\cuda-13.0\bin",  # the user's sees the user's
        r"%NOT_SET%\x",  # an unknown name stays, as ExpandEnvironmentStringsW leaves it
    ]
    assert env["CUDA_PATH"] == r"C:\Users\홍 길동\cuda-13.0"  # the user's value wins
    assert env["CUDA_PATH_V12_6"] == NVIDIA
    assert env["CUDA_PATH_V13_0"] == r"%USERPROFILE%\cuda-13.0"
    assert "CUDA_PATH_V11_3" not in env  # in neither key any more
    assert env["USERPROFILE"] == BASE["USERPROFILE"]  # everything else is this process's


def test_what_the_process_has_of_its_own_is_kept_and_what_undo_removed_is_not():
    start = winenv.Values(
        machine={"Path": (r"C:\Windows\system32", REG_EXPAND_SZ)},
        user={"Path": (r"C:\Users\me\old-cuda\bin;C:\tools", REG_EXPAND_SZ)},
    )
    process = {
        **BASE,
        # conda activation put its folders in front; the rest came from the registry
        "PATH": r"C:\conda\envs\t;C:\conda\envs\t\Library\bin;C:\Windows\system32;"
        r"C:\Users\me\old-cuda\bin;C:\tools",
        "CUDA_PATH": r"C:\conda\envs\t\Library",  # set by a conda package's activation script
    }
    seen_at_start = winenv.registry_environ(process, start)
    now = winenv.Values(  # since then: old-cuda undone, a new toolkit registered
        machine=start.machine,
        user={
            "Path": (r"C:\Users\me\cuda-13.0\bin;C:\tools", REG_EXPAND_SZ),
            "CUDA_PATH_V13_0": (r"C:\Users\me\cuda-13.0", REG_SZ),
        },
    )
    env = winenv.rebuild(process, now, seen_at_start)
    assert env["PATH"].split(";") == [
        r"C:\conda\envs\t",
        r"C:\conda\envs\t\Library\bin",
        r"C:\Windows\system32",
        r"C:\Users\me\cuda-13.0\bin",
        r"C:\tools",
    ]
    assert env["CUDA_PATH"] == r"C:\conda\envs\t\Library"
    assert env["CUDA_PATH_V13_0"] == r"C:\Users\me\cuda-13.0"


def test_after_path_add_the_rebuilt_environment_has_the_toolkit_and_after_undo_not(tmp_path):
    toolkit = make_toolkit(tmp_path / "CUDA 툴킷" / "v12.6", "12.6.3")
    registry = InMemoryRegistry(
        {"Path": (r"%USERPROFILE%\AppData\Local\Microsoft\WindowsApps", REG_EXPAND_SZ)},
        machine={"Path": (r"%SystemRoot%\system32", REG_EXPAND_SZ)},
    )
    refresher = winenv.Refresher(registry, base={**BASE, "PATH": r"C:\Windows\system32"})
    assert "CUDA_PATH" not in refresher.environ()
    backend = WindowsBackend(registry, environ=BASE)
    journal = Journal(tmp_path / "journal.jsonl")
    entry = pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    env = refresher.environ()
    assert env["PATH"].split(";") == [
        r"C:\Windows\system32",
        win(toolkit / "bin"),
        r"C:\Users\홍 길동\AppData\Local\Microsoft\WindowsApps",
    ]
    assert env["CUDA_PATH"] == env["CUDA_PATH_V12_6"] == win(toolkit)
    pathreg.undo(entry, Collect(), CancelToken(), journal, backend=backend)
    env = refresher.environ()
    assert win(toolkit / "bin") not in env["PATH"] and "CUDA_PATH" not in env


def test_an_unreadable_registry_leaves_the_process_environment():
    registry = InMemoryRegistry({"Path": (r"C:\a", REG_EXPAND_SZ)})
    registry.failing.add("Path")
    base = {**BASE, "PATH": r"C:\Windows", "CUDA_PATH": r"C:\cuda"}
    assert winenv.Refresher(registry, base=base).environ() == base


def test_a_rescan_finds_a_toolkit_nvidias_installer_registered_after_start_up(
    tmp_path, use_registry, clean_cuda_environ
):
    toolkit = make_toolkit(tmp_path / "NVIDIA GPU Computing Toolkit" / "CUDA" / "v12.6", "12.6.3")
    registry = InMemoryRegistry(machine={"Path": (r"%SystemRoot%\system32", REG_EXPAND_SZ)})
    use_registry(registry)
    probes = {"toolkits": toolkits.probe}
    assert scan(ScanContext(toolkit_locations=()), probes=probes).toolkits == []
    # The installer, meanwhile: CUDA_PATH and CUDA_PATH_V12_6 for all users.
    registry.machine["CUDA_PATH"] = (str(toolkit), REG_SZ)
    registry.machine["CUDA_PATH_V12_6"] = (str(toolkit), REG_SZ)
    found = scan(ScanContext(toolkit_locations=()), probes=probes).toolkits
    assert [(t.path, t.full_version) for t in found] == [(str(toolkit), "12.6.3")]
    assert {"CUDA_PATH", "CUDA_PATH_V12_6"} <= set(found[0].found_by)


def test_verify_gives_nvcc_and_the_probe_process_the_rebuilt_environment(
    tmp_path, use_registry, clean_cuda_environ, monkeypatch
):
    toolkit = make_toolkit(tmp_path / "CUDA 툴킷" / "v12.6", "12.6.3")
    if os.name != "nt":  # a runnable nvcc; on Windows the file stays a stub (no nvcc to run)
        nvcc = toolkit / "bin" / "nvcc"
        nvcc.write_text("#!/bin/sh\necho 'Cuda compilation tools, release 12.6, V12.6.85'\n")
        nvcc.chmod(0o755)
    # The probe's Python writes the environment it was given, then stops (no torch needed).
    spy, seen = tmp_path / "spy", tmp_path / "child-env.json"
    spy.mkdir()
    (spy / "sitecustomize.py").write_text(
        "import json, os\n"
        f"with open({str(seen)!r}, 'w', encoding='utf-8') as f:\n"
        "    json.dump(dict(os.environ), f)\n"
        "os._exit(0)\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONPATH", str(spy))
    use_registry(InMemoryRegistry({"CUDA_PATH": (str(toolkit), REG_SZ)}))
    report = verify(sys.executable, profile=SimpleNamespace(gpus=[], driver=None), timeout=60)
    child = {k.upper(): v for k, v in json.loads(seen.read_text(encoding="utf-8")).items()}
    assert child["CUDA_PATH"] == str(toolkit)
    if os.name != "nt":
        found = report.to_dict()["nvcc"]
        assert (found["version"], found["path"]) == ("12.6", str(nvcc))


# ---- a user CUDA_PATH hiding the machine-wide one -------------------------------------------


@pytest.fixture
def two_toolkits(tmp_path):
    nvidia = make_toolkit(tmp_path / "NVIDIA GPU Computing Toolkit" / "CUDA" / "v12.6", "12.6.3")
    mine = make_toolkit(tmp_path / "홍길동" / "cuda 13", "13.0.1")
    return nvidia, mine


def test_a_user_cuda_path_that_hides_nvidias_is_named_with_both_toolkits(two_toolkits):
    nvidia, mine = two_toolkits
    found = winenv.shadows(
        {"CUDA_PATH": str(mine), "CUDA_PATH_V12_6": str(mine), "Path": "x"},
        {"CUDA_PATH": str(nvidia), "CUDA_PATH_V12_6": str(nvidia), "PATH": "y"},
    )
    assert len(found) == 1  # one pair of folders: one warning naming both variables
    assert found[0].names == ["CUDA_PATH", "CUDA_PATH_V12_6"]
    message = found[0].message
    assert str(mine) in message and "(CUDA 13.0)" in message
    assert str(nvidia) in message and "(CUDA 12.6)" in message
    assert "Yours wins: programs that read CUDA_PATH use " + str(mine) in message
    same = winenv.shadows({"CUDA_PATH": str(nvidia) + "\\"}, {"CUDA_PATH": str(nvidia)})
    assert same == [] and winenv.shadows({"CUDA_PATH": str(mine)}, {}) == []
    gone = winenv.shadows({"CUDA_PATH": str(mine / "gone")}, {"CUDA_PATH": str(nvidia)})
    assert "a folder that does not exist" in gone[0].message


def test_scan_and_path_show_warn_about_the_hidden_machine_cuda_path(two_toolkits, tmp_path):
    nvidia, mine = two_toolkits
    registry = InMemoryRegistry(
        {"CUDA_PATH": (str(mine), REG_SZ)}, machine={"CUDA_PATH": (str(nvidia), REG_SZ)}
    )
    context = ScanContext(environ=dict(BASE), registry=registry, toolkit_locations=())
    profile = scan(context, probes={})
    [check] = [c for c in profile.preflight if c.code == "cuda_path_shadow"]
    assert check.status == "warning" and "Yours wins" in check.message
    [row] = [r for r in summarize(profile) if r.key == "preflight-cuda_path_shadow"]
    assert row.label == "CUDA_PATH (two settings)" and str(nvidia) in row.detail
    text = WindowsBackend(registry, environ=BASE).show(Journal(tmp_path / "j.jsonl"))
    assert f"CUDA_PATH = {mine}" in text and f"CUDA_PATH (all users) = {nvidia}" in text
    assert "[warn] Two CUDA_PATH settings disagree" in text
    registry.values["CUDA_PATH"] = (str(nvidia), REG_SZ)
    assert not [c for c in scan(context, probes={}).preflight if c.code == "cuda_path_shadow"]


def test_the_path_preview_says_the_new_user_cuda_path_will_hide_nvidias(two_toolkits):
    nvidia, mine = two_toolkits
    registry = InMemoryRegistry(machine={"CUDA_PATH": (win(nvidia), REG_SZ)})
    preview = pathreg.preview(mine, WindowsBackend(registry, environ=BASE))
    [shadow] = [w for w in preview.warnings if w.code == "cuda_path_shadow"]
    assert win(mine) in shadow.message and "Yours wins" in shadow.message
    assert not preview.already_registered


# ---- a toolkit already on the system PATH ---------------------------------------------------


@pytest.mark.parametrize("form", ["same", "other case, trailing slash", "%CUDA_PATH%"])
def test_a_toolkit_on_the_system_path_is_not_added_again(tmp_path, form):
    toolkit = make_toolkit(tmp_path / "NVIDIA GPU Computing Toolkit" / "CUDA" / "v12.6", "12.6.3")
    entry = {
        "same": win(toolkit / "bin"),
        "other case, trailing slash": win(toolkit / "bin").upper() + "\\",
        "%CUDA_PATH%": r"%CUDA_PATH%\bin",
    }[form]
    machine = {
        "Path": (r"%SystemRoot%\system32;" + entry, REG_EXPAND_SZ),
        "CUDA_PATH": (win(toolkit), REG_SZ),
        "CUDA_PATH_V12_6": (win(toolkit), REG_SZ),
    }
    registry = InMemoryRegistry({"Path": (r"%USERPROFILE%\bin", REG_EXPAND_SZ)}, machine=machine)
    backend = WindowsBackend(registry, environ=BASE)
    preview = pathreg.preview(toolkit, backend)
    assert preview.already_registered and preview.added == []
    [note] = [w for w in preview.warnings if w.code == "on_system_path"]
    assert win(toolkit / "bin") in note.message and "system PATH" in note.message
    journal = Journal(tmp_path / "journal.jsonl")
    reporter = Collect()
    assert pathreg.add(toolkit, reporter, CancelToken(), backend=backend, journal=journal) is None
    assert registry.operations == [] and registry.broadcasts == 0 and journal.entries() == []
    assert any("system PATH" in w for w in reporter.warnings)


def test_on_the_system_path_with_another_cuda_path_only_the_variables_are_set(tmp_path):
    toolkit = make_toolkit(tmp_path / "NVIDIA GPU Computing Toolkit" / "CUDA" / "v12.6", "12.6.3")
    older = r"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v11.8"
    machine = {
        "Path": (win(toolkit / "bin") + r";%SystemRoot%\system32", REG_EXPAND_SZ),
        "CUDA_PATH": (older, REG_SZ),
    }
    registry = InMemoryRegistry({"Path": (r"C:\mine", REG_SZ)}, machine=machine)
    backend = WindowsBackend(registry, environ=BASE)
    journal = Journal(tmp_path / "journal.jsonl")
    entry = pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    assert entry.data["path"]["added"] == []
    assert registry.values["Path"] == (r"C:\mine", REG_SZ)  # not written at all
    assert [op[1] for op in registry.operations] == ["CUDA_PATH", "CUDA_PATH_V12_6"]
    pathreg.undo(entry, Collect(), CancelToken(), journal, backend=backend)
    assert registry.values == {"Path": (r"C:\mine", REG_SZ)}
