"""CUDA toolkit and cuDNN discovery on real folders built in temp dirs, and version parsing."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys

import pytest

from app.scan import ScanContext
from app.scan.toolkits import (
    find_cudnn,
    find_toolkits,
    parse_cudnn_header,
    parse_nvcc_version,
    parse_version_json,
    parse_version_txt,
    short_version,
    toolkit_version,
)

NVCC_OUTPUTS = {
    "10.2": (
        "nvcc: NVIDIA (R) Cuda compiler driver\n"
        "Copyright (c) 2005-2019 NVIDIA Corporation\n"
        "Built on Wed_Oct_23_19:24:38_PDT_2019\n"
        "Cuda compilation tools, release 10.2, V10.2.89\n",
        "10.2.89",
    ),
    "11.3": (
        "nvcc: NVIDIA (R) Cuda compiler driver\r\n"
        "Copyright (c) 2005-2021 NVIDIA Corporation\r\n"
        "Built on Mon_May__3_19:41:42_Pacific_Daylight_Time_2021\r\n"
        "Cuda compilation tools, release 11.3, V11.3.109\r\n"
        "Build cuda_11.3.r11.3/compiler.29920130_0\r\n",
        "11.3.109",
    ),
    "12.8": (
        "nvcc: NVIDIA (R) Cuda compiler driver\n"
        "Copyright (c) 2005-2025 NVIDIA Corporation\n"
        "Built on Fri_Feb_21_20:23:50_PST_2025\n"
        "Cuda compilation tools, release 12.8, V12.8.93\n"
        "Build cuda_12.8.r12.8/compiler.35583870_0\n",
        "12.8.93",
    ),
    "13.0": (
        "nvcc: NVIDIA (R) Cuda compiler driver\n"
        "Copyright (c) 2005-2025 NVIDIA Corporation\n"
        "Built on Wed_Aug_20_01:58:59_PM_PDT_2025\n"
        "Cuda compilation tools, release 13.0, V13.0.88\n"
        "Build cuda_13.0.r13.0/compiler.36424714_0\n",
        "13.0.88",
    ),
}


@pytest.mark.parametrize("short", sorted(NVCC_OUTPUTS))
def test_parse_nvcc_version(short):
    text, full = NVCC_OUTPUTS[short]
    assert parse_nvcc_version(text) == (short, full)


def test_parse_nvcc_version_build_line_only_and_garbage():
    assert parse_nvcc_version("Build cuda_12.4.r12.4/compiler.34097967_0") == ("12.4", None)
    assert parse_nvcc_version("nvcc: command not found") is None
    assert parse_nvcc_version("") is None


def test_parse_version_files_and_headers():
    assert parse_version_txt("CUDA Version 10.2.89\n") == ("10.2", "10.2.89")
    assert parse_version_json('{"cuda": {"name": "CUDA SDK", "version": "12.6.3"}}') == (
        "12.6",
        "12.6.3",
    )
    assert parse_version_json("{not json") is None
    assert parse_version_json('{"cuda": 12}') is None
    header = "#define CUDNN_MAJOR 9\n#define CUDNN_MINOR 13\n#define CUDNN_PATCHLEVEL 0\n"
    assert parse_cudnn_header(header) == "9.13.0"
    assert parse_cudnn_header("#define CUDNN_MAJOR 9\n") is None


def make_toolkit(root, *, version_json=None, version_txt=None, nvcc_text=None, cudnn=None):
    (root / "include").mkdir(parents=True)
    (root / "include" / "cuda.h").write_text("#define CUDA_VERSION 12060\n", encoding="utf-8")
    if version_json:
        (root / "version.json").write_text(
            json.dumps({"cuda": {"name": "CUDA SDK", "version": version_json}}), encoding="utf-8"
        )
    if version_txt:
        (root / "version.txt").write_text(f"CUDA Version {version_txt}\n", encoding="utf-8")
    if nvcc_text is not None:
        (root / "bin").mkdir()
        nvcc = root / "bin" / "nvcc"
        nvcc.write_text(f"#!{sys.executable}\nprint({nvcc_text!r})\n", encoding="utf-8")
        nvcc.chmod(nvcc.stat().st_mode | stat.S_IEXEC)
    if cudnn:
        major, minor, patch = cudnn.split(".")
        name = "cudnn_version.h" if int(major) >= 8 else "cudnn.h"
        (root / "include" / name).write_text(
            f"#define CUDNN_MAJOR {major}\n#define CUDNN_MINOR {minor}\n"
            f"#define CUDNN_PATCHLEVEL {patch}\n",
            encoding="utf-8",
        )
    return root


def ctx(environ, locations=()) -> ScanContext:
    return ScanContext(environ=environ, timeout=10, toolkit_locations=locations)


pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX stand-in nvcc scripts")


def test_toolkits_from_cuda_path_variables_in_a_korean_folder(tmp_path):
    base = tmp_path / "홍길동 CUDA"
    new = make_toolkit(base / "v12.6", version_json="12.6.3", cudnn="9.13.0")
    old = make_toolkit(base / "v10.2", version_txt="10.2.89", cudnn="7.6.5")
    environ = {
        "CUDA_PATH": str(new),
        "CUDA_PATH_V10_2": str(old),
        "CUDA_PATH_V12_6": str(new),
        "PATH": "",
    }
    toolkits = find_toolkits(ctx(environ))
    assert [(t.version, t.full_version, t.path) for t in toolkits] == [
        ("12.6", "12.6.3", str(new)),
        ("10.2", "10.2.89", str(old)),
    ]
    assert toolkits[0].found_by == ["CUDA_PATH", "CUDA_PATH_V12_6"]
    cudnn = find_cudnn(toolkits, {})
    by_toolkit = {c.toolkit: c.version for c in cudnn}
    assert by_toolkit[str(new)] == "9.13.0"
    assert by_toolkit[str(old)] == "7.6.5"


def test_toolkit_version_from_nvcc_when_no_version_file(tmp_path):
    root = make_toolkit(tmp_path / "cuda", nvcc_text=NVCC_OUTPUTS["12.8"][0])
    (toolkit,) = find_toolkits(ctx({"CUDA_HOME": str(root), "PATH": ""}))
    assert (toolkit.version, toolkit.full_version) == ("12.8", "12.8.93")
    assert toolkit.nvcc == str(root / "bin" / "nvcc")


def test_toolkit_version_from_cuda_h_as_last_resort(tmp_path):
    root = make_toolkit(tmp_path / "cuda")
    (toolkit,) = find_toolkits(ctx({"CUDA_HOME": str(root), "PATH": ""}))
    assert (toolkit.version, toolkit.full_version, toolkit.nvcc) == ("12.6", None, None)


def test_toolkit_version_is_one_string_from_every_source(tmp_path):
    """One reader, one type: '12.6.3' or '12.6', never a pair (the cuDNN download split it)."""
    nvcc_only = make_toolkit(tmp_path / "n", nvcc_text=NVCC_OUTPUTS["12.8"][0])
    (nvcc_only / "include" / "cuda.h").unlink()
    found = {
        "version.json": toolkit_version(make_toolkit(tmp_path / "j", version_json="12.6.3")),
        "version.txt": toolkit_version(make_toolkit(tmp_path / "t", version_txt="10.2.89")),
        "nvcc": toolkit_version(nvcc_only, nvcc_only / "bin" / "nvcc", ctx({})),
        "cuda.h": toolkit_version(make_toolkit(tmp_path / "h")),
        "name": toolkit_version(tmp_path / "cuda-11.8", from_name=True),
    }
    assert found == {
        "version.json": "12.6.3",
        "version.txt": "10.2.89",
        "nvcc": "12.8.93",
        "cuda.h": "12.6",
        "name": "11.8",
    }
    assert [short_version(v) for v in found.values()] == ["12.6", "10.2", "12.8", "12.6", "11.8"]
    assert toolkit_version(nvcc_only) is None  # nvcc is run only where it is given
    assert toolkit_version(tmp_path / "cuda-11.8") is None  # a name counts only when asked


def test_nvcc_on_path_inside_a_toolkit_and_a_symlinked_alias(tmp_path):
    real = make_toolkit(tmp_path / "cuda-12.8", nvcc_text=NVCC_OUTPUTS["12.8"][0])
    alias = tmp_path / "cuda"
    alias.symlink_to(real)
    environ = {"CUDA_HOME": str(alias), "PATH": str(alias / "bin")}
    (toolkit,) = find_toolkits(ctx(environ))
    assert toolkit.path == str(real)  # the versioned folder, not the alias
    assert "CUDA_HOME" in toolkit.found_by and "PATH" in toolkit.found_by


def test_a_bare_nvcc_is_not_a_toolkit_and_a_wrapper_is_attributed(tmp_path):
    """/usr/local/bin/nvcc may be a wrapper: /usr/local must not become a 'toolkit'."""
    real = make_toolkit(tmp_path / "cuda-13.0", nvcc_text=NVCC_OUTPUTS["13.0"][0])
    wrapper_dir = tmp_path / "bin"
    wrapper_dir.mkdir()
    wrapper = wrapper_dir / "nvcc"
    wrapper.write_text(f'#!/bin/sh\nexec "{real}/bin/nvcc" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    environ = {"CUDA_ROOT": str(real), "PATH": str(wrapper_dir)}
    (toolkit,) = find_toolkits(ctx(environ))
    assert toolkit.path == str(real)
    assert f"PATH ({wrapper})" in toolkit.found_by


@pytest.mark.skipif(os.name == "nt", reason="the wrapper is a /bin/sh script")
def test_nvcc_runs_with_the_scans_environment_not_the_one_we_started_with(tmp_path):
    """A wrapper that finds the real nvcc through a variable works when the variable is only in
    the scan's environment (on Windows: the registry's, newer than this process's own)."""
    real = make_toolkit(tmp_path / "cuda-13.0", nvcc_text=NVCC_OUTPUTS["13.0"][0])
    wrapper_dir = tmp_path / "bin"
    wrapper_dir.mkdir()
    wrapper = wrapper_dir / "nvcc"
    wrapper.write_text('#!/bin/sh\nexec "$NVCC_HOME/bin/nvcc" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    assert "NVCC_HOME" not in os.environ
    (toolkit,) = find_toolkits(ctx({"PATH": str(wrapper_dir), "NVCC_HOME": str(real)}))
    assert toolkit.path == str(wrapper_dir)  # not a toolkit folder: nvcc's own version
    assert (toolkit.version, toolkit.full_version) == ("13.0", "13.0.88")


def test_folder_that_is_not_a_toolkit_is_ignored(tmp_path):
    (tmp_path / "empty").mkdir()
    environ = {
        "CUDA_PATH": str(tmp_path / "empty"),
        "CUDA_HOME": str(tmp_path / "missing"),
        "PATH": "",
    }
    assert find_toolkits(ctx(environ)) == []


def test_standard_locations_are_globbed(tmp_path):
    make_toolkit(tmp_path / "cuda-11.8", version_json="11.8.0")
    make_toolkit(tmp_path / "cuda-12.4", version_json="12.4.1")
    found = find_toolkits(ctx({"PATH": ""}, locations=(str(tmp_path / "cuda-*"),)))
    assert [t.full_version for t in found] == ["12.4.1", "11.8.0"]


@pytest.mark.skipif(not shutil.which("nvcc"), reason="needs this machine's CUDA toolkit")
def test_finds_this_machines_cuda_13_toolkit():
    toolkits = find_toolkits(ctx(dict(os.environ), locations=None))
    found = {t.path: t for t in toolkits}
    assert "/usr/local/cuda-13.0" in found
    toolkit = found["/usr/local/cuda-13.0"]
    assert toolkit.version == "13.0" and toolkit.full_version.startswith("13.0.")
    assert toolkit.nvcc == "/usr/local/cuda-13.0/bin/nvcc"
