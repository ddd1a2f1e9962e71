"""The cuDNN and PATH pages on real files: a real archive into a toolkit folder and back, and a
temporary HOME's bash profile edited and restored, all through the pages' buttons."""

from __future__ import annotations

import os

from app.steps.pathreg.posix import PosixBackend
from tests.cudnn_archives import (
    add_old_cudnn,
    linux_files,
    make_tar,
    make_toolkit,
    redist_name,
    snapshot,
)
from tests.cudnn_mirror import redist_tree
from tests.loopback import serve_files
from tests.ui.test_summary_page import profile
from ui.wizard import PAGE_NAMES, SetupWizard


def open_page(qtbot, name: str):
    linux = profile()
    linux.os.family = "linux"
    w = SetupWizard(scan_call=lambda reporter, cancel: linux)
    w.show_every_page = True
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    while w.currentPage().name != name:
        w.next()
    assert w.currentId() == PAGE_NAMES.index(name)
    return w, w.currentPage()


def test_cudnn_page_shows_the_match_copies_and_undoes(qtbot, tmp_path):
    toolkit = make_toolkit(tmp_path / "CUDA v12.6 홍길동")
    add_old_cudnn(toolkit)
    before = snapshot(toolkit)
    top = redist_name("linux-x86_64", 12)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files())
    w, page = open_page(qtbot, "cudnn")
    page.toolkit.set_text(str(toolkit))
    page.archive.set_text(str(archive))
    page.check()
    qtbot.waitUntil(lambda: page.plan is not None, timeout=20000)
    assert "cuDNN 9.13.0 for CUDA 12" in page.match.text()
    assert "cuDNN 8.9.7 is there now" in page.match.text() and "✔ They fit" in page.match.text()
    kinds = {page.files.topLevelItem(i).text(2) for i in range(page.files.topLevelItemCount())}
    assert kinds == {"new", "replaced (backed up)"}
    qtbot.waitUntil(page.copy_button.isEnabled, timeout=5000)
    page.copy_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.entry_id is not None, timeout=30000)
    assert "✔ cuDNN 9.13.0" in page.status.text()
    assert snapshot(toolkit) != before and not page.copy_button.isEnabled()
    page.undo_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.entry_id is None, timeout=30000)
    assert snapshot(toolkit) == before, page.status.text()


def test_cudnn_page_refuses_an_archive_for_another_cuda_major(qtbot, tmp_path):
    toolkit = make_toolkit(tmp_path / "cuda-12.6")
    top = redist_name("linux-x86_64", 13)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files())
    w, page = open_page(qtbot, "cudnn")
    page.toolkit.set_text(str(toolkit))
    page.archive.set_text(str(archive))
    page.check()
    qtbot.waitUntil(lambda: page.plan is not None, timeout=20000)
    assert "✖" in page.match.text() and "cuda12" in page.match.text()
    assert not page.copy_button.isEnabled()


def test_path_page_side_by_side_apply_and_undo(qtbot, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_bytes(b"export EDITOR=vim\r\n")
    toolkit = tmp_path / "CUDA 13.0"
    (toolkit / "bin").mkdir(parents=True)
    (toolkit / "bin" / "nvcc").write_text("#!/bin/sh\necho 'release 13.0, V13.0.88'\n")
    os.chmod(toolkit / "bin" / "nvcc", 0o755)
    w, page = open_page(qtbot, "path")
    page.backend = PosixBackend(
        home, {"HOME": str(home), "SHELL": "/bin/bash", "PATH": "/usr/bin:/bin"}
    )
    page.toolkit.set_text(str(toolkit))
    page.refresh()
    assert [page.now.item(i).text() for i in range(page.now.count())] == ["/usr/bin", "/bin"]
    assert page.after.item(0).text() == "＋ " + str(toolkit / "bin")
    assert page.after.item(0).font().bold() and "CUDA_HOME" in page.variables.text()
    assert "new terminal" in page.warnings.text()
    page.apply_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.undo_button.isEnabled(), timeout=10000)
    assert b"pytorch-setup" in (home / ".bashrc").read_bytes()
    assert "Already registered" in page.warnings.text() and not page.apply_button.isEnabled()
    page.undo_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.apply_button.isEnabled(), timeout=10000)
    assert (home / ".bashrc").read_bytes() == b"export EDITOR=vim\r\n"
    assert not (home / ".profile").exists()


def test_cudnn_page_preselects_a_release_whose_manifest_was_checked(qtbot):
    w, page = open_page(qtbot, "cudnn")
    assert page.version.currentData() == "9.13.0"


def test_cudnn_page_downloads_from_a_nvidia_mirror_copies_and_undoes(qtbot, tmp_path):
    """Download from NVIDIA: the manifest is read from a loopback copy of NVIDIA's redist
    folder, Copy downloads the archive (verified), copies it; Undo restores the toolkit."""
    toolkit = make_toolkit(tmp_path / "cuda-12.6")
    before = snapshot(toolkit)
    top = redist_name("linux-x86_64", 12)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files()).read_bytes()
    files, path = redist_tree(archive, "linux-x86_64", 12)
    with serve_files(files) as server:
        w, page = open_page(qtbot, "cudnn")
        page.mirror = server.url
        page.toolkit.set_text(str(toolkit))
        page.from_nvidia.setChecked(True)  # reads the manifest on a worker
        qtbot.waitUntil(
            lambda: page.artifact is not None or "✖" in page.match.text(), timeout=20000
        )
        assert page.artifact is not None, page.match.text()
        assert "cuDNN 9.13.0.50 for CUDA 12" in page.match.text()
        assert server.requests == ["/redistrib_9.13.0.json"]
        qtbot.waitUntil(page.copy_button.isEnabled, timeout=5000)
        page.copy_button.click()
        qtbot.waitUntil(lambda: page.worker is None, timeout=30000)
        assert page.entry_id is not None, page.status.text()
        assert server.requests[-1] == "/" + path
    assert "✔ cuDNN 9.13.0" in page.status.text()
    assert (toolkit / "lib64" / "libcudnn.so.9").is_symlink()
    assert snapshot(toolkit) != before and not page.copy_button.isEnabled()
    page.undo_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.entry_id is None, timeout=30000)
    assert snapshot(toolkit) == before, page.status.text()
