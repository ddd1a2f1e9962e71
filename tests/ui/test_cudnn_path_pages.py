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
from ui.state import page_id
from ui.wizard import SetupWizard


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
    assert w.currentId() == page_id(name)
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


def path_page_for_toolkit(qtbot, tmp_path, bashrc: bytes | None = None):
    """The PATH page over a home folder (its .bashrc, if given) and a CUDA 13.0 toolkit with
    a working nvcc, both under tmp_path: (wizard, page, home, toolkit)."""
    home = tmp_path / "home"
    home.mkdir()
    if bashrc is not None:
        (home / ".bashrc").write_bytes(bashrc)
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
    return w, page, home, toolkit


def test_path_page_side_by_side_apply_and_undo(qtbot, tmp_path):
    w, page, home, toolkit = path_page_for_toolkit(qtbot, tmp_path, bashrc=b"export EDITOR=vim\r\n")
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


def run_child_without_uac(calls: list):
    """app.elevate.run_elevated without the UAC prompt (it cannot be shown here): the same
    child command line (state folder, result and cancel files), run as a real process, its
    result read back the same way. tests/integration/test_elevate_protocol.py runs the real
    one under Wine."""
    import subprocess
    import sys
    import uuid

    from app import elevate
    from app.paths import state_dir

    def run(args, reporter=None, cancel=None, **kwargs):
        calls.append(args)
        exchange = state_dir() / "elevated" / uuid.uuid4().hex[:12]
        exchange.mkdir(parents=True)
        command = [
            sys.executable,
            "-m",
            "app",
            *elevate.child_arguments(args, exchange, state_dir()),
        ]
        subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
        result = elevate.read_result(exchange)
        for line in result.output:
            if reporter is not None:
                reporter.log(line)
        return result

    return run


def test_cudnn_page_copy_as_administrator_brings_back_the_entry_and_the_error(
    qtbot, tmp_path, monkeypatch
):
    from app import elevate
    from app.journal import Journal

    toolkit = make_toolkit(tmp_path / "CUDA v12.6 홍길동")
    top = redist_name("linux-x86_64", 12)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files())
    monkeypatch.setenv("PYTORCH_SETUP_HOME", str(tmp_path / "state"))
    calls: list = []
    monkeypatch.setattr(elevate, "run_elevated", run_child_without_uac(calls))
    w, page = open_page(qtbot, "cudnn")
    page.toolkit.set_text(str(toolkit))
    page.archive.set_text(str(archive))
    page.start_elevated()
    qtbot.waitUntil(lambda: page.worker is None and page.entry_id is not None, timeout=60000)
    assert "administrator" in page.status.text()
    assert calls == [["cudnn", "--toolkit", str(toolkit), "--yes", "--archive", str(archive)]]
    (entry,) = Journal().pending()
    assert entry.id == page.entry_id and entry.data["elevated"] is True  # undo elevates too
    assert (toolkit / "include" / "cudnn_version.h").is_file()
    # A child that fails: its own one-line error comes back, not "see the log".
    page.entry_id = None
    page.archive.set_text(str(tmp_path / "gone.tar.xz"))
    page.start_elevated()
    qtbot.waitUntil(lambda: page.worker is None, timeout=60000)
    assert "as administrator failed" in page.status.text()
    assert "gone.tar.xz" in page.status.text()


def test_cudnn_page_download_as_administrator_passes_version_and_mirror(
    qtbot, tmp_path, monkeypatch
):
    from app import elevate

    calls: list = []
    monkeypatch.setattr(
        elevate,
        "run_elevated",
        lambda args, *a, **k: calls.append(args) or elevate.ElevatedResult(1, "stop"),
    )
    toolkit = make_toolkit(tmp_path / "cuda-12.6")
    w, page = open_page(qtbot, "cudnn")
    page.mirror = "http://127.0.0.1:9/redist/"
    page.toolkit.set_text(str(toolkit))
    page.from_nvidia.setChecked(True)
    page.start_elevated()
    qtbot.waitUntil(lambda: page.worker is None and bool(calls), timeout=30000)
    (args,) = calls
    assert args[args.index("--version") + 1] == str(page.version.currentData())
    assert args[args.index("--mirror") + 1] == "http://127.0.0.1:9/redist/"
    assert "stop" in page.status.text()


def record_threads(monkeypatch, owner, name: str) -> list:
    """Calls of owner.name, as the threads they ran on."""
    import threading

    threads: list = []
    real = getattr(owner, name)

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return threads


def test_the_cudnn_undo_reads_the_journal_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    import threading

    from app.journal import Journal

    toolkit = make_toolkit(tmp_path / "CUDA v12.6")
    before = snapshot(toolkit)
    top = redist_name("linux-x86_64", 12)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files())
    w, page = open_page(qtbot, "cudnn")
    page.toolkit.set_text(str(toolkit))
    page.archive.set_text(str(archive))
    page.check()
    qtbot.waitUntil(page.copy_button.isEnabled, timeout=20000)
    page.copy_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.entry_id is not None, timeout=30000)
    threads = record_threads(monkeypatch, Journal, "pending")
    page.undo_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.entry_id is None, timeout=30000)
    assert snapshot(toolkit) == before
    assert threads and threading.main_thread() not in threads


def test_the_path_page_reads_the_journal_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    import threading

    from app.steps import pathreg

    threads = record_threads(monkeypatch, pathreg, "registrations")
    w, page, home, toolkit = path_page_for_toolkit(qtbot, tmp_path)
    page.apply_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.undo_button.isEnabled(), timeout=10000)
    page.undo_button.click()
    qtbot.waitUntil(lambda: page.worker is None and page.apply_button.isEnabled(), timeout=10000)
    qtbot.waitUntil(lambda: page.reader is None, timeout=10000)
    assert not page.undo_button.isEnabled()  # the journal, read again: nothing of ours left
    assert threads and threading.main_thread() not in threads
