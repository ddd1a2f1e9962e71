"""Python interpreters: the target one, and others found cheaply (PATH, pyenv, venvs, conda).

Each interpreter is asked about itself by a tiny script run *in* it, which also reads torch's
version.py as text: torch is never imported, neither here nor there (importing it takes
seconds), and our own process never loads it.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import sys
import threading
import weakref
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path, PureWindowsPath
from typing import Any

from app import proc
from app.paths import is_frozen
from app.profile import PythonEnv, TorchInfo
from app.steps.envs import created_environments
from app.text import translate
from app.versions import version_key

# Kept to syntax that Python 2.7 still parses, so an old interpreter answers instead of failing.
INTERPRETER_PROBE = r"""
import sys, os, json, struct
sys.path[:] = [p for p in sys.path if p not in ('', '.')]
info = {"version": "%d.%d.%d" % tuple(sys.version_info[:3]), "executable": sys.executable,
        "prefix": sys.prefix,
        "base_prefix": getattr(sys, "base_prefix", getattr(sys, "real_prefix", sys.prefix)),
        "bits": struct.calcsize("P") * 8, "torch": None, "user_site": None}
try:
    import sysconfig
    info["free_threaded"] = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
except Exception:
    pass
try:
    import site
    if getattr(site, "ENABLE_USER_SITE", False):
        info["user_site"] = site.getusersitepackages()
except Exception:
    pass
try:
    import importlib.util, ast
    spec = importlib.util.find_spec("torch")
    if spec is not None and spec.origin:
        folder = os.path.dirname(spec.origin)
        values = {}
        with open(os.path.join(folder, "version.py")) as handle:
            tree = ast.parse(handle.read())
        for node in tree.body:
            target = getattr(node, "target", None) or (getattr(node, "targets", None) or [None])[0]
            if isinstance(target, ast.Name) and getattr(node, "value", None) is not None:
                try:
                    values[target.id] = ast.literal_eval(node.value)
                except Exception:
                    pass
        info["torch"] = {"version": values.get("__version__"), "cuda": values.get("cuda"),
                         "hip": values.get("hip"), "path": folder}
except Exception as exc:
    info["torch_error"] = "%s: %s" % (type(exc).__name__, exc)
