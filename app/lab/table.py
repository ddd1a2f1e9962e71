"""One table renderer for lab mode: rows of cells → Markdown (for people) or CSV (for sheets).

`results summarize` and `plan --profile DIR` print the same shape through it. Every cell is one
line: a table row that breaks in two misleads the reader of a lab's results.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from app import fsops
from app.errors import UserError
from app.text import translate

FORMATS = ("md", "csv")
Row = Mapping[str, Any] | Sequence[Any]


def cell_text(value: Any) -> str:
    """A cell's text on one line: None is "-", line breaks and tabs become single spaces."""
    if value is None:
        return "-"
    return " ".join(str(value).split()) or "-"


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: Korean and other wide characters take two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _cells(rows: Sequence[Row], headers: Sequence[str]) -> list[list[str]]:
    out = []
    for row in rows:
        values = [row.get(h) for h in headers] if isinstance(row, Mapping) else list(row)
        if len(values) != len(headers):
            raise ValueError(f"a row has {len(values)} cells for {len(headers)} headers")
        out.append([cell_text(v) for v in values])
    return out


# ASCII punctuation: a backslash before one of these is an escape in Markdown.
_ESCAPED_BY_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def _markdown_cell(text: str) -> str:
    """| escaped, so it does not end the cell; a backslash doubled only where Markdown would
    read it as an escape (before punctuation, | included), so that C:\\Users\\홍길동 stays
    readable in a terminal and still renders as written."""
    return _ESCAPED_BY_BACKSLASH.sub(r"\\\\", text).replace("|", "\\|")


def markdown(rows: Sequence[Row], headers: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table, its columns padded so it reads in a terminal too.

    The last column is not padded: it holds the long text (a finding, a reason), and padding
    it would only add trailing spaces."""
    table = [[_markdown_cell(cell_text(h)) for h in headers]]
    table += [[_markdown_cell(c) for c in row] for row in _cells(rows, headers)]
    widths = [max(3, *(display_width(row[i]) for row in table)) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c if i == len(cells) - 1 else c + " " * (widths[i] - display_width(c))
            for i, c in enumerate(cells)
        ]
        return "| " + " | ".join(padded) + " |"

    # The last column's rule as wide as its header: a long finding needs no long rule.
    rule = ["-" * w for w in widths[:-1]] + ["-" * max(3, display_width(table[0][-1]))]
    return "\n".join([line(table[0]), line(rule), *(line(row) for row in table[1:])]) + "\n"


def csv_text(rows: Sequence[Row], headers: Sequence[str]) -> str:
    """RFC 4180 CSV (quoted where needed) with "\\n" line ends; the caller encodes it (UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([cell_text(h) for h in headers])
    writer.writerows(_cells(rows, headers))
    return buffer.getvalue()


def render(rows: Sequence[Row], headers: Sequence[str], fmt: str = "md") -> str:
    """The table in `fmt` ("md" or "csv"). Rows are dicts keyed by header, or sequences in
    header order."""
    if fmt == "md":
        return markdown(rows, headers)
    if fmt == "csv":
        return csv_text(rows, headers)
    raise ValueError(f"unknown table format {fmt!r} (use one of {', '.join(FORMATS)})")


def counts_line(parts: list[str], skipped: int) -> str:
    """A table's counts on one line, then the files left out: "ok 7 · failed 1 · 1 file(s)
    skipped"."""
    if skipped:
        parts = [*parts, translate("lab", "{count} file(s) skipped").format(count=skipped)]
    return " · ".join(parts)


def write_table(text: str, path: str | os.PathLike[str], fmt: str) -> Path:
    """Write a rendered table to `path` whole or not at all (a temp file, then a rename).

    UTF-8; a CSV starts with a byte-order mark, without which Excel reads UTF-8 as the ANSI code
    page and a Korean finding turns to mojibake (csv readers given encoding "utf-8-sig" skip
    it). Lines end as the system's text files do."""
    target = Path(path).expanduser()
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    try:
        fsops.write_text_atomically(target, text, encoding=encoding)
    except OSError as exc:
        raise UserError(
            translate("lab", "cannot write the table to {path}: {why}").format(
                path=target, why=fsops.why_not_written(exc)
            )
        ) from None
    return target
