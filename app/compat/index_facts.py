"""What the package indexes list, asked in the planner's terms: which wheels exist for this
Python, platform, macOS version and build variant; which torch each torchvision/torchaudio
release pins; which CUDA runtime PyPI's own torch build carries.

Pure: the facts come in as file rows (from the live index pages, or from the bundled
snapshot that tools/refresh_compat.py writes) and are parsed only when asked.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

PROJECTS = ("torch", "torchvision", "torchaudio")
SOURCES = ("pypi", "pytorch")  # PyPI; PyTorch's own index (download.pytorch.org)
NO_PIN = ""  # the release's metadata names torch without an exact version


@dataclass(frozen=True)
class Target:
    """The interpreter and machine a wheel must install on."""

    python: Version  # full: 3.14.1 (Requires-Python may exclude one patch)
    platform: str  # platform_key(): linux-x86_64, windows-x86_64, macos-arm64, ...
    macos: Version | None = None  # the macOS version, when known
    free_threaded: bool = False  # a 3.13t/3.14t build: needs cp313t wheels


@dataclass(frozen=True)
class Row:
    """One file on an index, as the snapshot and the live pages both give it."""

    filename: str
    requires_python: str | None = None
    yanked: str | None = None  # None: not yanked; else the reason ("" when none given)


@dataclass(frozen=True)
class Wheel:
    project: str
    version: Version  # the public version, without the local label
    variant: str | None  # the local label: cu126, cpu, rocm6.4; None when the file has none
    interpreters: tuple[str, ...]  # cp311, cp313t, cp39-abi3 (3.9 and newer), py3, ...
    platforms: tuple[str, ...]  # manylinux_2_28_x86_64, macosx_14_0_arm64, win_amd64, any
    requires_python: str | None
    yanked: str | None


_WHEEL = re.compile(
    r"^(?P<name>[^-]+)-(?P<version>[^-]+)(?:-\d[^-]*)?-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$"
)


@functools.lru_cache(maxsize=8192)
def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


@functools.lru_cache(maxsize=1024)
def _specifier(text: str) -> SpecifierSet | None:
    try:
        return SpecifierSet(text)
    except InvalidSpecifier:
        return None


@functools.lru_cache(maxsize=16384)
def parse_wheel(project: str, row: Row) -> Wheel | None:
    """A wheel's tags (cached: a plan asks of the same files more than once)."""
    match = _WHEEL.match(row.filename)
    if match is None:
        return None
    full = _version(match["version"])
    if full is None:
        return None
    interpreters = []
    abis = match["abi"].split(".")
    for py in match["py"].split("."):
        # cp313-cp313t: the free-threaded build; the ABI tag says so, the interpreter does not.
        free = any(a.endswith("t") and a.startswith("cp") and a[2:-1].isdigit() for a in abis)
        if py.startswith("cp") and free:
            py += "t"
        elif py.startswith("cp") and "abi3" in abis:
            py += "-abi3"  # the stable ABI: this CPython and every newer one
        interpreters.append(py)
    return Wheel(
        project=project,
        version=_version(full.public) or full,
        variant=full.local,
        interpreters=tuple(interpreters),
        platforms=tuple(match["plat"].split(".")),
        requires_python=row.requires_python,
        yanked=row.yanked,
    )


def python_tag_fits(tag: str, target: Target) -> bool:
    """cp311 runs on CPython 3.11 (cp311t on its free-threaded build); cp39-abi3 on CPython 3.9
    and newer, but not on a free-threaded build (it has no stable ABI); py3 on any Python 3."""
    python = target.python
    if tag in ("py3", f"py{python.major}{python.minor}"):
        return True
    if not tag.startswith("cp"):
        return False
    if tag.endswith("-abi3"):
        digits = tag[2:-5]
        return (
            not target.free_threaded
            and digits[:1] == str(python.major)
            and digits[1:].isdigit()
            and python.minor >= int(digits[1:])
        )
    free = tag.endswith("t")
    digits = tag[2:-1] if free else tag[2:]
    return free == target.free_threaded and digits == f"{python.major}{python.minor}"


_MACOS = re.compile(r"^macosx_(\d+)_(\d+)_(\w+)$")
_LINUX_ARCH = {"linux-x86_64": "x86_64", "linux-aarch64": "aarch64"}


