"""A verification report as rows with marks and as shareable Markdown (CLI, GUI and reports)."""

from __future__ import annotations

from typing import Any

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


def rows_of(report: dict[str, Any]) -> list[Row]:
    """One row per check, in the order a person reads them."""
    torch = report.get("torch")
    extra = _extra(report)
    backend = backend_of(report)
    rows = []
    if torch is None:
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
    return rows


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
    return redact("\n".join(lines) + "\n")