print("PYTORCH_SETUP_PROBE " + json.dumps(info))
"""

_MARK = "PYTORCH_SETUP_PROBE "
_PROBE_TIMEOUT = 5.0


def exe_name(base: str = "python") -> str:
    return f"{base}.exe" if os.name == "nt" else base


def interpreter_in(prefix: Path) -> Path:
    """The interpreter of a venv or conda env folder."""
    if os.name == "nt":
        scripts = prefix / "Scripts" / "python.exe"
        return scripts if scripts.exists() else prefix / "python.exe"
    return prefix / "bin" / "python"


def classify(info: Mapping[str, Any], environ: Mapping[str, str]) -> str:
    prefix = Path(info.get("prefix") or "")
    exe = str(info.get("executable") or "")
    if info.get("prefix") != info.get("base_prefix") and (prefix / "pyvenv.cfg").exists():
        return "venv"
    if (prefix / "conda-meta").is_dir():
        return "conda"
    # The Store's python.exe is an alias in %LOCALAPPDATA%\Microsoft\WindowsApps; its files
    # live in C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.X_...
    if "WindowsApps" in exe or "WindowsApps" in PureWindowsPath(prefix).parts:
        return "store"
    pyenv_root = environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    if exe.startswith(pyenv_root):
        return "pyenv"
    return "system"


def problems_of(env: PythonEnv) -> list[str]:
    """Problems that are facts about the interpreter itself (version support lives in compat)."""
    found = []
    if env.bits == 32:
        found.append("32-bit Python: PyTorch publishes 64-bit builds only.")
    if env.kind == "store":
        found.append(
            "Microsoft Store Python: its sandboxed folders and path-length limit break "
            "large packages such as PyTorch; prefer a python.org, venv or conda Python."
        )
    if env.version.startswith("2."):
        found.append("Python 2 cannot run PyTorch.")
    return found


def ask_interpreter(executable: str, ctx: Any, timeout: float = _PROBE_TIMEOUT) -> PythonEnv:
    """Run the probe in executable; raises proc.ProcError or ValueError when it cannot answer."""
    timeout = min(timeout, ctx.remaining())
    result = proc.run(
        [executable, "-c", INTERPRETER_PROBE],
        timeout=timeout,
        cancel=ctx.cancel,
        max_capture_lines=200,
    )
    line = next((ln for ln in result.output.splitlines() if ln.startswith(_MARK)), None)
    if result.timed_out:
        raise ValueError(f"{executable} did not answer within {timeout:.1f} s")
    if line is None:
        tail = " ".join(result.output.split())[-200:]
        raise ValueError(f"{executable} could not run the probe (exit {result.returncode}): {tail}")
    info = json.loads(line[len(_MARK) :])
    torch = info.get("torch")
    env = PythonEnv(
        version=info["version"],
        executable=executable,
        kind=classify(info, ctx.environ),
        bits=info.get("bits"),
        prefix=info.get("prefix"),
        torch=TorchInfo(**torch) if torch and torch.get("version") else None,
        user_site=info.get("user_site"),
        free_threaded=bool(info.get("free_threaded")),
    )
    env.problems = problems_of(env)
    return env


def target_executable(ctx: Any) -> str | None:
    """The Python named by the caller; None: the scan chooses one (default_target)."""
    return ctx.target_python or None


def probe_target(ctx: Any) -> dict[str, Any]:
    exe = target_executable(ctx)
    if exe is None:
        return _default_target(ctx)
    try:
        env = ask_interpreter(exe, ctx)
    except (proc.ProcError, ValueError, KeyError) as exc:
        ctx.note("python", "error", str(exc))
        return {
            "python": PythonEnv(
                "", exe, "unknown", problems=[f"{exe} could not be examined: {exc}"]
            )
        }
    return {"python": env, "torch": env.torch}


def _default_target(ctx: Any) -> dict[str, Any]:
    """The user's best environment, never the assistant's own; else "a new environment"."""
    found = discovered(ctx)
    best = default_target(found, created=set(_created_prefixes()))
    if best is None:
        ctx.note("python", "missing", str(NO_FITTING_ENV))
        return {"python": new_environment()}
    return {"python": best, "torch": best.torch}


NEW_KIND = "new"
NO_FITTING_ENV = translate(
    "scan",
    "No Python environment here suits PyTorch yet: create a new one (New environment…), and "
    "PyTorch is planned for it.",
)


def new_environment() -> PythonEnv:
    """The target when no environment here fits: one the assistant is to create."""
    return PythonEnv("", "", NEW_KIND, problems=[NO_FITTING_ENV])


# -- the default target ----------------------------------------------------------------------


def own_folders() -> list[str]:
    """Where the assistant's own Python lives (its venv when run from source; the packaged
    app's folder, with any Python bundled in it, when frozen), normalised for comparison."""
    if is_frozen():
        folders = [os.path.dirname(sys.executable), getattr(sys, "_MEIPASS", "")]
    else:
        folders = [sys.prefix]
    return [_norm(f) for f in folders if f]


def _norm(path: str) -> str:
    # Not realpath: a venv's python links to its base, which is not where the venv lives.
    return os.path.normcase(os.path.abspath(path))


def is_own(env: PythonEnv, own: Iterable[str] | None = None) -> bool:
    """True for the assistant's own environment (or a Python inside the packaged app)."""
    own = list(own_folders() if own is None else own)
    places = [_norm(p) for p in (env.prefix, env.executable) if p]
    return any(p == o or p.startswith(o.rstrip(os.sep) + os.sep) for p in places for o in own)


OWN_ENV_PROBLEM = translate(
    "scan",
    "This is the assistant's own environment; PyTorch goes into one of yours or a new one.",
)


# A Python "suits PyTorch" when one of the newest release series has wheels for it: an older
# one (3.8: 2.4 at most) is better served by a new environment with a current Python.
CURRENT_SERIES = 2


def fits_pytorch(version: str) -> bool:
    """Whether a current PyTorch release publishes wheels for this Python (the compat data)."""
    from app.compat.knowledge import knowledge, newest_torch_for

    newest = newest_torch_for(version) if version else None
    current = [r.version for r in knowledge().newest_patches()[:CURRENT_SERIES]]
    return newest is not None and newest in current


def is_conda_root(env: PythonEnv) -> bool:
    """A conda installation's base env (it holds condabin/ or envs/): never a project's place."""
    prefix = Path(env.prefix or "")
    return bool(env.prefix) and any((prefix / name).is_dir() for name in ("condabin", "envs"))


