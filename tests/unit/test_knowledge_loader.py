"""One loader for the bundled knowledge: read once, checked, and a damaged file is one line."""

from __future__ import annotations

import pytest

from app.compat import knowledge
from app.compat.knowledge import KnowledgeError, resource
from app.steps import toolkit
from app.steps.cudnn import download as cudnn_download
from app.steps.envs import miniforge
from app.steps.toolkit import installer as toolkit_installer


def test_every_steps_facts_come_from_the_one_cached_loader():
    for module, name in [
        (toolkit, "cuda_redist"),
        (toolkit_installer, "cuda_installers"),
        (miniforge, "miniforge"),
        (cudnn_download, "cudnn_redist"),
    ]:
        assert module.facts() is resource(name)  # read once per process, not per call


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "FileNotFoundError"),
        ("{not json", "JSONDecodeError"),
        ('{"schema": "pytorch-setup/compat-other/1"}', "its schema is"),
        ("[1, 2]", "its schema is None"),
    ],
)
def test_a_missing_or_damaged_file_is_one_clear_error(tmp_path, monkeypatch, content, why):
    if content is not None:
        (tmp_path / "cuda_redist.json").write_text(content, encoding="utf-8")
    monkeypatch.setattr(knowledge, "compat_dir", lambda: tmp_path)
    resource.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=f"damaged \\({why}.*reinstall the assistant"):
            resource("cuda_redist")
    finally:
        resource.cache_clear()
