"""Install the planned packages into the *target* environment, output streamed, cancellable.

The commands come from the plan (`python -m pip ...`, `conda install ...`); "python" and
"conda" there are placeholders for the target environment's own interpreter and conda — never
our sys.executable, which in the packaged app is our own program. Every install is journaled
before it starts, so `undo` can take it back.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from app import proc
from app.compat.plan import Plan
from app.errors import StepError
from app.events import CancelToken, Reporter
from app.journal import Journal
from app.profile import TorchInfo
from app.steps.base import Step, register
from app.text import translate

STEP = "install"
# Space pip needs (download cache + unpacked files at once). CUDA builds bring the CUDA
# runtime, cuDNN and cuBLAS: about 3 GB to download and 5-7 GB installed (seen: 5.5 GB for
# torch 2.14.1+cu130 with torchvision in a venv here); the CPU build is under 1 GB installed.
# ROCm and XPU builds were not measured here: ROCm wheels carry ROCm's libraries for every gfx
# target (bigger than a CUDA build); XPU brings Intel's oneAPI runtime as separate packages.
NEED_MIB = {"cuda": 9 * 1024, "rocm": 12 * 1024, "xpu": 9 * 1024, "cpu": 2 * 1024}
PHASES = ("resolving", "downloading", "installing", "done")


class InstallError(StepError):
    """The install could not start or pip/conda failed; str() says what and what to do."""


@dataclass
class InstallRequest:
    python: str  # the target interpreter
    plan: Plan
    index_url: str | None = None  # a mirror instead of the plan's index
    find_links: str | None = None  # an offline wheelhouse: no index is contacted
    packages: tuple[str, ...] | None = None  # narrow what is installed (e.g. torch alone)
    installed: TorchInfo | None = None  # torch already there (from the scan), if any
    force: bool = False  # reinstall even the same build (a broken install)


@dataclass
class InstallResult:
    command: list[str]
    returncode: int | None
    packages: dict[str, str] = field(default_factory=dict)


def _build_of(torch: TorchInfo) -> str:
    local = torch.version.split("+", 1)[1] if "+" in torch.version else ""
    if local:
        return local
    if torch.cuda:
        return f"cu{torch.cuda.replace('.', '')}"
    if torch.hip:  # "7.2.26015": the index names the build by major.minor
        return "rocm" + ".".join(torch.hip.split(".")[:2])
    return "cpu"


def replaces_other_build(installed: TorchInfo | None, plan: Plan) -> bool:
    """A torch of another build (CPU vs CUDA, cu118 vs cu126) is there: pip would keep it."""
    if installed is None or not installed.version or plan.compute is None:
        return False
    wanted = "cpu" if plan.compute == "mps" else plan.compute
    return _build_of(installed) != wanted


def conda_for(python: str) -> str | None:
    """The conda that manages the environment of this interpreter (never a .bat)."""
    prefix = Path(python).resolve().parent
    prefix = prefix.parent if prefix.name in ("bin", "Scripts") else prefix
    for root in (prefix, prefix.parent.parent):  # the base env, or <base>/envs/<name>
        for candidate in ("condabin/conda", "bin/conda", "Scripts/conda.exe"):
            if (root / candidate).is_file():
                return str(root / candidate)
    return os.environ.get("CONDA_EXE") or shutil.which("conda")


def env_prefix(python: str) -> Path:
    folder = Path(python).parent
    return folder.parent if folder.name in ("bin", "Scripts") else folder


def build_command(request: InstallRequest) -> list[str]:
    """The plan's command made concrete for this interpreter and these options."""
    plan = request.plan
    if plan.blocked or not plan.commands:
        raise InstallError("The plan is blocked: " + "; ".join(b.message for b in plan.blockers))
    command = list(plan.commands[0])
    wanted = request.packages
    if command[0] == "conda":
        conda = conda_for(request.python)
        if conda is None:
            raise InstallError(
                translate(
                    "errors",
                    "The plan uses conda, but no conda was found for this environment. "
                    "Choose pip on the summary page, or install into a conda "
                    "environment.",
                )
            )
        args = [a for a in command[1:] if not _drop_package(a, wanted, conda_names=True)]
        return [conda, args[0], "-p", str(env_prefix(request.python)), *args[1:]]
    head, rest = command[:4], command[4:]
    specs: list[str] = []
    options: list[tuple[str, str | None]] = []  # (option, value); None: an option alone
    skip = False
    for index, arg in enumerate(rest):
        if skip:
            skip = False
            continue
        if arg in ("--index-url", "--extra-index-url", "-f", "--find-links"):
            options.append((arg, rest[index + 1]))
            skip = True
        elif not _drop_package(arg, wanted):
            specs.append(arg)
    if request.find_links:
        options = [("--no-index", None), ("--find-links", request.find_links)]
        # A wheelhouse holds files named torch-2.13.0+cpu-...: a +cu tag pin would not match.
        specs = [re.sub(r"\+(cpu|cu\d+|rocm[\d.]+|xpu)$", "", s) for s in specs]
    elif request.index_url:
        kinds = [k for k, _ in options if k in ("--index-url", "--extra-index-url")]
        kind = kinds[0] if kinds else "--index-url"
        options = [(k, v) for k, v in options if k not in ("--index-url", "--extra-index-url")]
        options.append((kind, request.index_url))
    tail = [x for k, v in options for x in ((k,) if v is None else (k, v))]
    return [request.python, *head[1:], *specs, "--disable-pip-version-check", *tail]