def default_target(
    envs: Iterable[PythonEnv],
    *,
    created: set[str] | None = None,
    own: Iterable[str] | None = None,
) -> PythonEnv | None:
    """The environment to plan for when none was named: among interpreters that work and suit
    a current PyTorch release (never the assistant's own), a conda env or venv first (one the
    assistant created before all), else a system Python; the newest PyTorch, then the newest
    Python, decides within. None: nothing fits, so a new environment is the way.
    created: normalised prefixes of the environments the assistant made."""
    from app.compat.knowledge import newest_torch_for

    own = list(own_folders() if own is None else own)
    created = created or set()
    fitting = [
        e
        for e in envs
        if e.version and not e.problems and not is_own(e, own) and fits_pytorch(e.version)
    ]
    real = [e for e in fitting if e.kind in ("venv", "conda") and not is_conda_root(e)]

    def rank(env: PythonEnv) -> tuple:
        made = _norm(env.prefix) in created if env.prefix else False
        return (made, version_key(newest_torch_for(env.version) or ""), version_key(env.version))

    return max(real or fitting, key=rank, default=None)


# -- every interpreter, asked once per scan ---------------------------------------------------

_DISCOVERY_LOCK = threading.Lock()
_DISCOVERY: dict[int, _Discovery] = {}


class _Discovery:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.envs: list[PythonEnv] = []


def discovered(ctx: Any) -> list[PythonEnv]:
    """Every interpreter found on this machine, asked once per scan context: the target and the
    environments probes both need the list and run at the same time."""
    with _DISCOVERY_LOCK:
        held = _DISCOVERY.get(id(ctx))
        first = held is None
        if held is None:
            held = _DISCOVERY[id(ctx)] = _Discovery()
            weakref.finalize(ctx, _DISCOVERY.pop, id(ctx), None)
    if not first:
        held.done.wait(ctx.remaining() + 1.0)
        return list(held.envs)
    try:
        held.envs = _discover(ctx)
    finally:
        held.done.set()
    return list(held.envs)


def _discover(ctx: Any) -> list[PythonEnv]:
    exes = find_interpreters(ctx.environ)
    extra = _existing(interpreter_in(p) for p in conda_envs_from_conda(ctx))
    extra += _existing(interpreter_in(p) for p in created_environments())
    exes += [e for e in extra if e not in exes]
    envs = ask_all(exes, ctx, "environments")
    own = own_folders()
    for env in envs:
        if is_own(env, own) and OWN_ENV_PROBLEM not in env.problems:
            env.problems = [*env.problems, OWN_ENV_PROBLEM]
    return envs


def _created_prefixes() -> list[str]:
    return [_norm(str(p)) for p in created_environments()]


STORE_PACKAGE = "PythonSoftwareFoundation.Python."


def is_store_stub(path: str) -> bool:
    """The bare App Execution Alias WindowsApps\\python*.exe: a zero-byte reparse point
    (IO_REPARSE_TAG_APPEXECLINK, not a symlink: realpath never resolves it) that opens the
    Store (exit 9009) when no Store Python is installed, and otherwise starts one of them.
    Either way it is not listed itself: store_interpreters() lists the installed packages."""
    if "WindowsApps" not in path or STORE_PACKAGE in path:
        return False
    try:
        return os.path.getsize(path) == 0 and STORE_PACKAGE not in os.path.realpath(path)
    except OSError:
        return True


def store_interpreters(environ: Mapping[str, str], folders: Iterable[str] = ()) -> list[str]:
    """Installed Microsoft Store Pythons, newest first: Windows makes an alias folder per
    installed package, %LOCALAPPDATA%\\Microsoft\\WindowsApps\\
    PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0\\python.exe (none when none is installed).
    folders: more WindowsApps folders to look in (where a bare alias on PATH was found)."""
    roots = list(folders)
    if environ.get("LOCALAPPDATA"):
        roots.insert(0, os.path.join(environ["LOCALAPPDATA"], "Microsoft", "WindowsApps"))
    found: dict[str, str] = {}
    for root in roots:
        pattern = os.path.join(glob.escape(root), glob.escape(STORE_PACKAGE) + "3*", "python.exe")
        for exe in glob.glob(pattern):
            found.setdefault(os.path.normcase(os.path.abspath(exe)), exe)

    def version(exe: str) -> tuple[int, ...]:
        match = re.search(r"Python\.(\d+)\.(\d+)_", os.path.basename(os.path.dirname(exe)))
        return (int(match.group(1)), int(match.group(2))) if match else (0,)

    return sorted(found.values(), key=version, reverse=True)


