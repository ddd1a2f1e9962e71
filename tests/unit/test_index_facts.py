"""Every index fact of issue 16 as a test row, over the package index as PyPI really served it
(tests/fixtures/index/: the PEP 691 pages and the wheels' METADATA headers, recorded
2026-12-01), and the bundled snapshot the offline planner uses checked against the same rows.

A fact row is (project, version, Target, variant) → the Verdict's ok / reason / detail.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import pytest
from packaging.version import Version

from app.compat.index import parse_page
from app.compat.index_facts import (
    NO_PIN,
    PROJECTS,
    IndexFacts,
    Row,
    Target,
    cuda_runtime,
    macos_minimum,
    parse_wheel,
    python_tag_fits,
    rows_from_files,
    torch_requirement,
)
from app.compat.knowledge import resource
from app.compat.sources import bundled_facts
from tests.index_fixtures import recorded_metadata, recorded_page

# -- the recorded index as IndexFacts ----------------------------------------------------------


def row_of(item: dict) -> Row:
    """A PEP 691 file dict as a Row: yanked False → None, True → "" (no reason), str → str."""
    yanked = item.get("yanked")
    reason = None if yanked in (None, False) else "" if yanked is True else str(yanked)
    return Row(item["filename"], item.get("requires-python"), reason)


def project_of(filename: str) -> str:
    return filename.split("-", 1)[0]


@functools.cache
def recorded_facts() -> IndexFacts:
    """The facts as the planner would read them from PyPI on the recording day: every file of
    the three pages, the torch pin of each companion release and the CUDA runtime of PyPI's
    Linux torch builds from the recorded METADATA. Shared: callers must not change it."""
    rows = {("pypi", p): [row_of(item) for item in recorded_page(p)["files"]] for p in PROJECTS}
    pins: dict[str, dict[str, str]] = {}
    pypi_cuda: dict[str, dict[str, str]] = {}
    for filename, text in sorted(recorded_metadata().items()):
        project = project_of(filename)
        wheel = parse_wheel(project, Row(filename))
        assert wheel is not None, filename
        version = str(wheel.version)
        if project in ("torchvision", "torchaudio"):
            pins.setdefault(project, {})[version] = torch_requirement(text)
        elif "manylinux" in filename and filename.endswith("_x86_64.whl"):
            # One Linux wheel's Requires-Dist carries both machines' runtimes (markers).
            for machine in ("x86_64", "aarch64"):
                cuda = cuda_runtime(text, machine) or "cpu"
                pypi_cuda.setdefault(version, {})[f"linux-{machine}"] = cuda
    return IndexFacts(rows=rows, pins=pins, pypi_cuda=pypi_cuda, origin="index", date="2026-12-01")


def on(platform: str, python: str, macos: str | None = None, free: bool = False) -> Target:
    return Target(Version(python), platform, Version(macos) if macos else None, free)


LINUX, LINUX_ARM, WINDOWS, MAC = "linux-x86_64", "linux-aarch64", "windows-x86_64", "macos-arm64"


@dataclass(frozen=True)
class Fact:
    project: str
    version: str
    target: Target
    ok: bool
    reason: str = ""
    detail: str | None = None  # text the verdict's detail must contain (None: not checked)

    @property
    def id(self) -> str:
        t = self.target
        mac = f"-macos{t.macos}" if t.macos else ""
        return (
            f"{self.project}-{self.version}-{t.platform}-py{t.python}{'t' * t.free_threaded}{mac}"
        )


def yes(project: str, version: str, target: Target) -> Fact:
    return Fact(project, version, target, True)


def no(project: str, version: str, target: Target, reason: str, detail: str | None = None) -> Fact:
    return Fact(project, version, target, False, reason, detail)


MAC_13, MAC_14 = "13.6", "14.0"
FACTS = [
    # --- torch 2.15.0: cp311-cp315, free-threaded cp314t and cp315t, everywhere ---------------
    *[
        yes("torch", "2.15.0", on(platform, python, mac, free))
        for platform, mac in ((LINUX, None), (LINUX_ARM, None), (WINDOWS, None), (MAC, MAC_14))
        for python, free in (
            ("3.11.0", False),
            ("3.15.0", False),
            ("3.15.0", True),
            ("3.14.0", True),
        )
    ],
    no("torch", "2.15.0", on(LINUX, "3.10.14"), "python"),  # Requires-Python >=3.11, no cp310
    no("torch", "2.15.0", on(WINDOWS, "3.16.0"), "python"),
    no("torch", "2.15.0", on(LINUX, "3.13.1", free=True), "python"),
    # --- torchvision 0.26.0-0.29.2: Requires-Python ">=3.10,!=3.14.1" -----------------------
    *[
        no("torchvision", v, on(LINUX, "3.14.1"), "requires_python", "!=3.14.1")
        for v in ("0.26.0", "0.27.0", "0.27.1", "0.28.0", "0.29.0", "0.29.1", "0.29.2")
    ],
    no("torchvision", "0.29.2", on(MAC, "3.14.1", "14.2"), "requires_python", "!=3.14.1"),
    yes("torchvision", "0.29.2", on(LINUX, "3.14.2")),
    yes("torchvision", "0.29.2", on(LINUX, "3.14.0")),
    yes("torchvision", "0.25.0", on(LINUX, "3.14.1")),
    # --- every torch >= 2.12.0 macOS arm64 wheel is macosx_14_0: 2.11.x newest on macOS 13 ---
    *[
        no("torch", v, on(MAC, "3.12.4", MAC_13), "macos", "14.0")
        for v in ("2.12.0", "2.12.1", "2.13.0", "2.14.0", "2.14.1", "2.15.0")
    ],
    yes("torch", "2.11.0", on(MAC, "3.12.4", MAC_13)),
    yes("torch", "2.15.0", on(MAC, "3.12.4", "14.2")),
    yes("torch", "2.15.0", on(MAC, "3.12.4")),  # macOS version unknown: any minimum
    # --- torch 1.10.0's torchvision 0.11.0 was yanked --------------------------------------
    no("torchvision", "0.11.0", on(LINUX, "3.9.7"), "yanked", "Dependency issue"),
    # --- 1.10.2 on Python 3.6 Linux: torch yes, its companions no (1.10.1's all yes) --------
    yes("torch", "1.10.2", on(LINUX, "3.6.15")),
    no("torchvision", "0.11.3", on(LINUX, "3.6.15"), "platform"),  # cp36 on other platforms
    no("torchaudio", "0.10.2", on(LINUX, "3.6.15"), "platform"),
    yes("torch", "1.10.1", on(LINUX, "3.6.15")),
    yes("torchvision", "0.11.2", on(LINUX, "3.6.15")),
    yes("torchaudio", "0.10.1", on(LINUX, "3.6.15")),
    # --- 1.12.x/1.13.x on Python 3.7 macOS arm64: torch only -------------------------------
    *[
        fact
        for torch, vision, audio in (
            ("1.12.0", "0.13.0", "0.12.0"),
            ("1.12.1", "0.13.1", "0.12.1"),
            ("1.13.0", "0.14.0", "0.13.0"),
            ("1.13.1", "0.14.1", "0.13.1"),
        )
        for fact in (
            yes("torch", torch, on(MAC, "3.7.9", MAC_13)),
            no("torchvision", vision, on(MAC, "3.7.9", MAC_13), "platform"),
            no("torchaudio", audio, on(MAC, "3.7.9", MAC_13), "platform"),
        )
    ],
    # --- old linux-aarch64: 1.8.0 without both companions, 1.9.0 without torchaudio ----------
    yes("torch", "1.8.0", on(LINUX_ARM, "3.8.10")),
    no("torchvision", "0.9.0", on(LINUX_ARM, "3.8.10"), "platform"),
    no("torchaudio", "0.8.0", on(LINUX_ARM, "3.8.10"), "platform"),
    yes("torch", "1.9.0", on(LINUX_ARM, "3.8.10")),
    yes("torchvision", "0.10.0", on(LINUX_ARM, "3.8.10")),
    no("torchaudio", "0.9.0", on(LINUX_ARM, "3.8.10"), "platform"),
    # --- macOS arm64 torch before 1.12 is on PyPI (cp38/cp39), though the data lacks it ------
    *[
        yes("torch", v, on(MAC, python, "12.6"))
        for v in ("1.9.0", "1.10.1", "1.10.2", "1.11.0")
        for python in ("3.8.10", "3.9.13")
    ],
    no("torch", "1.9.1", on(MAC, "3.9.13", "12.6"), "platform"),
    # --- free-threaded: cp313t 2.7.0-2.12.0, cp314t from 2.9.0 -------------------------------
    no("torch", "2.6.0", on(LINUX, "3.13.1", free=True), "python"),
    yes("torch", "2.7.0", on(LINUX, "3.13.1", free=True)),
    yes("torch", "2.12.0", on(LINUX, "3.13.1", free=True)),
    no("torch", "2.12.1", on(LINUX, "3.13.1", free=True), "python"),
    no("torch", "2.13.0", on(LINUX, "3.13.1", free=True), "python"),
    yes("torch", "2.12.1", on(LINUX, "3.13.1")),  # the plain build still has cp313
    no("torch", "2.8.0", on(LINUX, "3.14.0", free=True), "python"),
    yes("torch", "2.9.0", on(LINUX, "3.14.0", free=True)),
    # --- nothing at all ----------------------------------------------------------------------
    no("torch", "9.9.9", on(LINUX, "3.12.4"), "missing"),
]


def check(facts: IndexFacts, fact: Fact) -> None:
    verdict = facts.installable(fact.project, fact.version, fact.target)
    assert verdict is not None, "the recorded pages were read: the facts must tell"
    assert (verdict.ok, verdict.reason) == (fact.ok, fact.reason), verdict
    if fact.detail is not None:
        assert fact.detail in verdict.detail, verdict


@pytest.mark.parametrize("fact", FACTS, ids=[f.id for f in FACTS])
def test_recorded_index_fact(fact: Fact) -> None:
    check(recorded_facts(), fact)


@pytest.mark.parametrize("fact", FACTS, ids=[f.id for f in FACTS])
def test_bundled_snapshot_agrees_with_the_recorded_index(fact: Fact) -> None:
    """The snapshot is what offline plans use: it must give the same verdict, reason and
    detail as the pages it was made from."""
    check(bundled_facts(), fact)
    recorded = recorded_facts().installable(fact.project, fact.version, fact.target)
    assert bundled_facts().installable(fact.project, fact.version, fact.target) == recorded


def test_fact_ids_are_unique() -> None:
    ids = [f.id for f in FACTS]
    assert len(ids) == len(set(ids))


def test_the_recorded_rows_are_what_the_index_client_parses() -> None:
    """Rows built here from the PEP 691 dicts equal the client's own parse of the same page."""
    for project in PROJECTS:
        body = json.dumps(recorded_page(project)).encode()
        files = parse_page(body, "application/vnd.pypi.simple.v1+json", "https://x/simple/p/")
        assert rows_from_files(files) == recorded_facts().rows[("pypi", project)]


