"""One error contract for the engine: every error the user can meet is a SetupError.

- UserError (exit 2): the input is wrong, or the request is refused before anything changed
  (a profile that cannot be read, a folder that is a file, a toolkit that is not one). The user
  changes the command and tries again.
- StepError (exit 1): a step the user agreed to failed (a download, pip, an unpack, an undo).
  Each step's own error type (ToolkitError, CudnnError, ...) subclasses it.
- PlanMismatch (exit 3, a UserError): `apply` refuses a plan that does not fit this PC (another
  OS, a GPU or driver it lacks, an environment it may not write): nothing changed, and the exit
  status tells a deployment tool "wrong PC for this plan" apart from bad input and failure.

Each carries its message as its first argument: a str, or a translatable Text (app/text.py) that
the GUI shows in its language. `message` is that text as one line, which is what the CLI prints.
The CLI maps these once (app/cli.py: main); anything else is unexpected and reaches the user as
one line too, with the traceback in the log file only.
"""

from __future__ import annotations

from app.events import Cancelled

EXIT_STEP_FAILED = 1
EXIT_USER_ERROR = 2
EXIT_REFUSED = 3  # apply: the plan does not fit this PC
EXIT_CANCELLED = 130  # 128 + SIGINT, what a shell shows for Ctrl-C


class SetupError(Exception):
    """An error the user is shown as one line: what happened, and what to do."""

    exit_code = EXIT_STEP_FAILED

    @property
    def message(self) -> str:
        """The message as one line (a multi-line message is joined with spaces)."""
        text = str(self.args[0]) if self.args else ""
        return one_line(text) or type(self).__name__


class UserError(SetupError):
    """Bad input, or a refusal before anything changed: exit status 2."""

    exit_code = EXIT_USER_ERROR


class PlanMismatch(UserError):
    """The plan does not fit this PC (app/lab/fit.py); refused before anything changed."""

    exit_code = EXIT_REFUSED


class StepError(SetupError):
    """A step that failed after the user agreed to it: exit status 1."""

    exit_code = EXIT_STEP_FAILED


def refusal(error: SetupError) -> UserError:
    """A step's error met before anything changed (its checks refused the request): the user
    error it is, with the same message (the original stays the cause)."""
    if isinstance(error, UserError):
        return error
    refused = UserError(*error.args)
    refused.__cause__ = error
    return refused


def exit_code(error: BaseException) -> int:
    """The exit status for an error that ended a command."""
    if isinstance(error, (Cancelled, KeyboardInterrupt)):
        return EXIT_CANCELLED
    if isinstance(error, SetupError):
        return error.exit_code
    return EXIT_STEP_FAILED


def one_line(text: str) -> str:
    """Lines joined by single spaces, blank lines and surrounding space dropped."""
    return " ".join(line.strip() for line in str(text).splitlines() if line.strip())
