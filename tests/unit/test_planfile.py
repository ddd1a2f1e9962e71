"""Plan files: saved whole (UTF-8, Korean kept), read back equal, and every wrong file refused
with one line (exit 2) before anything on the PC changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.compat import Choices, make_plan
from app.compat.plan import SCHEMA, Plan
from app.lab.planfile import PlanFileError, load_plan, save_plan
from app.profile import SystemProfile

PROFILES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"


def rtx3060_plan() -> Plan:
    profile = SystemProfile.load(PROFILES / "seed-windows-rtx3060.json")
    return make_plan(profile, Choices(torch="2.4.1", compute="cu118"))


def test_the_plan_says_which_pc_it_was_made_for():
    made_for = rtx3060_plan().made_for
    assert made_for["os"] == "windows" and made_for["os_version"] == "10.0.19045"
    assert made_for["arch"] == "x86_64" and made_for["python"] == "3.8.10"
    assert made_for["driver"] == "465.89"
    assert made_for["gpus"] == [
        {
            "vendor": "nvidia",
            "name": "NVIDIA GeForce RTX 3060",
            "arch": None,
            "compute_capability": "8.6",
        }
    ]


def test_saved_and_loaded_back_the_plan_is_the_same(tmp_path):
    plan = rtx3060_plan()
    plan.reasons.append("학생 PC 40대용")  # Korean stays readable in the file
    path = save_plan(plan, tmp_path / "실습실 plan.json")
    text = path.read_text(encoding="utf-8")
    assert "학생 PC 40대용" in text and json.loads(text)["schema"] == SCHEMA
    loaded = load_plan(path)
    assert loaded.to_dict() == plan.to_dict()
    assert loaded.blockers == [] and loaded.warnings == plan.warnings  # Notices, not dicts
    assert [p.name for p in tmp_path.iterdir()] == ["실습실 plan.json"]  # no temp file left


def test_saving_over_an_older_plan_replaces_it(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text("old", encoding="utf-8")
    save_plan(rtx3060_plan(), path)
    assert load_plan(path).torch == "2.4.1"


def test_saving_onto_a_folder_or_into_a_missing_folder_is_one_clear_error(tmp_path):
    with pytest.raises(PlanFileError, match="is a folder"):
        save_plan(rtx3060_plan(), tmp_path)
    with pytest.raises(PlanFileError, match="cannot write the plan") as caught:
        save_plan(rtx3060_plan(), tmp_path / "no such folder" / "plan.json")
    assert caught.value.exit_code == 2


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "not JSON"),
        ("[" * 100000, "not JSON"),
        ([1, 2], "its schema is null"),
        ({"schema": "pytorch-setup/profile/1"}, 'its schema is "pytorch-setup/profile/1"'),
    ],
)
def test_a_file_that_is_no_plan_is_refused_with_one_line(tmp_path, content, says):
    with pytest.raises(PlanFileError, match=says) as caught:
        load_plan(write(tmp_path, content))
    assert caught.value.exit_code == 2 and "\n" not in caught.value.message
    assert str(tmp_path) in caught.value.message  # which file


def test_a_missing_file_a_folder_and_a_non_utf8_file_are_refused(tmp_path):
    with pytest.raises(PlanFileError, match="no such file"):
        load_plan(tmp_path / "absent.json")
    with pytest.raises(PlanFileError, match="folder"):
        load_plan(tmp_path)
    (tmp_path / "latin1.json").write_bytes(b'{"schema": "caf\xe9"}')
    with pytest.raises(PlanFileError, match="UTF-8"):
        load_plan(tmp_path / "latin1.json")


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("commands", "pip install torch", "plan field commands must be a list, not a string"),
        ("commands", [["python", 3]], r"plan field commands\[0\]\[1\] must be a string"),
        ("packages", {"torch": 2.4}, "plan field packages.torch must be a string"),
        ("torch", 2.4, "plan field torch must be a string, not a number"),
        ("environment", [], "plan field environment must be an object"),
        ("warnings", [{"code": "x"}], r"plan field warnings\[0\].message must be a string"),
        ("made_for", "my pc", "plan field made_for must be an object"),
    ],
)
def test_a_field_of_the_wrong_type_is_named(tmp_path, field, value, says):
    data = rtx3060_plan().to_dict()
    data[field] = value
    with pytest.raises(PlanFileError, match=says):
        load_plan(write(tmp_path, data))


def test_a_plan_without_torch_is_refused(tmp_path):
    data = rtx3060_plan().to_dict()
    del data["torch"]
    with pytest.raises(PlanFileError, match="no torch or compute"):
        load_plan(write(tmp_path, data))


def test_a_blocked_plan_is_refused_with_its_reason(tmp_path):
    profile = SystemProfile.load(PROFILES / "seed-windows-rtx3060.json")
    blocked = make_plan(profile, Choices(torch="2.4.1", compute="rocm6.1"))
    assert blocked.blocked
    with pytest.raises(PlanFileError, match="the plan is blocked") as caught:
        load_plan(write(tmp_path, blocked.to_dict()))
    assert one_of(blocked.blockers[0].message) in caught.value.message


def one_of(message: str) -> str:
    return " ".join(message.split())[:40]


def test_unknown_keys_from_a_newer_writer_are_ignored(tmp_path):
    data = {**rtx3060_plan().to_dict(), "signed_by": "IT desk"}
    assert load_plan(write(tmp_path, data)).torch == "2.4.1"
