"""A loopback copy of NVIDIA's cuDNN redist folder: the real redistrib_<label>.json (from
tests/fixtures/nvidia-redist/cudnn), its entry for one platform and CUDA major pointing at an
archive built here (its own sha256 and size), served at the manifest's own relative path."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "nvidia-redist" / "cudnn"


def real_manifest(label: str = "9.13.0") -> dict:
    return json.loads((FIXTURES / f"redistrib_{label}.json").read_text("utf-8"))


def redist_tree(
    archive: bytes, redist_platform: str, cuda_major: int, label: str = "9.13.0"
) -> tuple[dict[str, bytes], str]:
    """(path → body as the mirror serves it, the archive's path). redist_platform is the
    manifest's name ('linux-x86_64', 'linux-sbsa', 'windows-x86_64')."""
    manifest = copy.deepcopy(real_manifest(label))
    artifact = manifest["cudnn"][redist_platform][f"cuda{cuda_major}"]
    artifact["sha256"] = hashlib.sha256(archive).hexdigest()
    artifact["md5"] = hashlib.md5(archive).hexdigest()
    artifact["size"] = str(len(archive))
    path = artifact["relative_path"]
    return {f"redistrib_{label}.json": json.dumps(manifest, indent=4).encode(), path: archive}, path
