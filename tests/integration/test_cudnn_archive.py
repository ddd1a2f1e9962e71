"""Reading cuDNN archives (real ones built here) and fetching them by NVIDIA's manifest from a
loopback copy of the redist folder; damaged, unsafe or unverifiable input is refused."""

from __future__ import annotations

import copy
import hashlib
import json
import tarfile
from pathlib import Path

import pytest

from app.events import CancelToken, Reporter
from app.journal import Journal
from app.steps.cudnn import CudnnError, download_cudnn, install_cudnn, read_archive
from app.steps.cudnn.download import parse_manifest, resolve_label
from tests.cudnn_archives import (
    linux_files,
    make_tar,
    make_toolkit,
    make_zip,
    redist_name,
    snapshot,
    version_header,
    windows_files,
)
from tests.loopback import serve_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "nvidia-redist" / "cudnn"
REAL = {
    label: json.loads((FIXTURES / f"redistrib_{label}.json").read_text("utf-8"))
    for label in ("9.13.0", "8.9.7")
}
LINUX = "linux-x86_64"


def test_a_redist_tar_is_read_with_its_version_cuda_major_and_links(tmp_path):
    top = redist_name(LINUX, 13)
    found = read_archive(make_tar(tmp_path / f"{top}.tar.xz", top, linux_files()))
    assert (found.version, found.cuda_major, found.cuda_major_from) == ("9.13.0", 13, "folder name")
    assert (found.platform, found.layout, found.root) == (LINUX, "redist", top)
    links = {f.rel: f.link for f in found.files if f.link}
    assert links["lib/libcudnn.so"] == "libcudnn.so.9"
    assert "LICENSE" in {f.rel for f in found.files}


def test_an_old_legacy_zip_is_read_from_cudnn_h(tmp_path):
    files = {
        "bin/cudnn64_7.dll": b"dll",
        "include/cudnn.h": version_header(7, 6, 5) + b"/* the whole API */\n",
        "lib/x64/cudnn.lib": b"lib",
    }
    path = make_zip(tmp_path / "cudnn-10.2-windows10-x64-v7.6.5.32.zip", "cuda", files)
    found = read_archive(path)
    assert (found.version, found.cuda_major, found.layout) == ("7.6.5", 10, "legacy")
    assert found.platform == "windows-x86_64"


def test_a_hint_from_the_manifest_is_used_only_where_names_say_nothing(tmp_path):
    path = make_zip(tmp_path / "cudnn.zip", "", windows_files())
    found = read_archive(path, cuda_major=12)
    assert (found.cuda_major, found.cuda_major_from, found.platform) == (12, "manifest", "windows")
    assert read_archive(path).cuda_major is None


@pytest.mark.parametrize("suffix", ["tar.xz", "zip"])
def test_a_truncated_archive_is_refused_with_one_clear_line(tmp_path, suffix):
    top = redist_name(LINUX, 12)
    maker = make_tar if suffix == "tar.xz" else make_zip
    whole = maker(tmp_path / f"{top}.{suffix}", top, linux_files()).read_bytes()
    (tmp_path / f"{top}.{suffix}").write_bytes(whole[: len(whole) * 2 // 3])
    with pytest.raises(CudnnError) as caught:
        read_archive(tmp_path / f"{top}.{suffix}")
    assert "damaged, incomplete" in str(caught.value) and "download it again" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_zip_with_a_damaged_file_is_refused_before_the_toolkit_changes(tmp_path):
    toolkit = make_toolkit(tmp_path / "cuda")
    top = redist_name(LINUX, 12)
    path = make_zip(tmp_path / f"{top}.zip", top, linux_files())
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF  # inside the big library: found by its CRC while unpacking
    path.write_bytes(bytes(data))
    before = snapshot(toolkit)
    with pytest.raises(CudnnError, match="Bad CRC-32 .* it is damaged"):
        install_cudnn(
            path, toolkit, LINUX, Reporter(), CancelToken(), journal=Journal(tmp_path / "j")
        )
    assert snapshot(toolkit) == before


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        (("../../escaped.txt", tarfile.REGTYPE, b"evil"), "outside its folder"),
        (("/etc/cron.d/evil", tarfile.REGTYPE, b"evil"), "outside its folder"),
        (
            (f"{redist_name(LINUX, 12)}/lib/libevil.so", tarfile.SYMTYPE, "../../../etc/passwd"),
            "link that points outside",
        ),  # fmt: skip
        (
            (f"{redist_name(LINUX, 12)}/lib/libabs.so", tarfile.SYMTYPE, "/etc/passwd"),
            "link that points outside",
        ),  # fmt: skip
        (
            (f"{redist_name(LINUX, 12)}/include/x.h", tarfile.SYMTYPE, "../lib/libcudnn.so"),
            "link that points outside",
        ),  # fmt: skip
    ],
)
def test_entries_escaping_the_folder_are_refused_and_nothing_changes(tmp_path, extra, why):
    toolkit = make_toolkit(tmp_path / "cuda")
    top = redist_name(LINUX, 12)
    path = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files(), extra=[extra])
    before = snapshot(toolkit)
    with pytest.raises(CudnnError, match=why):
        install_cudnn(
            path, toolkit, LINUX, Reporter(), CancelToken(), journal=Journal(tmp_path / "j")
        )
    assert snapshot(toolkit) == before and not (tmp_path / "escaped.txt").exists()


