"""Command line: no command opens the wizard; scan, plan, install, verify, ... run headless.

Contracts (DESIGN.md): --json prints machine-readable output on stdout only; every error and
refusal is one line on stderr, never a traceback. Exit status (app/errors.py, mapped once in
main()): 2 for bad input or a refusal before anything changed (UserError), 1 for a step that
failed after the user agreed (StepError) and for anything unexpected (its traceback goes to the
log file only), 130 for Ctrl-C or a cancel, and 3 when `apply` refuses a plan that does not fit
this PC (PlanMismatch; nothing changed).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import math
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from app import __version__
from app.errors import SetupError, StepError, UserError, exit_code, one_line, refusal
from app.events import Cancelled, CancelToken, ConsoleReporter, Reporter

HEADLESS_HINT = "pytorch-setup scan | plan | install | verify (add --json for scripts)"
APPLY_EPILOG = """\
Exit status:
  0    installed and verified
  1    a step failed, or verify found a problem
  2    bad input (an unreadable plan, a bad option; no console and no --yes)
  3    refused: the plan does not fit this PC (nothing changed)
  130  cancelled (Ctrl-C, or no at the prompt)
The result file (--result) is written whenever the plan could be read."""
PREFIX = "pytorch-setup: error: "  # app/elevate.py's ChildSession reads the last such line


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, exit 2
        command = self.prog.removeprefix("pytorch-setup").strip()
        where = f"{command}: " if command else ""
        self.exit(2, f"{PREFIX}{where}{one_line(message)} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pytorch-setup",
        description="Install a working PyTorch (CUDA or CPU) and prove that it works.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # For the elevated child (app/elevate.py), which may run as another user: what it cannot
    # inherit comes on its command line.
    parser.add_argument("--state-dir", type=_folder, help=argparse.SUPPRESS)
    parser.add_argument("--result-file", type=_file, help=argparse.SUPPRESS)
    parser.add_argument("--cancel-file", type=_file, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gui = commands.add_parser("gui", help="open the setup wizard (the default)")
    gui.add_argument(
        "--snapshot", type=_folder, metavar="DIR", help="render every page to DIR/NN-name.png"
    )
    gui.add_argument("--lang", choices=("en", "ko"), help="interface language (default: system)")
    gui.add_argument(
        "--profile",
        type=_file,
        metavar="FILE",
        help="show this profile instead of scanning (for review)",
    )

    scan = commands.add_parser("scan", help="scan this machine: OS, Python, GPU, CUDA, torch")
    scan.add_argument("--json", action="store_true", help="print the profile as JSON")
    scan.add_argument(
        "--python", type=_python, metavar="EXE", help="the Python that PyTorch is meant for"
    )
    scan.add_argument("--timeout", type=_seconds, default=8.0, help="seconds per probe (default 8)")

    plan = commands.add_parser("plan", help="decide which PyTorch build fits, and why")
    plan.add_argument(
        "--profile",
        type=_path,
        metavar="FILE|DIR",
        help="a profile from `scan --json` (default: scan), or a folder of them (a lab): "
        "one plan per profile, as a table",
    )
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")
    plan.add_argument("--torch", type=_torch_version, metavar="V", help="a release, e.g. 2.5.1")
    plan.add_argument(
        "--compute", type=_compute, metavar="V", help="cpu, cu126, rocm7.2, xpu, mps, ..."
    )
    plan.add_argument("--manager", choices=("pip", "conda"), default="pip")
    plan.add_argument(
        "--packages", type=_packages, metavar="LIST", help="e.g. torch,torchvision (default)"
    )
    plan.add_argument(
        "--with-toolkit", action="store_true", help="also plan the CUDA toolkit (for nvcc)"
    )
    plan.add_argument(
        "--check-index",
        action="store_true",
        help="warn when the package indexes could not be read (the plan is then from bundled data)",
    )
    plan.add_argument(
        "--mirror", type=_url, metavar="URL", help="a simple-API mirror to read instead of PyPI"
    )
    _index_options(plan)
    plan.add_argument(
        "--confirm",
        action="store_true",
        help="have the target Python's pip dry-run the command (pip install --dry-run)",
    )
    plan.add_argument(
        "--output",
        type=_file,
        metavar="FILE",
        help="also save the plan to FILE, for `apply FILE` on other PCs (a lab); with a folder "
        "of profiles: write the table to FILE",
    )
    plan.add_argument(
        "--format",
        choices=("md", "csv"),
        help="with a folder of profiles: the table as Markdown (default) or CSV",
    )

    install = commands.add_parser("install", help="install the planned PyTorch into an environment")
    install.add_argument(
        "--python", type=_python, metavar="EXE", required=True, help="the target interpreter"
    )
    install.add_argument("--torch", type=_torch_version, metavar="V")
    install.add_argument("--compute", type=_compute, metavar="V")
    install.add_argument("--manager", choices=("pip", "conda"), default="pip")
    install.add_argument("--packages", type=_packages, metavar="LIST")
    source = install.add_mutually_exclusive_group()
    source.add_argument(
        "--index-url", type=_index, metavar="URL", help="a mirror instead of PyTorch's index"
    )
    source.add_argument(
        "--find-links", type=_folder, metavar="DIR", help="an offline wheelhouse (no index)"
    )
    install.add_argument(
        "--venv",
        type=_folder,
        metavar="DIR",
        help="create a new venv here with --python, and install into it",
    )
    install.add_argument("--yes", action="store_true", help="do not ask before installing")
    _index_options(install)

    apply = commands.add_parser(
        "apply",
        help="run a saved plan on this PC (a lab): check it fits, install, verify, write a result",
        epilog=APPLY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    apply.add_argument("plan", type=_file, metavar="PLAN", help="a plan from `plan --output`")
    apply.add_argument(
        "--python",
        type=_python,
        metavar="EXE",
        help="install into this interpreter (with --venv: the new venv's base); default: the "
        "Python a scan picks",
    )
    apply.add_argument(
        "--venv", type=_folder, metavar="DIR", help="create a new venv here and install into it"
    )
    source = apply.add_mutually_exclusive_group()
    source.add_argument(
        "--index-url", type=_index, metavar="URL", help="a mirror instead of PyTorch's index"
    )
    source.add_argument(
        "--find-links", type=_folder, metavar="DIR", help="an offline wheelhouse (no index)"
    )
    apply.add_argument("--yes", action="store_true", help="do not ask (needed when unattended)")
    apply.add_argument("--json", action="store_true", help="print the result JSON on stdout")
    apply.add_argument("--result", type=_file, metavar="FILE", help="write the result JSON here")
    apply.add_argument(
        "--name-pc",
        action="store_true",
        help="keep this PC's name and the user's paths in the result (default: redacted)",
    )
    _index_options(apply)

    verify = commands.add_parser("verify", help="prove PyTorch works in an environment")
    verify.add_argument(
        "--python", type=_python, metavar="EXE", required=True, help="the interpreter to check"
    )
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.add_argument("--timeout", type=_seconds, default=180.0, help="seconds (default 180)")
    verify.add_argument(
        "--cpu",
        action="store_true",
        help="the CPU build was chosen on purpose: an unused NVIDIA GPU is not a problem",
    )

    env = commands.add_parser("env", help="Python environments: list them, or create one")
    env_commands = env.add_subparsers(dest="env_command", metavar="ACTION", parser_class=_Parser)
    env_list = env_commands.add_parser("list", help="every Python environment found")
    env_list.add_argument("--json", action="store_true")
    env_create = env_commands.add_parser("create", help="create a new venv for PyTorch")
    env_create.add_argument("--kind", choices=("venv", "conda"), default="venv")
    env_create.add_argument(
        "--python",
        type=_python,
        metavar="X.Y|EXE",
        required=True,
        help="a version found here, or a path",
    )
    env_create.add_argument(
        "--dest", type=_folder, metavar="DIR", required=True, help="the new folder"
    )
    env_create.add_argument("--yes", action="store_true")
    env_provide = env_commands.add_parser(
        "provide", help="install Miniforge (per user, no admin rights) when no Python fits"
    )
    env_provide.add_argument("--dest", type=_folder, metavar="DIR", help="default: ~/miniforge3")
    env_provide.add_argument(
        "--mirror", type=_url, metavar="URL", help="a mirror holding the installer"
    )
    env_provide.add_argument("--yes", action="store_true")

    toolkit = commands.add_parser(
        "toolkit", help="install a CUDA toolkit (nvcc) from NVIDIA's archives, per user"
    )
    toolkit.add_argument(
        "--version",
        dest="cuda",
        type=_given,
        required=True,
        metavar="LABEL",
        help="12.6 (newest known 12.6.x) or a release label such as 12.6.3",
    )
    toolkit.add_argument(
        "--method",
        choices=["archives", "installer"],
        default="archives",
        help="archives: per user, no admin rights (default); installer: NVIDIA's official "
        "installer (Windows: into Program Files, needs administrator rights)",
    )
    toolkit.add_argument(
        "--dest",
        type=_folder,
        metavar="DIR",
        help="a new folder (required except for the Windows installer)",
    )
    toolkit.add_argument(
        "--mirror",
        type=_url,
        metavar="URL",
        help="a mirror of NVIDIA's redist (or installer) folder",
    )
    toolkit.add_argument(
        "--components", type=_components, metavar="LIST", help="e.g. cuda_nvcc,cuda_cudart"
    )
    toolkit.add_argument("--yes", action="store_true")

    cudnn = commands.add_parser(
        "cudnn", help="copy cuDNN into a CUDA toolkit (checked, journaled, undoable)"
    )
    source = cudnn.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--archive", type=_file, metavar="FILE", help="a cuDNN .zip or .tar.xz from NVIDIA"
    )
    source.add_argument(
        "--version",
        dest="cudnn_version",
        type=_given,
        metavar="V",
        help="download this cuDNN (e.g. 9.13)",
    )
    cudnn.add_argument(
        "--toolkit", type=_folder, required=True, metavar="DIR", help="the CUDA toolkit folder"
    )
    cudnn.add_argument(
        "--mirror", type=_url, metavar="URL", help="a mirror of NVIDIA's cuDNN redist folder"
    )
    cudnn.add_argument("--yes", action="store_true")

    path = commands.add_parser("path", help="put a CUDA toolkit on PATH (never damages PATH)")
    path_commands = path.add_subparsers(dest="path_command", metavar="add|remove|show")
    for name, what in (("add", "register"), ("remove", "take back the registration of")):
        sub = path_commands.add_parser(name, help=f"{what} a toolkit")
        sub.add_argument(
            "--toolkit", type=_folder, required=True, metavar="DIR", help="the CUDA toolkit folder"
        )
        sub.add_argument("--yes", action="store_true")
    path_commands.add_parser("show", help="what is registered, and where")

    report = commands.add_parser(
        "report", help="a Markdown report to paste into a help request (user names redacted)"
    )
    report.add_argument(
        "--profile", type=_file, metavar="FILE", help="a saved scan instead of scanning now"
    )
    report.add_argument(
        "--python", type=_python, metavar="EXE", help="the interpreter to check (default: best)"
    )
    report.add_argument("--no-verify", action="store_true", help="skip the check of PyTorch")
    report.add_argument(
        "--output", type=_file, metavar="FILE", help="write it to FILE instead of printing it"
    )

    results = commands.add_parser("results", help="the result files of a lab, as one table")
    results_commands = results.add_subparsers(
        dest="results_command", metavar="ACTION", parser_class=_Parser
    )
    summarize = results_commands.add_parser(
        "summarize",
        help="one table of the result files in DIR (from `apply --result`)",
        epilog="Reads the *.json files directly in DIR (not subfolders). Exit status: 0 every "
        "result is ok; 1 some result is not ok or a file was skipped (named on stderr); 2 DIR "
        "is not a folder or no result in it could be read.",
    )
    summarize.add_argument("dir", type=_path, metavar="DIR", help="a folder of result files")
    summarize.add_argument(
        "--format", choices=("md", "csv"), default="md", help="Markdown (default) or CSV"
    )
    summarize.add_argument(
        "--output",
        type=_file,
        metavar="FILE",
        help="write the table to FILE (a CSV gets a UTF-8 BOM, so Excel reads Korean)",
    )

    undo = commands.add_parser("undo", help="take back changes the assistant made (journal)")
    which = undo.add_mutually_exclusive_group(required=True)
    which.add_argument("--last", action="store_true", help="the newest change")
    which.add_argument("--all", action="store_true", help="every change, newest first")
    which.add_argument("--id", type=_given, metavar="ID", help="one change, by its journal id")
    undo.add_argument("--yes", action="store_true", help="do not ask first")
    return parser


def _torch_version(text: str) -> str:
    if not re.fullmatch(r"\d+\.\d+(\.\d+)?", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a PyTorch version such as 2.5.1")
    return text.strip()


def _compute(text: str) -> str:
    value = text.strip().lower()
    if not re.fullmatch(r"cpu|mps|xpu|cu\d{3}|rocm\d+(\.\d+){1,2}", value):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a build name: use cpu, mps, xpu, cuXYZ (e.g. cu126) or rocmX.Y"
        )
    return value


def _packages(text: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    allowed = ("torch", "torchvision", "torchaudio")
    bad = [n for n in names if n not in allowed]
    if not names or bad:
        raise argparse.ArgumentTypeError(f"packages must be among {', '.join(allowed)}")
    return names


# ---- argument values: checked where they are read, so a bad one is one line and exit 2 -------

NAME_MAX = 255  # bytes per path component where the OS does not say (ext4, NTFS: 255)
PATH_MAX = 32767 if os.name == "nt" else 4096  # Windows' long-path limit; Linux's PATH_MAX
MAX_SECONDS = 24 * 3600  # larger waits overflow some platform timers and are never meant


def _given(text: str) -> str:
    """A value that is there: an empty one (an unset shell variable, "") is a mistake, never
    "not given"."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty value is not allowed (leave the option out)")
    if "\0" in text:
        raise argparse.ArgumentTypeError(f"{text!r} contains a NUL character")
    return text


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or not 0 < value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give a number of seconds above 0 and at most {MAX_SECONDS}"
        )
    return value


