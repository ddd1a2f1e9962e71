"""app.proc with real child processes (sys.executable -c scripts); nothing here is mocked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from app import proc
from app.events import Cancelled, CancelToken
from app.proc import ProcError, ProcResult, child_env, decode_line, kill_tree, run

PY = sys.executable
KOREAN = "설치 완료"

# A child that starts a grandchild (sleeping 60 s), prints "PIDS <child> <grandchild>", sleeps.
TREE_SCRIPT = r"""
import os, subprocess, sys, time
g = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print("PIDS", os.getpid(), g.pid, flush=True)
time.sleep(60)
"""


def _cp949_is_fallback() -> bool:
    """cp949 bytes decode to Korean when cp949 is tried before the replacement decode: on a
    utf-8 or cp949 locale. A permissive single-byte locale (cp1252) would win first."""
    return proc._fallback_encodings()[0] == "cp949"


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _wait_gone(pids: list[int], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(_gone(p) for p in pids):
            return True
        time.sleep(0.02)
    return all(_gone(p) for p in pids)


@pytest.fixture
def pids_to_reap():
    """pids a test started indirectly; ended at teardown even when the test fails."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        kill_tree(pid, grace=0.2)


# --- decode_line ------------------------------------------------------------------------------


def test_decode_line_utf8_korean_and_line_endings():
    assert decode_line(KOREAN.encode("utf-8") + b"\r\n") == KOREAN
    assert decode_line(b"plain\n") == "plain"
    assert decode_line(b"") == ""
    assert decode_line(bytearray(b"progress\r50%\r")) == "progress\r50%"  # inner \r kept


def test_decode_line_cp949():
    text = decode_line(KOREAN.encode("cp949"))
    assert isinstance(text, str)
    if _cp949_is_fallback():
        assert text == KOREAN


def test_decode_line_invalid_bytes_never_raise():
    for raw in (b"\xff\xfe\xfa", b"\x80", b"abc\xff", bytes(range(256))):
        assert isinstance(decode_line(raw), str)
    if _cp949_is_fallback():  # 0xFF is no cp949 lead byte: falls through to replacement
        assert decode_line(b"\xff\xfe\xfa") == "\ufffd" * 3


# --- child_env --------------------------------------------------------------------------------


def test_child_env_forces_utf8_and_unbuffered():
    env = child_env({"PATH": "/bin", "PYTHONIOENCODING": "latin-1"}, extra={"X": "1"})
    assert env == {"PATH": "/bin", "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1", "X": "1"}
    assert child_env()["PATH"] == os.environ.get("PATH", child_env().get("PATH"))


