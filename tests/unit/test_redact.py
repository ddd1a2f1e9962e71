"""Shared reports keep no user name, home folder or host name."""

from __future__ import annotations

import json

from app.redact import redact


def test_windows_home_in_every_spelling():
    home = r"C:\Users\홍길동"
    text = "\n".join(
        [
            r"Target Python  C:\Users\홍길동\venv\Scripts\python.exe",
            json.dumps({"executable": r"c:\users\홍길동\venv\Scripts\python.exe"}),
            "C:/Users/홍길동/miniforge3",
            "logged in as 홍길동 on DESKTOP-7Q2",
        ]
    )
    out = redact(text, home=home, user="홍길동", host="DESKTOP-7Q2")
    assert "홍길동" not in out and "DESKTOP-7Q2" not in out
    assert r"~\venv\Scripts\python.exe" in out
    assert "~/miniforge3" in out
    assert "logged in as <user> on <host>" in out


def test_posix_home_and_words_that_merely_contain_the_name():
    out = redact("/home/ann/.venv/bin/python ann annex", home="/home/ann", user="ann", host="box")
    assert out == "~/.venv/bin/python <user> annex"
