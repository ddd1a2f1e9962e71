"""resources/compat/accelerators.json: shape, sources, and agreement with releases.json (every
ROCm build a release names has its gfx targets, or is said to be unknown)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from packaging.version import Version

from app.compat.knowledge import GFX_NAME, gfx_of_override, resource

COMPAT = Path(__file__).resolve().parents[2] / "resources" / "compat"
DATA = json.loads((COMPAT / "accelerators.json").read_text(encoding="utf-8"))
RELEASES = json.loads((COMPAT / "releases.json").read_text(encoding="utf-8"))
ROCM = DATA["rocm"]
STATUS = {"confirmed", "partial", "unconfirmed"}
# The gfx targets the amdgpu kernel driver reports (fact sheet §1b, kgd2kfd_probe).
KERNEL_GFX = {
    *("gfx900", "gfx902", "gfx904", "gfx906", "gfx908", "gfx90a", "gfx90c"),
    *("gfx940", "gfx941", "gfx942", "gfx950"),
    *("gfx1010", "gfx1011", "gfx1012", "gfx1013"),
    *("gfx1030", "gfx1031", "gfx1032", "gfx1033", "gfx1034", "gfx1035", "gfx1036"),
    *("gfx1100", "gfx1101", "gfx1102", "gfx1103", "gfx1150", "gfx1151", "gfx1152"),
    *("gfx1200", "gfx1201"),
}


def sources_of(value) -> list[str]:
    """Every key named in a 'source' or '*_source' list, anywhere in the file."""
    found = []
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "source" or key.endswith("_source"):
                found += inner
            else:
                found += sources_of(inner)
    elif isinstance(value, list):
        for inner in value:
            found += sources_of(inner)
    return found


def test_loaded_by_the_one_loader_with_its_schema():
    assert resource("accelerators")["schema"] == "pytorch-setup/compat-accelerators/1"


def test_every_source_key_is_explained_and_every_explained_key_used():
    named = sources_of({k: v for k, v in DATA.items() if k != "sources"})
    assert named and set(named) <= set(DATA["sources"]), set(named) - set(DATA["sources"])
    assert set(DATA["sources"]) <= set(named), set(DATA["sources"]) - set(named)


@pytest.mark.parametrize("variant", sorted(ROCM["targets"]))
def test_rocm_target_rows(variant):
    row = ROCM["targets"][variant]
    assert re.fullmatch(r"rocm\d+(\.\d+){1,2}", variant)
    assert row["source"] and row["status"] in STATUS
    assert row["gfx"] and len(set(row["gfx"])) == len(row["gfx"])
    for gfx in row["gfx"]:
        assert GFX_NAME.fullmatch(gfx) and gfx in KERNEL_GFX, gfx


def test_every_gfx_named_anywhere_is_a_real_target():
    named = {g for row in ROCM["targets"].values() for g in row["gfx"]} | set(ROCM["overrides"])
    named |= {gfx_of_override(r["value"]) for r in ROCM["overrides"].values() if r["value"]}
    assert named <= KERNEL_GFX, named - KERNEL_GFX


def test_every_rocm_build_of_a_release_has_its_targets_or_is_said_unknown():
    named = {v for series in RELEASES["series"] for v in series["rocm"]}
    known, unknown = set(ROCM["targets"]), set(ROCM["targets_unknown"])
    assert not known & unknown
    assert named <= known | unknown, named - known - unknown
    for variant, row in ROCM["targets_unknown"].items():
        assert row["why"] and row["source"], variant


@pytest.mark.parametrize("gfx", sorted(ROCM["overrides"]))
def test_override_rows(gfx):
    row = ROCM["overrides"][gfx]
    assert row["source"] and row["status"] in STATUS and row["why"]
    if row["works"]:
        # A workaround that works runs the kernels of a target some build carries.
        target = gfx_of_override(row["value"])
        assert target is not None and target != gfx
        assert any(target in r["gfx"] for r in ROCM["targets"].values()), target
    else:
        assert row["value"] is None or gfx_of_override(row["value"])


def test_the_overrides_the_fact_sheet_names():
    overrides = ROCM["overrides"]
    for gfx in ("gfx1031", "gfx1032"):
        assert (overrides[gfx]["value"], overrides[gfx]["works"]) == ("10.3.0", True)
    assert (overrides["gfx1103"]["value"], overrides["gfx1103"]["works"]) == ("11.0.0", False)
    assert "THEROCK_1184" in overrides["gfx1103"]["source"]
    for gfx in ("gfx1010", "gfx1011", "gfx1012"):
        assert overrides[gfx]["works"] is False and overrides[gfx]["value"] is None


def test_gfx_of_override_decodes_minor_and_stepping_in_hex():
    assert gfx_of_override("10.3.0") == "gfx1030"
    assert gfx_of_override("11.0.0") == "gfx1100"
    assert gfx_of_override("9.0.10") == "gfx90a"
    assert gfx_of_override("9.0.16") is None and gfx_of_override("gfx1030") is None


def test_xpu_mps_and_amd_windows_facts():
    xpu = DATA["xpu"]
    assert Version(xpu["since"]) == Version("2.5")
    assert set(xpu["platforms"]) == {"linux-x86_64", "windows-x86_64"}
    assert set(xpu["discrete_families"]) <= set(xpu["families"])
    assert set(xpu["driver_page"]) == {"windows", "linux"}
    assert all(u.startswith("https://") for u in xpu["driver_page"].values())
    assert (DATA["mps"]["macos_min"], DATA["mps"]["torch_min"]) == ("12.3", "1.12")
    windows = DATA["amd_windows"]
    assert windows["pytorch_index"] is False and windows["preview"]["python"] == ["3.12"]
    assert windows["preview"]["page"].startswith("https://")
    assert ROCM["groups"] == ["render", "video"] and "usermod" in ROCM["groups_fix"]


@pytest.mark.parametrize("series", RELEASES["series"], ids=lambda s: s["series"])
def test_release_xpu_platforms(series):
    """XPU builds from 2.5, on Linux and Windows x86_64; none known where PyTorch's index was
    not read (variants_known false), as with its CUDA builds."""
    platforms = series["xpu"]
    assert set(platforms) <= set(DATA["xpu"]["platforms"])
    if Version(series["series"]) < Version(DATA["xpu"]["since"]):
        assert platforms == []
    if series.get("variants_known") is False:
        assert platforms == [] and series["rocm"] == []


@pytest.mark.parametrize("gfx", sorted(ROCM["overrides"]))
def test_a_failing_override_says_why_in_a_sentence_of_the_catalogue(gfx):
    """The data's "why" notes its source; what the user reads comes from "problem"."""
    from app.compat.knowledge import override_failure

    row = ROCM["overrides"][gfx]
    if row["works"]:
        assert "problem" not in row
        return
    assert row["problem"] in ("hangs", "invalid_isa", "no_target")
    said = override_failure(row)
    assert said.context == "plan" and said.template  # a catalogue string, not the data's
    if row["value"]:
        assert row["value"] in said
