"""Whether the tests run in the Windows lane (a real Windows CPython under Wine), so a test can
skip what Wine cannot do (a real window, UAC, symlinks) with that reason, never silently."""

from __future__ import annotations

import functools
import os


@functools.cache
def under_wine() -> bool:
    if os.name != "nt":
        return False
    import winreg

    try:
        winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"Software\Wine").Close()
    except OSError:
        return False
    return True