def uninstall_first(request: InstallRequest) -> list[str] | None:
    """pip keeps an installed torch 2.14.1+cpu when asked for torch==2.14.1 from a CUDA index:
    the old build is removed first. Not --force-reinstall: that would also reinstall every
    dependency at its newest version (numpy 1 → 2, say) and break other packages."""
    plan = request.plan
    if plan.manager != "pip" or not (
        request.force or replaces_other_build(request.installed, plan)
    ):
        return None
    names = [
        n for n in ("torch", "torchvision", "torchaudio") if n in plan.packages or n == "torch"
    ]
    return [request.python, "-m", "pip", "uninstall", "-y", *names]


def _drop_package(spec: str, wanted: tuple[str, ...] | None, conda_names: bool = False) -> bool:
    if wanted is None or spec.startswith("-") or "==" not in spec:
        return False
    name = spec.split("==")[0]
    if conda_names and name == "pytorch":
        name = "torch"
    return name not in wanted


def check_space(request: InstallRequest) -> None:
    compute = request.plan.compute or "cpu"
    kind = "cuda" if re.fullmatch(r"cu\d+", compute) else re.sub(r"[\d.]+$", "", compute)
    need = NEED_MIB.get(kind, NEED_MIB["cpu"])
    try:
        free = shutil.disk_usage(env_prefix(request.python)).free // (1024 * 1024)
    except OSError:
        return  # the folder may not exist yet (a venv about to be made): pip will say
    if free < need:
        raise InstallError(
            translate(
                "errors",
                "Not enough free space: the {compute} build needs about {value} GB "
                "and {env_prefix} has {value2} GB free. Free some space or choose "
                "another environment.",
            ).format(
                compute=compute,
                value=format(need / 1024, ".0f"),
                env_prefix=env_prefix(request.python),
                value2=format(free / 1024, ".1f"),
            )
        )


