"""Test-wide setup: Qt renders offscreen, and the assistant's state lives in a temp folder."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Journal, logs and caches of the code under test never touch the developer's real folders.
os.environ["PYTORCH_SETUP_HOME"] = tempfile.mkdtemp(prefix="pytorch-setup-tests-")
# Plans come from the bundled knowledge: no test asks pypi.org. Tests of the index reading
# turn this off and point the assistant at a loopback index (PYTORCH_SETUP_*_SIMPLE).
os.environ["PYTORCH_SETUP_OFFLINE"] = "1"
# Qt settings (the language chosen in the wizard) go to a temp folder too.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="pytorch-setup-config-")


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory) -> Path:
    """torch 2.13.0 (CPU) and its dependencies: that wheel lies on this machine's disk."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "torch==2.13.0",
            "-d",
            str(folder),
        ],
        check=True,
        timeout=900,
    )
    return folder
