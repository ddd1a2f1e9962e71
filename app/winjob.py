"""Windows Job objects: a child and everything it starts, ended together (proc.run's tree).

A process in a job cannot leave it (no breakaway is allowed), and every process it starts joins
it, so TerminateJobObject ends the whole tree at once, including grandchildren whose parent has
already exited. JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE makes Windows end the tree when the last
handle closes: if our process dies (crash, Task Manager), its handles close and nothing is
left running.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import sys
import threading
from ctypes import wintypes

_log = logging.getLogger("pytorch_setup")

_JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS = 9
_JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000
_PROCESS_TERMINATE = 0x0001
_PROCESS_SET_QUOTA = 0x0100
_THREAD_SUSPEND_RESUME = 0x0002
_TH32CS_SNAPTHREAD = 0x00000004
_INVALID_HANDLE_VALUE = ctypes.c_void_p(-1).value


class _BasicLimits(ctypes.Structure):
    _fields_ = [
        ("PerProcessUserTimeLimit", ctypes.c_int64),
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", wintypes.DWORD),
        ("MinimumWorkingSetSize", ctypes.c_size_t),
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", wintypes.DWORD),
        ("Affinity", ctypes.c_size_t),  # ULONG_PTR
        ("PriorityClass", wintypes.DWORD),
        ("SchedulingClass", wintypes.DWORD),
    ]


class _IoCounters(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_uint64)
        for name in (
            "ReadOperationCount",
            "WriteOperationCount",
            "OtherOperationCount",
            "ReadTransferCount",
            "WriteTransferCount",
            "OtherTransferCount",
        )
    ]


class _ExtendedLimits(ctypes.Structure):
    _fields_ = [
        ("BasicLimitInformation", _BasicLimits),
        ("IoInfo", _IoCounters),
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    ]


class _ThreadEntry(ctypes.Structure):
    _fields_ = [
        ("dwSize", wintypes.DWORD),
        ("cntUsage", wintypes.DWORD),
        ("th32ThreadID", wintypes.DWORD),
        ("th32OwnerProcessID", wintypes.DWORD),
        ("tpBasePri", wintypes.LONG),
        ("tpDeltaPri", wintypes.LONG),
        ("dwFlags", wintypes.DWORD),
    ]


_kernel32 = None


def _api():
    """kernel32 with argtypes/restype declared (64-bit handles must not be cut to int)."""
    global _kernel32
    if _kernel32 is not None:
        return _kernel32
    if sys.platform != "win32":  # proc.run makes jobs only on Windows
        raise OSError(errno.ENOSYS, "Job objects exist only on Windows")
    k = ctypes.WinDLL("kernel32", use_last_error=True)
    h, b, d = wintypes.HANDLE, wintypes.BOOL, wintypes.DWORD
    signatures = {
        "CreateJobObjectW": ([wintypes.LPVOID, wintypes.LPCWSTR], h),
        "SetInformationJobObject": ([h, ctypes.c_int, wintypes.LPVOID, d], b),
        "AssignProcessToJobObject": ([h, h], b),
        "TerminateJobObject": ([h, wintypes.UINT], b),
        "CloseHandle": ([h], b),
        "OpenProcess": ([d, b, d], h),
        "OpenThread": ([d, b, d], h),
        "ResumeThread": ([h], d),
        "CreateToolhelp32Snapshot": ([d, d], h),
        "Thread32First": ([h, ctypes.POINTER(_ThreadEntry)], b),
        "Thread32Next": ([h, ctypes.POINTER(_ThreadEntry)], b),
    }
    for name, (argtypes, restype) in signatures.items():
        function = getattr(k, name)
        function.argtypes, function.restype = argtypes, restype
    _kernel32 = k
    return k


def _error(what: str) -> OSError:
    if sys.platform != "win32":  # _api() has already refused
        return OSError(errno.ENOSYS, what)
    code = ctypes.get_last_error()
    return ctypes.WinError(code, f"{what}: {ctypes.FormatError(code)}")


class Job:
    """One job per proc.run() child. Thread-safe: the killer thread and run() may both use it."""

    def __init__(self) -> None:
        k = _api()
        handle = k.CreateJobObjectW(None, None)  # not inheritable: children never hold it
        if not handle:
            raise _error("CreateJobObjectW")
        self._handle: int | None = handle
        self._lock = threading.Lock()
        try:
            self._set_limits(_JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE)
        except OSError:
            self.close(kill=False)
            raise

    def _set_limits(self, flags: int) -> None:
        info = _ExtendedLimits()
        info.BasicLimitInformation.LimitFlags = flags
        ok = _api().SetInformationJobObject(
            self._handle,
            _JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS,
            ctypes.byref(info),
            ctypes.sizeof(info),
        )
        if not ok:
            raise _error("SetInformationJobObject")

    def assign(self, pid: int) -> None:
        k = _api()
        process = k.OpenProcess(_PROCESS_SET_QUOTA | _PROCESS_TERMINATE, False, pid)
        if not process:
            raise _error("OpenProcess")
        try:
            with self._lock:
                if not k.AssignProcessToJobObject(self._handle, process):
                    raise _error("AssignProcessToJobObject")
        finally:
            k.CloseHandle(process)

    def terminate(self, exit_code: int = 1) -> bool:
        """End every process in the job now; False when the job is closed or the call failed."""
        with self._lock:
            if self._handle is None:
                return False
            if _api().TerminateJobObject(self._handle, exit_code):
                return True
        _log.warning("%s", _error("TerminateJobObject"))
        return False

    def close(self, kill: bool) -> None:
        """Close the handle. kill=False first lifts kill-on-close, so processes the child left
        running on purpose outlive a normal finish, as they do on POSIX."""
        with self._lock:
            if self._handle is None:
                return
            if not kill:
                with contextlib.suppress(OSError):
                    self._set_limits(0)
            _api().CloseHandle(self._handle)
            self._handle = None


def resume_threads(pid: int) -> int:
    """Resume the threads of a process started with CREATE_SUSPENDED; returns how many.

    subprocess closes the main thread's handle, so the thread is found through a Toolhelp
    snapshot (the documented way; a suspended process has just its main thread)."""
    k = _api()
    snapshot = k.CreateToolhelp32Snapshot(_TH32CS_SNAPTHREAD, 0)
    if not snapshot or snapshot == _INVALID_HANDLE_VALUE:
        raise _error("CreateToolhelp32Snapshot")
    resumed = 0
    try:
        entry = _ThreadEntry()
        entry.dwSize = ctypes.sizeof(entry)
        more = k.Thread32First(snapshot, ctypes.byref(entry))
        while more:
            if entry.th32OwnerProcessID == pid:
                thread = k.OpenThread(_THREAD_SUSPEND_RESUME, False, entry.th32ThreadID)
                if not thread:
                    raise _error("OpenThread")
                try:
                    if k.ResumeThread(thread) == 0xFFFFFFFF:
                        raise _error("ResumeThread")
                finally:
                    k.CloseHandle(thread)
                resumed += 1
            entry.dwSize = ctypes.sizeof(entry)
            more = k.Thread32Next(snapshot, ctypes.byref(entry))
    finally:
        k.CloseHandle(snapshot)
    if not resumed:
        raise OSError(f"no thread of process {pid} was found to resume")
    return resumed
