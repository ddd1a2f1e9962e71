"""A CUDA toolkit from redist archives, against a loopback copy of NVIDIA's redist tree.

The manifest keeps the shape of the real redistrib_12.6.3.json (tests/fixtures); the archives
are small ones made here with the real layout (<component>-<platform>-<version>-archive/...).
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest

from app.events import CancelToken, Reporter
from app.journal import Journal
from app.scan import ScanContext
from app.scan.toolkits import find_toolkits
from app.steps.download import DownloadError
from app.steps.toolkit import ToolkitError, install_toolkit, parse_manifest
from app.steps.undo import undo_entries
from tests import fake_nvcc
from tests.loopback import FileServer, serve_files

REAL = json.loads(
    (
        Path(__file__).resolve().parents[1] / "fixtures" / "nvidia-redist" / "redistrib_12.6.3.json"
    ).read_text(encoding="utf-8")
)
FILES = {
    # CUDA 12.x: crt headers and nvvm still come with cuda_nvcc.
    "cuda_nvcc": {"bin/nvcc": fake_nvcc.script("12.6.85"), **fake_nvcc.COMPILE_PARTS},
    "cuda_cudart": {"include/cuda_runtime.h": b"/* cudart */\n", "lib/libcudart.so.12": b"x"},
    "libcublas": {"lib/libcublas.so.12": b"blas"},
}


def make_tar(top: str, files: dict[str, bytes], evil: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz") as bundle:
        for name, data in files.items():
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            info.mode = 0o755
            bundle.addfile(info, io.BytesIO(data))
        if evil:
            info = tarfile.TarInfo(evil)
            info.size = 4
            bundle.addfile(info, io.BytesIO(b"evil"))
    return buffer.getvalue()


def publish(
    server: FileServer, evil: str | None = None, bad_sha: bool = False, manifest_edit=None
) -> None:
    manifest = copy.deepcopy(REAL)
    files = {}
    for component, content in FILES.items():
        artifact = manifest[component]["linux-x86_64"]
        top = Path(artifact["relative_path"]).name.removesuffix(".tar.xz")
        body = make_tar(top, content, evil if component == "libcublas" else None)
        files[artifact["relative_path"]] = body
        artifact["sha256"] = "0" * 64 if bad_sha else hashlib.sha256(body).hexdigest()
        artifact["size"] = str(len(body))
    if manifest_edit:
        manifest_edit(manifest)
    files["redistrib_12.6.3.json"] = json.dumps(manifest).encode()
    server.files = files


@pytest.fixture
def mirror():
    with serve_files() as server:
        yield server


COMPONENTS = list(FILES)


def test_install_then_scan_finds_it_then_undo(mirror, tmp_path):
    publish(mirror)
    dest = tmp_path / "CUDA 툴킷" / "v12.6"
    journal = Journal(tmp_path / "journal.jsonl")
    install_toolkit(
        "12.6",
        dest,
        "linux-x86_64",
        Reporter(),
        CancelToken(),
        mirror=f"{mirror.url}/",
        components=COMPONENTS,
        journal=journal,
    )
    assert (dest / "bin" / "nvcc").exists() and (dest / "include" / "cuda_runtime.h").exists()
    assert (dest / "lib" / "libcublas.so.12").read_bytes() == b"blas"
    context = ScanContext(environ={"CUDA_HOME": str(dest), "PATH": ""}, toolkit_locations=())
    (toolkit,) = find_toolkits(context)
    assert (toolkit.version, toolkit.full_version) == ("12.6", "12.6.3")
    assert [p.name for p in dest.parent.iterdir()] == ["v12.6"]  # no staging left behind
    undo_entries(journal.pending(), Reporter(), CancelToken(), journal)
    assert not dest.exists()


def test_an_archive_entry_escaping_the_folder_is_refused(mirror, tmp_path):
    publish(mirror, evil="../../escaped.txt")
    dest = tmp_path / "cuda"
    with pytest.raises(ToolkitError, match="outside its folder"):
        install_toolkit(
            "12.6.3",
            dest,
            "linux-x86_64",
            Reporter(),
            CancelToken(),
            mirror=f"{mirror.url}/",
            components=COMPONENTS,
            journal=Journal(tmp_path / "j.jsonl"),
        )
    assert not dest.exists()
    assert not any(p.name == "escaped.txt" for p in tmp_path.rglob("*"))
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".cuda.staging")] == []


def test_a_wrong_sha256_unpacks_nothing(mirror, tmp_path):
    publish(mirror, bad_sha=True)
    dest = tmp_path / "cuda"
    with pytest.raises(DownloadError) as info:
        install_toolkit(
            "12.6.3",
            dest,
            "linux-x86_64",
            Reporter(),
            CancelToken(),
            mirror=f"{mirror.url}/",
            components=COMPONENTS,
            journal=Journal(tmp_path / "j.jsonl"),
        )
    assert "0" * 64 in str(info.value)
    assert not dest.exists()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda m: m["cuda_nvcc"]["linux-x86_64"].update(relative_path="../../etc/passwd"),
            "unsafe",
        ),
        (lambda m: m["cuda_cudart"]["linux-x86_64"].pop("sha256"), "no sha256"),
    ],
)
def test_unsafe_or_unverifiable_manifests_are_refused(edit, message):
    manifest = copy.deepcopy(REAL)
    edit(manifest)
    with pytest.raises(ToolkitError, match=message):
        parse_manifest(manifest, "linux-x86_64")


def test_not_enough_space_is_refused_before_downloading(mirror, tmp_path, monkeypatch):
    from app.steps import toolkit

    publish(mirror)
    monkeypatch.setattr(toolkit, "UNPACKED_FACTOR", 1e12)  # more than any disk here
    with pytest.raises(ToolkitError, match="Not enough free space"):
        install_toolkit(
            "12.6.3",
            tmp_path / "cuda",
            "linux-x86_64",
            Reporter(),
            CancelToken(),
            mirror=f"{mirror.url}/",
            components=COMPONENTS,
            journal=Journal(tmp_path / "j"),
        )
    assert not (tmp_path / "cuda").exists()


def test_real_manifest_components_for_each_platform():
    names = [a.component for a in parse_manifest(REAL, "linux-x86_64")]
    assert names[:3] == ["cuda_nvcc", "cuda_cudart", "cuda_cccl"]
    assert {"libcublas", "libcusparse", "libcufft", "libcurand", "libcusolver"} <= set(names)
    windows = parse_manifest(REAL, "windows-x86_64")
    assert all(a.relative_path.endswith(".zip") for a in windows)
    with pytest.raises(ToolkitError, match="no CUDA archives"):
        parse_manifest(REAL, "macos-arm64")


def test_toolkit_cli_with_a_mirror(mirror, tmp_path):
    import os
    import subprocess
    import sys

    publish(mirror)
    dest = tmp_path / "cuda-12.6"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "toolkit",
            "--version",
            "12.6",
            "--dest",
            str(dest),
            "--mirror",
            f"{mirror.url}/",
            "--components",
            ",".join(COMPONENTS),
            "--yes",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTORCH_SETUP_HOME": str(tmp_path / "state")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "CUDA 12.6.3" in result.stdout and (dest / "bin" / "nvcc").exists()
    bad = subprocess.run(
        [sys.executable, "-m", "app", "toolkit", "--version", "9.9", "--dest", str(dest), "--yes"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert bad.returncode == 2 and "No CUDA 9.9 release is known" in bad.stderr


def make_zip(top: str, files: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name, data in files.items():
            bundle.writestr(name if name.startswith(("..", "/", "C:")) else f"{top}/{name}", data)
    return buffer.getvalue()


def test_windows_zip_archives_unpack_without_their_top_folder(tmp_path):
    from app.steps.toolkit import unpack

    top = "cuda_nvcc-windows-x86_64-12.6.85-archive"
    archive = tmp_path / f"{top}.zip"
    archive.write_bytes(
        make_zip(top, {"bin/nvcc.exe": b"MZ", "include/crt/host_defines.h": b"/* h */"})
    )
    into = tmp_path / "CUDA v12.6 홍길동"
    unpack(archive, into)
    assert (into / "bin" / "nvcc.exe").read_bytes() == b"MZ"
    assert (into / "include" / "crt" / "host_defines.h").is_file()


@pytest.mark.parametrize("evil", ["../outside.dll", "C:/Windows/evil.dll", "/etc/evil"])
def test_a_zip_entry_escaping_the_folder_is_refused(tmp_path, evil):
    from app.steps.toolkit import unpack

    archive = tmp_path / "bad.zip"
    archive.write_bytes(make_zip("top", {"bin/ok.dll": b"ok", evil: b"evil"}))
    with pytest.raises(ToolkitError, match="outside its folder"):
        unpack(archive, tmp_path / "into")
    assert not (tmp_path / "into" / "bin" / "ok.dll").exists()  # checked before writing
    assert not (tmp_path / "outside.dll").exists()


def test_a_dest_name_near_the_limit_still_installs(mirror, tmp_path):
    """A 245-character folder name is valid; the staging folder beside it must not add to it
    (".NAME.staging-xxxxxxxx" would pass the 255-byte name limit)."""
    publish(mirror)
    dest = tmp_path / ("t" * 245)
    install_toolkit(
        "12.6",
        dest,
        "linux-x86_64",
        Reporter(),
        CancelToken(),
        mirror=f"{mirror.url}/",
        components=COMPONENTS,
        journal=Journal(tmp_path / "journal.jsonl"),
    )
    assert (dest / "bin" / "nvcc").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [dest.name, "journal.jsonl", "journal.jsonl.lock"]
    )
