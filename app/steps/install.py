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
from urllib.parse import unquote, urlsplit

from app import proc
from app.compat.plan import Plan
from app.errors import StepError
from app.events import Cancelled, CancelToken, Reporter
from app.journal import Entry, Journal
from app.profile import TorchInfo
from app.scan import ScanContext
from app.scan.pythons import ask_interpreter
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


def installed_after(plan: Plan) -> TorchInfo:
    """What the target holds once the plan's install succeeded, as a scan would say it
    (2.14.1+cu126 with CUDA 12.6; +rocm7.2 with HIP 7.2; +xpu; +cpu): a later re-plan compares
    its build with it."""
    build = "cpu" if plan.compute in (None, "mps") else plan.compute
    hip = build[4:] if build.startswith("rocm") else None
    return TorchInfo(f"{plan.torch}+{build}", plan.toolkit, hip)


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
    """Turns pip's output into phases (resolving → downloading → installing → done), the bytes
    of each download (pip's `--progress-bar raw` lines, where the target's pip has them) and
    the reason when pip retries an index it cannot reach."""

    _DOWNLOAD = re.compile(r"Downloading (\S+) \(([\d.]+ [kMG]?B)\)")
    # pip 24.1+: "Progress 262144 of 1501140"; later pips may add a prefix and " bytes".
    _RAW = re.compile(r"Progress (\d+) of (\d+|\?)(?: bytes)?$")
    _RETRY = re.compile(r"Retrying \(Retry\(total=(\d+).*?\)\) after (.*)$")
    _INDEX = re.compile(r"Looking in indexes: (\S+)")

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self.phase = -1
        self.file = ""  # the wheel being downloaded
        self.size = ""  # its size as pip writes it ("2564.3 MB")
        self.host = ""  # the first index pip looks in
        self.retry: str | None = None  # the latest retry reason shown

    def line(self, text: str) -> None:
        stripped = text.strip()
        raw = self._RAW.search(stripped)
        if raw is not None:  # several a second per file: the bar shows them, not the log
            self._bytes(int(raw.group(1)), None if raw.group(2) == "?" else int(raw.group(2)))
            return
        self.reporter.log(text)
        index = self._INDEX.search(stripped)
        retry = self._RETRY.search(stripped)
        if index is not None:
            self.host = urlsplit(index.group(1)).netloc or index.group(1)
        if retry is not None:
            self._retrying(int(retry.group(1)), retry.group(2))
        elif stripped.startswith(("Collecting", "Looking in", "Requirement already")):
            self._set(0, translate("install", "Resolving packages…"))
        elif stripped.startswith("Downloading") or stripped.startswith("Processing"):
            download = self._DOWNLOAD.search(stripped)
            self.file = _wheel_name(download.group(1)) if download else ""
            self.size = download.group(2) if download else ""
            if download:
                text = translate("install", "Downloading {file} ({size})…").format(
                    file=self.file, size=self.size
                )
            else:
                text = translate("install", "Downloading…")
            self._set(1, text, force=True)
        elif stripped.startswith("Installing collected packages"):
            self._set(2, translate("install", "Installing…"))
        elif stripped.startswith("Successfully installed"):
            self.finished()

    def finished(self) -> None:
        self._set(len(PHASES) - 1, translate("install", "Installed."))

    def _bytes(self, done: int, total: int | None) -> None:
        """One download's bytes: the bar moves within the download phase, the text says how
        much of which file."""
        text: str
        if total:
            text = translate(
                "install", "Downloading {file}: {done} of {total} MB ({percent}%)"
            ).format(
                file=self.file or "…",
                done=format(done / 1e6, ".1f"),
                total=format(total / 1e6, ".1f"),
                percent=int(100 * done / total),
            )
            within = min(done / total, 1.0)
        else:
            text = translate("install", "Downloading {file}: {done} MB").format(
                file=self.file or "…", done=format(done / 1e6, ".1f")
            )
            within = 0.0
        self.phase = max(self.phase, 1)
        self.retry = None
        self.reporter.progress(1 + within, len(PHASES) - 1, text)

    def _retrying(self, left: int, after: str) -> None:
        """pip waits and asks the index again: say why, in the status line, not only the log."""
        self.retry = _retry_reason(after)
        text = translate(
            "install",
            "pip cannot reach the package index {host}: {reason}. Retrying (retries left: {left})…",
        ).format(host=self.host or "?", reason=self.retry, left=left)
        self.reporter.progress(max(self.phase, 0), len(PHASES) - 1, text)

    def _set(self, phase: int, text: str, force: bool = False) -> None:
        if phase > self.phase or (force and phase == self.phase):
            self.phase = phase
            self.retry = None
            self.reporter.progress(phase, len(PHASES) - 1, text)


def _wheel_name(url: str) -> str:
    """torch-2.14.1+cu126-cp312-...whl from a download URL (or the name itself)."""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or url


