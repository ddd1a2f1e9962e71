"""A verification report as rows with marks and as shareable Markdown (CLI, GUI and reports)."""

from __future__ import annotations

from typing import Any

from app.redact import redact
from app.scan.summary import OK, PROBLEM, WARNING, Row, render_text
from app.text import listing, translate

SEVERITY = {"info": OK, "warning": WARNING, "error": PROBLEM}


def rows_of(report: dict[str, Any]) -> list[Row]:
    """One row per check, in the order a person reads them."""
    torch = report.get("torch")
    rows = []
    if torch is None:
        rows.append(Row("torch", "PyTorch", translate("verify", "does not import"), PROBLEM))
    else:
        value = (
            translate("summary", "{version} (CUDA {cuda} build)").format(
                version=torch.get("version"), cuda=torch["cuda"]
            )
            if torch.get("cuda")
            else translate("summary", "{version} (CPU build)").format(version=torch.get("version"))
        )
        rows.append(Row("torch", "PyTorch", value))
    expects_gpu = bool(report.get("devices")) or any(
        f.get("code") in ("cpu_build_with_gpu", "cuda_unavailable") for f in report["findings"]
    )
    available = report.get("cuda_available")
    rows.append(
        Row(
            "cuda",
            translate("verify", "CUDA available"),
            translate("verify", "yes") if available else translate("verify", "no"),
            OK if available or not expects_gpu else PROBLEM,
        )
    )
    for index, device in enumerate(report.get("devices", [])):
        parts = [
            translate("summary", "compute capability {cc}").format(cc=device.get("capability"))
        ]
        if device.get("kernels") is False:
            parts.append(translate("verify", "no kernels in this build"))
        if device.get("computed") is True:
            parts.append(translate("verify", "test computation correct"))
        elif device.get("computed") is False:
            parts.append(translate("verify", "test computation failed"))
        good = device.get("kernels") is not False and device.get("computed") is not False
        rows.append(
            Row(
                f"device{index}",
                f"GPU {index}",
                translate("summary", "{name} ({details})").format(
                    name=device.get("name"), details=listing(*parts)
                ),
                OK if good else PROBLEM,
                device.get("error") or "",
            )
        )
    if torch is not None:
        cudnn = torch.get("cudnn")
        rows.append(
            Row(
                "cudnn",
                "cuDNN",
                str(cudnn) if cudnn else translate("verify", "not used by this build"),
            )
        )
    extra = report.get("extra", {})
    for name in ("torchvision", "torchaudio"):
        version = extra.get(name) if isinstance(extra, dict) else None
        if version:
            rows.append(Row(name, name, str(version)))
    nvcc = report.get("nvcc")
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