def _short(text: str, keep: int = 40) -> str:
    return text if len(text) <= keep else f"{text[:keep]}…"


def _limits(path: str) -> tuple[int, int]:
    """The longest name and the longest path the file system holding `path` takes."""
    if sys.platform == "win32":  # no pathconf: NTFS's names, Windows' long paths
        return NAME_MAX, PATH_MAX
    folder = os.path.dirname(path)
    while folder and not os.path.isdir(folder) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
    limits = []
    for name, default in (("PC_NAME_MAX", NAME_MAX), ("PC_PATH_MAX", PATH_MAX)):
        try:
            value = os.pathconf(folder or os.curdir, name)
        except (ValueError, OSError):  # a name this system does not know; a folder it cannot ask
            value = -1
        limits.append(value if value > 0 else default)
    return limits[0], limits[1]


def path_problem(text: str) -> str | None:
    """Why `text` cannot name a file or folder on this system (a name or the whole path too
    long), or None."""
    path = os.path.abspath(os.path.expanduser(text))
    name_max, path_max = _limits(path)
    try:
        encoded = os.fsencode(path)
    except UnicodeError:
        return f"{_short(text)} is not a name this system can write"
    # Linux and macOS count a name's bytes (UTF-8: 홍 is 3); Windows counts UTF-16 characters.
    unit, size = ("characters", len(path)) if os.name == "nt" else ("bytes", len(encoded))
    for part in Path(path).parts:
        length = len(part) if os.name == "nt" else len(os.fsencode(part))
        if length > name_max:
            return (
                f"the name {_short(part)} is too long ({length} {unit}; this file system "
                f"allows at most {name_max} per name)"
            )
    if size >= path_max:
        return f"the path is too long ({size} {unit}; this system allows at most {path_max - 1})"
    return None


