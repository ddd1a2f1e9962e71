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

An environment that uses uv (a venv uv made, which says so in its pyvenv.cfg, or one without
pip where a uv is found) is asked through uv instead: `uv pip install --dry-run --python <exe>`
with the same specs and index options. uv writes no report, so its own lines are read: "+
name==version" for what it would install, its resolver's explanation when it cannot. The user's
own uv configuration applies (UV_NO_CONFIG is not set), as pip's does on the pip path.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from app import proc
from app.events import CancelToken
from app.steps.install import InstallError, InstallRequest, build_command, env_prefix
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
    """Ask the target's pip (or uv, where the environment uses uv) whether the request's
    install would resolve (nothing is installed).

    Never raises for what pip or uv says or cannot say (that is the Confirmation); raises
    Cancelled when cancel fires, after the resolver's whole process tree has been ended.
    """
    if _is_conda(request):
        return Confirmation(UNCONFIRMED, translate("resolve", "conda plans are not dry-run"))
    uv = uv_for(request.python, env)
    if uv is not None:
        return _confirm_with_uv(request, uv, timeout, env, cancel, on_line)
    # A folder of our own: pip writes the report there, and it always goes away again.
    with tempfile.TemporaryDirectory(
        prefix="pytorch-setup-dry-run-", ignore_cleanup_errors=True
    ) as folder:
        report = Path(folder) / "report.json"
        try:
            command = dry_run_command(request, str(report))
        except InstallError as exc:
            return Confirmation(UNCONFIRMED, _one_line(str(exc)))
        ran = _run(command, timeout, env, cancel, on_line)
        if isinstance(ran, Confirmation):
            return ran
        installs = _read_report(report) if ran.returncode == 0 else None
    if installs is not None:
        outcome = _confirmed(installs)
    elif ran.returncode == 0:
        outcome = (UNCONFIRMED, translate("resolve", "pip did not write its report"))
    else:
        outcome = classify(ran.output.splitlines())
    _log.info("dry run %s: %s", *outcome)
    return Confirmation(outcome[0], outcome[1], installs or {}, command)


def _run(
    command: list[str],
    timeout: float,
    env: Mapping[str, str] | None,
    cancel: CancelToken | None,
    on_line: Callable[[str], None] | None,
) -> proc.ProcResult | Confirmation:
    """The dry run's finished process, or the Confirmation when it could not finish."""
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
        "dry run exit %s after %.1f s%s; it said:\n%s",
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
    return result


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


