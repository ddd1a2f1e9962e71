"""The project's one subprocess runner: argument lists, streamed lines, cancel kills the tree.

Every child program (pip, conda, nvcc, the target Python) is started through run():

- an argument list, never a shell, so paths with spaces or Korean text arrive verbatim;
- stdout and stderr merged into one pipe that a reader thread drains in binary, so a flood of
  output can never fill the pipe and deadlock the child;
- each line decoded robustly (utf-8, then the locale's code page, then cp949) so odd bytes
  never crash the engine;
- the child in its own session / process group (POSIX) or Job object (Windows), so a cancel or
  timeout ends it *and* whatever it started (pip's build backends, conda's solver helpers), and
  on Windows our own death ends the tree too;
- the environment cleaned of the variables a frozen (PyInstaller) build injects.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import locale
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import psutil

from app.errors import StepError
from app.events import Cancelled, CancelToken
from app.paths import is_frozen
from app.text import translate

_log = logging.getLogger("pytorch_setup")

_POLL_S = 0.05  # main-thread wait slice: bounds how late a timeout or error is noticed
_READER_JOIN_S = 2.0  # how long to wait for the pipe's EOF once the child has exited
_REAP_S = 5.0  # how long to wait for the child itself after SIGKILL
_CHUNK = 64 * 1024
_MAX_LINE = 1024 * 1024  # a "line" longer than this is passed on in pieces (bounded memory)


class ProcError(StepError):
    """The program could not be started. str() is one user-facing line: what, why, what to do."""


@dataclass
class ProcResult:
    args: list[str]
    returncode: int | None  # None only when the child could not be reaped after a kill
    output: str  # captured lines joined with "\n" ("" when capture=False)
    timed_out: bool
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


# --- decoding ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _fallback_encodings() -> tuple[str, ...]:
    """Strict encodings to try after utf-8, in order (normalized codec names, no duplicates).

    1. The locale's encoding: what a non-Python child writes into a pipe (cp949 on Korean
       Windows, cp1252 on Western Windows). locale.getencoding() (3.11+) ignores Python's UTF-8
       mode, which would otherwise hide the real code page behind "utf-8".
    2. cp949, even when the locale is something else: Korean is the one non-English audience we
       ship for, and the only other outcome is U+FFFD garbage. cp949 is strict enough (0x80 and
       0xFF are never lead bytes, trail bytes are constrained) that random binary usually fails
       it and still falls through to the replacement decode. On a cp1252 locale it is practically
       never reached, since cp1252 accepts almost every byte.
    """
    getencoding = getattr(locale, "getencoding", None)
    try:
        loc = getencoding() if getencoding else locale.getpreferredencoding(False)
    except Exception:  # a broken locale must not break decoding
        loc = ""
    names: list[str] = []
    for candidate in (loc, "cp949"):
        try:
            name = codecs.lookup(candidate).name if candidate else ""
        except LookupError:
            continue
        if name and name != "utf-8" and name not in names:
            names.append(name)
    return tuple(names)


def decode_line(raw: bytes) -> str:
    """Decode one line of child output; never raises. Trailing \\r and \\n are stripped.

    Order: utf-8 (our Python children are forced to it), the locale's encoding, cp949, and
    finally utf-8 with errors="replace". Stripping happens on bytes: \\r and \\n never occur
    inside a utf-8 or cp949 multi-byte character.
    """
    raw = bytes(raw).rstrip(b"\r\n")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _fallback_encodings():
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


# --- environment ------------------------------------------------------------------------------


def child_env(
    base: Mapping[str, str] | None = None, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment for a child: a copy of os.environ (or base), cleaned, then extra applied.

    PYTHONIOENCODING=utf-8 makes Python children write utf-8 whatever the console code page;
    PYTHONUNBUFFERED=1 makes them flush each line, so output streams live instead of arriving
    in 8 KiB lumps. In a frozen build, the bootloader points the library path at its own bundle
    and may set PYTHONHOME/PYTHONPATH: left in place, the target Python would load our bundled
    libraries (or fail to start), so they are restored from PyInstaller's *_ORIG copies or
    removed.
    """
    env = dict(os.environ if base is None else base)
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUNBUFFERED"] = "1"
    if is_frozen():
        _unfreeze_env(env, getattr(sys, "_MEIPASS", None))
    if extra:
        env.update(extra)
    return env


