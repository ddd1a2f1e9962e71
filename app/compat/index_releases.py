"""Releases the package indexes list that the bundled data does not know yet: a new patch of
a known series inherits that series' facts; a new series is built from the indexes alone (Python
range from the wheel tags, PyPI's build from its CUDA runtime, the CUDA, ROCm and XPU builds from
PyTorch's index, companions from their torch pins). tools/refresh_compat.py writes the same rows
into resources/compat/releases.json.
"""

from __future__ import annotations

import copy
from typing import Any

from packaging.version import Version

from app.compat.index_facts import IndexFacts
from app.compat.knowledge import Release, cuda_of, rocm_of

PLATFORMS = ("linux-x86_64", "linux-aarch64", "windows-x86_64", "macos-arm64", "macos-x86_64")
OLDEST = Version("2.0")  # older releases the bundled data leaves out are left out on purpose


def index_only_releases(facts: IndexFacts, bundled: list[Release]) -> list[Release]:
    known = {r.version for r in bundled}
    newest = max(bundled, key=lambda r: r.torch)
    by_name = {r.name: r.series for r in sorted(bundled, key=lambda r: r.torch)}
    listed = set(facts.versions("torch", "pypi")) | set(facts.versions("torch", "pytorch"))
    out = []
    for version in sorted(listed):
        if str(version) in known or version < OLDEST or version.is_prerelease:
            continue
        name = f"{version.major}.{version.minor}"
        if name in by_name:
            series = copy.deepcopy(by_name[name])
            series["patches"][str(version)] = companions(facts, str(version), series)
        elif version > newest.torch:
            series = series_from_index(facts, str(version), newest.series)
        else:
            continue
        by_name[name] = series
        out.append(Release(version, series, facts, from_index=True))
    return out


def companions(
    facts: IndexFacts, torch: str, series: dict[str, Any] | None = None
) -> dict[str, str]:
    """torchvision/torchaudio for a torch release, from the torch requirement in their
    metadata; the series' own torchaudio when the indexes did not tell."""
    pairs = {}
    for project in ("torchvision", "torchaudio"):
        paired = facts.paired(project, torch)
        if paired is None and series:
            first: dict[str, str] = next(iter(series["patches"].values()), {})
            paired = first.get(project) if project == "torchaudio" else None
        if paired:
            pairs[project] = paired
    return pairs


def series_from_index(facts: IndexFacts, torch: str, previous: dict[str, Any]) -> dict[str, Any]:
    version = Version(torch)
    python = facts.python_range(torch)
    pypi: dict[str, str] = {}
    variants: dict[str, list[str]] = {}
    from_pytorch = False
    for platform in PLATFORMS:
        if facts.on_pypi(torch, platform):
            if platform.startswith("linux"):
                known = facts.pypi_cuda.get(torch, {}).get(platform)
                inherited = previous["pypi"].get(platform)
                pypi[platform] = known or inherited or "cpu"
            else:
                pypi[platform] = "cpu"
        labels = facts.variants(torch, platform)
        cuda = sorted((v for v in labels if cuda_of(v)), key=lambda v: cuda_of(v) or version)
        if labels:
            from_pytorch = True
            variants[platform] = cuda[::-1] + ["cpu"] * ("cpu" in labels)
        elif platform in pypi:
            # PyTorch's index was not read: PyPI's build is known, and the CPU build that
            # PyTorch's own index has carried for every release since 1.0 (pip confirms it).
            variants[platform] = list(dict.fromkeys([pypi[platform], "cpu"]))
    # ROCm and XPU builds as PyTorch's index lists them; none known when it was not read.
    rocm = [v for v in facts.variants(torch, "linux-x86_64") if rocm_of(v)]
    xpu = [p for p in PLATFORMS if "xpu" in facts.variants(torch, p)]
    low, high = python or (Version(previous["python"]["min"]), Version(previous["python"]["max"]))
    return {
        "series": f"{version.major}.{version.minor}",
        "python": {"min": str(low), "max": str(high)},
        "patches": {torch: companions(facts, torch)},
        "variants": variants,
        "pypi": pypi,
        "rocm": sorted(rocm, key=lambda v: rocm_of(v) or version, reverse=True),
        "xpu": xpu,
        "index_form": "index-url",
        "conda": None,
        "status": "index",
        "variants_known": from_pytorch,
        "source": ["INDEX"],
        "note": f"read from the package indexes on {facts.date or 'an unknown date'}",
    }
