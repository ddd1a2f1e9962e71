"""System scan: probes run concurrently, each bounded by a timeout; nothing they meet crashes it.

A probe is a function taking a ScanContext and returning a dict of SystemProfile fields. A probe
that raises or runs past its deadline leaves its fields at their defaults and adds a ProbeNote
saying why, so the rest of the scan still returns.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.events import CancelToken, Reporter
from app.profile import OSInfo, ProbeNote, PythonEnv, SystemProfile

DEFAULT_TIMEOUT = 8.0


@dataclass
class ScanContext:
    """What probes may look at; injected so tests can point them at recorded data."""

    # Windows: PATH and CUDA_PATH rebuilt from the registry, so a change made since start-up
    # (our PATH page, NVIDIA's installer) is seen; elsewhere a copy of os.environ.
    environ: Mapping[str, str] = field(default_factory=lambda: _current_environ())
    cancel: CancelToken = field(default_factory=CancelToken)
    timeout: float = DEFAULT_TIMEOUT
    target_python: str | None = None  # None: the running interpreter (or the first found, frozen)
    nvml: Any = None  # an app.scan.gpu.Nvml backend; None: the real pynvml one
    # Glob patterns of standard toolkit folders; None: the platform's (/usr/local/cuda*, ...)
    toolkit_locations: tuple[str, ...] | None = None
    notes: list[ProbeNote] = field(default_factory=list)
    registry: Any = None  # app.steps.pathreg.registry.Registry; None: the real one on Windows
    # The file system the Linux GPU probe reads (/sys, /dev, pci.ids); tests give a recorded tree.
    root: str = "/"
    # Windows: an app.scan.adapters_windows.DisplayDevices; None: the real one (CfgMgr32, registry)
    display_devices: Any = None
    deadline: float | None = None  # time.monotonic() by which probes must answer; set by scan()
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def remaining(self) -> float:
        """Seconds left before the scan stops waiting (a probe can return partial results)."""
        if self.deadline is None:
            return self.timeout
        return max(0.0, self.deadline - time.monotonic())

    def note(self, probe: str, status: str, message: str) -> None:
        """Record a finding about a probe (e.g. 'missing': no NVIDIA driver, with why)."""
        with self._lock:
            self.notes.append(ProbeNote(probe, status, message))


Probe = Callable[[ScanContext], dict[str, Any]]


def preload() -> None:
    """Import everything the probes need, on the calling thread.

    Probes import lazily to keep start-up fast; but under PySide6, shiboken hooks every import
    and that hook is not thread-safe (seen here: a fatal refcount error when pynvml was first
    imported on a probe thread). The GUI calls this on its own thread before scanning.
    """
    import contextlib
    import sys

    for module in ("psutil", "pynvml", "plistlib" if sys.platform == "darwin" else "winreg"):
        with contextlib.suppress(ImportError):  # a missing one is reported by its probe
            __import__(module)
    from app import proc

    proc.decode_line(b"\xb0")  # looks up the fallback codecs (an import) here, not on a thread
    import platformdirs

    platformdirs.user_cache_dir("pip", appauthor=False)  # imports its platform module
    from app import winenv  # noqa: F401
    from app.scan import preflight  # noqa: F401

    default_probes()


def default_probes() -> dict[str, Probe]:
    # Imported here so importing app.scan stays cheap (the GUI imports it at start-up).
    from app.scan import gpu, pythons, system, toolkits

    return {
        "system": system.probe,
        "python": pythons.probe_target,
        "environments": pythons.probe_environments,
        "gpu": gpu.probe,
        "toolkits": toolkits.probe,
    }


def scan(
    context: ScanContext | None = None,
    reporter: Reporter | None = None,
    probes: Mapping[str, Probe] | None = None,
) -> SystemProfile:
    """Run every probe at once and assemble a SystemProfile within context.timeout seconds."""
    ctx = context or ScanContext()
    reporter = reporter or Reporter()
    probes = dict(probes if probes is not None else default_probes())
    results: dict[str, dict[str, Any]] = {}
    errors: dict[str, BaseException] = {}
    timings: dict[str, float] = {}
    done = threading.Event()
    remaining = [len(probes)]
    lock = threading.Lock()
    started = time.perf_counter()

    def run_one(name: str, probe: Probe) -> None:
        t0 = time.perf_counter()
        try:
            result = probe(ctx)
        except BaseException as exc:  # noqa: BLE001 - a probe must never take the scan down
            with lock:
                errors[name] = exc
        else:
            with lock:
                results[name] = result or {}
        finally:
            with lock:
                timings[name] = time.perf_counter() - t0
                remaining[0] -= 1
                if remaining[0] == 0:
                    done.set()

    reporter.log("Scanning the system…")
    # Probes stop a little before the scan stops waiting, so partial results still arrive.
    ctx.deadline = time.monotonic() + max(0.1, ctx.timeout - 0.5)
    for name, probe in probes.items():
        # Daemon threads: a probe stuck in a driver call must not keep the program alive.
        thread = threading.Thread(target=run_one, args=(name, probe), name=f"probe-{name}")
        thread.daemon = True
        thread.start()
    try:
        deadline = started + ctx.timeout
        while probes and not done.wait(0.05):
            if ctx.cancel.is_set or time.perf_counter() >= deadline:
                break
    except BaseException:  # Ctrl-C: end the probes' child processes too
        ctx.cancel.cancel()
        raise
    ctx.cancel.raise_if_set()

    with lock:
        finished = dict(results)
        failed = dict(errors)
        took = dict(timings)
    merged: dict[str, Any] = {}
    notes: list[ProbeNote] = []
    with ctx._lock:
        own_notes = list(ctx.notes)
    for name in probes:
        if name in finished:
            merged.update(finished[name])
            said = [n for n in own_notes if n.probe == name]
            for note in said:  # the probe's own words replace a plain "ok"
                note.seconds = round(took[name], 3)
            notes += said or [ProbeNote(name, "ok", "", round(took[name], 3))]
        elif name in failed:
            exc = failed[name]
            message = f"{type(exc).__name__}: {exc}"
            notes.append(ProbeNote(name, "error", message, round(took.get(name, 0.0), 3)))
            reporter.log(f"Scan of {name} failed: {message}", logging.WARNING)
        else:
            message = f"did not answer within {ctx.timeout:g} s and was skipped"
            notes.append(ProbeNote(name, "timeout", message, round(ctx.timeout, 3)))
            reporter.log(f"Scan of {name} {message}", logging.WARNING)
    notes += [n for n in own_notes if n.probe not in finished]

    profile = SystemProfile(
        os=merged.pop("os", None) or OSInfo(family=_os_family()),
        arch=merged.pop("arch", None) or _arch(),
        python=merged.pop("python", None) or _unknown_python(ctx, notes),
        probes=notes,
        **merged,
    )
    if profile.torch is None and profile.python.torch is not None:
        profile.torch = profile.python.torch
    if profile.python.prefix:
        # The target is shown on its own; the list holds the *other* environments.
        same = os.path.normcase(profile.python.prefix)
        profile.environments = [
            e for e in profile.environments if os.path.normcase(e.prefix or "") != same
        ]
    from app.scan import preflight

    windows = preflight.RealWindows() if os.name == "nt" else None
    profile.preflight = preflight.checks(profile, ctx.environ, windows)
    profile.preflight += _cuda_path_checks(ctx)
    reporter.log(f"Scan finished in {time.perf_counter() - started:.2f} s.")
    return profile


def _current_environ() -> dict[str, str]:
    from app import winenv

    return winenv.current_environ()


def _cuda_path_checks(ctx: ScanContext) -> list:
    """A user CUDA_PATH that hides the machine-wide one (Windows, or a given registry)."""
    from app import winenv
    from app.profile import Check

    registry = ctx.registry if ctx.registry is not None else winenv.registry()
    if registry is None:
        return []
    return [
        Check("cuda_path_shadow", "warning", shadow.message)
        for shadow in winenv.registry_shadows(registry, ctx.environ)
    ]


def _os_family() -> str:
    from app.scan.system import os_family

    return os_family()


def _arch() -> str:
    from app.scan.system import normalize_arch

    return normalize_arch()


def _unknown_python(ctx: ScanContext, notes: list[ProbeNote]) -> PythonEnv:
    """No answer about the target Python: say so, never pass off our own interpreter as it
    (in the packaged app that would be our executable)."""
    why = next((n.message for n in notes if n.probe == "python" and n.message), "")
    problem = "The target Python could not be examined" + (f": {why}" if why else ".")
    return PythonEnv(
        version="", executable=ctx.target_python or "", kind="unknown", problems=[problem]
    )
