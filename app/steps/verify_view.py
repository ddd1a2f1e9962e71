"""A verification report as rows with marks and as shareable Markdown (CLI, GUI and reports)."""

from __future__ import annotations

from typing import Any

from app.proc import display
from app.redact import redact
from app.scan.summary import OK, PROBLEM, WARNING, Row, render_text
from app.text import QT_TRANSLATE_NOOP, listing, translate

SEVERITY = {"info": OK, "warning": WARNING, "error": PROBLEM}
# Findings that say a GPU should have been usable (the availability row is then a problem)
GPU_EXPECTED = {
    "cpu_build_with_gpu",
    "cuda_unavailable",
    "rocm_no_access",
    "rocm_no_driver",
    "xpu_unavailable",
}
# backend -> (availability row label, device row label, the vendor's mark)
BACKENDS = {
    "cuda": (QT_TRANSLATE_NOOP("verify", "CUDA available"), "GPU {index}", "nvidia"),
    "cpu": (QT_TRANSLATE_NOOP("verify", "CUDA available"), "GPU {index}", "nvidia"),
    "rocm": (
        QT_TRANSLATE_NOOP("verify", "ROCm (AMD GPU) available"),
        QT_TRANSLATE_NOOP("verify", "AMD GPU {index}"),
        "amd",
    ),
    "xpu": (
        QT_TRANSLATE_NOOP("verify", "XPU (Intel GPU) available"),
        QT_TRANSLATE_NOOP("verify", "Intel GPU {index}"),
        "intel",
    ),
    "mps": (
        QT_TRANSLATE_NOOP("verify", "MPS (Apple GPU) available"),
        QT_TRANSLATE_NOOP("verify", "Apple GPU"),
        "apple",
    ),
}


def _extra(report: dict[str, Any]) -> dict[str, Any]:
    extra = report.get("extra")
    return extra if isinstance(extra, dict) else {}


def backend_of(report: dict[str, Any]) -> str:
    """cuda | rocm | xpu | mps | cpu; reports from before issue 17 have no extra["backend"]."""
    extra = _extra(report)
    if extra.get("backend") in BACKENDS:
        return str(extra["backend"])
    torch = report.get("torch") or {}
    for key, backend in (("hip", "rocm"), ("cuda", "cuda"), ("xpu", "xpu"), ("mps", "mps")):
        if torch.get(key):
            return backend
    return "cpu"


def _torch_value(torch: dict[str, Any], backend: str) -> str:
    version = torch.get("version")
    if backend == "rocm":
        return translate("verify", "{version} (ROCm {hip} build)").format(
            version=version, hip=torch.get("hip")
        )
    if backend == "xpu":
        return translate("verify", "{version} (XPU build for Intel GPUs)").format(version=version)
    if backend == "mps":
        return translate("verify", "{version} (with MPS for the Apple GPU)").format(version=version)
    if torch.get("cuda"):
        return translate("summary", "{version} (CUDA {cuda} build)").format(
            version=version, cuda=torch["cuda"]
        )
    return translate("summary", "{version} (CPU build)").format(version=version)


def _device_row(index: int, device: dict[str, Any]) -> Row:
    backend = str(device.get("backend") or "cuda")
    _, label, mark = BACKENDS.get(backend, BACKENDS["cuda"])
    parts = []
    if backend == "cuda":
        parts.append(
            translate("summary", "compute capability {cc}").format(cc=device.get("capability"))
        )
    elif device.get("arch"):
        parts.append(str(device["arch"]))
    if device.get("kernels") is False:
        parts.append(translate("verify", "no kernels in this build"))
    if device.get("computed") is True:
        parts.append(translate("verify", "test computation correct"))
    elif device.get("computed") is False:
        parts.append(translate("verify", "test computation failed"))
    good = device.get("kernels") is not False and device.get("computed") is not False
    return Row(
        f"device{index}",
        translate("verify", label).format(index=index) if backend != "cuda" else f"GPU {index}",
        translate("summary", "{name} ({details})").format(
            name=device.get("name"), details=listing(*parts)
        ),
        OK if good else PROBLEM,
        # the error's first line: the rest is advice (AMD_SERIALIZE_KERNEL...) the report keeps
        (str(device.get("error") or "").strip().splitlines() or [""])[0],
        mark,
    )


