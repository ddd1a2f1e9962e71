"""Windows: the user PATH and CUDA_PATH in HKCU\\Environment, edited like rustup does.

The value is read raw (QueryValueEx does not expand %VAR%), its type is kept, only our entries
are added or removed, and os.environ's PATH (system + user, expanded) is never written back —
that copy-back is how the set-variable command damages PATH. Every write re-reads first and
stops if another program changed the values meanwhile; one WM_SETTINGCHANGE follows each write.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PureWindowsPath
from typing import Any

from app import winenv
from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.steps.pathreg import common as path_common
from app.steps.pathreg.common import Finding, PathRegError, Preview
from app.steps.pathreg.registry import KEY, REG_EXPAND_SZ, REG_SZ, Registry, WinRegistry
from app.text import translate

PATH = "Path"
SEP = ";"


@dataclass
class _State:
    reads: dict[str, tuple[Any, int] | None]  # what was read, compared again before writing
    path: str
    proposed: str
    added: list[str]
    variables: dict[str, str]  # only those to write (a new program would see another value)
    preview: Preview


class WindowsBackend:
    kind = "windows"

    def __init__(self, registry: Registry | None = None, environ: Mapping[str, str] | None = None):
        self.registry = registry or WinRegistry()
        # Only to expand %VAR% when comparing entries; never written anywhere.
        self.environ = dict(os.environ if environ is None else environ)

    def _read(self, name: str) -> tuple[str, int] | None:
        """A string value, or None when absent; anything else stops us before any write."""
        try:
            found = self.registry.read(name)
        except OSError as exc:
            raise PathRegError(
                translate(
                    "errors",
                    "Could not read {name} from {KEY} ({exc}); nothing was changed. "
                    "Check that your account may edit its environment and try again.",
                ).format(name=name, KEY=KEY, exc=exc)
            ) from None
        if found is not None and (
            found[1] not in (REG_SZ, REG_EXPAND_SZ) or not isinstance(found[0], str)
        ):
            raise PathRegError(
                translate(
                    "errors",
                    "{name} in {KEY} is not text (registry type {found}); the assistant "
                    "will not edit it. Fix it in Windows' Environment Variables dialog. "
                    "Nothing was changed.",
                ).format(name=name, KEY=KEY, found=found[1])
            )
        return found

    def _snapshot(self, names: list[str]) -> dict[str, tuple[Any, int] | None]:
        return {name: self._read(name) for name in names}

    def _machine(self, name: str) -> str | None:
        found = self.registry.read_machine(name)
        return found[0] if found and isinstance(found[0], str) else None

    def _state(self, toolkit: Path, version: str | None) -> _State:
        entries = path_common.toolkit_entries(toolkit, True, version)
        root = str(PureWindowsPath(str(toolkit)))
        variables = {"CUDA_PATH": root}
        if major_minor := path_common.major_minor(version):
            variables["CUDA_PATH_V{}_{}".format(*major_minor)] = root
        reads = self._snapshot([PATH, *variables])
        path_read = reads[PATH]
        path = path_read[0] if path_read else ""
        env = {**self.environ, **variables}  # %CUDA_PATH%\bin then names the new toolkit
        # The machine PATH is expanded with the machine's own variables, as Windows does.
        machine_vars = {n: self._machine(n) for n in variables}
        machine_env = {**self.environ, **{n: v for n, v in machine_vars.items() if v}}
        machine_path = self._machine(PATH) or ""
        before = path_common.split(machine_path, SEP)
        on_system = [e for e in entries if path_common.contains(machine_path, e, SEP, machine_env)]
        wanted = [e for e in entries if e not in on_system]
        proposed = path_common.add_entries(path, wanted, SEP, env)
        added = [line.text for line in path_common.lines(path, proposed, SEP) if line.new]
        found = path_common.warnings(
            proposed, entries, SEP, before=before, env=env, cuda_version=version
        )
        if on_system:
            found.append(
                Finding(
                    "on_system_path",
                    translate(
                        "path",
                        "{entries} is already on the system PATH (for all users of this PC, "
                        "put there by NVIDIA's installer or an administrator): it is not "
                        "added to your user PATH again.",
                    ).format(entries=", ".join(on_system)),
                )
            )
        if path_read and path_read[1] == REG_SZ and "%" in path:
            found.append(
                Finding(
                    "not_expanded",
                    translate(
                        "path",
                        "Your user PATH is stored as plain text (REG_SZ), so Windows does "
                        "not expand its %VARIABLE% entries; its type is kept as it is.",
                    ),
                )
            )
        now = {name: _data(reads[name]) for name in variables}
        changed = {}  # the variables to write: those whose value a new program sees differs
        for name, value in variables.items():
            current = now[name]
            seen = current if current is not None else machine_vars[name]
            if not seen or path_common.normalize(seen, SEP, machine_env) != path_common.normalize(
                value, SEP
            ):
                changed[name] = value
            if current and path_common.normalize(current, SEP) != path_common.normalize(value, SEP):
                found.append(
                    Finding(
                        "replaces",
                        translate(
                            "path",
                            "{name} now names {now}; it will name {value} (undo puts the old "
                            "value back).",
                        ).format(name=name, now=now[name], value=value),
                    )
                )
        found += self._shadow_findings(changed)
        preview = Preview(
            toolkit=root,
            version=version,
            backend=self.kind,
            where=[KEY],
            current=path_common.split(path, SEP),
            proposed=path_common.lines(path, proposed, SEP),
            variables=variables,
            variables_before=now,
            warnings=found,
            already_registered=not added and not changed,
            before=before,
        )
        return _State(reads, path, proposed, added, changed, preview)

    def _shadow_findings(self, changed: Mapping[str, str]) -> list[Finding]:
        """A user CUDA_PATH (after the change) hiding the machine-wide one: say which wins."""
        try:
            values = winenv.read(self.registry)
        except OSError:
            return []
        user = {n: v for n, (v, _) in values.user.items()}
        for name, value in changed.items():
            user = {n: v for n, v in user.items() if n.casefold() != name.casefold()}
            user[name] = value
        machine = {n: v for n, (v, _) in values.machine.items()}
        return [
            Finding("cuda_path_shadow", shadow.message)
            for shadow in winenv.shadows(user, machine, self.environ)
        ]

    def preview(self, toolkit: Path, version: str | None) -> Preview:
        return self._state(toolkit, version).preview

    def add(
        self,
        toolkit: Path,
        version: str | None,
        reporter: Reporter,
        cancel: CancelToken,
        journal: Journal,
    ) -> Entry | None:
        state = self._state(toolkit, version)
        if state.preview.blocked:
            raise PathRegError(state.preview.blocked.message)
        for finding in state.preview.warnings:
            reporter.warn(finding.message)
        if state.preview.already_registered:
            reporter.log(f"{state.preview.toolkit} is already registered: nothing to do.")
            return None
        path_read = state.reads[PATH]
        before_type = path_read[1] if path_read else None
        kind = before_type or REG_EXPAND_SZ  # Windows' own default for the user PATH
        if kind == REG_SZ and any("%" in e for e in state.added):
            kind = REG_EXPAND_SZ  # our entry must be expanded to work
        writes: list[tuple[str, str, int]] = []
        if state.added:
            writes.append((PATH, state.proposed, kind))
        variables = {}
        previous = path_common.registrations(journal, self.kind)
        for name, value in state.variables.items():
            now = state.reads[name]
            variables[name] = {
                "before": now[0] if now else None,
                "before_type": now[1] if now else None,
                "after": value,
                # the registration whose value this replaces, so undo can follow the chain
                "replaces": next((e.id for e in previous if _set(e, name, now)), None),
            }
            writes.append((name, value, REG_EXPAND_SZ if "%" in value else REG_SZ))
        cancel.raise_if_set()
        entry = journal.record(
            path_common.STEP,
            "user_env",
            backend=self.kind,
            toolkit=state.preview.toolkit,
            version=version,
            path={
                "added": state.added,
                "created": path_read is None,
                "before_type": before_type,
                "type": kind,
            },
            variables=variables,
        )
        try:
            self._write(state.reads, writes, [], reporter)
        except PathRegError:
            journal.mark_undone(entry, aborted=True)
            raise
        reporter.log(f"Registered {state.preview.toolkit} in {KEY}. {path_common.NOTE}")
        return entry

    def _write(self, reads, writes, deletes, reporter: Reporter) -> None:
        """Write only if nothing changed since `reads`; then one broadcast."""
        if self._snapshot(list(reads)) != reads:
            raise PathRegError(
                translate(
                    "errors",
                    "Another program changed {KEY} while the assistant was working; "
                    "nothing was changed. Try again.",
                ).format(KEY=KEY)
            )
        try:
            for name, value, kind in writes:
                self.registry.write(name, value, kind)
            for name in deletes:
                self.registry.delete(name)
        except OSError as exc:
            raise PathRegError(
                translate(
                    "errors",
                    "Writing {KEY} failed ({exc}); what was written can be undone (undo --last).",
                ).format(KEY=KEY, exc=exc)
            ) from None
        if (writes or deletes) and not self.registry.broadcast():
            reporter.warn(
                "Some programs did not confirm the change; sign out and in if a new "
                "terminal does not see it."
            )

    def undo(self, entry: Entry, reporter: Reporter, cancel: CancelToken, journal: Journal) -> None:
        variables: dict[str, dict] = entry.data.get("variables", {})
        record = entry.data.get("path", {})
        reads = self._snapshot([PATH, *variables])
        writes: list[tuple[str, str, int]] = []
        deletes: list[str] = []
        current = reads[PATH]
        if current is None:
            reporter.log(f"{PATH} is no longer in {KEY}: nothing to take out of it.")
        else:
            remaining = path_common.remove_entries(current[0], record.get("added", []), SEP)
            if record.get("created") and remaining == "":
                deletes.append(PATH)
            elif remaining != current[0]:
                kind = current[1]
                if record.get("before_type") and current[1] == record.get("type"):
                    kind = record["before_type"]  # we changed the type: change it back
                writes.append((PATH, remaining, kind))
            gone = [
                e for e in record.get("added", []) if e not in path_common.split(current[0], SEP)
            ]
            if gone:
                reporter.log("Already gone from PATH: " + ", ".join(gone))
        for name, own in variables.items():
            now = reads[name]
            if not now or now[0] != own["after"]:
                reporter.log(f"{name} no longer holds what the assistant set; it is left alone.")
                continue
            chosen = path_common.chain_value(journal, own, partial(_var, name=name))
            if chosen["before"] is None:
                deletes.append(name)
            else:
                writes.append((name, chosen["before"], chosen["before_type"] or REG_SZ))
        cancel.raise_if_set()
        self._write(reads, writes, deletes, reporter)
        journal.mark_undone(entry, written=[w[0] for w in writes], deleted=deletes)
        reporter.log(f"Took {entry.data.get('toolkit')} out of {KEY}.")

    def show(self, journal: Journal) -> str:
        path = self._read(PATH)
        out = [
            f"User PATH in {KEY}"
            + (f" ({_type_name(path[1])}, {len(path[0]):,} characters):" if path else ": not set")
        ]
        out += [f"  {item}" for item in path_common.split(path[0] if path else "", SEP)]
        found = path_common.registrations(journal, self.kind)
        names = {"CUDA_PATH"} | {n for e in found for n in e.data.get("variables", {})}
        for name in sorted(names):
            value = self._read(name)
            out.append(f"{name} = {value[0] if value else '(not set)'}")
            machine = self._machine(name)
            if machine:
                out.append(f"{name} (all users) = {machine}")
        out += [f"[warn] {s.message}" for s in winenv.registry_shadows(self.registry, self.environ)]
        out.append(path_common.describe(found))
        return "\n".join(out)


def _data(read: tuple[Any, int] | None) -> Any:
    """A value's data; None when there is no such value."""
    return read[0] if read else None


def _var(entry: Entry, name: str) -> dict | None:
    return entry.data.get("variables", {}).get(name)


def _set(entry: Entry, name: str, now: tuple[str, int] | None) -> bool:
    own = _var(entry, name)
    return bool(now and own and own["after"] == now[0])


def _type_name(kind: int) -> str:
    return {REG_SZ: "REG_SZ", REG_EXPAND_SZ: "REG_EXPAND_SZ"}.get(kind, str(kind))
