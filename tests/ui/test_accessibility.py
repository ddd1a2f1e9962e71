"""Keyboard and screen-reader basics on every page: each control reachable with Tab, each
mnemonic label tied to its control, and status shown by words and icons, not colour alone."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tests.ui.test_summary_page import profile
from ui.state import PAGE_NAMES, page_id
from ui.wizard import SetupWizard

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit)
MNEMONIC = re.compile(r"&[^&\s]")


@pytest.fixture(scope="module")
def pages(qapp):
    w = SetupWizard(scan_call=lambda reporter, cancel: profile())
    w.show_every_page = True
    w.show()
    yield w
    w.stop_workers()
    w.close()


def visit(qtbot, w: SetupWizard, name: str):
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    target = page_id(name)
    for _ in range(2 * len(PAGE_NAMES)):  # bounded: a page that will not move fails, not hangs
        if w.currentId() == target:
            break
        w.next() if w.currentId() < target else w.back()
    assert w.currentPage().name == name
    return w.currentPage()


def _inside_a_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def focus_chain(start: QWidget) -> set[QWidget]:
    seen, widget = set(), start.nextInFocusChain()
    while widget is not start and widget not in seen:
        seen.add(widget)
        widget = widget.nextInFocusChain()
    return seen


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_control_is_reachable_with_tab(qtbot, pages, name):
    page = visit(qtbot, pages, name)
    chain = focus_chain(pages)
    controls = [
        c
        for c in page.findChildren(QWidget)
        if isinstance(c, CONTROLS)
        and not isinstance(c, QHeaderView)
        and not _inside_a_view(c)  # a view's own parts (corner button, editors)
        and c.isVisibleTo(page)
        and c.isEnabled()
    ]
    assert controls, name
    for control in controls:
        label = getattr(control, "text", lambda: "")() or control.accessibleName()
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, (name, type(control), label)
        assert control in chain, (name, type(control), label)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_mnemonic_labels_have_a_control(qtbot, pages, name):
    page = visit(qtbot, pages, name)
    labels = [
        label
        for label in page.findChildren(QLabel)
        if label.isVisibleTo(page) and MNEMONIC.search(label.text()) and "<" not in label.text()
    ]
    if not labels:  # said, rather than passed with nothing checked
        pytest.skip(f"the {name} page has no mnemonic labels")
    assert [label.text() for label in labels if label.buddy() is None] == [], name


def test_status_is_words_and_icons_not_colour(qtbot, pages):
    page = visit(qtbot, pages, "scan")
    table = page.table
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        assert item.text() in ("OK", "Warning", "Problem") and not item.icon().isNull()
