"""Run one step of our own CLI with administrator rights (Windows: the UAC prompt).

Only the step that needs the rights runs elevated, never the whole program: cuDNN copied into a
toolkit under Program Files, NVIDIA's installer, and the undo of those. The elevated process may
run as *another user* (a standard user types an administrator's password): its %LOCALAPPDATA%,
HKCU and environment are that user's. So everything it needs is passed explicitly on its command
line (before the command): the state folder (journal, backups, downloads), an exchange folder
where it streams its output and writes its result, and a cancel file it watches. The wizard
reads the output live into its log and the one-line error at the end; a cancel asks the child to
stop as Ctrl-C would (its step rolls back), and ends it only if it does not.
"""

from __future__ import annotations

import _thread
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import StepError
from app.events import Cancelled, CancelToken, Reporter
from app.paths import is_frozen, state_dir
from app.text import translate

SW_HIDE = 0
SEE_MASK_NOCLOSEPROCESS = 0x00000040
SEE_MASK_NOASYNC = 0x00000100
SEE_MASK_NOZONECHECKS = 0x00800000
COINIT_APARTMENTTHREADED = 0x2
COINIT_DISABLE_OLE1DDE = 0x4
WAIT_OBJECT_0 = 0
ERROR_CANCELLED = 1223  # the person said No to the UAC prompt
POLL_MS = 200
CANCEL_GRACE_S = 60.0  # a rollback of a cuDNN copy takes seconds; then the child is ended
ELEVATED_ENV = "PYTORCH_SETUP_ELEVATED"  # set in the elevated child: its journal entries say so
RESULT, OUTPUT, CANCEL = "result.json", "output.log", "cancel"


class ElevationError(StepError):
    pass


@dataclass
class ElevatedResult:
    code: int
    error: str = ""  # the child's last error line, what the user is shown
    output: list[str] = field(default_factory=list)  # every line it printed

    def raise_for(self, error_type: type[Exception], what: str) -> None:
        """A failed child as one line of `error_type`: its own error, not "see the log"."""
        if self.code == 0:
            return
        reason = self.error or translate("errors", "exit code {code}").format(code=self.code)
        raise error_type(
            translate("errors", "{what} as administrator failed: {reason}").format(
                what=what, reason=reason
            )
        )


def own_command(args: list[str]) -> tuple[str, list[str]]:
    """(program, arguments) that run our CLI: the packaged console twin, or python -m app."""
    if is_frozen():
        exe = sys.executable
        twin = exe.replace("pytorch-setup.exe", "pytorch-setup-cli.exe")
        return (twin if os.path.exists(twin) else exe), args
    return sys.executable, ["-m", "app", *args]


def parameters(args: list[str]) -> str:
    """One Windows command-line string, quoted the way the C runtime parses it back."""
    return subprocess.list2cmdline(args)


def child_arguments(args: list[str], exchange: Path, home: Path) -> list[str]:
    """The CLI arguments of the elevated child: what it cannot inherit, then the command."""
    return [
        "--state-dir",
        str(home),
        "--result-file",
        str(exchange / RESULT),
        "--cancel-file",
        str(exchange / CANCEL),
        *args,
    ]


def read_result(exchange: Path) -> ElevatedResult:
    """What the child wrote; a child that died without a word says so."""
    output = _read_lines(exchange / OUTPUT)
    try:
        data = json.loads((exchange / RESULT).read_text(encoding="utf-8"))
        return ElevatedResult(int(data["code"]), str(data.get("error") or ""), output)
    except (OSError, ValueError, KeyError, TypeError):
        last = output[-1] if output else ""
        reason = translate(
            "errors", "the step as administrator ended without a result (last output: {last})"
        ).format(last=last or "none")
        return ElevatedResult(1, reason, output)


