"""Turn a SystemProfile into rows with ok / warning / problem marks.

One place for these judgements: the scan page's table and `scan` without --json both show them.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.profile import SystemProfile

OK, WARNING, PROBLEM = "ok", "warning", "problem"

# PyTorch's CUDA builds with their CUDA runtime and cuDNN take about 5 GB once installed, and pip
# needs room for the download and the unpacked files at the same time.
DISK_WARN_MIB = 15 * 1024
DISK_PROBLEM_MIB = 6 * 1024


@dataclass
class Row:
    key: str  # stable identifier, e.g. "gpu" (for tests and translation)
    label: str
    value: str
    status: str = OK
    detail: str = ""


def _gib(mib: int) -> str:
    return f"{mib / 1024:.1f} GB"


def summarize(profile: SystemProfile) -> list[Row]:
    rows = [_os_row(profile), _arch_row(profile), _disk_row(profile), _python_row(profile)]
    if profile.environments:
        names = ", ".join(f"{e.version} ({e.kind})" for e in profile.environments[:6])
        more = f" and {len(profile.environments) - 6} more" if len(profile.environments) > 6 else ""
        rows.append(
            Row(
                "environments",
                "Other Python environments",
                f"{len(profile.environments)} found",
                OK,
                names + more,
            )
        )
    rows += _gpu_rows(profile)
    rows.append(_driver_row(profile))
    rows.append(_toolkit_row(profile))
    rows.append(_cudnn_row(profile))
    rows.append(_torch_row(profile))
    rows += _preflight_rows(profile)
    for note in profile.probes:
        if note.status in ("timeout", "error") and note.probe != "environments":
            rows.append(
                Row(
                    f"probe-{note.probe}",
                    f"Scan: {note.probe}",
                    note.status,
                    WARNING,
                    f"{note.message}. Press Rescan to try again.",
                )
            )
    return rows


PREFLIGHT_TITLES = {
    "home_path": "User folder name",
    "onedrive": "OneDrive folder",
    "long_paths": "Windows long paths",
    "vc_runtime": "Visual C++ runtime",
    "user_site_torch": "User site-packages",
    "temp_space": "Temporary folder space",
    "cache_space": "pip cache space",
}


def _preflight_rows(p: SystemProfile) -> list[Row]:
    return [
        Row(
            f"preflight-{check.code}",
            PREFLIGHT_TITLES.get(check.code, check.code),
            "needs attention" if check.status == WARNING else "problem",
            check.status,
            f"{check.message} Fix: {check.fix}" if check.fix else check.message,
        )
        for check in p.preflight
    ]


def _os_row(p: SystemProfile) -> Row:
    name = p.os.name or p.os.family
    value = f"{name} ({p.os.version})" if p.os.version else name
    if p.os.wsl:
        return Row(
            "os",
            "Operating system",
            value + " under WSL",
            OK,
            "WSL uses the Windows NVIDIA driver; do not install a Linux driver inside WSL.",
        )
    return Row("os", "Operating system", value)


def _arch_row(p: SystemProfile) -> Row:
    if p.os.family == "macos" and p.arch == "x86_64":
        return Row(
            "arch",
            "CPU architecture",
            p.arch,
            WARNING,
            "PyTorch stopped publishing Intel-Mac builds after 2.2.2.",
        )
    return Row("arch", "CPU architecture", p.arch)


def _disk_row(p: SystemProfile) -> Row:
    home = p.disks.get("home")
    free = home.free_mib if home else p.disk_free_mib
    if free is None:
        return Row("disk", "Free disk space", "unknown", WARNING, "Free space could not be read.")
    where = f" on {home.path}" if home else ""
    value = f"{_gib(free)} free{where}"
    temp = p.disks.get("temp")
    extra = f"Temporary folder: {_gib(temp.free_mib)} free." if temp else ""
    if free < DISK_PROBLEM_MIB:
        return Row(
            "disk",
            "Free disk space",
            value,
            PROBLEM,
            f"A CUDA build of PyTorch needs about {_gib(DISK_PROBLEM_MIB)}. {extra}".strip(),
        )
    if free < DISK_WARN_MIB:
        return Row(
            "disk",
            "Free disk space",
            value,
            WARNING,
            f"Tight for a CUDA build of PyTorch (about 5 GB installed). {extra}".strip(),
        )
    return Row("disk", "Free disk space", value, OK, extra)


def _python_row(p: SystemProfile) -> Row:
    env = p.python
    value = f"Python {env.version} ({env.kind})"
    detail = env.executable
    if env.problems:
        return Row("python", "Target Python", value, PROBLEM, " ".join([*env.problems, detail]))
    return Row("python", "Target Python", value, OK, detail)


def _gpu_rows(p: SystemProfile) -> list[Row]:
    if not p.gpus:
        if p.os.family == "macos" and p.arch == "arm64":
            return [Row("gpu", "GPU", "Apple silicon", OK, "PyTorch uses the GPU through MPS.")]
        reason = next((n.message for n in p.probes if n.probe == "gpu" and n.message), "")
        detail = "PyTorch will be installed for the CPU."
        return [Row("gpu", "NVIDIA GPU", "none found", WARNING, f"{reason} {detail}".strip())]
    rows = []
    for gpu in p.gpus:
        parts = []
        if gpu.compute_capability:
            parts.append(f"compute capability {gpu.compute_capability}")
        if gpu.memory_mib:
            parts.append(_gib(gpu.memory_mib))
        value = gpu.name + (f" ({', '.join(parts)})" if parts else "")
        key = f"gpu{gpu.index if gpu.index is not None else len(rows)}"
        if gpu.error:
            rows.append(Row(key, "NVIDIA GPU", value, WARNING, f"Partly unreadable: {gpu.error}"))
        else:
            rows.append(Row(key, "NVIDIA GPU", value))
    return rows


def _driver_row(p: SystemProfile) -> Row:
    if p.driver is None:
        if p.gpus:
            return Row(
                "driver",
                "NVIDIA driver",
                "not found",
                PROBLEM,
                "Install the current NVIDIA driver for your GPU.",
            )
        return Row("driver", "NVIDIA driver", "none", OK, "Not needed without an NVIDIA GPU.")
    cuda = f", runs CUDA ≤ {p.driver.cuda} builds" if p.driver.cuda else ""
    return Row("driver", "NVIDIA driver", f"{p.driver.version}{cuda}")


def _toolkit_row(p: SystemProfile) -> Row:
    if not p.toolkits:
        return Row(
            "toolkits",
            "CUDA toolkit",
            "none",
            OK,
            "Not needed to run PyTorch: its wheels bring their own CUDA runtime. "
            "Needed only to compile CUDA code (nvcc).",
        )
    value = ", ".join(t.full_version or t.version for t in p.toolkits)
    detail = "; ".join(
        f"{t.version} at {t.path}" + (" (nvcc)" if t.nvcc else " (no nvcc)") for t in p.toolkits
    )
    return Row("toolkits", "CUDA toolkit", value, OK, detail)


def _cudnn_row(p: SystemProfile) -> Row:
    if not p.cudnn:
        return Row(
            "cudnn",
            "cuDNN",
            "none",
            OK,
            "Not needed for PyTorch: pip wheels bring their own cuDNN.",
        )
    return Row(
        "cudnn",
        "cuDNN",
        ", ".join(c.version for c in p.cudnn),
        OK,
        "; ".join(c.path for c in p.cudnn),
    )


def _torch_row(p: SystemProfile) -> Row:
    torch = p.torch
    if torch is None:
        return Row(
            "torch", "PyTorch", "not installed", OK, "Not installed in the target Python yet."
        )
    build = f"CUDA {torch.cuda}" if torch.cuda else (f"ROCm {torch.hip}" if torch.hip else "CPU")
    value = f"{torch.version} ({build} build)"
    if not torch.cuda and not torch.hip and any(g.vendor == "nvidia" for g in p.gpus):
        return Row(
            "torch",
            "PyTorch",
            value,
            WARNING,
            "A CPU-only build is installed although this PC has an NVIDIA GPU.",
        )
    return Row("torch", "PyTorch", value)


STATUS_MARKS = {OK: "[ ok ]", WARNING: "[warn]", PROBLEM: "[FAIL]"}


def render_text(rows: list[Row]) -> str:
    """Plain ASCII marks so any console (cp949, cp1252) prints them; colour is never needed."""
    width = max((len(r.label) for r in rows), default=0)
    lines = []
    for row in rows:
        lines.append(f"{STATUS_MARKS[row.status]} {row.label.ljust(width)}  {row.value}")
        if row.detail and row.status != OK:
            lines.append(f"{'':7}{'':{width}}  {row.detail}")
    return "\n".join(lines)
