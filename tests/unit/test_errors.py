"""One error hierarchy (app/errors.py): every error a user can meet is a SetupError, a user error
(exit 2) or a failed step (exit 1), each with its one line. Checked on the source, so a new
`class SomethingError(Exception)` under app/ fails here until it joins the hierarchy."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import pytest

from app.errors import SetupError, StepError, UserError, exit_code, one_line, refusal
from app.events import Cancelled

ROOT = Path(__file__).resolve().parents[2]
BUILTIN_EXCEPTIONS = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}
# Exceptions under app/ that are not errors for the user, each with why. Private ones (_Retry)
# are signals inside their module and need no entry.
NOT_USER_FACING = {
    "Cancelled": "a cancel, shown as nothing (exit 130)",
    "NvmlUnavailable": "an absence the GPU scan notes, never raised out of it",
    "DisplayEnumerationError": "unlistable Windows adapters: a log line, never raised out",
    "FileBusyError": "an OSError (PermissionError) by contract; its callers wrap it",
}


def exception_classes() -> dict[str, tuple[str, list[str]]]:
    """Every class under app/ whose bases include an exception: name → (file, base names)."""
    found = {}
    known = set(BUILTIN_EXCEPTIONS)
    classes = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(base).split(".")[-1] for base in node.bases]
                classes.append((node.name, str(path.relative_to(ROOT)), bases))
    for _ in range(5):  # subclasses of subclasses, in any file order
        for name, path, bases in classes:
            if any(base in known for base in bases) or name in known:
                known.add(name)
                found[name] = (path, bases)
    return found


def test_every_error_under_app_is_a_user_error_or_a_failed_step():
    classes = exception_classes()
    ours = {"SetupError", "UserError", "StepError"}
    outside = {
        name: f"{path}: ({', '.join(bases)})"
        for name, (path, bases) in classes.items()
        if name not in ours
        and name not in NOT_USER_FACING
        and not name.startswith("_")
        and not any(base in ours or base in classes and base not in NOT_USER_FACING
                    for base in bases)
    }  # fmt: skip
    assert outside == {}, "subclass app.errors.UserError or StepError"
    for name in ("ToolkitError", "CudnnError", "DownloadError", "UndoError", "ProfileError"):
        assert name in classes  # the scan sees the classes it is about


@pytest.mark.parametrize(
    ("module", "name", "kind"),
    [
        ("app.steps.toolkit", "ToolkitError", StepError),
        ("app.steps.cudnn.archive", "CudnnError", StepError),
        ("app.steps.envs.miniforge", "ProvideError", StepError),
        ("app.steps.download", "DownloadError", StepError),
        ("app.steps.undo", "UndoError", StepError),
        ("app.steps.install", "InstallError", StepError),
        ("app.steps.envs", "EnvError", StepError),
        ("app.steps.pathreg", "PathRegError", StepError),
        ("app.proc", "ProcError", StepError),
        ("app.elevate", "ElevationError", StepError),
        ("app.profile", "ProfileError", UserError),
    ],
)
def test_each_steps_error_has_its_place_and_exit_status(module, name, kind):
    import importlib

    error_type = getattr(importlib.import_module(module), name)
    assert issubclass(error_type, kind)
    assert exit_code(error_type("what happened")) == (2 if kind is UserError else 1)


def test_a_profile_error_is_still_a_value_error():
    from app.profile import ProfileError

    assert issubclass(ProfileError, ValueError)


def test_the_message_is_one_line_and_keeps_a_translatable_text():
    from app.text import translate

    text = translate("errors", "The manifest has no nvcc for this platform.")
    error = StepError(text)
    assert error.args[0] is text  # what the GUI renders in its language
    assert StepError("pip failed:\n  line one\n\n  line two  ").message == (
        "pip failed: line one line two"
    )
    assert StepError().message == "StepError"  # never an empty line
    assert one_line("  a \r\n b ") == "a b"


def test_a_refusal_keeps_the_message_and_the_cause():
    from app.steps.cudnn.archive import CudnnError

    cause = CudnnError("needs another archive", needs_admin=True)
    refused = refusal(cause)
    assert isinstance(refused, UserError) and refused.exit_code == 2
    assert refused.message == "needs another archive" and refused.__cause__ is cause
    already = UserError("bad")
    assert refusal(already) is already


def test_exit_codes():
    assert exit_code(UserError("x")) == 2
    assert exit_code(StepError("x")) == 1
    assert exit_code(SetupError("x")) == 1
    assert exit_code(Cancelled()) == 130
    assert exit_code(KeyboardInterrupt()) == 130
    assert exit_code(RuntimeError("x")) == 1
