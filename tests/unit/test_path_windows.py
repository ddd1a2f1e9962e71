"""The Windows backend on an in-memory HKCU\\Environment (the tests run on any system)."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path, PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.events import CancelToken, Reporter
from app.journal import Journal
from app.steps import pathreg
from app.steps.pathreg import PathRegError
from app.steps.pathreg.registry import REG_BINARY, REG_EXPAND_SZ, REG_SZ, InMemoryRegistry
from app.steps.pathreg.windows import WindowsBackend

pytestmark = pytest.mark.windows  # Windows code; also run in the Wine lane
ROOT = Path(__file__).resolve().parents[2]
SYSTEM_ENTRIES = [
    r"%SystemRoot%\system32",
    r"%SystemRoot%",
    r"%SystemRoot%\System32\Wbem",
    r"%SYSTEMROOT%\System32\WindowsPowerShell\v1.0\\",
    r"%USERPROFILE%\AppData\Local\Microsoft\WindowsApps",
]


class Collect(Reporter):
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.warnings: list[str] = []

    def log(self, message: str, level: int = 20) -> None:
        self.lines.append(message)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


def make_toolkit(folder: Path, version: str) -> Path:
    (folder / "bin").mkdir(parents=True)
    (folder / "bin" / "nvcc.exe").write_bytes(b"MZ")
    (folder / "version.json").write_text(json.dumps({"cuda": {"version": version}}), "utf-8")
    return folder


@pytest.fixture
def toolkit(tmp_path) -> Path:
    return make_toolkit(tmp_path / "CUDA 툴킷" / "v12.6", "12.6.3")


@pytest.fixture
def journal(tmp_path) -> Journal:
    return Journal(tmp_path / "journal.jsonl")


def win(path: Path) -> str:
    return str(PureWindowsPath(str(path)))


def long_path_value(length: int) -> str:
    parts, n = list(SYSTEM_ENTRIES), 0
    while len(";".join(parts)) < length:
        parts.append(rf"C:\Program Files\Tool {n}\한글 폴더\bin")
        n += 1
    return ";".join(parts)


def test_long_expand_sz_path_keeps_its_vars_and_type_through_add_and_remove(toolkit, journal):
    original = long_path_value(3_000)
    registry = InMemoryRegistry({"Path": (original, REG_EXPAND_SZ)})
    backend = WindowsBackend(registry, environ={"SystemRoot": r"C:\Windows"})
    reporter = Collect()
    entry = pathreg.add(toolkit, reporter, CancelToken(), backend=backend, journal=journal)
    value, kind = registry.values["Path"]
    assert kind == REG_EXPAND_SZ
    assert value == win(toolkit / "bin") + ";" + original  # %SystemRoot% still unexpanded
    assert registry.values["CUDA_PATH"] == (win(toolkit), REG_SZ)
    assert registry.values["CUDA_PATH_V12_6"] == (win(toolkit), REG_SZ)
    assert registry.broadcasts == 1
    assert any("2,047" in w for w in reporter.warnings)
    assert entry.step == "pathreg" and entry.action == "user_env"
    assert entry.data["path"]["added"] == [win(toolkit / "bin")]

    assert pathreg.remove(toolkit, reporter, CancelToken(), backend=backend, journal=journal) == 1
    assert registry.values == {"Path": (original, REG_EXPAND_SZ)}
    assert registry.broadcasts == 2
    assert journal.pending() == []


def test_registry_round_trip_keeps_value_and_type(tmp_path_factory):
    toolkit = make_toolkit(tmp_path_factory.mktemp("tk") / "v13.0", "13.0.1")
    folder = tmp_path_factory.mktemp("journals")
    chars = st.sampled_from(list("abcXYZ019 .-_()\\/:\"'%") + list("김치툴킷"))
    part = st.one_of(st.text(chars, max_size=50), st.sampled_from(["", *SYSTEM_ENTRIES]))
    value = st.lists(part, max_size=60).map(lambda p: ";".join(x.replace(";", "") for x in p))

    @settings(max_examples=40, deadline=None)
    @given(value, st.sampled_from([REG_SZ, REG_EXPAND_SZ]))
    def check(original, kind):
        registry = InMemoryRegistry({"Path": (original, kind)})
        backend = WindowsBackend(registry, environ={})
        journal = Journal(folder / f"{uuid.uuid4().hex}.jsonl")
        entry = pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
        assert registry.values["Path"][1] == kind  # our entries hold no %: the type stays
        pathreg.undo(entry, Collect(), CancelToken(), journal, backend=backend)
        assert registry.values == {"Path": (original, kind)}
        assert registry.broadcasts == 2

    check()


def test_a_missing_path_is_created_and_deleted_again(toolkit, journal):
    registry = InMemoryRegistry()
    backend = WindowsBackend(registry, environ={})
    entry = pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    assert registry.values["Path"] == (win(toolkit / "bin"), REG_EXPAND_SZ)
    assert entry.data["path"]["created"] is True
    pathreg.undo(entry, Collect(), CancelToken(), journal, backend=backend)
    assert registry.values == {}


def test_a_created_path_the_user_added_to_is_kept_without_our_entry(toolkit, journal):
    registry = InMemoryRegistry()
    backend = WindowsBackend(registry, environ={})
    entry = pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    registry.values["Path"] = (registry.values["Path"][0] + r";D:\mine", REG_EXPAND_SZ)
    pathreg.undo(entry, Collect(), CancelToken(), journal, backend=backend)
    assert registry.values == {"Path": (r"D:\mine", REG_EXPAND_SZ)}


@pytest.mark.parametrize("broken", ["binary", "failing read"])
def test_a_value_that_is_not_text_or_cannot_be_read_is_refused(toolkit, journal, broken):
    registry = InMemoryRegistry({"Path": (b"\x01\x02", REG_BINARY)})
    if broken == "failing read":
        registry = InMemoryRegistry({"Path": (r"C:\x", REG_EXPAND_SZ)})
        registry.failing.add("Path")
    before = dict(registry.values)
    backend = WindowsBackend(registry, environ={})
    with pytest.raises(PathRegError, match="nothing was changed|Nothing was changed"):
        pathreg.preview(toolkit, backend)
    with pytest.raises(PathRegError):
        pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    assert registry.operations == [] and registry.broadcasts == 0
    assert registry.values == before
    assert journal.entries() == []


def test_a_result_over_32767_characters_is_refused(toolkit, journal):
    original = long_path_value(32_760)
    registry = InMemoryRegistry({"Path": (original, REG_EXPAND_SZ)})
    backend = WindowsBackend(registry, environ={})
    preview = pathreg.preview(toolkit, backend)
    assert preview.blocked is not None and "32,767" in preview.blocked.message
    with pytest.raises(PathRegError, match="32,767"):
        pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    assert registry.operations == [] and registry.broadcasts == 0


def test_a_change_between_read_and_write_aborts(toolkit, journal):
    registry = InMemoryRegistry({"Path": (r"C:\a", REG_EXPAND_SZ)})
    registry.change_after_read("Path", (r"C:\a;C:\b", REG_EXPAND_SZ), reads=1)
    backend = WindowsBackend(registry, environ={})
    with pytest.raises(PathRegError, match="Another program changed"):
        pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    assert registry.operations == [] and registry.broadcasts == 0
    assert registry.values == {"Path": (r"C:\a;C:\b", REG_EXPAND_SZ)}
    assert journal.pending() == []  # the aborted attempt is not left for undo


def test_one_broadcast_per_write_and_none_without_a_write(toolkit, journal):
    registry = InMemoryRegistry({"Path": (r"C:\a", REG_SZ)})
    backend = WindowsBackend(registry, environ={})
    pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    assert [op[1] for op in registry.operations] == ["Path", "CUDA_PATH", "CUDA_PATH_V12_6"]
    assert registry.broadcasts == 1
    again = pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    assert again is None and registry.broadcasts == 1 and len(registry.operations) == 3
    assert pathreg.preview(toolkit, backend).already_registered


def test_undo_restores_cuda_path_exactly(toolkit, journal):
    old = r"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v11.3"
    values = {
        "Path": (r"C:\a", REG_EXPAND_SZ),
        "CUDA_PATH": (old, REG_EXPAND_SZ),
        "CUDA_PATH_V11_3": (old, REG_SZ),
    }
    registry = InMemoryRegistry(values)
    backend = WindowsBackend(registry, environ={})
    preview = pathreg.preview(toolkit, backend)
    assert preview.variables_before == {"CUDA_PATH": old, "CUDA_PATH_V12_6": None}
    assert "replaces" in {f.code for f in preview.warnings}
    entry = pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    assert entry.data["variables"]["CUDA_PATH"]["before"] == old
    assert entry.data["variables"]["CUDA_PATH_V12_6"]["before"] is None
    pathreg.undo(entry, Collect(), CancelToken(), journal, backend=backend)
    assert registry.values == values


def test_undo_of_a_later_toolkit_skips_an_earlier_one_already_removed(tmp_path, journal):
    a = make_toolkit(tmp_path / "v12.6", "12.6.0")
    b = make_toolkit(tmp_path / "v13.0", "13.0.0")
    registry = InMemoryRegistry({"Path": (r"C:\a", REG_EXPAND_SZ)})
    backend = WindowsBackend(registry, environ={})
    pathreg.add(a, Collect(), CancelToken(), backend=backend, journal=journal)
    second = pathreg.add(b, Collect(), CancelToken(), backend=backend, journal=journal)
    assert second.data["variables"]["CUDA_PATH"]["before"] == win(a)
    pathreg.remove(a, Collect(), CancelToken(), backend=backend, journal=journal)
    assert registry.values["CUDA_PATH"][0] == win(b)  # b's registration is untouched
    pathreg.undo(second, Collect(), CancelToken(), journal, backend=backend)
    # Not a's value again: a was removed, so CUDA_PATH goes back to what it was before a.
    assert registry.values == {"Path": (r"C:\a", REG_EXPAND_SZ)}


def test_entries_already_present_in_another_form_are_not_added(toolkit, journal):
    registry = InMemoryRegistry({"Path": (r"%CUDA_PATH%\bin;C:\a", REG_EXPAND_SZ)})
    backend = WindowsBackend(registry, environ={})
    entry = pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    # %CUDA_PATH% will name the new toolkit, so its bin is already there: only variables change.
    assert entry.data["path"]["added"] == []
    assert registry.values["Path"] == (r"%CUDA_PATH%\bin;C:\a", REG_EXPAND_SZ)
    assert "Path" not in [op[1] for op in registry.operations]


def test_the_process_path_is_never_copied_into_the_registry(toolkit, journal, monkeypatch):
    monkeypatch.setenv("PATH", r"C:\MACHINE-AND-USER-MIXED;C:\Windows\system32")
    registry = InMemoryRegistry({"Path": (r"C:\a", REG_EXPAND_SZ)})
    pathreg.add(
        toolkit, Collect(), CancelToken(), backend=WindowsBackend(registry), journal=journal
    )
    assert not any("MACHINE-AND-USER-MIXED" in str(v) for v in registry.values.values())


def test_an_older_toolkit_on_the_system_path_is_reported(toolkit):
    old = r"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v11.3\bin"
    registry = InMemoryRegistry(
        {"Path": (r"C:\a;C:\A", REG_EXPAND_SZ)}, machine={"Path": (old, REG_EXPAND_SZ)}
    )
    preview = pathreg.preview(toolkit, WindowsBackend(registry, environ={}))
    assert preview.before == [old]
    assert [line.new for line in preview.proposed] == [True, False, False]
    assert {f.code for f in preview.warnings} == {"shadowed", "duplicates"}
    assert preview.variables == {"CUDA_PATH": win(toolkit), "CUDA_PATH_V12_6": win(toolkit)}
    assert preview.where == [r"HKEY_CURRENT_USER\Environment"] and preview.note


def test_show_and_a_posix_machine_refusing_a_registry_undo(toolkit, journal):
    registry = InMemoryRegistry()
    backend = WindowsBackend(registry, environ={})
    entry = pathreg.add(toolkit, Collect(), CancelToken(), backend=backend, journal=journal)
    text = pathreg.show(backend, journal)
    assert win(toolkit / "bin") in text and "CUDA_PATH_V12_6 = " in text and "12.6" in text
    from app.steps.pathreg.posix import PosixBackend

    with pytest.raises(PathRegError, match="Windows registry"):
        pathreg.undo(entry, Collect(), CancelToken(), journal, backend=PosixBackend())


def test_the_truncating_command_is_never_used_in_app_or_ui():
    word = "set" + "x"  # spelled apart so this file does not trip the same check
    pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("app", "ui")
        for path in (ROOT / folder).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
