"""GPU probe: recorded NVML answers, the real NVML of the machine running the tests (with or
without a GPU), nvidia-smi."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
import textwrap

import pynvml
import pytest

from app.scan import ScanContext
from app.scan.gpu import (
    NvmlUnavailable,
    PynvmlBackend,
    parse_smi_csv,
    parse_smi_cuda,
    probe,
    read_nvml,
)
from app.versions import cuda_version_from_int
from tests.nvml_recorded import RecordedNvml


class NoAdapters:
    """Windows' display-device list of a machine without any (the NVML tests are about NVML)."""

    def present_ids(self) -> list[str]:
        return []

    def values(self, instance_id: str) -> dict[str, str]:
        return {}


# An empty file system for the Linux adapter scan: these tests never depend on this machine's
# display devices (an AMD or Intel card here would add GPUs).
NO_SYSFS = tempfile.mkdtemp(prefix="no-sysfs-")


def ctx_with(nvml, path: str = "") -> ScanContext:
    return ScanContext(
        environ={"PATH": path},
        nvml=nvml,
        timeout=10,
        root=NO_SYSFS,
        display_devices=NoAdapters(),
    )


def test_one_gpu():
    nvml = RecordedNvml("one_gpu.json")
    context = ctx_with(nvml)
    result = probe(context)
    (gpu,) = result["gpus"]
    assert gpu.name == "NVIDIA GeForce RTX 3060"
    assert gpu.compute_capability == "8.6"
    assert gpu.memory_mib == 12288
    assert gpu.index == 0 and gpu.error is None
    assert result["driver"].version == "537.13"
    assert result["driver"].cuda == "12.2"
    assert context.notes == []
    assert nvml.shut_down


def test_two_mixed_gpus_keep_their_own_capabilities():
    result = probe(ctx_with(RecordedNvml("two_mixed_gpus.json")))
    names = [(g.name, g.compute_capability, g.index) for g in result["gpus"]]
    assert names == [
        ("NVIDIA GeForce RTX 4090", "8.9", 0),
        ("NVIDIA GeForce GTX 1080 Ti", "6.1", 1),
    ]
    assert result["driver"].cuda == "12.9"


def test_nvml_missing_is_a_normal_result_with_a_reason():
    context = ctx_with(RecordedNvml("one_gpu.json", fail={"unavailable": 1}))
    assert probe(context) == {"gpus": [], "driver": None}
    (note,) = context.notes
    assert note.probe == "gpu" and note.status == "missing"
    assert "No NVIDIA driver" in note.message


def test_nvml_raising_mid_way_keeps_what_was_read():
    # The second GPU falls off the bus after its name was read (NVML_ERROR_GPU_IS_LOST).
    nvml = RecordedNvml(
        "two_mixed_gpus.json",
        fail={
            "device_capability:1": pynvml.NVML_ERROR_GPU_IS_LOST,
            "device_memory_mib:1": pynvml.NVML_ERROR_GPU_IS_LOST,
        },
    )
    context = ctx_with(nvml)
    result = probe(context)
    first, second = result["gpus"]
    assert first.compute_capability == "8.9" and first.error is None
    assert second.name == "NVIDIA GeForce GTX 1080 Ti"
    assert second.compute_capability is None and second.memory_mib is None
    assert "GPU is lost" in second.error
    assert second.uuid is not None  # reading went on after the failure
    assert any("GPU 1 could not be fully read" in n.message for n in context.notes)
    assert nvml.shut_down


def test_cuda_version_unreadable_keeps_driver():
    nvml = RecordedNvml(
        "one_gpu.json", fail={"cuda_driver_version": pynvml.NVML_ERROR_FUNCTION_NOT_FOUND}
    )
    gpus, driver, notes = read_nvml(nvml)
    assert driver.version == "537.13" and driver.cuda is None
    assert len(gpus) == 1 and notes


def test_device_count_failure_gives_no_gpus_but_driver():
    nvml = RecordedNvml("one_gpu.json", fail={"device_count": pynvml.NVML_ERROR_UNKNOWN})
    gpus, driver, notes = read_nvml(nvml)
    assert gpus == [] and driver.version == "537.13"
    assert any("counted" in n for n in notes)


@pytest.mark.parametrize(
    ("value", "text"),
    [(12020, "12.2"), (11080, "11.8"), (13000, "13.0"), (12090, "12.9"), (10020, "10.2")],
)
def test_cuda_version_from_int(value, text):
    assert cuda_version_from_int(value) == text