def test_child_env_frozen_restores_library_paths(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", "/tmp/_MEI123", raising=False)
    base = {
        "LD_LIBRARY_PATH": "/tmp/_MEI123:/opt/lib",
        "LD_LIBRARY_PATH_ORIG": "/opt/lib",
        "DYLD_LIBRARY_PATH": "/tmp/_MEI123:/Users/me/lib",
        "PATH": "/tmp/_MEI123:/tmp/_MEI123/PySide6:/usr/bin:/tmp/_MEI1234/bin:/home/홍길동/bin",
        "PYSIDE6_OPTION_PYTHON_ENUM": "1",
        "PYTHONHOME": "/tmp/_MEI123",
        "PYTHONPATH": "/tmp/_MEI123",
        "QT_PLUGIN_PATH": "/tmp/_MEI123/PySide6/Qt/plugins",
        "_PYI_APPLICATION_HOME_DIR": "/tmp/_MEI123",
        "KEEP": "yes",
    }
    env = child_env(base)
    assert env["LD_LIBRARY_PATH"] == "/opt/lib"
    assert "LD_LIBRARY_PATH_ORIG" not in env
    assert env["DYLD_LIBRARY_PATH"] == "/Users/me/lib"  # the user's own entry stays
    # the bundle and every folder in it go; a sibling that merely starts alike stays
    assert env["PATH"] == "/usr/bin:/tmp/_MEI1234/bin:/home/홍길동/bin"
    assert "PYSIDE6_OPTION_PYTHON_ENUM" not in env
    assert "PYTHONHOME" not in env and "PYTHONPATH" not in env
    assert "QT_PLUGIN_PATH" not in env and "_PYI_APPLICATION_HOME_DIR" not in env
    assert env["PYINSTALLER_RESET_ENVIRONMENT"] == "1"
    assert env["KEEP"] == "yes"


# --- run --------------------------------------------------------------------------------------


def test_huge_output_does_not_deadlock():
    # 50 MB on stdout in 100-byte lines, with a line on stderr after every 100 KB block.
    script = r"""
import sys
block = (b"x" * 99 + b"\n") * 1000
for _ in range(500):
    sys.stdout.buffer.write(block)
    sys.stdout.buffer.flush()
    sys.stderr.buffer.write(b"err\n")
    sys.stderr.buffer.flush()
"""
    counts = {"x": 0, "err": 0, "other": 0, "bytes": 0}

    def on_line(line: str) -> None:
        counts["bytes"] += len(line) + 1
        if line == "x" * 99:
            counts["x"] += 1
        elif line == "err":
            counts["err"] += 1
        else:
            counts["other"] += 1

    result = run([PY, "-c", script], on_line=on_line, capture=False, timeout=120)
    assert not result.timed_out, "50 MB of output did not finish in 120 s (deadlock?)"
    assert result.ok
    assert result.output == ""
    assert counts["x"] == 500_000
    assert counts["err"] == 500
    assert counts["other"] == 0
    assert counts["bytes"] == 50_000_000 + 500 * 4


def test_non_utf8_output_is_decoded():
    script = f"""
import sys
sys.stdout.buffer.write({KOREAN!r}.encode("cp949") + b"\\n")
sys.stdout.buffer.write(b"\\xff\\xfe\\xfa\\n")
print({KOREAN!r})
"""
    result = run([PY, "-c", script], timeout=30)
    assert result.ok
    lines = result.output.split("\n")
    assert len(lines) == 3
    assert all(isinstance(line, str) for line in lines)
    assert lines[2] == KOREAN  # utf-8 (PYTHONIOENCODING from child_env)
    if _cp949_is_fallback():
        assert lines[0] == KOREAN


def test_cancel_ends_child_and_grandchild(pids_to_reap):
    token = CancelToken()
    pids: list[int] = []
    stamp: dict[str, float] = {}

    def fire() -> None:
        stamp["cancel"] = time.monotonic()
        token.cancel()

    def on_line(line: str) -> None:
        if line.startswith("PIDS "):
            pids.extend(int(p) for p in line.split()[1:])
            pids_to_reap.extend(pids)
            threading.Timer(0.2, fire).start()

    with pytest.raises(Cancelled):
        run([PY, "-c", TREE_SCRIPT], cancel=token, on_line=on_line, timeout=60)
    ended = time.monotonic()
    assert len(pids) == 2, "the child never reported its pids"
    assert ended - stamp["cancel"] < 2.0
    assert _wait_gone(pids, 2.0), f"still running after cancel: {pids}"


def test_timeout_kills_tree(pids_to_reap):
    pids: list[int] = []

    def on_line(line: str) -> None:
        if line.startswith("PIDS "):
            pids.extend(int(p) for p in line.split()[1:])
            pids_to_reap.extend(pids)

    result = run([PY, "-c", TREE_SCRIPT], on_line=on_line, timeout=1.5)
    assert result.timed_out
    assert not result.ok
    assert result.seconds < 10
    assert len(pids) == 2
    assert _wait_gone(pids, 2.0), f"still running after timeout: {pids}"


def test_escaped_grandchild_holding_pipe_does_not_hang(pids_to_reap):
    # The child exits at once; its grandchild keeps our pipe open for 60 s.
    script = r"""
import subprocess, sys
g = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print("GRANDCHILD", g.pid, flush=True)
"""
    start = time.monotonic()
    result = run([PY, "-c", script], timeout=30)
    assert time.monotonic() - start < 10
    assert result.ok and not result.timed_out
    assert result.output.startswith("GRANDCHILD ")
    pids_to_reap.append(int(result.output.split()[1]))


def test_arguments_and_cwd_arrive_verbatim(tmp_path: Path):
    folder = tmp_path / "홍길동 폴더 with space"
    folder.mkdir()
    script = folder / "인자 출력.py"
    script.write_text(
        "import json, os, sys\nprint(json.dumps([sys.argv[1:], os.getcwd()]))\n",
        encoding="utf-8",
    )
    args = [
        "a b",
        'a "b" c',
        "it's",
        "홍길동 폴더",
        "",
        "back\\slash\\",
        'trailing quote"',
        "%PATH%",
        "$HOME",
        "*",
        "semi;colon & amp | pipe",
    ]
    result = run([PY, script, *args], cwd=folder, timeout=30)
    assert result.ok, result.output
    argv, cwd = json.loads(result.output)
    assert argv == args
    assert os.path.realpath(cwd) == os.path.realpath(folder)
    assert result.args == [PY, os.fspath(script), *args]


def test_missing_program_raises_proc_error(tmp_path: Path):
    with pytest.raises(ProcError) as info:
        run(["definitely-not-a-program-7f3a"])
    assert "definitely-not-a-program-7f3a" in str(info.value)
    assert "not found" in str(info.value)

    missing = tmp_path / "없는 폴더" / "tool.exe"
    with pytest.raises(ProcError, match="tool.exe"):
        run([missing])

    with pytest.raises(ProcError, match="working folder"):
        run([PY, "-c", "pass"], cwd=tmp_path / "nowhere")


@pytest.mark.skipif(os.name == "nt", reason="POSIX execute permission")
def test_not_executable_raises_proc_error(tmp_path: Path):
    # exec() of a directory is EACCES even for root; a file without +x only for other users.
    folder = tmp_path / "폴더 dir"
    folder.mkdir()
    with pytest.raises(ProcError, match="permission denied") as info:
        run([folder])
    assert os.fspath(folder) in str(info.value)
    if os.geteuid() != 0:
        tool = tmp_path / "tool.sh"
        tool.write_text("#!/bin/sh\necho hi\n")
        tool.chmod(0o644)
        with pytest.raises(ProcError, match="permission denied"):
            run([tool])


def test_already_cancelled_starts_nothing(tmp_path: Path):
    marker = tmp_path / "started"
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        run([PY, "-c", f"open({str(marker)!r}, 'w').close()"], cancel=token)
    time.sleep(0.3)
    assert not marker.exists()


def test_stderr_merged_and_returncode():
    script = (
        "import sys; print('to out', flush=True); print('to err', file=sys.stderr); sys.exit(3)"
    )
    result = run([PY, "-c", script], timeout=30)
    assert isinstance(result, ProcResult)
    assert result.returncode == 3
    assert not result.ok
    assert not result.timed_out
    assert result.output.split("\n") == ["to out", "to err"]

    good = run([PY, "-c", "print('fine')"], timeout=30)
    assert good.ok and good.returncode == 0 and good.output == "fine"


def test_max_capture_lines_keeps_the_tail():
    seen: list[str] = []
    result = run(
        [PY, "-c", "for i in range(10): print(i)"],
        on_line=seen.append,
        max_capture_lines=3,
        timeout=30,
    )
    assert result.output == "7\n8\n9"
    assert seen == [str(i) for i in range(10)]


def test_on_line_error_ends_child_and_propagates(pids_to_reap):
    class Boom(Exception):
        pass

    def on_line(line: str) -> None:
        if line.startswith("PIDS "):
            pids_to_reap.extend(int(p) for p in line.split()[1:])
            raise Boom

    start = time.monotonic()
    with pytest.raises(Boom):
        run([PY, "-c", TREE_SCRIPT], on_line=on_line, timeout=60)
    assert time.monotonic() - start < 10
    assert _wait_gone(list(pids_to_reap), 2.0)


def test_env_is_passed():
    env = child_env(extra={"PROC_TEST_VALUE": "홍길동"})
    result = run([PY, "-c", "import os; print(os.environ['PROC_TEST_VALUE'])"], env=env)
    assert result.output == "홍길동"


def test_kill_tree_of_gone_process_does_not_raise():
    """A pid that is gone: kill_tree returns at once (no grace period waited) and signals
    nobody else (a bystander in its own session lives on)."""
    bystander = subprocess.Popen([PY, "-c", "import time; time.sleep(60)"], start_new_session=True)
    try:
        result = run([PY, "-c", "import os; print(os.getpid())"], timeout=30)
        gone = int(result.output)
        assert not psutil.pid_exists(gone)  # run() has reaped it
        started = time.monotonic()
        kill_tree(gone, grace=5.0)  # long gone
        assert time.monotonic() - started < 1.0
        assert bystander.poll() is None
    finally:
        bystander.kill()
        bystander.wait()


def test_open_url_frozen_on_linux_starts_xdg_open_without_the_bundle(tmp_path, monkeypatch):
    from app.proc import open_url

    assert open_url("https://example.org") is False  # from source: Qt's usual way
    record = tmp_path / "opened.txt"
    opener = tmp_path / "bin" / "xdg-open"
    opener.parent.mkdir()
    opener.write_text(f'#!/bin/sh\necho "$1 ${{LD_LIBRARY_PATH:-none}}" > "{record}"\n')
    opener.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", "/tmp/_MEI9", raising=False)
    monkeypatch.setenv("PATH", f"{opener.parent}:/usr/bin:/bin")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/tmp/_MEI9")
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    assert open_url("https://www.nvidia.com/Download/index.aspx") is True
    deadline = time.monotonic() + 10
    # the shell creates the file before echo fills it: wait for the whole line
    while time.monotonic() < deadline and not (
        record.exists() and record.read_text().endswith("\n")
    ):
        time.sleep(0.05)
    assert record.read_text().split() == ["https://www.nvidia.com/Download/index.aspx", "none"]
