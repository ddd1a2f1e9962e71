"""cudnn.prepare(): what the cuDNN page and `pytorch-setup cudnn` both read and check before
anything changes — an archive's copy plan, or the download for the toolkit's CUDA major."""

from __future__ import annotations

import pytest

from app.steps import cudnn
from tests.cudnn_archives import linux_files, make_tar, make_toolkit, redist_name
from tests.cudnn_mirror import redist_tree
from tests.loopback import serve_files


def test_an_archive_gives_its_checked_copy_plan(tmp_path):
    toolkit = make_toolkit(tmp_path / "CUDA 12.6 툴킷")
    top = redist_name("linux-x86_64", 12)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files())
    ready = cudnn.prepare(toolkit, "linux-x86_64", archive=archive)
    assert ready.artifact is None and ready.needs_admin is False
    assert ready.plan is not None and ready.plan.archive.version.startswith("9.13")
    ready.plan.check()  # it fits this toolkit


def test_a_version_gives_the_download_for_the_toolkits_cuda_major(tmp_path):
    toolkit = make_toolkit(tmp_path / "CUDA 12.6", version="12.6.3")
    files, path = redist_tree(b"archive bytes", "linux-x86_64", 12)
    with serve_files(files) as mirror:
        ready = cudnn.prepare(toolkit, "linux-x86_64", version_label="9.13", mirror=mirror.url)
    assert ready.plan is None and ready.artifact is not None
    assert ready.artifact.cuda_major == 12 and ready.artifact.url.endswith(path)


def test_a_folder_that_is_no_toolkit_is_refused_in_a_catalogue_sentence(tmp_path):
    with pytest.raises(cudnn.CudnnError) as refused:
        cudnn.prepare(tmp_path, "linux-x86_64", version_label="9.13", mirror="http://127.0.0.1:9")
    message = refused.value.args[0]
    assert message.template == "{toolkit} is not a CUDA toolkit (no version found in it)."
    with pytest.raises(cudnn.CudnnError, match="Choose a cuDNN archive"):
        cudnn.prepare(tmp_path, "linux-x86_64")