def test_real_nvml_on_this_machine_answers_or_says_why():
    """The real backend reads this machine's driver and GPUs, or says why it cannot (no
    driver: "No NVIDIA driver is installed"), never crashes. What this machine has is asked
    of NVML directly first, so the test holds with or without a GPU."""
    try:
        pynvml.nvmlInit()
    except pynvml.NVMLError as exc:
        direct_error, direct = exc, None
    else:
        try:
            version = pynvml.nvmlSystemGetDriverVersion()
            version = version.decode() if isinstance(version, bytes) else version
            direct_error, direct = None, (version, pynvml.nvmlDeviceGetCount())
        finally:
            pynvml.nvmlShutdown()
    context = ctx_with(None)  # the real NVML; no nvidia-smi to fall back on
    result = probe(context)
    if direct is None:
        with pytest.raises(NvmlUnavailable) as info:
            PynvmlBackend().init()
        if isinstance(direct_error, pynvml.NVMLError_LibraryNotFound):
            assert "No NVIDIA driver" in str(info.value)
        assert result == {"gpus": [], "driver": None}
        assert context.notes[0].status == "missing" and context.notes[0].message
    else:
        assert result["driver"].version == direct[0]
        assert len(result["gpus"]) == direct[1]
        assert all(gpu.name for gpu in result["gpus"])


SMI_CSV = (
    "0, NVIDIA GeForce RTX 3060, 8.6, 12288, 537.13, GPU-3c1a7a7e\n"
    "1, Tesla T4, 7.5, 15360, 537.13, GPU-0a1b2c3d\n"
)
SMI_BANNER = textwrap.dedent("""\
    +-----------------------------------------------------------------------------------------+
    | NVIDIA-SMI 537.13                 Driver Version: 537.13         CUDA Version: 12.2     |
    +-----------------------------------------------------------------------------------------+
    """)


def test_parse_nvidia_smi():
    gpus, driver = parse_smi_csv(SMI_CSV)
    assert [(g.name, g.compute_capability, g.memory_mib) for g in gpus] == [
        ("NVIDIA GeForce RTX 3060", "8.6", 12288),
        ("Tesla T4", "7.5", 15360),
    ]
    assert driver == "537.13"
    assert parse_smi_cuda(SMI_BANNER) == "12.2"
    assert parse_smi_csv('Field "compute_cap" is not a valid field to query.') == ([], None)


@pytest.mark.skipif(os.name == "nt", reason="uses a POSIX script as the stand-in program")
def test_nvidia_smi_fallback_runs_the_program_on_path(tmp_path):
    """NVML unusable but nvidia-smi present (seen on some WSL setups): read GPUs through it."""
    smi = tmp_path / "nvidia-smi"
    query = "any(a.startswith('--query-gpu') for a in sys.argv)"
    smi.write_text(
        f"#!{sys.executable}\nimport sys\nprint({SMI_CSV!r} if {query} else {SMI_BANNER!r})\n",
        encoding="utf-8",
    )
    smi.chmod(smi.stat().st_mode | stat.S_IEXEC)
    context = ctx_with(RecordedNvml("one_gpu.json", fail={"unavailable": 1}), path=str(tmp_path))
    result = probe(context)
    assert [g.name for g in result["gpus"]] == ["NVIDIA GeForce RTX 3060", "Tesla T4"]
    assert result["driver"].version == "537.13" and result["driver"].cuda == "12.2"
    assert "nvidia-smi" in context.notes[0].message


@pytest.mark.skipif(os.name == "nt", reason="uses a POSIX script as the stand-in program")
def test_old_nvidia_smi_without_compute_cap(tmp_path):
    """Drivers before 510 reject the compute_cap field: ask again without it."""
    smi = tmp_path / "nvidia-smi"
    smi.write_text(
        f"#!{sys.executable}\nimport sys\nargs = ' '.join(sys.argv)\n"
        "if 'compute_cap' in args:\n"
        "    print('Field \"compute_cap\" is not a valid field to query.'); sys.exit(2)\n"
        "if '--query-gpu' in args:\n"
        "    print('0, GeForce GTX 1060 6GB, 00000000:01:00.0, 6078, 471.41, GPU-aa')\n"
        f"else:\n    print({SMI_BANNER!r})\n",
        encoding="utf-8",
    )
    smi.chmod(smi.stat().st_mode | stat.S_IEXEC)
    context = ctx_with(RecordedNvml("one_gpu.json", fail={"unavailable": 1}), path=str(tmp_path))
    result = probe(context)
    (gpu,) = result["gpus"]
    assert (gpu.name, gpu.compute_capability, gpu.memory_mib) == (
        "GeForce GTX 1060 6GB",
        None,
        6078,
    )
    assert result["driver"].version == "471.41"
