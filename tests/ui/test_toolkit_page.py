"""The toolkit page installs from a loopback copy of NVIDIA's redist tree on a worker."""

from __future__ import annotations

from tests.integration.test_toolkit import COMPONENTS, publish
from tests.loopback import serve_files
from tests.ui.test_summary_page import profile
from ui.wizard import PAGE_NAMES, SetupWizard


def test_toolkit_page_installs_the_planned_version(qtbot, tmp_path):
    linux = profile()
    linux.os.family = "linux"
    w = SetupWizard(scan_call=lambda reporter, cancel: linux)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.scan_page.isComplete, timeout=10000)
    w.next()
    w.summary_page.toolkit_box.setChecked(True)
    w.next()
    assert w.currentId() == PAGE_NAMES.index("toolkit")
    page = w.toolkit_page
    assert page.version.text() == "12.6"  # the plan's cu126 build
    page.folder.setText(str(tmp_path / "cuda-12.6"))
    page.components = COMPONENTS
    with serve_files() as mirror:
        publish(mirror)
        page.mirror = f"{mirror.url}/"
        page.start_button.click()
        assert not page.isComplete()  # no leaving while it runs
        qtbot.waitUntil(lambda: page.worker is None, timeout=60000)
    assert page.installed == str(tmp_path / "cuda-12.6"), page.status.text()
    assert (tmp_path / "cuda-12.6" / "bin" / "nvcc").exists()
    assert page.isComplete() and not page.start_button.isEnabled()
    assert "nvcc 12.6.85 runs" in page.status.text()  # the stand-in nvcc answered
