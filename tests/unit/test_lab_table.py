"""app/lab/table.py: the one renderer behind `results summarize` and `plan --profile DIR`."""

from __future__ import annotations

import csv
import io
import os

import pytest

from app.errors import UserError
from app.lab.table import cell_text, display_width, render, write_table

HEADERS = ["PC", "outcome", "finding"]


def test_dict_rows_and_tuple_rows_render_the_same():
    as_dicts = [{"PC": "pc1", "outcome": "ok", "finding": None}]
    as_tuples = [("pc1", "ok", None)]
    assert render(as_dicts, HEADERS) == render(as_tuples, HEADERS)
    assert render(as_dicts, HEADERS, "csv") == "PC,outcome,finding\npc1,ok,-\n"


def test_markdown_is_padded_but_the_last_column_is_not():
    text = render([("pc1", "ok", "-"), ("a-longer-pc", "refused", "a long reason")], HEADERS)
    assert text.splitlines() == [
        "| PC          | outcome | finding |",
        "| ----------- | ------- | ------- |",
        "| pc1         | ok      | - |",
        "| a-longer-pc | refused | a long reason |",
    ]


def test_wide_characters_count_two_columns():
    assert display_width("실습실-07") == 9
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    text = render([("실습실", "ok", "-"), ("pc1234", "ok", "-")], HEADERS)
    first, second = text.splitlines()[2:4]
    assert first.index("| ok") + 3 == second.index("| ok")  # 실습실 is 3 chars, 6 columns


def test_cells_are_one_line():
    assert cell_text("line one\nline two\r\n\tend") == "line one line two end"
    assert cell_text("  \n ") == "-"
    assert cell_text(None) == "-"
    assert cell_text(3.5) == "3.5"
    text = render([("pc1", "failed", "pip said:\nno space\n")], HEADERS, "csv")
    assert text.splitlines()[1] == "pc1,failed,pip said: no space"


@pytest.mark.parametrize(
    ("cell", "markdown"),
    [
        ("LAB|PC08", "LAB\\|PC08"),
        # Backslashes before letters and Korean stay as typed (readable in a terminal) ...
        ("C:\\Users\\홍길동\\venv", "C:\\Users\\홍길동\\venv"),
        # ... and are doubled only where Markdown would read an escape (\. \| \\).
        ("C:\\me\\.venv", "C:\\me\\\\.venv"),
        ("a\\|b", "a\\\\\\|b"),
    ],
)
def test_markdown_escapes(cell, markdown):
    row = render([("pc", "ok", cell)], HEADERS).splitlines()[2]
    assert row == f"| pc  | ok      | {markdown} |"


def test_csv_quotes_what_needs_quoting_and_reads_back():
    rows = [
        ("pc,1", 'said "no"', "홍길동"),
        ("pc2", "ok", "a | b"),
    ]
    text = render(rows, HEADERS, "csv")
    assert text.splitlines()[1] == '"pc,1","said ""no""",홍길동'
    assert list(csv.reader(io.StringIO(text))) == [HEADERS, list(rows[0]), list(rows[1])]


def test_bad_input_is_a_programming_error():
    with pytest.raises(ValueError, match="2 cells for 3 headers"):
        render([("pc1", "ok")], HEADERS)
    with pytest.raises(ValueError, match="unknown table format 'xlsx'"):
        render([], HEADERS, "xlsx")


def test_write_table_csv_has_a_bom_markdown_not(tmp_path):
    csv_file = write_table("PC\n홍길동\n", tmp_path / "표.csv", "csv")
    assert csv_file.read_bytes() == b"\xef\xbb\xbf" + f"PC{os.linesep}홍길동{os.linesep}".encode()
    md_file = write_table("| PC |\n", tmp_path / "t.md", "md")
    assert md_file.read_bytes() == f"| PC |{os.linesep}".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.md", "표.csv"]  # no temp left


def test_write_table_into_a_missing_folder_is_one_clear_error(tmp_path):
    with pytest.raises(UserError, match="cannot write the table to .*nowhere.*t.md"):
        write_table("x", tmp_path / "nowhere" / "t.md", "md")
