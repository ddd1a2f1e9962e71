"""PATH transforms: pure, idempotent, and add-then-remove gives back the value to the byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from app.steps import pathreg

ENV = {"SystemRoot": r"C:\Windows", "CUDA_PATH": r"C:\CUDA\v12.6", "USERPROFILE": r"C:\Users\김"}

# Characters PATH values really hold, Korean and quotes included; never the separator itself.
CHARS = st.sampled_from(list("abcXYZ019 .-_()\\/:\"'%$~") + list("김치툴킷") + ["é", "\u00a0"])
SPECIAL = st.sampled_from(
    [
        "",  # makes ";;"
        r"%SystemRoot%\system32",
        r"%SystemRoot%",
        r"%USERPROFILE%\AppData\Local\Microsoft\WindowsApps",
        r"%CUDA_PATH%\bin",
        r'"C:\Program Files\Git\cmd"',
        r"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v11.3\bin",
        r"C:\사용자\도구\bin\\",
    ]
)


def items(sep: str):
    return st.lists(st.one_of(st.text(CHARS, max_size=40), SPECIAL), max_size=40).map(
        lambda parts: [p.replace(sep, "") for p in parts]
    )


def entries(sep: str):
    entry = st.text(CHARS, min_size=1, max_size=30).map(lambda t: t.replace(sep, "x"))
    return st.lists(entry, min_size=1, max_size=3)


@pytest.mark.parametrize("sep", [";", ":"])
def test_remove_after_add_gives_back_every_byte(sep):
    long = [r"%SystemRoot%\system32", "", "", *[f"C:\\도구 {n}\\bin" for n in range(700)], ""]

    @settings(max_examples=150, deadline=None)
    @given(items(sep), entries(sep))
    @example([p.replace(sep, "") for p in long], ["C:\\새 폴더\\bin".replace(sep, "")])
    def check(parts, new):
        value = sep.join(parts)
        env = ENV if sep == ";" else None
        assume(all(pathreg.normalize(e, sep, env) for e in new))
        assume(not any(pathreg.contains(value, e, sep, env) for e in new))
        keys = [pathreg.normalize(e, sep, env) for e in new]
        assume(len(set(keys)) == len(keys))
        added = pathreg.add_entries(value, new, sep, env)
        assert pathreg.split(added, sep)[: len(new)] == new
        assert pathreg.remove_entries(added, new, sep) == value
        assert pathreg.add_entries(added, new, sep, env) == added

    check()


@pytest.mark.parametrize("sep", [";", ":"])
def test_add_is_idempotent_even_when_entries_are_already_there(sep):
    @settings(max_examples=100, deadline=None)
    @given(items(sep), entries(sep), st.data())
    def check(parts, new, data):
        if parts and data.draw(st.booleans()):
            new = [*new, data.draw(st.sampled_from(parts))]  # one maybe already present
        assume(all(pathreg.normalize(e, sep) for e in new))
        once = pathreg.add_entries(sep.join(parts), new, sep, ENV)
        assert pathreg.add_entries(once, new, sep, ENV) == once

    check()


def test_windows_presence_ignores_case_quotes_slashes_and_var_form():
    value = r'"C:\CUDA\V12.6\BIN\";D:\tools/'
    for form in [r"C:\CUDA\v12.6\bin", r"c:/cuda/v12.6/bin/", r"%CUDA_PATH%\bin", r"D:\Tools"]:
        assert pathreg.contains(value, form, ";", ENV)
        assert pathreg.add_entries(value, [form], ";", ENV) == value
    # %VAR% is expanded only to compare, never in what is stored.
    stored = pathreg.add_entries(r"%SystemRoot%\system32", [r"%CUDA_PATH%\bin"], ";", {})
    assert stored == r"%CUDA_PATH%\bin;%SystemRoot%\system32"


def test_separators_and_empty_values_are_kept():
    assert pathreg.add_entries("", ["X"], ";") == "X"
    assert pathreg.remove_entries("X", ["X"], ";") == ""
    assert pathreg.add_entries(";a;;b;", ["X"], ";") == "X;;a;;b;"
    assert pathreg.remove_entries("X;;a;;b;", ["X"], ";") == ";a;;b;"


def test_remove_takes_only_the_exact_entries_given():
    value = r"C:\T\bin;c:\t\BIN;%CUDA_PATH%\bin;C:\T\bin"
    # Look-alikes stay; of two exact copies only the first (the one we put in front) goes.
    assert pathreg.remove_entries(value, [r"C:\T\bin"], ";") == r"c:\t\BIN;%CUDA_PATH%\bin;C:\T\bin"
    assert pathreg.remove_entries(value, [r"C:\Other"], ";") == value


def test_an_empty_or_separator_holding_entry_is_refused():
    for bad in ["", '""', "a;b"]:
        with pytest.raises(ValueError):
            pathreg.add_entries("x", [bad], ";")


def test_toolkit_entries(tmp_path):
    root = tmp_path / "v13.0"
    (root / "libnvvp").mkdir(parents=True)
    win = pathreg.toolkit_entries(root, True, "13.0")
    assert [Path(e.replace("\\", "/")).name for e in win] == ["bin", "x64", "libnvvp"]
    assert all("\\" in e and "include" not in e for e in win)
    assert pathreg.toolkit_entries(Path(r"C:\CUDA\v12.6"), True, "12.6") == [r"C:\CUDA\v12.6\bin"]
    assert pathreg.toolkit_entries(Path("/opt/cuda 12"), False, "12.6") == ["/opt/cuda 12/bin"]


def test_toolkit_version_from_files_then_header_then_name(tmp_path):
    """PATH's version is the one reader's (app.scan.toolkits), shortened: its label and
    CUDA_PATH_Vx_y need major.minor, and a folder's name counts where nothing else says."""
    a = tmp_path / "a"
    a.mkdir()
    (a / "version.json").write_text(json.dumps({"cuda": {"version": "12.6.3"}}), "utf-8")
    assert pathreg.toolkit_version(a) == "12.6.3"
    assert pathreg.short_version(pathreg.toolkit_version(a)) == "12.6"
    b = tmp_path / "b" / "targets" / "x86_64-linux" / "include"
    b.mkdir(parents=True)
    (b / "cuda.h").write_text("#define CUDA_VERSION 13000\n", "utf-8")
    assert pathreg.toolkit_version(tmp_path / "b") == "13.0"
    assert pathreg.toolkit_version(tmp_path / "cuda-11.8", from_name=True) == "11.8"
    assert pathreg.toolkit_version(tmp_path / "cuda-11.8") is None  # a name alone: not by default
    assert pathreg.toolkit_version(tmp_path / "CUDA 툴킷", from_name=True) is None


def test_warnings_length_duplicates_and_shadowing():
    ours = [r"C:\CUDA\v12.6\bin"]
    old = r"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v11.3\bin"
    short = pathreg.add_entries(r"C:\a;C:\A\\", ours, ";")
    found = pathreg.warnings(short, ours, ";", before=[old], cuda_version="12.6")
    codes = {f.code: f for f in found}
    assert set(codes) == {"duplicates", "shadowed"}
    assert "an older CUDA toolkit (CUDA 11.3)" in codes["shadowed"].message
    assert r"C:\A" in codes["duplicates"].message
    long = pathreg.add_entries("x" * 2_100, ours, ";")
    assert [f.code for f in pathreg.warnings(long, ours, ";")] == ["long"]
    too_long = pathreg.add_entries("x" * 32_760, ours, ";")
    (finding,) = pathreg.warnings(too_long, ours, ";")
    assert finding.code == "too_long" and finding.blocking
    # A toolkit after ours shadows nothing.
    after = pathreg.add_entries(old, ours, ";")
    assert pathreg.warnings(after, ours, ";", cuda_version="12.6") == []