def _path(text: str) -> str:
    problem = path_problem(_given(text))
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text


def _folder(text: str) -> str:
    """A folder: maybe not there yet, but never a file."""
    text = _path(text)
    full = os.path.expanduser(text)
    if os.path.lexists(full) and not os.path.isdir(full):
        raise argparse.ArgumentTypeError(f"{text} is a file, not a folder")
    return text


def _file(text: str) -> str:
    """A file: maybe not there (the command says so), but never a folder."""
    text = _path(text)
    if os.path.isdir(os.path.expanduser(text)):
        raise argparse.ArgumentTypeError(f"{text} is a folder, not a file")
    return text


def _python(text: str) -> str:
    """An interpreter (a path; for env create also a version such as 3.12), never a folder."""
    text = _path(text)
    if os.path.isdir(os.path.expanduser(text)):
        raise argparse.ArgumentTypeError(
            f"{text} is a folder: give the Python program in it (bin/python, python.exe)"
        )
    return text


def _url(text: str) -> str:
    text = _given(text).strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not an address ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise argparse.ArgumentTypeError(f"{text!r}: give a full https:// address")
    return text


def _index(text: str) -> str:
    """pip's --index-url: an address, or a local folder pip reads."""
    text = _given(text).strip()
    if any(char.isspace() for char in text):
        raise argparse.ArgumentTypeError(f"{text!r} contains spaces: not an address")
    return text


def _components(text: str) -> list[str]:
    names = [n.strip() for n in _given(text).split(",")]
    if not all(re.fullmatch(r"[A-Za-z0-9_]+", n) for n in names):
        raise argparse.ArgumentTypeError(
            f"{text!r}: give component names separated by commas, e.g. cuda_nvcc,cuda_cudart"
        )
    return names


def display_available(environ: dict[str, str] | os._Environ = os.environ) -> bool:
    """Whether Qt can open a window. Windows and macOS always have a screen session."""
    if sys.platform.startswith(("win", "darwin")):
        return True
    if environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


# Libraries Qt's X11 plugin loads (from `ldd libqxcb.so`), with their Debian/Ubuntu packages.
QT_XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def missing_qt_libraries(environ=os.environ) -> list[str]:
    """Packages of the libraries Qt's X11 plugin needs that cannot be loaded.

    Without them Qt aborts with 'could not load the Qt platform plugin "xcb"' (seen here: a
    desktop lacking libxcb-icccm4 and libxcb-keysyms1); naming the packages is more useful.
    Loading each library (dlopen) is both the exact test and fast.
    """
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return []
    if environ.get("WAYLAND_DISPLAY") or not environ.get("DISPLAY"):
        return []
    import ctypes

    missing = []
    for soname, package in QT_XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def cmd_gui(args: argparse.Namespace) -> int:
    if args.snapshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # snapshots never need a screen
    elif not display_available():
        print(
            f"pytorch-setup: no display found (DISPLAY/WAYLAND_DISPLAY unset), so the wizard "
            f"cannot open; the same work runs headless: {HEADLESS_HINT}",
            file=sys.stderr,
        )
        return 1
    elif missing := missing_qt_libraries():
        print(
            f"pytorch-setup: the window needs system libraries that are missing: install them "
            f"with 'sudo apt install {' '.join(missing)}' (Debian/Ubuntu names), or work "
            f"headless: {HEADLESS_HINT}",
            file=sys.stderr,
        )
        return 1
    profile = _load_profile(args.profile) if args.profile else None
    try:
        from ui.main import run_gui
    except ImportError as exc:
        raise UserError(
            f"the graphical interface cannot start ({exc}); use the command line instead: "
            f"{HEADLESS_HINT}"
        ) from None
    return run_gui(lang=args.lang, snapshot=args.snapshot, profile=profile)


