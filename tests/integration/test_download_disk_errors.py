"""What download() says when a file cannot be written or put in place: a full disk only for a
real ENOSPC; a file another program holds (an antivirus scanning the new file) as just that,
after waiting a moment for it to let go. Real files, a real loopback server, real processes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.events import CancelToken, Reporter
from app.steps.download import Download, DownloadError, download
from tests.loopback import serve_files

BODY = os.urandom(256 * 1024)
SHA = hashlib.sha256(BODY).hexdigest()

# Opens argv[1] the way a scanner does (no delete sharing), says HELD, keeps it argv[2] seconds.
HOLDER = "import sys, time; f = open(sys.argv[1], 'rb'); print('HELD', flush=True); " + (
    "time.sleep(float(sys.argv[2]))"
)


class HoldWhenComplete(Reporter):
    """Once the whole body is written, another process opens the new file before the rename."""

    def __init__(self, part: Path, seconds: float) -> None:
        self.part, self.seconds = part, seconds
        self.holder: subprocess.Popen[bytes] | None = None

    def progress(self, done, total=None, text=""):
        if self.holder is None and total and done >= total:
            self.holder = subprocess.Popen(
                [sys.executable, "-c", HOLDER, str(self.part), str(self.seconds)],
                stdout=subprocess.PIPE,
            )
            assert self.holder.stdout.readline().strip() == b"HELD"  # type: ignore[union-attr]

    def close(self) -> None:
        if self.holder is not None:
            self.holder.kill()
            self.holder.wait(10)


@pytest.fixture
def mirror():
    with serve_files({"file.bin": BODY}) as server:
        yield server


def fetch(mirror, dest: Path, reporter: Reporter | None = None) -> Path:
    item = Download(mirror.url + "/file.bin", dest, sha256=SHA)
    return download(item, reporter or Reporter(), CancelToken(), allow_http=True, backoff=0.01)


windows = pytest.mark.skipif(os.name != "nt", reason="Windows' sharing rules block the rename")


@pytest.mark.windows
@windows
def test_a_briefly_held_new_file_is_put_in_place(mirror, tmp_path):
    dest = tmp_path / "홍길동 down" / "file.bin"
    reporter = HoldWhenComplete(dest.with_name("file.bin.part"), 0.4)
    try:
        assert fetch(mirror, dest, reporter) == dest
    finally:
        reporter.close()
    assert reporter.holder is not None  # the rename really met a held file
    assert dest.read_bytes() == BODY


@pytest.mark.windows
@windows
def test_a_file_held_for_good_is_blamed_on_the_holder_not_the_disk(mirror, tmp_path):
    dest = tmp_path / "홍길동 down" / "file.bin"
    reporter = HoldWhenComplete(dest.with_name("file.bin.part"), 30)
    try:
        with pytest.raises(DownloadError) as info:
            fetch(mirror, dest, reporter)
    finally:
        reporter.close()
    message = str(info.value)
    assert "in use by another program" in message and "antivirus" in message
    assert "disk" not in message.lower()
    assert dest.with_name("file.bin.part").read_bytes() == BODY  # kept for the next try


@pytest.mark.skipif(
    os.name == "nt" or not os.path.exists("/dev/full"),
    reason="needs Linux's /dev/full (a disk that is always full)",
)
def test_a_full_disk_says_so(mirror, tmp_path):
    dest = tmp_path / "file.bin"
    dest.with_name("file.bin.part").symlink_to("/dev/full")  # every write: ENOSPC
    with pytest.raises(DownloadError, match="the disk is full. Free some disk space"):
        fetch(mirror, dest)


@pytest.mark.skipif(
    os.name == "nt", reason="Windows reports a folder in the way as access denied (WinError 5)"
)
def test_other_write_errors_do_not_mention_disk_space(mirror, tmp_path):
    dest = tmp_path / "file.bin"
    (dest / "in the way").mkdir(parents=True)  # a folder where the file should go
    with pytest.raises(DownloadError) as info:
        fetch(mirror, dest)
    assert "disk" not in str(info.value).lower()
    assert "choose a folder you can write to" in str(info.value)