# -- the page and metadata facts behind the rows ------------------------------------------------


def test_torch_2_15_0_requires_python_3_11_and_has_cp311_to_cp315() -> None:
    facts = recorded_facts()
    rows = [r for r in facts.rows[("pypi", "torch")] if r.filename.startswith("torch-2.15.0-")]
    assert rows and {r.requires_python for r in rows} == {">=3.11"}
    tags = {t for w in facts.wheels("torch", "2.15.0", "pypi") for t in w.interpreters}
    assert tags == {"cp311", "cp312", "cp313", "cp314", "cp315", "cp314t", "cp315t"}
    assert facts.python_range("2.15.0") == (Version("3.11"), Version("3.15"))


def test_macos_minimum_of_torch_wheels() -> None:
    facts = recorded_facts()
    for version in ("2.12.0", "2.13.0", "2.14.1", "2.15.0"):
        macs = [w for w in facts.wheels("torch", version, "pypi") if macos_minimum(w)]
        assert macs and {macos_minimum(w) for w in macs} == {Version("14.0")}, version
    macs = [w for w in facts.wheels("torch", "2.11.0", "pypi") if macos_minimum(w)]
    assert macs and max(macos_minimum(w) or Version("0") for w in macs) < Version("13.6")


@pytest.mark.parametrize(
    ("project", "version", "pin", "torch", "admitted"),
    [
        ("torchaudio", "2.11.0", NO_PIN, "2.15.0", True),  # stable ABI: names no torch version
        ("torchaudio", "2.11.1", ">=2.11", "2.15.0", True),
        ("torchaudio", "2.11.1", ">=2.11", "2.10.0", False),
        ("torchvision", "0.29.2", ">=2.14.0", "2.15.0", True),
        ("torchvision", "0.29.2", ">=2.14.0", "2.13.0", False),
        ("torchvision", "0.29.1", ">=2.14.0", "2.15.0", True),
        ("torchvision", "0.28.0", "==2.13.0", "2.13.0", True),
        ("torchvision", "0.28.0", "==2.13.0", "2.15.0", False),
        ("torchvision", "0.11.3", "==1.10.2", "1.10.2", True),
    ],
)
def test_companion_pins(project: str, version: str, pin: str, torch: str, admitted: bool) -> None:
    facts = recorded_facts()
    assert facts.pin(project, version) == pin
    assert facts.admits(project, version, torch) is admitted


