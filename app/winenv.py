"""Windows: PATH and CUDA_PATH as a new process would get them, rebuilt from the registry.

The assistant keeps the environment it was started with. After our PATH page, `path add` or
NVIDIA's installer changed PATH or CUDA_PATH in the registry, a rescan or verify run with that
old copy would not see the new nvcc. So before scanning or verifying, PATH, CUDA_PATH and
CUDA_PATH_V*_* are rebuilt the way Windows builds a new process's environment: the
machine-wide values (HKLM ...\\Session Manager\\Environment) first, then the user's
(HKCU\\Environment), a user variable replacing the machine one, except PATH, which is the
machine PATH followed by the user PATH. REG_EXPAND_SZ values are expanded against the
variables known at that point (as Windows does, the machine PATH sees machine variables only).
Not with ExpandEnvironmentStringsW: it reads this process's old block, so %CUDA_PATH%\\bin
would still name the toolkit CUDA_PATH named when the assistant started.

What this process has that the registry never had is its own and is kept: entries an activated
conda environment or a venv put on PATH (in front, where activation puts them), a CUDA_PATH a
conda package's activation script set. "Never had" is judged against the registry as it was at
the first rebuild (a program starts with the registry's values), so an entry taken out of the
registry later (undo) is not brought back from the old copy.

Nothing is ever written here: the result is a dict for probes and child processes.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.scan.toolkits import short_version, toolkit_version
from app.steps.pathreg.entries import expand, normalize, split
from app.steps.pathreg.registry import REG_EXPAND_SZ, Registry
from app.text import translate

if os.name == "nt":  # on the importing thread: PySide6's import hook is not thread-safe
    import winreg  # noqa: F401

SEP = ";"
_CUDA_NAME = re.compile(r"CUDA_PATH(?:_V\d+_\d+)?", re.IGNORECASE)


def refreshed_name(name: str) -> bool:
    """PATH, CUDA_PATH and CUDA_PATH_V<major>_<minor>: the variables rebuilt from the registry."""
    return name.upper() == "PATH" or bool(_CUDA_NAME.fullmatch(name))


@dataclass
class Values:
    """The raw registry values of the rebuilt variables: name → (value, type)."""

    machine: dict[str, tuple[str, int]] = field(default_factory=dict)
    user: dict[str, tuple[str, int]] = field(default_factory=dict)


def read(registry: Registry) -> Values:
    """PATH and the CUDA_PATH variables from both keys; text values only. Raises OSError when
    the user's key cannot be read (the machine key is read best-effort, as it may be locked)."""
    values = Values()
    for machine, target in ((True, values.machine), (False, values.user)):
        for name in registry.names(machine):
            if not refreshed_name(name):
                continue
            found = registry.read_machine(name) if machine else registry.read(name)
            if found is not None and isinstance(found[0], str):
                target[name] = (found[0], found[1])
    return values


def _value(raw: tuple[str, int], env: Mapping[str, str]) -> str:
    value, kind = raw
    return expand(value, env) if kind == REG_EXPAND_SZ else value


def _set(env: dict[str, str], name: str, value: str) -> None:
    for key in [k for k in env if k.upper() == name.upper()]:
        del env[key]
    env[name.upper()] = value


def _get(env: Mapping[str, Any], name: str) -> Any:
    return next((v for k, v in env.items() if k.upper() == name.upper()), None)


def registry_environ(base: Mapping[str, str], values: Values) -> dict[str, str]:
    """base with PATH and the CUDA_PATH variables exactly as the registry gives them (a name
    in neither key is taken out); no entry of base's own PATH is kept. Pure."""
    env = {k: v for k, v in base.items() if not refreshed_name(k)}
    paths = []
    for scope in (values.machine, values.user):  # machine first: the user's values win
        for name, raw in scope.items():
            if name.upper() != "PATH":
                _set(env, name, _value(raw, env))
        raw_path = _get(scope, "PATH")
        if raw_path:
            paths.append(_value(raw_path, env))  # the machine PATH sees machine values only
    paths = [p for p in paths if p]
    if paths:
        _set(env, "PATH", SEP.join(paths))
    return env


def rebuild(
    base: Mapping[str, str], values: Values, start: Mapping[str, str] | None = None
) -> dict[str, str]:
    """base (this process's environment) with PATH and the CUDA_PATH variables taken from the
    registry, keeping what base has of its own. start: the registry's view (registry_environ)
    when this process's values were last taken from it; None: values' own view. Pure."""
    fresh = registry_environ(base, values)
    start = registry_environ(base, values) if start is None else start
    env = dict(fresh)
    old_path = _get(base, "PATH") or ""
    known = {normalize(e, SEP) for e in split(_get(start, "PATH") or "", SEP)}
    now = {normalize(e, SEP) for e in split(_get(fresh, "PATH") or "", SEP)}
    own = [
        e
        for e in split(old_path, SEP)
        if normalize(e, SEP) and normalize(e, SEP) not in known | now
    ]
    own = list(dict.fromkeys(own))
    if own:
        _set(env, "PATH", SEP.join([*own, *split(_get(fresh, "PATH") or "", SEP)]))
    for name, value in base.items():
        if name.upper() == "PATH" or not refreshed_name(name):
            continue
        had = _get(start, name)
        if had is None or normalize(had, SEP) != normalize(value, SEP):
            _set(env, name, value)  # set by this process (an activation script), not Windows
    return env