def _index_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--offline",
        action="store_true",
        help="plan from the assistant's bundled knowledge; ask no package index",
    )
    parser.add_argument(
        "--refresh-index",
        action="store_true",
        help="read the package indexes again now, not from the cache",
    )


def _read_indexes(args: argparse.Namespace) -> None:
    """What exists comes from the indexes (bounded in time, cached), else the bundled data."""
    from app.compat import sources

    loaded = sources.read_indexes(
        mirror=getattr(args, "mirror", None),
        refresh=args.refresh_index,
        offline=True if args.offline else None,
    )
    sources.use(loaded)
    for problem in loaded.provenance.problems:
        logging.getLogger("pytorch_setup").info("package index not read: %s", problem)


def cmd_scan(args: argparse.Namespace) -> int:
    from app.scan import ScanContext, scan
    from app.scan.summary import render_text, summarize

    if args.python and not os.path.isfile(args.python):
        raise UserError(f"--python {args.python}: no such file")
    cancel = CancelToken()
    context = ScanContext(cancel=cancel, timeout=args.timeout, target_python=args.python)
    profile = scan(context, ConsoleReporter(verbose=False))
    if args.json:
        print(profile.to_json())
    else:
        print(render_text(summarize(profile)))
    return 0


def _load_profile(path: str):
    """The profile in `path`; a ProfileError (a UserError: exit 2) says why it cannot be used."""
    from app.profile import SystemProfile

    return SystemProfile.load(path)


def cmd_plan(args: argparse.Namespace) -> int:
    from app.compat import make_plan
    from app.compat.plan import Notice
    from app.compat.render import render_plan
    from app.text import translate

    if args.profile and os.path.isdir(os.path.expanduser(args.profile)):
        return _plan_lab(args)
    if args.format:
        raise UserError("--format is for the table of a folder of profiles (--profile DIR)")
    if args.profile:
        profile = _load_profile(args.profile)
    else:
        from app.scan import ScanContext, scan

        profile = scan(ScanContext(), ConsoleReporter(verbose=False))
    choices = _plan_choices(args)
    _read_indexes(args)
    if args.confirm and os.path.isfile(profile.python.executable or ""):
        from app.compat.settle import settle
        from app.steps.install import InstallRequest

        plan = settle(profile, choices, lambda p: InstallRequest(profile.python.executable, p))
    else:
        plan = make_plan(profile, choices)
        if args.confirm:
            plan.warnings.append(
                Notice(
                    "not_confirmed",
                    translate(
                        "plan",
                        "pip's dry run needs the target Python ({python}) on this computer; "
                        "the command was not confirmed.",
                    ).format(python=profile.python.executable or "?"),
                )
            )
    if (args.check_index or args.mirror) and plan.knowledge.get("source") != "index":
        problems = "; ".join(plan.knowledge.get("problems", [])) or "offline"
        plan.warnings.append(
            Notice(
                "index_not_checked",
                translate(
                    "plan",
                    "The package index could not be read ({problems}); the plan comes from "
                    "the assistant's built-in data.",
                ).format(problems=problems),
            )
        )
    print(plan.to_json() if args.json else render_plan(plan))
    code = _plan_exit(plan)
    if args.output:
        _save_plan_file(plan, args.output, quiet=args.json)
    if code:
        _say_blocked(plan)
    return code


def _save_plan_file(plan, path: str, quiet: bool) -> None:
    """plan --output: a plan that can run is saved for `apply`; a blocked one is not (apply
    would refuse it), and stderr says so."""
    from app.lab.planfile import save_plan

    if plan.blocked:
        print(f"pytorch-setup: plan not saved to {path}: it is blocked", file=sys.stderr)
        return
    written = save_plan(plan, path)
    if not quiet:  # --json: stdout holds the JSON only
        print(f"Plan saved to {written}; run it on each PC with: pytorch-setup apply {written}")


def _plan_lab(args: argparse.Namespace) -> int:
    """plan --profile DIR: one plan per profile in DIR, as the lab table (or a JSON list).
    Exit 0 when every PC gets a plan, 1 when one is blocked or a file was skipped, 2 when the
    request names something that exists for none of them or no profile could be read."""
    import json

    from app.lab.replay import render_replay, replay

    if args.confirm:
        raise UserError("--confirm takes one profile (a file), not a folder of them")
    if args.json and (args.format or args.output):
        raise UserError("--json prints the plans; --format and --output are for the table")
    _read_indexes(args)
    choices = _plan_choices(args)
    result = replay(args.profile, choices)
    for name, why in result.skipped:
        print(f"pytorch-setup: skipped {name}: {why}", file=sys.stderr)
    result.require_plans()
    if args.json:
        print(json.dumps(result.to_list(), indent=2, ensure_ascii=False))
    else:
        fmt = args.format or "md"
        _show_table(render_replay(result, fmt), fmt, args.output, result.counts_line())
    plans = [plan for _, plan in result.plans]
    if (args.check_index or args.mirror) and plans[0].knowledge.get("source") != "index":
        print(
            "pytorch-setup: the package index could not be read; the plans come from the "
            "assistant's built-in data",
            file=sys.stderr,
        )
    codes = [_plan_exit(plan) for plan in plans]
    if all(code == 2 for code in codes):  # what was asked exists for none of them: bad input
        return 2
    # One PC's build missing (no cu126 for macOS) is that PC's block, not a bad request.
    return 1 if any(codes) or result.skipped else 0


def _plan_choices(args: argparse.Namespace):
    """The plan command's choices, for one profile or a folder of them."""
    from app.compat import Choices

    return Choices(
        torch=args.torch,
        compute=args.compute,
        manager=args.manager,
        packages=args.packages,
        with_toolkit=args.with_toolkit,
    )


def _plan_exit(plan) -> int:
    """0: a plan; 2: the request names something that does not exist; 1: blocked otherwise."""
    codes = {b.code for b in plan.blockers}
    if codes & {"torch_unknown", "torch_lts", "compute_unavailable"}:
        return 2
    return 1 if codes else 0


def _blocked_line(plan) -> str:
    first = one_line(plan.blockers[0].message)
    more = len(plan.blockers) - 1
    return first + (
        f" (and {more} more reason{'s' if more > 1 else ''}: see above)" if more else ""
    )


def _say_blocked(plan) -> None:
    """A blocked plan is printed (stdout: the JSON stays whole); why, once more on stderr."""
    print(f"{PREFIX}{_blocked_line(plan)}", file=sys.stderr)


