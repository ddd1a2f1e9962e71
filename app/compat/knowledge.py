"""The compatibility knowledge in resources/compat/, loaded once and asked in plain terms.

Data, not code: which PyTorch release has which wheels, which GPU architectures each wheel
carries, which driver each CUDA major needs, which GPU has which compute capability. Every row
there names its source; this module only reads it.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

from app.compat.index_facts import IndexFacts
from app.errors import StepError
from app.paths import resources_dir
from app.text import translate

PYPI_SIMPLE = "https://pypi.org/simple"


def compat_dir() -> Path:
    return resources_dir() / "compat"


class KnowledgeError(StepError):
    """A bundled data file is missing or damaged: the installation itself is broken."""


@functools.cache
def resource(name: str) -> dict[str, Any]:
    """resources/compat/NAME.json, read once per process and checked: the one loader of the
    bundled knowledge (the planner's tables and the steps' facts alike). Read-only: the same
    dict is handed to every caller."""
    path = compat_dir() / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        data, why = None, f"{exc.__class__.__name__}: {exc}"
    else:
        expected = f"pytorch-setup/compat-{name.replace('_', '-')}/"
        schema = data.get("schema") if isinstance(data, dict) else None
        why = f"its schema is {schema!r}, not {expected}N"
        if isinstance(schema, str) and schema.startswith(expected):
            return data
    raise KnowledgeError(
        translate(
            "errors",
            "The bundled data file {path} is missing or damaged ({why}): reinstall the assistant.",
        ).format(path=path, why=why)
    )


_load = resource  # the planner's name for it


def release_label(version: str, labels: dict[str, str]) -> str | None:
    """A full release label ('12.6.3', '9.13.0') as given; a short one ('12.6') → the label the
    data knows for it; None when it knows none (the caller says so in its own words)."""
    if re.fullmatch(r"\d+\.\d+\.\d+", version):
        return version
    return labels.get(version)


def parse_version(text: str | None) -> Version | None:
    try:
        return Version(str(text)) if text not in (None, "") else None
    except InvalidVersion:
        return None


def platform_key(os_family: str, arch: str) -> str | None:
    """The wheel platform: linux-x86_64, linux-aarch64, windows-x86_64, macos-arm64, ..."""
    # The profile spells 64-bit ARM "aarch64" on Linux and "arm64" elsewhere; accept either.
    if arch in ("arm64", "aarch64"):
        arch = "aarch64" if os_family == "linux" else "arm64"
    key = f"{os_family}-{arch}"
    known = {"linux-x86_64", "linux-aarch64", "windows-x86_64", "macos-arm64", "macos-x86_64"}
    return key if key in known else None


def cuda_of(variant: str) -> Version | None:
    """cu126 → 12.6, cu118 → 11.8, cu102 → 10.2; None for cpu/rocm/xpu/mps."""
    match = re.fullmatch(r"cu(\d+)(\d)", variant)
    return Version(f"{match.group(1)}.{match.group(2)}") if match else None


@dataclass(frozen=True)
class Release:
    """One installable torch version (a patch release) with its series' facts."""

    torch: Version
    series: dict[str, Any]
    # What the indexes list (None: bundled data only); a release they list that the bundled
    # data does not know is planned from them alone (from_index).
    index: IndexFacts | None = field(default=None, compare=False, repr=False)
    from_index: bool = False

    @property
    def version(self) -> str:
        return str(self.torch)

    @property
    def name(self) -> str:
        return self.series["series"]

    def pairs(self) -> dict[str, str]:
        return self.series["patches"][self.version]

    def override(self) -> dict[str, Any]:
        return self.series.get("patch_overrides", {}).get(self.version, {})

    def python_range(self) -> tuple[Version, Version]:
        python = self.series["python"]
        return Version(python["min"]), Version(self.override().get("python_max", python["max"]))

    def supports_python(self, python: Version) -> bool:
        low, high = self.python_range()
        return low <= Version(f"{python.major}.{python.minor}") <= high

    def variants(self, platform: str) -> list[str]:
        """CUDA variants newest first, then cpu; empty when there are no wheels at all."""
        base = list(self.series["variants"].get(platform, []))
        pypi = self.pypi_variant(platform)
        if not base and pypi:
            base = [pypi]  # the index has PyPI's own build
        listed = self.index.variants(self.version, platform) if self.index else []
        if listed and not self.from_index:
            # PyTorch's index was read: a variant it does not list for this release is gone.
            base = [v for v in base if v in listed or v == pypi]
        extra = [v for v in self.override().get("extra_variants", []) if base]
        versions = {v: version for v in base + extra if (version := cuda_of(v))}
        cuda = sorted(versions, key=versions.__getitem__, reverse=True)
        return cuda + [v for v in base if v == "cpu"]

    def pypi_variant(self, platform: str) -> str | None:
        known = self.series["pypi"].get(platform)
        if known or self.index is None or not self.index.knows("pypi", "torch"):
            return known
        # The bundled data has no wheels here, but PyPI lists some (macOS arm64 1.9-1.11):
        # PyPI's build off Linux is the CPU one.
        if platform.startswith("linux") or not self.index.on_pypi(self.version, platform):
            return None
        return "cpu"

    @property
    def stable_variant(self) -> str | None:
        """The release's stable CUDA variant: the one PyPI serves on Linux x86_64."""
        return self.series["pypi"].get("linux-x86_64")

    def rocm(self, platform: str = "linux-x86_64") -> list[str]:
        """ROCm variants, newest first: Linux x86_64 only. A series whose builds on PyTorch's
        index are unknown knows none (as with its CUDA builds); when that index was read, a
        variant it does not list for this release is gone."""
        if platform != "linux-x86_64" or not self.variants_known:
            return []
        return [v for v in self.series.get("rocm", []) if self.listed(v, platform)]

    def xpu(self, platform: str) -> bool:
        """Whether the release has an XPU (Intel GPU) build on this platform."""
        return (
            self.variants_known
            and platform in self.series.get("xpu", [])
            and self.listed("xpu", platform)
        )

    def listed(self, variant: str, platform: str) -> bool:
        """False only when PyTorch's index was read for this release and lacks the variant."""
        listed = self.index.variants(self.version, platform) if self.index else []
        return not listed or self.from_index or variant in listed

    @property
    def variants_known(self) -> bool:
        """False for a release read from PyPI alone: PyTorch's own index (its CUDA builds) was
        not read, so only PyPI's build and the CPU one are known."""
        return bool(self.series.get("variants_known", True))

    @property
    def index_form(self) -> str:
        return self.series["index_form"]

    @property
    def lts(self) -> bool:
        return bool(self.override().get("lts"))