def _unfreeze_env(env: dict[str, str], bundle: str | None) -> None:
    """Take out what PyInstaller's bootloader and its PySide6 hook put in for our own process."""
    for var in ("LD_LIBRARY_PATH", "LIBPATH"):
        original = env.pop(var + "_ORIG", None)
        if original:
            env[var] = original
        else:
            env.pop(var, None)
    for var in ("PYTHONHOME", "PYTHONPATH", "QT_PLUGIN_PATH", "QML2_IMPORT_PATH"):
        env.pop(var, None)
    for var in [v for v in env if v.startswith("_PYI_")]:
        env.pop(var)
    # A child that is itself a PyInstaller program (conda-standalone, the Miniforge installer)
    # must set up its own bundle rather than trust variables inherited from ours.
    env["PYINSTALLER_RESET_ENVIRONMENT"] = "1"
    env.pop("DYLD_LIBRARY_PATH_ORIG", None)
    env.pop("PYSIDE6_OPTION_PYTHON_ENUM", None)
    if bundle:
        # PATH (Windows) and DYLD_LIBRARY_PATH (macOS) get the bundle, and on Windows PySide6's
        # folder inside it (Qt and MSVC runtime DLLs), put in front: take out every entry in
        # the bundle, keeping the user's own value.
        root = os.path.normcase(os.path.abspath(bundle)).rstrip("\\/")

        def inside(entry: str) -> bool:
            folder = os.path.normcase(os.path.abspath(entry)).rstrip("\\/")
            return folder == root or folder.startswith(root + os.sep)

        for var in ("PATH", "DYLD_LIBRARY_PATH"):
            if var in env:
                kept = [p for p in env[var].split(os.pathsep) if p and not inside(p)]
                if kept:
                    env[var] = os.pathsep.join(kept)
                else:
                    env.pop(var)


def _cleaned(env: Mapping[str, str]) -> dict[str, str]:
    """A caller's environment, with a frozen build's own variables still taken out."""
    env = dict(env)
    if is_frozen():
        _unfreeze_env(env, getattr(sys, "_MEIPASS", None))
    return env


_DLL_LOCK = threading.Lock()


@contextlib.contextmanager
def _default_dll_search():
    """Frozen on Windows: PyInstaller's loader calls SetDllDirectoryW(bundle), which children
    inherit, so a target Python could load our bundled DLLs. Reset it around the child's start
    only: our own later imports still need it."""
    bundle = getattr(sys, "_MEIPASS", None)
    if sys.platform != "win32" or not is_frozen() or not bundle:
        yield
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32
    with _DLL_LOCK:
        kernel32.SetDllDirectoryW(None)
        try:
            yield
        finally:
            kernel32.SetDllDirectoryW(bundle)


def display(args: Sequence[str | os.PathLike]) -> str:
    """A command as a person would type it, quoted where needed (for logs and copy buttons);
    commands themselves always run as argument lists, never through a shell."""
    if os.name == "nt":
        return subprocess.list2cmdline([os.fspath(a) for a in args])
    import shlex

    return shlex.join(os.fspath(a) for a in args)


# --- killing a process tree -------------------------------------------------------------------


def kill_tree(pid: int, grace: float = 1.0) -> None:
    """End a process and all its descendants: terminate, wait up to grace, then kill.

    Never raises for processes that are already gone. On POSIX, when pid leads its own process
    group (run() starts children with start_new_session), the whole group is signalled too: that
    also reaches grandchildren whose parent already exited (they are reparented, so psutil can no
    longer find them through pid).
    """
    group = False
    if sys.platform != "win32":
        try:
            group = os.getpgid(pid) == pid
        except (ProcessLookupError, PermissionError):
            # The leader is gone; its group lives on while any member does. A group id is never
            # handed out as a new pid while the group exists, so signalling it is safe.
            group = True
    _kill_tree(pid, grace, group=group, popen=None)


def _signal_group(pgid: int, sig: int) -> None:
    if sys.platform == "win32" or pgid <= 1:
        return
    with contextlib.suppress(OSError):
        if pgid == os.getpgrp():  # never signal our own group
            return
        os.killpg(pgid, sig)


