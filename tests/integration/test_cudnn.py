"""cuDNN into a toolkit folder: copy then undo leaves the folder byte-identical, every failure
point rolls back, and the journal alone is enough to undo after a crash. Real archives (tar.xz
with symlinks, zip) in NVIDIA's layouts are built here; the toolkits are small real folders."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from app.events import Cancelled, CancelToken, Reporter
from app.journal import Journal
from app.paths import state_dir
from app.steps import cudnn
from app.steps.cudnn import CudnnError, install_cudnn, plan_copy, read_archive, transaction
from tests.cudnn_archives import (
    MTIME,
    add_old_cudnn,
    linux_files,
    make_tar,
    make_toolkit,
    make_zip,
    redist_name,
    snapshot,
    windows_files,
)

LINUX = "linux-x86_64"


class Recorder(Reporter):
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.warnings: list[str] = []

    def log(self, message: str, level: int = 20) -> None:
        (self.warnings if level >= 30 else self.lines).append(message)


@pytest.fixture
def journal(tmp_path) -> Journal:
    return Journal(tmp_path / "journal.jsonl")


@pytest.fixture
def toolkit(tmp_path) -> Path:
    return make_toolkit(tmp_path / "cuda-12.6")


@pytest.fixture
def tar12(tmp_path) -> Path:
    top = redist_name(LINUX, 12)
    return make_tar(tmp_path / f"{top}.tar.xz", top, linux_files())


def undo_all(journal: Journal, reporter: Reporter | None = None) -> None:
    for entry in journal.pending():
        cudnn.undo(entry, reporter or Reporter(), CancelToken(), journal)


def test_copy_then_undo_leaves_the_toolkit_byte_identical(toolkit, tar12, journal):
    before = snapshot(toolkit)
    result = install_cudnn(tar12, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
    lib = toolkit / "lib64"
    assert (toolkit / "include" / "cudnn_version.h").is_file()
    assert os.readlink(lib / "libcudnn.so") == "libcudnn.so.9"
    assert os.readlink(lib / "libcudnn.so.9") == "libcudnn.so.9.13.0"
    assert stat.S_IMODE((lib / "libcudnn.so.9.13.0").stat().st_mode) == 0o755
    assert (lib / "libcudnn.so.9.13.0").stat().st_mtime == MTIME  # copy2 semantics
    assert not (toolkit / "LICENSE").exists() and not (toolkit / "lib").exists()
    assert (result.version, result.cuda_major, result.replaced) == ("9.13.0", 12, [])
    assert not list(toolkit.rglob("*.tmp")) and not list((state_dir() / "staging").glob("*"))
    undo_all(journal)
    assert snapshot(toolkit) == before
    assert journal.pending() == []


def test_older_cudnn_is_replaced_then_restored_by_undo(toolkit, tar12, journal):
    add_old_cudnn(toolkit)
    before = snapshot(toolkit)
    plan = plan_copy(read_archive(tar12), toolkit, LINUX)
    assert plan.existing_cudnn == "8.9.7" and "already has cuDNN 8.9.7" in plan.warnings[0]
    assert {i.dest.name for i in plan.replaced} == {"cudnn.h", "cudnn_version.h", "libcudnn.so"}
    old_header = (toolkit / "include" / "cudnn_version.h").stat().st_size
    assert plan.backup_bytes == len(b"/* cudnn 8 */\n") + old_header  # a symlink counts 0
    result = install_cudnn(tar12, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
    assert os.readlink(toolkit / "lib64" / "libcudnn.so") == "libcudnn.so.9"
    assert (toolkit / "lib64" / "libcudnn.so.8.9.7").exists()  # not in cuDNN 9: stays
    assert (result.backup_dir / "include" / "cudnn.h").read_bytes() == b"/* cudnn 8 */\n"
    assert os.readlink(result.backup_dir / "lib64" / "libcudnn.so") == "libcudnn.so.8"
    undo_all(journal)
    assert snapshot(toolkit) == before
    assert not result.backup_dir.exists()


def test_windows_redist_zip_goes_to_bin_include_and_lib_x64(tmp_path, journal):
    toolkit = make_toolkit(tmp_path / "NVIDIA GPU Computing Toolkit" / "CUDA" / "v12.6 홍길동")
    files = windows_files()
    files["lib/cudnn_adv.lib"] = b"flat lib"  # older zips: lib\*.lib, which goes to lib\x64 too
    top = redist_name("windows-x86_64", 12)
    archive = make_zip(tmp_path / f"{top}.zip", top, files)
    before = snapshot(toolkit)
    install_cudnn(archive, toolkit, "windows-x86_64", Reporter(), CancelToken(), journal=journal)
    assert (toolkit / "bin" / "cudnn64_9.dll").read_bytes() == files["bin/cudnn64_9.dll"]
    assert (toolkit / "lib" / "x64" / "cudnn.lib").is_file()
    assert (toolkit / "lib" / "x64" / "cudnn_adv.lib").read_bytes() == b"flat lib"
    assert not (toolkit / "lib" / "x64" / "x64").exists()
    undo_all(journal)
    assert snapshot(toolkit) == before


def test_legacy_cuda_folder_tgz_and_a_lib_only_toolkit(tmp_path, journal):
    # The older downloads: one cuda/ folder, lib64 inside; a toolkit unpacked from NVIDIA's redist
    # archives (as the assistant makes them) has lib but no lib64: the libraries go to lib.
    toolkit = make_toolkit(tmp_path / "홍 길동" / "cuda", lib="lib")
    files = {k.replace("lib/", "lib64/"): v for k, v in linux_files((8, 2, 1)).items()}
    archive = make_tar(tmp_path / "cudnn-11.3-linux-x64-v8.2.1.32.tgz", "cuda", files)
    found = read_archive(archive)
    assert (found.layout, found.version, found.cuda_major) == ("legacy", "8.2.1", 11)
    assert (found.cuda_major_from, found.platform) == ("file name", LINUX)
    problem = plan_copy(found, toolkit, LINUX).problems[0]
    assert "CUDA 11" in str(problem) and "CUDA 12" in str(problem)
    (toolkit / "version.json").write_text('{"cuda": {"version": "11.8.0"}}', "utf-8")
    before = snapshot(toolkit)
    install_cudnn(archive, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
    assert os.readlink(toolkit / "lib" / "libcudnn.so.8") == "libcudnn.so.8.2.1"
    assert not (toolkit / "lib64").exists()
    undo_all(journal)
    assert snapshot(toolkit) == before


@pytest.mark.parametrize(("archive_cuda", "toolkit_version"), [(13, "12.6.3"), (12, "13.0.2")])
def test_cuda_major_mismatch_is_refused_naming_the_fitting_archive(
    tmp_path, journal, archive_cuda, toolkit_version
):
    toolkit = make_toolkit(tmp_path / "cuda", version=toolkit_version)
    top = redist_name(LINUX, archive_cuda)
    archive = make_tar(tmp_path / f"{top}.tar.xz", top, linux_files())
    before = snapshot(toolkit)
    want = 25 - archive_cuda
    with pytest.raises(CudnnError) as caught:
        install_cudnn(archive, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
    message = str(caught.value)
    assert f"This is a cuDNN for CUDA {archive_cuda}" in message
    assert f"needs {redist_name(LINUX, want)}" in message and message.count("\n") == 0
    assert snapshot(toolkit) == before and journal.entries() == []


def test_a_windows_archive_is_refused_for_a_linux_toolkit(tmp_path, toolkit, journal):
    top = redist_name("windows-x86_64", 12)
    archive = make_zip(tmp_path / f"{top}.zip", top, windows_files())
    with pytest.raises(CudnnError, match="is a cuDNN for windows-x86_64; .* for linux-x86_64"):
        install_cudnn(archive, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)


def test_a_folder_that_is_no_toolkit_is_refused(tmp_path, tar12, journal):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    with pytest.raises(CudnnError, match="not a CUDA toolkit folder"):
        install_cudnn(tar12, folder, LINUX, Reporter(), CancelToken(), journal=journal)
    assert list(folder.iterdir()) == []


def test_an_archive_that_names_no_cuda_major_is_copied_with_a_warning(tmp_path, toolkit, journal):
    archive = make_zip(tmp_path / "my cudnn.zip", "", linux_files())
    reporter = Recorder()
    install_cudnn(archive, toolkit, LINUX, reporter, CancelToken(), journal=journal)
    assert any("does not say which CUDA" in w and "_cuda12-archive" in w for w in reporter.warnings)
    assert os.readlink(toolkit / "lib64" / "libcudnn.so") == "libcudnn.so.9"  # zip symlinks


def fail_on_call(monkeypatch, owner, name: str, after: int) -> None:
    """Failure injection: the (after+1)-th call of owner.name raises 'disk full' (once: the
    rollback that follows may call it too)."""
    real, calls = getattr(owner, name), []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == after + 1:
            raise OSError(errno.ENOSPC, "No space left on device (injected)")
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)


@pytest.mark.parametrize(
    ("owner", "name"),
    [(transaction.Transaction, "_swap"), (transaction, "copy_file"), (transaction, "move")],
)
def test_a_failure_after_k_of_n_files_rolls_back_for_every_k(
    toolkit, tar12, journal, monkeypatch, owner, name
):
    add_old_cudnn(toolkit)
    before = snapshot(toolkit)
    items = len(plan_copy(read_archive(tar12), toolkit, LINUX).items)
    calls = {"_swap": items, "copy_file": 5, "move": 3}[name]  # files, regular files, replaced
    for k in range(calls):
        with monkeypatch.context() as patch:
            fail_on_call(patch, owner, name, k)
            with pytest.raises(CudnnError, match="put back as it was"):
                install_cudnn(tar12, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
        assert snapshot(toolkit) == before, f"after {k} of {calls}"
        assert journal.pending() == []  # each rolled-back install is marked undone
    assert not list((state_dir() / "backups" / "cudnn").glob("*/*"))


def test_after_a_crash_mid_copy_the_journal_alone_undoes_it(toolkit, tar12, journal, monkeypatch):
    add_old_cudnn(toolkit)
    before = snapshot(toolkit)
    items = len(plan_copy(read_archive(tar12), toolkit, LINUX).items)
    assert items >= 2  # a crash before the first file and after some
    for k in range(items):
        with monkeypatch.context() as patch:
            # The process "dies" after k files: no rollback runs, only the journal remains.
            patch.setattr(transaction.Transaction, "rollback", lambda self: [])
            patch.setattr(cudnn, "prune_empty", lambda folder: None)
            patch.setattr(journal, "mark_undone", lambda entry, **data: None)
            fail_on_call(patch, transaction.Transaction, "_swap", k)
            with pytest.raises(CudnnError):
                install_cudnn(tar12, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
            # after k files the toolkit is half-changed (none before the first)
            assert (snapshot(toolkit) != before) == (k > 0), f"crash after {k} of {items}"
        (entry,) = journal.pending()
        cudnn.undo(entry, Reporter(), CancelToken(), journal)
        assert snapshot(toolkit) == before, f"crash after {k} of {items}"


def test_cancel_mid_copy_rolls_back(toolkit, tar12, journal, monkeypatch):
    add_old_cudnn(toolkit)
    before = snapshot(toolkit)
    monkeypatch.setattr(transaction, "CHUNK", 64 * 1024)  # cancel is checked between chunks
    cancel = CancelToken()

    class CancelMidway(Reporter):
        calls = 0

        def progress(self, done, total=None, text=""):
            self.calls += text.startswith("4/")
            if self.calls == 3:  # the fourth file (the big .so), two chunks of it copied
                cancel.cancel()

    with pytest.raises(Cancelled):
        install_cudnn(tar12, toolkit, LINUX, CancelMidway(), cancel, journal=journal)
    assert snapshot(toolkit) == before and journal.pending() == []


def test_undo_leaves_a_file_the_user_changed_since_and_says_so(toolkit, tar12, journal):
    add_old_cudnn(toolkit)
    result = install_cudnn(tar12, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
    graph = toolkit / "include" / "cudnn_graph.h"  # new with the copy
    graph.write_bytes(b"/* edited by the user */\n")
    header = toolkit / "include" / "cudnn.h"  # replaced by the copy
    header.write_bytes(b"/* the user's own */\n")
    reporter = Recorder()
    undo_all(journal, reporter)
    assert graph.read_bytes() == b"/* edited by the user */\n"
    assert header.read_bytes() == b"/* the user's own */\n"
    assert any(str(graph) in w and "changed after" in w for w in reporter.warnings)
    assert any(str(header) in w and str(result.backup_dir) in w for w in reporter.warnings)
    assert (result.backup_dir / "include" / "cudnn.h").read_bytes() == b"/* cudnn 8 */\n"
    assert not (toolkit / "lib64" / "libcudnn.so.9.13.0").exists()  # the rest is undone
    assert os.readlink(toolkit / "lib64" / "libcudnn.so") == "libcudnn.so.8"
    (done,) = [e for e in journal.entries() if e.action == "undo"]
    assert len(done.data["left_alone"]) == 2


def test_a_read_only_folder_is_refused_before_any_change(toolkit, tar12, journal, monkeypatch):
    monkeypatch.setattr("app.steps.cudnn.plan._writable", lambda folder: False)  # injected
    with pytest.raises(CudnnError, match="only by root") as caught:
        install_cudnn(tar12, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
    assert caught.value.needs_admin is (not toolkit.is_relative_to(Path.home()))
    program_files = toolkit.parent
    monkeypatch.setenv("ProgramFiles", str(program_files))
    top = redist_name("windows-x86_64", 12)
    archive = make_zip(program_files / f"{top}.zip", top, windows_files())
    with pytest.raises(CudnnError, match="only administrators") as caught:
        install_cudnn(archive, toolkit, "windows-x86_64", Reporter(), CancelToken())
    assert caught.value.needs_admin is True
    assert journal.entries() == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_write_permission_is_refused(toolkit, tar12, journal):
    (toolkit / "include").chmod(0o555)
    try:
        with pytest.raises(CudnnError, match="only by root"):
            install_cudnn(tar12, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
    finally:
        (toolkit / "include").chmod(0o755)


def test_not_enough_space_is_refused_before_any_change(toolkit, tar12, journal, monkeypatch):
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr("shutil.disk_usage", lambda path: usage(10**9, 10**9 - 1000, 1000))
    before = snapshot(toolkit)
    with pytest.raises(CudnnError, match="Not enough free space"):
        install_cudnn(tar12, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
    assert snapshot(toolkit) == before


def test_an_interrupted_undo_can_simply_be_run_again(toolkit, tar12, journal, monkeypatch):
    add_old_cudnn(toolkit)
    before = snapshot(toolkit)
    install_cudnn(tar12, toolkit, LINUX, Reporter(), CancelToken(), journal=journal)
    (entry,) = journal.pending()
    with monkeypatch.context() as patch:
        fail_on_call(patch, transaction, "move", 1)  # the second backup fails to come back
        with pytest.raises(CudnnError, match="Undoing cuDNN stopped at .* then undo again"):
            cudnn.undo(entry, Reporter(), CancelToken(), journal)
    assert journal.pending() == [entry]
    reporter = Recorder()
    cudnn.undo(entry, reporter, CancelToken(), journal)
    assert snapshot(toolkit) == before and reporter.warnings == []
