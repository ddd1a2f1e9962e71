"""The scan orchestrator: concurrent probes, timeouts, failures, merging; and system facts."""

from __future__ import annotations

import threading
import time

import pytest

from app.events import Cancelled, CancelToken
from app.profile import GPU, Driver, OSInfo, PythonEnv
from app.scan import ScanContext, scan
from app.scan.system import (
    detect_wsl,
    normalize_arch,
    os_family,
    parse_os_release,
    windows_info,
)


def fixed(**fields):
    return lambda ctx: fields


BASE = {
    "system": fixed(os=OSInfo("linux", "6.1", False, "Debian"), arch="x86_64"),
    "python": fixed(python=PythonEnv("3.12.4", "/usr/bin/python3", prefix="/usr")),
}


def test_results_of_all_probes_are_merged():
    probes = {
        **BASE,
        "gpu": fixed(
            gpus=[GPU("RTX 3060", compute_capability="8.6")], driver=Driver("537.13", "12.2")
        ),
    }
    profile = scan(ScanContext(timeout=5), probes=probes)
    assert profile.os.family == "linux" and profile.arch == "x86_64"
    assert profile.python.version == "3.12.4"
    assert profile.gpus[0].compute_capability == "8.6"
    assert {n.probe: n.status for n in profile.probes} == {
        "system": "ok",
        "python": "ok",
        "gpu": "ok",
    }


def test_a_hanging_probe_is_cut_off_and_the_rest_still_returns():
    release = threading.Event()

    def hangs(ctx):
        release.wait(60)  # a driver call that never comes back
        return {"gpus": [GPU("never")]}

    started = time.perf_counter()
    profile = scan(ScanContext(timeout=0.5), probes={**BASE, "gpu": hangs})
    elapsed = time.perf_counter() - started
    release.set()
    assert elapsed < 3
    assert profile.gpus == []  # the hung probe's fields stay at their defaults
    assert profile.python.version == "3.12.4"
    note = next(n for n in profile.probes if n.probe == "gpu")
    assert note.status == "timeout" and "0.5 s" in note.message


def test_a_raising_probe_is_reported_not_fatal():
    def boom(ctx):
        raise OSError("disk on fire")

    profile = scan(ScanContext(timeout=5), probes={**BASE, "toolkits": boom})
    note = next(n for n in profile.probes if n.probe == "toolkits")
    assert note.status == "error" and "disk on fire" in note.message
    assert profile.toolkits == []


def test_probe_notes_replace_the_plain_ok():
    def missing(ctx):
        ctx.note("gpu", "missing", "No NVIDIA driver is installed.")
        return {"gpus": [], "driver": None}

    profile = scan(ScanContext(timeout=5), probes={**BASE, "gpu": missing})
    gpu_notes = [n for n in profile.probes if n.probe == "gpu"]
    assert [(n.status, n.message) for n in gpu_notes] == [
        ("missing", "No NVIDIA driver is installed.")
    ]


def test_probes_run_concurrently():
    def slow(ctx):
        time.sleep(0.4)
        return {}

    started = time.perf_counter()
    scan(ScanContext(timeout=5), probes={f"p{i}": slow for i in range(5)} | BASE)
    assert time.perf_counter() - started < 1.5  # five 0.4 s probes, not 2 s in a row


def test_cancel_stops_waiting():
    token = CancelToken()
    threading.Timer(0.2, token.cancel).start()
    with pytest.raises(Cancelled):
        scan(
            ScanContext(timeout=30, cancel=token), probes={**BASE, "hang": lambda c: time.sleep(5)}
        )


def test_target_environment_is_not_repeated_among_others():
    probes = {
        **BASE,
        "environments": fixed(
            environments=[
                PythonEnv("3.12.4", "/usr/bin/python3.12", prefix="/usr"),
                PythonEnv("3.10.1", "/opt/py/bin/python", prefix="/opt/py"),
            ]
        ),
    }
    profile = scan(ScanContext(timeout=5), probes=probes)
    assert [e.prefix for e in profile.environments] == ["/opt/py"]


@pytest.mark.parametrize(
    ("machine", "family", "expected"),
    [
        ("AMD64", "windows", "x86_64"),
        ("x86_64", "linux", "x86_64"),
        ("arm64", "macos", "arm64"),
        ("aarch64", "linux", "aarch64"),
        ("ARM64", "windows", "arm64"),
        ("arm64", "linux", "aarch64"),
    ],
)
def test_normalize_arch(machine, family, expected):
    assert normalize_arch(machine, family) == expected


def test_more_architectures_and_windows_names():
    assert normalize_arch("i686", "linux") == "x86"
    assert normalize_arch("armv7l", "linux") == "armv7l"
    assert windows_info(10, 0, 22631).name == "Windows 11"
    assert windows_info(10, 0, 19045).name == "Windows 10"
    assert windows_info(10, 0, 22631).version == "10.0.22631"


def test_os_family_and_wsl():
    assert (os_family("Windows"), os_family("Darwin"), os_family("Linux")) == (
        "windows",
        "macos",
        "linux",
    )
    assert detect_wsl("5.15.153.1-microsoft-standard-WSL2", {})
    assert detect_wsl("6.1.0-13-amd64", {"WSL_DISTRO_NAME": "Ubuntu"})
    assert not detect_wsl("6.1.0-13-amd64", {})
    assert parse_os_release('NAME="Ubuntu"\nPRETTY_NAME="Ubuntu 24.04 LTS"\n')["PRETTY_NAME"] == (
        "Ubuntu 24.04 LTS"
    )


def test_real_system_probe_on_this_machine():
    from app.scan.system import probe
    from tests.integration.test_cli import this_platform

    result = probe(ScanContext())
    assert (result["os"].family, result["arch"]) == this_platform()
    assert result["disks"]["home"].free_mib > 0 and result["disk_free_mib"] > 0