def _confirmed(installs: dict[str, str], tool: str = "pip") -> tuple[str, str]:
    """The answer of a dry run that resolved: what pip (or uv) would install."""
    if not installs:
        return CONFIRMED, translate(
            "resolve", "{tool} would install nothing: all is in place"
        ).format(tool=tool)
    listed = ", ".join(f"{name} {version}" for name, version in installs.items())
    return CONFIRMED, translate("resolve", "{tool} would install {packages}").format(
        tool=tool, packages=_short(listed)
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


# --- uv ------------------------------------------------------------------------------------------

# Bounded like pip's dry run: one retry, 15 s per request (uv's defaults are 3 and 30 s). Set
# only where the caller's environment has not chosen its own.
UV_NETWORK_ENV = {"UV_HTTP_TIMEOUT": "15", "UV_HTTP_RETRIES": "1"}
_PIP_PROBE = (
    "import importlib.util, sys; sys.exit(3 if importlib.util.find_spec('pip') is None else 0)"
)
_NO_PIP_EXIT = 3
_PROBE_TIMEOUT = 30.0
# pip's install options in uv's words: with a value, alone, or as uv's environment variables.
_UV_WITH_VALUE = {
    "--index-url": "--index-url",
    "-i": "--index-url",
    "--extra-index-url": "--extra-index-url",
    "--find-links": "--find-links",
    "-f": "--find-links",
}
_UV_ALONE = {
    "--no-index": "--no-index",
    "--pre": "--pre",
    "--upgrade": "--upgrade",
    "-U": "--upgrade",
    "--no-deps": "--no-deps",
    "--force-reinstall": "--reinstall",
}
_UV_AS_ENV = {
    "--timeout": "UV_HTTP_TIMEOUT",
    "--default-timeout": "UV_HTTP_TIMEOUT",
    "--retries": "UV_HTTP_RETRIES",
}
_PIP_ONLY = {"--disable-pip-version-check", "--no-input"}

_UV_INSTALL = re.compile(r"^\s*\+ ([A-Za-z0-9][\w.\-]*)==(\S+)")
_UV_UNCHANGED = re.compile(r"^\s*(Would make no changes|Audited \d+ packages?)")
_UV_CERTIFICATE = ("invalid peer certificate", "UnknownIssuer", "certificate verify failed")
_UV_NETWORK = (
    "Failed to fetch",
    "error sending request",
    "dns error",
    "Connection refused",
    "tcp connect error",
    "operation timed out",
    "connection closed before message completed",
)
_UV_HTTP_STATUS = (
    re.compile(
        r"HTTP status (?:client|server) error \((?P<status>.+?)\) for url \((?P<url>\S+?)\)"
    ),
    re.compile(
        r"An index URL \((?P<url>\S+)\) could not be queried due to .*?\((?P<status>\d{3}[^)]*)\)"
    ),
    re.compile(r"An index \((?P<url>\S+)\) returned an? (?P<status>\d{3}[^.]*?) error"),
)
_UV_REFUSED = ("No solution found when resolving dependencies", "unsatisfiable", "we can conclude")
_UV_BECAUSE = re.compile(r"Because (.+?), we can conclude")
_UV_OTHER_PYTHON = re.compile(r"(\S+) depends on Python(\S+?),? ")
# A premise that names the cause on its own, before uv adds "and you require …".
_UV_CAUSE = re.compile(r"\bdepends? on\b|\bthere (?:is|are) no versions?\b|\bwas not found\b")


def made_by_uv(prefix: Path) -> bool:
    """uv writes "uv = X.Y.Z" into the pyvenv.cfg of each venv it makes."""
    try:
        text = (prefix / "pyvenv.cfg").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        key, equals, _ = line.partition("=")
        if equals and key.strip().lower() == "uv":
            return True
    return False


def find_uv(prefix: Path, env: Mapping[str, str] | None = None) -> str | None:
    """The environment's own uv, else the one on PATH (env's PATH where env is given)."""
    for candidate in (prefix / "bin" / "uv", prefix / "Scripts" / "uv.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    path = os.environ.get("PATH") if env is None else env.get("PATH", "")
    return shutil.which("uv", path=path)


def has_pip(python: str, env: Mapping[str, str] | None = None) -> bool:
    """Whether the interpreter can import pip. An interpreter that cannot even be asked counts
    as having it: the pip dry run then says what is wrong in its own words."""
    try:
        result = proc.run(
            [python, "-c", _PIP_PROBE], env=env, timeout=_PROBE_TIMEOUT, max_capture_lines=20
        )
    except proc.ProcError:
        return True
    return result.returncode != _NO_PIP_EXIT


def uv_for(python: str, env: Mapping[str, str] | None = None) -> str | None:
    """The uv that confirms plans for this interpreter's environment; None where pip does.

    An environment uses uv when uv made it or when it has no pip and a uv is found.
    """
    prefix = env_prefix(python)
    uv = find_uv(prefix, env)
    if uv is None:
        return None
    if made_by_uv(prefix) or not has_pip(python, env):
        return uv
    return None


def uv_dry_run_command(request: InstallRequest, uv: str) -> tuple[list[str], dict[str, str]]:
    """The request's install command as uv's dry run, and the environment variables that carry
    the command's own pip network options (--timeout, --retries) to uv.

    Raises InstallError like dry_run_command (a conda plan, a plan that cannot be installed).
    """
    if _is_conda(request):
        raise InstallError(translate("resolve", "conda plans are not dry-run"))
    command = build_command(request)
    try:
        rest = command[command.index("install", 1) + 1 :]
    except ValueError:
        raise InstallError(f"not a pip install command: {proc.display(command)}") from None
    specs: list[str] = []
    options: list[str] = []
    settings: dict[str, str] = {}
    args = iter(rest)
    for arg in args:
        if not arg.startswith("-"):
            specs.append(arg)
            continue
        name, equals, inline = arg.partition("=")
        if name in _UV_WITH_VALUE or name in _UV_AS_ENV:
            value = inline if equals else next(args, None)
            if value is None:  # an option without its value: uv will say so
                options.append(arg)
            elif name in _UV_WITH_VALUE:
                options += [_UV_WITH_VALUE[name], value]
            else:
                settings[_UV_AS_ENV[name]] = value
        elif arg in _UV_ALONE:
            options.append(_UV_ALONE[arg])
        elif arg not in _PIP_ONLY:
            options.append(arg)  # uv's own, or one it refuses in words of its own
    if "--extra-index-url" in options and "--no-index" not in options:
        # pip weighs every index alike; uv by default takes a package from the first index
        # that has it, and would refuse what pip installs.
        options += ["--index-strategy", "unsafe-best-match"]
    head = [uv, "pip", "install", "--dry-run", "--color", "never", "--python", request.python]
    return [*head, *specs, *options], settings


def uv_env(env: Mapping[str, str] | None, settings: Mapping[str, str]) -> dict[str, str]:
    """The environment for uv's dry run: the caller's (or ours), bounded, the command's own
    network options last."""
    result = proc.child_env() if env is None else dict(env)
    for name, value in UV_NETWORK_ENV.items():
        result.setdefault(name, value)
    result.update(settings)
    return result


def _confirm_with_uv(
    request: InstallRequest,
    uv: str,
    timeout: float,
    env: Mapping[str, str] | None,
    cancel: CancelToken | None,
    on_line: Callable[[str], None] | None,
) -> Confirmation:
    try:
        command, settings = uv_dry_run_command(request, uv)
    except InstallError as exc:
        return Confirmation(UNCONFIRMED, _one_line(str(exc)))
    ran = _run(command, timeout, uv_env(env, settings), cancel, on_line)
    if isinstance(ran, Confirmation):
        return ran
    lines = ran.output.splitlines()
    installs = uv_installs(lines) if ran.returncode == 0 else None
    if installs is not None:
        outcome = _confirmed(installs, "uv")
    elif ran.returncode == 0:
        outcome = (UNCONFIRMED, translate("resolve", "uv did not say what it would install"))
    else:
        outcome = classify_uv(lines)
    _log.info("dry run %s: %s", *outcome)
    return Confirmation(outcome[0], outcome[1], installs or {}, command)


def uv_installs(lines: list[str]) -> dict[str, str] | None:
    """name → version from uv's " + name==version" lines ({} when uv would change nothing);
    None when its output says neither."""
    installs: dict[str, str] = {}
    unchanged = False
    for line in lines:
        added = _UV_INSTALL.match(line)
        if added:
            installs[canonicalize_name(added.group(1))] = added.group(2)
        elif _UV_UNCHANGED.match(line):
            unchanged = True
    return installs if installs or unchanged else None


def classify_uv(lines: list[str]) -> tuple[str, str]:
    """(status, detail) from the output of a uv dry run that did not succeed."""
    text = "\n".join(lines)
    if any(marker in text for marker in _UV_CERTIFICATE):
        return UNCONFIRMED, translate("resolve", "the index's certificate could not be verified")
    for pattern in _UV_HTTP_STATUS:
        answered = pattern.search(text)
        if answered:
            return UNCONFIRMED, translate(
                "resolve", "the index answered {status} for {url}"
            ).format(status=answered["status"], url=answered["url"])
    if any(marker in text for marker in _UV_NETWORK):
        return UNCONFIRMED, translate("resolve", "no connection to the index")
    if any(marker in text for marker in _UV_REFUSED):
        return REFUSED, _uv_reason(lines)
    error = next((line for line in lines if line.startswith("error:")), None)
    last = next((line.strip() for line in reversed(lines) if line.strip()), "")
    detail = (error or last).removeprefix("error:").strip() or translate("resolve", "no output")
    return UNCONFIRMED, translate("resolve", "uv could not tell: {last}").format(
        last=_short(detail)
    )


def _uv_reason(lines: list[str]) -> str:
    """One short line from uv's explanation of why the request cannot be resolved."""
    explanation = _uv_explanation(lines)
    other_python = _UV_OTHER_PYTHON.search(explanation + " ")
    if other_python:
        return translate("resolve", "{package} requires a different Python: {why}").format(
            package=other_python.group(1), why="Requires-Python " + other_python.group(2)
        )
    because = _UV_BECAUSE.search(explanation)
    if because is None:
        return _short(explanation) if explanation else translate("resolve", "the versions conflict")
    premise = because.group(1)
    cause, joined, _ = premise.partition(" and you require ")
    if joined and _UV_CAUSE.search(cause):
        premise = cause
    return _short(premise)


def _uv_explanation(lines: list[str]) -> str:
    """uv's "cause:" lines after "No solution found …", as one text, without its hints."""
    start = next((i + 1 for i, line in enumerate(lines) if "No solution found" in line), 0)
    parts: list[str] = []
    for line in lines[start:]:
        stripped = line.strip()
        if stripped.startswith("hint:"):
            break
        if stripped:
            parts.append(re.sub(r"^(error|cause):\s*", "", stripped))
    return " ".join(parts)
