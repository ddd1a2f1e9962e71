"""A verification report as rows with marks and as shareable Markdown (CLI, GUI and reports)."""

from __future__ import annotations

from typing import Any

from app.redact import redact
from app.scan.summary import OK, PROBLEM, WARNING, Row, render_text

SEVERITY = {"info": OK, "warning": WARNING, "error": PROBLEM}


def rows_of(report: dict[str, Any]) -> list[Row]:
    """One row per check, in the order a person reads them."""
    torch = report.get("torch")
    rows = []
    if torch is None:
        rows.append(Row("torch", "PyTorch", "does not import", PROBLEM))
    else:
        build = f"CUDA {torch['cuda']}" if torch.get("cuda") else "CPU"
        rows.append(Row("torch", "PyTorch", f"{torch.get('version')} ({build} build)"))
    expects_gpu = bool(report.get("devices")) or any(
        f.get("code") in ("cpu_build_with_gpu", "cuda_unavailable") for f in report["findings"]
    )
    available = report.get("cuda_available")
    rows.append(
        Row(
            "cuda",
            "CUDA available",
            "yes" if available else "no",
            OK if available or not expects_gpu else PROBLEM,
        )
    )
    for index, device in enumerate(report.get("devices", [])):
        parts = [f"compute capability {device.get('capability')}"]
        if device.get("kernels") is False:
            parts.append("no kernels in this build")
        if device.get("computed") is True:
            parts.append("test computation correct")
        elif device.get("computed") is False:
            parts.append("test computation failed")
        good = device.get("kernels") is not False and device.get("computed") is not False
        rows.append(
            Row(
                f"device{index}",
                f"GPU {index}",
                f"{device.get('name')} ({', '.join(parts)})",
                OK if good else PROBLEM,
                device.get("error") or "",
            )
        )
    if torch is not None:
        cudnn = torch.get("cudnn")
        rows.append(Row("cudnn", "cuDNN", str(cudnn) if cudnn else "not used by this build"))
    extra = report.get("extra", {})
    for name in ("torchvision", "torchaudio"):
        version = extra.get(name) if isinstance(extra, dict) else None
        if version:
            rows.append(Row(name, name, str(version)))
    nvcc = report.get("nvcc")
    rows.append(
        Row(
            "nvcc",
            "nvcc (CUDA compiler)",
            f"{nvcc.get('version')} at {nvcc.get('path')}" if nvcc else "not on PATH",
            OK,
            "" if nvcc else "Only needed to compile CUDA code.",
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
