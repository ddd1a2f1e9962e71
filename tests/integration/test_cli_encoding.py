"""What the CLI writes into a pipe or a file is UTF-8, whatever the system's code page: on
Windows, Python would write piped output in the ANSI code page (cp1252, cp949) and the
CLI's errors="replace" turned C:\\Users\\홍길동\\토치 env into "??? env". A console keeps its own
encoding; a windowed build (no stdout or stderr at all) still runs.

On Linux the Windows pipe is reproduced with PYTHONIOENCODING=cp1252 (what Windows' ANSI code
page gives a pipe); in the Windows lane the real code page does it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.windows
ROOT = Path(__file__).resolve().parents[2]
KOREAN = r"C:\Users\홍길동\토치 env\Scripts\python.exe"


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    if os.name != "nt":
        env["PYTHONIOENCODING"] = "cp1252"  # the ANSI code page a Windows pipe gets
    env.update(extra)
    return env


def run_piped(*args: str) -> subprocess.CompletedProcess:
    """The CLI with stdout and stderr as pipes, read as bytes (decoded by the test)."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        timeout=120,
    )


def test_scan_json_into_a_pipe_keeps_a_korean_path(tmp_path):
    scripts = "Scripts" if os.name == "nt" else "bin"
    python = tmp_path / "홍길동" / "토치 env" / scripts / "python.exe"
    python.parent.mkdir(parents=True)
    python.write_bytes(b"")  # not a Python: it is kept in the profile as the target anyway
    result = run_piped("scan", "--json", "--python", str(python))
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    profile = json.loads(result.stdout.decode("utf-8"))
    assert profile["python"]["executable"] == str(python)


def test_an_error_line_into_a_pipe_keeps_a_korean_path():
    result = run_piped("scan", "--python", KOREAN)
    assert result.returncode == 2
    assert result.stderr.decode("utf-8").strip() == (
        f"pytorch-setup: error: --python {KOREAN}: no such file"
    )


def test_a_file_gets_utf8_too(tmp_path):
    out = tmp_path / "scan 결과.txt"
    with open(out, "wb") as handle:
        result = subprocess.run(
            [sys.executable, "-m", "app", "scan", "--python", KOREAN],
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=child_env(),
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            timeout=120,
        )
    assert result.returncode == 2
    assert KOREAN in out.read_bytes().decode("utf-8")


@pytest.mark.skipif(os.name == "nt", reason="a pseudo-terminal is a POSIX thing")
def test_a_terminal_keeps_its_own_encoding():
    """A Korean terminal in EUC-KR (here a real pseudo-terminal) gets EUC-KR, not UTF-8."""
    import pty

    main, side = pty.openpty()
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "app", "scan", "--python", KOREAN],
            stdin=subprocess.DEVNULL,
            stdout=side,
            stderr=side,
            env=child_env(PYTHONIOENCODING="euc-kr"),
            cwd=ROOT,
        )
        os.close(side)
        data = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            data += chunk
        assert child.wait(timeout=120) == 2
    finally:
        os.close(main)
    assert KOREAN in data.decode("euc-kr")


def test_a_windowed_build_without_stdout_and_stderr_runs():
    """A windowed (frozen) build starts with sys.stdout and sys.stderr set to None."""
    code = (
        "import sys\n"
        "sys.stdout = sys.stderr = None\n"
        "from app.cli import main\n"
        f"raise SystemExit(main(['scan', '--python', {KOREAN!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
