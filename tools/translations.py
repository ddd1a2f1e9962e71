"""Keep the Korean catalogue in step with the code: Qt's own tools, run from the project's venv.

    python tools/translations.py update    # lupdate: new strings into resources/i18n/*.ts
    python tools/translations.py release   # lrelease: .ts → .qm (what the program loads)
    python tools/translations.py check     # untranslated or stale strings, as a list

Sources are every .py file under app/ and ui/: the GUI's self.tr() texts and the engine's
translate()/QT_TRANSLATE_NOOP() templates (app/text.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("ko",)


def catalogue(lang: str) -> Path:
    return I18N / f"pytorch_setup_{lang}.ts"


def sources() -> list[str]:
    files = sorted([*ROOT.glob("app/**/*.py"), *ROOT.glob("ui/**/*.py")])
    return [str(f.relative_to(ROOT)) for f in files]


def tool(
    name: str,
    executable: str | None = None,
    path: str | None = None,
    windows: bool | None = None,
) -> str:
    """Qt's pyside6-lupdate / pyside6-lrelease (.exe on Windows): next to this Python (a venv's
    bin/ or Scripts\\), in the Scripts\\ or bin/ folder beside it (a Windows install's
    C:\\Python313\\Scripts), in this Python's scripts folder, or on PATH. The bare name when
    nowhere (running it then fails with that name in the error)."""
    windows = os.name == "nt" if windows is None else windows
    executable = executable or sys.executable
    here = Path(executable).parent
    folders = [here, here / "Scripts", here / "bin"]
    if executable == sys.executable:
        folders.append(Path(sysconfig.get_path("scripts")))
    search = os.environ.get("PATH", "") if path is None else path
    folders += [Path(entry.strip('"')) for entry in search.split(os.pathsep) if entry.strip('"')]
    filename = f"{name}.exe" if windows else name
    for folder in folders:
        candidate = folder / filename
        if candidate.is_file() and (windows or os.access(candidate, os.X_OK)):
            return str(candidate)
    return name


def update(ts: Path | None = None, lang: str = "ko") -> Path:
    """Run lupdate into ts (default: the catalogue), keeping translations already made."""
    ts = ts or catalogue(lang)
    ts.parent.mkdir(parents=True, exist_ok=True)
    command = [tool("pyside6-lupdate"), *sources(), "-locations", "none", "-no-obsolete"]
    subprocess.run([*command, "-target-language", lang, "-ts", str(ts)], cwd=ROOT, check=True)
    return ts


def release(lang: str = "ko") -> Path:
    qm = catalogue(lang).with_suffix(".qm")
    subprocess.run(
        [tool("pyside6-lrelease"), str(catalogue(lang)), "-qm", str(qm)], cwd=ROOT, check=True
    )
    return qm


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            numerus = translation is not None and translation.find("numerusform") is not None
            finished = translation is not None and translation.get("type") is None
            if not finished or not (text.strip() or numerus):
                missing.append((name, message.findtext("source", "")))
    return missing


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    for lang in LANGUAGES:
        if command == "update":
            print(update(lang=lang))
        elif command == "release":
            print(release(lang))
        elif command == "check":
            missing = untranslated(catalogue(lang))
            for context, source in missing:
                print(f"{lang} [{context}] {source}")
            if missing:
                return 1
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
