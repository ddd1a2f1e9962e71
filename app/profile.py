"""SystemProfile: what the scan found, as dataclasses and JSON (schema pytorch-setup/profile/1).

The planner must accept a profile holding only os, arch, python.version, gpus and driver, so
every other field has a default and from_dict() fills what is missing.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from app.errors import UserError

SCHEMA = "pytorch-setup/profile/1"
OS_FAMILIES = ("windows", "linux", "macos")
# PyTorch builds exist for the first three; the rest are real machines the scan may meet, kept
# so a profile of one still loads and the planner can say why nothing fits.
ARCHES = ("x86_64", "arm64", "aarch64", "x86", "armv7l", "ppc64le", "s390x", "riscv64")


class ProfileError(UserError, ValueError):
    """A profile that cannot be read; the message says which field and why (exit 2 in the CLI).
    Still a ValueError, as it always was, for callers that catch that."""


@dataclass
class OSInfo:
    family: str
    version: str = ""
    wsl: bool = False
    name: str = ""  # human readable, e.g. "Debian GNU/Linux 12 (bookworm)"


@dataclass
class TorchInfo:
    version: str
    cuda: str | None = None  # torch.version.cuda of the build; None for CPU builds
    hip: str | None = None
    path: str | None = None


@dataclass
class PythonEnv:
    version: str
    executable: str = ""
    kind: str = "system"  # system | venv | conda | pyenv | store | bundled
    bits: int | None = None
    prefix: str | None = None
    torch: TorchInfo | None = None
    problems: list[str] = field(default_factory=list)
    user_site: str | None = None  # the user site-packages when this Python reads it
    free_threaded: bool = False  # a free-threaded build (3.13t): needs cp313t wheels


GPU_VENDORS = ("nvidia", "amd", "intel", "apple")


@dataclass
class GPU:
    name: str
    vendor: str = "nvidia"  # nvidia | amd | intel | apple (GPU_VENDORS)
    compute_capability: str | None = None  # NVIDIA: "8.6"
    memory_mib: int | None = None
    index: int | None = None
    uuid: str | None = None
    error: str | None = None  # a device NVML listed but could not fully read
    # AMD: the gfx target ("gfx1100"); Intel: the GPU family ("alchemist"); Apple: the chip
    arch: str | None = None
    pci_id: str | None = None  # "1002:744c": PCI vendor:device, lower-case hex
    driver_version: str | None = None  # AMD/Intel: this adapter's driver (NVIDIA: profile.driver)
    kernel_driver: str | None = None  # Linux: the bound kernel module (amdgpu, i915, xe, nvidia)
    integrated: bool | None = None  # shares the system's memory (an iGPU); None: unknown
    no_access: str | None = None  # Linux: the device file this user may not open ("/dev/kfd")
    found_by: str | None = None  # nvml | nvidia-smi | pci | kfd | rocm | registry | system


@dataclass
class Driver:
    version: str
    cuda: str | None = None  # highest CUDA version this driver supports, "12.2"


@dataclass
class Toolkit:
    version: str  # "13.0"
    path: str
    full_version: str | None = None  # "13.0.88"
    nvcc: str | None = None
    found_by: list[str] = field(default_factory=list)  # CUDA_PATH, PATH, /usr/local/cuda*, ...


@dataclass
class CuDNN:
    version: str  # "9.13.0"
    path: str  # the header it was read from
    toolkit: str | None = None  # toolkit folder it lives in, if any


@dataclass
class Disk:
    path: str
    free_mib: int


@dataclass
class ProbeNote:
    """How one probe went: ok, missing (a normal absence), timeout or error, with the reason."""

    probe: str
    status: str
    message: str = ""
    seconds: float = 0.0


@dataclass
class Check:
    """A pre-flight finding: something on this computer known to break installs, and the fix."""

    code: str  # "home_non_ascii", "long_paths", ... (stable: tests and translations use it)
    status: str  # "warning" | "problem"
    message: str
    fix: str = ""


@dataclass
class SystemProfile:
    os: OSInfo
    arch: str
    python: PythonEnv
    gpus: list[GPU] = field(default_factory=list)
    driver: Driver | None = None
    toolkits: list[Toolkit] = field(default_factory=list)
    cudnn: list[CuDNN] = field(default_factory=list)
    torch: TorchInfo | None = None  # torch in the target interpreter (python)
    disk_free_mib: int | None = None  # free space where the environment lives
    environments: list[PythonEnv] = field(default_factory=list)  # other interpreters found
    disks: dict[str, Disk] = field(default_factory=dict)  # "home", "temp"
    memory_mib: int | None = None
    probes: list[ProbeNote] = field(default_factory=list)
    preflight: list[Check] = field(default_factory=list)  # only what needs attention
    schema: str = SCHEMA

    def retargeted(self, env: PythonEnv) -> SystemProfile:
        """The same machine planned for another environment (one chosen, or just made): the
        old target joins the others, and the torch scanned is that environment's."""
        others = [
            e
            for e in (self.python, *self.environments)
            if e.version and e.executable != env.executable
        ]
        return replace(self, python=env, torch=env.torch, environments=others)

    def with_torch(self, torch: TorchInfo | None) -> SystemProfile:
        """The same machine after the target's torch changed (installed, or read again)."""
        return replace(self, torch=torch, python=replace(self.python, torch=torch))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # schema first: it is the first thing a reader (or a person) looks for.
        return {"schema": data.pop("schema"), **data}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Any) -> SystemProfile:
        return _profile_from_dict(data)

    @classmethod
    def from_json(cls, text: str) -> SystemProfile:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProfileError(f"profile is not valid JSON: {exc}") from None
        except RecursionError:  # "[[[[…": deeper than Python's parser goes; no profile is
            raise ProfileError("profile is not valid: its JSON is nested too deeply") from None
        except ValueError as exc:  # an integer longer than Python converts, and the like
            raise ProfileError(f"profile is not valid JSON: {exc}") from None
        return _profile_from_dict(data)

    @classmethod
    def load(cls, path: str | Path) -> SystemProfile:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ProfileError(f"cannot read profile {path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise ProfileError(f"profile {path} is not UTF-8 text") from None
        except ValueError as exc:  # a NUL character in the name
            raise ProfileError(f"cannot read profile {path!r}: {exc}") from None
        return cls.from_json(text)


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ProfileError(f"profile field {where} must be {names}, got {type(value).__name__}")
    return value


_SCALARS: dict[str, type | tuple[type, ...]] = {
    "str": str,
    "int": int,
    "bool": bool,
    "float": (int, float),
}


def _check_scalar(value: Any, annotation: str, where: str) -> None:
    """Check str/int/bool/float fields against their annotation ("str | None", "int", ...)."""
    parts = [p.strip() for p in annotation.split("|")]
    if value is None and "None" in parts:
        return
    kinds = [_SCALARS[p] for p in parts if p in _SCALARS]
    if kinds and len(kinds) == len([p for p in parts if p != "None"]):
        for kind in kinds:
            try:
                _expect(value, kind, where)
                return
            except ProfileError:
                continue
        _expect(value, kinds[0], where)  # raises with the first expected type
    elif annotation.startswith("list[str]"):
        _expect(value, list, where)
        for i, item in enumerate(value):
            _expect(item, str, f"{where}[{i}]")


def _build(cls: type, data: Any, where: str, nested: dict[str, Any] | None = None) -> Any:
    """Build a flat dataclass from a dict: unknown keys are ignored (newer writers may add some)."""
    _expect(data, dict, where)
    nested = nested or {}
    types = {f.name: f.type for f in fields(cls)}
    has_default = {f.name for f in fields(cls) if f.default_factory is not MISSING}
    kwargs = {}
    for key, value in data.items():
        if key not in types or (value is None and key in has_default):
            continue  # unknown keys (a newer writer) and null lists/dicts: use the default
        if key in nested and value is not None:
            value = nested[key](value, f"{where}.{key}")
        else:
            _check_scalar(value, str(types[key]), f"{where}.{key}")
        kwargs[key] = value
    try:
        return cls(**kwargs)
    except TypeError as exc:
        missing = str(exc).split("argument:")[-1].split("arguments:")[-1].strip()
        raise ProfileError(f"profile field {where} is missing {missing}") from None


def _list_of(cls: type, nested: dict[str, Any] | None = None):
    def build(value: Any, where: str) -> list:
        _expect(value, list, where)
        return [_build(cls, item, f"{where}[{i}]", nested) for i, item in enumerate(value)]

    return build


def _torch(value: Any, where: str) -> TorchInfo:
    return _build(TorchInfo, value, where)


def _python(value: Any, where: str) -> PythonEnv:
    env = _build(PythonEnv, value, where, {"torch": _torch})
    _expect(env.version, str, f"{where}.version")
    return env


def _profile_from_dict(data: Any) -> SystemProfile:
    _expect(data, dict, "(top level)")
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise ProfileError(f"unsupported profile schema {schema!r} (expected {SCHEMA!r})")
    for key in ("os", "arch", "python"):
        if key not in data:
            raise ProfileError(f"profile is missing the required field {key!r}")
    _expect(data["os"], dict, "os")
    _expect(data["python"], dict, "python")
    _expect(data["arch"], str, "arch")
    profile = _build(
        SystemProfile,
        data,
        "profile",
        {
            "os": lambda v, w: _build(OSInfo, v, w),
            "python": _python,
            "gpus": _list_of(GPU),
            "driver": lambda v, w: _build(Driver, v, w),
            "toolkits": _list_of(Toolkit),
            "cudnn": _list_of(CuDNN),
            "torch": _torch,
            "environments": lambda v, w: [
                _python(e, f"{w}[{i}]") for i, e in enumerate(_expect(v, list, w))
            ],
            "disks": lambda v, w: {
                k: _build(Disk, d, f"{w}.{k}") for k, d in _expect(v, dict, w).items()
            },
            "probes": _list_of(ProbeNote),
            "preflight": _list_of(Check),
        },
    )
    _expect(profile.os.family, str, "os.family")
    if profile.os.family not in OS_FAMILIES:
        raise ProfileError(
            f"profile field os.family must be one of {', '.join(OS_FAMILIES)}, "
            f"got {profile.os.family!r}"
        )
    if profile.arch not in ARCHES:
        raise ProfileError(
            f"profile field arch must be one of {', '.join(ARCHES)}, got {profile.arch!r}"
        )
    if profile.driver is not None:
        _expect(profile.driver.version, str, "driver.version")
    _expect(profile.gpus, list, "gpus")
    return profile
