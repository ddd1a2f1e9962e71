"""Profile JSON: round trip, the minimal profile the planner must accept, clear errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.profile import (
    GPU,
    SCHEMA,
    Driver,
    OSInfo,
    ProfileError,
    PythonEnv,
    SystemProfile,
    Toolkit,
    TorchInfo,
)
from app.scan.summary import summarize

DESIGN_EXAMPLE = {
    "schema": "pytorch-setup/profile/1",
    "os": {"family": "windows", "version": "10.0.22631", "wsl": False},
    "arch": "x86_64",
    "python": {
        "version": "3.12.4",
        "executable": "C:\\Users\\me\\venv\\Scripts\\python.exe",
        "kind": "venv",
    },
    "gpus": [
        {
            "vendor": "nvidia",
            "name": "NVIDIA GeForce RTX 3060",
            "compute_capability": "8.6",
            "memory_mib": 12288,
        }
    ],
    "driver": {"version": "537.13", "cuda": "12.2"},
    "toolkits": [
        {"version": "11.3", "path": "C:\\Program Files\\NVIDIA GPU Computing Toolkit\\CUDA\\v11.3"}
    ],
    "cudnn": [],
    "torch": None,
    "disk_free_mib": 51200,
}


def test_design_example_loads():
    profile = SystemProfile.from_dict(DESIGN_EXAMPLE)
    assert profile.os.family == "windows"
    assert profile.gpus[0].compute_capability == "8.6"
    assert profile.driver.cuda == "12.2"
    assert profile.toolkits[0].version == "11.3"
    assert profile.disk_free_mib == 51200


def test_minimal_profile_is_enough():
    minimal = {
        "os": {"family": "linux"},
        "arch": "aarch64",
        "python": {"version": "3.11.7"},
        "gpus": [],
        "driver": None,
    }
    profile = SystemProfile.from_dict(minimal)
    assert profile.python.version == "3.11.7"
    assert profile.toolkits == [] and profile.torch is None and profile.schema == SCHEMA


def test_null_lists_mean_empty():
    data = {
        **DESIGN_EXAMPLE,
        "toolkits": None,
        "cudnn": None,
        "disks": None,
        "probes": None,
        "environments": None,
    }
    profile = SystemProfile.from_dict(data)
    assert profile.toolkits == [] and profile.disks == {} and profile.environments == []


def test_round_trip_keeps_everything_including_korean_paths():
    profile = SystemProfile(
        os=OSInfo("windows", "10.0.22631", False, "Windows 11"),
        arch="x86_64",
        python=PythonEnv(
            "3.12.4",
            r"C:\Users\홍길동\venv\Scripts\python.exe",
            "venv",
            64,
            torch=TorchInfo("2.5.1+cu121", "12.1"),
        ),
        gpus=[GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6", memory_mib=12288)],
        driver=Driver("537.13", "12.2"),
        toolkits=[Toolkit("11.3", r"C:\CUDA\v11.3", "11.3.109", None, ["CUDA_PATH"])],
    )
    text = profile.to_json()
    assert "홍길동" in text  # written as text, not \u escapes
    assert json.loads(text)["schema"] == SCHEMA
    assert list(json.loads(text))[0] == "schema"
    assert SystemProfile.from_json(text) == profile


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"arch": "x86_64", "python": {"version": "3.12"}}, "missing the required field 'os'"),
        ({**DESIGN_EXAMPLE, "os": {"family": "beos"}}, "os.family must be one of"),
        ({**DESIGN_EXAMPLE, "arch": "sparc"}, "arch must be one of"),
        ({**DESIGN_EXAMPLE, "gpus": {"name": "x"}}, "gpus must be list"),
        ({**DESIGN_EXAMPLE, "gpus": [{"vendor": "nvidia"}]}, "gpus[0] is missing"),
        ({**DESIGN_EXAMPLE, "python": {"kind": "venv"}}, "python is missing"),
        ({**DESIGN_EXAMPLE, "schema": "pytorch-setup/profile/9"}, "unsupported profile schema"),
        ([1, 2], "(top level) must be dict"),
        ({**DESIGN_EXAMPLE, "gpus": [{"name": 3060}]}, "gpus[0].name must be str"),
        ({**DESIGN_EXAMPLE, "disk_free_mib": "lots"}, "disk_free_mib must be int"),
        ({**DESIGN_EXAMPLE, "os": {"family": "linux", "wsl": "no"}}, "os.wsl must be bool"),
    ],
)
def test_bad_profiles_say_what_is_wrong(data, message):
    with pytest.raises(ProfileError) as info:
        SystemProfile.from_dict(data)
    assert message in str(info.value)


def test_unreadable_files(tmp_path):
    with pytest.raises(ProfileError, match="cannot read profile"):
        SystemProfile.load(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProfileError, match="not valid JSON"):
        SystemProfile.load(bad)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ProfileError, match="not UTF-8"):
        SystemProfile.load(binary)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)


@given(
    st.fixed_dictionaries(
        {
            "os": json_values | st.just({"family": "linux"}),
            "arch": json_values | st.just("x86_64"),
            "python": json_values | st.just({"version": "3.12.1"}),
        },
        optional={
            "gpus": json_values,
            "driver": json_values,
            "toolkits": json_values,
            "environments": json_values,
            "disks": json_values,
        },
    )
)
def test_any_json_gives_a_profile_or_a_profile_error(data):
    try:
        profile = SystemProfile.from_dict(data)
    except ProfileError as exc:
        assert str(exc).startswith(("profile", "unsupported"))
    else:  # whatever was accepted survives a round trip and can be shown
        assert SystemProfile.from_json(profile.to_json()) == profile
        assert summarize(profile)


def test_retargeted_and_with_torch_keep_the_machine_and_every_environment():
    old = PythonEnv("3.8.10", r"C:\Users\홍길동\anaconda3\python.exe", "conda")
    other = PythonEnv("3.12.4", "/envs/a/bin/python", "venv", torch=TorchInfo("2.13.0+cpu"))
    made = PythonEnv("3.12.4", "/envs/new env/bin/python", "venv")
    profile = SystemProfile(OSInfo("windows"), "x86_64", old, environments=[other])
    chosen = profile.retargeted(other)
    assert chosen.python is other and chosen.torch == other.torch
    assert chosen.environments == [old]  # the old target is listed, the chosen one is not
    created = chosen.retargeted(made)
    assert created.torch is None and created.environments == [other, old]
    torch = TorchInfo("2.14.1+cu126", "12.6")
    after = created.with_torch(torch)
    assert after.torch == after.python.torch == torch and after.os == profile.os
    assert made.torch is None  # the original environment is left as it was


def test_installed_after_names_the_build_as_a_scan_would():
    from app.compat.plan import Plan
    from app.steps.install import installed_after

    def plan(compute, toolkit=None):
        return Plan(compute=compute, torch="2.14.1", toolkit=toolkit)

    assert installed_after(plan("cu126", "12.6")) == TorchInfo("2.14.1+cu126", "12.6")
    assert installed_after(plan("rocm7.2")) == TorchInfo("2.14.1+rocm7.2", None, "7.2")
    assert installed_after(plan("xpu")).version == "2.14.1+xpu"
    assert installed_after(plan("mps")).version == "2.14.1+cpu"