def _check_install_options(args: argparse.Namespace) -> None:
    """install's and apply's options that name what must already be there."""
    if args.python and not os.path.isfile(args.python):
        raise UserError(f"--python {args.python}: no such file")
    if args.find_links and not os.path.isdir(args.find_links):
        raise UserError(f"--find-links {args.find_links}: no such folder")


def _scan_target(python: str | None, strict: bool = True):
    """This PC, scanned for the Python PyTorch goes into (None: the one the scan picks).
    strict: no usable Python there is bad input (otherwise the caller says why)."""
    from app.scan import ScanContext, scan

    profile = scan(ScanContext(target_python=python), ConsoleReporter(verbose=False))
    if strict and profile.python.problems and not profile.python.version:
        raise UserError(profile.python.problems[0])
    return profile


def _install_request(args: argparse.Namespace, python: str, plan, profile):
    """The install of `plan` into `python` as the command line asks it (a mirror, a
    wheelhouse, fewer packages); a new venv holds no torch yet."""
    from app.steps.install import InstallRequest

    return InstallRequest(
        python=python,
        plan=plan,
        index_url=args.index_url,
        find_links=args.find_links,
        packages=getattr(args, "packages", None),
        installed=None if args.venv else profile.torch,
    )


def cmd_install(args: argparse.Namespace) -> int:
    from app.compat import Choices, make_plan
    from app.compat.plan import Plan
    from app.compat.render import render_plan
    from app.compat.settle import settle
    from app.steps.install import InstallRequest, install

    _check_install_options(args)
    reporter = ConsoleReporter(stream=sys.stdout)
    if args.venv:
        _require_new(args.venv, "the environment")
    # Planned for --python: a new venv made from it has the same Python version.
    profile = _scan_target(args.python)
    choices = Choices(
        torch=args.torch, compute=args.compute, manager=args.manager, packages=args.packages
    )
    _read_indexes(args)

    def request_for(plan: Plan) -> InstallRequest:
        return _install_request(args, args.python, plan, profile)

    # pip's dry run confirms the plan before anything changes; a new venv is made first.
    plan = make_plan(profile, choices) if args.venv else settle(profile, choices, request_for)
    print(render_plan(plan), flush=True)
    if plan.blocked:  # nothing changed: a refusal
        raise UserError(f"nothing installed: {_blocked_line(plan)}")
    if not _agreed(args, "Install now?", "installed"):
        return 1
    if args.venv:
        from app.steps.envs import create_venv

        args.python = create_venv(args.python, args.venv, reporter, CancelToken())
        settled = settle(profile, choices, request_for)
        if settled.blocked:
            raise StepError(f"nothing installed: {_blocked_line(settled)}")
        if (settled.torch, settled.compute) != (plan.torch, plan.compute):
            print(render_plan(settled), flush=True)
        plan = settled
    install(request_for(plan), reporter, CancelToken())
    print(
        f"Installed into {args.python}. Check it with: pytorch-setup verify --python {args.python}"
    )
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    """apply PLAN: exit 0 ok, 1 failed or verify found a problem, 2 bad input, 3 the plan
    does not fit this PC (nothing changed), 130 cancelled; the result is written in each case
    once the plan could be read."""
    import time

    from app.lab.apply import ApplyResult
    from app.lab.planfile import load_plan

    plan = load_plan(args.plan)  # unreadable: one line, exit 2, nothing to write a result of
    result = ApplyResult(plan=plan.to_dict())
    started = time.perf_counter()
    try:
        _apply(args, plan, result)
    except (KeyboardInterrupt, Cancelled):
        result.end("cancelled", "cancelled")
    except UserError as error:  # PlanMismatch included (exit 3)
        result.end("refused", error.message, error.exit_code)
    except SetupError as error:
        result.end("failed", error.message)
    except Exception as error:  # a bug: still a result, the traceback in the log
        logging.getLogger("pytorch_setup").error("apply failed unexpectedly", exc_info=error)
        result.end("failed", f"unexpected error: {one_line(str(error)) or type(error).__name__}")
    result.seconds = time.perf_counter() - started
    return _apply_finished(args, result)


def _apply(args: argparse.Namespace, plan, result) -> None:
    from app.errors import PlanMismatch
    from app.lab.apply import Applier, Target, has_console, refusals, scan_summary

    _check_install_options(args)
    if args.venv:
        _require_new(args.venv, "the environment")
    # A PC without a usable Python is a PC the plan does not fit (exit 3); a bad --python is
    # bad input (exit 2).
    profile = _scan_target(args.python, strict=bool(args.python))
    result.scan = scan_summary(profile)
    python = args.python or profile.python.executable or ""
    target = Target(python, args.venv)
    into = None if args.venv else python or None
    result.target = {"python": into, "venv": args.venv, "created": False}
    _read_indexes(args)
    result.fit = refusals(plan, profile, target)
    if result.fit:
        raise PlanMismatch(result.fit[0].message)
    if not args.yes:
        if not has_console():  # a windowed program or a script: never wait for an answer
            raise UserError("pass --yes to run unattended (there is no console to ask)")
        where = args.venv or python
        print(f"PyTorch {plan.torch} ({plan.compute}) into {where}:\n{plan.command_line()}")
        if not _agreed(args, "Apply this plan here?", "installed"):
            raise Cancelled()
    reporter = ConsoleReporter(stream=sys.stderr if args.json else sys.stdout)
    Applier(
        plan,
        profile,
        result,
        lambda into: _install_request(args, into, plan, profile),
        reporter,
        CancelToken(),
    ).run(target)


def _apply_finished(args: argparse.Namespace, result) -> int:
    """The result written and shown; its exit status."""
    from app.lab.apply import write_result

    if args.result:
        try:
            write_result(result, args.result, args.name_pc)
        except UserError as error:
            print(f"{PREFIX}{error.message}", file=sys.stderr)
    if args.json:
        print(result.to_json(args.name_pc))
    if result.outcome == "ok":
        if not args.json:
            print(
                f"Applied: PyTorch {result.plan.get('torch')} works in {result.target['python']}."
            )
        return 0
    lines = [n.message for n in result.fit] or [result.reason or result.outcome]
    for line in lines:
        print(f"{PREFIX}{one_line(line)}", file=sys.stderr)
    return result.exit_code