# A finding's row (its subject) and its few words there. "available": the backend's
# availability row; "device": the GPU rows the finding is about.
SUBJECTS: dict[str, tuple[str, str]] = {
    "torch_missing": ("torch", QT_TRANSLATE_NOOP("verify", "not installed")),
    "import_failed": ("torch", QT_TRANSLATE_NOOP("verify", "installed, but does not import")),
    "dll_load_failed": ("torch", QT_TRANSLATE_NOOP("verify", "one of its DLL files does not load")),
    "several_torch": ("torch", QT_TRANSLATE_NOOP("verify", "installed more than once")),
    "probe_timeout": ("torch", QT_TRANSLATE_NOOP("verify", "the check hung")),
    "probe_failed": ("torch", QT_TRANSLATE_NOOP("verify", "the check could not run")),
    "cpu_build_with_gpu": ("available", QT_TRANSLATE_NOOP("verify", "the CPU build is installed")),
    "cuda_unavailable": ("available", QT_TRANSLATE_NOOP("verify", "the GPU cannot be used")),
    "cuda_visible_devices_hides": (
        "available",
        QT_TRANSLATE_NOOP("verify", "CUDA_VISIBLE_DEVICES hides GPUs"),
    ),
    "driver_too_old": ("available", QT_TRANSLATE_NOOP("verify", "the driver is too old")),
    "wsl_no_driver_libs": (
        "available",
        QT_TRANSLATE_NOOP("verify", "WSL's driver libraries are missing"),
    ),
    "rocm_no_access": ("available", QT_TRANSLATE_NOOP("verify", "no permission to use the GPU")),
    "rocm_no_driver": ("available", QT_TRANSLATE_NOOP("verify", "the amdgpu driver is not loaded")),
    "xpu_unavailable": ("available", QT_TRANSLATE_NOOP("verify", "the GPU cannot be used")),
    "mps_unavailable": ("available", QT_TRANSLATE_NOOP("verify", "MPS cannot be used")),
    "arch_missing": ("device", QT_TRANSLATE_NOOP("verify", "this build has no code for this GPU")),
    "rocm_arch_missing": (
        "device",
        QT_TRANSLATE_NOOP("verify", "this build has no code for this GPU"),
    ),
    "kernel_failed": ("device", QT_TRANSLATE_NOOP("verify", "the test computation failed")),
    "cudnn_failed": ("cudnn", QT_TRANSLATE_NOOP("verify", "a test convolution failed")),
    "vision_mismatch": (
        "torchvision",
        QT_TRANSLATE_NOOP("verify", "does not work with this PyTorch"),
    ),
    "nvcc_cannot_compile": ("nvcc", QT_TRANSLATE_NOOP("verify", "cannot compile")),
    "rocm_override_set": (
        "environment",
        QT_TRANSLATE_NOOP("verify", "a workaround AMD does not support"),
    ),
}
# The same code at warning level says less
SHORT_WARNINGS = {
    "vision_mismatch": QT_TRANSLATE_NOOP("verify", "not the release made for this PyTorch"),
}
RANK = {OK: 0, WARNING: 1, PROBLEM: 2}


def short_text(finding: dict[str, Any]) -> str:
    """A finding in a few words: its row's words, else its message's first sentence."""
    code = str(finding.get("code"))
    if finding.get("severity") == "warning" and code in SHORT_WARNINGS:
        return translate("verify", SHORT_WARNINGS[code])
    if code in SUBJECTS:
        return translate("verify", SUBJECTS[code][1])
    message = str(finding.get("message") or code)
    first = message.split(". ", 1)[0].rstrip(".")
    return first if len(first) <= 80 else first[:79] + "…"


def _subject_rows(finding: dict[str, Any], rows: list[Row], report: dict[str, Any]) -> list[int]:
    """The indexes of the rows a finding is about ([] when none of them is)."""
    code = str(finding.get("code"))
    subject = SUBJECTS.get(code, ("", ""))[0]
    keys = [row.key for row in rows]
    if subject == "available":
        return [i for i, key in enumerate(keys) if key in ("cuda", "rocm", "xpu", "mps")][:1]
    if subject == "device":
        no_code = code in ("arch_missing", "rocm_arch_missing")
        failing = {
            f"device{index}": str(device.get("name") or "")
            for index, device in enumerate(report.get("devices") or [])
            if (device.get("kernels") is False) == no_code and device.get("computed") is not True
        }
        # the message names its GPU; two GPUs of one model both fail the same way
        named = {key for key, name in failing.items() if name and name in str(finding["message"])}
        return [i for i, key in enumerate(keys) if key in (named or failing)]
    return [i for i, key in enumerate(keys) if key == subject] if subject else []


def _with_findings(rows: list[Row], report: dict[str, Any]) -> list[Row]:
    """Rows marked with the warnings and errors found about them, so the table never shows a
    green row for a thing that is broken; a finding about no row gets a row of its own."""
    for finding in report.get("findings") or []:
        status = SEVERITY.get(str(finding.get("severity")), OK)
        if status == OK:
            continue
        short = short_text(finding)
        hits = _subject_rows(finding, rows, report)
        for index in hits:
            row = rows[index]
            if short == row.value:  # "not installed" already says it
                detail = row.detail
            elif row.detail and row.detail != short:
                detail = listing(short, row.detail)
            else:
                detail = short
            worst = status if RANK[status] > RANK[row.status] else row.status
            rows[index] = Row(row.key, row.label, row.value, worst, detail, row.mark)
        if not hits:
            rows.append(_own_row(finding, status, short))
    return rows


def _own_row(finding: dict[str, Any], status: str, short: str) -> Row:
    code = str(finding.get("code"))
    subject = SUBJECTS.get(code, ("", ""))[0]
    if subject == "torchvision":  # it imports not even far enough to say its version
        return Row(
            "torchvision", "torchvision", translate("verify", "(unknown version)"), status, short
        )
    return Row(code, translate("verify", "Finding"), short, status)