def _kill_tree(
    pid: int, grace: float, *, group: bool, popen: subprocess.Popen[bytes] | None
) -> None:
    """Shared by kill_tree() and run(). With popen, the root is signalled and reaped through
    Popen (psutil.wait() would reap our own child behind Popen's back and lose its exit code,
    and Popen refuses to signal a pid it has already reaped, which rules out pid reuse)."""
    root: psutil.Process | None = None
    descendants: list[psutil.Process] = []
    # Collect the descendants first: once the root dies they are reparented and lost to us.
    if popen is None or popen.returncode is None:
        try:
            root = psutil.Process(pid)
            descendants = root.children(recursive=True)
        except psutil.Error:
            pass
    if popen is not None:
        root = None  # handled through popen below

    def signal_all(hard: bool) -> None:
        if group and sys.platform != "win32":  # process groups are POSIX's
            _signal_group(pid, signal.SIGKILL if hard else signal.SIGTERM)
        if popen is not None:
            with contextlib.suppress(OSError):
                popen.kill() if hard else popen.terminate()
        for proc in [*descendants, *([root] if root is not None else [])]:
            with contextlib.suppress(psutil.Error):
                proc.kill() if hard else proc.terminate()  # psutil checks for pid reuse

    def wait_all(seconds: float) -> list[psutil.Process]:
        deadline = time.monotonic() + seconds
        if popen is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                popen.wait(timeout=max(0.0, seconds))
        others = [*descendants, *([root] if root is not None else [])]
        return _wait_gone(others, max(0.0, deadline - time.monotonic()))

    signal_all(hard=False)
    alive = wait_all(grace)
    if alive or (popen is not None and popen.returncode is None) or group:
        # SIGKILL the group unconditionally: members that escaped psutil (double forks) and
        # ignored SIGTERM are still in it. ESRCH when everything is already gone is harmless.
        signal_all(hard=True)
        wait_all(_REAP_S if popen is not None and popen.returncode is None else 0.5)


def _is_gone(proc: psutil.Process) -> bool:
    # A zombie has ended; only its parent (or, in a container, a PID 1 that may never reap)
    # can remove it, so waiting for it to vanish would just burn the grace period.
    try:
        return not proc.is_running() or proc.status() == psutil.STATUS_ZOMBIE
    except psutil.Error:
        return True