class PipProgress:
    """Turns pip's output into phases (resolving → downloading → installing → done)."""

    _DOWNLOAD = re.compile(r"Downloading \S+ \(([\d.]+ [kMG]B)\)")

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self.phase = -1

    def line(self, text: str) -> None:
        self.reporter.log(text)
        stripped = text.strip()
        if stripped.startswith(("Collecting", "Looking in", "Requirement already")):
            self._set(0, "Resolving packages…")
        elif stripped.startswith("Downloading") or stripped.startswith("Processing"):
            size = self._DOWNLOAD.search(stripped)
            self._set(1, f"Downloading {size.group(1)}…" if size else "Downloading…", force=True)
        elif stripped.startswith("Installing collected packages"):
            self._set(2, "Installing…")
        elif stripped.startswith("Successfully installed"):
            self.finished()

    def finished(self) -> None:
        self._set(len(PHASES) - 1, "Installed.")

    def _set(self, phase: int, text: str, force: bool = False) -> None:
        if phase > self.phase or (force and phase == self.phase):
            self.phase = phase
            self.reporter.progress(phase, len(PHASES) - 1, text)


def install(
    request: InstallRequest,
    reporter: Reporter,
    cancel: CancelToken,
    journal: Journal | None = None,
) -> InstallResult:
    """Run the install; raises InstallError on failure and Cancelled on cancel."""
    command = build_command(request)
    check_space(request)
    removal = uninstall_first(request)
    journal = journal or Journal()
    packages = {
        name: version
        for name, version in request.plan.packages.items()
        if request.packages is None or name in request.packages
    }
    entry = journal.record(
        STEP,
        "packages",
        python=request.python,
        command=command,
        packages=packages,
        previous=request.installed.version if request.installed else None,
    )
    progress = PipProgress(reporter)
    cancel.raise_if_set()
    try:
        if removal is not None:
            old = request.installed.version if request.installed else "the installed build"
            reporter.log(
                f"Removing PyTorch {old} first, so the {request.plan.compute} build "
                f"replaces it: " + proc.display(removal)
            )
            gone = proc.run(removal, cancel=cancel, on_line=reporter.log, max_capture_lines=20)
            if not gone.ok:
                raise InstallError(
                    translate(
                        "errors", "Removing the old PyTorch failed (exit {returncode})."
                    ).format(returncode=gone.returncode)
                )
        reporter.log("Running: " + proc.display(command))
        result = proc.run(command, cancel=cancel, on_line=progress.line, max_capture_lines=40)
    except proc.ProcError as exc:
        raise InstallError(str(exc)) from None
    if not result.ok and removal is None:
        # pip rolls a failed install back: nothing of ours is left to undo.
        journal.mark_undone(entry, reason="the install failed; pip left the environment as it was")
    if not result.ok:
        lines = result.output.strip().splitlines()
        errors = [ln for ln in lines if ln.startswith("ERROR")]
        detail = (errors or lines or [""])[-1]  # pip's last ERROR line, else its last line
        raise InstallError(
            translate(
                "errors",
                "The install failed (exit {returncode}): {value} — the log has pip's full output.",
            ).format(returncode=result.returncode, value=detail.strip())
        )
    progress.finished()
    return InstallResult(command, result.returncode, packages)


def undo(entry, reporter: Reporter, cancel: CancelToken, journal: Journal | None = None) -> None:
    """Uninstall what an install entry put in (pip); the previous version is named in the log."""
    data = entry.data
    names = list(data.get("packages", {}))
    command = data.get("command", [])
    if command and Path(command[0]).name.startswith("conda"):
        args = [command[0], "remove", "-y", "-p", str(env_prefix(data["python"]))]
        args += ["pytorch" if n == "torch" else n for n in names]
    else:
        args = [data["python"], "-m", "pip", "uninstall", "-y", *names]
    reporter.log("Undoing the install: " + proc.display(args))
    result = proc.run(args, cancel=cancel, on_line=reporter.log, max_capture_lines=20)
    if not result.ok:
        raise InstallError(
            translate("errors", "Uninstalling failed (exit {returncode}); see the log.").format(
                returncode=result.returncode
            )
        )
    if data.get("previous"):
        reporter.log(f"PyTorch {data['previous']} was installed before; reinstall it if needed.")
    (journal or Journal()).mark_undone(entry)


register(Step(STEP, undo, prepare=check_space, apply=install))
