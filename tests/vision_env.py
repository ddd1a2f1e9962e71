"""A real venv whose torchvision is broken the way issue 18 met it, and an index that repairs it.

The user had torchvision 0.28.0 from PyPI beside a +cpu torch: `import torchvision` failed
("operator torchvision::nms does not exist"), and `pip install torchvision==0.28.0` answered
"Requirement already satisfied". Here: a stand-in torch 2.13.0+cpu (a tiny wheel: the real
one is 200 MB and download.pytorch.org cannot be reached), a torchvision 0.28.0 wheel that
fails on import as the real one did, and a loopback index in the place of PyTorch's CPU index
holding a torchvision 0.28.0+cpu that imports and whose nms answers right. pip, the probe and
diagnose() are the real ones.
"""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote

from app.scan.pythons import interpreter_in
from tests.wheels import simple_index_files

TORCH = "2.13.0+cpu"
VISION = "0.28.0"  # the release compat data pairs with torch 2.13.0
NEEDS_TORCH = "torch==2.13.0"  # what torchvision 0.28.0's wheels ask for
IMPORT_ERROR = "operator torchvision::nms does not exist"
# pip without the machine's config (constraints, find-links, extra indexes), cache or nagging
PIP_ENV = {
    "PIP_CONFIG_FILE": os.devnull,
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    "PIP_NO_CACHE_DIR": "1",
    "PIP_NO_INPUT": "1",
}

FAKE_TORCH = f'''__version__ = "{TORCH}"


class _Tensor(list):
    def tolist(self):
        return list(self)


def tensor(data):
    return _Tensor(data)
'''

BROKEN_VISION = f'raise RuntimeError("{IMPORT_ERROR}")\n'
WORKING_OPS = """import torch


def nms(boxes, scores, iou_threshold):
    return torch.tensor([0])  # the first box wins: the probe's answer
"""


def _hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def package_wheel(
    folder: Path, name: str, version: str, modules: dict[str, str], requires: str = ""
) -> Path:
    """A pure-Python wheel of `name` holding these modules (path in the wheel → source)."""
    dist_info = f"{name}-{version}.dist-info"
    members = {path: source.encode() for path, source in modules.items()}
    members[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        + (f"Requires-Dist: {requires}\n" if requires else "")
    ).encode()
    members[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: tests.vision_env\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n"
    )
    record = [f"{path},{_hash(data)},{len(data)}" for path, data in members.items()]
    members[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def pip_env() -> dict[str, str]:
    """This environment without the machine's PIP_* settings (PIP_FIND_LINKS...), with ours."""
    kept = {k: v for k, v in os.environ.items() if not k.upper().startswith("PIP_")}
    return {**kept, **PIP_ENV}


def isolate_pip(monkeypatch) -> None:
    """The same for children that inherit os.environ (run_fix's pip)."""
    for name in list(os.environ):
        if name.upper().startswith("PIP_"):
            monkeypatch.delenv(name)
    for name, value in PIP_ENV.items():
        monkeypatch.setenv(name, value)


def installed_version(python: str, name: str = "torchvision") -> str:
    out = subprocess.run(
        [python, "-c", f"import importlib.metadata as m; print(m.version({name!r}))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return out.stdout.strip()


def broken_vision_env(folder: Path) -> str:
    """A venv (with pip) at folder: torch 2.13.0+cpu and a torchvision 0.28.0 that fails to
    import; returns its python."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    python = str(interpreter_in(folder))
    wheels = folder.parent / "pypi wheels"
    torch = package_wheel(wheels, "torch", TORCH, {"torch/__init__.py": FAKE_TORCH})
    broken = package_wheel(
        wheels, "torchvision", VISION, {"torchvision/__init__.py": BROKEN_VISION}, NEEDS_TORCH
    )
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-index", str(torch), str(broken)],
        check=True,
        timeout=300,
        env=pip_env(),
    )
    return python


def cpu_index_files() -> dict[str, bytes]:
    """PyTorch's CPU index as a loopback server serves it (under whl/cpu): torchvision
    0.28.0+cpu, built for the +cpu torch."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        fixed = package_wheel(
            Path(folder),
            "torchvision",
            f"{VISION}+cpu",
            {
                "torchvision/__init__.py": f'__version__ = "{VISION}+cpu"\n',
                "torchvision/ops.py": WORKING_OPS,
            },
            NEEDS_TORCH,
        )
        files = simple_index_files([fixed], base_path="whl/cpu")
    # pip asks for the wheel as ...0.28.0%2Bcpu...; the loopback server does not unquote
    return {**files, **{quote(path): body for path, body in files.items() if "+" in path}}