class Refresher:
    """Rebuilds the environment from one registry; remembers the registry's first view."""

    def __init__(self, registry: Registry, base: Mapping[str, str] | None = None):
        self.registry = registry
        self.base = base  # None: os.environ at each call (it may have changed)
        self._start: dict[str, str] | None = None
        self._lock = threading.Lock()

    def environ(self) -> dict[str, str]:
        """The rebuilt environment; this process's own when the registry cannot be read."""
        base = dict(os.environ if self.base is None else self.base)
        try:
            values = read(self.registry)
        except OSError:
            return base
        with self._lock:
            if self._start is None:
                self._start = registry_environ(base, values)
            start = self._start
        return rebuild(base, values, start)


_default: Refresher | None = None
_default_lock = threading.Lock()


def use_registry(registry: Registry | None) -> None:
    """Rebuild from this registry from now on; None: the real one on Windows, none elsewhere.
    (Tests on a system without a registry give an in-memory one.)"""
    global _default
    with _default_lock:
        _default = Refresher(registry) if registry is not None else None


def _refresher() -> Refresher | None:
    global _default
    with _default_lock:
        if _default is None and os.name == "nt":
            from app.steps.pathreg.registry import WinRegistry

            _default = Refresher(WinRegistry())
        return _default


def registry() -> Registry | None:
    """The registry PATH and CUDA_PATH come from: Windows' own, or the one given to
    use_registry; None on other systems."""
    refresher = _refresher()
    return refresher.registry if refresher is not None else None


def current_environ(registry: Registry | None = None) -> dict[str, str]:
    """The environment for probes and child processes: on Windows rebuilt from the registry
    (the real one unless given), elsewhere a copy of os.environ."""
    refresher = Refresher(registry) if registry is not None else _refresher()
    return refresher.environ() if refresher is not None else dict(os.environ)


# ---- a user CUDA_PATH that hides the machine one --------------------------------------------


@dataclass
class Shadow:
    names: list[str]  # CUDA_PATH, CUDA_PATH_V12_6, ... set differently in both keys
    user: str
    machine: str
    message: str


def _label(folder: str) -> str:
    path = Path(folder)
    if not path.is_dir():
        return translate("path", "a folder that does not exist")
    version = short_version(toolkit_version(path, from_name=True))
    if version:
        return translate("path", "CUDA {version}").format(version=version)
    return translate("path", "no CUDA version found there")


def shadows(
    user: Mapping[str, str], machine: Mapping[str, str], env: Mapping[str, str] | None = None
) -> list[Shadow]:
    """CUDA_PATH variables set for the user and for all users to different folders: the user's
    wins in every new program, which a beginner does not expect. One finding per pair of
    folders (CUDA_PATH and CUDA_PATH_V12_6 naming the same two read as one). Values are as
    read (expanded with env for comparing and naming)."""
    env = env or {}
    groups: dict[tuple[str, str], Shadow] = {}
    for name in sorted(user, key=lambda n: (len(n), n.upper())):
        if not _CUDA_NAME.fullmatch(name):
            continue
        theirs = _get(machine, name)
        mine = user[name]
        if not theirs or not mine.strip():
            continue
        ours, all_users = expand(mine, env).strip('"'), expand(theirs, env).strip('"')
        key = (normalize(ours, SEP), normalize(all_users, SEP))
        if key[0] == key[1]:
            continue
        if key in groups:
            groups[key].names.append(name.upper())
            continue
        groups[key] = Shadow([name.upper()], ours, all_users, "")
    for shadow in groups.values():
        shadow.message = translate(
            "path",
            "Two {names} settings disagree. Yours (for your Windows account only) points at "
            "{user} ({user_label}); the one for all users of this PC (NVIDIA's installer sets "
            "it) points at {machine} ({machine_label}). Yours wins: programs that read {name} "
            "use {user}. To use the other one, delete {name} from your account's environment "
            "variables (or undo the assistant's PATH change).",
        ).format(
            names=" / ".join(shadow.names),
            name=shadow.names[0],
            user=shadow.user,
            user_label=_label(shadow.user),
            machine=shadow.machine,
            machine_label=_label(shadow.machine),
        )
    return list(groups.values())


def registry_shadows(registry: Registry, env: Mapping[str, str] | None = None) -> list[Shadow]:
    """shadows() for what the registry holds now; [] when it cannot be read."""
    try:
        values = read(registry)
    except OSError:
        return []
    user = {n: v for n, (v, _) in values.user.items()}
    machine = {n: v for n, (v, _) in values.machine.items()}
    return shadows(user, machine, os.environ if env is None else env)
