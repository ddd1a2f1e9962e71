"""The resolver has the last word: a plan is confirmed by the target's own pip before installing.

The exact install command (same interpreter, specs and index options, a mirror or a
wheelhouse included) runs once more as `pip install --dry-run --report <file>`. pip resolves
it against the real index for the real interpreter, so what the knowledge base believes is
checked by the one program that will do the install. The outcome is one of:

- confirmed: pip found a consistent set; `installs` says what it would install;
- refused: pip says it cannot be done (a conflict, a version that is not there, another
  Python needed), so the planner moves on to its next candidate and says why;
- unconfirmed: pip could not be asked or could not answer (no connection, pip too old or
  missing, too slow, a conda plan); the plan stands as it was, not confirmed.

Not `--quiet`, although a dry run needs no chatter: pip says *why* a resolution is impossible
("The conflict is caused by: torchvision 0.29.1 depends on torch==2.14.1") only at its normal
verbosity, and the lines also feed on_line for a live log.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from app import proc
from app.events import CancelToken
from app.steps.install import InstallError, InstallRequest, build_command
from app.text import translate

_log = logging.getLogger(__name__)

CONFIRMED, REFUSED, UNCONFIRMED = "confirmed", "refused", "unconfirmed"
# Bounded network: one retry and 15 s per connection, so an unreachable index answers in
# seconds (pip's defaults, 5 retries with back-off, take about a minute).
NETWORK_OPTIONS = {"--retries": "1", "--timeout": "15"}
_OPTION_ALIASES = {"--timeout": ("--timeout", "--default-timeout"), "--retries": ("--retries",)}
_MAX_LINES = 2000  # pip's output kept for classifying; a long backtrack is cut, not held whole
_DETAIL_CHARS = 200

# pip's words for a network failure. They win over "No matching distribution", which pip also
# prints when it could not read the index at all.
_NETWORK = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Max retries exceeded",
    "Could not fetch URL",
    "Temporary failure in name resolution",
    "Name or service not known",
    "nodename nor servname",
    "getaddrinfo failed",
    "Retrying (Retry(",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "Read timed out",
    "timed out",
    "Connection broken",
    "ConnectionResetError",
    "ProxyError",
)
_CERTIFICATE = ("CERTIFICATE_VERIFY_FAILED", "SSLError", "SSLCertVerificationError")
_UNTRUSTED = "is not a trusted or secure host"
_NOT_AN_INDEX = re.compile(r"Skipping page (\S+) because the GET request got Content-Type")
_NO_PIP = "No module named pip"
_OLD_PIP = re.compile(r"no such option: (--dry-run|--report)")

_CONFLICT = ("ResolutionImpossible", "conflicting dependencies")
_NO_MATCH = re.compile(r"No matching distribution found for (\S+)")
_NO_VERSION = re.compile(r"Could not find a version that satisfies the requirement (\S+)")
_OTHER_PYTHON = re.compile(r"Package '([^']+)' requires a different Python: (.+)")
_IGNORED_PYTHON = re.compile(
    r"Ignored the following versions that require a different python version: (.+)"
)


@dataclass(frozen=True)
class Confirmation:
    status: str  # "confirmed" | "refused" | "unconfirmed"
    detail: str  # one line for people: pip's own reason, or why pip could not be asked
    installs: dict[str, str] = field(default_factory=dict)  # name → version, when confirmed
    command: list[str] = field(default_factory=list)  # the dry run as run ([] when none was)

    @property
    def confirmed(self) -> bool:
        return self.status == CONFIRMED

    @property
    def refused(self) -> bool:
        return self.status == REFUSED

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "detail": self.detail,  # still an app.text.Text where it was one: translatable
            "installs": dict(self.installs),
            "command": list(self.command),
        }


def _is_conda(request: InstallRequest) -> bool:
    plan = request.plan
    return plan.manager == "conda" or bool(plan.commands and plan.commands[0][:1] == ["conda"])


def _has_option(command: list[str], option: str) -> bool:
    names = _OPTION_ALIASES[option]
    return any(arg in names or arg.startswith(tuple(n + "=" for n in names)) for arg in command)


def dry_run_command(request: InstallRequest, report: str) -> list[str]:
    """The install command of this request, made a dry run that writes pip's report to report.

    Raises InstallError for a conda plan (conda has no equivalent report) and for a plan that
    cannot be installed at all (blocked, no command).
    """
    if _is_conda(request):
        raise InstallError(translate("resolve", "conda plans are not dry-run"))
    command = build_command(request)
    try:
        at = command.index("install", 1) + 1
    except ValueError:
        raise InstallError(f"not a pip install command: {proc.display(command)}") from None
    extra = ["--dry-run", "--report", report, "--no-input"]
    for option, value in NETWORK_OPTIONS.items():
        if not _has_option(command, option):
            extra += [option, value]
    return [*command[:at], *extra, *command[at:]]


def confirm(
    request: InstallRequest,
    *,
    timeout: float = 90.0,
    env: Mapping[str, str] | None = None,
    cancel: CancelToken | None = None,
    on_line: Callable[[str], None] | None = None,
) -> Confirmation:
    """Ask the target's pip whether the request's install would resolve (nothing is installed).

    Never raises for what pip says or cannot say (that is the Confirmation); raises Cancelled
    when cancel fires, after pip's whole process tree has been ended.
    """
    if _is_conda(request):
        return Confirmation(UNCONFIRMED, translate("resolve", "conda plans are not dry-run"))
    # A folder of our own: pip writes the report there, and it always goes away again.
    with tempfile.TemporaryDirectory(
        prefix="pytorch-setup-dry-run-", ignore_cleanup_errors=True
    ) as folder:
        report = Path(folder) / "report.json"
        try:
            command = dry_run_command(request, str(report))
        except InstallError as exc:
            return Confirmation(UNCONFIRMED, _one_line(str(exc)))
        _log.info("dry run: %s", proc.display(command))
        try:
            result = proc.run(
                command,
                env=env,
                timeout=timeout,
                cancel=cancel,
                on_line=on_line,
                max_capture_lines=_MAX_LINES,
            )
        except proc.ProcError as exc:
            _log.warning("dry run could not start: %s", exc)
            return Confirmation(UNCONFIRMED, _one_line(str(exc)), command=command)
        _log.info(
            "dry run exit %s after %.1f s%s; pip said:\n%s",
            result.returncode,
            result.seconds,
            " (timed out)" if result.timed_out else "",
            result.output,
        )
        if result.timed_out:
            detail = translate("resolve", "it took longer than {seconds} s").format(
                seconds=format(timeout, "g")
            )
            return Confirmation(UNCONFIRMED, detail, command=command)
        installs = _read_report(report) if result.returncode == 0 else None
    if installs is not None:
        outcome = _confirmed(installs)
    elif result.returncode == 0:
        outcome = (UNCONFIRMED, translate("resolve", "pip did not write its report"))
    else:
        outcome = classify(result.output.splitlines())
    _log.info("dry run %s: %s", *outcome)
    return Confirmation(outcome[0], outcome[1], installs or {}, command)


def _read_report(report: Path) -> dict[str, str] | None:
    """name → version from pip's installation report; None when it is missing or unreadable."""
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
        return {
            canonicalize_name(item["metadata"]["name"]): str(item["metadata"]["version"])
            for item in data.get("install", [])
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        _log.warning("dry run report %s unreadable: %s", report, exc)
        return None


def _confirmed(installs: dict[str, str]) -> tuple[str, str]:
    if not installs:
        return CONFIRMED, translate("resolve", "pip would install nothing: all is in place")
    listed = ", ".join(f"{name} {version}" for name, version in installs.items())
    return CONFIRMED, translate("resolve", "pip would install {packages}").format(
        packages=_short(listed)
    )


def classify(lines: list[str]) -> tuple[str, str]:
    """(status, detail) from the output of a dry run that did not succeed."""
    text = "\n".join(lines)
    if _NO_PIP in text:
        return UNCONFIRMED, translate("resolve", "no pip in this environment")
    if _OLD_PIP.search(text):
        return UNCONFIRMED, translate("resolve", "pip is too old for --dry-run (needs 22.2)")
    if any(marker in text for marker in _CERTIFICATE):
        return UNCONFIRMED, translate("resolve", "the index's certificate could not be verified")
    if any(marker in text for marker in _NETWORK):
        return UNCONFIRMED, translate("resolve", "no connection to the index")
    if _UNTRUSTED in text:
        return UNCONFIRMED, translate(
            "resolve", "pip ignores the index: it is plain http and not a trusted host"
        )
    not_an_index = _NOT_AN_INDEX.search(text)
    if not_an_index:
        return UNCONFIRMED, translate(
            "resolve", "{url} did not answer like a package index"
        ).format(url=not_an_index.group(1))
    refusal = _refusal(lines)
    if refusal is not None:
        return REFUSED, refusal
    last = next((_strip(line) for line in reversed(lines) if line.strip()), "")
    detail = last or translate("resolve", "no output")
    return UNCONFIRMED, translate("resolve", "pip could not tell: {last}").format(
        last=_short(detail)
    )


def _refusal(lines: list[str]) -> str | None:
    """pip's one-line reason why the request cannot be resolved, or None when it did not say."""
    text = "\n".join(lines)
    other_python = _OTHER_PYTHON.search(text)
    if other_python:
        return translate("resolve", "{package} requires a different Python: {why}").format(
            package=other_python.group(1), why=_short(other_python.group(2).strip())
        )
    missing = _NO_MATCH.search(text) or _NO_VERSION.search(text)
    if missing:
        requirement = missing.group(1)
        excluded = _excluded_by_python(text, requirement)
        if excluded is not None:
            return translate("resolve", "{package} requires a different Python: {why}").format(
                package=requirement, why=excluded
            )
        return translate("resolve", "No matching distribution found for {requirement}").format(
            requirement=requirement
        )
    if any(marker in text for marker in _CONFLICT):
        causes = _conflict_causes(lines)
        if causes:
            return _short("; ".join(causes))
        cannot = next((_strip(ln) for ln in lines if "conflicting dependencies" in ln), None)
        return _short(cannot) if cannot else translate("resolve", "the versions conflict")
    return None


def _excluded_by_python(text: str, requirement: str) -> str | None:
    """'Requires-Python …' when pip ignored the asked-for version for the target's Python.

    pip lists them as "Ignored the following versions that require a different python
    version: 2.17.0 Requires-Python !=3.11.*; 2.17.1 Requires-Python >=3.12". A pinned
    requirement counts when its version is among them; an unpinned one when pip found none.
    """
    ignored = _IGNORED_PYTHON.search(text)
    if ignored is None:
        return None
    versions: dict[str, str] = {}
    for entry in ignored.group(1).split(";"):
        version, _, spec = entry.strip().partition(" ")
        versions[version] = spec.strip()
    _, pinned, version = requirement.partition("==")
    if pinned and version in versions:
        return versions[version]
    if not pinned and re.search(r"\(from versions: none\)", text):
        return "; ".join(dict.fromkeys(versions.values()))
    return None


def _conflict_causes(lines: list[str]) -> list[str]:
    """The indented lines under "The conflict is caused by:", the user's own pins last."""
    causes: list[str] = []
    inside = False
    for line in lines:
        if "The conflict is caused by" in line:
            inside = True
            continue
        if inside:
            if not line.strip():
                break
            causes.append(line.strip())
    depends = [c for c in causes if not c.startswith("The user requested")]
    return depends or causes


def _strip(line: str) -> str:
    return re.sub(r"^(ERROR|WARNING):\s*", "", line.strip())


def _one_line(text: str) -> str:
    return _short(" ".join(text.split()))


def _short(text: str) -> str:
    return text if len(text) <= _DETAIL_CHARS else text[: _DETAIL_CHARS - 1] + "…"
