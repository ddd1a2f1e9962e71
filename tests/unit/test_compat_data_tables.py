"""The driver, GPU, cuDNN and CUDA-architecture tables in resources/compat/: shape, sources,
statuses, parseable versions, compilable patterns, and GPU-name lookups (first match wins)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from packaging.version import Version

COMPAT = Path(__file__).resolve().parents[2] / "resources" / "compat"
STATUSES = {"confirmed", "partial", "unconfirmed"}

# file -> the lists of rows that must each carry source/status
ROW_LISTS = {
    "drivers": ["minor_version_minimums", "toolkit_drivers"],
    "gpus": ["architectures", "gpus"],
    "cudnn": ["versions"],
    "cuda_archs": ["toolkits"],
}


def load(name: str) -> dict:
    return json.loads((COMPAT / f"{name}.json").read_text(encoding="utf-8"))


def rows_of(name: str) -> list[tuple[str, int, dict]]:
    data = load(name)
    return [(key, i, row) for key in ROW_LISTS[name] for i, row in enumerate(data[key])]


ALL_ROWS = [
    pytest.param(name, row, id=f"{name}-{key}-{i}")
    for name in ROW_LISTS
    for key, i, row in rows_of(name)
]


def gpu_patterns() -> list[tuple[re.Pattern[str], dict]]:
    return [(re.compile(row["pattern"], re.IGNORECASE), row) for row in load("gpus")["gpus"]]


def first_match(name: str) -> dict | None:
    for pattern, row in gpu_patterns():
        if pattern.search(name):
            return row
    return None


@pytest.mark.parametrize("name", sorted(ROW_LISTS))
def test_schema_and_nonempty_lists(name):
    data = load(name)
    assert data["schema"] == f"pytorch-setup/compat-{name.replace('_', '-')}/1"
    assert isinstance(data["sources"], dict) and data["sources"]
    for key in ROW_LISTS[name]:
        assert data[key], key


@pytest.mark.parametrize("name", sorted(ROW_LISTS))
def test_every_source_key_is_used(name):
    data = load(name)
    used = {key for _, _, row in rows_of(name) for key in row["source"]}
    assert used == set(data["sources"])
    assert all(isinstance(text, str) and text.strip() for text in data["sources"].values())


@pytest.mark.parametrize(("name", "row"), ALL_ROWS)
def test_row_source_and_status(name, row):
    sources = load(name)["sources"]
    assert isinstance(row["source"], list) and row["source"]
    assert all(key in sources for key in row["source"]), row["source"]
    assert row["status"] in STATUSES
    if "note" in row:
        assert isinstance(row["note"], str) and row["note"].strip()


def test_driver_versions_parse():
    data = load("drivers")
    for row in data["minor_version_minimums"]:
        assert Version(row["cuda_min"]) <= Version(row["cuda_max"])
        Version(row["linux"])
        Version(row["windows"])
    for row in data["toolkit_drivers"]:
        Version(row["version"])
        Version(row["linux"])
        if row["windows"] is not None:
            Version(row["windows"])
    assert data["download_page"].startswith("https://")


def test_driver_minimum_ranges_do_not_overlap():
    rows = load("drivers")["minor_version_minimums"]
    spans = sorted((Version(r["cuda_min"]), Version(r["cuda_max"])) for r in rows)
    for (_, high), (low, _) in zip(spans, spans[1:], strict=False):
        assert high < low


@pytest.mark.parametrize(
    ("cuda", "linux", "windows"),
    [
        ("13.0", "580", "580"),
        ("12.6", "525.60.13", "528.33"),
        ("11.8", "450.80.02", "452.39"),
        ("11.0", "450.36.06", "451.22"),
        ("10.2", "440.33", "441.22"),
    ],
)
def test_driver_minimum_lookup(cuda, linux, windows):
    rows = load("drivers")["minor_version_minimums"]
    hits = [r for r in rows if Version(r["cuda_min"]) <= Version(cuda) <= Version(r["cuda_max"])]
    assert len(hits) == 1
    assert (hits[0]["linux"], hits[0]["windows"]) == (linux, windows)


def test_toolkit_driver_row():
    rows = {r["version"]: r for r in load("drivers")["toolkit_drivers"]}
    assert rows["12.6.3"]["toolkit"] == "12.6 Update 3"
    assert (rows["12.6.3"]["linux"], rows["12.6.3"]["windows"]) == ("560.35.05", "561.17")
    assert rows["13.0.0"]["windows"] is None
    assert rows["10.2.89"]["linux"] == "440.33"


def test_cudnn_versions_parse():
    for row in load("cudnn")["versions"]:
        Version(row["version"])
        assert row["cuda_majors"]
        assert all(major.isdigit() for major in row["cuda_majors"])
    assert load("cudnn")["notes"]


def test_cuda_arch_versions_parse():
    for row in load("cuda_archs")["toolkits"]:
        if "cuda" in row:
            Version(row["cuda"])
        else:
            assert Version(row["cuda_min"]) <= Version(row["cuda_max"])
        low, high = Version(row["cc_min"]), Version(row["cc_max"])
        assert low <= high
        for cc in row["added"]:
            assert low <= Version(cc) <= high
        for cc in row["removed"] + row.get("targets", []):
            Version(cc)


def test_gpu_versions_parse_and_architectures_cover_gpus():
    data = load("gpus")
    archs = {row["name"]: row for row in data["architectures"]}
    for row in data["architectures"]:
        assert Version(row["cc_min"]) <= Version(row["cc_max"])
    for row in data["gpus"]:
        cc = Version(row["compute_capability"])
        arch = archs[row["architecture"]]
        assert Version(arch["cc_min"]) <= cc <= Version(arch["cc_max"])


def test_gpu_patterns_compile():
    for row in load("gpus")["gpus"]:
        re.compile(row["pattern"], re.IGNORECASE)
        assert row["examples"]


def test_gpu_examples_hit_their_own_row_first():
    for row in load("gpus")["gpus"]:
        for example in row["examples"]:
            assert first_match(example) == row, example


@pytest.mark.parametrize(
    ("name", "cc"),
    [
        ("NVIDIA GeForce RTX 3060", "8.6"),
        ("NVIDIA GeForce RTX 3060 Ti", "8.6"),
        ("NVIDIA GeForce GTX 1080 Ti", "6.1"),
        ("GeForce GTX 1050", "6.1"),
        ("NVIDIA GeForce RTX 4090", "8.9"),
        ("NVIDIA GeForce RTX 5090", "12.0"),
        ("NVIDIA RTX PRO 6000 Blackwell Workstation Edition", "12.0"),
        ("NVIDIA RTX 6000 Ada Generation", "8.9"),
        ("NVIDIA RTX A6000", "8.6"),
        ("Quadro RTX 6000", "7.5"),
        ("Tesla K80", "3.7"),
        ("NVIDIA H100 80GB HBM3", "9.0"),
        ("NVIDIA A100-SXM4-80GB", "8.0"),
        ("Tesla V100-SXM2-16GB", "7.0"),
        ("NVIDIA GeForce GTX 1660 SUPER", "7.5"),
        ("NVIDIA GeForce RTX 2080 Ti", "7.5"),
        ("GeForce GTX 970", "5.2"),
        ("GeForce GTX 750 Ti", "5.0"),
        ("NVIDIA B200", "10.0"),
        ("Tesla T4", "7.5"),
        ("NVIDIA L4", "8.9"),
        ("NVIDIA GeForce GTX 780", "3.5"),
        ("NVIDIA TITAN RTX", "7.5"),
        ("NVIDIA TITAN V", "7.0"),
        ("NVIDIA GeForce RTX 3050 Laptop GPU", "8.6"),
        # near misses of the patterns above
        ("nvidia geforce rtx 3060", "8.6"),
        ("GeForce GTX 960M", "5.0"),
        ("GeForce GTX TITAN X", "5.2"),
        ("NVIDIA TITAN X (Pascal)", "6.1"),
        ("Quadro GP100", "6.0"),
        ("Quadro P4000", "6.1"),
        ("NVIDIA RTX 4000 Ada Generation", "8.9"),
        ("Quadro RTX 4000", "7.5"),
        ("NVIDIA RTX PRO 4000 Blackwell", "12.0"),
        ("NVIDIA RTX A4000", "8.6"),
        ("NVIDIA A10", "8.6"),
        ("NVIDIA GB200", "10.0"),
        ("NVIDIA GH200 480GB", "9.0"),
        ("GeForce GT 730", "3.5"),
    ],
)
def test_gpu_name_to_compute_capability(name, cc):
    row = first_match(name)
    assert row is not None, name
    assert row["compute_capability"] == cc


@pytest.mark.parametrize(
    "name", ["Matrox G200", "GeForce GTX 10800", "NVIDIA GeForce RTX 30600", "Tesla K800"]
)
def test_unknown_gpu_matches_nothing(name):
    assert first_match(name) is None
