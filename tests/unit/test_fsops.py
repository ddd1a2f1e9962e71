"""fsops.replace: a rename that an antivirus scan blocks for a moment is retried, and one that
stays blocked is reported as what it is (another program holds the file), not as a full disk."""

from __future__ import annotations

import errno
import os

import pytest

from app import fsops
from app.fsops import DELAYS, FileBusyError

pytestmark = pytest.mark.windows  # the errors are Windows'; the logic runs anywhere


def windows_error(winerror: int) -> OSError:
    """What os.replace raises on Windows (errno EACCES plus the Windows error code)."""
    error = PermissionError(errno.EACCES, "Access denied", "a.part", None, "a")
    error.winerror = winerror  # set by hand: off Windows, OSError ignores the argument
    return error


class Failing:
    """os.replace that fails `times` times with the given error, then really renames."""

    def __init__(self, times: float, error: OSError) -> None:
        self.times, self.error, self.calls = times, error, 0

    def __call__(self, src: str, dest: str) -> None:
        self.calls += 1
        if self.calls <= self.times:
            raise self.error
        os.replace(src, dest)


@pytest.fixture
def files(tmp_path):
    src, dest = tmp_path / "홍길동 x.part", tmp_path / "홍길동 x"
    src.write_text("new", encoding="utf-8")
    return src, dest


@pytest.mark.parametrize("winerror", [32, 33, 5])
def test_a_briefly_held_file_is_renamed_after_retries(files, winerror):
    src, dest = files
    sleeps: list[float] = []
    failing = Failing(3, windows_error(winerror))
    fsops.replace(src, dest, _replace=failing, _sleep=sleeps.append)
    assert dest.read_text(encoding="utf-8") == "new" and not src.exists()
    assert failing.calls == 4 and sleeps == list(DELAYS[:3])


def test_a_file_held_for_good_is_named_with_the_real_cause(files):
    src, dest = files
    sleeps: list[float] = []
    with pytest.raises(FileBusyError) as info:
        fsops.replace(
            src, dest, _replace=Failing(float("inf"), windows_error(32)), _sleep=sleeps.append
        )
    message = str(info.value)
    assert str(dest) in message and "in use by another program" in message
    assert "antivirus" in message and "Try again" in message
    assert "disk" not in message
    assert "\n" not in message
    assert sleeps == list(DELAYS) and 1.0 <= sum(sleeps) <= 2.0  # about pip's patience
    assert isinstance(info.value, OSError) and info.value.errno == errno.EACCES
    assert "in use by another program" in info.value.strerror  # short, for other messages
    assert src.exists()  # nothing lost


def test_access_denied_says_so(files):
    src, dest = files
    with pytest.raises(FileBusyError, match="Windows denied access") as info:
        fsops.replace(
            src, dest, _replace=Failing(float("inf"), windows_error(5)), _sleep=lambda s: None
        )
    assert "choose a folder you can write to" in str(info.value)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EXDEV, errno.EACCES])
def test_other_errors_are_raised_unchanged_at_once(files, code):
    src, dest = files
    error = OSError(code, os.strerror(code))
    sleeps: list[float] = []
    with pytest.raises(OSError) as info:
        fsops.replace(src, dest, _replace=Failing(1, error), _sleep=sleeps.append)
    assert info.value is error and sleeps == []


def test_disk_full_is_only_enospc():
    assert fsops.is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert not fsops.is_disk_full(windows_error(32))
    assert not fsops.is_disk_full(OSError(errno.EACCES, "Permission denied"))


def test_real_rename(files):
    src, dest = files
    fsops.replace(src, dest)
    assert dest.read_text(encoding="utf-8") == "new"


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_write_text_atomically_gives_a_shared_mode_or_keeps_the_old_one(tmp_path):
    new = tmp_path / "lab plan 실습.json"
    fsops.write_text_atomically(new, "한 줄\n", newline="\n")
    assert new.read_bytes() == "한 줄\n".encode() and new.stat().st_mode & 0o777 == 0o644
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    kept.chmod(0o600)
    fsops.write_text_atomically(kept, "new")
    assert kept.read_text() == "new" and kept.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt", "lab plan 실습.json"]


def test_write_text_atomically_leaves_nothing_when_it_fails(tmp_path):
    target = tmp_path / "a folder"
    target.mkdir()  # a folder cannot be replaced by a file
    with pytest.raises(OSError) as failed:
        fsops.write_text_atomically(target, "text")
    assert list(tmp_path.iterdir()) == [target] and target.is_dir()
    assert fsops.why_not_written(failed.value)  # a reason a person can read


def test_write_probe_error_tries_for_real_and_leaves_nothing(tmp_path):
    folder = tmp_path / "쓰기 folder"
    folder.mkdir()
    assert fsops.write_probe_error(folder) is None
    assert list(folder.iterdir()) == []  # the probe file is gone again
    missing = fsops.write_probe_error(tmp_path / "missing")
    assert isinstance(missing, FileNotFoundError)
