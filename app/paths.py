"""Where the assistant keeps its state, logs and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "pytorch-setup"


def is_frozen() -> bool:
    """True inside the packaged executable, where sys.executable is our own program."""
    return bool(getattr(sys, "frozen", False))


def state_dir() -> Path:
    """Journal, backups and downloads cache: $PYTORCH_SETUP_HOME, else the platform state dir."""
    home = os.environ.get("PYTORCH_SETUP_HOME")
    if home:
        return Path(home)
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = os.environ.get("PYTORCH_SETUP_HOME")
    if home:
        return Path(home) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def read_text(path: str | os.PathLike) -> str | None:
    """A small text file (version file, header, os-release), or None when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def resources_dir() -> Path:
    """resources/ beside the packages in a checkout, or inside the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
