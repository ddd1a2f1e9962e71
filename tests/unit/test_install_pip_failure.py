"""pip_failure: the line of pip's output that says why an install failed (pip 24-25 output)."""

from __future__ import annotations

from app.steps.install import pip_failure

CONFLICT = """\
Looking in indexes: https://download.pytorch.org/whl/cpu
ERROR: Cannot install torch==2.13.0 because these package versions have conflicting dependencies.

The conflict is caused by:
    The user requested torch==2.13.0
    The user requested (constraint) torch<=2.14.1

To fix this you could try to:
1. loosen the range of package versions you've specified
2. remove package versions to allow pip to attempt to solve the dependency conflict

ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts
"""

NOT_FOUND = """\
Looking in indexes: https://download.pytorch.org/whl/cu126
ERROR: Could not find a version that satisfies the requirement torch==2.99.0 (from versions: 2.6.0)
ERROR: No matching distribution found for torch==2.99.0
"""


def test_a_conflict_names_what_caused_it_not_the_help_url():
    assert pip_failure(CONFLICT.splitlines()) == (
        "ERROR: Cannot install torch==2.13.0 because these package versions have conflicting "
        "dependencies: The user requested torch==2.13.0; The user requested (constraint) "
        "torch<=2.14.1"
    )


def test_otherwise_the_last_error_line():
    assert pip_failure(NOT_FOUND.splitlines()) == (
        "ERROR: No matching distribution found for torch==2.99.0"
    )


def test_no_error_line_gives_the_last_line_and_nothing_gives_nothing():
    assert pip_failure(["Collecting torch", "Killed", ""]) == "Killed"
    assert pip_failure([]) == ""
    only_help = ["ERROR: ResolutionImpossible: for help visit https://x"]
    assert pip_failure(only_help) == only_help[0]