def test_pin_of_an_unread_release_is_unknown() -> None:
    facts = recorded_facts()
    assert facts.pin("torchvision", "0.11.0") is None  # yanked: its metadata was not recorded
    assert facts.admits("torchvision", "0.11.0", "1.10.0") is None


@pytest.mark.parametrize(
    ("project", "torch", "companion"),
    [
        ("torchvision", "2.15.0", "0.29.2"),  # no exact pin: the newest admitting one
        ("torchaudio", "2.15.0", "2.11.1"),
        ("torchvision", "2.13.0", "0.28.0"),  # its exact pin
        ("torchvision", "2.14.0", "0.29.0"),  # exact ==2.14.0 wins over the newer >=2.14.0 ones
        ("torchvision", "2.14.1", "0.29.2"),
        ("torchaudio", "2.10.0", "2.10.0"),  # exact beats 2.11.0's unpinned torch
        ("torchaudio", "2.12.0", "2.11.1"),
        ("torchvision", "1.10.1", "0.11.2"),
    ],
)
def test_paired(project: str, torch: str, companion: str) -> None:
    assert recorded_facts().paired(project, torch) == companion


def linux_metadata(version: str) -> list[str]:
    return [
        text
        for name, text in recorded_metadata().items()
        if name.startswith(f"torch-{version}-") and "manylinux" in name
    ]


