"""Tiny but real wheels for tests, and a PEP 503 simple index that serves them.

The wheels are valid (METADATA, WHEEL, RECORD with hashes) so that a real pip resolves,
downloads and installs them; each holds one module that knows its own version. Nothing here
is PyTorch: a wheel named "torch" lets the planner's specs run against a loopback index.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import quote

from app.compat.plan import Plan
from tests.loopback import serve_files

WHEEL_NAME = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)-")


def normalize(name: str) -> str:
    """PEP 503's project name: runs of -_. become one -, lower case."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _metadata(
    name: str, version: str, requires_dist: Iterable[str], requires_python: str | None
) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    lines += [f"Requires-Dist: {requirement}" for requirement in requires_dist]
    if requires_python is not None:
        lines.append(f"Requires-Python: {requires_python}")
    return "\n".join(lines) + "\n"


def make_wheel(
    folder: Path,
    name: str,
    version: str,
    *,
    requires_dist: Sequence[str] = (),
    requires_python: str | None = None,
    tag: str = "py3-none-any",
) -> Path:
    """Write <name>-<version>-<tag>.whl into folder (made if missing) and return its path."""
    stem = re.sub(r"[-_.]+", "_", name)  # the wheel file and dist-info spelling
    dist_info = f"{stem}-{version}.dist-info"
    module = stem.lower()
    members: dict[str, bytes] = {
        f"{module}/__init__.py": f"__version__ = {version!r}\n".encode(),
        f"{dist_info}/METADATA": _metadata(name, version, requires_dist, requires_python).encode(),
        f"{dist_info}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: tests.wheels\nRoot-Is-Purelib: true\n"
            + "".join(f"Tag: {t}\n" for t in _expand_tag(tag))
        ).encode(),
    }
    record = [f"{path},{_record_hash(data)},{len(data)}" for path, data in members.items()]
    record.append(f"{dist_info}/RECORD,,")
    members[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}-{version}-{tag}.whl"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def _expand_tag(tag: str) -> list[str]:
    """py2.py3-none-any → py2-none-any, py3-none-any (the WHEEL file lists each one)."""
    python, abi, platform = tag.split("-")
    return [
        f"{p}-{a}-{plat}"
        for p in python.split(".")
        for a in abi.split(".")
        for plat in platform.split(".")
    ]


def _requires_python(wheel: Path) -> str | None:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        for line in archive.read(name).decode().splitlines():
            if line.startswith("Requires-Python:"):
                return line.partition(":")[2].strip()
    return None


def simple_index_files(wheels: list[Path], base_path: str = "simple") -> dict[str, bytes]:
    """PEP 503 pages for these wheels, plus the wheels themselves: path (no leading /) → body.

    Each project's page is stored as <base>/<project>/index.html and also as <base>/<project>/
    (what pip asks for), and the wheels lie beside it, so serve_index() below can serve the
    dict as it is. Links carry #sha256= (pip checks it) and data-requires-python,
    HTML-escaped as PEP 503 asks ("&lt;3.12").
    """
    base = base_path.strip("/")
    projects: dict[str, list[Path]] = {}
    for wheel in wheels:
        match = WHEEL_NAME.match(wheel.name)
        if match is None:
            raise ValueError(f"not a wheel file name: {wheel.name}")
        projects.setdefault(normalize(match["name"]), []).append(wheel)
    files: dict[str, bytes] = {}
    root_links = []
    for project, project_wheels in sorted(projects.items()):
        anchors = []
        for wheel in project_wheels:
            body = wheel.read_bytes()
            files[f"{base}/{project}/{wheel.name}"] = body
            attributes = f'href="{quote(wheel.name)}#sha256={hashlib.sha256(body).hexdigest()}"'
            requires_python = _requires_python(wheel)
            if requires_python is not None:
                attributes += f' data-requires-python="{html.escape(requires_python)}"'
            anchors.append(f"<a {attributes}>{html.escape(wheel.name)}</a><br>")
        page = _page(f"Links for {project}", anchors)
        files[f"{base}/{project}/index.html"] = page
        files[f"{base}/{project}/"] = page
        root_links.append(f'<a href="{project}/">{project}</a><br>')
    root = _page("Simple index", root_links)
    files[f"{base}/index.html"] = root
    files[f"{base}/"] = root
    return files


def _page(title: str, lines: list[str]) -> bytes:
    body = "\n".join(lines)
    return (
        "<!DOCTYPE html>\n<html><head><meta name='pypi:repository-version' content='1.0'>"
        f"<title>{html.escape(title)}</title></head><body>\n{body}\n</body></html>\n"
    ).encode()


def serve_index(files: dict[str, bytes]):
    """The loopback server of a simple index made by simple_index_files()."""
    return serve_files(files)


def pip_plan(*specs: str, index_url: str | None, extra_index_url: str | None = None) -> Plan:
    """A plan as the planner writes it: placeholder "python", pins, then the index options."""
    command = ["python", "-m", "pip", "install", *specs]
    if index_url is not None:
        command += ["--index-url", index_url]
    if extra_index_url is not None:
        command += ["--extra-index-url", extra_index_url]
    packages = dict(spec.split("==") for spec in specs)
    return Plan(
        compute="cpu",
        torch=packages.get("torch"),
        packages=packages,
        commands=[command],
        index_url=index_url,
        index_mode="index-url" if index_url else None,
    )