def platform_tag_fits(tag: str, target: Target) -> bool:
    platform = target.platform
    if tag == "any":
        return True
    if platform in _LINUX_ARCH:
        arch = _LINUX_ARCH[platform]
        return tag.startswith(("manylinux", "linux_")) and tag.endswith("_" + arch)
    if platform == "windows-x86_64":
        return tag == "win_amd64"
    match = _MACOS.match(tag)
    if match is None or not platform.startswith("macos"):
        return False
    arches = {"arm64": ("arm64", "universal2"), "x86_64": ("x86_64", "universal2", "intel")}
    if match[3] not in arches[platform.split("-")[1]]:
        return False
    minimum = Version(f"{match[1]}.{match[2]}")
    return target.macos is None or minimum <= target.macos


def macos_minimum(wheel: Wheel) -> Version | None:
    found = [Version(f"{m[1]}.{m[2]}") for t in wheel.platforms if (m := _MACOS.match(t))]
    return min(found) if found else None


@dataclass
class Verdict:
    """Whether a release installs on a target, and if not, the nearest reason why."""

    ok: bool
    reason: str = ""  # "python", "platform", "macos", "requires_python", "yanked", "missing"
    detail: str = ""  # the Requires-Python text, the macOS minimum, the yank reason


# The most telling reason wins: a wheel that fits all but Requires-Python says more than none.
_RANK = {"missing": 0, "python": 1, "platform": 2, "macos": 3, "requires_python": 4, "yanked": 5}


def _nearer(old: Verdict, new: Verdict) -> Verdict:
    return new if _RANK[new.reason] > _RANK[old.reason] else old