def test_a_zip_entry_escaping_the_folder_is_refused(tmp_path):
    files = dict(windows_files())
    files["../../evil.dll"] = b"evil"
    with pytest.raises(CudnnError, match="outside its folder"):
        read_archive(make_zip(tmp_path / "cudnn.zip", "", files))


def test_an_archive_without_a_cudnn_header_is_not_cudnn(tmp_path):
    path = make_tar(tmp_path / "x.tar.xz", "stuff", {"include/other.h": b"", "lib/libx.so": b""})
    with pytest.raises(CudnnError, match="not a cuDNN archive"):
        read_archive(path)


def test_the_real_manifests_give_each_platform_and_cuda_major():
    found = parse_manifest(REAL["9.13.0"], 13, "linux-aarch64")
    assert found["relative_path"].endswith("cudnn-linux-sbsa-9.13.0.50_cuda13-archive.tar.xz")
    assert found["size"] == 766735516 and found["version"] == "9.13.0.50"
    found = parse_manifest(REAL["8.9.7"], 11, "windows-x86_64")
    assert found["relative_path"].endswith("8.9.7.29_cuda11-archive.zip")
    with pytest.raises(CudnnError, match=r"no build for CUDA 11 .*\(it has: CUDA 12, 13\)"):
        parse_manifest(REAL["9.13.0"], 11, LINUX)
    assert resolve_label("9.13") == "9.13.0" and resolve_label("9.13.0") == "9.13.0"


def test_a_manifest_with_the_artifact_directly_under_the_platform_is_read():
    # The older shape: no cudaNN level; the CUDA majors are in cuda_variant / the file name.
    manifest = copy.deepcopy(REAL["8.9.7"])
    manifest["cudnn"][LINUX] = manifest["cudnn"][LINUX]["cuda12"]
    assert parse_manifest(manifest, 12, LINUX)["sha256"].startswith("4753336")
    with pytest.raises(CudnnError, match="no build for CUDA 11"):
        parse_manifest(manifest, 11, LINUX)


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        ({"relative_path": "cudnn/../../../etc/passwd"}, "unsafe"),
        ({"relative_path": "/cudnn/linux/x.tar.xz"}, "unsafe"),
        ({"sha256": ""}, "no sha256"),
        ({"sha256": None}, "no sha256"),
    ],
)
def test_a_manifest_with_an_unsafe_path_or_no_sha256_is_refused(edit, why):
    manifest = copy.deepcopy(REAL["9.13.0"])
    manifest["cudnn"][LINUX]["cuda12"].update(edit)
    with pytest.raises(CudnnError, match=why):
        parse_manifest(manifest, 12, LINUX)


def publish(server, archive: bytes, sha256: str | None = None) -> None:
    manifest = copy.deepcopy(REAL["9.13.0"])
    artifact = manifest["cudnn"][LINUX]["cuda12"]
    artifact["sha256"] = sha256 or hashlib.sha256(archive).hexdigest()
    artifact["size"] = str(len(archive))
    server.files = {
        "redistrib_9.13.0.json": json.dumps(manifest).encode(),
        artifact["relative_path"]: archive,
    }


def test_download_by_manifest_from_a_mirror_then_install(tmp_path):
    top = redist_name(LINUX, 12)
    body = make_tar(tmp_path / "built.tar.xz", top, linux_files()).read_bytes()
    toolkit = make_toolkit(tmp_path / "cuda")
    with serve_files() as server:
        publish(server, body)
        path = download_cudnn("9.13", 12, LINUX, Reporter(), CancelToken(), mirror=server.url)
        assert server.requests[0] == "/redistrib_9.13.0.json"
    assert path.name == f"{top}.tar.xz" and path.read_bytes() == body
    journal = Journal(tmp_path / "j")
    install_cudnn(path, toolkit, LINUX, Reporter(), CancelToken(), journal=journal, cuda_major=12)
    assert (toolkit / "lib64" / "libcudnn.so.9.13.0").is_file()


def test_a_download_whose_sha256_differs_is_refused(tmp_path):
    body = make_tar(tmp_path / "built.tar.xz", redist_name(LINUX, 12), linux_files()).read_bytes()
    with serve_files() as server:
        publish(server, body, sha256="ab" * 32)
        with pytest.raises(CudnnError, match="sha256"):
            download_cudnn("9.13.0", 12, LINUX, Reporter(), CancelToken(), mirror=server.url)


def test_an_unknown_release_or_platform_is_refused():
    with pytest.raises(CudnnError, match="No cuDNN 7.1 release is known"):
        resolve_label("7.1")
    with pytest.raises(CudnnError, match="no cuDNN archives for macos-arm64"):
        parse_manifest(REAL["9.13.0"], 12, "macos-arm64")