def _new_lines(path: Path, position: int) -> tuple[list[str], int]:
    """The complete lines written to path since byte `position`, and the position after them:
    a poll reads only what is new (a three-hour installer run is not re-read every 200 ms)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(position)
            data = handle.read()
    except OSError:
        return [], position
    end = data.rfind(b"\n") + 1
    return data[:end].decode("utf-8", errors="replace").splitlines(), position + end


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def run_elevated(
    args: list[str],
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    *,
    owner: int | None = None,
    cwd: str | None = None,
) -> ElevatedResult:
    """Run our CLI with `args` as administrator, its output streamed into reporter.log."""
    if sys.platform != "win32":
        raise _only_on_windows()
    home = state_dir()
    exchange = home / "elevated" / uuid.uuid4().hex[:12]
    exchange.mkdir(parents=True, exist_ok=True)
    try:
        program, arguments = own_command(child_arguments(args, exchange, home))
        handle = _shell_execute_runas(program, parameters(arguments), cwd or os.getcwd(), owner)
        try:
            wait_for(handle, exchange, reporter or Reporter(), cancel)
        finally:
            _kernel32().CloseHandle(handle)
        return read_result(exchange)
    finally:
        shutil.rmtree(exchange, ignore_errors=True)


def wait_for(handle, exchange: Path, reporter: Reporter, cancel: CancelToken | None) -> None:
    """Wait for the child, passing on its new output lines; on cancel ask it to stop (the
    cancel file), and end it after CANCEL_GRACE_S. Raises Cancelled once it has ended."""
    kernel32 = _kernel32()
    position = 0
    asked_at: float | None = None
    while True:
        done = kernel32.WaitForSingleObject(handle, POLL_MS) == WAIT_OBJECT_0
        lines, position = _new_lines(exchange / OUTPUT, position)
        for line in lines:
            reporter.log(line)
        if done:
            break
        if cancel is not None and cancel.is_set and asked_at is None:
            (exchange / CANCEL).write_text("cancel", encoding="utf-8")
            asked_at = time.monotonic()
        if asked_at is not None and time.monotonic() - asked_at > CANCEL_GRACE_S:
            kernel32.TerminateProcess(handle, 1)
    if asked_at is not None:
        raise Cancelled()


def _only_on_windows() -> ElevationError:
    return ElevationError(
        translate("errors", "Asking for administrator rights is only done on Windows.")
    )


def _kernel32():
    if sys.platform != "win32":
        raise _only_on_windows()
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.WaitForSingleObject.argtypes = [wintypes.HANDLE, wintypes.DWORD]
    kernel32.WaitForSingleObject.restype = wintypes.DWORD
    kernel32.TerminateProcess.argtypes = [wintypes.HANDLE, wintypes.UINT]
    kernel32.TerminateProcess.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    kernel32.CloseHandle.restype = wintypes.BOOL
    return kernel32


def _shell_execute_runas(program: str, params: str, cwd: str, owner: int | None):
    """ShellExecuteExW with the "runas" verb; the new process's handle."""
    if sys.platform != "win32":
        raise _only_on_windows()
    import ctypes
    from ctypes import wintypes

    class ShellExecuteInfo(ctypes.Structure):
        _fields_ = [
            ("cbSize", wintypes.DWORD),
            ("fMask", wintypes.ULONG),
            ("hwnd", wintypes.HWND),
            ("lpVerb", wintypes.LPCWSTR),
            ("lpFile", wintypes.LPCWSTR),
            ("lpParameters", wintypes.LPCWSTR),
            ("lpDirectory", wintypes.LPCWSTR),
            ("nShow", ctypes.c_int),
            ("hInstApp", wintypes.HINSTANCE),
            ("lpIDList", ctypes.c_void_p),
            ("lpClass", wintypes.LPCWSTR),
            ("hkeyClass", wintypes.HKEY),
            ("dwHotKey", wintypes.DWORD),
            ("hIconOrMonitor", wintypes.HANDLE),
            ("hProcess", wintypes.HANDLE),
        ]

    shell32 = ctypes.WinDLL("shell32", use_last_error=True)
    shell32.ShellExecuteExW.argtypes = [ctypes.POINTER(ShellExecuteInfo)]
    shell32.ShellExecuteExW.restype = wintypes.BOOL
    ole32 = ctypes.WinDLL("ole32")
    ole32.CoInitializeEx.argtypes = [ctypes.c_void_p, wintypes.DWORD]
    ole32.CoInitializeEx.restype = ctypes.c_long

    info = ShellExecuteInfo()
    info.cbSize = ctypes.sizeof(info)
    # NOASYNC: we return at once from a worker thread; NOZONECHECKS: our own exe, no "downloaded
    # from the Internet" prompt on top of UAC's.
    info.fMask = SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC | SEE_MASK_NOZONECHECKS
    info.hwnd = owner  # the wizard's window: the UAC prompt comes up in front of it
    info.lpVerb = "runas"
    info.lpFile = program
    info.lpParameters = params
    info.lpDirectory = cwd
    info.nShow = SW_HIDE  # its output comes back into the wizard's log instead
    # ShellExecuteEx may use COM; Microsoft asks callers to initialise it (on this thread).
    initialised = ole32.CoInitializeEx(None, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE)
    try:
        if not shell32.ShellExecuteExW(ctypes.byref(info)):
            error = ctypes.get_last_error()
            if error == ERROR_CANCELLED:
                raise ElevationError(
                    translate("errors", "Administrator rights were not given: nothing was changed.")
                )
            raise ElevationError(
                translate(
                    "errors", "Could not start the step as administrator (error {error})."
                ).format(error=error)
            )
    finally:
        if initialised in (0, 1):  # S_OK, S_FALSE: balanced by CoUninitialize
            ole32.CoUninitialize()
    if not info.hProcess:
        raise ElevationError(
            translate("errors", "Could not start the step as administrator (no process).")
        )
    return info.hProcess


