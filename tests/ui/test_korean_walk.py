"""The wizard walked in Korean over every recorded profile shows no English sentence: not a
catalogue string, and not an engine message either (the plan's reasons and warnings, scan rows,
GPU details). Commands, URLs, paths, versions and product names stay as they are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QTableWidget,
)

from app.profile import SystemProfile
from tests.loopback import closed_port_url

PROFILES = sorted((Path(__file__).parents[1] / "fixtures" / "profiles").glob("*.json"))
# Words only English prose has; a product name or a command never needs them.
PROSE = re.compile(
    r"\b(the|is|are|was|and|not|with|this|that|from|will|can|has|have|your|needs|only)\b",
    re.IGNORECASE,
)
NOT_PROSE = [
    re.compile(r"<[^>]+>"),  # markup
    re.compile(r"https?://\S+"),
    re.compile(r"`[^`]*`"),  # commands quoted in a sentence
    re.compile(r"(?:[A-Za-z]:)?[\\/][^\s,;)]*"),  # paths
]


@pytest.fixture
def korean(qapp):
    from ui.i18n import install_translators

    install_translators(qapp, "ko")
    yield
    install_translators(qapp, "en")


def visible_texts(page) -> list[str]:
    texts = [page.title(), page.subTitle()]
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if widget.isVisibleTo(page):
            texts.append(widget.text())
    texts += [box.title() for box in page.findChildren(QGroupBox)]
    for table in page.findChildren(QTableWidget):
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                item = table.item(row, column)
                if item is not None:
                    texts.append(item.text())
    for combo in page.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    return texts


def no_python(python, profile, cpu_chosen=False, environment=None):
    """The check of a recorded profile's Python, which does not exist here: what verify says."""
    from app.steps.verify import verify

    return lambda reporter, cancel: verify(
        str(Path(python).with_name("missing-python")), reporter=reporter, cancel=cancel
    ).to_dict()


def english_prose(text: str) -> bool:
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return bool(PROSE.search(text))


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_every_page_in_korean_shows_no_english_sentence(path, qtbot, korean):
    from ui.wizard import PAGE_NAMES, SetupWizard

    profile = SystemProfile.load(path)
    # A recorded profile keeps what the scan said in English (plain strings in the file): a
    # live scan hands the page catalogue templates instead. Those recorded words are data.
    recorded = [c.message for c in profile.preflight] + [n.message for n in profile.probes]
    recorded += [p for e in (profile.python, *profile.environments) for p in e.problems]
    w = SetupWizard(scan_call=lambda reporter, cancel: profile, verify_call=no_python)
    w.show_every_page = True
    # NVIDIA's download server is never asked: the pages read their lists from a closed port
    # and say so (in Korean).
    w.toolkit_page.mirror = w.cudnn_page.mirror = closed_port_url("/redist")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    found = []
    for _ in PAGE_NAMES:
        page = w.currentPage()
        if page.name == "verify":  # its findings are engine messages too
            qtbot.waitUntil(lambda page=page: page.report is not None, timeout=30000)
        if page.name == "toolkit":  # what the page says when NVIDIA's list cannot be read
            qtbot.waitUntil(lambda page=page: page.lister is None, timeout=30000)
        for text in visible_texts(page):
            for line in re.split(r"<[^>]+>|\n", text):
                if english_prose(line) and not any(r and r in line for r in recorded):
                    found.append((page.name, line))
        w.next()
    assert found == []
