"""Engine messages that the interface can show in another language.

`translate(context, template)` returns a str (English, ready for the CLI, logs and JSON) that
also remembers its template, and `.format(**values)` on it keeps remembering (template and
values), so the GUI can look the template up in its Qt catalogue and fill in the same values.
The name matches Qt's, which lets pyside6-lupdate find the templates in app/ without app/
importing Qt; lupdate reads only the two-argument call, hence values through .format().
Templates are plain literals, never f-strings.
"""

from __future__ import annotations

from typing import Any


class Text(str):
    """English text plus what is needed to say it in another language."""

    context: str
    template: str
    values: dict[str, Any] | None
    parts: tuple[Any, ...]
    separator: str

    def __new__(
        cls,
        context: str,
        template: str,
        values: dict[str, Any] | None,
        parts=(),
        separator: str = " ",
    ):
        if parts:
            english = separator.join(parts)
        else:
            english = template if values is None else template.format(**values)
        text = super().__new__(cls, english)
        text.context, text.template, text.values, text.parts = context, template, values, parts
        text.separator = separator
        return text

    def __reduce__(self):  # copies (dataclasses.asdict deep-copies) keep the template
        return (Text, (self.context, self.template, self.values, self.parts, self.separator))

    def format(self, *args: Any, **values: Any) -> str:  # noqa: A003 - str's own name
        if args or self.parts or self.values:
            return str(self).format(*args, **values)  # not a template: plain str behaviour
        return Text(self.context, self.template, values)


def translate(context: str, template: str) -> Text:
    return Text(context, template, None)


def listing(*parts: str | None) -> Text:
    """Items joined with ", ", each translated on its own ("compute capability 8.6, 12.0 GB")."""
    return Text("", "", {}, tuple(p for p in parts if p), ", ")


def sentences(*parts: str | None) -> Text:
    """Messages made of several sentences, some optional: each part is translated on its own."""
    return Text("", "", {}, tuple(p for p in parts if p))


def render(text: Any, lookup) -> str:
    """The text in the language of `lookup(context, template) -> template` (the UI's catalogue)."""
    if not isinstance(text, Text):
        return str(text)
    if text.parts:
        return text.separator.join(render(part, lookup) for part in text.parts)
    translated = lookup(text.context, text.template)
    if text.values is None:
        return translated
    values = {key: render(value, lookup) for key, value in text.values.items()}
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: English beats nothing
        return text.template.format(**values)


def QT_TRANSLATE_NOOP(context: str, template: str) -> str:  # noqa: N802 - Qt's name, for lupdate
    """Marks a template kept in a table (translated later with translate(context, template))."""
    return template
