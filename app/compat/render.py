"""A plan as text for a person: what to run, why, and what to watch out for."""

from __future__ import annotations

import re

from app.compat.plan import Plan
from app.text import translate


def compute_label(compute: str) -> str:
    """A build as a person names it: "CUDA 12.6 (cu126)", "AMD ROCm 7.2 (rocm7.2)", ..."""
    cuda = re.fullmatch(r"cu(\d+)(\d)", compute)
    if cuda:
        return f"CUDA {cuda.group(1)}.{cuda.group(2)} ({compute})"
    if compute.startswith("rocm"):
        return f"AMD ROCm {compute[4:]} ({compute})"
    labels = {
        "cpu": translate("plan", "CPU"),
        "mps": translate("plan", "Apple GPU (MPS)"),
        "xpu": translate("plan", "Intel GPU (XPU)"),
    }
    return labels.get(compute, compute)


def compute_vendor(compute: str) -> str:
    """Whose GPU a build uses (nvidia, amd, intel, apple); "" for the CPU build."""
    if re.fullmatch(r"cu\d+", compute):
        return "nvidia"
    if compute.startswith("rocm"):
        return "amd"
    return {"xpu": "intel", "mps": "apple"}.get(compute, "")


def environment_line(plan: Plan) -> str:
    """The variables the build needs, as NAME=value pairs (the HSA override)."""
    return " ".join(f"{name}={value}" for name, value in plan.environment.items())


def render_plan(plan: Plan) -> str:
    lines = []
    if plan.blocked:
        lines.append("No PyTorch build can be installed as things stand:")
        lines += [f"  [FAIL] {b.message}" for b in plan.blockers]
    else:
        build = compute_label(plan.compute or "")
        lines.append(f"PyTorch {plan.torch}, {build}, with {plan.manager}:")
        lines += [f"  {line}" for line in plan.command_line().splitlines()]
        if plan.environment:
            lines.append(f"Set wherever PyTorch runs: {environment_line(plan)}")
        if plan.toolkit:
            lines.append(f"Matching CUDA toolkit (only for nvcc): {plan.toolkit}")
        confirmation = plan.confirmation or {}
        if confirmation.get("status") == "confirmed":
            lines.append("pip confirmed this command (dry run).")
        elif confirmation:
            lines.append(f"Not confirmed by pip: {confirmation.get('detail', '')}")
    if plan.reasons:
        lines.append("Why:")
        lines += [f"  - {reason}" for reason in plan.reasons]
    if plan.warnings:
        lines.append("Watch out:")
        lines += [f"  [warn] {w.message}" for w in plan.warnings]
    return "\n".join(lines)
