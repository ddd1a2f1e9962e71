"""The toolkit page lists, downloads and installs from a loopback copy of NVIDIA's redist tree."""

from __future__ import annotations

import hashlib

from tests.integration.test_toolkit import COMPONENTS, publish
from tests.loopback import serve_files
from tests.ui.test_summary_page import profile
from ui.state import page_id
from ui.wizard import SetupWizard


def open_page(qtbot, mirror_url: str):
    linux = profile()
    linux.os.family = "linux"
    w = SetupWizard(scan_call=lambda reporter, cancel: linux)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    w.next()
    w.summary_page.toolkit_box.setChecked(True)
    w.toolkit_page.mirror = f"{mirror_url}/"
    w.toolkit_page.components = COMPONENTS
    w.next()
    assert w.currentId() == page_id("toolkit")
    return w, w.toolkit_page


def test_toolkit_page_lists_files_then_installs_the_planned_version(qtbot, tmp_path):
    with serve_files() as mirror:
        publish(mirror)
        w, page = open_page(qtbot, mirror.url)
        assert page.version.text() == "12.6"  # the plan's cu126 build
        qtbot.waitUntil(lambda: page.files.topLevelItemCount() == len(COMPONENTS), timeout=10000)
        first = page.files.topLevelItem(0)
        body = next(v for k, v in mirror.files.items() if k.startswith("cuda_nvcc/"))
        assert first.text(0).startswith("cuda_nvcc-linux-x86_64-12.6")
        assert first.toolTip(2) == f"sha256: {hashlib.sha256(body).hexdigest()}"
        assert "to download" in page.space.text() and "free in" in page.space.text()
        page.folder.setText(str(tmp_path / "cuda-12.6"))
        page.start_button.click()
        assert not page.isComplete()  # no leaving while it runs
        qtbot.waitUntil(lambda: page.worker is None, timeout=60000)
    assert page.installed == str(tmp_path / "cuda-12.6"), page.status.text()
    assert (tmp_path / "cuda-12.6" / "bin" / "nvcc").exists()
    assert page.isComplete() and not page.start_button.isEnabled()
    assert "nvcc 12.6.85 runs" in page.status.text()  # the stand-in nvcc answered
    assert page.progress.value() == page.progress.maximum()
    bars = list(page._bars.values())
    assert bars and all(bar.value() == bar.maximum() for bar in bars)  # every file verified


def test_installer_method_lists_nvidias_runfile_with_its_md5(qtbot):
    with serve_files() as mirror:
        publish(mirror)
        w, page = open_page(qtbot, mirror.url)
        qtbot.waitUntil(lambda: page.listing is not None, timeout=10000)
        page.official.setChecked(True)
        qtbot.waitUntil(
            lambda: page.files.topLevelItemCount() == 1 and page.listing is not None,
            timeout=10000,
        )
    row = page.files.topLevelItem(0)
    assert row.text(0) == "cuda_12.6.3_560.35.05_linux.run"
    assert row.toolTip(2) == "md5: 29d297908c72b810c9ceaa5177142abd"
    assert row.text(1) == "4.4 GB"
    assert page.folder.isEnabled()  # Linux: the runfile installs where the user says
    assert "never the display driver" in page.about.text()


def test_cancel_discards_the_partial_download(qtbot, tmp_path):
    from app.paths import state_dir

    with serve_files() as mirror:
        publish(mirror)
        w, page = open_page(qtbot, mirror.url)
        qtbot.waitUntil(lambda: page.listing is not None, timeout=10000)
        cache = state_dir() / "downloads" / "cuda" / "12.6.3"
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "left-over.tar.xz.part").write_bytes(b"half")
        page.folder.setText(str(tmp_path / "cuda"))
        page.start_button.click()
        page.cancel_button.click()
        qtbot.waitUntil(lambda: page.worker is None and page.discarder is None, timeout=30000)
    assert not list(cache.glob("*.part"))
    assert page.installed is None and page.start_button.isEnabled()
    assert "Cancelled" in page.status.text()


def test_the_partial_download_is_discarded_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    import threading

    from app.steps import toolkit

    threads = []
    real = toolkit.discard_partial
    release = threading.Event()

    def recorded(label):
        threads.append(threading.current_thread())
        release.wait(10)  # a slow disk: the page must stay usable meanwhile
        return real(label)

    monkeypatch.setattr(toolkit, "discard_partial", recorded)
    with serve_files() as mirror:
        publish(mirror)
        w, page = open_page(qtbot, mirror.url)
        qtbot.waitUntil(lambda: page.listing is not None, timeout=10000)
        page.folder.setText(str(tmp_path / "cuda"))
        page.start_button.click()
        page.cancel_button.click()
        qtbot.waitUntil(lambda: page.discarder is not None, timeout=30000)
        assert "deleting" in page.status.text()
        assert not page.start_button.isEnabled() and not page.isComplete()  # not until done
        release.set()
        qtbot.waitUntil(lambda: page.discarder is None, timeout=30000)
    assert threads and threading.main_thread() not in threads
    assert "Cancelled. Nothing was installed." in page.status.text()
    assert page.start_button.isEnabled() and page.isComplete()
