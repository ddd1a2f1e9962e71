"""The Korean catalogue: every string the code can show is in it and translated (lupdate run
afresh), placeholders and mnemonics survive, the shipped .qm is built from the .ts, and the
wizard walked in Korean shows no catalogue string left in English."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import translations  # noqa: E402

TS = translations.catalogue("ko")
PLACEHOLDER = re.compile(r"%n|%\d|\{[a-z_]+\}")


def messages(ts: Path = TS) -> list[tuple[str, str, str]]:
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")]
            text = forms[0] if forms else (translation.text or "")
            out.append((context.findtext("name"), message.findtext("source"), text))
    return out


def test_every_string_in_the_code_is_translated(tmp_path):
    fresh = tmp_path / "ko.ts"
    shutil.copy(TS, fresh)
    translations.update(fresh)  # what lupdate finds in app/ and ui/ today
    missing = translations.untranslated(fresh)
    assert missing == [], "run tools/translations.py update, translate, release: " + str(
        missing[:5]
    )


def test_placeholders_and_mnemonics_survive():
    rows = list(messages())
    with_placeholders = [row for row in rows if PLACEHOLDER.search(row[1])]
    with_mnemonics = [row for row in rows if re.search(r"&[A-Za-z]", row[1])]
    assert with_placeholders and with_mnemonics  # both checks below look at something
    changed = [
        (context, source)
        for context, source, korean in rows
        if sorted(PLACEHOLDER.findall(korean)) != sorted(PLACEHOLDER.findall(source))
    ]
    assert changed == []
    lost = [(c, s) for c, s, korean in with_mnemonics if not re.search(r"&[A-Za-z]", korean)]
    assert lost == []


def test_the_shipped_qm_is_built_from_the_ts(tmp_path):
    qm = tmp_path / "ko.qm"
    tool = translations.tool("pyside6-lrelease")
    import subprocess

    subprocess.run([tool, str(TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run translations.py release"


@pytest.fixture
def korean(qapp):
    from ui.i18n import install_translators

    install_translators(qapp, "ko")
    yield
    install_translators(qapp, "en")


def test_the_wizard_in_korean_shows_no_catalogue_string_in_english(qtbot, korean):
    from tests.ui.test_summary_page import profile
    from ui.wizard import PAGE_NAMES, SetupWizard

    english = {source for _, source, korean_text in messages() if korean_text != source}
    w = SetupWizard(scan_call=lambda reporter, cancel: profile())
    w.show_every_page = True
    qtbot.addWidget(w)
    w.show()
    assert w.windowTitle() == "PyTorch 설치 도우미"
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    shown_english = []
    for _ in PAGE_NAMES:
        page = w.currentPage()
        texts = [page.title(), page.subTitle()]
        for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
            if widget.isVisibleTo(page):
                texts.append(widget.text())
        texts += [box.title() for box in page.findChildren(QGroupBox)]
        shown_english += [(page.name, t) for t in texts if t in english]
        w.next()
    assert shown_english == []
    assert QApplication.translate("summary", "Operating system") == "운영체제"
