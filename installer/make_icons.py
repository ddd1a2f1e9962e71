"""Regenerate the executable's icons from resources/icons/app.svg: `python installer/make_icons.py`.

Writes resources/icons/app.ico (Windows: 16, 20, 24, 32, 40, 48, 64, 128 and 256 px, each
rendered from the SVG at its own size rather than scaled down from one big bitmap) and
resources/icons/app.icns (macOS: 16 to 1024 px, the @2x sizes included). Both files are
committed, so a build never needs this script; run it after changing the SVG.

Needs PySide6 (QtSvg renders the SVG; runs offscreen, no display) and Pillow (writes ICO and
ICNS): both come with `pip install -e '.[package]'`.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(svg: Path, sizes: tuple[int, ...]) -> dict[int, object]:
    """The SVG rendered at each size, as Pillow RGBA images (antialiased, transparent corners)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: TID251 - build tool
    from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: TID251
    from PySide6.QtSvg import QSvgRenderer  # noqa: TID251

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not an SVG that Qt can render")
    images = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        images[size] = Image.open(io.BytesIO(bytes(data))).convert("RGBA")
    return images


def write_ico(images: dict, path: Path) -> None:
    sizes = sorted(images)
    largest = images[sizes[-1]]
    largest.save(
        path,
        format="ICO",
        sizes=[(s, s) for s in sizes],
        append_images=[images[s] for s in sizes[:-1]],  # each size as rendered, not resampled
    )


def write_icns(images: dict, path: Path) -> None:
    sizes = sorted(images)
    largest = images[sizes[-1]]
    largest.save(path, format="ICNS", append_images=[images[s] for s in sizes[:-1]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=ICONS / "app.svg")
    parser.add_argument("--out", type=Path, default=ICONS, help="folder for app.ico, app.icns")
    args = parser.parse_args(argv)
    try:
        import PIL  # noqa: F401
    except ImportError:
        print("make_icons: Pillow is missing: pip install -e '.[package]'", file=sys.stderr)
        return 2
    images = render(args.svg, tuple(sorted(set(ICO_SIZES) | set(ICNS_SIZES))))
    args.out.mkdir(parents=True, exist_ok=True)
    ico, icns = args.out / "app.ico", args.out / "app.icns"
    write_ico({s: images[s] for s in ICO_SIZES}, ico)
    write_icns({s: images[s] for s in ICNS_SIZES}, icns)
    for path in (ico, icns):
        print(f"make_icons: {path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
