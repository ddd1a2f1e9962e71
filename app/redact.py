"""Take the user name, home folder and host name out of text meant to be shared.

The scan's "Copy report" uses it now; the full `report` command (journal, log lines) will too.
"""

from __future__ import annotations

import getpass
import re
import socket
from pathlib import Path


def _who() -> tuple[str, str, str]:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name (containers) means nothing to hide
        user = ""
    return str(Path.home()), user, socket.gethostname()


def redact(
    text: str, home: str | None = None, user: str | None = None, host: str | None = None
) -> str:
    default_home, default_user, default_host = _who()
    home = default_home if home is None else home
    user = default_user if user is None else user
    host = default_host if host is None else host
    # The home folder in every spelling a report may hold: as is, with the other slash, and
    # JSON-escaped (C:\\Users\\me). Windows paths compare without case.
    for spelling in {home, home.replace("\\", "/"), home.replace("\\", "\\\\")}:
        if len(spelling) > 1:
            text = re.sub(
                re.escape(spelling), "~", text, flags=re.IGNORECASE if "\\" in home else 0
            )
    if len(user) > 1 and user not in ("root", "user"):
        text = re.sub(rf"(?<![\w.-]){re.escape(user)}(?![\w-])", "<user>", text)
    if len(host) > 1 and host != "localhost":
        text = re.sub(rf"(?<![\w.-]){re.escape(host)}(?![\w-])", "<host>", text)
    return text
