"""A plan as text for a person: what to run, why, and what to watch out for."""

from __future__ import annotations

from app.compat.plan import Plan


def render_plan(plan: Plan) -> str:
    lines = []
    if plan.blocked:
        lines.append("No PyTorch build can be installed as things stand:")
        lines += [f"  [FAIL] {b.message}" for b in plan.blockers]
    else:
        build = {"cpu": "CPU", "mps": "Apple GPU (MPS)"}.get(plan.compute or "", plan.compute)
        lines.append(f"PyTorch {plan.torch} ({build} build) with {plan.manager}:")
        lines += [f"  {line}" for line in plan.command_line().splitlines()]
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
