"""Engine messages that the interface can show in another language.

`translate(context, template, **values)` returns a str (English, ready for the CLI, logs and
JSON) that also remembers its template and values, so the GUI can look the template up in its
Qt catalogue and fill in the same values. The name matches Qt's, which lets pyside6-lupdate find
the templates in app/ without app/ importing Qt. Templates are plain literals, never f-strings.
"""

from __future__ import annotations

from typing import Any


class Text(str):
    """English text plus what is needed to say it in another language."""

    context: str
    template: str
    values: dict[str, Any]
    parts: tuple[Any, ...]

    def __new__(cls, context: str, template: str, values: dict[str, Any], parts=()):
        english = " ".join(parts) if parts else template.format(**values)
        text = super().__new__(cls, english)
        text.context, text.template, text.values, text.parts = context, template, values, parts
        return text

    def __reduce__(self):  # copies (dataclasses.asdict deep-copies) keep the template
        return (Text, (self.context, self.template, self.values, self.parts))


def translate(context: str, template: str, **values: Any) -> Text:
    return Text(context, template, values)


def sentences(*parts: str | None) -> Text:
    """Messages made of several sentences, some optional: each part is translated on its own."""
    return Text("", "", {}, tuple(p for p in parts if p))


def render(text: Any, lookup) -> str:
    """The text in the language of `lookup(context, template) -> template` (the UI's catalogue)."""
    if not isinstance(text, Text):
        return str(text)
    if text.parts:
        return " ".join(render(part, lookup) for part in text.parts)
    values = {key: render(value, lookup) for key, value in text.values.items()}
    try:
        return lookup(text.context, text.template).format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: English beats nothing
        return text.template.format(**values)


def QT_TRANSLATE_NOOP(context: str, template: str) -> str:  # noqa: N802 - Qt's name, for lupdate
    """Marks a template kept in a table (translated later with translate(context, template))."""
    return template
