"""Turn a SystemProfile into rows with ok / warning / problem marks.

One place for these judgements: the scan page's table and `scan` without --json both show them.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.profile import GPU, SystemProfile
from app.text import QT_TRANSLATE_NOOP, Text, listing, sentences, translate

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
    mark: str = ""  # a GPU row's vendor (nvidia, amd, intel, apple): the page shows its mark


def _gib(mib: int) -> str:
    return f"{mib / 1024:.1f} GB"


def summarize(profile: SystemProfile) -> list[Row]:
    rows = [_os_row(profile), _arch_row(profile), _disk_row(profile), _python_row(profile)]
    if profile.environments:
        names = ", ".join(f"{e.version} ({e.kind})" for e in profile.environments[:6])
        extra = len(profile.environments) - 6
        rows.append(
            Row(
                "environments",
                translate("summary", "Other Python environments"),
                translate("summary", "{count} found").format(count=len(profile.environments)),
                OK,
                translate("summary", "{names} and {count} more").format(names=names, count=extra)
                if extra > 0
                else names,
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
                    translate("summary", "Scan: {probe}").format(probe=note.probe),
                    translate("summary", "timed out")
                    if note.status == "timeout"
                    else translate("summary", "failed"),
                    WARNING,
                    translate("summary", "{message}. Press Rescan to try again.").format(
                        message=note.message
                    ),
                )
            )
    return rows


PREFLIGHT_TITLES = {
    "home_path": QT_TRANSLATE_NOOP("summary", "User folder name"),
    "onedrive": QT_TRANSLATE_NOOP("summary", "OneDrive folder"),
    "long_paths": QT_TRANSLATE_NOOP("summary", "Windows long paths"),
    "vc_runtime": QT_TRANSLATE_NOOP("summary", "Visual C++ runtime"),
    "user_site_torch": QT_TRANSLATE_NOOP("summary", "User site-packages"),
    "temp_space": QT_TRANSLATE_NOOP("summary", "Temporary folder space"),
    "cache_space": QT_TRANSLATE_NOOP("summary", "pip cache space"),
    "cuda_path_shadow": QT_TRANSLATE_NOOP("summary", "CUDA_PATH (two settings)"),
}


def _preflight_rows(p: SystemProfile) -> list[Row]:
    rows = []
    for check in p.preflight:
        title = PREFLIGHT_TITLES.get(check.code)
        rows.append(
            Row(
                f"preflight-{check.code}",
                translate("summary", title) if title else check.code,
                translate("summary", "needs attention")
                if check.status == WARNING
                else translate("summary", "problem"),
                check.status,
                translate("summary", "{message} Fix: {fix}").format(
                    message=check.message, fix=check.fix
                )
                if check.fix
                else check.message,
            )
        )
    return rows


def _os_row(p: SystemProfile) -> Row:
    name = p.os.name or p.os.family
    value = f"{name} ({p.os.version})" if p.os.version else name
    label = translate("summary", "Operating system")
    if p.os.wsl:
        return Row(
            "os",
            label,
            translate("summary", "{name} under WSL").format(name=value),
            OK,
            translate(
                "summary",
                "WSL uses the Windows NVIDIA driver; do not install a Linux driver inside WSL.",
            ),
        )
    return Row("os", label, value)


def _arch_row(p: SystemProfile) -> Row:
    label = translate("summary", "CPU architecture")
    if p.os.family == "macos" and p.arch == "x86_64":
        return Row(
            "arch",
            label,
            p.arch,
            WARNING,
            translate("summary", "PyTorch stopped publishing Intel-Mac builds after 2.2.2."),
        )
    return Row("arch", label, p.arch)


def _disk_row(p: SystemProfile) -> Row:
    label = translate("summary", "Free disk space")
    home = p.disks.get("home")
    free = home.free_mib if home else p.disk_free_mib
    if free is None:
        return Row(
            "disk",
            label,
            translate("summary", "unknown"),
            WARNING,
            translate("summary", "Free space could not be read."),
        )
    value = (
        translate("summary", "{size} free on {folder}").format(size=_gib(free), folder=home.path)
        if home
        else translate("summary", "{size} free").format(size=_gib(free))
    )
    temp = p.disks.get("temp")
    extra = (
        translate("summary", "Temporary folder: {size} free.").format(size=_gib(temp.free_mib))
        if temp
        else None
    )
    if free < DISK_PROBLEM_MIB:
        need = translate("summary", "A CUDA build of PyTorch needs about {size}.").format(
            size=_gib(DISK_PROBLEM_MIB)
        )
        return Row("disk", label, value, PROBLEM, sentences(need, extra))
    if free < DISK_WARN_MIB:
        tight = translate("summary", "Tight for a CUDA build of PyTorch (about 5 GB installed).")
        return Row("disk", label, value, WARNING, sentences(tight, extra))
    return Row("disk", label, value, OK, extra or "")


def _python_row(p: SystemProfile) -> Row:
    env = p.python
    value = f"Python {env.version} ({env.kind})"
    label = translate("summary", "Target Python")
    if env.problems:
        return Row("python", label, value, PROBLEM, sentences(*env.problems, env.executable))
    return Row("python", label, value, OK, env.executable)


GPU_LABELS = {
    "nvidia": QT_TRANSLATE_NOOP("summary", "NVIDIA GPU"),
    "amd": QT_TRANSLATE_NOOP("summary", "AMD GPU"),
    "intel": QT_TRANSLATE_NOOP("summary", "Intel GPU"),
    "apple": QT_TRANSLATE_NOOP("summary", "Apple GPU"),
}


def _gpu_rows(p: SystemProfile) -> list[Row]:
    if not p.gpus:
        if p.os.family == "macos" and p.arch == "arm64":
            return [
                Row(
                    "gpu",
                    translate("summary", "GPU"),
                    translate("summary", "Apple silicon"),
                    OK,
                    translate("summary", "PyTorch uses the GPU through MPS."),
                    "apple",
                )
            ]
        reason = next((n.message for n in p.probes if n.probe == "gpu" and n.message), "")
        detail = translate("summary", "PyTorch will be installed for the CPU.")
        return [
            Row(
                "gpu",
                translate("summary", "GPU"),
                translate("summary", "none found"),
                WARNING,
                sentences(reason, detail),
            )
        ]
    rows: list[Row] = []
    for gpu in p.gpus:
        vendor = (gpu.vendor or "nvidia").lower()
        title = GPU_LABELS.get(vendor)
        label = translate("summary", title) if title else translate("summary", "GPU")
        parts = []
        if gpu.compute_capability:
            parts.append(
                translate("summary", "compute capability {cc}").format(cc=gpu.compute_capability)
            )
        if gpu.arch and vendor == "amd":
            parts.append(gpu.arch)
        if gpu.integrated:
            parts.append(translate("summary", "integrated"))
        if gpu.memory_mib:
            parts.append(_gib(gpu.memory_mib))
        value = (
            translate("summary", "{name} ({details})").format(
                name=gpu.name, details=listing(*parts)
            )
            if parts
            else gpu.name
        )
        key = f"gpu{len(rows)}"
        status, about = _gpu_judgement(p, gpu, vendor)
        rows.append(Row(key, label, value, status, about, vendor))
    return rows


def _gpu_judgement(p: SystemProfile, gpu: GPU, vendor: str) -> tuple[str, str]:
    """What a person should know about one GPU; the planner says which build uses it."""
    facts = []
    if gpu.driver_version and vendor != "nvidia":
        facts.append(translate("summary", "Driver {version}.").format(version=gpu.driver_version))
    if gpu.pci_id:
        facts.append(translate("summary", "PCI id {id}.").format(id=gpu.pci_id))
    if gpu.error:
        unreadable = translate("summary", "Partly unreadable: {error}").format(error=gpu.error)
        return WARNING, sentences(unreadable, *facts)
    if vendor == "nvidia" and gpu.found_by == "pci":
        return WARNING, sentences(
            translate(
                "summary",
                "Seen on the PCI bus, but no working NVIDIA driver answered: install the "
                "current NVIDIA driver.",
            ),
            *facts,
        )
    if gpu.no_access:
        return WARNING, sentences(
            translate(
                "summary",
                "This user may not open {path}, so PyTorch cannot use this GPU. Fix: "
                "sudo usermod -a -G render,video $USER, then log out and in again.",
            ).format(path=gpu.no_access),
            *facts,
        )
    if (
        vendor == "amd"
        and p.os.family == "linux"
        and gpu.found_by == "pci"
        and not gpu.kernel_driver
    ):
        return WARNING, sentences(
            translate(
                "summary",
                "No kernel driver is using it (amdgpu is not loaded), so ROCm cannot see it.",
            ),
            *facts,
        )
    if vendor == "amd" and p.os.family == "windows":
        facts.insert(0, translate("summary", "PyTorch publishes no AMD GPU builds for Windows."))
    if vendor == "apple":
        facts.insert(0, translate("summary", "PyTorch uses the GPU through MPS."))
    return OK, sentences(*facts)


def _driver_row(p: SystemProfile) -> Row:
    label = translate("summary", "NVIDIA driver")
    if p.driver is None:
        if any((g.vendor or "nvidia") == "nvidia" for g in p.gpus):
            return Row(
                "driver",
                label,
                translate("summary", "not found"),
                PROBLEM,
                translate("summary", "Install the current NVIDIA driver for your GPU."),
            )
        return Row(
            "driver",
            label,
            translate("summary", "none"),
            OK,
            translate("summary", "Not needed without an NVIDIA GPU."),
        )
    value = (
        translate("summary", "{version}, runs CUDA ≤ {cuda} builds").format(
            version=p.driver.version, cuda=p.driver.cuda
        )
        if p.driver.cuda
        else p.driver.version
    )
    outlook = _driver_outlook(p)
    if outlook is not None:
        return Row("driver", label, value, WARNING, outlook.advice())
    return Row("driver", label, value)


def _driver_outlook(p: SystemProfile):
    """What the driver holds back of current PyTorch, judged from the compat data (the
    planner's own judgement); None when nothing, or when the data cannot be read (the plan
    says that)."""
    from app.compat.knowledge import KnowledgeError
    from app.compat.planner import driver_outlook

    try:
        return driver_outlook(p)
    except KnowledgeError:
        return None


def _toolkit_row(p: SystemProfile) -> Row:
    label = translate("summary", "CUDA toolkit")
    if not p.toolkits:
        return Row(
            "toolkits",
            label,
            translate("summary", "none"),
            OK,
            translate(
                "summary",
                "Not needed to run PyTorch: its wheels bring their own CUDA runtime. "
                "Needed only to compile CUDA code (nvcc).",
            ),
        )
    value = ", ".join(t.full_version or t.version for t in p.toolkits)
    # Each toolkit its own translatable part ("; ".join would leave plain English).
    detail = Text(
        "",
        "",
        {},
        tuple(
            (
                translate("summary", "{version} at {path} (nvcc)")
                if t.nvcc
                else translate("summary", "{version} at {path} (no nvcc)")
            ).format(version=t.version, path=t.path)
            for t in p.toolkits
        ),
        "; ",
    )
    return Row("toolkits", label, value, OK, detail)


def _cudnn_row(p: SystemProfile) -> Row:
    if not p.cudnn:
        return Row(
            "cudnn",
            "cuDNN",
            translate("summary", "none"),
            OK,
            translate("summary", "Not needed for PyTorch: pip wheels bring their own cuDNN."),
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
            "torch",
            "PyTorch",
            translate("summary", "not installed"),
            OK,
            translate("summary", "Not installed in the target Python yet."),
        )
    if torch.cuda:
        value = translate("summary", "{version} (CUDA {cuda} build)").format(
            version=torch.version, cuda=torch.cuda
        )
    elif torch.hip:
        value = translate("summary", "{version} (ROCm {hip} build)").format(
            version=torch.version, hip=torch.hip
        )
    elif torch.version.endswith("+xpu"):
        value = translate("summary", "{version} (Intel XPU build)").format(version=torch.version)
    else:
        value = translate("summary", "{version} (CPU build)").format(version=torch.version)
    usable = _gpu_a_build_could_use(p)
    if usable is not None and not (torch.cuda or torch.hip or torch.version.endswith("+xpu")):
        return Row(
            "torch",
            "PyTorch",
            value,
            WARNING,
            translate(
                "summary",
                "A CPU-only build is installed although this PC has {gpu}, which a GPU build "
                "of PyTorch can use.",
            ).format(gpu=usable.name),
        )
    return Row("torch", "PyTorch", value)


def _gpu_a_build_could_use(p: SystemProfile) -> GPU | None:
    """A GPU some PyTorch build runs on here: NVIDIA anywhere, AMD on Linux (ROCm), an Intel
    GPU of a known family (XPU); the planner decides which build exactly."""
    for gpu in p.gpus:
        vendor = (gpu.vendor or "nvidia").lower()
        if (
            vendor == "nvidia"
            or (vendor == "amd" and p.os.family == "linux" and gpu.arch)
            or (vendor == "intel" and p.os.family in ("linux", "windows") and gpu.arch)
        ):
            return gpu
    return None


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
