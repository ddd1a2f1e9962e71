"""`results summarize DIR`: the result files of a lab (schema pytorch-setup/result/1, written by
`apply` on each PC) as one table: PC, outcome, torch/CUDA, the first finding; then the counts.

Reads the *.json files directly in DIR (not its subfolders: a lab collects one flat folder of
results, and a subfolder may well hold plans, profiles or last term's results), in natural name
order (pc2 before pc10). A file that is not a readable result is named and skipped; the table
still comes out.
"""

from __future__ import annotations

import json
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.lab.table import counts_line, render
from app.text import translate

SCHEMA = "pytorch-setup/result/1"
OUTCOMES = ("ok", "refused", "failed", "verify_failed", "cancelled")
MAX_BYTES = 16 * 1024 * 1024  # a result is a few KiB; a larger file is something else
REDACTED = re.compile(r"<[^<>]*>")  # "<redacted>", "<host>": the PC's name was taken out


class ResultFileError(UserError):
    """A file that is not a usable result; the message says why, in one line."""


@dataclass
class ResultRow:
    file: str  # the file's name in DIR
    pc: str
    outcome: str
    torch: str
    finding: str


@dataclass
class Summary:
    folder: Path
    rows: list[ResultRow] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)

    def require_rows(self) -> None:
        """UserError (exit 2) when no file could be read: there is no table to show. Called
        after the skipped files were named, so the user learns why each one was not read."""
        if not self.rows:
            raise UserError(
                translate("lab", "no result file could be read in {folder}").format(
                    folder=self.folder
                )
            )

    def counts(self) -> Counter[str]:
        return Counter(row.outcome for row in self.rows)

    def all_ok(self) -> bool:
        """Every file was a result and every result is ok: a skipped file is a PC whose state
        is not known, which a script asking "did the whole lab work?" must not miss."""
        return not self.skipped and all(row.outcome == "ok" for row in self.rows)

    def exit_code(self) -> int:
        return 0 if self.all_ok() else 1

    def counts_line(self) -> str:
        """ "ok 7 · failed 1 · refused 2", outcomes in a fixed order, then skipped files."""
        counts = self.counts()
        parts = [f"{name} {counts[name]}" for name in OUTCOMES if counts[name]]
        return counts_line(parts, len(self.skipped))


def headers() -> list[str]:
    return [
        translate("lab", "PC"),
        translate("lab", "outcome"),
        translate("lab", "torch / CUDA"),
        translate("lab", "first finding"),
    ]


def json_files(folder: Path) -> list[Path]:
    """The *.json files directly in `folder` (any case of the suffix), in natural name order;
    UserError (exit 2) when it is not a folder, cannot be listed or holds none."""
    if not folder.is_dir():
        raise UserError(translate("lab", "{folder} is not a folder").format(folder=folder))
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise UserError(
            translate("lab", "cannot read the folder {folder}: {why}").format(
                folder=folder, why=exc.strerror or exc
            )
        ) from None
    files = [p for p in entries if p.suffix.lower() == ".json" and not p.is_dir()]
    if not files:
        raise UserError(translate("lab", "no .json files in {folder}").format(folder=folder))
    return sorted(files, key=lambda p: (natural_key(p.stem), p.name))


def natural_key(name: str) -> list[Any]:
    """pc2 before pc10: runs of digits compare as numbers, the rest without case."""
    return [
        (0, int(part), part) if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", name)
    ]


