"""Does the index really hold the planned wheel? Ask it (PEP 691 JSON, else PEP 503 HTML).

Optional: the planner works from bundled data; this confirms a plan online (or against a
mirror) before it is recommended, and says so when the index cannot be reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from packaging.utils import InvalidWheelFilename, parse_wheel_filename

from app.compat.index import _session, _why
from app.compat.plan import Notice, Plan

PYPI = "https://pypi.org/simple"
JSON_TYPE = "application/vnd.pypi.simple.v1+json"
# Wheel platform tags per wheel platform (prefix match: manylinux_2_28_x86_64 etc.)
PLATFORM_TAGS = {
    "linux-x86_64": ("manylinux", "linux_x86_64"),
    "linux-aarch64": ("manylinux", "linux_aarch64"),
    "windows-x86_64": ("win_amd64",),
    "macos-arm64": ("macosx",),
    "macos-x86_64": ("macosx",),
}
ARCH_SUFFIX = {
    "linux-x86_64": "x86_64",
    "linux-aarch64": "aarch64",
    "windows-x86_64": "amd64",
    "macos-arm64": "arm64",
    "macos-x86_64": "x86_64",
}


@dataclass
class IndexAnswer:
    found: bool | None  # None: the index could not be asked
    url: str
    detail: str = ""


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.names.append(href.split("#")[0].rstrip("/").rsplit("/", 1)[-1])

    def feed_names(self, text: str) -> list[str]:
        self.feed(text)
        return self.names


def project_files(base: str, project: str, session: Any = None, timeout: float = 10.0) -> list[str]:
    """File names the simple index lists for a project (raises requests' errors)."""
    http = session or _session()
    url = f"{base.rstrip('/')}/{project}/"
    response = http.get(url, headers={"Accept": f"{JSON_TYPE}, text/html;q=0.1"}, timeout=timeout)
    response.raise_for_status()
    if response.headers.get("Content-Type", "").startswith(JSON_TYPE):
        return [f["filename"] for f in response.json().get("files", [])]
    from urllib.parse import unquote

    return [unquote(n) for n in _Links().feed_names(response.text)]


def wheel_matches(
    filename: str, torch: str, variant: str | None, python: str, platform: str
) -> bool:
    try:
        name, version, _build, tags = parse_wheel_filename(filename)
    except InvalidWheelFilename:
        return False
    if name != "torch" or version.base_version != torch:
        return False
    local = version.local
    if variant and local not in (None, variant):
        return False
    cp = "cp" + python.replace(".", "")
    prefixes = PLATFORM_TAGS.get(platform, ())
    suffix = ARCH_SUFFIX.get(platform, "")
    return any(
        tag.interpreter == cp
        and tag.platform.startswith(prefixes)
        and tag.platform.endswith(suffix)
        for tag in tags
    )


def check_plan(
    plan: Plan,
    python: str,
    platform: str,
    mirror: str | None = None,
    session: Any = None,
    timeout: float = 10.0,
) -> IndexAnswer:
    """Ask the plan's index (or a mirror) whether torch==plan.torch exists for this machine."""
    if plan.blocked or not plan.torch or plan.manager != "pip":
        return IndexAnswer(None, "", "nothing to check")
    base = mirror or (
        plan.index_url if plan.index_mode in ("index-url", "extra-index-url") else None
    )
    base = base or PYPI
    if plan.index_mode == "find-links" and not mirror:
        return IndexAnswer(None, plan.index_url or "", "old find-links index: not checked")
    variant = None if plan.index_url is None else ("cpu" if plan.compute == "mps" else plan.compute)
    python = ".".join(python.split(".")[:2])
    try:
        files = project_files(base, "torch", session, timeout)
    except Exception as exc:  # noqa: BLE001 - any network failure means "could not ask"
        return IndexAnswer(None, base, _why(exc))
    found = any(wheel_matches(f, plan.torch, variant, python, platform) for f in files)
    return IndexAnswer(found, base, f"{len(files)} files listed")


def notice_for(answer: IndexAnswer, plan: Plan, python: str) -> Notice | None:
    if answer.found is None and answer.url:
        return Notice(
            "index_not_checked",
            f"The package index ({answer.url}) could not be reached ({answer.detail}); the plan "
            f"comes from the assistant's built-in data.",
        )
    if answer.found is False:
        return Notice(
            "wheel_missing",
            f"{answer.url} has no torch {plan.torch} ({plan.compute}) wheel for Python "
            f"{python} on this platform: the install would fail. Choose another version or build.",
        )
    return None