def cmd_verify(args: argparse.Namespace) -> int:
    """Exit 0 when PyTorch works (ok), 1 when the report found a problem."""
    from app.scan import ScanContext, default_probes, scan
    from app.steps.verify import verify
    from app.steps.verify_view import markdown

    if not os.path.isfile(args.python):
        raise UserError(f"--python {args.python}: no such file")
    quiet = ConsoleReporter(verbose=False)
    probes = {k: v for k, v in default_probes().items() if k in ("system", "gpu")}
    profile = scan(ScanContext(target_python=args.python), quiet, probes=probes)
    report = verify(
        args.python, profile=profile, reporter=quiet, timeout=args.timeout, cpu_chosen=args.cpu
    )
    print(report.to_json() if args.json else markdown(report.to_dict()))
    if report.ok:
        return 0
    print(
        f"{PREFIX}PyTorch does not work in {args.python}: see the findings above", file=sys.stderr
    )
    return 1


def cmd_env(args: argparse.Namespace) -> int:
    import json

    from app.scan import ScanContext, default_probes, scan

    if args.env_command is None:
        raise UserError("say what to do: env list | env create | env provide")
    if args.env_command == "provide":
        return _env_provide(args)
    probes = {k: v for k, v in default_probes().items() if k in ("python", "environments")}
    profile = scan(ScanContext(), ConsoleReporter(verbose=False), probes=probes)
    envs = ([profile.python] if profile.python.version else []) + profile.environments
    if args.env_command == "list":
        from app.compat.knowledge import knowledge, newest_torch_for
        from app.steps.envs import created_environments

        newest = knowledge().newest_patches()[0].version
        # Made by the assistant (the journal says so): listed wherever they live, and marked.
        made = {os.path.normcase(str(p)) for p in created_environments()}

        def created(env) -> bool:
            return bool(env.prefix) and os.path.normcase(env.prefix) in made

        if args.json:
            from dataclasses import asdict

            rows = [
                {
                    **asdict(e),
                    "newest_torch": newest_torch_for(e.version),
                    "created_by_assistant": created(e),
                }
                for e in envs
            ]
            print(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            for env in envs:
                torch = f", torch {env.torch.version}" if env.torch else ""
                notes = list(env.problems)
                fits = newest_torch_for(env.version) if env.version else None
                if env.version and fits is None and not notes:
                    notes.append(f"no PyTorch release supports Python {env.version}")
                elif fits and fits != newest:
                    notes.append(f"PyTorch {fits} at most: {newest} needs a newer Python")
                if env is profile.python:
                    notes.insert(0, "the default target")
                if created(env):
                    notes.insert(0, "created by the assistant")
                problems = f"  [{'; '.join(notes)}]" if notes else ""
                print(f"Python {env.version:<8} {env.kind:<7} {env.executable}{torch}{problems}")
            if not profile.python.version:
                print(profile.python.problems[0] if profile.python.problems else "")
        return 0
    from app.steps.envs import create_conda_env, create_venv

    if args.kind == "conda":
        from app.scan.pythons import conda_executable

        if not re.fullmatch(r"\d+\.\d+", args.python):
            raise UserError("--kind conda takes a Python version such as 3.12")
        conda = conda_executable(os.environ)
        if conda is None:
            raise UserError(
                "no conda was found: install Miniforge with `pytorch-setup env provide`"
            )
        _require_new(args.dest, "the environment")
        print(f"Creating a conda environment with Python {args.python} in {args.dest}")
        if not _agreed(args, "Create it?", "created"):
            return 1
        python = create_conda_env(
            conda, args.python, args.dest, ConsoleReporter(stream=sys.stdout), CancelToken()
        )
        print(f"Created. Its Python: {python}")
        return 0
    base = _pick_interpreter(args.python, envs)
    _require_new(args.dest, "the environment")
    print(f"Creating a venv in {args.dest} from {base}")
    if not _agreed(args, "Create it?", "created"):
        return 1
    python = create_venv(base, args.dest, ConsoleReporter(stream=sys.stdout), CancelToken())
    print(f"Created. Its Python: {python}")
    return 0


def _env_provide(args: argparse.Namespace) -> int:
    from app.steps.envs.miniforge import ansi_codepage, default_dest, folder_problem, provide

    platform = _this_platform()
    if platform is None:
        raise UserError("Miniforge has no installer for this computer")
    # Windows: the profile folder when Miniforge's installer accepts it, else C:\miniforge3.
    windows = platform.startswith("windows")
    dest = Path(args.dest).expanduser() if args.dest else default_dest(windows)
    _require_new(dest, "Miniforge")
    if windows and (problem := folder_problem(str(dest), ansi_codepage())):
        raise UserError(problem)
    print(f"Miniforge (conda-forge only; no Anaconda licence terms) will be installed in {dest}.")
    if not _agreed(args, "Download and install it?", "installed"):
        return 1
    python = provide(
        dest, platform, ConsoleReporter(stream=sys.stdout), CancelToken(), mirror=args.mirror
    )
    print(f"Done. Its Python: {python}")
    return 0


def _pick_interpreter(wanted: str, envs: list) -> str:
    """--python as a path, or a version (3.12) matched against the interpreters found."""
    if os.path.sep in wanted or os.path.isfile(wanted):
        if not os.path.isfile(wanted):
            raise UserError(f"--python {wanted}: no such file")
        return wanted
    if not re.fullmatch(r"\d+\.\d+", wanted):
        raise UserError(f"--python {wanted!r}: give a version such as 3.12, or a path")
    usable = [
        e
        for e in envs
        if e.version.startswith(wanted + ".") and not e.problems and e.kind != "venv"
    ] or [e for e in envs if e.version.startswith(wanted + ".") and not e.problems]
    if not usable:
        from app.versions import version_key

        minors = {e.version.rsplit(".", 1)[0] for e in envs if e.version}
        found = ", ".join(sorted(minors, key=version_key))
        raise UserError(f"no Python {wanted} was found here (found: {found or 'none'})")
    return usable[0].executable


def cmd_toolkit(args: argparse.Namespace) -> int:
    from app.steps.toolkit import install_toolkit, resolve_label

    platform = _this_platform() or ""
    with _refused():
        label = resolve_label(args.cuda)
    reporter = ConsoleReporter(stream=sys.stdout)
    if args.method == "installer":
        return _official_toolkit(args, label, platform, reporter)
    if not args.dest:
        raise UserError("--dest DIR is needed: the new folder for the toolkit")
    _require_new(args.dest, "the toolkit")
    print(f"CUDA toolkit {label} (for nvcc; PyTorch itself does not need it) into {args.dest}.")
    if not _agreed(args, "Download and install it?", "installed"):
        return 1
    install_toolkit(
        label,
        args.dest,
        platform,
        reporter,
        CancelToken(),
        mirror=args.mirror,
        components=args.components,
    )
    return 0


def _official_toolkit(args, label: str, platform: str, reporter) -> int:
    from app.steps.toolkit.installer import find_installer, install_official, windows_root

    windows = platform.startswith("windows")
    if not windows and not args.dest:
        raise UserError("--dest DIR is needed: the new folder for the toolkit")
    if args.dest:
        _require_new(args.dest, "the toolkit")
    with _refused():
        installer = find_installer(label, platform, mirror=args.mirror)
    where = windows_root(label) if windows else args.dest
    print(
        f"NVIDIA's CUDA {label} installer ({installer.size / 1e9:.1f} GB, md5 {installer.md5}), "
        f"toolkit only, into {where}."
    )
    if not _agreed(args, "Download and run it?", "installed"):
        return 1
    install_official(installer, reporter, CancelToken(), dest=args.dest)
    return 0


def cmd_cudnn(args: argparse.Namespace) -> int:
    from app.steps.cudnn import install_cudnn, plan_copy, prepare, read_archive
    from app.steps.cudnn.download import download_cudnn, prepare_download, toolkit_major

    platform = _this_platform() or ""
    reporter = ConsoleReporter(stream=sys.stdout)
    toolkit = Path(args.toolkit)
    if not toolkit.is_dir():
        raise UserError(f"--toolkit {toolkit}: no such folder")
    if args.cudnn_version:
        with _refused():  # not a CUDA toolkit: bad input, nothing changed
            major = toolkit_major(toolkit)
        artifact = prepare_download(args.cudnn_version, major, platform, mirror=args.mirror)
        print(
            f"cuDNN {artifact.version} for CUDA {major}: {artifact.size / 1e6:.0f} MB, "
            f"sha256 {artifact.sha256}"
        )
        if not _agreed(args, "Download it and copy it into the toolkit?", "changed"):
            return 1
        archive_path = download_cudnn(
            artifact.label, major, platform, reporter, CancelToken(), artifact=artifact
        )
        # Agreed to already: an archive that does not fit is a failed step from here on.
        plan = plan_copy(read_archive(archive_path), toolkit, platform)
        plan.check()
    else:
        archive_path = Path(args.archive)
        if not archive_path.is_file():
            raise UserError(f"--archive {archive_path}: no such file")
        with _refused():  # a damaged archive, one for another CUDA: nothing changed yet
            prepared = prepare(toolkit, platform, archive=archive_path).plan
            assert prepared is not None  # an archive given: its copy plan
            prepared.check()
        plan = prepared
    print(
        f"cuDNN {plan.archive.version} (CUDA {plan.archive.cuda_major or '?'}) into CUDA "
        f"{plan.toolkit_version} at {plan.toolkit}: {len(plan.items)} files, "
        f"{len(plan.replaced)} replaced (backed up first)."
    )
    if not args.cudnn_version and not _agreed(args, "Copy it?", "changed"):
        return 1
    result = install_cudnn(archive_path, toolkit, platform, reporter, CancelToken())
    print(
        f"cuDNN {result.version} is in {result.toolkit}: {len(result.created)} files added, "
        f"{len(result.replaced)} replaced. `pytorch-setup undo --last` takes it back."
    )
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    from app.steps import pathreg

    if args.path_command is None:
        raise UserError("say what to do: path add | path remove | path show")
    if args.path_command == "show":
        print(pathreg.show())
        return 0
    reporter = ConsoleReporter(stream=sys.stdout)
    if args.path_command == "remove":
        if not _agreed(args, f"Take {args.toolkit} off PATH?", "changed"):
            return 1
        count = pathreg.remove(args.toolkit, reporter, CancelToken())
        print(f"Removed {count} registration(s). New terminals get the old PATH.")
        return 0
    with _refused():
        preview = pathreg.preview(args.toolkit)
    for line in _path_preview_lines(preview):
        print(line)
    if preview.blocked is not None:  # no toolkit there, a PATH that cannot take it: unchanged
        raise UserError(preview.blocked.message)
    if preview.already_registered:
        print("Already registered: nothing to do.")
        return 0
    if not _agreed(args, "Apply this change?", "changed"):
        return 1
    # The backend reports the preview's warnings and the note again: print each once.
    once = _OnceReporter([w.message for w in preview.warnings], stream=sys.stdout)
    pathreg.add(args.toolkit, once, CancelToken())
    if not once.said(preview.note):
        print(preview.note)
    return 0


class _OnceReporter(ConsoleReporter):
    """A console reporter that does not print again what the user was already shown (those
    lines still reach the log file), and remembers what it printed."""

    def __init__(self, shown: Sequence[str], stream=None) -> None:
        super().__init__(stream=stream)
        self._shown = set(shown)
        self._printed: list[str] = []

    def log(self, message: str, level: int = logging.INFO) -> None:
        if message in self._shown:
            Reporter.log(self, message, level)  # the log file only
            return
        self._printed.append(message)
        super().log(message, level)

    def said(self, text: str) -> bool:
        return any(text in line for line in self._printed)


def _path_preview_lines(preview) -> list[str]:
    out = [f"Where: {'; '.join(preview.where)}", "PATH after the change:"]
    out += [f"  {'+' if line.new else ' '} {line.text}" for line in preview.proposed]
    for name, value in preview.variables.items():
        before = preview.variables_before.get(name)
        out.append(f"{name} = {value}" + (f"   (was {before})" if before else ""))
    out += [f"[warn] {w.message}" for w in preview.warnings]
    return out


def cmd_report(args: argparse.Namespace) -> int:
    from app import report
    from app.compat import Choices, make_plan
    from app.scan import ScanContext, scan

    if args.python and not os.path.isfile(args.python):
        raise UserError(f"--python {args.python}: no such file")
    quiet = ConsoleReporter(verbose=False)
    if args.profile:
        profile = _load_profile(args.profile)
    else:
        profile = scan(ScanContext(target_python=args.python), quiet)
    plan = make_plan(profile, Choices())
    verification = None
    python = args.python or profile.python.executable
    if not args.no_verify and python and os.path.isfile(python):
        from app.steps.verify import verify

        verification = verify(python, profile=profile, reporter=quiet).to_dict()
    text = report.build(profile=profile, plan=plan, verification=verification)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(f"Report written to {args.output}")
    else:
        print(text, end="")
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    """results summarize DIR: exit 0 when every result is ok, 1 when one is not (or a file was
    skipped), 2 when DIR is not a folder or nothing in it could be read."""
    from app.lab.results import render_summary, summarize

    if args.results_command is None:
        raise UserError("say what to do: results summarize DIR")
    summary = summarize(args.dir)
    for name, why in summary.skipped:
        print(f"pytorch-setup: skipped {name}: {why}", file=sys.stderr)
    summary.require_rows()
    text = render_summary(summary, args.format)
    _show_table(text, args.format, args.output, summary.counts_line())
    return summary.exit_code()


def _show_table(text: str, fmt: str, output: str | None, counts: str) -> None:
    """A lab table on stdout, or written to output (then stdout says where, with the counts).
    A CSV on stdout stays rows only: its counts go to stderr; Markdown carries its own."""
    from app.lab.table import write_table

    if output:
        written = write_table(text, output, fmt)
        print(f"Table written to {written}: {counts}")
        return
    print(text, end="")
    if fmt == "csv":
        print(counts, file=sys.stderr)


def cmd_undo(args: argparse.Namespace) -> int:
    from app.journal import Journal
    from app.steps.undo import undo_entries

    journal = Journal()
    pending = journal.pending()
    if not pending:
        print("Nothing to undo: the journal has no changes left.")
        return 0
    chosen = pending[:1] if args.last else pending
    if args.id:
        chosen = [e for e in pending if e.id == args.id]
        if not chosen:
            raise UserError(f"--id {args.id}: no change with that id is left to undo")
    for entry in chosen:
        print(f"- {entry.time[:19]} {entry.step}: {entry.action} {_summary(entry.data)}")
    if not _agreed(args, f"Undo {len(chosen)} change(s)?", "undone"):
        return 1
    count = undo_entries(chosen, ConsoleReporter(stream=sys.stdout), CancelToken(), journal)
    print(f"Undone: {count} change(s).")
    return 0


def _summary(data: dict) -> str:
    packages = data.get("packages")
    if packages:
        return ", ".join(f"{n} {v}" for n, v in packages.items()) + f" in {data.get('python')}"
    return ""


def _agreed(args: argparse.Namespace, question: str, nothing: str) -> bool:
    """--yes, or a yes at the prompt; otherwise say that nothing was done (and how to skip)."""
    if args.yes or _confirm(question):
        return True
    print(
        f"pytorch-setup: nothing {nothing} (add --yes to go ahead without asking)",
        file=sys.stderr,
    )
    return False


def _require_new(folder: str | Path, what: str) -> None:
    """Refused before anything changes (and before asking): a folder that holds something."""
    from app.steps.folders import require_new

    require_new(Path(folder).expanduser(), what, UserError)


@contextlib.contextmanager
def _refused() -> Iterator[None]:
    """A step's checks that run before anything changed: what they refuse is a user error."""
    try:
        yield
    except StepError as exc:
        raise refusal(exc) from exc


def _this_platform() -> str | None:
    from app.compat.knowledge import platform_key
    from app.scan.system import normalize_arch, os_family

    family = os_family()
    return platform_key(family, normalize_arch(family=family))


def _confirm(question: str) -> bool:
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:  # no terminal (a script, CI): never assume yes
        return False


COMMANDS = {
    "gui": cmd_gui,
    "scan": cmd_scan,
    "plan": cmd_plan,
    "install": cmd_install,
    "apply": cmd_apply,
    "verify": cmd_verify,
    "env": cmd_env,
    "toolkit": cmd_toolkit,
    "undo": cmd_undo,
    "report": cmd_report,
    "cudnn": cmd_cudnn,
    "path": cmd_path,
    "results": cmd_results,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every error becomes one line on stderr and its exit status, here only."""
    from app.elevate import ChildSession
    from app.logs import setup_file_logging

    _make_stdout_safe()
    session = None
    log: Path | None = None
    code = 1
    try:
        parser = build_parser()
        args = parser.parse_args(argv)  # a bad argument: one line, SystemExit(2)
        if args.command is None:
            args = parser.parse_args(["gui"])
        if args.state_dir:
            os.environ["PYTORCH_SETUP_HOME"] = args.state_dir
        session = ChildSession(args.result_file, args.cancel_file) if args.result_file else None
        # The elevated child keeps a log of its own: two processes never rotate one file.
        log = setup_file_logging("pytorch-setup-elevated.log" if session else "pytorch-setup.log")
        _clean_interrupted()
        code = COMMANDS[args.command](args)
    except (Exception, KeyboardInterrupt) as exc:  # Cancelled and SetupError included
        code = _report(exc, log)
    finally:
        if session is not None:
            session.finish(code)
    return code


def _clean_interrupted() -> None:
    """What a step killed mid-change left behind (its staging folder, a temp file), named in
    its journal entry: removed at the next start once that process is gone (app/steps/base)."""
    from app.journal import Journal
    from app.steps.base import clean_unfinished

    try:
        clean_unfinished(Journal(), Reporter())  # Reporter: into the log file only
    except SetupError as error:  # an unreadable journal: the command itself will say so
        logging.getLogger("pytorch_setup").warning("journal not cleaned: %s", error.message)


def _report(error: BaseException, log: Path | None) -> int:
    """The one place an error meets the user: one line on stderr, and its exit status."""
    logger = logging.getLogger("pytorch_setup")
    if isinstance(error, (KeyboardInterrupt, Cancelled)):
        print("pytorch-setup: cancelled", file=sys.stderr)
    elif isinstance(error, SetupError):
        trace = error if isinstance(error, StepError) else None  # where a step failed
        logger.info("%s: %s", type(error).__name__, error.message, exc_info=trace)
        print(f"{PREFIX}{error.message}", file=sys.stderr)
    else:  # never a traceback for the user: one line, the details in the log file
        from app.logs import setup_file_logging

        log = log or setup_file_logging()
        logger.error("unexpected failure", exc_info=error)
        what = one_line(str(error)) or type(error).__name__
        where = f"; details in {log}" if log else ""
        print(f"{PREFIX}unexpected error: {what}{where}", file=sys.stderr)
    return exit_code(error)


def _make_stdout_safe() -> None:
    """Korean paths and ≤ signs come out whole, and never crash the CLI.

    A pipe or a file gets UTF-8 (what scripts reading --json expect): Windows would give it the
    ANSI code page (cp1252, cp949), where 홍길동 becomes ???. A console keeps its own encoding
    (Windows' console takes Unicode; a terminal's locale is the user's), with "replace" for
    whatever it cannot show."""
    # A windowed (frozen) build has no console at all: stdout and stderr are None.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as we do
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        encoding = None if _is_console(stream) else "utf-8"
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding=encoding, errors="replace")


def _is_console(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # no such method, or closed
        return False


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