@pytest.mark.parametrize(
    ("version", "x86_64", "aarch64"),
    [
        ("2.10.0", "cu128", None),  # ARM64 Linux on PyPI: CPU before 2.11
        ("2.11.0", "cu130", "cu130"),
        ("2.14.1", "cu130", "cu130"),
        ("2.15.0", "cu132", "cu132"),  # cuda-toolkit==13.2.2
    ],
)
def test_cuda_runtime_of_pypi_linux_torch(version: str, x86_64: str, aarch64: str | None) -> None:
    texts = linux_metadata(version)
    assert texts, f"no recorded Linux metadata of torch {version}"
    for text in texts:  # 2.10.0 has re-uploads with build tags: all agree
        assert cuda_runtime(text, "x86_64") == x86_64
        assert cuda_runtime(text, "aarch64") == aarch64


def test_torch_2_15_0_needs_cuda_toolkit_13_2_2() -> None:
    for text in linux_metadata("2.15.0"):
        assert any(
            line.startswith("Requires-Dist: cuda-toolkit") and "==13.2.2" in line
            for line in text.splitlines()
        )


def test_every_torch_wheel_names_the_linux_runtime() -> None:
    """The CUDA requirement carries a Linux marker in every wheel's metadata (Windows and macOS
    too), so any wheel of a release tells PyPI's Linux build."""
    for name, text in recorded_metadata().items():
        if not name.startswith("torch-"):
            continue
        version = str(parse_wheel("torch", Row(name)).version)
        linux = recorded_facts().pypi_cuda[version]
        for machine in ("x86_64", "aarch64"):
            assert (cuda_runtime(text, machine) or "cpu") == linux[f"linux-{machine}"], name


# -- the bundled snapshot against the recorded index and the curated data ----------------------


def test_bundled_snapshot_has_the_recorded_releases() -> None:
    bundled, recorded = bundled_facts(), recorded_facts()
    assert bundled.origin == "bundled" and bundled.date == "2026-12-01"
    oldest = {"torch": Version("1.8"), "torchvision": Version("0.9"), "torchaudio": Version("0.8")}
    for project in PROJECTS:
        listed = [v for v in recorded.versions(project) if v >= oldest[project]]
        assert bundled.versions(project) == listed, project


