"""Does a plan made for one PC fit this one? `apply` asks before it changes anything.

The plan file says which PC it was made for (plan.made_for). This PC must have the same OS
family and CPU architecture; the rest is the planner's own judgement: this PC's profile is
planned again with the plan's choices (its torch, build, manager and packages), and what would
block that plan here (Python, the driver, GPU kernels) is a reason not to apply it. The planner
only warns about a GPU build chosen for a PC without that GPU (someone may want that on
purpose); a lab plan for a GPU that is not there is a mistake, so that is refused here.
"""

from __future__ import annotations

from app.compat.knowledge import Knowledge, rocm_of
from app.compat.plan import Choices, Notice, Plan
from app.compat.planner import make_plan
from app.profile import SystemProfile
from app.text import translate

# The planner's blockers, as fit problems: what about this PC the plan does not fit.
BLOCKER_CODES = {
    "python_too_old": "fit_python",
    "python_too_new": "fit_python",
    "python_unknown": "fit_python",
    "python_to_create": "fit_python",
    "no_wheel": "fit_python",
    "driver_too_old_for_choice": "fit_driver",
    "no_kernels_for_gpu": "fit_gpu_arch",
    "rocm_gpu_unsupported": "fit_gpu_arch",
    "platform_unsupported": "fit_arch",
    "no_wheels_for_platform": "fit_arch",
    "torch_unknown": "fit_unknown_release",
}
# The planner's warnings that mean "the GPU this build is for is not here".
NO_GPU_WARNINGS = {
    "cuda_without_gpu": "NVIDIA",
    "rocm_without_gpu": "AMD",
    "xpu_without_gpu": "Intel",
}
VENDOR_NAMES = {"nvidia": "NVIDIA", "amd": "AMD", "intel": "Intel", "apple": "Apple"}


def fit_problems(plan: Plan, profile: SystemProfile, kb: Knowledge | None = None) -> list[Notice]:
    """Why `plan` does not fit the PC of `profile`; empty when it fits."""
    problems = _platform_problems(plan.made_for, profile)
    if problems:  # a plan for another kind of PC: what else differs would only repeat it
        return problems
    if not profile.python.version:  # a lab PC without a Python: nothing to install into
        why = profile.python.problems[0] if profile.python.problems else None
        return [
            Notice(
                "fit_python",
                translate(
                    "lab",
                    "No Python to install PyTorch {torch} into was found on this PC ({why}): "
                    "install a Python it supports, or give --python EXE.",
                ).format(torch=plan.torch, why=why or translate("lab", "none found")),
            )
        ]
    if plan.compute == "mps" and (profile.os.family, _arch(profile.arch)) != ("macos", "arm64"):
        return [
            Notice(
                "fit_no_gpu",
                translate(
                    "lab", "This plan is for a Mac with Apple silicon (mps); this PC is not one."
                ),
            )
        ]
    choices = Choices(
        torch=plan.torch,
        compute=plan.compute,
        manager=plan.manager,
        packages=tuple(plan.packages) or None,
    )
    here = make_plan(profile, choices, kb)
    for blocker in here.blockers:
        code = BLOCKER_CODES.get(blocker.code, "fit_blocked")
        problems.append(Notice(code, _on_this_pc(blocker.message)))
    for warning in here.warnings:
        vendor = NO_GPU_WARNINGS.get(warning.code)
        if vendor is not None:
            problems.append(_no_gpu(plan, vendor, profile))
    if rocm_of(plan.compute or "") and _amd_without_driver(here, profile):
        problems.append(_no_gpu(plan, "AMD", profile))
    problems += _environment_problems(plan, here)
    return problems


def _platform_problems(made_for: dict, profile: SystemProfile) -> list[Notice]:
    problems = []
    family = made_for.get("os")
    if isinstance(family, str) and family and family != profile.os.family:
        problems.append(
            Notice(
                "fit_os",
                translate("lab", "This plan is for {planned}; this PC runs {here}.").format(
                    planned=_os_name(family), here=_os_name(profile.os.family)
                ),
            )
        )
    arch = made_for.get("arch")
    if isinstance(arch, str) and arch and _arch(arch) != _arch(profile.arch):
        problems.append(
            Notice(
                "fit_arch",
                translate(
                    "lab", "This plan is for {planned} processors; this PC has {here}."
                ).format(planned=_arch(arch), here=_arch(profile.arch)),
            )
        )
    return problems


def _arch(arch: str) -> str:
    """One spelling per architecture: Linux says aarch64, macOS and Windows arm64."""
    lowered = arch.lower()
    return {"aarch64": "arm64", "amd64": "x86_64", "x64": "x86_64"}.get(lowered, lowered)


def _os_name(family: str) -> str:
    return {"windows": "Windows", "linux": "Linux", "macos": "macOS"}.get(family, family)


def _on_this_pc(message: str) -> str:
    return translate("lab", "On this PC: {message}").format(message=message)


def _no_gpu(plan: Plan, vendor: str, profile: SystemProfile) -> Notice:
    others = sorted(
        {VENDOR_NAMES.get((g.vendor or "nvidia").lower(), g.vendor) for g in profile.gpus}
        - {vendor}
    )
    if vendor == "AMD" and any((g.vendor or "").lower() == "amd" for g in profile.gpus):
        text = translate(
            "lab",
            "This plan is for an AMD GPU ({compute}); this PC's AMD GPU cannot be used: the "
            "amdgpu driver is not loaded.",
        )
    elif others:
        text = translate(
            "lab",
            "This plan is for an {vendor} GPU ({compute}); this PC has none (its GPUs: {found}).",
        )
    else:
        text = translate("lab", "This plan is for an {vendor} GPU ({compute}); this PC has none.")
    return Notice(
        "fit_no_gpu",
        text.format(
            vendor=vendor,
            compute=plan.compute,
            found=", ".join(others),
        ),
    )


def _amd_without_driver(here: Plan, profile: SystemProfile) -> bool:
    """AMD GPUs here, none of which the ROCm build can drive: the amdgpu driver is bound to
    none (the planner says amd_driver_missing once for each)."""
    amd = [g for g in profile.gpus if (g.vendor or "").lower() == "amd"]
    missing = sum(1 for w in here.warnings if w.code == "amd_driver_missing")
    return bool(amd) and missing >= len(amd)


def _environment_problems(plan: Plan, here: Plan) -> list[Notice]:
    """A variable this PC's GPU needs (HSA_OVERRIDE_GFX_VERSION) that the plan does not set:
    the plan's verify and the user's programs would run without it."""
    problems = []
    for name, value in here.environment.items():
        if plan.environment.get(name) != value:
            problems.append(
                Notice(
                    "fit_gpu_arch",
                    translate(
                        "lab",
                        "This PC's GPU needs {name}={value} to run this build, and the plan "
                        "sets {planned}: make the plan on a PC like this one.",
                    ).format(
                        name=name,
                        value=value,
                        planned=plan.environment.get(name) or translate("lab", "nothing"),
                    ),
                )
            )
    return problems
