"""Linux/macOS: one managed block, between marker lines, in the profiles the user's shells read.

Like conda's `>>> conda initialize >>>` block: one block holds the current toolkit (adding
another toolkit replaces it; undo puts the earlier one back). Removing gives back the same
bytes the file had (path_block does the byte-exact, all-or-nothing file work).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from app.events import CancelToken, Reporter
from app.journal import Entry, Journal
from app.steps.base import begin
from app.steps.pathreg import common as path_common
from app.steps.pathreg.block import (
    Change,
    apply_changes,
    b64,
    block_toolkit,
    check_writable,
    find_block,
    library_dir,
    read_profile,
    render_block,
    separator,
    sha256,
    temp_for,
    unb64,
)
from app.steps.pathreg.common import Finding, PathRegError, Preview
from app.text import translate

SEP = ":"


class PosixBackend:
    kind = "posix"

    def __init__(
        self, home: str | os.PathLike | None = None, environ: Mapping[str, str] | None = None
    ):
        self.environ = dict(os.environ if environ is None else environ)
        self.home = Path(home) if home is not None else Path(self.environ.get("HOME") or "~")
        self.home = self.home.expanduser()

    def profiles(self) -> list[tuple[Path, str]]:
        """(file, who reads it) for the files a registration edits."""
        shell = Path(self.environ.get("SHELL", "")).name
        zdot = Path(self.environ.get("ZDOTDIR") or self.home)
        out = []
        bashrc = self.home / ".bashrc"
        if shell != "zsh" or _exists(bashrc):
            out.append((bashrc, "read by bash terminals"))
            login = next(
                (self.home / n for n in (".bash_profile", ".bash_login") if _exists(self.home / n)),
                None,
            )
            if login is not None:
                why = "read by bash login shells, instead of ~/.profile"
                out.append((login, why))
            else:
                out.append((self.home / ".profile", "read by login shells and desktop sessions"))
        if shell == "zsh" or _exists(zdot / ".zshrc"):
            out.append((zdot / ".zshrc", "read by zsh terminals"))
        return out

    def _changes(self, toolkit: Path, version: str | None, journal: Journal) -> list[Change]:
        block = render_block(toolkit, version)
        earlier = path_common.registrations(journal, self.kind)
        changes = []
        for path, why in self.profiles():
            target, old, mode = read_profile(path)
            data = old or b""
            span = find_block(data, path)
            record = {
                "path": str(path),
                "why": why,
                "created": old is None,
                "separator": "",
                "previous": None,
                "replaces": None,
                "block": b64(block),
                "sha256_before": sha256(old),
            }
            if span is None:
                sep = separator(data)
                new = data + sep + block
                record["separator"] = sep.decode("ascii")
            else:
                current = data[span[0] : span[1]]
                if current == block:
                    continue
                new = data[: span[0]] + block + data[span[1] :]
                record["previous"] = b64(current)
                record["replaces"] = next(
                    (e.id for e in earlier if (_file(e, path) or {}).get("block") == b64(current)),
                    None,
                )
            changes.append(Change(path, target, old, new, mode, record))
        return changes

    def preview(self, toolkit: Path, version: str | None) -> Preview:
        current = self.environ.get("PATH", "")
        entries = path_common.toolkit_entries(toolkit, False, version)
        proposed = path_common.add_entries(current, entries, SEP)
        found = path_common.warnings(proposed, entries, SEP, env=self.environ, cuda_version=version)
        changes: list[Change] = []
        try:
            changes = self._changes(toolkit, version, Journal())
            check_writable(changes)
        except PathRegError as exc:
            found.append(Finding("profile", str(exc), blocking=True))
        for change in changes:
            other = block_toolkit(unb64(change.record["previous"]) or b"")
            if other and other != str(toolkit):
                found.append(
                    Finding(
                        "replaces",
                        translate(
                            "path",
                            "{path} holds the block for {other}; it will be replaced (undo puts "
                            "it back).",
                        ).format(path=change.path, other=other),
                    )
                )
        lib = library_dir(toolkit)
        variables = {"CUDA_HOME": str(toolkit)}
        if lib is not None:
            variables["LD_LIBRARY_PATH"] = f"{lib}:$LD_LIBRARY_PATH"
        return Preview(
            toolkit=str(toolkit),
            version=version,
            backend=self.kind,
            where=[f"{path} ({why})" for path, why in self.profiles()],
            current=path_common.split(current, SEP),
            proposed=path_common.lines(current, proposed, SEP),
            variables=variables,
            variables_before={name: self.environ.get(name) for name in variables},
            warnings=found,
            already_registered=not changes and not any(f.blocking for f in found),
        )

    def add(
        self,
        toolkit: Path,
        version: str | None,
        reporter: Reporter,
        cancel: CancelToken,
        journal: Journal,
    ) -> Entry | None:
        changes = self._changes(toolkit, version, journal)
        if not changes:
            reporter.log(f"{toolkit} is already in your shell profiles: nothing to do.")
            return None
        check_writable(changes)
        cancel.raise_if_set()  # not between files: a half-done set of profiles helps no one
        token = uuid.uuid4().hex[:8]
        entry = begin(
            journal,
            path_common.STEP,
            "profile_block",
            temps=[temp_for(c.target, token) for c in changes if c.new is not None],
            backend=self.kind,
            toolkit=str(toolkit),
            version=version,
            files=[c.record for c in changes],
        )
        try:
            apply_changes(changes, token)
        except PathRegError:
            journal.mark_undone(entry, aborted=True)
            raise
        for change in changes:
            reporter.log(f"CUDA block written to {change.path}: {change.record['why']}.")
        reporter.log(path_common.NOTE)
        return entry

    def undo(self, entry: Entry, reporter: Reporter, cancel: CancelToken, journal: Journal) -> None:
        pending = [e for e in path_common.registrations(journal, self.kind) if e.id != entry.id]
        changes = []
        for record in entry.data.get("files", []):
            path = Path(record["path"])
            target, data, mode = read_profile(path)
            span = find_block(data, path) if data is not None else None
            if data is None or span is None:
                reporter.log(f"{path} holds no pytorch-setup CUDA block any more: left as is.")
                continue
            current = data[span[0] : span[1]]
            if current != unb64(record["block"]):
                if any((_file(e, path) or {}).get("block") == b64(current) for e in pending):
                    reporter.log(f"{path} now holds a later registration's block: left as is.")
                    continue
                raise PathRegError(
                    translate(
                        "errors",
                        "The pytorch-setup CUDA block in {path} was edited after it was "
                        "written; delete it by hand if you no longer want it. No file was "
                        "changed.",
                    ).format(path=path)
                )
            chosen = path_common.chain_value(journal, record, partial(_file, path=path))
            previous = unb64(chosen["previous"])
            new: bytes | None  # None: delete the file
            if previous is not None:
                new = data[: span[0]] + previous + data[span[1] :]
            else:
                head, sep = data[: span[0]], chosen["separator"].encode("ascii")
                if sep and head.endswith(sep):
                    head = head[: -len(sep)]
                new = head + data[span[1] :]
            if chosen["created"] and not new:
                new = None  # we made this file and it holds nothing else
            changes.append(Change(path, target, data, new, mode, chosen))
        check_writable(changes)
        cancel.raise_if_set()
        apply_changes(changes)
        same = [str(c.path) for c in changes if sha256(c.new) == c.record["sha256_before"]]
        journal.mark_undone(entry, files=[str(c.path) for c in changes], identical=same)
        for change in changes:
            how = "as it was before" if str(change.path) in same else "block taken out"
            reporter.log(f"{change.path}: {'deleted (it was ours)' if change.new is None else how}")

    def show(self, journal: Journal) -> str:
        zdot = Path(self.environ.get("ZDOTDIR") or self.home)
        names = [".bashrc", ".bash_profile", ".bash_login", ".profile"]
        candidates = [self.home / n for n in names] + [zdot / ".zshrc", zdot / ".zshenv"]
        out = []
        for path in candidates:
            try:
                data = path.read_bytes()
            except OSError:
                continue  # absent or unreadable: nothing of ours to show
            try:
                span = find_block(data, path)
            except PathRegError as exc:
                out.append(str(exc))
                continue
            if span:
                toolkit = block_toolkit(data[span[0] : span[1]])
                out.append(f"{path}: CUDA block for {toolkit}")
        if not out:
            out.append("No pytorch-setup CUDA block in your shell profiles.")
        out.append("A registration edits: " + ", ".join(f"{p} ({w})" for p, w in self.profiles()))
        found = path_common.registrations(journal, self.kind)
        out.append(path_common.describe(found))
        return "\n".join(out)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _file(entry: Entry, path: Path | str) -> dict | None:
    return next((f for f in entry.data.get("files", []) if f.get("path") == str(path)), None)
