"""The planner: a SystemProfile and the user's Choices → a Plan, with every decision explained.

Policy (issue 3): the newest torch release with a wheel for this OS, CPU and Python, in a
variant whose driver minimum is met *and* whose compiled GPU architectures run every NVIDIA GPU
in the machine. Within a release the PyPI default variant is preferred, else the newest that
fits. What holds a newer release back (the driver, a GPU, Python) is said in a warning with
what would unlock it. Without a usable NVIDIA GPU the AMD (ROCm) and Intel (XPU) GPUs are
ranked (vendors.py); with none of them usable either → the CPU build. Apple-silicon Macs: MPS.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from packaging.version import Version

from app.compat.index_facts import Target, Verdict
from app.compat.knowledge import (
    Knowledge,
    Release,
    cuda_of,
    knowledge,
    parse_version,
    platform_key,
    runs_on,
)
from app.compat.plan import Choices, Notice, Plan
from app.compat.render import compute_label
from app.compat.vendors import OtherGpus
from app.profile import SystemProfile
from app.text import listing, sentences, translate

DEFAULT_PACKAGES = ("torch", "torchvision", "torchaudio")
PLATFORM_NAMES = {
    "linux-x86_64": "Linux (x86_64)",
    "linux-aarch64": "Linux (ARM64)",
    "windows-x86_64": "Windows (x64)",
    "macos-arm64": "macOS (Apple silicon)",
    "macos-x86_64": "macOS (Intel)",
}


# Warnings about the NVIDIA driver: when one is given it comes first (the first thing to do),
# and the summary page repeats it next to its headline.
DRIVER_WARNINGS = ("no_driver", "driver_too_old", "driver_limits_torch", "driver_outdated")


# Jetson modules (Tegra): integrated GPUs served by NVIDIA's JetPack wheels only.
JETSON_CAPABILITIES = {"5.3", "6.2", "7.2", "8.7", "11.0"}
JETSON_PAGE = "https://developer.nvidia.com/embedded/jetpack"


@dataclass
class Gpu:
    name: str
    capability: Version | None

    @property
    def jetson(self) -> bool:
        named = any(w in self.name.lower() for w in ("jetson", "tegra", "orin", "xavier", "thor"))
        return named or (
            self.capability is not None and str(self.capability) in JETSON_CAPABILITIES
        )

    @property
    def label(self) -> str:
        short = self.name.replace("NVIDIA ", "").replace("GeForce ", "")
        return short


@dataclass
class Fit:
    """How one variant of one release fits this machine."""

    release: Release
    variant: str
    driver_ok: bool
    needs_driver: str | None
    coverage: dict[str, str | None]  # gpu label → "cubin" | "ptx" | None
    archs_known: bool

    @property
    def runs_all(self) -> bool:
        return all(self.coverage.values())

    @property
    def native(self) -> bool:
        return all(v == "cubin" for v in self.coverage.values())

    @property
    def ok(self) -> bool:
        return self.driver_ok and self.runs_all


class _Planner:
    def __init__(
        self, profile: SystemProfile, choices: Choices, kb: Knowledge, nested: bool = False
    ) -> None:
        self.profile = profile
        self.nested = nested  # a plan for another Python, asked by the plan for this one
        self.choices = choices
        self.kb = kb
        self.plan = Plan(compute=None, torch=None, manager=choices.manager)
        self.os = profile.os.family
        self.held_back: list[tuple[Release, str]] = []  # releases the indexes rule out here
        self.dropped: set[str] = set()  # default companions left out: no wheel here
        self.others = OtherGpus(self)  # the AMD and Intel GPUs

    # -- notices ---------------------------------------------------------------------------

    def reason(self, text: str) -> None:
        self.plan.reasons.append(text)

    def warn(self, code: str, text: str) -> None:
        self.plan.warnings.append(Notice(code, text))

    def block(self, code: str, text: str) -> Plan:
        self.plan.blockers.append(Notice(code, text))
        self.plan.compute = None
        self.plan.commands = []
        self.plan.steps = []
        return self.plan

    # -- inputs ----------------------------------------------------------------------------

    def python(self) -> Version | None:
        version = parse_version(self.profile.python.version)
        if version is None:
            return None
        return Version(f"{version.major}.{version.minor}")

    def gpus(self) -> list[Gpu]:
        found = []
        for gpu in self.profile.gpus:
            if (gpu.vendor or "nvidia").lower() != "nvidia":
                continue
            capability = parse_version(gpu.compute_capability)
            if gpu.compute_capability and capability is None:
                self.warn(
                    "bad_capability",
                    translate(
                        "plan",
                        "The profile gives {name} the compute capability "
                        "{compute_capability}, which is not a version; it was looked up by "
                        "name instead.",
                    ).format(name=gpu.name, compute_capability=repr(gpu.compute_capability)),
                )
            if capability is None:
                looked_up = self.kb.gpu_capability(gpu.name)
                capability = parse_version(looked_up)
                if capability is None:
                    self.warn(
                        "unknown_capability",
                        translate(
                            "plan",
                            "The compute capability of {name} is unknown, so whether a build "
                            "has kernels for it could not be checked.",
                        ).format(name=gpu.name),
                    )
            found.append(Gpu(gpu.name, capability))
        return found

    def driver(self) -> tuple[Version | None, Version | None]:
        """(driver version, highest CUDA it runs); either may be unknown."""
        driver = self.profile.driver
        if driver is None:
            return None, None
        version = parse_version(driver.version)
        if driver.version and version is None:
            self.warn(
                "bad_driver_version",
                translate(
                    "plan",
                    "The driver version {version} in the profile is not a version and was ignored.",
                ).format(version=repr(driver.version)),
            )
        return version, parse_version(driver.cuda)

    @property
    def driver_text(self) -> str:
        """The driver version as the user sees it (575.57.08, not packaging's 575.57.8)."""
        driver = self.profile.driver
        return driver.version if driver and driver.version else "unknown"

    # -- fitting ---------------------------------------------------------------------------

    def fit(self, release: Release, variant: str, gpus: list[Gpu]) -> Fit:
        platform = self.platform
        cuda = cuda_of(variant)
        # Under WSL the driver is the Windows one: its version follows Windows numbering.
        driver_os = "windows" if self.profile.os.wsl else self.os
        needs = self.kb.driver_minimum(cuda, driver_os) if cuda else None
        driver, driver_cuda = self.driver_info
        if cuda is None:
            driver_ok = True
        elif driver is not None and needs is not None:
            driver_ok = driver >= Version(needs)
        elif driver_cuda is not None:  # only the driver's CUDA is known: same-major rule
            driver_ok = driver_cuda.major >= cuda.major
        else:
            driver_ok = False
        archs = self.kb.wheel_archs(platform, release, variant) if cuda else None
        coverage: dict[str, str | None] = {}
        for gpu in gpus:
            if cuda is None:
                coverage[gpu.label] = "cubin"
            elif gpu.capability is None or archs is None:
                coverage[gpu.label] = "cubin"  # cannot check: warned about elsewhere
            else:
                coverage[gpu.label] = runs_on(gpu.capability, *archs)
        return Fit(release, variant, driver_ok, needs, coverage, archs is not None)

    def best_fit(self, release: Release, gpus: list[Gpu], known_only: bool = False) -> Fit | None:
        """The variant of a release to use: PyPI's own when it fits natively, else the newest
        that runs natively, else the newest that runs through PTX. known_only: only builds
        whose GPU architectures the data knows (a new release's kernels are not known yet)."""
        fits = [self.fit(release, v, gpus) for v in release.variants(self.platform) if cuda_of(v)]
        if known_only:
            fits = [f for f in fits if f.archs_known]
        good = [f for f in fits if f.ok]
        native = [f for f in good if f.native]
        stable = release.stable_variant
        for fit in native:
            if fit.variant == stable:
                return fit
        if native:
            return native[0]
        return good[0] if good else None

    # -- the plan --------------------------------------------------------------------------

    def run(self) -> Plan:
        profile, choices = self.profile, self.choices
        if choices.manager not in ("pip", "conda"):
            return self.block(
                "bad_manager",
                translate("plan", "Unknown package manager {manager}.").format(
                    manager=repr(choices.manager)
                ),
            )
        platform = _platform(profile)
        if platform is None:
            return self.block(
                "platform_unsupported",
                translate(
                    "plan",
                    "PyTorch publishes no builds for {family} on {arch}. It runs on "
                    "64-bit Windows, Linux (x86_64 or ARM64) and Apple-silicon Macs.",
                ).format(family=profile.os.family, arch=profile.arch),
            )
        self.platform = platform
        python = self.python()
        if python is None and profile.python.kind == "new":
            return self.block(
                "python_to_create",
                translate(
                    "plan",
                    "There is no environment to install into yet: create one on the scan page "
                    "(New environment…), and PyTorch is planned for it.",
                ),
            )
        if python is None:
            return self.block(
                "python_unknown",
                translate(
                    "plan",
                    "The target Python could not be examined, so no build can be "
                    "chosen. Pick another environment, or let the assistant create one.",
                ),
            )
        self.driver_info = self.driver()
        gpus = self.gpus()
        candidates = self.candidates(python, gpus)
        if not candidates:
            return self.plan  # blocked inside candidates()
        if choices.compute:
            fit = self.chosen_compute(choices.compute, candidates, gpus)
        else:
            fit = self.auto_compute(candidates, gpus, python)
        if fit is None:
            return self.plan
        self.finish(fit, candidates, gpus, python)
        if not self.nested and not (choices.torch or choices.compute):
            self.explain_driver_outdated(gpus)
        # The driver first: updating it is what unlocks the rest.
        self.plan.warnings.sort(key=lambda w: w.code not in DRIVER_WARNINGS)
        return self.plan

    def candidates(self, python: Version, gpus: list[Gpu]) -> list[Release]:
        kb, choices = self.kb, self.choices
        name = PLATFORM_NAMES.get(self.platform, self.platform)
        if choices.torch:
            wanted = kb.find(choices.torch)
            if not wanted and kb.is_lts(choices.torch):
                self.block(
                    "torch_lts",
                    translate(
                        "plan",
                        "PyTorch {torch} is a long-term-support build published on its own "
                        "index, which the assistant does not install. 1.8.1 is the closest "
                        "release it can install.",
                    ).format(torch=choices.torch),
                )
                return []
            if not wanted:
                newest = kb.newest_patches()[0].version
                self.block(
                    "torch_unknown",
                    translate(
                        "plan",
                        "PyTorch {torch} is not a release the assistant knows (1.8.0 to {newest}).",
                    ).format(torch=choices.torch, newest=newest),
                )
                return []
        else:
            # Every patch, newest first: when the index rules out a series' newest patch here
            # (2.12.1 has no cp313t wheel), an older one (2.12.0) may still install.
            wanted = [r for r in kb.all_releases if not r.lts]
        refused = dict(choices.exclude)
        if refused:
            kept = [r for r in wanted if r.version not in refused]
            if not kept:
                self.block("resolver_refused", next(iter(refused.values())))
                return []
            wanted = kept
        on_platform = [r for r in wanted if r.variants(self.platform)]
        if not on_platform:
            self.block(
                "no_wheels_for_platform",
                sentences(
                    translate("plan", "PyTorch {version} has no builds for {name}.").format(
                        version=wanted[0].version, name=name
                    ),
                    translate("plan", "The last Intel-Mac release is 2.2.2.")
                    if self.platform == "macos-x86_64"
                    else None,
                ),
            )
            return []
        fitting = [r for r in on_platform if r.supports_python(python)]
        if fitting:
            # Without a GPU or a chosen build only the newest release that installs is planned:
            # older ones are not asked of the index (a GPU may fall back to them).
            first_only = not (gpus or self.others.gpus or choices.torch or choices.compute)
            return self.installable(fitting, first_only=first_only)
        # Nothing for this Python: say which Python to use instead.
        low = min(r.python_range()[0] for r in on_platform)
        high = max(r.python_range()[1] for r in on_platform)
        what = f"PyTorch {choices.torch}" if choices.torch else "Current PyTorch"
        if python < low:
            self.block(
                "python_too_old",
                translate(
                    "plan",
                    "Python {python} is too old: {what} needs Python {low} to {high}. "
                    "Create an environment with Python {high} (the assistant can do it "
                    "for you).",
                ).format(python=python, what=what, low=low, high=high),
            )
        else:
            self.block(
                "python_too_new",
                translate(
                    "plan",
                    "Python {python} is too new: {what} supports Python {low} to "
                    "{high}. Create an environment with Python {high}.",
                ).format(python=python, what=what, low=low, high=high),
            )
        return []

    # -- what the indexes say installs here --------------------------------------------------

    def target(self) -> Target:
        full = parse_version(self.profile.python.version) or Version("3")
        macos = parse_version(self.profile.os.version) if self.os == "macos" else None
        return Target(
            Version(full.base_version), self.platform, macos, self.profile.python.free_threaded
        )

    def wanted(self, release: Release) -> tuple[str, ...]:
        if self.choices.packages is not None:
            return self.choices.packages
        ended = release.torch > Version(self.kb.torchaudio_last)
        return ("torch", "torchvision") if ended else DEFAULT_PACKAGES

    def unavailable(self, release: Release) -> list[tuple[str, str]]:
        """(package, why) for each planned package the index has no wheel of for this
        machine; empty when all install or the index was not read."""
        facts = self.kb.facts
        if facts is None:
            return []
        versions = {"torch": release.version, **release.pairs()}
        target = self.target()
        out = []
        for name in self.wanted(release):
            if name not in versions:
                continue
            verdict = facts.installable(name, versions[name], target)
            if verdict is not None and not verdict.ok:
                out.append((name, self.verdict_text(name, versions[name], verdict, target)))
        return out

    def verdict_text(self, name: str, version: str, verdict: Verdict, target: Target) -> str:
        python = (
            translate("plan", "{python} (free-threaded)").format(python=target.python)
            if target.free_threaded
            else str(target.python)
        )
        where = PLATFORM_NAMES.get(self.platform, self.platform)
        if verdict.reason == "macos":
            return translate(
                "plan", "{name} {version} needs macOS {needed} or newer; this Mac has {macos}."
            ).format(name=name, version=version, needed=verdict.detail, macos=target.macos)
        if verdict.reason == "requires_python":
            return translate(
                "plan", "{name} {version} does not install on Python {python} (it needs {spec})."
            ).format(name=name, version=version, python=python, spec=verdict.detail)
        if verdict.reason == "yanked":
            return translate(
                "plan", "{name} {version} was withdrawn from PyPI (yanked: {why})."
            ).format(name=name, version=version, why=verdict.detail or "no reason given")
        return translate(
            "plan", "{name} {version} has no build for Python {python} on {where}."
        ).format(name=name, version=version, python=python, where=where)

    def installable(self, releases: list[Release], first_only: bool = False) -> list[Release]:
        """The releases whose planned packages all have a wheel here, per the indexes.

        Asked-for companions that do not install block the plan; default ones are left out of
        an explicitly chosen release, or make the planner take the next release."""
        ok: list[Release] = []
        settled: set[str] = set()  # series with an installable patch: older ones need no check
        for release in releases:
            if release.name in settled:
                continue
            if first_only and ok:
                break
            missing = self.unavailable(release)
            torch_missing = [why for name, why in missing if name == "torch"]
            if not missing:
                ok.append(release)
                settled.add(release.name)
            elif self.choices.torch and not torch_missing and self.choices.packages is None:
                if not ok:  # the release that will be planned
                    self.leave_out(missing)
                ok.append(release)
                settled.add(release.name)
            else:
                self.held_back.append((release, missing[0][1]))
        if not ok and self.choices.packages is None and not self.choices.torch:
            # No release has every default companion here (torch 1.13 on a Python 3.7 Mac):
            # the newest torch that installs, without them, beats no PyTorch at all.
            for release in releases:
                missing = self.unavailable(release)
                if all(name != "torch" for name, _ in missing):
                    self.leave_out(missing)
                    ok.append(release)
                    break
        if ok:
            ok = _newest_per_series(ok)
            if ok[0] is not releases[0] and not self.choices.torch:
                self.explain_index_held_back(releases[0], ok[0])
            return ok
        why = self.held_back[0][1]
        self.block(
            "no_wheel",
            sentences(
                why,
                translate(
                    "plan",
                    "No release the assistant knows installs here; choose another Python "
                    "environment (the assistant can create one).",
                )
                if not self.choices.torch
                else translate("plan", "Choose another version."),
            ),
        )
        return []

    def leave_out(self, missing: list[tuple[str, str]]) -> None:
        """Plan without these default companions (no wheel here), each said with why."""
        self.dropped = {name for name, _ in missing}
        for _name, why in missing:
            self.warn(
                "companion_missing",
                sentences(why, translate("plan", "It is left out of the plan.")),
            )

    def explain_index_held_back(self, newest: Release, chosen: Release) -> None:
        why = next(text for release, text in self.held_back if release is newest)
        self.warn(
            "index_limits_torch",
            sentences(
                why,
                translate(
                    "plan", "PyTorch {version} is the newest release that installs here."
                ).format(version=chosen.version),
            ),
        )

    def auto_compute(
        self, candidates: list[Release], gpus: list[Gpu], python: Version
    ) -> Fit | None:
        newest = candidates[0]
        if self.platform.startswith("macos"):
            mps = self.others.mps_possible(newest)
            if mps and self.others.macos_too_old():
                self.others.say(self.others.mps_notes())
                return Fit(newest, "cpu", True, None, {}, True)
            self.reason(
                translate(
                    "plan",
                    "Apple-silicon Macs get PyTorch from PyPI; it uses the GPU through "
                    "Metal (MPS).",
                )
                if mps
                else translate("plan", "Macs have no CUDA: the CPU build is the one to install.")
            )
            return Fit(newest, "mps" if mps else "cpu", True, None, {}, True)
        if not gpus:
            if self.others.gpus:
                chosen = self.others.apply(self.others.decide(candidates))
                return self.vendor_fit(chosen, newest)
            reason = next(
                (n.message for n in self.profile.probes if n.probe == "gpu" and n.message), ""
            )
            # The scan's sentence as its own part: it stays translatable (a str method such as
            # rstrip would turn it into plain English).
            self.reason(
                sentences(
                    reason,
                    translate("plan", "No NVIDIA GPU was found. The CPU build is the right one."),
                )
            )
            return Fit(newest, "cpu", True, None, {}, True)
        if not self.others.gpus:
            return self.nvidia_compute(candidates, gpus)
        # A usable NVIDIA GPU drives the plan; when none is, the others get their turn.
        said = len(self.plan.warnings)
        fit = self.nvidia_compute(candidates, gpus)
        if cuda_of(fit.variant):
            self.others.beside_nvidia()
            return fit
        decision = self.others.decide(candidates)
        if decision.best is None:
            self.others.apply(decision)
            return fit
        unusable = self.plan.warnings[said:]
        del self.plan.warnings[said:]
        self.reason(
            translate("plan", "{names} cannot be used here: {why}.").format(
                names=", ".join(g.label for g in gpus),
                why=_nvidia_unusable(unusable[0].code if unusable else "", self.kb),
            )
        )
        return self.vendor_fit(self.others.apply(decision), newest)

    def vendor_fit(self, chosen: tuple[Release, str] | None, newest: Release) -> Fit:
        release, variant = chosen or (newest, "cpu")
        return Fit(release, variant, True, None, {}, True)

    def nvidia_compute(self, candidates: list[Release], gpus: list[Gpu]) -> Fit:
        newest = candidates[0]
        jetsons = [g for g in gpus if g.jetson]
        if jetsons:
            self.warn(
                "jetson",
                translate(
                    "plan",
                    "{label} is a Jetson: its built-in GPU needs NVIDIA's JetPack "
                    "builds of PyTorch, not the pip wheels (those are for ARM servers). "
                    "The CPU build is planned; for the GPU see {JETSON_PAGE}",
                ).format(label=jetsons[0].label, JETSON_PAGE=JETSON_PAGE),
            )
            return Fit(newest, "cpu", True, None, {}, True)
        for gpu in gpus:
            if gpu.capability is not None:
                arch = self.kb.architecture(gpu.capability)
                self.reason(
                    translate("plan", "{gpu} has compute capability {cc} ({arch}).").format(
                        gpu=gpu.label, cc=gpu.capability, arch=arch
                    )
                    if arch
                    else translate("plan", "{gpu} has compute capability {cc}.").format(
                        gpu=gpu.label, cc=gpu.capability
                    )
                )
        driver, driver_cuda = self.driver_info
        if driver is None and driver_cuda is None:
            self.warn(
                "no_driver",
                translate(
                    "plan",
                    "An NVIDIA GPU is present but no working NVIDIA driver was found, "
                    "so only the CPU build can run. Install the current driver from "
                    "{driver_download_page}, then run the assistant again.",
                ).format(driver_download_page=self.kb.driver_download_page),
            )
            return Fit(newest, "cpu", True, None, {}, True)
        if driver is not None:
            self.reason(
                translate("plan", "NVIDIA driver {driver} runs CUDA builds up to {cuda}.").format(
                    driver=self.driver_text, cuda=driver_cuda
                )
                if driver_cuda
                else translate("plan", "NVIDIA driver {driver}.").format(driver=self.driver_text)
            )
        # Only builds whose kernels the data knows are picked by themselves; a version the
        # user chose is planned by the driver alone (with a warning) when its kernels are not.
        known_only = not self.choices.torch
        for release in candidates:
            fit = self.best_fit(release, gpus, known_only)
            if fit is not None:
                if known_only:
                    self.explain_kernels_unknown(newest, release, gpus)
                self.explain_held_back(self.reference(candidates, gpus), release, gpus)
                return fit
        self.explain_cpu_fallback(newest, candidates, gpus)
        return Fit(newest, "cpu", True, None, {}, True)

    def reference(self, candidates: list[Release], gpus: list[Gpu]) -> Release:
        """The newest release whose CUDA builds' kernels the data knows: what a held-back
        choice is compared with (driver, GPU)."""
        for release in candidates:
            if any(
                self.kb.wheel_archs(self.platform, release, v) is not None
                for v in release.variants(self.platform)
                if cuda_of(v)
            ):
                return release
        return candidates[0]

    def cuda_builds_unknown(self, release: Release) -> bool:
        return not release.variants_known and not any(
            cuda_of(v) for v in release.variants(self.platform)
        )

    def explain_kernels_unknown(self, newest: Release, chosen: Release, gpus: list[Gpu]) -> None:
        if chosen.torch == newest.torch:
            return
        if self.cuda_builds_unknown(newest):
            self.warn(
                "cuda_builds_unknown",
                translate(
                    "plan",
                    "PyTorch {version} is out, but which CUDA builds it has for {where} is not "
                    "known yet (PyTorch's own index could not be read), so {version2} is "
                    "planned for the GPU.",
                ).format(
                    version=newest.version,
                    where=PLATFORM_NAMES.get(self.platform, self.platform),
                    version2=chosen.version,
                ),
            )
            return
        unknown = [
            f
            for v in newest.variants(self.platform)
            if cuda_of(v) and not (f := self.fit(newest, v, gpus)).archs_known and f.driver_ok
        ]
        if unknown:
            self.warn(
                "gpu_support_unknown",
                translate(
                    "plan",
                    "PyTorch {version} is out, but which GPUs its CUDA builds support is not in "
                    "the assistant's data yet, so {version2} is planned. "
                    "Choose {version} under Alternatives to take it anyway.",
                ).format(version=newest.version, version2=chosen.version),
            )

    def explain_held_back(self, newest: Release, chosen: Release, gpus: list[Gpu]) -> None:
        if chosen.torch == newest.torch:
            return
        fits = [self.fit(newest, v, gpus) for v in newest.variants(self.platform) if cuda_of(v)]
        by_driver = [f for f in fits if f.runs_all and not f.driver_ok]
        if by_driver:
            needed = min(Version(f.needs_driver) for f in by_driver if f.needs_driver)
            self.warn(
                "driver_limits_torch",
                translate(
                    "plan",
                    "Your NVIDIA driver ({driver_text}) limits you to PyTorch "
                    "{version}. Driver {needed} or newer unlocks PyTorch {version2} "
                    "({variant}): {driver_download_page}",
                ).format(
                    driver_text=self.driver_text,
                    version=chosen.version,
                    needed=needed,
                    version2=newest.version,
                    variant=by_driver[-1].variant,
                    driver_download_page=self.kb.driver_download_page,
                ),
            )
            return
        unrunnable = sorted({g for f in fits for g, how in f.coverage.items() if not how})
        if unrunnable:
            self.reason(
                translate(
                    "plan",
                    "PyTorch {version} has no kernels for {unrunnable}; {version2} is "
                    "the newest release that has.",
                ).format(
                    version=newest.version,
                    unrunnable=", ".join(unrunnable),
                    version2=chosen.version,
                )
            )

    def driver_outlook(self, gpus: list[Gpu]) -> DriverOutlook | None:
        """What the driver holds back on this PC, from the data (driver minimums per CUDA
        version, kernels per build): None when it runs a CUDA build of current PyTorch on
        these GPUs, when there is no driver, or when no current build runs these GPUs at all
        (then the GPU is what limits, not the driver)."""
        driver, driver_cuda = self.driver_info
        if (driver is None and driver_cuda is None) or any(g.jetson for g in gpus):
            return None
        releases = [
            r
            for r in self.kb.all_releases
            if not r.lts and any(cuda_of(v) for v in r.variants(self.platform))
        ]
        if not releases:
            return None
        current = self.reference(releases, gpus)
        fits = [self.fit(current, v, gpus) for v in current.variants(self.platform) if cuda_of(v)]
        runnable = [f for f in fits if f.runs_all and f.needs_driver]
        if not runnable or any(f.driver_ok for f in runnable):
            return None
        # The oldest driver that unlocks it; among equals the oldest CUDA (what the driver's
        # update reaches first).
        unlock = min(runnable, key=lambda f: (Version(f.needs_driver or "0"), cuda_of(f.variant)))
        usable = next(
            (f for r in releases if (f := self.best_fit(r, gpus, known_only=True)) is not None),
            None,
        )
        return DriverOutlook(
            driver=self.driver_text,
            current=current.version,
            needed=unlock.needs_driver or "",
            variant=unlock.variant,
            usable=usable.release.version if usable else None,
            usable_variant=usable.variant if usable else None,
            download_page=self.kb.driver_download_page,
        )

    def explain_driver_outdated(self, gpus: list[Gpu]) -> None:
        """The driver holds current PyTorch back even where this Python's plan does not show it
        (Python 3.8 gets 2.4.1 either way): said once, first, with the download page."""
        if not gpus or any(w.code in DRIVER_WARNINGS for w in self.plan.warnings):
            return
        outlook = self.driver_outlook(gpus)
        if outlook is not None:
            self.warn("driver_outdated", outlook.advice())

    def explain_python_limits(self, fit: Fit, gpus: list[Gpu], python: Version) -> None:
        """This Python holds PyTorch back: say what a newer Python really gets on this PC (the
        planner asked for it), never a build this PC's driver or GPU cannot run."""
        release = fit.release
        low, high = release.python_range()
        limited = translate(
            "plan",
            "Python {python} can only get PyTorch {version} (it supports Python {low}-{high}).",
        ).format(python=python, version=release.version, low=low, high=high)
        better = self.better_environment(release, fit.variant)
        offer = None
        if better is not None:
            python2, other = better
            offer = translate(
                "plan",
                "An environment with Python {python} gets PyTorch {version} with the {build} "
                "build here.",
            ).format(python=python2, version=other.torch, build=compute_label(other.compute or ""))
        later = None
        if gpus and self.driver_outlook(gpus) is not None:
            later = translate(
                "plan", "Newer PyTorch releases use this GPU only after a driver update."
            )
        elif better is None and cuda_of(fit.variant):
            later = translate(
                "plan", "With a newer Python this PC gets no newer PyTorch that uses its GPU."
            )
        self.warn("python_limits_torch", sentences(limited, offer, later))

    def better_environment(self, release: Release, variant: str) -> tuple[Version, Plan] | None:
        """The newest Python whose plan on this PC, as it is, gets a newer PyTorch that uses
        the GPU as this plan does (or at all, where this plan is the CPU build): the planner
        asked for each Python, newest first. None: no newer Python gets more here."""
        kind = _build_kind(variant)
        pythons = sorted(
            {
                r.python_range()[1]
                for r in self.kb.newest_patches()
                if r.torch > release.torch and r.variants(self.platform)
            },
            reverse=True,
        )
        newer: list[tuple[Version, Plan]] = []
        for python in pythons:
            other = self.plan_for_python(python)
            if other.blocked or other.torch is None or other.compute is None:
                continue
            if Version(other.torch) > release.torch:
                newer.append((python, other))
        on_gpu = [(p, o) for p, o in newer if _build_kind(o.compute or "") != "cpu"]
        if kind == "cpu":
            best = on_gpu or newer
            return best[0] if best else None
        return next((p_o for p_o in on_gpu if _build_kind(p_o[1].compute or "") == kind), None)

    def plan_for_python(self, python: Version) -> Plan:
        """The plan this PC would get in a new environment with this Python."""
        env = replace(
            self.profile.python,
            version=str(python),
            executable="",
            torch=None,
            problems=[],
            free_threaded=False,
        )
        profile = replace(self.profile, python=env, torch=None)
        choices = Choices(manager=self.choices.manager, packages=self.choices.packages)
        return _Planner(profile, choices, self.kb, nested=True).run()

    def explain_cpu_fallback(
        self, newest: Release, candidates: list[Release], gpus: list[Gpu]
    ) -> None:
        any_runs = [
            fit
            for r in candidates
            for v in r.variants(self.platform)
            if cuda_of(v) and ((fit := self.fit(r, v, gpus)).archs_known or self.choices.torch)
        ]
        if any(self.cuda_builds_unknown(r) for r in candidates[:1]) and not any_runs:
            self.warn(
                "cuda_builds_unknown",
                translate(
                    "plan",
                    "Which CUDA builds PyTorch {version} has for {where} is not known yet "
                    "(PyTorch's own index could not be read): the CPU build is planned. Choose "
                    "an earlier version for the GPU, or plan again when the index can be reached.",
                ).format(
                    version=newest.version, where=PLATFORM_NAMES.get(self.platform, self.platform)
                ),
            )
            return
        runnable = [f for f in any_runs if f.runs_all]
        if runnable:  # kernels exist, only the driver is too old
            needed = min(Version(f.needs_driver) for f in runnable if f.needs_driver)
            self.warn(
                "driver_too_old",
                translate(
                    "plan",
                    "Your NVIDIA driver ({driver_text}) is too old for every CUDA build "
                    "of PyTorch for this Python; the CPU build is planned. Driver "
                    "{needed} or newer enables the GPU: {driver_download_page}",
                ).format(
                    driver_text=self.driver_text,
                    needed=needed,
                    driver_download_page=self.kb.driver_download_page,
                ),
            )
            return
        names = listing(
            *(
                translate("plan", "{gpu} (compute capability {cc})").format(
                    gpu=g.label, cc=g.capability
                )
                for g in gpus
                if g.capability
            )
        )
        alone = [g for g in gpus if any(f.coverage.get(g.label) for f in any_runs)]
        if len(gpus) > 1 and len(alone) == len(gpus):
            self.warn(
                "no_build_for_all_gpus",
                translate(
                    "plan",
                    "No single PyTorch build has kernels for all of {names}; the CPU "
                    "build is planned. Choose a build for the GPU you will use "
                    "(Alternatives, or --compute).",
                ).format(names=names),
            )
            return
        newest_kernel = max((c for f in any_runs for c in self._archs(f)), default=None)
        if newest_kernel is not None and all(
            g.capability is not None and g.capability.major > newest_kernel.major for g in gpus
        ):
            self.warn(
                "gpu_too_new",
                translate(
                    "plan",
                    "{names} is newer than every PyTorch build for this choice: it "
                    "needs a newer PyTorch release, so PyTorch will run on the CPU.",
                ).format(names=names),
            )
            return
        self.warn(
            "gpu_too_old",
            translate(
                "plan",
                "No PyTorch build for this Python has GPU kernels for {names}: the "
                "GPU is too old for current CUDA builds, so PyTorch will run on the "
                "CPU.",
            ).format(names=names),
        )

    def _archs(self, fit: Fit) -> list[Version]:
        archs = self.kb.wheel_archs(self.platform, fit.release, fit.variant)
        return [*archs[0], *archs[1]] if archs else []

    def chosen_compute(
        self, compute: str, candidates: list[Release], gpus: list[Gpu]
    ) -> Fit | None:
        with_it = [
            r
            for r in candidates
            if compute in r.variants(self.platform)
            or compute in r.rocm(self.platform)
            or (compute == "xpu" and r.xpu(self.platform))
            or (compute == "mps" and self.platform == "macos-arm64")
        ]
        if not with_it:
            offered = sorted(
                {v for r in candidates for v in r.variants(self.platform) + r.rocm(self.platform)}
                | {"xpu" for r in candidates if r.xpu(self.platform)}
            )
            what = f"PyTorch {self.choices.torch}" if self.choices.torch else "PyTorch"
            self.block(
                "compute_unavailable",
                translate(
                    "plan",
                    "There is no {compute} build of {what} for {PLATFORM_NAMES} and "
                    "this Python. Builds that exist: {offered}.",
                ).format(
                    compute=compute,
                    what=what,
                    PLATFORM_NAMES=PLATFORM_NAMES[self.platform],
                    offered=", ".join(offered),
                ),
            )
            return None
        release = with_it[0]
        if compute in release.rocm(self.platform) or compute in ("xpu", "mps"):
            if not self.others.chosen(compute, release):
                return None
            return Fit(release, compute, True, None, {}, True)
        fit = self.fit(release, compute, gpus)
        if cuda_of(compute) is None:
            if gpus and compute == "cpu":
                self.reason(
                    translate(
                        "plan", "The CPU build was chosen: PyTorch will not use the NVIDIA GPU."
                    )
                )
            return fit
        if not gpus:
            self.warn(
                "cuda_without_gpu",
                translate(
                    "plan",
                    "The {compute} build was chosen although no NVIDIA GPU was found: "
                    "it will run on the CPU only and is several GB larger.",
                ).format(compute=compute),
            )
            return fit
        if not fit.driver_ok:
            self.block(
                "driver_too_old_for_choice",
                translate(
                    "plan",
                    "The {compute} build needs NVIDIA driver {needs_driver} or newer; "
                    "this PC has {value}. Update the driver ({driver_download_page}) or "
                    "choose another build.",
                ).format(
                    compute=compute,
                    needs_driver=fit.needs_driver,
                    value=self.driver_text if self.profile.driver else "no working driver",
                    driver_download_page=self.kb.driver_download_page,
                ),
            )
            return None
        missing = [g for g, how in fit.coverage.items() if not how]
        if missing and len(missing) == len(fit.coverage):
            self.block(
                "no_kernels_for_gpu",
                translate(
                    "plan",
                    "PyTorch {version} {compute} has no kernels for {missing}: it would "
                    "install but fail with 'no kernel image is available'. Choose "
                    "another build.",
                ).format(version=release.version, compute=compute, missing=", ".join(missing)),
            )
            return None
        if missing:
            self.warn(
                "some_gpus_unsupported",
                translate(
                    "plan", "PyTorch {version} {compute} cannot use {missing}; the other GPUs work."
                ).format(version=release.version, compute=compute, missing=", ".join(missing)),
            )
        return fit

    # -- the plan's body -------------------------------------------------------------------

    def finish(self, fit: Fit, candidates: list[Release], gpus: list[Gpu], python: Version) -> None:
        plan, release = self.plan, fit.release
        plan.torch = release.version
        plan.compute = fit.variant
        newest_known = next(
            (r for r in self.kb.newest_patches() if r.variants(self.platform)), release
        )
        low, high = release.python_range()
        index_held_back = any(r.torch > release.torch for r, _ in self.held_back)
        if (
            not self.choices.torch
            and not self.nested
            and candidates[0].name != newest_known.name
            and not index_held_back
        ):
            self.explain_python_limits(fit, gpus, python)
        self.reason(
            translate(
                "plan",
                "PyTorch {version} supports Python {low}-{high}; this environment "
                "has Python {version2}.",
            ).format(
                version=release.version, low=low, high=high, version2=self.profile.python.version
            )
        )
        if fit.coverage and cuda_of(fit.variant):
            how = (
                translate("plan", "natively")
                if fit.native
                else translate("plan", "through PTX (slower first start)")
            )
            self.reason(
                translate(
                    "plan",
                    "The {variant} build has kernels for {coverage} and runs {how}; it "
                    "needs driver {needs_driver} or newer.",
                ).format(
                    variant=fit.variant,
                    coverage=", ".join(fit.coverage),
                    how=how,
                    needs_driver=fit.needs_driver,
                )
            )
            if not fit.native:
                self.warn(
                    "ptx_only",
                    translate(
                        "plan",
                        "No build carries compiled kernels for this GPU; the chosen one "
                        "works through the driver's JIT compiler, so each program starts "
                        "slowly at first.",
                    ),
                )
            if not fit.archs_known:
                self.warn(
                    "archs_unknown",
                    translate(
                        "plan",
                        "Which GPUs the {variant} build of {version} supports is not in the "
                        "assistant's data; it was chosen by driver only.",
                    ).format(variant=fit.variant, version=release.version),
                )
        plan.packages = self.packages(release)
        pip_variant = "cpu" if fit.variant == "mps" else fit.variant
        if not release.variants_known and pip_variant != release.pypi_variant(self.platform):
            self.warn(
                "build_unconfirmed",
                translate(
                    "plan",
                    "Which builds PyTorch {version} has on PyTorch's own index is not known yet "
                    "(only PyPI's build was read): its {variant} build there is assumed, as every "
                    "release has had one. pip's dry run or the install will tell.",
                ).format(version=release.version, variant=pip_variant),
            )
        plan.toolkit = f"{cuda_of(fit.variant)}" if cuda_of(fit.variant) else None
        self.commands(release, fit.variant)
        if self.choices.with_toolkit and plan.toolkit:
            plan.steps = ["toolkit", "cudnn", "path", "install", "verify"]
            self.reason(
                translate(
                    "plan",
                    "The CUDA toolkit {toolkit} matches this build: it is installed "
                    "too, for compiling CUDA code with nvcc (PyTorch itself does not "
                    "need it).",
                ).format(toolkit=plan.toolkit)
            )
        else:
            plan.steps = ["install", "verify"]
            if self.choices.with_toolkit:
                self.warn(
                    "toolkit_not_applicable",
                    translate(
                        "plan", "The CPU build has no matching CUDA toolkit, so none is installed."
                    )
                    if fit.variant in ("cpu", "mps")
                    else translate(
                        "plan",
                        "The {variant} build has no matching CUDA toolkit, so none is installed.",
                    ).format(variant=fit.variant),
                )
        installed = self.profile.torch
        if installed is not None and installed.version:
            build = (
                f"+cu{installed.cuda.replace('.', '')}"
                if installed.cuda
                else " (ROCm build)"
                if installed.hip
                else " (CPU build)"
            )
            self.reason(
                translate(
                    "plan",
                    "PyTorch {version}{value} is already installed there; it will be replaced.",
                ).format(version=installed.version, value="" if "+" in installed.version else build)
            )

    def packages(self, release: Release) -> dict[str, str]:
        pairs = release.pairs()
        wanted = self.choices.packages
        audio_ended = release.torch > Version(self.kb.torchaudio_last)
        if wanted is None:
            wanted = ("torch", "torchvision") if audio_ended else DEFAULT_PACKAGES
            if audio_ended:
                self.reason(
                    translate(
                        "plan",
                        "torchaudio stopped at {torchaudio_last}; it is left out (ask for "
                        "it explicitly to pair torchaudio {torchaudio_last}).",
                    ).format(torchaudio_last=self.kb.torchaudio_last)
                )
        elif "torchaudio" in wanted and audio_ended and self.audio_free(pairs, release.version):
            self.reason(
                translate(
                    "plan",
                    "torchaudio {torchaudio} is built on PyTorch's stable ABI and declares "
                    "that it works with PyTorch {version}.",
                ).format(torchaudio=pairs["torchaudio"], version=release.version)
            )
        elif "torchaudio" in wanted and audio_ended:
            self.warn(
                "torchaudio_ended",
                translate(
                    "plan",
                    "torchaudio's last release is {torchaudio_last}; it is paired with "
                    "PyTorch {version}, which it was not built for.",
                ).format(torchaudio_last=self.kb.torchaudio_last, version=release.version),
            )
        versions = {"torch": release.version, **pairs}
        wanted = tuple(p for p in wanted if p not in self.dropped)
        unknown = [p for p in wanted if p not in versions]
        if unknown:
            self.warn(
                "unknown_package",
                translate(
                    "plan", "{unknown} is not a PyTorch package the assistant pairs; left out."
                ).format(unknown=", ".join(unknown)),
            )
        return {p: versions[p] for p in wanted if p in versions}

    def audio_free(self, pairs: dict[str, str], torch: str) -> bool:
        """torchaudio 2.11 names no torch version (stable ABI): it is no mismatch."""
        audio = pairs.get("torchaudio")
        return audio is not None and bool(self.kb.companion_admits("torchaudio", audio, torch))

    def commands(self, release: Release, variant: str) -> None:
        plan, kb = self.plan, self.kb
        conda_ok = release.torch <= kb.conda_channel_last and release.series.get("conda")
        kind = self.profile.python.kind
        if self.choices.manager == "conda" and kind not in ("conda", "unknown"):
            self.reason(
                translate(
                    "plan",
                    "The target is a {kind} environment, not a conda one: pip is used "
                    "(conda can only install into conda environments).",
                ).format(kind=kind)
            )
            plan.manager = "pip"
        elif self.choices.manager == "conda" and not conda_ok:
            self.reason(
                translate(
                    "plan",
                    "The 'pytorch' conda channel stopped publishing at "
                    "{conda_channel_last}: PyTorch {version} is installed with pip "
                    "inside the conda environment.",
                ).format(conda_channel_last=kb.conda_channel_last, version=release.version)
            )
            plan.manager = "pip"
        elif self.choices.manager == "conda":
            if self.conda_command(release, variant):
                return
            plan.manager = "pip"
        pins = dict(plan.packages)
        pypi = release.pypi_variant(self.platform)
        pip_variant = "cpu" if variant == "mps" else variant
        if pip_variant == pypi:
            plan.index_url = None
            plan.index_mode = None
            where = "PyPI"
        elif release.index_form == "index-url":
            plan.index_url = kb.index_url(pip_variant)
            plan.index_mode = "index-url"
            where = "download.pytorch.org"
        else:
            # Before 2.0 the variant is in the version (+cu113) and PyPI stays the main index.
            for name in ("torch", "torchvision"):
                if name in pins:
                    pins[name] = f"{pins[name]}+{pip_variant}"
            if release.index_form == "extra-index-url":
                plan.index_url = kb.index_url(pip_variant)
                plan.index_mode = "extra-index-url"
            else:
                plan.index_url = kb.find_links_url
                plan.index_mode = "find-links"
            where = "download.pytorch.org"
        command = ["python", "-m", "pip", "install", *(f"{n}=={v}" for n, v in pins.items())]
        if plan.index_url is None:  # PyPI
            pass
        elif plan.index_mode == "index-url":
            command += ["--index-url", plan.index_url]
        elif plan.index_mode == "extra-index-url":
            command += ["--extra-index-url", plan.index_url]
        elif plan.index_mode == "find-links":
            command += ["-f", plan.index_url]
        plan.commands = [command]
        if where == "PyPI":
            self.reason(
                translate(
                    "plan", "PyPI itself serves the {pip_variant} build on {PLATFORM_NAMES}."
                ).format(pip_variant=pip_variant, PLATFORM_NAMES=PLATFORM_NAMES[self.platform])
            )
        else:
            self.reason(
                (
                    translate(
                        "plan",
                        "The {variant} build comes from PyTorch's own index: plain `pip install "
                        "torch` on Windows gets the CPU-only build.",
                    )
                    if self.os == "windows" and pip_variant != "cpu"
                    else translate(
                        "plan",
                        "The {variant} build comes from PyTorch's own index: plain `pip install "
                        "torch` here would download a different build (a multi-GB CUDA one).",
                    )
                    if pip_variant == "cpu" and self.os == "linux"
                    else translate(
                        "plan",
                        "The {variant} build comes from PyTorch's own index: plain `pip install "
                        "torch` here would download a different build.",
                    )
                ).format(variant=pip_variant)
            )

    def conda_command(self, release: Release, variant: str) -> bool:
        """`conda install ... -c pytorch` for releases the channel has; False → use pip."""
        conda = release.series["conda"]
        plan = self.plan
        option = conda["cpu"] if variant in ("cpu", "mps") else conda["cuda"].get(variant)
        if option is None:
            self.reason(
                translate(
                    "plan",
                    "The conda channel has no {variant} build of {version}; pip is used "
                    "inside the conda environment.",
                ).format(variant=variant, version=release.version)
            )
            return False
        names = {"torch": "pytorch", "torchvision": "torchvision", "torchaudio": "torchaudio"}
        specs = [f"{names[n]}=={v}" for n, v in plan.packages.items()]
        extra = [] if self.platform.startswith("macos") else [option["package"]]
        channels = [c for ch in option["channels"] for c in ("-c", ch)]
        plan.manager = "conda"
        plan.index_url = None
        plan.conda_channels = list(option["channels"])
        plan.commands = [["conda", "install", "-y", *specs, *extra, *channels]]
        self.reason(
            translate(
                "plan", "conda installs PyTorch {version} from the 'pytorch' channel ({option})."
            ).format(version=release.version, option=option["package"])
        )
        return True


@dataclass
class DriverOutlook:
    """How far an NVIDIA driver reaches into current PyTorch on one PC."""

    driver: str  # as the user sees it: 465.89
    current: str  # the newest release whose CUDA builds (and their kernels) are known
    needed: str  # the oldest driver that runs one of its CUDA builds on this PC's GPUs
    variant: str  # that build: cu126
    usable: str | None  # the newest release with a CUDA build this driver runs here
    usable_variant: str | None
    download_page: str

    def advice(self) -> str:
        """What the driver limits and what to do, in whole sentences."""
        too_old = translate(
            "plan",
            "Your NVIDIA driver ({driver}) is too old for every CUDA build of current PyTorch: "
            "PyTorch {current} ({variant}) needs driver {needed} or newer.",
        ).format(driver=self.driver, current=self.current, variant=self.variant, needed=self.needed)
        reach = (
            translate(
                "plan",
                "With this driver the newest PyTorch that uses the GPU is {version} ({variant}).",
            ).format(version=self.usable, variant=self.usable_variant)
            if self.usable
            else translate("plan", "With this driver no PyTorch build can use the GPU.")
        )
        update = translate("plan", "Update the driver: {page}").format(page=self.download_page)
        return sentences(too_old, reach, update)


def driver_outlook(profile: SystemProfile, kb: Knowledge | None = None) -> DriverOutlook | None:
    """What this PC's NVIDIA driver holds back of current PyTorch (None: nothing, or no
    NVIDIA driver): the scan's driver row asks this, the planner says the same."""
    platform = _platform(profile)
    if platform is None or profile.driver is None:
        return None
    planner = _Planner(profile, Choices(), kb or knowledge(), nested=True)
    planner.platform = platform
    planner.driver_info = planner.driver()
    return planner.driver_outlook(planner.gpus())


def _build_kind(variant: str) -> str:
    """cu126 and cu118 are one kind (CUDA), as are the ROCm builds; cpu, mps, xpu each alone."""
    if cuda_of(variant):
        return "cuda"
    return "rocm" if variant.startswith("rocm") else variant


def _nvidia_unusable(code: str, kb: Knowledge) -> str:
    """Why no CUDA build can use the NVIDIA GPU, as a phrase (from the warning it would get)."""
    if code == "jetson":
        return translate("plan", "a Jetson's GPU needs NVIDIA's JetPack builds")
    if code == "no_driver":
        return translate(
            "plan", "no working NVIDIA driver was found (to use it, install one: {page})"
        ).format(page=kb.driver_download_page)
    if code == "driver_too_old":
        return translate("plan", "the NVIDIA driver is too old for every CUDA build")
    if code == "cuda_builds_unknown":
        return translate("plan", "which CUDA builds this release has is not known yet")
    return translate("plan", "no CUDA build has kernels for it")


def _newest_per_series(releases: list[Release]) -> list[Release]:
    seen: set[str] = set()
    out = []
    for release in releases:
        if release.name not in seen:
            seen.add(release.name)
            out.append(release)
    return out


def _platform(profile: SystemProfile) -> str | None:
    return platform_key(profile.os.family, profile.arch)


def make_plan(
    profile: SystemProfile, choices: Choices | None = None, kb: Knowledge | None = None
) -> Plan:
    """The plan, from the facts the indexes gave this process (sources.use) or the bundled
    ones; plan.knowledge says which."""
    from app.compat.sources import current

    loaded = current()
    kb = kb or knowledge(loaded.facts)
    plan = _Planner(profile, choices or Choices(), kb).run()
    plan.made_for = made_for(profile)
    plan.knowledge = loaded.provenance.to_dict()
    plan.facts = _fact_sources(kb, plan)
    if loaded.provenance.source == "index":
        plan.reasons.append(
            translate("plan", "Knowledge from the package index, read {date}.").format(
                date=loaded.provenance.date
            )
        )
    else:
        plan.reasons.append(
            translate("plan", "Bundled knowledge from {date}: newer releases may exist.").format(
                date=loaded.provenance.date or "?"
            )
        )
    return plan


def made_for(profile: SystemProfile) -> dict[str, Any]:
    """The PC a plan is made for, as a plan file keeps it: `apply` on another PC compares
    itself with this (app/lab/fit.py), and a person reading the file sees which PCs it fits."""
    return {
        "os": profile.os.family,
        "os_version": profile.os.version,
        "arch": profile.arch,
        "python": profile.python.version or None,
        "gpus": [
            {
                "vendor": (gpu.vendor or "nvidia").lower(),
                "name": gpu.name,
                "arch": gpu.arch,
                "compute_capability": gpu.compute_capability,
            }
            for gpu in profile.gpus
        ],
        "driver": profile.driver.version if profile.driver else None,
    }


def _fact_sources(kb: Knowledge, plan: Plan) -> dict[str, str]:
    """Where each kind of fact behind the plan came from: "index" or "bundled"."""
    facts = kb.facts
    origin = facts.origin if facts is not None else "bundled"
    release = next((r for r in kb.all_releases if r.version == plan.torch), None)
    from_index = release is not None and release.from_index
    return {
        "releases": origin,
        "wheels": origin,
        "python_range": "index" if from_index else "bundled",
        "companions": "index" if from_index else "bundled",
        "variants": "index"
        if release is not None and release.series.get("variants_known")
        else "bundled",
        "gpu_kernels": "bundled",
        "driver_minimum": "bundled",
    }


@dataclass
class Options:
    """What the summary page offers: torch versions and builds that exist for this machine."""

    versions: list[str]
    computes: list[str]


def options(
    profile: SystemProfile, torch: str | None = None, kb: Knowledge | None = None
) -> Options:
    kb = kb or knowledge()
    platform = _platform(profile)
    python = parse_version(profile.python.version)
    if platform is None or python is None:
        return Options([], [])
    releases = [
        r
        for r in kb.all_releases
        if r.variants(platform) and r.supports_python(python) and not r.lts
    ]
    if torch:
        chosen = kb.find(torch)[:1]
    else:
        # "Newest that fits": the builds of the newest release, and of the releases down to the
        # newest one whose builds are all known (2.15's ROCm/XPU builds may not be yet).
        known = next((i for i, r in enumerate(releases) if r.variants_known), 0)
        chosen = releases[: known + 1]
    vendors = {(g.vendor or "nvidia").lower() for g in profile.gpus}
    computes: list[str] = []
    for release in chosen:
        offered = release.variants(platform)
        if "amd" in vendors:  # builds for a GPU this PC does not have would only confuse
            offered += release.rocm(platform)
        if "intel" in vendors and release.xpu(platform):
            offered += ["xpu"]
        if platform == "macos-arm64" and release.torch >= Version("1.12"):
            offered = ["mps", *offered]
        computes += [c for c in offered if c not in computes]
    kinds = ("mps", "cu", "rocm", "xpu", "cpu")  # the CPU build last, as each release lists it
    computes.sort(key=lambda c: next(i for i, k in enumerate(kinds) if c.startswith(k)))
    return Options([r.version for r in releases], computes)