def _retry_reason(after: str) -> str:
    """The cause inside pip's "after connection broken by 'NewConnectionError(...)'" text."""
    for pattern in (
        r"Failed to establish a new connection: ([^'\"]+)",  # refused, DNS, no route
        r"(Read timed out)",
        r"(Connection to \S+ timed out)",
        r"(Connection aborted)",
        r"(certificate verify failed[^'\"]*)",
    ):
        found = re.search(pattern, after)
        if found:
            return found.group(1).strip().rstrip(".")
    kind = re.search(r"\b([A-Z]\w*(?:Error|Exception))\b", after)
    return kind.group(1) if kind else after.strip()[:120]


def raw_progress_supported(python: str, cancel: CancelToken | None = None) -> bool:
    """Whether the target's pip has `--progress-bar raw` (pip 24.1 and later).

    Asked of the target's own pip (`pip install --help`): it may be older or newer than ours.
    Any failure means no: pip's default output still gives the phases."""
    try:
        result = proc.run(
            [python, "-m", "pip", "install", "--help"],
            timeout=30,
            cancel=cancel,
            max_capture_lines=400,
            env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        )
    except proc.ProcError:
        return False
    choices = re.search(r"--progress-bar.*?\[([^\]]*)\]", result.output, re.DOTALL)
    return result.ok and choices is not None and "raw" in choices.group(1)


def torch_left(python: str) -> TorchInfo | None:
    """The torch installed in python now (its version.py read as text, never imported);
    raises proc.ProcError or ValueError when the interpreter cannot answer."""
    # A fresh token: this also runs after a cancel, to say what pip left behind.
    return ask_interpreter(python, ScanContext(cancel=CancelToken())).torch


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
    running = list(command)
    if request.plan.manager == "pip" and raw_progress_supported(request.python, cancel):
        running += ["--progress-bar", "raw"]  # bytes while downloading, one line at a time
    journal = journal or Journal()
    packages = {
        name: version
        for name, version in request.plan.packages.items()
        if request.packages is None or name in request.packages
    }
    previous = request.installed.version if request.installed else None
    entry = record_install(journal, request.python, command, packages, previous)
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
        reporter.log("Running: " + proc.display(running))
        result = proc.run(running, cancel=cancel, on_line=progress.line, max_capture_lines=40)
    except proc.ProcError as exc:
        raise InstallError(str(exc)) from None
    except Cancelled:
        _after_stop(request, removal is not None, progress.phase, entry, journal, reporter)
        raise
    if not result.ok and removal is None:
        # pip rolls a failed install back: nothing of ours is left to undo.
        journal.mark_undone(entry, reason="the install failed; pip left the environment as it was")
    if not result.ok:
        detail = pip_failure(result.output.strip().splitlines())
        raise InstallError(
            translate(
                "errors",
                "The install failed (exit {returncode}): {value} — the log has pip's full output.",
            ).format(returncode=result.returncode, value=detail.strip())
        )
    progress.finished()
    return InstallResult(command, result.returncode, packages)


def record_install(
    journal: Journal,
    python: str,
    command: list[str],
    packages: dict[str, str],
    previous: str | None,
) -> Entry:
    """The journal entry written before pip changes an environment: undo() uninstalls the
    packages; previous (the torch that was there) is named then."""
    return journal.record(
        STEP, "packages", python=python, command=command, packages=packages, previous=previous
    )


def pip_failure(lines: list[str]) -> str:
    """The line of pip's output that says why it failed: its last ERROR line, but not the bare
    "ResolutionImpossible: for help visit <url>" (the one before it names the packages), and a
    dependency conflict with what caused it ("The user requested (constraint) torch<=2.14.1"),
    which pip lists on plain lines under "The conflict is caused by:"."""
    errors = [line.strip() for line in lines if line.startswith("ERROR")]
    meaningful = [e for e in errors if not e.startswith("ERROR: ResolutionImpossible")]
    detail = (meaningful or errors or [line.strip() for line in lines if line.strip()] or [""])[-1]
    causes: list[str] = []
    for index, line in enumerate(lines):
        if line.strip() == "The conflict is caused by:":
            for cause in lines[index + 1 :]:
                if not cause.startswith((" ", "\t")) or not cause.strip():
                    break
                causes.append(cause.strip())
    if causes:
        detail = f"{detail.rstrip('.')}: {'; '.join(causes)}"
    return detail


def _after_stop(
    request: InstallRequest,
    removed: bool,
    phase: int,
    entry,
    journal: Journal,
    reporter: Reporter,
) -> None:
    """pip was stopped: say what it left, and drop the journal entry when nothing changed
    (so Undo never uninstalls a torch that was there before)."""
    before = request.installed.version if request.installed else None
    try:
        now = torch_left(request.python)
    except (proc.ProcError, ValueError) as exc:
        reporter.warn(f"Install stopped; what pip left could not be read: {exc}")
        return
    after = now.version if now else None
    if not removed and phase < PHASES.index("installing") and after == before:
        journal.mark_undone(entry, reason="stopped before pip changed anything")
        reporter.log(
            f"Install stopped before pip changed anything: PyTorch here is still {before}."
            if before
            else "Install stopped before pip changed anything: no PyTorch here, as before."
        )
    else:
        reporter.warn(
            f"Install stopped part-way: PyTorch here is now {after or 'not installed'} "
            f"(before: {before or 'none'}). Install again, or Undo the install to remove it."
        )


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