def load_result(path: Path) -> dict[str, Any]:
    """The result in `path`, checked for the fields the table reads; ResultFileError if not."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe named x.json would block the read
            raise ResultFileError(translate("lab", "not a regular file"))
        if info.st_size > MAX_BYTES:
            raise ResultFileError(translate("lab", "too large to be a result file"))
        text = path.read_text(encoding="utf-8-sig")  # a BOM from a Windows editor is fine
    except OSError as exc:
        raise ResultFileError(
            translate("lab", "cannot read it: {why}").format(why=exc.strerror or exc)
        ) from None
    except UnicodeDecodeError:
        raise ResultFileError(translate("lab", "not UTF-8 text")) from None
    try:
        data = json.loads(text)
    except (RecursionError, ValueError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
        raise ResultFileError(
            translate("lab", "not JSON ({detail})").format(detail=detail)
        ) from None
    if not isinstance(data, dict):
        raise ResultFileError(translate("lab", "not a result file (not a JSON object)"))
    schema = data.get("schema")
    if schema != SCHEMA:
        raise ResultFileError(
            translate("lab", "not a result file (schema {schema}, expected {expected})").format(
                schema=schema if isinstance(schema, str) else translate("lab", "missing"),
                expected=SCHEMA,
            )
        )
    _field(data, "pc", str)
    _field(data, "fit", list)
    _field(data, "steps", list)
    _field(data, "verify", (dict, type(None)))
    if data.get("reason") is not None:
        _field(data, "reason", str)
    outcome = _field(data, "outcome", str)
    if outcome not in OUTCOMES:
        raise ResultFileError(
            translate("lab", "unknown outcome {outcome!r}").format(outcome=outcome)
        )
    return data


def _field(data: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    if name not in data:
        raise ResultFileError(translate("lab", "the field {name!r} is missing").format(name=name))
    value = data[name]
    if not isinstance(value, kind):
        raise ResultFileError(
            translate("lab", "the field {name!r} has the wrong type ({kind})").format(
                name=name, kind=type(value).__name__
            )
        )
    return value


def pc_name(data: dict[str, Any], path: Path) -> str:
    """The PC's name, or the file's stem when the name was redacted (still told apart)."""
    pc = data["pc"].strip()
    return path.stem if not pc or REDACTED.fullmatch(pc) else pc


def torch_cell(verify: dict[str, Any] | None) -> str:
    """ "2.7.1+cu126 · CUDA 12.6" (or ROCm), from the verify report; "-" when unknown."""
    torch = verify.get("torch") if verify else None
    if not isinstance(torch, dict) or not torch.get("version"):
        return "-"
    parts = [str(torch["version"])]
    if torch.get("cuda"):
        parts.append(f"CUDA {torch['cuda']}")
    elif torch.get("hip"):
        parts.append(f"ROCm {torch['hip']}")
    return " · ".join(parts)


def first_finding(data: dict[str, Any]) -> str | None:
    """What a teacher reads first: why it was refused, the failing step's message, or the first
    verify finding that is not mere information; the result's own reason otherwise."""
    outcome = data["outcome"]
    reason = data.get("reason")
    if outcome == "refused":
        return _first_message(data["fit"]) or reason
    if outcome in ("failed", "cancelled"):
        steps = [s for s in data["steps"] if isinstance(s, dict) and s.get("outcome") == outcome]
        return _first_message(steps) or reason
    verify = data["verify"] or {}
    findings = verify.get("findings")
    notable = (
        [f for f in findings if isinstance(f, dict) and f.get("severity") != "info"]
        if isinstance(findings, list)
        else []
    )
    found = _first_message(notable)
    if found or outcome == "ok":
        return found
    failed = [s for s in data["steps"] if isinstance(s, dict) and s.get("outcome") == "failed"]
    return _first_message(failed) or reason


def _first_message(items: list[Any]) -> str | None:
    for item in items:
        message = item.get("message") if isinstance(item, dict) else None
        if isinstance(message, str) and message.strip():
            return message
    return None


def summarize(folder: str | Path) -> Summary:
    """Every result in `folder` as a row, the files that are not results as skipped; UserError
    (exit 2) when `folder` is not a folder or holds no .json file."""
    where = Path(folder).expanduser()
    files = json_files(where)
    summary = Summary(where)
    loaded: list[tuple[Path, dict[str, Any]]] = []
    for path in files:
        try:
            loaded.append((path, load_result(path)))
        except ResultFileError as exc:
            summary.skipped.append((path.name, str(exc)))
    names = Counter(pc_name(data, path) for path, data in loaded)
    for path, data in loaded:
        pc = pc_name(data, path)
        if names[pc] > 1 and pc != path.stem:  # the same PC twice (run again): which file
            pc = f"{pc} ({path.stem})"
        summary.rows.append(
            ResultRow(
                path.name,
                pc,
                data["outcome"],
                torch_cell(data["verify"]),
                first_finding(data) or "-",
            )
        )
    return summary


def render_summary(summary: Summary, fmt: str = "md") -> str:
    """The table; Markdown also carries the counts line under it (CSV stays rows only, so a
    sheet or csv.reader reads it whole)."""
    rows = [(r.pc, r.outcome, r.torch, r.finding) for r in summary.rows]
    table = render(rows, headers(), fmt)
    return table + f"\n{summary.counts_line()}\n" if fmt == "md" else table
