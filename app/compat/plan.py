"""Plan: what to install and why (schema pytorch-setup/plan/1), and the user's choices."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from app.errors import UserError

SCHEMA = "pytorch-setup/plan/1"
MANAGERS = ("pip", "conda")


@dataclass(frozen=True)
class Choices:
    """What the user may decide; None means "choose for me"."""

    torch: str | None = None  # "2.5.1" or a series "2.5"
    compute: str | None = None  # cpu | cuXYZ | rocmX.Y | xpu | mps
    manager: str = "pip"
    packages: tuple[str, ...] | None = None  # default: torch, torchvision (+ torchaudio <= 2.11)
    with_toolkit: bool = False  # also install the CUDA toolkit (nvcc), cuDNN and PATH
    # torch releases pip's dry run could not install here: (version, pip's reason)
    exclude: tuple[tuple[str, str], ...] = ()


@dataclass
class Notice:
    code: str
    message: str


@dataclass
class Plan:
    compute: str | None
    torch: str | None
    packages: dict[str, str] = field(default_factory=dict)
    manager: str = "pip"
    index_url: str | None = None
    commands: list[list[str]] = field(default_factory=list)
    toolkit: str | None = None
    steps: list[str] = field(default_factory=list)
    blockers: list[Notice] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # How the index is passed: index-url (2.0+), extra-index-url (1.11-1.13), find-links (<=1.10)
    index_mode: str | None = None
    conda_channels: list[str] = field(default_factory=list)
    # Where the knowledge came from (index or bundled, when read) and per kind of fact.
    knowledge: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)
    # pip's dry run of the command: status confirmed | refused | unconfirmed; None: not asked
    confirmation: dict[str, Any] | None = None
    # Variables the build needs set to run on this GPU ({"HSA_OVERRIDE_GFX_VERSION": "10.3.0"}
    # for a known, unsupported workaround): the verify probe runs with them, and the user must
    # set them wherever PyTorch runs. Empty: nothing to set.
    environment: dict[str, str] = field(default_factory=dict)
    # The PC the plan was made for (made_for() of its profile): a plan file says which PCs it
    # fits, and `apply` checks this PC against it (app/lab/fit.py).
    made_for: dict[str, Any] = field(default_factory=dict)
    schema: str = SCHEMA

    @property
    def blocked(self) -> bool:
        return bool(self.blockers)

    def command_line(self) -> str:
        """The commands as a person would type them (quoted where needed), one per line."""
        from app.proc import display

        return "\n".join(display(command) for command in self.commands)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {"schema": data.pop("schema"), **data}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Any) -> Plan:
        """A plan as to_dict() wrote it; PlanShapeError names the first field of the wrong
        type. Unknown keys are ignored (a newer writer may add some); the schema is the
        caller's to check (app/lab/planfile.py)."""
        if not isinstance(data, dict):
            raise PlanShapeError(f"a plan is a JSON object, not {_kind(data)}")
        values: dict[str, Any] = {}
        for name, check in _FIELDS.items():
            if name in data:
                values[name] = check(data[name], name)
        if "compute" not in values or "torch" not in values:
            raise PlanShapeError("the plan has no torch or compute field")
        for name in ("blockers", "warnings"):
            values[name] = [Notice(n["code"], n["message"]) for n in values.get(name, [])]
        return cls(**values)


class PlanShapeError(UserError, ValueError):
    """A plan object with a field of the wrong type (or none at all): bad input, exit 2."""


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number" if isinstance(value, (int, float)) else "a value")


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise PlanShapeError(f"plan field {where} must be a string, not {_kind(value)}")
    return value


def _optional_str(value: Any, where: str) -> str | None:
    return None if value is None else _str(value, where)


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list):
        raise PlanShapeError(f"plan field {where} must be a list, not {_kind(value)}")
    return [_str(item, f"{where}[{i}]") for i, item in enumerate(value)]


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PlanShapeError(f"plan field {where} must be an object, not {_kind(value)}")
    return value


def _optional_object(value: Any, where: str) -> dict[str, Any] | None:
    return None if value is None else _object(value, where)


def _string_map(value: Any, where: str) -> dict[str, str]:
    return {key: _str(item, f"{where}.{key}") for key, item in _object(value, where).items()}


def _commands(value: Any, where: str) -> list[list[str]]:
    if not isinstance(value, list):
        raise PlanShapeError(f"plan field {where} must be a list, not {_kind(value)}")
    return [_strings(item, f"{where}[{i}]") for i, item in enumerate(value)]


def _notices(value: Any, where: str) -> list[dict[str, str]]:
    if not isinstance(value, list):
        raise PlanShapeError(f"plan field {where} must be a list, not {_kind(value)}")
    out = []
    for i, item in enumerate(value):
        notice = _object(item, f"{where}[{i}]")
        code = _str(notice.get("code"), f"{where}[{i}].code")
        out.append({"code": code, "message": _str(notice.get("message"), f"{where}[{i}].message")})
    return out


_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "compute": _optional_str,
    "torch": _optional_str,
    "packages": _string_map,
    "manager": _str,
    "index_url": _optional_str,
    "commands": _commands,
    "toolkit": _optional_str,
    "steps": _strings,
    "blockers": _notices,
    "warnings": _notices,
    "reasons": _strings,
    "index_mode": _optional_str,
    "conda_channels": _strings,
    "knowledge": _object,
    "facts": _string_map,
    "confirmation": _optional_object,
    "environment": _string_map,
    "made_for": _object,
    "schema": _str,
}