def _existing(paths: Iterable[str | Path]) -> list[str]:
    return [str(p) for p in paths if p and Path(p).is_file()]


def conda_roots(environ: Mapping[str, str]) -> list[Path]:
    home = Path.home()
    roots = []
    for var in ("CONDA_EXE", "MAMBA_EXE"):
        if environ.get(var):
            exe = Path(environ[var])
            roots.append(exe.parent.parent)  # <root>/bin/conda or <root>\Scripts\conda.exe
    if environ.get("CONDA_PREFIX"):
        roots.append(Path(environ["CONDA_PREFIX"]))
    names = ("miniforge3", "mambaforge", "miniconda3", "anaconda3", "Miniforge3", "Miniconda3")
    roots += [home / n for n in names]
    if os.name == "nt":
        for var in ("LOCALAPPDATA", "PROGRAMDATA"):
            if environ.get(var):
                roots += [Path(environ[var]) / n for n in names]
    else:
        roots += [Path("/opt") / n for n in (*names, "conda")]
    return [r for r in dict.fromkeys(roots) if (r / "conda-meta").is_dir()]


def conda_env_folders(environ: Mapping[str, str]) -> list[Path]:
    """Conda envs from the root folders' envs/ and conda's own list ~/.conda/environments.txt.

    conda writes every env it creates into environments.txt, read in microseconds; asking
    `conda info --envs --json` costs a second or more, so it is only the fallback (see
    conda_envs_from_conda) for machines without that list.
    """
    folders: list[Path] = []
    for root in conda_roots(environ):
        folders.append(root)
        envs = root / "envs"
        if envs.is_dir():
            folders += sorted(p for p in envs.iterdir() if (p / "conda-meta").is_dir())
    listing = environments_txt()
    try:
        lines = listing.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    folders += [Path(ln.strip()) for ln in lines if ln.strip()]
    home_envs = Path.home() / ".conda" / "envs"
    if home_envs.is_dir():
        folders += sorted(p for p in home_envs.iterdir() if (p / "conda-meta").is_dir())
    return list(dict.fromkeys(folders))


def environments_txt() -> Path:
    return Path.home() / ".conda" / "environments.txt"


def conda_executable(environ: Mapping[str, str]) -> str | None:
    if environ.get("CONDA_EXE") and Path(environ["CONDA_EXE"]).is_file():
        return environ["CONDA_EXE"]
    for root in conda_roots(environ):
        # Never conda.bat: running a .bat goes through cmd.exe, which re-parses arguments.
        for relative in ("condabin/conda", "bin/conda", "Scripts/conda.exe"):
            if (root / relative).is_file():
                return str(root / relative)
    return None


def conda_envs_from_conda(ctx: Any) -> list[Path]:
    """Ask conda itself, where conda exists but keeps no environments.txt."""
    conda = conda_executable(ctx.environ)
    if conda is None or environments_txt().exists():
        return []
    try:
        result = proc.run(
            [conda, "info", "--envs", "--json"], timeout=min(10.0, ctx.timeout), cancel=ctx.cancel
        )
        envs = json.loads(result.output).get("envs", []) if result.ok else []
    except (proc.ProcError, ValueError, AttributeError) as exc:
        ctx.note("environments", "warning", f"{conda} could not list its environments: {exc}")
        return []
    return [Path(e) for e in envs if isinstance(e, str)]