def test_bundled_pypi_cuda_agrees_with_the_recorded_metadata() -> None:
    bundled, recorded = bundled_facts(), recorded_facts()
    assert recorded.pypi_cuda
    for version, machines in recorded.pypi_cuda.items():
        assert bundled.pypi_cuda.get(version) == machines, version


# Pins the snapshot took from another wheel of the release than the one recorded here:
# tools/refresh_compat.py reads the first wheel the page lists, for these the cp310 manylinux2014
# aarch64 one, whose METADATA says `Requires-Dist: torch` with no version, while the x86_64
# wheels (recorded) pin torch==1.10.2.
# (refresh_compat.py reads the Linux x86_64 wheel's metadata: some old ARM64 builds name torch
# without the version their x86_64 twin pins.)
PIN_ROWS = [
    pytest.param(project, version, id=f"{project}-{version}")
    for project, versions in sorted(recorded_facts().pins.items())
    for version in sorted(versions, key=Version)
]


@pytest.mark.parametrize(("project", "version"), PIN_ROWS)
def test_bundled_pins_agree_with_the_recorded_metadata(project: str, version: str) -> None:
    assert bundled_facts().pin(project, version) == recorded_facts().pin(project, version)


def curated_pypi_builds(platform: str) -> list[tuple[str, str, str]]:
    """(torch, releases.json's PyPI build, the snapshot's CUDA runtime) for every patch of a
    series that names PyPI's build on that platform and that the snapshot read metadata of."""
    cuda = bundled_facts().pypi_cuda
    return [
        (patch, series["pypi"][platform], cuda[patch][platform])
        for series in resource("releases")["series"]
        if platform in series["pypi"]
        for patch in series["patches"]
        if platform in cuda.get(patch, {})
    ]


@pytest.mark.parametrize("platform", [LINUX, LINUX_ARM])
def test_snapshot_cuda_agrees_with_curated_pypi_builds(platform: str) -> None:
    """Consistency between the curated releases.json and what the index metadata says PyPI's
    Linux torch wheels carry."""
    rows = curated_pypi_builds(platform)
    assert len(rows) >= 20  # 2.0.0 to 2.15.0
    assert [(t, c) for t, curated, c in rows if curated != c] == []


# -- parsing edge cases -------------------------------------------------------------------------


def test_build_tagged_wheel_name() -> None:
    wheel = parse_wheel("torch", Row("torch-2.10.0-2-cp311-none-macosx_11_0_arm64.whl"))
    assert wheel is not None
    assert (wheel.version, wheel.variant) == (Version("2.10.0"), None)
    assert wheel.interpreters == ("cp311",)
    assert wheel.platforms == ("macosx_11_0_arm64",)
    # The recorded 2.10.0 re-uploads (build tags 2 and 3) are counted as 2.10.0's files.
    facts = recorded_facts()
    names = [w for w in facts.wheels("torch", "2.10.0", "pypi")]
    assert any(w.platforms == ("macosx_11_0_arm64",) for w in names)
    assert facts.installable("torch", "2.10.0", on(MAC, "3.11.9", "13.6")).ok


def single(project: str, *filenames: str, source: str = "pypi", **row: str | None) -> IndexFacts:
    return IndexFacts(rows={(source, project): [Row(f, **row) for f in filenames]})


def test_local_label_is_the_variant() -> None:
    """PyTorch's index links `torch-2.7.0%2Bcu126-...`; the client unquotes it to a `+`."""
    filename = "torch-2.7.0+cu126-cp311-cp311-manylinux_2_28_x86_64.whl"
    wheel = parse_wheel("torch", Row(filename))
    assert wheel is not None and (wheel.version, wheel.variant) == (Version("2.7.0"), "cu126")
    html = (
        b'<html><body><a href="/whl/cu126/torch-2.7.0%2Bcu126-cp311-cp311-'
        b'manylinux_2_28_x86_64.whl#sha256=00">x</a></body></html>'
    )
    files = parse_page(html, "text/html", "https://download.example/whl/cu126/torch/")
    assert [f.filename for f in files] == [filename]
    facts = IndexFacts(rows={("pytorch", "torch"): rows_from_files(files)})
    linux = on(LINUX, "3.11.4")
    assert facts.installable("torch", "2.7.0", linux, "cu126").ok
    assert facts.installable("torch", "2.7.0", linux, "cu128").reason == "missing"
    assert facts.installable("torch", "2.7.0", linux) is None  # PyPI's page was not read
    assert facts.variants("2.7.0", LINUX) == ["cu126"]
    assert facts.variants("2.7.0", WINDOWS) == []
    assert facts.versions("torch", "pytorch") == [Version("2.7.0")]


