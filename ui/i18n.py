"""Interface language: --lang, else the system locale; Qt's .qm catalogues from resources/i18n."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.paths import resources_dir

LANGUAGES = (("en", "English"), ("ko", "한국어"))  # each named in its own language
SUPPORTED = tuple(code for code, _ in LANGUAGES)
_SETTING = "language"


def choose_language(requested: str | None) -> str:
    """--lang, else the choice made in the wizard last time, else the system locale."""
    if requested in SUPPORTED:
        return requested
    from PySide6.QtCore import QSettings

    saved = QSettings().value(_SETTING)
    if saved in SUPPORTED:
        return saved
    system = QLocale.system().name().split("_")[0]
    return system if system in SUPPORTED else "en"


def remember_language(lang: str) -> None:
    from PySide6.QtCore import QSettings

    QSettings().setValue(_SETTING, lang)


def install_translators(app: QApplication, requested: str | None) -> str:
    """Load our catalogue and Qt's own (button texts like Next/Cancel); returns the language.

    Translators installed earlier are removed first, so the language can change while running.
    """
    lang = choose_language(requested)
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    app.setProperty("language", lang)
    if lang == "en":
        return lang
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "i18n" / f"pytorch_setup_{lang}.qm")):
        app.installTranslator(ours)
    else:
        logging.getLogger("pytorch_setup").info("no %s catalogue yet; showing English", lang)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    return lang


def shown(text) -> str:
    """An engine message in the interface's language (app.text.Text), or the text as it is."""
    from PySide6.QtCore import QCoreApplication

    from app.text import render

    return render(text, QCoreApplication.translate)


def error_text(error: BaseException) -> str:
    """An engine error's message in the interface's language (str() would drop the template)."""
    if error.args and isinstance(error.args[0], str):
        return shown(error.args[0])
    return str(error)