def find_interpreters(environ: Mapping[str, str]) -> list[str]:
    """Candidate interpreter paths, cheapest first; no process is started here."""
    candidates: list[str] = []
    path = environ.get("PATH", "")
    pyenv_root = Path(environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    if os.name == "nt":  # python.org installs have python.exe only; python3.exe is often a stub
        names = ["python", "python3"]
    else:
        names = ["python3", "python", *[f"python3.{minor}" for minor in range(8, 16)]]
    store_folders: list[str] = []
    for name in names:
        found = shutil.which(exe_name(name) if os.name == "nt" else name, path=path)
        # pyenv shims are shell scripts that pick a version per folder: list the versions instead.
        if not found or "shims" in Path(found).parts:
            continue
        if is_store_stub(found):  # the Store Pythons behind it (if any) are listed below
            store_folders.append(os.path.dirname(found))
        else:
            candidates.append(found)
    if environ.get("VIRTUAL_ENV"):
        candidates += _existing([interpreter_in(Path(environ["VIRTUAL_ENV"]))])
    candidates += _existing(interpreter_in(p) for p in conda_env_folders(environ))
    # pyenv-win's PYENV_ROOT may be ~/.pyenv or ~/.pyenv/pyenv-win: look in both shapes.
    for versions in (pyenv_root / "versions", pyenv_root / "pyenv-win" / "versions"):
        if versions.is_dir():
            candidates += _existing(interpreter_in(p) for p in sorted(versions.iterdir()))
    cwd = Path.cwd()
    candidates += _existing(interpreter_in(cwd / n) for n in (".venv", "venv", "env"))
    if os.name == "nt":
        local = environ.get("LOCALAPPDATA", "")
        program_files = environ.get("PROGRAMFILES", r"C:\Program Files")
        for pattern in (
            os.path.join(local, "Programs", "Python", "Python3*", "python.exe"),
            os.path.join(program_files, "Python3*", "python.exe"),
        ):
            candidates += _existing(glob.glob(pattern))
        candidates += py_launcher_interpreters(environ)
        candidates += store_interpreters(environ, store_folders)
    seen: set[tuple[str, str]] = set()
    unique = []
    for exe in candidates:
        # python3 and python3.11 in one folder are one interpreter; a venv's python is not its base.
        folder = os.path.dirname(os.path.abspath(exe))
        key = (os.path.normcase(os.path.realpath(exe)), os.path.normcase(folder))
        if key not in seen:
            seen.add(key)
            unique.append(exe)
    return unique


def py_launcher_interpreters(environ: Mapping[str, str]) -> list[str]:
    """Windows `py -0p` lists every registered interpreter, one per line, path last."""
    launcher = shutil.which("py.exe", path=environ.get("PATH", ""))
    if not launcher:
        return []
    try:
        result = proc.run([launcher, "-0p"], timeout=3.0)
    except proc.ProcError:
        return []
    return _existing(parse_py_launcher(result.output))


def parse_py_launcher(text: str) -> list[str]:
    """Paths from `py -0p`: ' -V:3.12 *        C:\\Python312\\python.exe' (3.11+ launchers) or
    ' -3.9-64        C:\\...\\python.exe' (older); the path is whatever starts at 'X:\\'."""
    paths = []
    for line in text.splitlines():
        match = re.search(r"[A-Za-z]:\\.*\S", line)
        if match:
            paths.append(match.group(0))
    return paths


def probe_environments(ctx: Any) -> dict[str, Any]:
    envs = discovered(ctx)
    target = target_executable(ctx)
    if target:
        envs = [e for e in envs if os.path.abspath(e.executable) != os.path.abspath(target)]
    return {"environments": envs}


def ask_all(exes: list[str], ctx: Any, probe: str) -> list[PythonEnv]:
    """Ask every interpreter at once; one environment per prefix, newest Python first."""
    envs: list[PythonEnv] = []
    pool = ThreadPoolExecutor(max_workers=min(8, max(1, len(exes))))
    futures = {pool.submit(_try_ask, exe, ctx): exe for exe in exes}
    # Whatever answered before the scan's deadline is kept; one slow interpreter costs only itself.
    done, late = wait(futures, timeout=ctx.remaining())
    pool.shutdown(wait=False, cancel_futures=True)
    for future in futures:  # in discovery order
        exe = futures[future]
        if future in late:
            ctx.note(probe, "timeout", f"{exe}: no answer before the scan's deadline")
        elif isinstance(result := future.result(), PythonEnv):
            envs.append(result)
        else:
            ctx.note(probe, "error", f"{exe}: {result}")
    # Different paths can lead to one environment (/bin and /usr/bin); keep the first seen.
    unique: dict[str, PythonEnv] = {}
    for env in envs:
        unique.setdefault(os.path.normcase(env.prefix or env.executable), env)
    return sorted(unique.values(), key=lambda e: version_key(e.version), reverse=True)


def best_interpreter(envs: list[PythonEnv]) -> PythonEnv | None:
    """The newest interpreter without problems (not Python 2, 32-bit or the Store's), if any.

    Whether its version suits current PyTorch is the planner's call (compat data), not ours.
    """
    usable = [e for e in envs if not e.problems]
    return max(usable, key=lambda e: version_key(e.version), default=None)


def _try_ask(exe: str, ctx: Any) -> PythonEnv | str:
    try:
        return ask_interpreter(exe, ctx)
    except (proc.ProcError, ValueError, KeyError) as exc:
        return str(exc)