def subject_of(finding: dict[str, Any], report: dict[str, Any]) -> str:
    """The label of the row a finding is about ("torchvision", "CUDA available", ...)."""
    rows = rows_of(report, marked=False)
    hits = _subject_rows(finding, rows, report)
    if hits:
        return rows[hits[0]].label
    return _own_row(finding, OK, "").label


def first_problem(report: dict[str, Any]) -> dict[str, Any] | None:
    """The first error finding, else the first warning; None when all is well."""
    findings = report.get("findings") or []
    for severity in ("error", "warning"):
        for finding in findings:
            if finding.get("severity") == severity:
                return finding
    return None


def problem_text(finding: dict[str, Any], report: dict[str, Any]) -> str:
    """ "torchvision: does not work with this PyTorch": the headline's words for a finding."""
    return translate("verify", "{check}: {problem}").format(
        check=subject_of(finding, report), problem=short_text(finding)
    )


def rows_of(report: dict[str, Any], *, marked: bool = True) -> list[Row]:
    """One row per check, in the order a person reads them; marked: with the findings' marks."""
    torch = report.get("torch")
    extra = _extra(report)
    backend = backend_of(report)
    codes = {f.get("code") for f in report.get("findings") or []}
    rows = []
    if torch is None and extra.get("probe_error"):
        rows.append(Row("torch", "PyTorch", translate("verify", "not checked"), PROBLEM))
    elif torch is None and "torch_missing" in codes:
        rows.append(Row("torch", "PyTorch", translate("verify", "not installed"), PROBLEM))
    elif torch is None:
        rows.append(Row("torch", "PyTorch", translate("verify", "does not import"), PROBLEM))
    else:
        rows.append(Row("torch", "PyTorch", _torch_value(torch, backend)))
    expects_gpu = bool(report.get("devices")) or any(
        f.get("code") in GPU_EXPECTED
        or (f.get("code") == "mps_unavailable" and f.get("severity") == "error")
        for f in report["findings"]
    )
    if backend in ("xpu", "mps"):
        available = bool(extra.get("gpu_available"))
    else:
        available = bool(report.get("cuda_available"))
    label = BACKENDS[backend][0]
    wanted = {"ROCm": "rocm", "XPU": "xpu", "MPS": "mps"}.get(str(extra.get("build_wanted")))
    if backend == "cpu" and wanted:  # a CPU build beside an AMD or Intel GPU: not CUDA's row
        label = BACKENDS[wanted][0]
    rows.append(
        Row(
            "cuda" if backend in ("cuda", "cpu") else backend,
            translate("verify", label),
            translate("verify", "yes") if available else translate("verify", "no"),
            OK if available or not expects_gpu else PROBLEM,
        )
    )
    for index, device in enumerate(report.get("devices", [])):
        rows.append(_device_row(index, device))
    if torch is not None:
        cudnn = torch.get("cudnn")
        rows.append(
            Row(
                "cudnn",
                "MIOpen" if backend == "rocm" else "cuDNN",
                str(cudnn)
                if cudnn
                else translate("verify", "not reported")
                if backend == "rocm"
                else translate("verify", "not used by this build"),
            )
        )
    environment = {**(extra.get("rocm_env") or {}), **(extra.get("environment") or {})}
    if environment:
        rows.append(
            Row(
                "environment",
                translate("verify", "Variables set"),
                ", ".join(f"{name}={value}" for name, value in environment.items()),
            )
        )
    for name in ("torchvision", "torchaudio"):
        version = extra.get(name)
        if version:
            rows.append(Row(name, name, str(version)))
    nvcc = report.get("nvcc")
    if nvcc or backend in ("cuda", "cpu"):  # nvcc means nothing to other vendors' builds
        rows.append(
            Row(
                "nvcc",
                translate("verify", "nvcc (CUDA compiler)"),
                translate("verify", "{version} at {path}").format(
                    version=nvcc.get("version"), path=nvcc.get("path")
                )
                if nvcc
                else translate("verify", "not on PATH"),
                OK,
                "" if nvcc else translate("verify", "Only needed to compile CUDA code."),
            )
        )
    return _with_findings(rows, report) if marked else rows


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown to paste into a help request; user, home and host redacted."""
    verdict = "works" if report.get("ok") else "has a problem"
    lines = [f"## PyTorch check: {verdict}", "", f"Python: `{report.get('python')}`", "", "```"]
    lines.append(render_text(rows_of(report)))
    lines.append("```")
    if report.get("findings"):
        lines += ["", "### Findings"]
        for finding in report["findings"]:
            lines.append(f"- **{finding['severity']}** `{finding['code']}`: {finding['message']}")
            fix = finding.get("fix") or {}
            if fix.get("action") == "command" and fix.get("command"):  # to paste in a terminal
                lines.append(f"  - fix: `{display(fix['command'])}`")
            elif fix.get("action") == "link" and fix.get("url"):
                lines.append(f"  - see: {fix['url']}")
    return redact("\n".join(lines) + "\n")