# --- the elevated child's side ----------------------------------------------------------------


class _Tee(io.TextIOBase):
    """A text stream that also appends every line to the exchange folder's output file."""

    def __init__(self, stream, sink, lock: threading.Lock, errors: list[str] | None) -> None:
        self._stream, self._sink, self._lock, self._errors = stream, sink, lock, errors
        self._pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        with contextlib.suppress(OSError, ValueError):
            self._stream.write(text)
        with self._lock:
            self._pending += text
            *lines, self._pending = self._pending.split("\n")
            for line in lines:
                self._sink.write(line + "\n")
                if self._errors is not None and line.strip():
                    self._errors.append(line)
            self._sink.flush()
        return len(text)

    def flush(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._stream.flush()


class ChildSession:
    """In the elevated child: output teed into the exchange folder, the cancel file watched
    (it stops the command as Ctrl-C would), the result written at the end."""

    def __init__(self, result_file: str, cancel_file: str | None) -> None:
        self.result = Path(result_file)
        self.cancel = Path(cancel_file) if cancel_file else None
        self.result.parent.mkdir(parents=True, exist_ok=True)
        self._sink = open(self.result.with_name(OUTPUT), "a", encoding="utf-8")  # noqa: SIM115
        self._errors: list[str] = []
        lock = threading.Lock()
        self._streams = (sys.stdout, sys.stderr)
        sys.stdout = _Tee(sys.stdout, self._sink, lock, None)
        sys.stderr = _Tee(sys.stderr, self._sink, lock, self._errors)
        self._stop = threading.Event()
        os.environ[ELEVATED_ENV] = "1"
        if self.cancel is not None:
            threading.Thread(target=self._watch, name="cancel-file", daemon=True).start()

    def _watch(self) -> None:
        while not self._stop.wait(POLL_MS / 1000):
            if self.cancel is not None and self.cancel.exists():
                _thread.interrupt_main()  # KeyboardInterrupt: the CLI's own clean cancel
                return

    def finish(self, code: int) -> None:
        self._stop.set()
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = self._streams
        self._sink.close()
        error = next(
            (line for line in reversed(self._errors) if line.startswith("pytorch-setup:")), ""
        )
        error = error.removeprefix("pytorch-setup: ").removeprefix("error: ")
        temporary = self.result.with_name(RESULT + ".tmp")
        temporary.write_text(json.dumps({"code": code, "error": error}), encoding="utf-8")
        os.replace(temporary, self.result)


def is_admin() -> bool:
    """Windows: whether this process already has administrator rights."""
    if sys.platform != "win32":
        return False
    import ctypes

    try:
        return bool(ctypes.windll.shell32.IsUserAnAdmin())
    except (AttributeError, OSError):
        return False
