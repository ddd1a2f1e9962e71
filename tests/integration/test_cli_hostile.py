"""Every CLI command against generated hostile arguments and profile files (hypothesis).

The promise (issue 15): whatever the arguments, the exit status is 0, 1 or 2; a non-zero exit
says why in its last stderr line ("pytorch-setup: ..."); no traceback and no "unexpected error"
ever reaches the user; and without --yes nothing changes. The CLI runs in this process (main()
with its own stdout, stderr and an empty stdin, so every question is answered "no") for speed,
and a few examples run as real processes. HOME, the state folder and the working folder are a
sandbox; proxies point at a closed port, so nothing reaches the network.

--yes is only given to `undo`, whose journal is the sandbox's. Options that write where they
are told (--output, --state-dir) only get sandbox paths or values that are refused.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app import cli
from tests.integration.test_cli import PROFILE, fixture_toolkit

ROOT = Path(__file__).resolve().parents[2]
CLOSED = "http://127.0.0.1:9"  # the discard port: nothing listens, a connection fails at once
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ---- the sandbox -------------------------------------------------------------------------------

# "@name" in an argument is the sandbox's path of that name (resolved when an example runs).
SANDBOX_PATHS = (
    "@afile",  # a file of the user's
    "@full",  # a folder with something of the user's in it
    "@empty",  # an empty folder
    "@missing/x",  # nothing there
    "@toolkit",  # a CUDA toolkit folder (stand-in nvcc)
    "@damaged.tar.xz",  # not an archive
    "@profile.json",  # the example's generated profile
    "@" + "n" * 300,  # a name longer than any file system takes
    "@" + "/".join(["d" * 200] * 25),  # names that fit, a whole path that does not
    "@홍길동 폴더/x y",
)
KEPT = ("afile", "full", "empty", "toolkit", "damaged.tar.xz", "home")  # never changed


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "home").mkdir()
    (root / "state").mkdir()
    (root / "afile").write_bytes(b"mine")
    (root / "full").mkdir()
    (root / "full" / "keep.txt").write_text("mine", encoding="utf-8")
    (root / "empty").mkdir()
    fixture_toolkit(root / "toolkit")
    (root / "damaged.tar.xz").write_bytes(b"\xfd7zXZ\x00 cut short")
    (root / "profile.json").write_text(json.dumps(PROFILE), encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes | None]:
    out: dict[str, bytes | None] = {}
    for name in KEPT:
        for path in sorted([root / name, *(root / name).rglob("*")]):
            out[str(path.relative_to(root))] = path.read_bytes() if path.is_file() else None
    return out


def resolve(argv: list[str], root: Path) -> list[str]:
    return [str(root / a[1:]) if a.startswith("@") else a for a in argv]


def environment(root: Path) -> dict[str, str]:
    return {
        "PYTORCH_SETUP_HOME": str(root / "state"),
        "HOME": str(root / "home"),
        "USERPROFILE": str(root / "home"),
        "HTTP_PROXY": CLOSED,
        "HTTPS_PROXY": CLOSED,
        "ALL_PROXY": CLOSED,
        "http_proxy": CLOSED,
        "https_proxy": CLOSED,
        "all_proxy": CLOSED,
        "NO_PROXY": "",
        "no_proxy": "",
        "PIP_NO_INDEX": "1",
    }


@contextlib.contextmanager
def inside(folder: Path):
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _no_wizard(args):
    raise AssertionError("the wizard would open: this argv has no command")


def run_in_process(argv: list[str], root: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    no_terminal = mock.patch("sys.stdin", io.StringIO(""))  # every question: end-of-file, "no"
    env = mock.patch.dict(os.environ, environment(root))
    no_wizard = mock.patch.dict(cli.COMMANDS, {"gui": _no_wizard})
    streams = contextlib.redirect_stdout(out), contextlib.redirect_stderr(err)
    with env, no_terminal, no_wizard, inside(root), streams[0], streams[1]:
        try:
            code = cli.main(argv)
        except SystemExit as exit_:  # argparse: a bad argument (2), --help (0)
            code = exit_.code if isinstance(exit_.code, int) else 0
    return code, out.getvalue(), err.getvalue()


def run_process(argv: list[str], root: Path) -> tuple[int, str, str]:
    env = {**os.environ, **environment(root), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "app", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        cwd=root,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    return result.returncode, result.stdout, result.stderr


def check(code: int, out: str, err: str, argv: list[str]) -> None:
    shown = f"argv={argv!r}\nexit={code}\nstdout={out[-2000:]}\nstderr={err[-2000:]}"
    assert code in (0, 1, 2), shown
    assert "Traceback" not in out + err, shown
    assert "unexpected error" not in err, shown
    if code != 0:
        lines = err.strip().splitlines()
        assert lines, shown  # why, on stderr
        assert lines[-1].startswith("pytorch-setup"), shown  # last: what elevation reads


# ---- hostile values ----------------------------------------------------------------------------

FIXED = (
    "",
    " ",
    "\t",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "-1",
    "0",
    "1e400",
    "0x10",
    "~",
    "~nobody/x",
    "..",
    "NUL",
    "con",
    "a\x00b",
    "\udcff",
    "홍길동",
    "C:\\Users\\홍길동\\x",
    "3.99",
    "3",
    "99.0",
    "2.5.1",
    "12.6",
    "12.6.3",
    "13",
    "9.13",
    "cpu",
    "cu999",
    "rocm",
    "http://",
    "https://",
    "ftp://example.org/x",
    "http://[::1",
    CLOSED,
    "torch,numpy",
    ",",
    "-h",
)
text = st.text(max_size=24).filter(lambda s: not s.startswith("-"))  # never an option (--yes)
hostile = st.one_of(st.sampled_from(FIXED), st.sampled_from(SANDBOX_PATHS), text)
# Where the CLI writes what it is told: the sandbox, or a value that is refused.
# Where the CLI writes what it is told (--output overwrites a file, as `>` does; --state-dir
# gets a logs folder): the sandbox, never one of its KEPT things, or a value that is refused.
WRITABLE = tuple(p for p in SANDBOX_PATHS if p.lstrip("@").split("/")[0] not in KEPT)
safe_target = st.one_of(
    st.sampled_from(WRITABLE + ("@out/report.md", "@out", "", " ", "a\x00b")),
    text.filter(lambda s: not any(c in s for c in "/\\~:") and ".." not in s),
)


def option(name: str, values=hostile, valid=()):
    """The option left out, given a value (hostile, or now and then a valid one), or given alone
    (its value missing). Weighted so that most examples get past argparse."""
    value = st.one_of(values, st.sampled_from(valid)) if valid else values
    how = st.sampled_from(["out"] * 3 + ["value"] * 4 + ["alone"])
    return st.tuples(how, value).map(
        lambda chosen: {"out": [], "alone": [name]}.get(chosen[0], [name, chosen[1]])
    )


def flag(name: str):
    return st.sampled_from([[], [name]])


def command(*parts):
    """A command: fixed words, then each part (an option strategy), flattened."""
    return st.tuples(*parts).map(lambda chosen: [arg for part in chosen for arg in part])


def words(*fixed: str):
    return st.just(list(fixed))


PYTHONS = ("3.12", "3.99", sys.executable, "@toolkit/bin")
TORCH = ("2.5.1", "2.14.1", "1.8.0", "99.0", "2.5")
COMPUTE = ("cpu", "cu126", "cu118", "cu999", "rocm6.2", "mps")
PACKAGES = ("torch", "torch,torchvision,torchaudio", "torchaudio")
PROFILE_ARG = ("@profile.json",)


def plan_options():
    return (
        option("--torch", valid=TORCH),
        option("--compute", valid=COMPUTE),
        option("--manager", valid=("pip", "conda")),
        option("--packages", valid=PACKAGES),
    )


COMMANDS = st.one_of(
    command(
        words("scan"),
        flag("--json"),
        option("--python", valid=PYTHONS),
        option("--timeout", valid=("0.5", "8")),
    ),
    command(
        words("plan"),
        option("--profile", valid=PROFILE_ARG),
        *plan_options(),
        flag("--with-toolkit"),
        flag("--json"),
        option("--mirror", valid=(CLOSED,)),
    ),
    command(
        words("install"),
        option("--python", valid=PYTHONS),
        *plan_options(),
        option("--venv", valid=("@empty", "@new-env")),
        option("--index-url", valid=(CLOSED,)),
        option("--find-links", valid=("@empty",)),
    ),
    command(
        words("verify"),
        option("--python", valid=PYTHONS),
        option("--timeout", valid=("0.5", "30")),
        flag("--json"),
        flag("--cpu"),
    ),
    command(words("env", "list"), flag("--json")),
    command(
        words("env", "create"),
        option("--kind", valid=("venv", "conda")),
        option("--python", valid=PYTHONS),
        option("--dest", valid=("@new-env", "@empty")),
    ),
    command(
        words("env", "provide"),
        option("--dest", valid=("@new-env", "@empty")),
        option("--mirror", valid=(CLOSED,)),
    ),
    command(
        words("toolkit"),
        option("--version", valid=("12.6", "12.6.3", "13.0")),
        option("--method", valid=("archives", "installer")),
        option("--dest", valid=("@new-cuda", "@empty")),
        option("--mirror", valid=(CLOSED,)),
        option("--components", valid=("cuda_nvcc", "cuda_nvcc,cuda_cudart")),
    ),
    command(
        words("cudnn"),
        option("--archive", valid=("@damaged.tar.xz",)),
        option("--version", valid=("9.13", "8.9")),
        option("--toolkit", valid=("@toolkit",)),
        option("--mirror", valid=(CLOSED,)),
    ),
    command(
        st.sampled_from([["path", "add"], ["path", "remove"]]),
        option("--toolkit", valid=("@toolkit",)),
    ),
    command(st.sampled_from([["path"], ["path", "show"], ["env"], ["path", "frobnicate"]])),
    command(
        words("report"),
        option("--profile", valid=PROFILE_ARG),
        option("--python", valid=PYTHONS),
        flag("--no-verify"),
        option("--output", safe_target, valid=("@out.md",)),
    ),
    command(
        words("undo"),
        st.sampled_from([[], ["--last"], ["--all"], ["--last", "--all"]]),
        option("--id"),
        flag("--yes"),  # the sandbox's journal: nothing of this machine's to undo
    ),
)
# Always with a value: `--state-dir scan` would take the command as its value (no command: the
# wizard).
LEADING = st.one_of(st.just([]), safe_target.map(lambda v: ["--state-dir", v]))


def valid_option(name: str, values: tuple[str, ...]):
    return st.one_of(st.just([]), st.sampled_from(values).map(lambda v: [name, v]))


# Plan and report read a profile: the generated one, with valid options around it.
PROFILE_COMMANDS = st.one_of(
    command(
        words("plan", "--profile", "@profile.json"),
        valid_option("--torch", TORCH),
        valid_option("--compute", COMPUTE),
        valid_option("--manager", ("pip", "conda")),
        valid_option("--packages", PACKAGES),
        flag("--with-toolkit"),
        flag("--json"),
    ),
    command(words("report", "--no-verify", "--profile", "@profile.json")),
)


# ---- hostile profiles --------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
FIELDS = (
    ("schema",),
    ("os",),
    ("os", "family"),
    ("os", "version"),
    ("arch",),
    ("python",),
    ("python", "version"),
    ("python", "executable"),
    ("python", "torch"),
    ("gpus",),
    ("gpus", 0),
    ("gpus", 0, "name"),
    ("gpus", 0, "vendor"),
    ("gpus", 0, "compute_capability"),
    ("gpus", 0, "memory_mib"),
    ("driver",),
    ("driver", "version"),
    ("driver", "cuda"),
    ("toolkits",),
    ("environments",),
    ("disks",),
    ("cudnn",),
    ("preflight",),
)


def mutated(where: tuple, value) -> bytes:
    data = json.loads(json.dumps(PROFILE))
    target = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def nested(depth: int, open_: str, close: str) -> bytes:
    return (open_ * depth + "1" + close * depth).encode()


PROFILE_TEXT = json.dumps(PROFILE, ensure_ascii=False).encode("utf-8")
# Values of the right type too, so that many profiles load and reach the planner.
plausible = st.one_of(
    st.sampled_from(["", "12.6", "12", "banana", "8.6", "999.999", "-1", "1e9", "ＡＢ", "0.0"]),
    st.text(max_size=12),
    st.integers(),
    json_values,
)
one_field = st.builds(mutated, st.sampled_from(FIELDS), plausible)
profiles = st.one_of(
    one_field,
    one_field,  # twice: half the examples are a good profile with one field changed
    one_field.map(lambda once: json.dumps({**json.loads(once), "gpus": []}).encode()),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.builds(nested, st.sampled_from([10, 900, 5_000, 100_000]), st.just("["), st.just("]")),
    st.builds(nested, st.sampled_from([10, 5_000, 100_000]), st.just('{"a":'), st.just("}")),
    st.integers(0, len(PROFILE_TEXT)).map(lambda k: PROFILE_TEXT[:k]),  # cut short
    st.binary(max_size=64),
    st.just(b'{"os": {"family": "linux"}, "arch": "x86_64", "python": ' + b"9" * 5000 + b"}"),
    st.just(b"\xff\xfe" + PROFILE_TEXT),  # not UTF-8
)


# ---- the properties ----------------------------------------------------------------------------


@SETTINGS
@given(leading=LEADING, argv=COMMANDS, profile=profiles)
def test_every_command_gives_a_status_and_one_line_never_a_traceback(
    sandbox, leading, argv, profile
):
    (sandbox / "profile.json").write_bytes(profile)
    before = snapshot(sandbox)
    full = resolve(leading + argv, sandbox)
    code, out, err = run_in_process(full, sandbox)
    event(f"{argv[0]}: exit {code}")  # --hypothesis-show-statistics: how far examples get
    check(code, out, err, full)
    if "--yes" not in full:
        assert snapshot(sandbox) == before, full  # nothing changed without --yes


@settings(SETTINGS, max_examples=100)
@given(argv=PROFILE_COMMANDS, profile=profiles)
def test_any_profile_file_gives_a_plan_or_one_line(sandbox, argv, profile):
    (sandbox / "profile.json").write_bytes(profile)
    full = resolve(argv, sandbox)
    code, out, err = run_in_process(full, sandbox)
    event(f"{argv[0]}: exit {code}")
    check(code, out, err, full)
    if code == 2 and "error: profile" in err:
        assert out == "", full  # a profile that cannot be read: nothing on stdout


@settings(SETTINGS, max_examples=6)
@given(argv=COMMANDS, profile=profiles)
def test_the_same_in_a_real_process(sandbox, argv, profile):
    argv = [a for a in argv if "\x00" not in a and not any(0xD800 <= ord(c) < 0xE000 for c in a)]
    (sandbox / "profile.json").write_bytes(profile)
    before = snapshot(sandbox)
    full = resolve(argv, sandbox)
    code, out, err = run_process(full, sandbox)
    check(code, out, err, full)
    if "--yes" not in full:
        assert snapshot(sandbox) == before, full


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "--profile", "@deep.json"],
        ["report", "--profile", "@deep.json", "--no-verify"],
        ["env", "create", "--python", "3.12", "--dest", "@afile", "--yes"],
        ["toolkit", "--version", "12.6", "--dest", "@" + "n" * 300, "--yes"],
        ["plan", "--profile", ""],
        ["scan", "--python", ""],
        ["scan", "--timeout", "nan"],
        ["cudnn", "--archive", "@damaged.tar.xz", "--toolkit", "@missing", "--yes"],
    ],
)
def test_hostile_cases_in_a_real_process(sandbox, argv):
    """The issue's cases as real processes: exit 2 and the reason as stderr's one line."""
    (sandbox / "deep.json").write_bytes(nested(100_000, "[", "]"))
    full = resolve(argv, sandbox)
    code, out, err = run_process(full, sandbox)
    check(code, out, err, full)
    assert code == 2 and len(err.strip().splitlines()) == 1, (full, out, err)