@dataclass
class IndexFacts:
    """Files per (source, project), torch pins per (project, version), and PyPI's CUDA runtime
    per torch release. `origin` says where they came from: "index" (read from the indexes
    now or from the on-disk cache) or "bundled" (the snapshot shipped with the assistant)."""

    rows: dict[tuple[str, str], list[Row]]
    pins: dict[str, dict[str, str]] = field(default_factory=dict)  # project → version → pin
    pypi_cuda: dict[str, dict[str, str]] = field(default_factory=dict)  # torch → platform → cuXYZ
    origin: str = "bundled"
    date: str = ""  # when the facts were read from the index (YYYY-MM-DD)
    pages: dict[tuple[str, str], str] = field(default_factory=dict)  # (source, project) → origin

    def __post_init__(self) -> None:
        self._by_version: dict[tuple[str, str], dict[Version, list[Row]]] = {}
        self._variants: dict[tuple[str, str], list[str]] = {}
        # Verdicts asked again and again: the planner plans once per Python it compares.
        self._verdicts: dict[tuple[str, str, Target, str | None], Verdict | None] = {}

    # -- lookups ---------------------------------------------------------------------------

    def knows(self, source: str, project: str) -> bool:
        return bool(self.rows.get((source, project)))

    def _versions(self, source: str, project: str) -> dict[Version, list[Row]]:
        key = (source, project)
        if key not in self._by_version:
            grouped: dict[Version, list[Row]] = defaultdict(list)
            for row in self.rows.get(key, ()):
                parts = row.filename.split("-")
                if len(parts) < 5 or not row.filename.endswith(".whl"):
                    continue  # sdists and odd names: never installed by a binary-only plan
                version = _version(parts[1].split("+")[0])
                if version is not None:
                    grouped[version].append(row)
            self._by_version[key] = dict(grouped)
        return self._by_version[key]

    def versions(self, project: str, source: str = "pypi") -> list[Version]:
        """Versions with at least one wheel that is not yanked, newest first."""
        table = self._versions(source, project)
        live = [v for v, rows in table.items() if any(r.yanked is None for r in rows)]
        return sorted(live, reverse=True)

    def wheels(self, project: str, version: Version | str, source: str) -> list[Wheel]:
        rows = self._versions(source, project).get(Version(str(version)), [])
        return [w for row in rows if (w := parse_wheel(project, row)) is not None]

    def _candidates(self, project: str, version: str, variant: str | None) -> list[Wheel]:
        """The files pip would choose among: PyPI's own build (variant None) or the files of
        PyTorch's index carrying that variant's label (unlabelled files there are the CPU build
        on macOS and on old ARM64 releases)."""
        if variant is None:
            return [w for w in self.wheels(project, version, "pypi") if w.variant is None]
        wheels = self.wheels(project, version, "pytorch")
        labelled = [w for w in wheels if w.variant == variant]
        if variant == "cpu":
            labelled += [w for w in wheels if w.variant is None]
        return labelled

    def installable(
        self, project: str, version: str, target: Target, variant: str | None = None
    ) -> Verdict | None:
        """None when the facts cannot tell (that index was not read); else the verdict."""
        key = (project, version, target, variant)
        if key not in self._verdicts:
            self._verdicts[key] = self._installable(project, version, target, variant)
        return self._verdicts[key]

    def _installable(
        self, project: str, version: str, target: Target, variant: str | None
    ) -> Verdict | None:
        source = "pypi" if variant is None else "pytorch"
        if not self.knows(source, project):
            return None
        wheels = self._candidates(project, version, variant)
        if not wheels:
            return Verdict(False, "missing")
        nearest = Verdict(False, "python")
        for wheel in wheels:
            if not any(python_tag_fits(t, target) for t in wheel.interpreters):
                continue
            if not any(platform_tag_fits(t, target) for t in wheel.platforms):
                any_macos = Target(target.python, target.platform)  # no version: any minimum
                if target.macos is not None and any(
                    platform_tag_fits(t, any_macos) for t in wheel.platforms
                ):
                    verdict = Verdict(False, "macos", str(macos_minimum(wheel)))
                else:
                    verdict = Verdict(False, "platform")
                nearest = _nearer(nearest, verdict)
                continue
            spec = _specifier(wheel.requires_python) if wheel.requires_python else None
            if spec is not None and not spec.contains(target.python, prereleases=True):
                nearest = _nearer(
                    nearest, Verdict(False, "requires_python", wheel.requires_python or "")
                )
                continue
            if wheel.yanked is not None:
                nearest = _nearer(nearest, Verdict(False, "yanked", wheel.yanked))
                continue
            return Verdict(True)
        return nearest

    def on_pypi(self, torch: str, platform: str) -> bool:
        """Whether PyPI lists a torch wheel (its own build) of this release for a platform."""
        probe = Target(Version("3"), platform)
        return any(
            w.variant is None and any(platform_tag_fits(t, probe) for t in w.platforms)
            for w in self.wheels("torch", torch, "pypi")
        )

    def variants(self, torch: str, target_platform: str) -> list[str]:
        """Local labels PyTorch's index has a torch wheel of this release for on a platform."""
        key = (torch, target_platform)
        if key not in self._variants:
            # Asked of every release in a plan: read off the file names, not parsed wheels.
            probe = Target(Version("3"), target_platform)
            found = set()
            rows = self._versions("pytorch", "torch").get(Version(torch), [])
            for row in rows:
                parts = row.filename[: -len(".whl")].split("-")
                label = parts[1].partition("+")[2]
                if label and any(platform_tag_fits(t, probe) for t in parts[-1].split(".")):
                    found.add(label)
            self._variants[key] = sorted(found)
        return list(self._variants[key])

    def python_range(self, torch: str) -> tuple[Version, Version] | None:
        """The oldest and newest CPython (not free-threaded) with a torch wheel of a release."""
        minors = set()
        for source in SOURCES:
            for wheel in self.wheels("torch", torch, source):
                for tag in wheel.interpreters:
                    if re.fullmatch(r"cp3\d+", tag):
                        minors.add(int(tag[3:]))
        if not minors:
            return None
        return Version(f"3.{min(minors)}"), Version(f"3.{max(minors)}")

    def pin(self, project: str, version: str) -> str | None:
        """The torch requirement a torchvision/torchaudio release declares ("==2.13.0",
        ">=2.14.0"; NO_PIN when it names no version), or None when its metadata was not read."""
        return self.pins.get(project, {}).get(version)

    def admits(self, project: str, version: str, torch: str) -> bool | None:
        pin = self.pin(project, version)
        if pin is None:
            return None
        spec = _specifier(pin)
        return spec is None or spec.contains(Version(torch), prereleases=True)

    def paired(self, project: str, torch: str) -> str | None:
        """The companion release for a torch: the newest pinning exactly this torch, else the
        newest whose requirement admits it (torchvision 0.29.2 asks torch>=2.14.0; torchaudio
        2.11 names no version: built on the stable ABI)."""
        exact, ranged = None, None
        for version in self.versions(project):
            pin = self.pin(project, str(version))
            if pin is None or not self.admits(project, str(version), torch):
                continue
            if pin.startswith("==") and exact is None:
                exact = str(version)
            elif not pin.startswith("==") and ranged is None:
                ranged = str(version)
        return exact or ranged

    # -- (de)serialisation: the bundled snapshot ---------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "files": {
                f"{source}/{project}": [_row_out(r) for r in rows]
                for (source, project), rows in sorted(self.rows.items())
            },
            "pins": self.pins,
            "pypi_cuda": self.pypi_cuda,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], origin: str = "bundled") -> IndexFacts:
        rows: dict[tuple[str, str], list[Row]] = {}
        for key, items in data.get("files", {}).items():
            source, project = key.split("/", 1)
            rows[(source, project)] = [_row_in(item) for item in items]
        return cls(
            rows=rows,
            pins={p: dict(v) for p, v in data.get("pins", {}).items()},
            pypi_cuda={t: dict(v) for t, v in data.get("pypi_cuda", {}).items()},
            origin=origin,
            date=str(data.get("date", "")),
            pages={key: origin for key in rows},
        )


