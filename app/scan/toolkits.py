"""CUDA toolkits (where, which version, nvcc) and cuDNN headers."""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app import proc
from app.paths import read_text
from app.profile import CuDNN, Toolkit
from app.versions import cuda_version_from_int, version_key

_NVCC_RELEASE = re.compile(r"release\s+(\d+\.\d+)\s*,\s*V(\d+(?:\.\d+)+)")
_NVCC_BUILD = re.compile(r"Build\s+cuda_(\d+\.\d+)\.r")
_CUDA_H = re.compile(r"#define\s+CUDA_VERSION\s+(\d+)")


def parse_nvcc_version(text: str) -> tuple[str, str | None] | None:
    """'Cuda compilation tools, release 12.8, V12.8.61' → ('12.8', '12.8.61')."""
    match = _NVCC_RELEASE.search(text)
    if match:
        return match.group(1), match.group(2)
    match = _NVCC_BUILD.search(text)
    return (match.group(1), None) if match else None


def parse_version_txt(text: str) -> tuple[str, str] | None:
    """Toolkits up to 11.0 carry version.txt: 'CUDA Version 10.2.89'."""
    match = re.search(r"CUDA Version\s+(\d+)\.(\d+)((?:\.\d+)*)", text)
    if not match:
        return None
    short = f"{match.group(1)}.{match.group(2)}"
    return short, short + match.group(3)


def parse_version_json(text: str) -> tuple[str, str] | None:
    """Installer-made toolkits (11.1+) carry version.json: {"cuda": {"version": "12.6.3"}}."""
    try:
        full = json.loads(text)["cuda"]["version"]
    except (ValueError, KeyError, TypeError):
        return None
    parts = str(full).split(".")
    return (".".join(parts[:2]), str(full)) if len(parts) >= 2 else None


def parse_cudnn_header(text: str) -> str | None:
    """cudnn_version.h (8+) or cudnn.h (older) hold CUDNN_MAJOR, _MINOR, _PATCHLEVEL."""
    values = {}
    for key in ("MAJOR", "MINOR", "PATCHLEVEL"):
        match = re.search(rf"#define\s+CUDNN_{key}\s+(\d+)", text)
        if not match:
            return None
        values[key] = match.group(1)
    return f"{values['MAJOR']}.{values['MINOR']}.{values['PATCHLEVEL']}"


def nvcc_in(root: Path) -> Path | None:
    nvcc = root / "bin" / ("nvcc.exe" if os.name == "nt" else "nvcc")
    return nvcc if nvcc.is_file() else None


def looks_like_toolkit(root: Path) -> bool:
    """A toolkit root has its version file or CUDA headers; a bare bin/nvcc is not enough
    (/usr/local/bin/nvcc may be a wrapper script, which would make /usr/local a "toolkit")."""
    return any(
        (root / name).is_file()
        for name in ("version.json", "version.txt", "include/cuda.h", "include/cuda_runtime.h")
    )


def standard_locations(environ: Mapping[str, str]) -> tuple[str, ...]:
    if os.name == "nt":
        program_files = environ.get("PROGRAMFILES", r"C:\Program Files")
        return (os.path.join(program_files, "NVIDIA GPU Computing Toolkit", "CUDA", "v*"),)
    return ("/usr/local/cuda", "/usr/local/cuda-*", "/opt/cuda", "/opt/cuda-*")


def candidate_roots(
    environ: Mapping[str, str], locations: tuple[str, ...] | None = None
) -> list[tuple[Path, str]]:
    """(folder, how it was found), in the order a user would name them."""
    found: list[tuple[Path, str]] = []
    for var in sorted(environ):
        named = var in ("CUDA_PATH", "CUDA_HOME", "CUDA_ROOT")
        if (named or re.fullmatch(r"CUDA_PATH_V\d+_\d+", var)) and environ[var].strip():
            found.append((Path(environ[var].strip().strip('"')), var))
    nvcc = shutil.which("nvcc", path=environ.get("PATH", ""))
    if nvcc:
        for candidate in (Path(nvcc), Path(os.path.realpath(nvcc))):
            if candidate.parent.name == "bin" and looks_like_toolkit(candidate.parent.parent):
                found.append((candidate.parent.parent, "PATH"))
                break
    if locations is None:
        locations = standard_locations(environ)
    for pattern in locations:
        found += [(Path(p), "standard location") for p in sorted(glob.glob(pattern))]
    return found


def toolkit_version(
    root: Path, nvcc: Path | None = None, ctx: Any = None, *, from_name: bool = False
) -> str | None:
    """The CUDA version of the toolkit at root, as precisely as it is known: '12.6.3', or
    '12.6' where only that is known (short_version() gives '12.6' of either); None: unknown.

    Read from version.json or version.txt; then `nvcc --version` where nvcc is given (ctx: a
    ScanContext for its timeout, cancel and environment; a default one without it); then cuda.h
    (include/ or targets/*/include/); then, with from_name, the folder's name ('cuda-11.8',
    'v12.6'). The one reader of a toolkit's version: the scan, the cuDNN step (CLI and page) and
    the PATH step all call it."""
    for name, parse in (("version.json", parse_version_json), ("version.txt", parse_version_txt)):
        text = read_text(root / name)
        parsed = parse(text) if text else None
        if parsed:
            return parsed[1] or parsed[0]
    if nvcc is not None:
        if ctx is None:
            from app.scan import ScanContext

            ctx = ScanContext(timeout=5.0)
        try:
            result = proc.run(
                [nvcc, "--version"],
                timeout=min(5.0, ctx.timeout),
                cancel=ctx.cancel,
                env=proc.child_env(ctx.environ),  # Windows: rebuilt from the registry
            )
        except proc.ProcError as exc:
            ctx.note("toolkits", "warning", f"{nvcc} could not run: {exc}")
        else:
            parsed_nvcc = parse_nvcc_version(result.output)
            if parsed_nvcc:
                return parsed_nvcc[1] or parsed_nvcc[0]
    headers = [root / "include" / "cuda.h", *sorted(root.glob("targets/*/include/cuda.h"))]
    for header in headers:
        match = _CUDA_H.search(read_text(header) or "")
        if match:  # 13000 → 13.0; the patch level is not in the header
            return cuda_version_from_int(int(match.group(1)))
    if from_name:
        match = re.search(r"(?:^|[^\d.])v?(\d{1,2})\.(\d{1,2})$", root.name)
        if match:
            return f"{match.group(1)}.{match.group(2)}"
    return None


