"""The official-installer route: the bundled installer table, and a runfile stand-in served on
loopback and run for real (sh, the runfile's flags, its output streamed, the result checked).

NVIDIA's 4 GB runfile cannot be fetched here; the stand-in is a shell script that takes the same
flags and writes what the real one writes into --toolkitpath.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from pathlib import Path

import pytest

from app.events import Cancelled, CancelToken, Reporter
from app.journal import Journal
from app.paths import resources_dir
from app.steps.download import DownloadError
from app.steps.folders import MARKER
from app.steps.toolkit import ToolkitError
from app.steps.toolkit.installer import (
    Installer,
    _run,
    find_installer,
    install_official,
    silent_command,
    windows_root,
)
from app.steps.undo import undo_entries
from tests import fake_nvcc
from tests.loopback import serve_files

RUNFILE = """#!/bin/sh
# stand-in for cuda_12.6.3_560.35.05_linux.run: same flags, same result folder layout
dest=""
for arg in "$@"; do
  case "$arg" in
    --toolkitpath=*) dest="${arg#--toolkitpath=}" ;;
    --silent|--toolkit|--no-man-page|--override|--defaultroot=*|--tmpdir=*) ;;
    *) echo "unknown option $arg"; exit 2 ;;
  esac
done
echo "Installing the CUDA Toolkit in $dest ..."
[ -n "$SLOW" ] && sleep 30
[ -n "$BROKEN" ] && exit 0
mkdir -p "$dest/bin" "$dest/include/crt" "$dest/nvvm/bin"
cp "$FAKE_NVCC" "$dest/bin/nvcc"
chmod +x "$dest/bin/nvcc"
[ -n "$NO_CRT" ] || echo '/* crt */' > "$dest/include/crt/host_config.h"
echo '#!/bin/sh' > "$dest/nvvm/bin/cicc"
echo '/* runtime */' > "$dest/include/cuda_runtime.h"
echo '/* driver api */' > "$dest/include/cuda.h"
echo "===========\\n= Summary =\\n==========="
[ -n "$FAIL" ] && exit 1
[ -n "$REBOOT" ] && exit 3010
exit 0
"""


@pytest.fixture(autouse=True)
def fake_nvcc_file(tmp_path_factory, monkeypatch):
    """The stand-in runfile copies this nvcc (one that checks crt and nvvm) into the toolkit."""
    path = tmp_path_factory.mktemp("nvcc") / "nvcc"
    path.write_bytes(fake_nvcc.script("12.6.85"))
    monkeypatch.setenv("FAKE_NVCC", str(path))


class Lines(Reporter):
    def __init__(self):
        self.lines: list[str] = []

    def log(self, message, level=20):
        self.lines.append(message)


def stand_in(server, body: bytes = RUNFILE.encode(), md5: str | None = None) -> Installer:
    server.files["cuda_12.6.3_560.35.05_linux.run"] = body
    return Installer(
        "12.6.3",
        "linux-x86_64",
        f"{server.url}/cuda_12.6.3_560.35.05_linux.run",
        "cuda_12.6.3_560.35.05_linux.run",
        md5 or hashlib.md5(body).hexdigest(),
        len(body),
    )


def test_bundled_table_names_the_runfile_and_exe_with_their_md5():
    linux = find_installer("12.6", "linux-x86_64")
    assert linux.url == (
        "https://developer.download.nvidia.com/compute/cuda/12.6.3/local_installers/"
        "cuda_12.6.3_560.35.05_linux.run"
    )
    assert linux.md5 == "29d297908c72b810c9ceaa5177142abd" and linux.size == 4446722669
    windows = find_installer("12.8.1", "windows-x86_64")
    assert windows.file == "cuda_12.8.1_572.61_windows.exe"
    assert find_installer("13.0", "linux-aarch64").file.endswith("_linux_sbsa.run")
    with pytest.raises(ToolkitError, match="per-user archives"):
        find_installer("11.8", "linux-x86_64")


def test_every_installer_row_is_well_formed():
    data = json.loads((resources_dir() / "compat" / "cuda_installers.json").read_text("utf-8"))
    labels = json.loads((resources_dir() / "compat" / "cuda_redist.json").read_text("utf-8"))
    for label, platforms in data["installers"].items():
        assert label in labels["labels"].values(), label
        for platform, row in platforms.items():
            assert platform in labels["platforms"], platform
            assert len(row["md5"]) == 32 and int(row["md5"], 16) >= 0
            assert row["size"] > 1e9 and row["file"].startswith(f"cuda_{label}_")
    assert set(data["source"]) == set(data["sources"])


def test_silent_commands_never_install_the_driver(tmp_path):
    linux = silent_command(Path("/d/x.run"), "12.6.3", "linux-x86_64", tmp_path / "a b", tmp_path)
    assert linux[:4] == ["sh", "/d/x.run", "--silent", "--toolkit"]
    assert f"--toolkitpath={tmp_path / 'a b'}" in linux and "--driver" not in linux
    windows = silent_command(Path("C:/x.exe"), "12.6.3", "windows-x86_64", tmp_path, tmp_path)
    assert windows[1] == "-s" and "nvcc_12.6" in windows and "cusparse_dev_12.6" in windows
    assert not any("display" in part or "driver" in part for part in windows)
    assert "visual_studio_integration_12.6" in windows  # CMake's VS generator needs its toolset
    assert not any(part.startswith(("crt_", "nvvm_")) for part in windows)  # unknown to 12.x


def test_cuda13_on_windows_also_installs_crt_and_nvvm(tmp_path):
    """CUDA 13 split the CRT headers and NVVM out of nvcc: without them nvcc cannot compile."""
    windows = silent_command(Path("C:/x.exe"), "13.0.2", "windows-x86_64", tmp_path, tmp_path)
    assert {"nvcc_13.0", "crt_13.0", "nvvm_13.0", "visual_studio_integration_13.0"} <= set(windows)
    with pytest.raises(ToolkitError, match="not known"):
        silent_command(Path("C:/x.exe"), "14.0.0", "windows-x86_64", tmp_path, tmp_path)


def test_the_windows_root_follows_program_files():
    root = windows_root("12.6.3", {"PROGRAMFILES": r"D:\Programs"})
    assert str(root).replace("/", "\\") == r"D:\Programs\NVIDIA GPU Computing Toolkit\CUDA\v12.6"
    assert "v13.0" in str(windows_root("13.0.2", {}))


@pytest.mark.windows
@pytest.mark.skipif(os.name != "nt", reason="exit codes above 255 exist only on Windows")
@pytest.mark.parametrize("code", [3010, 1641])
def test_exit_3010_is_success_that_asks_for_a_restart(code):
    reporter = Lines()
    _run([sys.executable, "-c", f"import sys; sys.exit({code})"], reporter, CancelToken())
    assert any("restart Windows" in line for line in reporter.lines)
    with pytest.raises(ToolkitError, match="exited with 3011"):
        _run([sys.executable, "-c", "import sys; sys.exit(3011)"], Lines(), CancelToken())


def test_an_installer_whose_nvcc_cannot_compile_counts_as_failed(tmp_path, monkeypatch):
    """nvcc --version answers, but crt/host_config.h is missing: broken, named, rolled back."""
    monkeypatch.setenv("NO_CRT", "1")
    dest = tmp_path / "cuda"
    with serve_files() as server, pytest.raises(ToolkitError, match="include/crt"):
        install_official(stand_in(server), Reporter(), CancelToken(), dest=dest)
    assert not dest.exists()


def test_runfile_installs_toolkit_checks_nvcc_and_undo_removes_it(tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    dest = tmp_path / "CUDA 12.6 홍길동"
    reporter = Lines()
    with serve_files() as server:
        installer = stand_in(server)
        done = install_official(installer, reporter, CancelToken(), dest=dest, journal=journal)
    assert done == dest.absolute()
    assert (dest / "bin" / "nvcc").is_file() and (dest / MARKER).is_file()
    assert any("Installing the CUDA Toolkit in" in line for line in reporter.lines)  # streamed
    assert any("nvcc 12.6.85 runs" in line for line in reporter.lines)
    assert undo_entries(journal.pending(), Reporter(), CancelToken(), journal) == 1
    assert not dest.exists()


@pytest.mark.parametrize(
    ("env", "message"),
    [("BROKEN", "reported success but"), ("FAIL", "exited with 1")],
)
def test_a_failed_or_lying_installer_leaves_nothing(tmp_path, monkeypatch, env, message):
    monkeypatch.setenv(env, "1")
    journal = Journal(tmp_path / "journal.jsonl")
    dest = tmp_path / "cuda"
    with serve_files() as server, pytest.raises(ToolkitError, match=message):
        install_official(stand_in(server), Reporter(), CancelToken(), dest=dest, journal=journal)
    assert not dest.exists()
    assert journal.pending() == []  # the rollback is recorded: nothing left to undo


def test_a_wrong_md5_runs_nothing(tmp_path):
    dest = tmp_path / "cuda"
    with serve_files() as server, pytest.raises(DownloadError, match="md5 of .* does not match"):
        install_official(stand_in(server, md5="0" * 32), Reporter(), CancelToken(), dest=dest)
    assert not dest.exists()


def test_cancel_while_the_installer_runs_removes_the_half_install(tmp_path, monkeypatch):
    monkeypatch.setenv("SLOW", "1")
    dest = tmp_path / "cuda"
    cancel = CancelToken()
    reporter = Lines()
    started = threading.Event()
    original = reporter.log

    def log(message, level=20):
        original(message, level)
        if "Installing the CUDA Toolkit" in message:
            started.set()

    reporter.log = log
    threading.Thread(target=lambda: started.wait(20) and cancel.cancel(), daemon=True).start()
    with serve_files() as server, pytest.raises(Cancelled):
        install_official(stand_in(server), reporter, cancel, dest=dest)
    assert not dest.exists()


def test_an_existing_folder_is_refused(tmp_path):
    dest = tmp_path / "cuda"
    dest.mkdir()
    (dest / "mine.txt").write_text("keep")
    with serve_files() as server, pytest.raises(ToolkitError, match="not empty"):
        install_official(stand_in(server), Reporter(), CancelToken(), dest=dest)
    assert (dest / "mine.txt").read_text() == "keep"


def test_cli_refuses_an_installer_that_is_not_nvidias(tmp_path):
    """The CLI takes the md5 and size from the bundled table: a mirror cannot swap the file."""
    from tests.integration.test_cli import run_cli

    dest = tmp_path / "cuda"
    with serve_files() as server:
        server.files["cuda_12.6.3_560.35.05_linux.run"] = RUNFILE.encode()
        result = run_cli(
            "toolkit", "--version", "12.6", "--method", "installer", "--dest", str(dest),
            "--mirror", server.url, "--yes",
        )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "expected 4446722669" in result.stderr
    assert not dest.exists()