def test_unlabelled_pytorch_index_files_are_its_cpu_build() -> None:
    facts = single("torch", "torch-2.7.0-cp311-none-macosx_11_0_arm64.whl", source="pytorch")
    mac = on(MAC, "3.11.4", "14.0")
    assert facts.installable("torch", "2.7.0", mac, "cpu").ok
    assert facts.installable("torch", "2.7.0", mac, "cu126").reason == "missing"


def test_universal2_fits_both_macs_and_nothing_else() -> None:
    facts = single("torch", "torch-1.0.0-cp38-cp38-macosx_11_0_universal2.whl")
    for platform in (MAC, "macos-x86_64"):
        assert facts.installable("torch", "1.0.0", on(platform, "3.8.10", "12.0")).ok
    old_mac = facts.installable("torch", "1.0.0", on(MAC, "3.8.10", "10.15"))
    assert old_mac is not None and (old_mac.reason, old_mac.detail) == ("macos", "11.0")
    linux = facts.installable("torch", "1.0.0", on(LINUX, "3.8.10"))
    assert linux is not None and linux.reason == "platform"


def test_intel_mac_tag() -> None:
    facts = single("torch", "torch-1.0.0-cp38-cp38-macosx_10_9_x86_64.whl")
    assert facts.installable("torch", "1.0.0", on("macos-x86_64", "3.8.10", "12.0")).ok
    arm = facts.installable("torch", "1.0.0", on(MAC, "3.8.10", "12.0"))
    assert arm is not None and arm.reason == "platform"


def test_py3_none_any_fits_every_python_3_and_platform() -> None:
    facts = single("torchvision", "torchvision-0.1.6-py2.py3-none-any.whl")
    for target in (
        on(LINUX, "3.6.15"),
        on(WINDOWS, "3.15.0"),
        on(MAC, "3.12.4", "11.0"),
        on(LINUX_ARM, "3.13.1", free=True),
    ):
        assert facts.installable("torchvision", "0.1.6", target).ok, target
    assert not python_tag_fits("py2", on(LINUX, "3.11.4"))


def test_py3_none_platform_wheel_is_for_that_platform_only() -> None:
    """torchvision 0.29.2 and torchaudio 2.11.1 are py3-none-<platform> (stable ABI)."""
    facts = recorded_facts()
    wheels = facts.wheels("torchvision", "0.29.2", "pypi")
    assert wheels and all(w.interpreters == ("py3",) for w in wheels)
    assert facts.installable("torchvision", "0.29.2", on(LINUX, "3.15.0")).ok
    assert facts.installable("torchaudio", "2.11.1", on(LINUX, "3.15.0", free=True)).ok


@pytest.mark.parametrize(
    ("python", "free", "fits"),
    [
        ("3.9.0", False, True),
        ("3.11.4", False, True),  # the stable ABI: built for 3.9, runs on every newer CPython 3
        ("3.15.0", False, True),
        ("3.8.10", False, False),
        ("3.13.1", True, False),  # a free-threaded build has no stable ABI (packaging.tags)
    ],
)
def test_abi3_wheel(python: str, free: bool, fits: bool) -> None:
    filename = "torch-9.0.0-cp39-abi3-manylinux_2_28_x86_64.whl"
    wheel = parse_wheel("torch", Row(filename))
    assert wheel is not None and wheel.interpreters == ("cp39-abi3",)
    assert python_tag_fits("cp39-abi3", on(LINUX, python, free=free)) is fits
    assert not python_tag_fits("cp310-abi3", on(LINUX, "3.9.13"))
    facts = single("torch", filename)
    verdict = facts.installable("torch", "9.0.0", on(LINUX, python, free=free))
    assert verdict is not None and verdict.ok is fits
    assert fits or verdict.reason == "python"