def _wait_gone(procs: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    """Wait until every process has ended (zombies count as ended); return those still alive.

    Not psutil.wait_procs(): it reaps our own children behind Popen's back and waits for
    zombies to be reaped.
    """
    deadline = time.monotonic() + timeout
    alive = [p for p in procs if not _is_gone(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.02)
        alive = [p for p in alive if not _is_gone(p)]
    return alive


class _TreeKiller:
    """Ends run()'s child tree at most once, on a daemon thread.

    A cancel callback runs on the cancelling thread (often the GUI thread); it must start the
    kill at once but must not block for the grace period, hence the thread.
    """

    def __init__(self, popen: subprocess.Popen[bytes], grace: float, job=None) -> None:
        self._popen = popen
        self._grace = grace
        self._job = job  # app.winjob.Job on Windows, when the child could be put in one
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="proc-kill", daemon=True)
            self._thread.start()

    def join(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            if self._job is not None and self._job.terminate():
                # Windows has no gentle stop for console children either (Popen.terminate is
                # TerminateProcess), so the job ends the whole tree at once.
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._popen.wait(timeout=_REAP_S)
                    return
            _kill_tree(self._popen.pid, self._grace, group=os.name != "nt", popen=self._popen)
        except Exception:  # a failed kill is logged, never crashes a thread
            _log.exception("could not end process tree %s", self._popen.pid)


# --- reading output ---------------------------------------------------------------------------


class _Reader(threading.Thread):
    """Drains the merged stdout/stderr pipe in binary, splits lines, decodes, hands them on.

    It owns the pipe and closes it at EOF. If on_line raises, the error is kept for run() to
    re-raise, and the pipe is still drained so the child never blocks on a full pipe.
    """

    def __init__(
        self,
        stream,
        on_line: Callable[[str], None] | None,
        sink: deque[str] | None,
    ) -> None:
        super().__init__(name="proc-reader", daemon=True)
        self._stream = stream
        self._on_line = on_line
        self._sink = sink
        self.error: BaseException | None = None
        self.abandoned = threading.Event()  # set by run() when it stops waiting for us

    def run(self) -> None:
        pending = b""
        try:
            while True:
                chunk = self._stream.read(_CHUNK)  # unbuffered: returns what is available
                if not chunk:
                    break
                *lines, pending = (pending + chunk).split(b"\n")
                for raw in lines:
                    self._emit(raw)
                if len(pending) > _MAX_LINE:
                    self._emit(pending)
                    pending = b""
            if pending:
                self._emit(pending)
        except (OSError, ValueError):
            pass  # pipe closed under us: nothing more to read
        finally:
            with contextlib.suppress(OSError):
                self._stream.close()

    def _emit(self, raw: bytes) -> None:
        if self.abandoned.is_set():
            return
        line = decode_line(raw)
        if self._sink is not None:
            self._sink.append(line)
        if self._on_line is not None and self.error is None:
            try:
                self._on_line(line)
            except BaseException as exc:  # re-raised on the caller's thread
                self.error = exc


# --- run --------------------------------------------------------------------------------------


def _start_error(program: str, exc: OSError, cwd: str | None) -> ProcError:
    # Whole sentences of the catalogue: the interface shows them in its language.
    if cwd is not None and exc.filename is not None and os.fspath(exc.filename) == cwd:
        text = translate(
            "proc",
            "Could not start {program}: the working folder {cwd} does not exist or cannot be "
            "opened. Choose an existing folder and try again.",
        ).format(program=program, cwd=cwd)
    elif isinstance(exc, FileNotFoundError):
        text = translate(
            "proc",
            "Could not start {program}: the program was not found. Check that it is "
            "installed and that the path is correct.",
        ).format(program=program)
    elif isinstance(exc, PermissionError):
        text = translate(
            "proc",
            "Could not start {program}: permission denied (it is not executable, or you may "
            "not open it). Check the file's permissions, or pick a program you are allowed "
            "to run.",
        ).format(program=program)
    elif getattr(exc, "errno", None) == 8:  # ENOEXEC
        text = translate(
            "proc",
            "Could not start {program}: it is not a program this system can run (wrong "
            "architecture, or a script without a #! line). Use a build of the program made "
            "for this computer.",
        ).format(program=program)
    else:
        text = translate(
            "proc", "Could not start {program}: {why}. Check the program and try again."
        ).format(program=program, why=exc.strerror or str(exc))
    return ProcError(text)


_CREATE_SUSPENDED = 0x00000004  # not exported by subprocess


def _contain(popen: subprocess.Popen[bytes], program: str):
    """Windows: put the suspended child into a new Job object, then let it run.

    Created suspended, the child cannot start anything before it is in the job, so nothing
    escapes (assigning after a normal start would race the child's first CreateProcess).
    Returns the job, or None where none could be made: then a cancel falls back to ending a
    psutil snapshot of the tree. A child that cannot be resumed is ended and reported.
    """
    from app import winjob

    job = None
    try:
        job = winjob.Job()
        job.assign(popen.pid)
    except OSError as exc:
        _log.warning("%s: no Job object (%s); a cancel ends the tree found by psutil", program, exc)
        if job is not None:
            job.close(kill=False)
        job = None
    try:
        winjob.resume_threads(popen.pid)
    except OSError as exc:
        if job is not None:
            job.close(kill=True)
        with contextlib.suppress(OSError):
            popen.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            popen.wait(timeout=_REAP_S)
        if popen.stdout is not None:  # (run() always asks for the pipe)
            with contextlib.suppress(OSError):
                popen.stdout.close()
        raise ProcError(
            translate(
                "errors",
                "Could not start {program}: Windows did not let it run after starting it "
                "({why}). Try again; if it keeps failing, restart the computer.",
            ).format(program=program, why=exc.strerror or exc)
        ) from exc
    return job


def run(
    args: Sequence[str | os.PathLike[str]],
    *,
    cwd: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    cancel: CancelToken | None = None,
    on_line: Callable[[str], None] | None = None,
    capture: bool = True,
    max_capture_lines: int | None = None,
    windows_command_line: str | None = None,
) -> ProcResult:
    """Run a program to completion, streaming its merged output line by line.

    on_line is called from a reader thread. Raises ProcError when the program cannot be
    started, Cancelled when cancel fires (after the whole tree has been ended), and re-raises
    whatever on_line raised (after ending the tree). A timeout is not an exception: the tree is
    ended and the result has timed_out=True.

    windows_command_line (Windows only): the exact command line CreateProcess hands to args[0],
    for the rare program that parses its command line its own way (NSIS wants /D=DIR unquoted
    and last). args stays the argument list, for logs and the result.
    """
    argv = [os.fspath(a) for a in args]
    if not argv:
        raise ValueError("run() needs at least the program to start")
    if windows_command_line is not None and os.name != "nt":
        raise ValueError("windows_command_line is for Windows only; pass an argument list")
    if cancel is not None:
        cancel.raise_if_set()  # nothing started
    cwd_s = os.fspath(cwd) if cwd is not None else None
    if cwd_s is not None and not os.path.isdir(cwd_s):
        raise ProcError(
            f"Could not start {argv[0]}: the working folder {cwd_s} does not exist. "
            "Choose an existing folder and try again."
        )

    kwargs: dict = {}
    if sys.platform == "win32":
        # Own process group (so a console Ctrl-C aimed at us does not hit it first), no console
        # window flashing up from the windowed app, and suspended until it is in its job.
        kwargs["creationflags"] = (
            subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW | _CREATE_SUSPENDED
        )
        if windows_command_line is not None:
            kwargs["executable"] = argv[0]  # no search: exactly this program
    else:
        kwargs["start_new_session"] = True  # pgid == pid: the whole tree can be killpg'd

    started = time.monotonic()
    try:
        with _default_dll_search():
            popen = subprocess.Popen(
                argv if windows_command_line is None else windows_command_line,
                cwd=cwd_s,
                env=child_env() if env is None else _cleaned(env),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                bufsize=0,  # raw pipe: the reader gets data as soon as it is written
                **kwargs,
            )
    except OSError as exc:
        raise _start_error(argv[0], exc, cwd_s) from exc
    job = _contain(popen, argv[0]) if os.name == "nt" else None

    sink: deque[str] | None = deque(maxlen=max_capture_lines) if capture else None
    reader = _Reader(popen.stdout, on_line, sink)
    reader.start()
    killer = _TreeKiller(popen, grace=1.0, job=job)
    # Kill at once from the cancelling thread, not at our next poll.
    unregister = cancel.on_cancel(killer.start) if cancel is not None else (lambda: None)
    deadline = started + timeout if timeout is not None else None
    timed_out = False
    try:
        while True:
            try:
                popen.wait(timeout=_POLL_S)
                break
            except subprocess.TimeoutExpired:
                pass
            if (cancel is not None and cancel.is_set) or reader.error is not None:
                killer.start()
                break
            if deadline is not None and time.monotonic() >= deadline:
                timed_out = True
                killer.start()
                break
    except BaseException:
        killer.start()  # KeyboardInterrupt in the CLI: still leave no orphans behind
        raise
    finally:
        unregister()
        if killer.started:
            killer.join(1.0 + _REAP_S + 1.0)
            with contextlib.suppress(subprocess.TimeoutExpired):
                popen.wait(timeout=_REAP_S)
        if job is not None:
            job.close(kill=killer.started)
        # Bounded: a grandchild that escaped the kill (or outlives a normal exit) may hold the
        # pipe open for ever. Then we stop listening; the reader closes the pipe at its EOF.
        reader.join(_READER_JOIN_S)
        if reader.is_alive():
            reader.abandoned.set()
            _log.warning("%s: output pipe still open after exit; no longer reading", argv[0])

    if reader.error is not None:
        raise reader.error
    if cancel is not None and cancel.is_set:
        raise Cancelled()
    return ProcResult(
        args=argv,
        returncode=popen.returncode,
        output="\n".join(list(sink)) if sink is not None else "",
        timed_out=timed_out,
        seconds=time.monotonic() - started,
    )


def open_url(url: str) -> bool:
    """Open a web page. Frozen on Linux, xdg-open runs with a cleaned environment: Qt's own way
    would hand the browser our bundle's library path, which can crash it. Returns False where
    the caller should use the desktop's usual way (QDesktopServices) instead."""
    if not (is_frozen() and sys.platform.startswith("linux")):
        return False
    import shutil

    opener = shutil.which("xdg-open")
    if opener is None:
        return False
    try:
        child = subprocess.Popen(
            [opener, url],
            env=child_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    threading.Thread(target=child.wait, name="xdg-open", daemon=True).start()  # reap it
    return True