class Knowledge:
    """Questions the planner asks of the data: the bundled tables, with what the package
    indexes list (`facts`) deciding which releases and wheels exist."""

    def __init__(self, facts: IndexFacts | None = None) -> None:
        from app.compat.index_releases import index_only_releases

        self.releases_data = _load("releases")
        self.archs_data = _load("wheel_archs")
        self.drivers_data = _load("drivers")
        self.gpus_data = _load("gpus")
        self.facts = facts
        bundled = [
            Release(Version(patch), series, facts)
            for series in self.releases_data["series"]
            for patch in series["patches"]
        ]
        extra = index_only_releases(facts, bundled) if facts is not None else []
        self.all_releases = sorted(bundled + extra, key=lambda r: r.torch, reverse=True)
        self._gpu_patterns = [
            (re.compile(row["pattern"], re.IGNORECASE), row) for row in self.gpus_data["gpus"]
        ]

    # -- releases --------------------------------------------------------------------------

    def find(self, torch: str) -> list[Release]:
        """Releases matching a user's --torch: an exact patch ("2.5.1") or a series ("2.5").

        LTS releases (1.8.2) live on an index of their own that the assistant does not plan
        for, so they are never found.
        """
        wanted = torch.split("+")[0].strip()
        usable = [r for r in self.all_releases if not r.lts]
        exact = [r for r in usable if r.version == wanted]
        if exact:
            return exact
        return [r for r in usable if r.name == wanted]

    def is_lts(self, torch: str) -> bool:
        return any(r.lts and r.version == torch.split("+")[0].strip() for r in self.all_releases)

    def newest_patches(self) -> list[Release]:
        """The newest patch of every series, newest first (what the planner offers by default;
        the 1.8.2 LTS with its own index is never picked automatically)."""
        seen, out = set(), []
        for release in self.all_releases:
            if release.name not in seen and not release.lts:
                seen.add(release.name)
                out.append(release)
        return out

    @property
    def conda_channel_last(self) -> Version:
        return Version(self.releases_data["conda_channel_last"])

    @property
    def torchaudio_last(self) -> str:
        bundled = self.releases_data["torchaudio_last"]
        listed = self.facts.versions("torchaudio") if self.facts else []
        return str(max([Version(bundled), *listed]))

    def companion_admits(self, project: str, version: str, torch: str) -> bool | None:
        """Whether a torchvision/torchaudio release's torch requirement admits this torch
        (None: its metadata was not read)."""
        return self.facts.admits(project, version, torch) if self.facts else None

    def index_url(self, variant: str) -> str:
        return self.releases_data["index_url"].format(variant=variant)

    @property
    def find_links_url(self) -> str:
        return self.releases_data["find_links_url"]

    # -- GPUs ------------------------------------------------------------------------------

    def wheel_archs(
        self, platform: str, release: Release, variant: str
    ) -> tuple[list[Version], list[Version]] | None:
        """(cubins, ptx) compiled into that wheel, or None when the data does not say."""
        for row in self.archs_data["wheels"]:
            if (
                row["platform"] == platform
                and release.name in row["series"]
                and variant in row["variants"]
            ):
                return [Version(v) for v in row["sm"]], [Version(v) for v in row["ptx"]]
        return None

    def gpu_capability(self, name: str) -> str | None:
        for pattern, row in self._gpu_patterns:
            if pattern.search(name):
                return row["compute_capability"]
        return None

    def architecture(self, capability: Version) -> str | None:
        for row in self.gpus_data.get("architectures", []):
            if Version(row["cc_min"]) <= capability <= Version(row["cc_max"]):
                return row["name"]
        return None

    # -- AMD, Intel and Apple GPUs ----------------------------------------------------------

    @property
    def accelerators(self) -> dict[str, Any]:
        """resources/compat/accelerators.json: read when a plan meets a GPU other than NVIDIA's."""
        return _load("accelerators")

    def rocm_targets(self, variant: str) -> list[str] | None:
        """The gfx targets a ROCm build carries kernels for; None when the data does not say."""
        row = self.accelerators["rocm"]["targets"].get(variant)
        return list(row["gfx"]) if row else None

    def rocm_override(self, gfx: str) -> dict[str, Any] | None:
        """The HSA_OVERRIDE_GFX_VERSION row of a gfx target outside the builds, if reported."""
        row: dict[str, Any] | None = self.accelerators["rocm"]["overrides"].get(gfx)
        return row

    # -- drivers ---------------------------------------------------------------------------

    def driver_minimum(self, cuda: Version, os_family: str) -> str | None:
        """The oldest driver that runs a wheel built with this CUDA (minor-version compat)."""
        column = "windows" if os_family == "windows" else "linux"
        for row in self.drivers_data["minor_version_minimums"]:
            if Version(row["cuda_min"]) <= cuda <= Version(row["cuda_max"]):
                return row.get(column) or row.get("linux")
        return None

    @property
    def driver_download_page(self) -> str:
        return self.drivers_data.get("download_page", "https://www.nvidia.com/Download/index.aspx")


