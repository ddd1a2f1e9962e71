"""Engine texts: English for the CLI and JSON, the template and values kept for the GUI, and
every translate() call in app/ written so that pyside6-lupdate can read it."""

from __future__ import annotations

import ast
import copy
import dataclasses
import json
from pathlib import Path

from app.text import QT_TRANSLATE_NOOP, Text, render, sentences, translate

APP = Path(__file__).resolve().parents[2] / "app"


def test_english_and_template_both_kept():
    text = translate("verify", "PyTorch {version} works on {where}.").format(
        version="2.14.1", where=translate("verify", "the GPU")
    )
    assert text == "PyTorch 2.14.1 works on the GPU." and isinstance(text, Text)
    korean = {
        "PyTorch {version} works on {where}.": "PyTorch {version}: {where}에서 동작합니다.",
        "the GPU": "GPU",
    }
    assert render(text, lambda c, t: korean.get(t, t)) == "PyTorch 2.14.1: GPU에서 동작합니다."


def test_survives_dataclass_copies_and_dumps_as_plain_json():
    @dataclasses.dataclass
    class Finding:
        message: str

    finding = Finding(sentences(translate("plan", "One."), None, translate("plan", "Two.")))
    copied = dataclasses.asdict(copy.deepcopy(finding))["message"]
    assert isinstance(copied, Text) and copied.parts
    assert json.dumps({"m": copied}) == '{"m": "One. Two."}'
    assert render(copied, lambda c, t: t.upper()) == "ONE. TWO."


def test_a_broken_translation_falls_back_to_english():
    text = translate("plan", "Needs driver {version}.").format(version="580")
    assert render(text, lambda c, t: "드라이버 {버전}") == "Needs driver 580."


def test_plain_strings_and_noop_markers_pass_through():
    assert render("as is", lambda c, t: "x") == "as is"
    assert QT_TRANSLATE_NOOP("summary", "GPU") == "GPU"
    assert translate("summary", "{not formatted}") == "{not formatted}"


def test_every_translate_call_in_app_is_readable_by_lupdate():
    """lupdate reads translate("context", "literal") with exactly two arguments and nothing
    else; a variable second argument is a table entry marked with QT_TRANSLATE_NOOP."""
    bad = []
    for path in APP.rglob("*.py"):
        if path.name == "text.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            if not (isinstance(node, ast.Call) and getattr(name, "id", None) == "translate"):
                continue
            context = node.args[0] if node.args else None
            if node.keywords or len(node.args) != 2 or not isinstance(context, ast.Constant):
                bad.append(f"{path.relative_to(APP)}:{node.lineno}")
    assert bad == []


def test_listing_keeps_each_item_translatable():
    from app.text import listing

    details = listing(translate("summary", "compute capability {cc}").format(cc="8.6"), "12.0 GB")
    row = translate("summary", "{name} ({details})").format(name="RTX 3060", details=details)
    assert row == "RTX 3060 (compute capability 8.6, 12.0 GB)"
    korean = {"compute capability {cc}": "연산 능력 {cc}"}
    assert render(row, lambda c, t: korean.get(t, t)) == "RTX 3060 (연산 능력 8.6, 12.0 GB)"
