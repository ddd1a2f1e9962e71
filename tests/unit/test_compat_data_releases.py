"""The release and wheel-architecture data: shape, sources, and internal consistency."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from packaging.version import Version

COMPAT = Path(__file__).resolve().parents[2] / "resources" / "compat"
RELEASES = json.loads((COMPAT / "releases.json").read_text(encoding="utf-8"))
ARCHS = json.loads((COMPAT / "wheel_archs.json").read_text(encoding="utf-8"))
PLATFORMS = {"linux-x86_64", "linux-aarch64", "windows-x86_64", "macos-arm64", "macos-x86_64"}
VARIANT = re.compile(r"cpu|cu\d{3}|rocm\d+(\.\d+){1,2}")
STATUS = {"confirmed", "partial", "unconfirmed"}  # "INDEX" rows: as the index listed them


def check_sources(row: dict, sources: dict) -> None:
    assert row["source"], row
    assert all(key in sources for key in row["source"]), row["source"]
    assert row["status"] in STATUS


@pytest.mark.parametrize("series", RELEASES["series"], ids=lambda s: s["series"])
def test_release_rows(series):
    check_sources(series, RELEASES["sources"])
    assert Version(series["python"]["min"]) <= Version(series["python"]["max"])
    assert series["index_form"] in ("index-url", "extra-index-url", "find-links")
    for patch, pairs in series["patches"].items():
        assert Version(patch).base_version.startswith(series["series"] + ".")
        assert set(pairs) == {"torchvision", "torchaudio"}
        assert all(Version(v) for v in pairs.values())
    assert set(series["variants"]) <= PLATFORMS and set(series["pypi"]) <= PLATFORMS
    for platform, variants in series["variants"].items():
        assert all(VARIANT.fullmatch(v) for v in variants)
        assert series["pypi"][platform] in variants  # PyPI serves one of the builds
    for variant in series["rocm"]:
        assert VARIANT.fullmatch(variant)
    if series["conda"]:
        assert Version(series["series"] + ".0") <= Version(RELEASES["conda_channel_last"])


def test_series_are_newest_first_and_cover_1_8_to_2_15():
    names = [Version(s["series"]) for s in RELEASES["series"]]
    assert names == sorted(names, reverse=True)
    assert str(names[0]) == "2.15" and str(names[-1]) == "1.8"
    # 2.15 came from the indexes (tools/refresh_compat.py): PyPI's wheels are cp311-cp315 and
    # its Linux build requires cuda-toolkit==13.2.2; torchvision 0.29.2 asks torch>=2.14.0.
    newest = RELEASES["series"][0]
    assert newest["source"] == ["INDEX"] and "INDEX" in RELEASES["sources"]
    assert "2.15.0" in newest["patches"] and newest["pypi"]["linux-x86_64"] == "cu132"
    assert (newest["python"]["min"], newest["python"]["max"]) == ("3.11", "3.15")
    assert newest["patches"]["2.15.0"] == {"torchvision": "0.29.2", "torchaudio": "2.11.1"}
    older = RELEASES["series"][1]
    assert "2.14.1" in older["patches"] and older["pypi"]["linux-x86_64"] == "cu130"


def test_intel_mac_wheels_end_at_2_2():
    with_intel = [s["series"] for s in RELEASES["series"] if "macos-x86_64" in s["variants"]]
    assert max(with_intel, key=Version) == "2.2"


@pytest.mark.parametrize("row", ARCHS["wheels"], ids=lambda r: f"{r['platform']}-{r['series'][0]}")
def test_wheel_arch_rows(row):
    check_sources(row, ARCHS["sources"])
    assert row["platform"] in PLATFORMS
    assert all(Version(v) for v in row["sm"] + row["ptx"])
    assert row["sm"] == sorted(row["sm"], key=Version)


def test_every_cuda_wheel_planned_has_its_architectures():
    """A CUDA variant the planner picks by itself must say which GPUs it runs on (a release
    read from the indexes alone is planned for a GPU only when chosen: its kernels are not
    known yet)."""
    covered = {
        (row["platform"], series, variant)
        for row in ARCHS["wheels"]
        for series in row["series"]
        for variant in row["variants"]
    }
    missing = [
        (platform, s["series"], v)
        for s in RELEASES["series"]
        for platform, variants in s["variants"].items()
        for v in variants
        if v.startswith("cu")
        and (platform, s["series"], v) not in covered
        and s["source"] != ["INDEX"]
    ]
    assert missing == []
