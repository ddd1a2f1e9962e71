"""AMD (ROCm), Intel (XPU) and Apple (MPS) GPUs in the plan: which of them drives it, and which
build of which release runs on it, every decision said (issue 17).

Policy. A usable NVIDIA GPU comes first (planner.py). Otherwise the AMD and Intel GPUs are
ranked and the best usable one drives the plan:
  0  a discrete AMD GPU on Linux x86_64 whose gfx target a ROCm build carries,
  1  a discrete Intel GPU (Arc) of a family PyTorch's XPU build is validated on,
  2  a discrete AMD GPU through a known workaround (HSA_OVERRIDE_GFX_VERSION), or whose gfx
     target could not be read,
  3-5 the same three for integrated GPUs (an AMD APU, an Intel iGPU),
and with none usable the CPU build, with why each GPU cannot be used. For the GPU chosen: the
newest candidate release with a build that runs it (for ROCm the newest ROCm of that release);
a newer release held back is said, as for CUDA. Apple: MPS on Apple-silicon Macs from the
minimum macOS and torch in the data.

Facts (gfx targets per ROCm build, overrides, XPU families, MPS minimums, what AMD offers on
Windows) come from resources/compat/accelerators.json, each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from packaging.version import Version

from app.compat.knowledge import (
    Release,
    gfx_of_override,
    override_failure,
    parse_version,
    rocm_of,
)
from app.profile import GPU
from app.text import sentences, translate

if TYPE_CHECKING:
    from app.compat.planner import _Planner

VENDORS = ("amd", "intel")  # the GPUs ranked here; NVIDIA's are the planner's own
OVERRIDE = "HSA_OVERRIDE_GFX_VERSION"


@dataclass
class Note:
    code: str | None  # a warning's code; None: a reason
    text: str


@dataclass
class Option:
    """What one GPU would give the plan."""

    gpu: GPU
    rank: int | None = None  # None: no build runs it here
    release: Release | None = None
    variant: str | None = None
    why: str = ""  # a phrase: why it ranks so (usable), or why it cannot be used
    notes: list[Note] = field(default_factory=list)  # said when it decides the plan
    environment: dict[str, str] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)  # companions its build lacks


@dataclass
class Decision:
    options: list[Option]

    @property
    def best(self) -> Option | None:
        usable = [o for o in self.options if o.rank is not None]
        return min(usable, key=lambda o: o.rank or 0) if usable else None


def _newest_first(variants: list[str]) -> list[str]:
    return sorted(variants, key=lambda v: rocm_of(v) or Version("0"), reverse=True)


class OtherGpus:
    """The AMD and Intel GPUs of the machine, as the planner's helper."""

    def __init__(self, planner: _Planner) -> None:
        from app.compat.planner import PLATFORM_NAMES

        self.planner = planner
        self.kb = planner.kb
        self.gpus = [g for g in planner.profile.gpus if (g.vendor or "").lower() in VENDORS]
        self.platform_names = PLATFORM_NAMES

    @property
    def data(self) -> dict[str, Any]:
        return self.kb.accelerators

    @property
    def where(self) -> str:
        platform = self.planner.platform
        return self.platform_names.get(platform, platform)

    @property
    def explicit_torch(self) -> bool:
        return self.planner.choices.torch is not None

    # -- choosing a GPU ----------------------------------------------------------------------

    def decide(self, candidates: list[Release]) -> Decision:
        """Each GPU's option; nothing is said yet."""
        options = []
        for gpu in self.gpus:
            if (gpu.vendor or "").lower() == "amd":
                options.append(self.amd(gpu, candidates))
            else:
                options.append(self.intel(gpu, candidates))
        return Decision(options)

    def apply(self, decision: Decision) -> tuple[Release, str] | None:
        """Say the decision; the release and build of the GPU that drives the plan, or None
        (the CPU build: each GPU's notes say why it cannot be used)."""
        best = decision.best
        if best is None:
            for option in decision.options:
                self.say(option.notes)
            return None
        self.planner.reason(
            translate("plan", "{name} drives the plan: {why}.").format(
                name=best.gpu.name, why=best.why
            )
        )
        for option in decision.options:
            if option is not best:
                self.planner.reason(
                    translate("plan", "{name} is not used: {why}.").format(
                        name=option.gpu.name,
                        why=option.why
                        if option.rank is None
                        else translate("plan", "a PyTorch build runs on one kind of GPU"),
                    )
                )
        self.say(best.notes)
        self.planner.plan.environment.update(best.environment)
        self.planner.dropped |= best.dropped
        assert best.release is not None and best.variant is not None
        return best.release, best.variant

    def beside_nvidia(self) -> None:
        """The NVIDIA GPU drives the plan: say why the others are not used."""
        if self.gpus:
            self.planner.reason(
                translate(
                    "plan",
                    "Not used: {names} (a PyTorch build runs on one kind of GPU, and a usable "
                    "NVIDIA GPU comes first).",
                ).format(names=", ".join(g.name for g in self.gpus))
            )

    def say(self, notes: list[Note]) -> None:
        for note in notes:
            if note.code is None:
                self.planner.reason(note.text)
            else:
                self.planner.warn(note.code, note.text)

    # -- AMD -------------------------------------------------------------------------------

    def amd_driver_missing(self, gpu: GPU) -> bool:
        """amdgpu not bound: another module is, or the PCI scan found the card without one
        (a KFD or ROCm sighting proves the driver; an old profile says nothing either way)."""
        driver = self.data["rocm"]["kernel_driver"]
        if gpu.kernel_driver is not None:
            return gpu.kernel_driver != driver
        return gpu.found_by == "pci"

    def amd(self, gpu: GPU, candidates: list[Release]) -> Option:
        rocm = self.data["rocm"]
        option = Option(gpu)
        if self.planner.os == "windows" and not self.data["amd_windows"]["pytorch_index"]:
            option.why = translate("plan", "PyTorch's own index has no ROCm builds for Windows")
            option.notes = [self.amd_windows(gpu)]
            return option
        if self.planner.platform not in rocm["platforms"]:
            option.why = translate("plan", "PyTorch's ROCm builds are for Linux on x86_64 only")
            option.notes = [
                Note(
                    None,
                    translate(
                        "plan",
                        "{name} is an AMD GPU, but PyTorch's ROCm builds are for Linux on x86_64 "
                        "only: the CPU build is planned.",
                    ).format(name=gpu.name),
                )
            ]
            return option
        if self.amd_driver_missing(gpu):
            option.why = translate(
                "plan", "the {driver} kernel driver is not loaded for it"
            ).format(driver=rocm["kernel_driver"])
            option.notes = [Note("amd_driver_missing", self.driver_missing_text(gpu, None))]
            return option
        integrated = gpu.integrated is True
        if gpu.arch is None:
            return self.amd_arch_unknown(option, candidates, integrated)
        found = self.rocm_for(candidates, gpu.arch)
        if found is not None:
            release, variant, checked = found
            option.rank, option.release, option.variant = 3 if integrated else 0, release, variant
            option.why = (
                translate(
                    "plan",
                    "an AMD integrated GPU whose {gfx} target PyTorch's ROCm builds carry",
                )
                if integrated
                else translate(
                    "plan", "a discrete AMD GPU whose {gfx} target PyTorch's ROCm builds carry"
                )
            ).format(gfx=gpu.arch)
            option.notes = [
                Note(
                    None,
                    translate(
                        "plan",
                        "{name} has the {gfx} target; the {variant} build of PyTorch {version} "
                        "carries kernels for it.",
                    ).format(name=gpu.name, gfx=gpu.arch, variant=variant, version=release.version)
                    if checked
                    else translate(
                        "plan",
                        "{name} has the {gfx} target; PyTorch {version} is planned with its "
                        "{variant} build.",
                    ).format(name=gpu.name, gfx=gpu.arch, variant=variant, version=release.version),
                ),
                *self.rocm_unchecked(variant, gpu, checked),
                *self.rocm_held_back(candidates, release, variant, gpu.arch),
                *self.amd_ready(gpu),
            ]
            return option
        return self.amd_override(option, candidates, integrated)

    def amd_arch_unknown(
        self, option: Option, candidates: list[Release], integrated: bool
    ) -> Option:
        gpu = option.gpu
        newest = next((r for r in candidates if r.rocm(self.planner.platform)), None)
        if newest is None:
            return self.no_rocm_build(option, candidates)
        variant = _newest_first(newest.rocm(self.planner.platform))[0]
        option.rank, option.release, option.variant = 5 if integrated else 2, newest, variant
        option.why = translate("plan", "an AMD GPU whose gfx target could not be read")
        option.notes = [
            Note(
                "gpu_arch_unknown",
                translate(
                    "plan",
                    "The gfx target of {name} could not be read (the amdgpu driver's KFD "
                    "topology was not found), so whether the {variant} build of PyTorch "
                    "{version} has kernels for it is unchecked. If PyTorch reports 'HIP error: "
                    "invalid device function', this GPU is not supported by that build.",
                ).format(name=gpu.name, variant=variant, version=newest.version),
            ),
            *self.amd_ready(gpu),
        ]
        return option

    def amd_override(self, option: Option, candidates: list[Release], integrated: bool) -> Option:
        """A gfx no build carries: the known workaround, or the CPU build."""
        gpu = option.gpu
        gfx = gpu.arch or ""
        if not any(r.rocm(self.planner.platform) for r in candidates):
            return self.no_rocm_build(option, candidates)
        row = self.kb.rocm_override(gfx) or {}
        target = gfx_of_override(row["value"]) if row.get("works") and row.get("value") else None
        found = self.rocm_for(candidates, target) if target else None
        if target is None or found is None:
            option.why = translate("plan", "no PyTorch ROCm build carries its {gfx} target").format(
                gfx=gfx
            )
            option.notes = [Note("rocm_gpu_unsupported", self.unsupported_text(gpu, candidates))]
            return option
        release, variant, _checked = found
        value = row["value"]
        option.rank, option.release, option.variant = 5 if integrated else 2, release, variant
        option.environment = {OVERRIDE: value}
        option.why = translate(
            "plan", "an AMD GPU that runs PyTorch's ROCm build only through a workaround"
        )
        unconfirmed = row.get("status") == "unconfirmed"
        option.notes = [
            Note(
                "rocm_override",
                sentences(
                    translate(
                        "plan",
                        "{name} ({gfx}) is not among the GPUs PyTorch's ROCm builds carry kernels "
                        "for. An unsupported workaround makes it run the {target} kernels of the "
                        "{variant} build: set {variable}={value} wherever PyTorch runs (for "
                        "example `export {variable}={value}` in ~/.bashrc); the assistant sets it "
                        "for its own check. If programs crash or hang, plan the CPU build instead.",
                    ).format(
                        name=gpu.name,
                        gfx=gfx,
                        target=target,
                        variant=variant,
                        variable=OVERRIDE,
                        value=value,
                    ),
                    translate(
                        "plan",
                        "It is reported to work for this GPU family, but not confirmed for this "
                        "GPU.",
                    )
                    if unconfirmed
                    else None,
                ),
            ),
            *self.rocm_held_back(candidates, release, variant, target),
            *self.amd_ready(gpu),
        ]
        return option

    def rocm_for(self, candidates: list[Release], gfx: str) -> tuple[Release, str, bool] | None:
        """(release, ROCm build, checked): the newest release with a ROCm build that carries
        this gfx target, its newest such build. A release the user chose is taken with a build
        whose targets the data does not know (checked False): the install will tell."""
        for release in candidates:
            for variant in _newest_first(release.rocm(self.planner.platform)):
                targets = self.kb.rocm_targets(variant)
                if targets is None and self.explicit_torch:
                    return release, variant, False
                if targets and gfx in targets:
                    return release, variant, True
        return None

    def rocm_unchecked(self, variant: str, gpu: GPU, checked: bool) -> list[Note]:
        if checked:
            return []
        return [
            Note(
                "rocm_targets_unknown",
                translate(
                    "plan",
                    "Which GPUs the {variant} build supports is not in the assistant's data; it "
                    "was planned without checking {gfx}.",
                ).format(variant=variant, gfx=gpu.arch or gpu.name),
            )
        ]

    def rocm_held_back(
        self, candidates: list[Release], chosen: Release, variant: str, gfx: str
    ) -> list[Note]:
        """Why newer releases' ROCm builds are not planned: the newest one's are unknown, or
        the newest with ROCm builds lacks this gfx target (or its targets are unknown)."""
        if self.explicit_torch:
            return []
        platform = self.planner.platform
        newest = candidates[0]
        reference = next((r for r in candidates if r.rocm(platform)), chosen)
        values = {"version": newest.version, "version2": chosen.version, "gfx": gfx}
        notes = []
        if newest.torch > chosen.torch and not newest.rocm(platform):
            notes.append(
                Note(
                    "rocm_builds_unknown",
                    translate(
                        "plan",
                        "PyTorch {version} is out, but which ROCm builds it has is not known yet "
                        "(PyTorch's own index could not be read), so {version2} is planned for "
                        "the GPU.",
                    ).format(**values),
                )
                if not newest.variants_known
                else Note(
                    None,
                    translate(
                        "plan",
                        "PyTorch {version} has no ROCm build; {version2} is the newest release "
                        "that has.",
                    ).format(**values),
                )
            )
        if reference.torch <= chosen.torch:
            return notes
        builds = _newest_first(reference.rocm(platform))
        values = {**values, "version": reference.version, "builds": ", ".join(builds)}
        if any(self.kb.rocm_targets(v) is None for v in builds):
            notes.append(
                Note(
                    "rocm_targets_unknown",
                    translate(
                        "plan",
                        "PyTorch {version} is out, but which GPUs its ROCm builds ({builds}) "
                        "support is not in the assistant's data yet, so {version2} is planned. "
                        "Choose {version} under Alternatives to take it anyway.",
                    ).format(**values),
                )
            )
        else:
            notes.append(
                Note(
                    "rocm_limits_torch",
                    translate(
                        "plan",
                        "The ROCm builds of PyTorch {version} ({builds}) carry no kernels for "
                        "{gfx}; {version2} ({variant}) is the newest release whose build does.",
                    ).format(variant=variant, **values),
                )
            )
        return notes

    def no_rocm_build(self, option: Option, candidates: list[Release]) -> Option:
        newest = candidates[0]
        option.why = translate("plan", "no PyTorch release here has a ROCm build")
        option.notes = [
            Note(
                "rocm_builds_unknown",
                translate(
                    "plan",
                    "Which ROCm builds PyTorch {version} has is not known yet (PyTorch's own "
                    "index could not be read): the CPU build is planned. Choose an earlier "
                    "version for the GPU, or plan again when the index can be reached.",
                ).format(version=newest.version),
            )
            if not newest.variants_known
            else Note(
                None,
                translate(
                    "plan",
                    "PyTorch {version} has no ROCm build for this Python: the CPU build is "
                    "planned for {name}.",
                ).format(version=newest.version, name=option.gpu.name),
            )
        ]
        return option

    def unsupported_text(self, gpu: GPU, candidates: list[Release]) -> str:
        carried = next(
            (
                (variant, targets)
                for r in candidates
                for variant in _newest_first(r.rocm(self.planner.platform))
                if (targets := self.kb.rocm_targets(variant))
            ),
            None,
        )
        row = self.kb.rocm_override(gpu.arch or "")
        return sentences(
            translate(
                "plan",
                "{name} ({gfx}) is not among the GPUs PyTorch's ROCm builds carry kernels for "
                "({variant} has {targets}): PyTorch would install but fail with 'HIP error: "
                "invalid device function', so the CPU build is planned.",
            ).format(
                name=gpu.name,
                gfx=gpu.arch,
                variant=carried[0] if carried else "?",
                targets=", ".join(carried[1]) if carried else "?",
            ),
            translate("plan", "The {variable} workaround is known not to help here: {why}.").format(
                variable=OVERRIDE, why=override_failure(row)
            )
            if row and not row.get("works")
            else None,
        )

    def driver_missing_text(self, gpu: GPU, compute: str | None) -> str:
        rocm = self.data["rocm"]
        bound = gpu.kernel_driver
        return sentences(
            translate(
                "plan",
                "{name} is an AMD GPU, but the {driver} kernel driver is not loaded for it "
                "(it is bound to {bound}), so PyTorch cannot use it.",
            ).format(name=gpu.name, driver=rocm["kernel_driver"], bound=bound)
            if bound
            else translate(
                "plan",
                "{name} is an AMD GPU, but the {driver} kernel driver is not loaded for it, so "
                "PyTorch cannot use it.",
            ).format(name=gpu.name, driver=rocm["kernel_driver"]),
            translate("plan", "The CPU build is planned.")
            if compute is None
            else translate("plan", "The {compute} build will run on the CPU until it is.").format(
                compute=compute
            ),
            translate("plan", "Install AMD's GPU driver ({page}), restart, and plan again.").format(
                page=rocm["driver_page"]
            ),
        )

    def amd_ready(self, gpu: GPU) -> list[Note]:
        """What the ROCm build needs of the machine: the kernel driver and device access."""
        rocm = self.data["rocm"]
        notes = [
            Note(
                None,
                translate(
                    "plan",
                    "PyTorch's ROCm builds bring ROCm's own libraries: only AMD's {driver} kernel "
                    "driver is needed, not a ROCm installation ({page}).",
                ).format(driver=rocm["kernel_driver"], page=rocm["driver_page"]),
            )
        ]
        return notes + self.access(gpu)

    def access(self, gpu: GPU) -> list[Note]:
        if not gpu.no_access:
            return []
        rocm = self.data["rocm"]
        return [
            Note(
                "gpu_no_access",
                translate(
                    "plan",
                    "This user may not open {path}, so PyTorch cannot reach {name}. Join these "
                    "groups ({groups}): `{fix}`, then log out and back in.",
                ).format(
                    path=gpu.no_access,
                    name=gpu.name,
                    groups=", ".join(rocm["groups"]),
                    fix=rocm["groups_fix"],
                ),
            )
        ]

    def amd_windows(self, gpu: GPU) -> Note:
        preview = self.data["amd_windows"]["preview"]
        python = self.planner.python()
        values = {
            "name": gpu.name,
            "torch": preview["torch"],
            "rocm": preview["rocm"],
            "pythons": ", ".join(preview["python"]),
            "page": preview["page"],
        }
        fits = python is not None and str(python) in preview["python"]
        return Note(
            "amd_windows_preview",
            sentences(
                translate(
                    "plan",
                    "{name} is an AMD GPU, but PyTorch's own index has no ROCm builds for "
                    "Windows: the CPU build is planned.",
                ).format(**values),
                translate(
                    "plan",
                    "AMD publishes its own preview builds (PyTorch {torch} with ROCm {rocm}, for "
                    "Python {pythons}): {page}",
                ).format(**values)
                if fits
                else translate(
                    "plan",
                    "AMD publishes its own preview builds (PyTorch {torch} with ROCm {rocm}) for "
                    "Python {pythons} only, not this environment's Python {python}: {page}",
                ).format(python=python, **values),
            ),
        )

    # -- Intel -----------------------------------------------------------------------------

    def intel(self, gpu: GPU, candidates: list[Release]) -> Option:
        xpu = self.data["xpu"]
        option = Option(gpu)
        platform = self.planner.platform
        families = ", ".join(xpu["families"])
        if platform not in xpu["platforms"]:
            option.why = translate(
                "plan", "PyTorch's XPU builds are for Linux and Windows on x86_64 only"
            )
            option.notes = [
                Note(
                    None,
                    translate(
                        "plan",
                        "{name} is an Intel GPU, but PyTorch's XPU builds are for Linux and "
                        "Windows on x86_64 only: the CPU build is planned.",
                    ).format(name=gpu.name),
                )
            ]
            return option
        if gpu.arch not in xpu["families"]:
            option.why = translate("plan", "PyTorch's XPU build is not validated on it")
            option.notes = [
                Note(
                    None,
                    translate(
                        "plan",
                        "{name} ({family}) is not a GPU family PyTorch's XPU build is "
                        "validated on ({families}): the CPU build is planned.",
                    ).format(name=gpu.name, family=gpu.arch, families=families)
                    if gpu.arch
                    else translate(
                        "plan",
                        "{name} is an older Intel GPU that PyTorch's XPU build is not "
                        "validated on (it is on {families}): the CPU build is planned.",
                    ).format(name=gpu.name, families=families),
                )
            ]
            return option
        since = Version(xpu["since"])
        release = next((r for r in candidates if r.torch >= since and r.xpu(platform)), None)
        if release is None:
            return self.no_xpu_build(option, candidates)
        discrete = gpu.integrated is False or (
            gpu.integrated is None and gpu.arch in xpu["discrete_families"]
        )
        option.rank, option.release, option.variant = 1 if discrete else 4, release, "xpu"
        option.why = (
            translate("plan", "a discrete Intel GPU ({family}) that PyTorch's XPU build supports")
            if discrete
            else translate(
                "plan", "an Intel integrated GPU ({family}) that PyTorch's XPU build supports"
            )
        ).format(family=gpu.arch)
        option.notes = [
            Note(
                None,
                translate(
                    "plan",
                    "{name} ({family}) is an Intel GPU PyTorch's XPU build is validated on; "
                    "PyTorch {version} has an XPU build for {where}.",
                ).format(name=gpu.name, family=gpu.arch, version=release.version, where=self.where),
            ),
            *self.xpu_held_back(candidates, release),
        ]
        ready, option.dropped = self.xpu_ready(gpu, release)
        option.notes += ready
        return option

    def xpu_held_back(self, candidates: list[Release], chosen: Release) -> list[Note]:
        newest = candidates[0]
        if chosen.torch == newest.torch or self.explicit_torch:
            return []
        values = {"version": newest.version, "version2": chosen.version, "where": self.where}
        if not newest.variants_known:
            return [
                Note(
                    "xpu_builds_unknown",
                    translate(
                        "plan",
                        "PyTorch {version} is out, but whether it has an XPU build is not known "
                        "yet (PyTorch's own index could not be read), so {version2} is planned "
                        "for the GPU.",
                    ).format(**values),
                )
            ]
        return [
            Note(
                None,
                translate(
                    "plan",
                    "PyTorch {version} has no XPU build for {where}; {version2} is the newest "
                    "release that has.",
                ).format(**values),
            )
        ]

    def no_xpu_build(self, option: Option, candidates: list[Release]) -> Option:
        newest = candidates[0]
        since = self.data["xpu"]["since"]
        option.why = translate("plan", "no PyTorch release here has an XPU build")
        if not newest.variants_known and newest.torch >= Version(since):
            text = translate(
                "plan",
                "Whether PyTorch {version} has an XPU build is not known yet (PyTorch's own "
                "index could not be read): the CPU build is planned. Choose an earlier version "
                "for the GPU, or plan again when the index can be reached.",
            ).format(version=newest.version)
            option.notes = [Note("xpu_builds_unknown", text)]
        else:
            text = translate(
                "plan",
                "PyTorch's XPU builds start with {since}, and PyTorch {version} is the newest "
                "for this choice: the CPU build is planned for {name}.",
            ).format(since=since, version=newest.version, name=option.gpu.name)
            option.notes = [Note("xpu_unavailable", text)]
        return option

    def xpu_ready(self, gpu: GPU, release: Release) -> tuple[list[Note], set[str]]:
        """What the XPU build needs (Intel's driver) and the companions its build lacks (2.5
        on Windows had torch alone)."""
        xpu = self.data["xpu"]
        windows = self.planner.os == "windows"
        page = xpu["driver_page"]["windows" if windows else "linux"]
        notes = [
            Note(
                None,
                translate(
                    "plan", "The XPU build needs only Intel's GPU driver for Windows: {page}"
                ).format(page=page)
                if windows
                else translate(
                    "plan",
                    "The XPU build needs only Intel's GPU driver with its compute runtime "
                    "(Level Zero): {page}",
                ).format(page=page),
            )
        ]
        lacking: set[str] = set()
        if windows and release.name in xpu["windows_torch_only"]:
            lacking = {"torchvision", "torchaudio"} & set(self.planner.wanted(release))
        if lacking:
            notes.append(
                Note(
                    "companion_missing",
                    translate(
                        "plan",
                        "PyTorch {version}'s XPU build for Windows comes without {names} (they "
                        "had to be built from source); left out of the plan.",
                    ).format(version=release.version, names=", ".join(sorted(lacking))),
                )
            )
        return notes + self.access(gpu), lacking

    # -- a build the user chose --------------------------------------------------------------

    def chosen(self, compute: str, release: Release) -> bool:
        """Check a chosen rocm/xpu/mps build against the GPUs; False: blocked."""
        if rocm_of(compute):
            return self.chosen_rocm(compute, release)
        if compute == "xpu":
            self.chosen_xpu(release)
        elif compute == "mps":
            self.say(self.mps_notes())
        return True

    def chosen_rocm(self, compute: str, release: Release) -> bool:
        amd = [g for g in self.gpus if (g.vendor or "").lower() == "amd"]
        if not amd:
            self.planner.warn(
                "rocm_without_gpu",
                translate(
                    "plan",
                    "The {compute} build was chosen although no AMD GPU was found: it will run "
                    "on the CPU only and is several GB larger.",
                ).format(compute=compute),
            )
            return True
        targets = self.kb.rocm_targets(compute)
        runs, lacking = [], []
        for gpu in amd:
            if self.amd_driver_missing(gpu):
                self.planner.warn("amd_driver_missing", self.driver_missing_text(gpu, compute))
                continue
            if gpu.arch is None:
                self.planner.warn(
                    "gpu_arch_unknown",
                    translate(
                        "plan",
                        "The gfx target of {name} could not be read (the amdgpu driver's KFD "
                        "topology was not found), so whether the {variant} build of PyTorch "
                        "{version} has kernels for it is unchecked. If PyTorch reports 'HIP "
                        "error: invalid device function', this GPU is not supported by that "
                        "build.",
                    ).format(name=gpu.name, variant=compute, version=release.version),
                )
                runs.append(gpu)
            elif targets is None:
                self.say(self.rocm_unchecked(compute, gpu, False))
                runs.append(gpu)
            elif gpu.arch in targets:
                self.planner.reason(
                    translate(
                        "plan",
                        "{name} has the {gfx} target; the {variant} build of PyTorch {version} "
                        "carries kernels for it.",
                    ).format(name=gpu.name, gfx=gpu.arch, variant=compute, version=release.version)
                )
                runs.append(gpu)
            elif self.chosen_override(gpu, compute, targets):
                runs.append(gpu)
            else:
                lacking.append(gpu)
        if lacking and not runs:
            self.planner.block(
                "rocm_gpu_unsupported",
                translate(
                    "plan",
                    "PyTorch {version} {compute} has no kernels for {missing}: it would install "
                    "but fail with 'HIP error: invalid device function'. Its kernels are for "
                    "{targets}. Choose another build.",
                ).format(
                    version=release.version,
                    compute=compute,
                    missing=", ".join(f"{g.name} ({g.arch})" for g in lacking),
                    targets=", ".join(targets or []),
                ),
            )
            return False
        if lacking:
            self.planner.warn(
                "some_gpus_unsupported",
                translate(
                    "plan", "PyTorch {version} {compute} cannot use {missing}; the other GPUs work."
                ).format(
                    version=release.version,
                    compute=compute,
                    missing=", ".join(g.name for g in lacking),
                ),
            )
        if runs:
            self.say(self.amd_ready(runs[0]))
        return True

    def chosen_override(self, gpu: GPU, compute: str, targets: list[str]) -> bool:
        row = self.kb.rocm_override(gpu.arch or "") or {}
        target = gfx_of_override(row["value"]) if row.get("works") and row.get("value") else None
        if target is None or target not in targets:
            return False
        value = row["value"]
        self.planner.plan.environment[OVERRIDE] = value
        self.planner.warn(
            "rocm_override",
            translate(
                "plan",
                "{name} ({gfx}) is not among the GPUs PyTorch's ROCm builds carry kernels "
                "for. An unsupported workaround makes it run the {target} kernels of the "
                "{variant} build: set {variable}={value} wherever PyTorch runs (for "
                "example `export {variable}={value}` in ~/.bashrc); the assistant sets it "
                "for its own check. If programs crash or hang, plan the CPU build instead.",
            ).format(
                name=gpu.name,
                gfx=gpu.arch,
                target=target,
                variant=compute,
                variable=OVERRIDE,
                value=value,
            ),
        )
        return True

    def chosen_xpu(self, release: Release) -> None:
        intel = [g for g in self.gpus if (g.vendor or "").lower() == "intel"]
        xpu = self.data["xpu"]
        if not intel:
            self.planner.warn(
                "xpu_without_gpu",
                translate(
                    "plan",
                    "The XPU build was chosen although no Intel GPU was found: it will run on "
                    "the CPU only and is larger than the CPU build.",
                ),
            )
            return
        validated = [g for g in intel if g.arch in xpu["families"]]
        if not validated:
            self.planner.warn(
                "xpu_gpu_unvalidated",
                translate(
                    "plan",
                    "{name} is not a GPU family PyTorch's XPU build is validated on "
                    "({families}): it may not work.",
                ).format(name=intel[0].name, families=", ".join(xpu["families"])),
            )
        notes, lacking = self.xpu_ready((validated or intel)[0], release)
        self.planner.dropped |= lacking
        self.say(notes)

    # -- Apple -----------------------------------------------------------------------------

    def mps_possible(self, release: Release) -> bool:
        mps = self.data["mps"]
        return self.planner.platform in mps["platforms"] and release.torch >= Version(
            mps["torch_min"]
        )

    def macos_too_old(self) -> bool:
        macos = parse_version(self.planner.profile.os.version)
        return macos is not None and macos < Version(self.data["mps"]["macos_min"])

    def mps_notes(self) -> list[Note]:
        if not self.macos_too_old():
            return []
        return [
            Note(
                "mps_needs_macos",
                translate(
                    "plan",
                    "PyTorch uses a Mac's GPU (MPS) on macOS {needed} or newer; this Mac has "
                    "macOS {version}, so PyTorch will run on the CPU. Update macOS to use the "
                    "GPU.",
                ).format(
                    needed=self.data["mps"]["macos_min"],
                    version=self.planner.profile.os.version,
                ),
            )
        ]
