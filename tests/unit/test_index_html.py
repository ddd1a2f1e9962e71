"""PEP 503 pages are read by a scan of their tags (fast on pages of thousands of links); it must
read what html.parser reads, on the shapes real indexes write."""

from __future__ import annotations

import pytest

from app.compat.index import _anchors_parser, _parse_html, _scan_anchors

PAGE = """<!DOCTYPE html><html><head><BASE href="https://mirror.example/whl/">
<meta name="pypi:repository-version" content="1.0"><title>Links for torch</title></head><body>
<h1>Links for torch</h1>
<a href="/whl/cu126/torch-2.7.0%2Bcu126-cp311-cp311-manylinux_2_28_x86_64.whl#sha256=ab"
   data-requires-python="&gt;=3.9.0" data-dist-info-metadata="sha256=cd">torch-2.7.0+cu126</a><br/>
<A HREF='cpu/torch-2.7.0%2Bcpu-cp311-cp311-win_amd64.whl' data-requires-python=">=3.9,<3.14"
   data-yanked>torch-2.7.0+cpu</A>
<a href=torch-1.0.0-cp37-cp37m-linux_x86_64.whl data-yanked="" data-core-metadata=false>old</a>
<a href="https://files.example/t/torch-2.0.0-cp310-cp310-macosx_11_0_arm64.whl?x=1#md5=0"
   data-yanked="broken &amp; withdrawn">t</a>
<a href="../">up</a>
</body></html>"""


def parser_anchors(text: str):
    parser = _anchors_parser()()
    parser.feed(text)
    parser.close()
    return parser.anchors, parser.base


def test_the_scan_reads_what_html_parser_reads():
    assert _scan_anchors(PAGE) == parser_anchors(PAGE)


def test_files_from_a_page_with_a_base_relative_links_and_entities():
    files = {f.filename: f for f in _parse_html(PAGE, "https://mirror.example/simple/torch/")}
    cu126 = files["torch-2.7.0+cu126-cp311-cp311-manylinux_2_28_x86_64.whl"]
    assert cu126.url == (
        "https://mirror.example/whl/cu126/torch-2.7.0%2Bcu126-cp311-cp311-manylinux_2_28_x86_64.whl"
    )
    assert cu126.requires_python == ">=3.9.0" and cu126.metadata and cu126.yanked is None
    cpu = files["torch-2.7.0+cpu-cp311-cp311-win_amd64.whl"]
    assert cpu.url.startswith("https://mirror.example/whl/cpu/")
    assert cpu.requires_python == ">=3.9,<3.14" and cpu.yanked == ""
    old = files["torch-1.0.0-cp37-cp37m-linux_x86_64.whl"]
    assert old.yanked == "" and not old.metadata
    mac = files["torch-2.0.0-cp310-cp310-macosx_11_0_arm64.whl"]
    assert mac.yanked == "broken & withdrawn" and "#" not in mac.url
    assert len(files) == 4  # "../" is a folder, not a file


@pytest.mark.parametrize(
    "page",
    [
        "",
        "<html><body>no links</body></html>",
        '<a href="x.whl" data-requires-python=">=3.8">x</a>',
        "<a\nhref='y.whl'\ndata-yanked>y</a>",
    ],
)
def test_odd_pages_agree_with_html_parser(page):
    assert _scan_anchors(page) == parser_anchors(page)
