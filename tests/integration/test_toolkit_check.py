"""A toolkit counts only when its nvcc compiled a .cu file: with this machine's real nvcc where
there is one (skipped with the reason where not), with real toolkits made broken (CUDA 13's crt
or nvvm taken out), and through the install step with the stand-in nvcc."""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path

import pytest

from app.events import CancelToken, Reporter
from app.journal import Journal
from app.steps import toolkit as toolkit_step
from app.steps.toolkit import ToolkitError, parse_manifest
from app.steps.toolkit.check import compile_probe, diagnose

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "nvidia-redist"


def real_toolkit() -> Path | None:
    """A CUDA toolkit on this machine whose nvcc is a real program (not our stand-in)."""
    candidates = [os.environ.get("CUDA_HOME", ""), os.environ.get("CUDA_PATH", "")]
    found = shutil.which("nvcc")
    if found:
        candidates.append(str(Path(found).resolve().parent.parent))
    candidates += sorted(glob.glob("/usr/local/cuda-*"), reverse=True)
    for folder in filter(None, candidates):
        nvcc = Path(folder) / "bin" / ("nvcc.exe" if os.name == "nt" else "nvcc")
        if nvcc.is_file() and nvcc.stat().st_size > 1_000_000:
            return Path(folder)
    return None


REAL = real_toolkit()
needs_real = pytest.mark.skipif(REAL is None, reason="no CUDA toolkit with a real nvcc here")
posix_only = pytest.mark.skipif(os.name == "nt", reason="the stand-in nvcc is a POSIX shell script")


def broken_copy(real: Path, into: Path, *, without: str) -> Path:
    """A toolkit that is the real one except for one part: nvcc copied (it finds its toolkit
    from its own location), everything else linked, `without` ('crt' or 'nvvm') left out."""
    (into / "bin").mkdir(parents=True)
    for item in (real / "bin").iterdir():
        if item.name in ("nvcc", "nvcc.profile"):
            shutil.copy2(item, into / "bin" / item.name)
        else:
            (into / "bin" / item.name).symlink_to(item)
    include = into / "include"
    include.mkdir()
    for item in (real / "include").iterdir():
        if not (without == "crt" and item.name == "crt"):
            (include / item.name).symlink_to(item)
    for name in ("lib64", "lib", "nvvm"):
        if (real / name).exists() and not (without == "nvvm" and name == "nvvm"):
            (into / name).symlink_to(real / name)
    targets = real / "targets"
    for target in targets.iterdir() if targets.is_dir() else []:
        (into / "targets" / target.name).mkdir(parents=True)
        (into / "targets" / target.name / "include").symlink_to(include)
        if (target / "lib").exists():
            (into / "targets" / target.name / "lib").symlink_to(target / "lib")
    return into


@needs_real
def test_the_real_toolkit_compiles():
    result = compile_probe(REAL, windows=os.name == "nt")
    assert result.ok, result.output
    assert result.problem is None and result.message == ""


@needs_real
@pytest.mark.skipif(os.name == "nt", reason="the broken copy links files (no symlinks under Wine)")
@pytest.mark.parametrize(
    ("without", "problem", "named"),
    [("crt", "crt_missing", "include/crt"), ("nvvm", "nvvm_missing", "cicc")],
)
def test_a_toolkit_missing_a_cuda13_part_is_broken_and_named(tmp_path, without, problem, named):
    if without == "crt" and not (REAL / "include" / "crt").is_dir():
        pytest.skip("this toolkit keeps crt elsewhere")
    broken = broken_copy(REAL, tmp_path / "CUDA 툴킷", without=without)
    assert (broken / "bin" / "nvcc").is_file()
    result = compile_probe(broken, windows=False)
    assert not result.ok and result.toolkit_broken
    assert result.problem == problem and named in result.message, result.output


@needs_real
@pytest.mark.skipif(os.name == "nt", reason="nvcc looks for cl.exe differently on Windows")
def test_no_host_compiler_is_not_a_broken_toolkit(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))  # nvcc finds no gcc/g++ on PATH
    result = compile_probe(REAL, windows=False, env=env)
    assert not result.ok and not result.toolkit_broken
    assert result.problem == "no_host_compiler" and "g++" in result.message


@pytest.mark.windows
def test_no_nvcc_at_all(tmp_path):
    result = compile_probe(tmp_path, windows=os.name == "nt")
    assert result.problem == "no_nvcc" and result.toolkit_broken and "nvcc" in result.message


@pytest.mark.windows
@pytest.mark.parametrize(
    ("output", "problem"),
    [
        (
            r"C:\cuda\include\cuda_runtime.h(82): fatal error C1083: Cannot open include file: "
            "'crt/host_config.h': No such file or directory",
            "crt_missing",
        ),
        ("'cicc.exe' is not recognized as an internal or external command", "nvvm_missing"),
        ("nvcc fatal   : Cannot find compiler 'cl.exe' in PATH", "no_host_compiler"),
        (
            "crt/host_config.h:143:2: error: #error -- unsupported GNU version! gcc versions "
            "later than 14 are not supported!",
            "unsupported_host_compiler",
        ),
        ("ptxas fatal : something else", "failed"),
    ],
)
def test_windows_and_linux_messages_are_told_apart(output, problem):
    result = diagnose(output, 2, windows=True, nvcc=Path(r"C:\cuda\bin\nvcc.exe"))
    # an unsupported gcc also names crt/host_config.h: the #error wins over the file name
    assert result.problem == problem and not result.ok and result.message


@pytest.mark.windows
def test_cuda13_archives_include_crt_and_nvvm():
    manifest = __import__("json").loads((FIXTURES / "redistrib_13.0.2.json").read_text("utf-8"))
    names = [a.component for a in parse_manifest(manifest, "windows-x86_64")]
    assert {"cuda_nvcc", "cuda_crt", "libnvvm"} <= set(names)
    names = [a.component for a in parse_manifest(manifest, "linux-x86_64")]
    assert {"cuda_crt", "libnvvm"} <= set(names)


@posix_only
@pytest.mark.parametrize("missing", ["include/crt/host_config.h", "nvvm/bin/cicc"])
def test_install_refuses_a_toolkit_that_cannot_compile(tmp_path, monkeypatch, missing):
    """The archives unpack fine and nvcc --version answers; the compile fails: nothing lands."""
    from tests.integration import test_toolkit as archives

    files = {**archives.FILES["cuda_nvcc"]}
    del files[missing]
    monkeypatch.setitem(archives.FILES, "cuda_nvcc", files)
    dest = tmp_path / "cuda"
    with archives.serve_files() as server:
        archives.publish(server)
        with pytest.raises(ToolkitError, match="crt|cicc"):
            toolkit_step.install_toolkit(
                "12.6",
                dest,
                "linux-x86_64",
                Reporter(),
                CancelToken(),
                mirror=f"{server.url}/",
                components=archives.COMPONENTS,
                journal=Journal(tmp_path / "journal.jsonl"),
            )
    # no dest, no staging: only the journal (and its lock)
    assert {p.name for p in tmp_path.iterdir()} <= {"journal.jsonl", "journal.jsonl.lock"}


@needs_real
def test_verify_reports_whether_nvcc_compiles():
    from app.steps.verify import find_nvcc

    env = dict(os.environ, PATH=str(REAL / "bin") + os.pathsep + os.environ.get("PATH", ""))
    found = find_nvcc(env)
    assert found is not None and found["compiles"] is True and found["problem"] is None