def rocm_of(variant: str) -> Version | None:
    """rocm6.2.4 → 6.2.4, rocm7.2 → 7.2; None for any other variant."""
    match = re.fullmatch(r"rocm(\d+(?:\.\d+){1,2})", variant)
    return Version(match.group(1)) if match else None


GFX_NAME = re.compile(r"gfx(\d{1,2})([0-9a-f])([0-9a-f])")


def gfx_of_override(value: str) -> str | None:
    """HSA_OVERRIDE_GFX_VERSION's major.minor.stepping → the gfx target it stands for:
    10.3.0 → gfx1030, 11.0.0 → gfx1100, 9.0.10 → gfx90a (minor and stepping in hex)."""
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{1,2})", value)
    if not match or int(match.group(2)) > 15 or int(match.group(3)) > 15:
        return None
    major, minor, stepping = (int(part) for part in match.groups())
    return f"gfx{major}{minor:x}{stepping:x}"


def override_failure(row: dict[str, Any]) -> str:
    """Why HSA_OVERRIDE_GFX_VERSION does not help a gfx (an overrides row with works: false),
    in the reader's language; the row's "why" stays the data's own note on its source."""
    value = row.get("value") or ""
    texts = {
        "hangs": translate("plan", "programs hang with HSA_OVERRIDE_GFX_VERSION={value}"),
        "invalid_isa": translate(
            "plan", "HSA_OVERRIDE_GFX_VERSION={value} fails with HSA_STATUS_ERROR_INVALID_ISA"
        ),
    }
    text = texts.get(str(row.get("problem")))
    if text is None:
        return translate("plan", "no override value works with PyTorch's builds")
    return text.format(value=value)


def runs_on(capability: Version, cubins: list[Version], ptx: list[Version]) -> str | None:
    """'cubin' when a compiled kernel set runs natively on this GPU, 'ptx' when only the JIT
    path does, None when the wheel has nothing for it.

    An sm_XY cubin runs on X.Y up to X.9 (same major, minor at least Y); PTX runs on any
    capability at least its own.
    """
    if any(c.major == capability.major and c.minor <= capability.minor for c in cubins):
        return "cubin"
    if any(p <= capability for p in ptx):
        return "ptx"
    return None


_BY_FACTS: dict[int, tuple[IndexFacts, Knowledge]] = {}


def knowledge(facts: IndexFacts | None = None) -> Knowledge:
    """The knowledge over these index facts (default: the bundled snapshot), built once each."""
    if facts is None:
        from app.compat.sources import current_facts

        facts = current_facts()
    held = _BY_FACTS.get(id(facts))
    if held is None or held[0] is not facts:
        if len(_BY_FACTS) > 4:
            _BY_FACTS.clear()
        held = _BY_FACTS[id(facts)] = (facts, Knowledge(facts))
    return held[1]


def newest_torch_for(python: str) -> str | None:
    """The newest PyTorch with wheels for this Python version ("3.13.1"), or None."""
    wanted = parse_version(python)
    if wanted is None:
        return None
    major_minor = Version(f"{wanted.major}.{wanted.minor}")
    for release in knowledge().newest_patches():
        if release.supports_python(major_minor):
            return release.version
    return None