@pytest.mark.parametrize(
    "filename",
    [
        "torch-2.0.0.tar.gz",
        "torch-2.0.0.zip",
        "torch-latest.whl",
        "torch-notaversion-cp311-cp311-linux_x86_64.whl",
        "torch-2.0.0-cp311-linux_x86_64.whl",  # a tag missing
        "README",
    ],
)
def test_odd_names_and_sdists_are_ignored(filename: str) -> None:
    assert parse_wheel("torch", Row(filename)) is None
    facts = single("torch", filename, "torch-1.0.0-cp311-cp311-linux_x86_64.whl")
    assert facts.versions("torch") == [Version("1.0.0")]
    verdict = facts.installable("torch", "2.0.0", on(LINUX, "3.11.4"))
    assert verdict is not None and verdict.reason == "missing"


def test_a_yanked_release_is_not_listed_but_says_why() -> None:
    facts = recorded_facts()
    assert Version("0.11.0") not in facts.versions("torchvision")
    assert Version("0.11.1") in facts.versions("torchvision")
    facts = single("torch", "torch-1.0.0-cp311-cp311-linux_x86_64.whl", yanked="")
    verdict = facts.installable("torch", "1.0.0", on(LINUX, "3.11.4"))
    assert verdict is not None and (verdict.reason, verdict.detail) == ("yanked", "")


def test_bad_requires_python_is_ignored() -> None:
    """Metadata from the wild: a Requires-Python packaging cannot read does not block."""
    facts = single("torch", "torch-1.0.0-cp311-cp311-linux_x86_64.whl", requires_python=">=3.x")
    assert facts.installable("torch", "1.0.0", on(LINUX, "3.11.4")).ok


def test_to_dict_from_dict_round_trip() -> None:
    facts = IndexFacts(
        rows={
            ("pypi", "torch"): [
                Row("torch-2.15.0-cp311-cp311-win_amd64.whl"),
                Row("torch-2.15.0-cp315-cp315t-win_amd64.whl", ">=3.11"),
                Row("torch-1.0.0-cp36-cp36m-win_amd64.whl", None, ""),
                Row("torch-0.9.0-cp36-cp36m-win_amd64.whl", ">=3.6", "broken, sorry"),
            ],
            ("pytorch", "torch"): [Row("torch-2.7.0+cu126-cp311-cp311-win_amd64.whl")],
        },
        pins={"torchvision": {"0.29.2": ">=2.14.0"}, "torchaudio": {"2.11.0": NO_PIN}},
        pypi_cuda={"2.15.0": {LINUX: "cu132", LINUX_ARM: "cu132"}},
        origin="index",
        date="2026-12-01",
    )
    data = json.loads(json.dumps(facts.to_dict()))  # what the snapshot file holds
    back = IndexFacts.from_dict(data, origin="index")
    assert (back.rows, back.pins, back.pypi_cuda, back.date) == (
        facts.rows,
        facts.pins,
        facts.pypi_cuda,
        facts.date,
    )
    assert back.origin == "index"
    assert back.pages == {("pypi", "torch"): "index", ("pytorch", "torch"): "index"}
    assert IndexFacts.from_dict(data).origin == "bundled"


def test_recorded_facts_round_trip_whole() -> None:
    facts = recorded_facts()
    back = IndexFacts.from_dict(json.loads(json.dumps(facts.to_dict())))
    assert back.rows == facts.rows and back.pins == facts.pins
    assert back.pypi_cuda == facts.pypi_cuda
    for fact in FACTS[:8]:
        check(back, fact)


def test_metadata_is_read_from_the_linux_x86_64_wheel_of_a_release():
    """Old ARM64 builds name torch without the pinned version (torchvision 0.11.3 for aarch64
    says `torch`): the plan and tools/refresh_compat.py both read the x86_64 wheel."""
    from types import SimpleNamespace

    from app.compat.sources import metadata_wheel

    def files(project):
        yanked = {False: None, True: ""}
        return [
            SimpleNamespace(filename=f["filename"], yanked=yanked.get(f["yanked"], f["yanked"]))
            for f in recorded_page(project)["files"]
        ]

    vision = metadata_wheel(files("torchvision"), "torchvision", "0.11.3")
    assert "manylinux" in vision.filename and vision.filename.endswith("_x86_64.whl")
    arm = metadata_wheel(files("torch"), "torch", "2.15.0", "_aarch64.whl")
    assert arm.filename == "torch-2.15.0-cp311-cp311-manylinux_2_28_aarch64.whl"
    assert metadata_wheel(files("torchvision"), "torchvision", "0.11.0") is None  # all yanked
