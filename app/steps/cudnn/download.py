"""Fetching a cuDNN archive from NVIDIA's redist folder, found and verified by its manifest.

redistrib_<label>.json: component "cudnn" → platform → "cuda12"/"cuda13" → {relative_path,
sha256, md5, size}. Some manifests put the artifact directly under the platform and list the CUDA
majors in "cuda_variant"; both shapes are read. An unsafe path or a missing sha256 is refused.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from app.compat.knowledge import release_label, resource
from app.events import CancelToken, Reporter
from app.steps.cache import downloads_dir
from app.steps.cudnn.archive import CudnnError
from app.steps.download import Download, DownloadError, download, fetch_text
from app.steps.toolkit import safe_relative
from app.text import translate


@dataclass
class CudnnArtifact:
    label: str  # '9.13.0'
    version: str  # '9.13.0.50'
    cuda_major: int
    url: str
    sha256: str
    size: int
    from_mirror: bool

    @property
    def file_name(self) -> str:
        return PurePosixPath(self.url).name


def facts() -> dict:
    return resource("cudnn_redist")


def resolve_label(version: str) -> str:
    """'9.13' → the release label known for it; a full label ('9.13.0') as given."""
    label = release_label(version, facts()["labels"])
    if label is None:
        known = ", ".join(facts()["labels"])
        raise CudnnError(
            translate(
                "errors",
                "No cuDNN {version} release is known (known: {known}); give a full "
                "release label such as 9.13.0.",
            ).format(version=version, known=known)
        )
    return label


def parse_manifest(manifest: dict, cuda_major: int, platform: str) -> dict:
    """The cudnn artifact {relative_path, sha256, size, version} for this CUDA major, platform."""
    redist = facts()["platforms"].get(platform)
    if redist is None:
        raise CudnnError(
            translate("errors", "NVIDIA publishes no cuDNN archives for {platform}.").format(
                platform=platform
            )
        )
    component = manifest.get("cudnn")
    if not isinstance(component, dict) or not isinstance(component.get(redist), dict):
        raise CudnnError(
            translate(
                "errors", "This cuDNN release has no build for {platform}: choose another one."
            ).format(platform=platform)
        )
    by_platform = component[redist]
    variants = [str(v) for v in component.get("cuda_variant", [])]
    if "relative_path" in by_platform:  # the artifact itself; the CUDA major is in its name
        named = re.search(r"_cuda(\d+)", str(by_platform["relative_path"]))
        built_for = [named.group(1)] if named else variants
        artifact = by_platform if str(cuda_major) in built_for else None
        offered = built_for
    else:
        artifact = by_platform.get(f"cuda{cuda_major}")
        offered = [k.removeprefix("cuda") for k in by_platform if k.startswith("cuda")]
    if not isinstance(artifact, dict):
        raise CudnnError(
            translate(
                "errors",
                "cuDNN {get} has no build for CUDA {cuda_major} on {platform} (it "
                "has: CUDA {value}): choose another release.",
            ).format(
                get=component.get("version", ""),
                cuda_major=cuda_major,
                platform=platform,
                value=", ".join(offered) or "none",
            )
        )
    relative = str(artifact.get("relative_path", ""))
    sha256 = str(artifact.get("sha256", "")).lower()
    if not safe_relative(relative):
        raise CudnnError(
            translate(
                "errors", "The cuDNN manifest's path is unsafe ({relative}): it is refused."
            ).format(relative=repr(relative))
        )
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise CudnnError(
            translate(
                "errors", "The cuDNN manifest gives no sha256 for the archive: it is refused."
            )
        )
    try:
        size = int(artifact.get("size", ""))
    except ValueError:
        raise CudnnError(
            translate("errors", "The cuDNN manifest gives no size for the archive: it is refused.")
        ) from None
    return {
        "relative_path": relative,
        "sha256": sha256,
        "size": size,
        "version": str(component.get("version", "")),
    }


def toolkit_major(toolkit: str | Path) -> int:
    """The CUDA major of a toolkit folder (its version.json or nvcc), which picks the cuDNN
    build to download; CudnnError when the folder is no CUDA toolkit."""
    from app.scan import ScanContext
    from app.scan.toolkits import nvcc_in, toolkit_version

    root = Path(toolkit)
    found = toolkit_version(root, nvcc_in(root), ScanContext(timeout=5.0))
    if not found:
        raise CudnnError(
            translate("errors", "{toolkit} is not a CUDA toolkit (no version found in it).").format(
                toolkit=toolkit
            )
        )
    return int(found.split(".")[0])


def prepare_download(
    version_label: str, cuda_major: int, platform: str, *, mirror: str | None = None
) -> CudnnArtifact:
    """Read the release's manifest: the archive's URL, size and sha256 (the page shows them)."""
    label = resolve_label(version_label)
    base = (mirror.rstrip("/") + "/") if mirror else facts()["base_url"]
    url = base + facts()["manifest"].format(label=label)
    try:
        manifest = json.loads(fetch_text(url, allow_http=mirror is not None))
    except ValueError:
        raise CudnnError(
            translate("errors", "{url} is not a cuDNN manifest (not JSON).").format(url=url)
        ) from None
    except DownloadError as error:  # its own words, template kept (shown in any language)
        raise CudnnError(error.args[0] if error.args else str(error)) from None
    if not isinstance(manifest, dict):
        raise CudnnError(translate("errors", "{url} is not a cuDNN manifest.").format(url=url))
    found = parse_manifest(manifest, int(cuda_major), platform)
    return CudnnArtifact(
        label,
        found["version"],
        int(cuda_major),
        base + found["relative_path"],
        found["sha256"],
        found["size"],
        mirror is not None,
    )


def download_cudnn(
    version_label: str,
    cuda_major: int,
    platform: str,
    reporter: Reporter,
    cancel: CancelToken,
    *,
    mirror: str | None = None,
    artifact: CudnnArtifact | None = None,
) -> Path:
    """Download (resumable) and verify the archive into the cache; returns its path."""
    artifact = artifact or prepare_download(version_label, cuda_major, platform, mirror=mirror)
    folder = downloads_dir() / "cudnn" / artifact.label
    folder.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(folder).free
    if free < artifact.size:
        raise CudnnError(
            translate(
                "errors",
                "Not enough free space in {folder}: {value} GB needed, {value2} GB "
                "free. Free some space first.",
            ).format(
                folder=folder,
                value=format(artifact.size / 1e9, ".2f"),
                value2=format(free / 1e9, ".2f"),
            )
        )
    reporter.log(
        f"cuDNN {artifact.version} for CUDA {artifact.cuda_major}: {artifact.size / 1e6:.0f} MB"
    )
    item = Download(artifact.url, folder / artifact.file_name, artifact.sha256, artifact.size)
    try:
        return download(item, reporter, cancel, allow_http=artifact.from_mirror)
    except DownloadError as error:  # its own words, template kept (shown in any language)
        raise CudnnError(error.args[0] if error.args else str(error)) from None