def short_version(version: str | None) -> str | None:
    """'12.6.3' → '12.6'; '12.6' as it is; None stays None."""
    return ".".join(version.split(".")[:2]) if version else None


def find_toolkits(ctx: Any) -> list[Toolkit]:
    by_real: dict[str, Toolkit] = {}
    for root, how in candidate_roots(ctx.environ, ctx.toolkit_locations):
        if not root.is_dir() or not looks_like_toolkit(root):
            continue
        label = str(root) if how == "standard location" else how
        known = by_real.get(os.path.normcase(os.path.realpath(root)))
        if known is None:
            known = _toolkit_at(root, ctx)
            if known is None:
                continue
            by_real[os.path.normcase(os.path.realpath(root))] = known
        if label != known.path and label not in known.found_by:
            known.found_by.append(label)
    toolkits = sorted(
        by_real.values(), key=lambda t: version_key(t.full_version or t.version), reverse=True
    )
    _attribute_path_nvcc(toolkits, ctx)
    return toolkits


def _toolkit_at(root: Path, ctx: Any) -> Toolkit | None:
    # Show the versioned folder (/usr/local/cuda-13.0) rather than an alias symlink.
    shown = Path(os.path.realpath(root)) if root.is_symlink() else root
    nvcc = nvcc_in(shown)
    version = toolkit_version(shown, nvcc, ctx)
    if version is None:
        ctx.note("toolkits", "warning", f"{root} looks like a CUDA toolkit of unknown version")
        return None
    full = version if version.count(".") >= 2 else None  # a patch level is known
    return Toolkit(short_version(version) or version, str(shown), full, str(nvcc) if nvcc else None)


def _attribute_path_nvcc(toolkits: list[Toolkit], ctx: Any) -> None:
    """An nvcc on PATH outside any toolkit folder (a wrapper script, a distro package)."""
    nvcc = shutil.which("nvcc", path=ctx.environ.get("PATH", ""))
    if not nvcc or any("PATH" in t.found_by for t in toolkits):
        return
    try:
        result = proc.run(
            [nvcc, "--version"],
            timeout=min(5.0, ctx.timeout),
            cancel=ctx.cancel,
            env=proc.child_env(ctx.environ),
        )
    except proc.ProcError as exc:
        ctx.note("toolkits", "warning", f"nvcc on PATH ({nvcc}) could not run: {exc}")
        return
    parsed = parse_nvcc_version(result.output)
    if parsed is None:
        ctx.note("toolkits", "warning", f"nvcc on PATH ({nvcc}) gave no version")
        return
    for toolkit in toolkits:
        same_patch = not parsed[1] or toolkit.full_version in (None, parsed[1])
        if toolkit.version == parsed[0] and same_patch:
            toolkit.found_by.append(f"PATH ({nvcc})")
            return
    toolkits.append(Toolkit(parsed[0], str(Path(nvcc).parent), parsed[1], nvcc, ["PATH"]))


def cudnn_header_dirs(
    toolkits: list[Toolkit], environ: Mapping[str, str]
) -> list[tuple[Path, str | None]]:
    dirs: list[tuple[Path, str | None]] = [(Path(t.path) / "include", t.path) for t in toolkits]
    if os.name == "nt":
        # NVIDIA's cuDNN 9 installer: Program Files\NVIDIA\CUDNN\v9.x\include\12.x\
        program_files = environ.get("PROGRAMFILES", r"C:\Program Files")
        pattern = os.path.join(program_files, "NVIDIA", "CUDNN", "v*", "include", "*")
        dirs += [(Path(p), None) for p in sorted(glob.glob(pattern)) if os.path.isdir(p)]
    else:
        dirs += [(Path("/usr/include"), None)]
        dirs += [(Path(p), None) for p in sorted(glob.glob("/usr/include/*-linux-gnu"))]
    return dirs


def find_cudnn(toolkits: list[Toolkit], environ: Mapping[str, str]) -> list[CuDNN]:
    found: dict[str, CuDNN] = {}
    for folder, toolkit in cudnn_header_dirs(toolkits, environ):
        for name in ("cudnn_version.h", "cudnn.h"):
            header = folder / name
            text = read_text(header) if header.is_file() else None
            version = parse_cudnn_header(text) if text else None
            if version:
                found.setdefault(os.path.realpath(header), CuDNN(version, str(header), toolkit))
                break
    return list(found.values())


def probe(ctx: Any) -> dict[str, Any]:
    toolkits = find_toolkits(ctx)
    return {"toolkits": toolkits, "cudnn": find_cudnn(toolkits, ctx.environ)}