def _row_out(row: Row) -> list[Any]:
    out: list[Any] = [row.filename]
    if row.requires_python is not None or row.yanked is not None:
        out.append(row.requires_python)
    if row.yanked is not None:
        out.append(row.yanked)
    return out


def _row_in(item: Any) -> Row:
    if isinstance(item, str):
        return Row(item)
    return Row(*item)


def rows_from_files(files: Iterable[Any]) -> list[Row]:
    """Rows from the index client's IndexFile objects (filename, requires_python, yanked)."""
    return [Row(f.filename, f.requires_python, f.yanked) for f in files]


def torch_requirement(metadata: str) -> str:
    """The torch requirement in a companion's metadata ("==2.13.0", ">=2.14.0"), NO_PIN when it
    names torch without a version or not at all."""
    for value in _headers(metadata, "Requires-Dist"):
        try:
            requirement = _requirement(value)
        except ValueError:
            continue
        if requirement.name == "torch" and "extra" not in str(requirement.marker or ""):
            return str(requirement.specifier)
    return NO_PIN


_CUDA_PACKAGES = re.compile(r"^(nvidia-cuda-runtime(-cu\d+)?|cuda-toolkit)$")


def cuda_runtime(metadata: str, machine: str = "x86_64") -> str | None:
    """cuXYZ of a Linux torch wheel from the CUDA runtime it requires on that machine
    (nvidia-cuda-runtime-cu12==12.8.90 up to 2.10, x86_64 only before 2.11;
    cuda-toolkit[cudart,...]==13.2.2 since); None: a CPU build."""
    environment = {
        "platform_system": "Linux",
        "sys_platform": "linux",
        "platform_machine": machine,
        "python_version": "3.11",
        "python_full_version": "3.11.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "extra": "",
    }
    for value in _headers(metadata, "Requires-Dist"):
        try:
            requirement = _requirement(value)
        except ValueError:
            continue
        if not _CUDA_PACKAGES.match(requirement.name):
            continue
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        pinned = [spec.version for spec in requirement.specifier if spec.operator == "=="]
        version = _version(pinned[0]) if pinned else None
        if version is not None:
            return f"cu{version.major}{version.minor}"
    return None


def _requirement(text: str) -> Any:
    # packaging.requirements costs ~20 ms to import: only metadata readers (new releases, the
    # refresh tool) need it, never an offline plan.
    from packaging.requirements import Requirement

    return Requirement(text)


def _headers(metadata: str, wanted: str) -> list[str]:
    out = []
    for line in metadata.split("\n\n", 1)[0].splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == wanted.lower():
            out.append(value.strip())
    return out
