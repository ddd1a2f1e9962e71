"""Plan: what to install and why (schema pytorch-setup/plan/1), and the user's choices."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

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
