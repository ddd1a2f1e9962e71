"""Verify: prove that PyTorch works in the target interpreter, and explain what to fix if not.

A small script (PROBE) runs *in* the target interpreter: it imports torch, asks it about its
build and the GPUs it sees, runs a tiny computation on each GPU and compares it with the CPU,
and prints one marker line of JSON. Our own process never imports torch (that costs seconds and
would tie the assistant to one torch build). diagnose() turns that raw JSON into findings, each
with a stable code, a message a beginner understands and, where one exists, a fix to click; it
starts no processes, so every rule is tested with recorded probe outputs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packaging.version import InvalidVersion, Version

from app import proc, winenv
from app.compat.knowledge import (
    gfx_of_override,
    knowledge,
    override_failure,
    resource,
    runs_on,
)
from app.events import CancelToken, Reporter

# Imported here, not inside the functions that run on worker and helper threads: PySide6's
# import hook is not thread-safe, and the GUI imports this module on its own thread.
from app.profile import GPU_VENDORS
from app.scan import ScanContext
from app.scan.gpu import probe as gpu_probe
from app.scan.toolkits import parse_nvcc_version
from app.text import QT_TRANSLATE_NOOP, sentences, translate

if TYPE_CHECKING:  # imported where used: the journal is not needed to check PyTorch
    from app.journal import Entry, Journal

SCHEMA = "pytorch-setup/verify/1"
MARK = "PYTORCH_SETUP_VERIFY "
STAGE_MARK = "PYTORCH_SETUP_STAGE "
VC_REDIST_URL = "https://aka.ms/vs/17/release/vc_redist.x64.exe"
DRIVER_URL = "https://www.nvidia.com/Download/index.aspx"
# Apple's page on PyTorch with Metal (MPS): "macOS 12.3 or later" (docs/issue17-gpu-vendor-facts.md
# section 6, confirmed). The AMD and Intel links live in resources/compat/accelerators.json.
APPLE_MPS_URL = "https://developer.apple.com/metal/pytorch/"
# AMD's ROCm install guide (section 3), when accelerators.json cannot be read
ROCM_INSTALL_URL = "https://rocm.docs.amd.com/projects/install-on-linux/en/latest/"
OVERRIDE = "HSA_OVERRIDE_GFX_VERSION"
ROCM_VARIABLES = (OVERRIDE, "HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES")
# HIP's words when a build has no code for the GPU's gfx target (or an override names a wrong
# one): pytorch#132570, #164346, likelovewant#37 (the fact sheet's section 7)
NO_GFX_CODE = ("invalid device function", "hipErrorNoBinaryForGpu", "HSA_STATUS_ERROR_INVALID_ISA")

# Runs in the target interpreter, which may be any Python PyTorch ever supported: Python 3.8
# syntax only (no walrus, no match, no X | Y types). Every stage is guarded and the marker line
# is always printed. STAGE lines go out before each step that may hang, so a timeout can say
# where it stuck (importing torch, or the CUDA driver).
PROBE = r"""
import sys, os, json, time, warnings
sys.path[:] = [p for p in sys.path if p not in ('', '.')]  # a ./torch folder must not win
T0 = time.perf_counter()
out = {"probe": 1, "errors": {}, "timings": {}, "warnings": []}

def stage(name):
    sys.stdout.write("PYTORCH_SETUP_STAGE " + name + "\n")
    sys.stdout.flush()

def err(exc):
    return "%s: %s" % (type(exc).__name__, str(exc)[:2000])

def keep_warnings(caught):
    for w in caught:
        text = "%s: %s" % (w.category.__name__, str(w.message)[:1000])
        if text not in out["warnings"]:
            out["warnings"].append(text)

def lap(name, t):
    out["timings"][name] = round(time.perf_counter() - t, 4)

try:
    out["python"] = {"version": "%d.%d.%d" % tuple(sys.version_info[:3]),
                     "full": sys.version, "executable": sys.executable, "prefix": sys.prefix,
                     "platform": sys.platform, "os_name": os.name}
    out["env"] = {}
    for name in ("CUDA_VISIBLE_DEVICES", "WSL_DISTRO_NAME", "HSA_OVERRIDE_GFX_VERSION",
                 "HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES"):
        out["env"][name] = os.environ.get(name)
except Exception as exc:
    out["errors"]["python"] = err(exc)

try:  # WSL reaches the GPU through the Windows driver's libraries in /usr/lib/wsl/lib
    system = {"osrelease": None, "wsl_libcuda": None, "nvrm": None}
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/sys/kernel/osrelease") as handle:
                system["osrelease"] = handle.read().strip()
        except Exception:
            pass
        wsl_lib = "/usr/lib/wsl/lib"
        system["wsl_libcuda"] = os.path.exists(os.path.join(wsl_lib, "libcuda.so")) or \
            os.path.exists(os.path.join(wsl_lib, "libcuda.so.1"))
        try:
            with open("/proc/driver/nvidia/version") as handle:
                system["nvrm"] = handle.readline().strip()
        except Exception:
            pass
    out["system"] = system
except Exception as exc:
    out["errors"]["system"] = err(exc)

try:  # the CPU kind, and macOS's version (MPS needs 12.3)
    import platform
    out["system"]["machine"] = platform.machine()
    if sys.platform == "darwin":
        out["system"]["macos"] = platform.mac_ver()[0] or None
except Exception as exc:
    out["errors"]["platform"] = err(exc)

if sys.platform.startswith("linux"):  # ROCm needs /dev/kfd read-write; XPU a render node
    try:
        kfd = {"exists": os.path.exists("/dev/kfd"), "rw": None, "group": None}
        out["system"]["kfd"] = kfd
        if kfd["exists"]:
            kfd["rw"] = os.access("/dev/kfd", os.R_OK | os.W_OK)
        import glob
        out["system"]["render_nodes"] = [
            {"path": node, "rw": os.access(node, os.R_OK | os.W_OK)}
            for node in sorted(glob.glob("/dev/dri/renderD*"))]
    except Exception as exc:
        out["errors"]["kfd"] = err(exc)
    try:
        import grp, pwd
        def group_name(gid):
            try:
                return grp.getgrgid(gid).gr_name
            except Exception:
                return str(gid)
        if out["system"].get("kfd", {}).get("exists"):
            out["system"]["kfd"]["group"] = group_name(os.stat("/dev/kfd").st_gid)
        gids = set(os.getgroups()) | set([os.getegid()])
        out["system"]["groups"] = sorted(set(group_name(g) for g in gids))
        out["system"]["user"] = pwd.getpwuid(os.geteuid()).pw_name
    except Exception as exc:
        out["errors"]["groups"] = err(exc)

try:  # a torch in the user's site folder shadows the environment's own
    import site
    user_site = site.getusersitepackages() if hasattr(site, "getusersitepackages") else None
    out["site"] = {"user_site_enabled": bool(getattr(site, "ENABLE_USER_SITE", False)),
                   "user_site": user_site,
                   "user_site_torch": bool(user_site) and
                   os.path.isdir(os.path.join(user_site, "torch"))}
except Exception as exc:
    out["errors"]["site"] = err(exc)

try:  # every installed torch distribution on sys.path (two of them: a broken environment)
    t = time.perf_counter()
    dists, seen = [], set()
    for entry in sys.path:  # listdir, not importlib.metadata: 40 ms cheaper, same answer
        try:
            names = os.listdir(entry)
        except Exception:
            continue
        for name in names:
            low = name.lower()
            suffix = ".dist-info" if low.endswith(".dist-info") else ".egg-info"
            if not (low.startswith("torch-") and low.endswith(suffix)):
                continue
            where = os.path.join(entry, name)
            key = os.path.normcase(os.path.realpath(where))
            if key in seen:
                continue
            seen.add(key)
            dists.append({"version": name[6:-len(suffix)].split("-")[0], "location": entry,
                          "metadata": where})
    out["distributions"] = dists
    lap("metadata", t)
except Exception as exc:
    out["errors"]["distributions"] = err(exc)

torch = None
out["torch"] = None
out["import_error"] = None
stage("import_torch")
t = time.perf_counter()
try:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import torch
    keep_warnings(caught)
except BaseException as exc:  # an ImportError, an OSError (DLL), even a SystemExit
    out["import_error"] = {"type": type(exc).__name__, "message": str(exc)[:4000],
                           "name": getattr(exc, "name", None)}
    torch = None
lap("import_torch", t)

if torch is not None:
    info = {"version": None, "cuda": None, "hip": None, "xpu": None, "file": None,
            "cudnn": None}
    out["torch"] = info
    try:
        info["version"] = str(torch.__version__)
        info["file"] = getattr(torch, "__file__", None)
        version = getattr(torch, "version", None)
        info["cuda"] = getattr(version, "cuda", None)
        info["hip"] = getattr(version, "hip", None)
        info["xpu"] = getattr(version, "xpu", None)
    except Exception as exc:
        out["errors"]["torch"] = err(exc)
    stage("cudnn")
    t = time.perf_counter()
    try:
        info["cudnn"] = torch.backends.cudnn.version()
    except Exception as exc:
        out["errors"]["cudnn"] = err(exc)
    lap("cudnn_version", t)
    out["mps"] = None
    out["mps_built"] = None
    try:
        mps = getattr(torch.backends, "mps", None)
        if mps is not None:
            out["mps_built"] = bool(mps.is_built())
            out["mps"] = bool(mps.is_available())
    except Exception as exc:
        out["errors"]["mps"] = err(exc)

    reference = {}

    def expected_results():
        # Made once, on the CPU: every GPU's answer is compared with these
        if not reference:
            gen = torch.Generator().manual_seed(1234)
            reference["a"] = torch.randn(64, 64, generator=gen)
            reference["b"] = torch.randn(64, 64, generator=gen)
            reference["want"] = torch.relu(reference["a"] @ reference["b"]) + 1.0
            reference["image"] = torch.randn(1, 3, 16, 16, generator=gen)
            reference["kernel"] = torch.randn(4, 3, 3, 3, generator=gen)
            reference["want_conv"] = torch.nn.functional.conv2d(
                reference["image"], reference["kernel"], padding=1)
        return reference

    def matmul_check(row, dev, sync):
        # the vendor's BLAS (matmul) and torch's own kernels (relu, add): both must exist
        t = time.perf_counter()
        try:
            ref = expected_results()
            got = torch.relu(ref["a"].to(dev) @ ref["b"].to(dev)) + 1.0
            sync(dev)
            got = got.cpu()
            row["matmul_ok"] = bool(torch.allclose(got, ref["want"], rtol=1e-3, atol=1e-3))
            if not row["matmul_ok"]:
                row["matmul_max_diff"] = float((got - ref["want"]).abs().max())
        except Exception as exc:
            row["matmul_ok"] = False
            row["matmul_error"] = err(exc)
        lap("%s%d_matmul" % ("device" if row["backend"] in ("cuda", "rocm") else row["backend"],
                             row["index"]), t)

    cuda = {"available": False, "device_count": 0, "arch_list": [], "driver_cuda": None}
    out["cuda"] = cuda
    out["devices"] = []
    stage("cuda_init")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = time.perf_counter()
        try:
            cuda["available"] = bool(torch.cuda.is_available())
            cuda["device_count"] = int(torch.cuda.device_count())
        except Exception as exc:
            out["errors"]["cuda_init"] = err(exc)
        lap("cuda_init", t)
        try:
            cuda["arch_list"] = list(torch.cuda.get_arch_list())
        except Exception as exc:
            out["errors"]["arch_list"] = err(exc)
        try:
            getter = getattr(torch._C, "_cuda_getDriverVersion", None)
            if getter is not None and (info["cuda"] or info["hip"]):
                cuda["driver_cuda"] = int(getter())
        except Exception as exc:
            out["errors"]["driver_cuda"] = err(exc)

        if cuda["available"]:
            try:  # exact float32 results: TF32 would make GPU and CPU differ on Ampere+
                torch.backends.cuda.matmul.allow_tf32 = False
                torch.backends.cudnn.allow_tf32 = False
            except Exception:
                pass
        for i in range(cuda["device_count"] if cuda["available"] else 0):
            row = {"index": i, "backend": "rocm" if info["hip"] else "cuda", "name": None,
                   "capability": None, "memory_mib": None, "matmul_ok": None, "conv_ok": None}
            out["devices"].append(row)
            try:
                row["name"] = torch.cuda.get_device_name(i)
                row["capability"] = "%d.%d" % tuple(torch.cuda.get_device_capability(i))
                row["memory_mib"] = int(torch.cuda.get_device_properties(i).total_memory
                                        // (1024 * 1024))
            except Exception as exc:
                row["error"] = err(exc)
            if info["hip"]:
                try:  # "gfx90a:sramecc+:xnack-" -> "gfx90a": the target the kernels are for
                    arch = str(torch.cuda.get_device_properties(i).gcnArchName)
                    row["arch"] = arch.split(":")[0] or None
                except Exception as exc:
                    row["arch_error"] = err(exc)
            stage("device%d" % i)
            dev = torch.device("cuda", i)
            matmul_check(row, dev, torch.cuda.synchronize)
            if row["matmul_ok"]:
                t = time.perf_counter()
                try:  # conv2d on the GPU goes through cuDNN (MIOpen on ROCm)
                    ref = expected_results()
                    got = torch.nn.functional.conv2d(ref["image"].to(dev),
                                                     ref["kernel"].to(dev), padding=1)
                    torch.cuda.synchronize(dev)
                    row["conv_ok"] = bool(torch.allclose(got.cpu(), ref["want_conv"],
                                                         rtol=1e-3, atol=1e-3))
                except Exception as exc:
                    row["conv_ok"] = False
                    row["conv_error"] = err(exc)
                lap("device%d_conv" % i, t)
    keep_warnings(caught)

    out["xpu"] = None  # Intel GPUs: torch.xpu (2.5+ builds with XPU; CPU builds answer False)
    xpu_api = getattr(torch, "xpu", None)
    if xpu_api is not None:
        xpu = {"built": None, "available": False, "device_count": 0}
        out["xpu"] = xpu
        stage("xpu_init")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            t = time.perf_counter()
            try:
                xpu["built"] = bool(getattr(torch._C, "_has_xpu", False))
                xpu["available"] = bool(xpu_api.is_available())
                if xpu["available"]:
                    xpu["device_count"] = int(xpu_api.device_count())
            except Exception as exc:
                out["errors"]["xpu_init"] = err(exc)
            lap("xpu_init", t)
            for i in range(xpu["device_count"]):
                row = {"index": i, "backend": "xpu", "name": None, "capability": None,
                       "memory_mib": None, "matmul_ok": None, "conv_ok": None}
                out["devices"].append(row)
                try:
                    row["name"] = xpu_api.get_device_name(i)
                    row["memory_mib"] = int(xpu_api.get_device_properties(i).total_memory
                                            // (1024 * 1024))
                except Exception as exc:
                    row["error"] = err(exc)
                stage("xpu%d" % i)
                matmul_check(row, torch.device("xpu", i), xpu_api.synchronize)
        keep_warnings(caught)

    if out["mps"]:  # Apple's GPU: one device, "mps"
        row = {"index": 0, "backend": "mps", "name": None, "capability": None,
               "memory_mib": None, "matmul_ok": None, "conv_ok": None}
        out["devices"].append(row)
        stage("mps")

        def mps_sync(dev):
            sync = getattr(getattr(torch, "mps", None), "synchronize", None)
            if sync is not None:
                sync()

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            matmul_check(row, torch.device("mps"), mps_sync)
        keep_warnings(caught)

    stage("torchvision")
    t = time.perf_counter()
    try:
        import importlib.util
        vision_dist = None
        try:  # the installed version from its metadata: a torchvision that fails to import
            import importlib.metadata as metadata  # still has one (Python 3.8+)
            vision_dist = metadata.version("torchvision")
        except Exception:
            pass
        if vision_dist or importlib.util.find_spec("torchvision") is not None:
            vision = {"version": vision_dist, "nms_ok": None, "error": None}
            out["torchvision"] = vision
            try:
                import torchvision
                if not vision["version"]:
                    vision["version"] = str(torchvision.__version__)
                from torchvision.ops import nms
                boxes = torch.tensor([[0.0, 0.0, 10.0, 10.0], [1.0, 1.0, 11.0, 11.0]])
                kept = nms(boxes, torch.tensor([0.9, 0.8]), 0.5)
                vision["nms_ok"] = kept.tolist() == [0]
            except BaseException as exc:
                vision["nms_ok"] = False
                vision["error"] = err(exc)
        else:
            out["torchvision"] = None
    except Exception as exc:
        out["errors"]["torchvision"] = err(exc)
    lap("torchvision", t)
    try:
        import importlib.util
        if importlib.util.find_spec("torchaudio") is not None:
            try:  # the version only: importing torchaudio loads its C++ extension (slow)
                import importlib.metadata as metadata
                out["torchaudio"] = {"version": metadata.version("torchaudio"), "error": None}
            except Exception as exc:
                out["torchaudio"] = {"version": None, "error": err(exc)}
        else:
            out["torchaudio"] = None
    except Exception as exc:
        out["errors"]["torchaudio"] = err(exc)

out["timings"]["total"] = round(time.perf_counter() - T0, 4)
stage("done")
sys.stdout.write("PYTORCH_SETUP_VERIFY " + json.dumps(out) + "\n")
sys.stdout.flush()
"""

_STAGE_WORDS = {
    "import_torch": QT_TRANSLATE_NOOP("verify", "importing torch"),
    "cudnn": QT_TRANSLATE_NOOP("verify", "loading cuDNN"),
    "cuda_init": QT_TRANSLATE_NOOP("verify", "starting CUDA (the NVIDIA driver)"),
    "xpu_init": QT_TRANSLATE_NOOP("verify", "starting XPU (the Intel GPU driver)"),
    "mps": QT_TRANSLATE_NOOP("verify", "testing the Apple GPU (MPS)"),
    "torchvision": QT_TRANSLATE_NOOP("verify", "importing torchvision"),
}


@dataclass
class Finding:
    code: str
    severity: str  # info | warning | error
    message: str
    fix: dict[str, Any] | None = None  # {"action": reinstall|link|command, ..., "label": ...}


@dataclass
class VerifyReport:
    python: str
    torch: dict[str, Any] | None
    cuda_available: bool
    devices: list[dict[str, Any]]
    nvcc: dict[str, Any] | None
    ok: bool
    findings: list[Finding] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        # schema first, then exactly the contract's keys, then extra.
        return {
            "schema": SCHEMA,
            "python": self.python,
            "torch": self.torch,
            "cuda_available": self.cuda_available,
            "devices": self.devices,
            "nvcc": self.nvcc,
            "ok": self.ok,
            "findings": [asdict(f) for f in self.findings],
            "extra": self.extra,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]


# --- running the probe ------------------------------------------------------------------------


def run_probe(
    python: str,
    *,
    timeout: float = 180,
    cancel: CancelToken | None = None,
    env: Mapping[str, str] | None = None,
    on_stage: Any = None,
) -> dict[str, Any]:
    """Run PROBE in python and return its JSON; never raises except Cancelled.

    On a failure to start, a timeout or output without the marker the dict holds probe_error,
    timed_out, output_tail and the last stage reached (so a hang can be placed).
    """
    stages: list[str] = []

    def on_line(line: str) -> None:
        if line.startswith(STAGE_MARK):
            stages.append(line[len(STAGE_MARK) :].strip())
            if on_stage is not None:
                on_stage(stages[-1])

    started = time.monotonic()
    try:
        result = proc.run(
            [python, "-c", PROBE],
            timeout=timeout,
            cancel=cancel,
            on_line=on_line,
            env=env,
            max_capture_lines=2000,
        )
    except proc.ProcError as exc:
        # The error's own words keep their template: the page shows them in its language.
        said = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        return {"probe_error": said, "timed_out": False, "output_tail": "", "stage": None}
    seconds = round(time.monotonic() - started, 3)
    lines = result.output.splitlines()
    marked = [ln for ln in lines if ln.startswith(MARK)]
    tail = "\n".join(ln for ln in lines if not ln.startswith(STAGE_MARK))[-3000:]
    stage = stages[-1] if stages else None
    if result.timed_out:
        return {
            "probe_error": translate("verify", "no answer within {seconds} s").format(
                seconds=f"{timeout:g}"
            ),
            "timed_out": True,
            "output_tail": tail,
            "stage": stage,
            "seconds": seconds,
        }
    if marked:
        try:
            raw = json.loads(marked[-1][len(MARK) :])
        except ValueError as exc:
            raw = {
                "probe_error": translate(
                    "verify", "Its answer could not be read ({error})."
                ).format(error=exc)
            }
        if isinstance(raw, dict) and "probe_error" not in raw:
            raw["returncode"] = result.returncode
            raw["seconds"] = seconds
            return raw
    return {
        "probe_error": translate(
            "verify", "It ended with exit code {code} without an answer."
        ).format(code=result.returncode),
        "timed_out": False,
        "output_tail": tail,
        "stage": stage,
        "returncode": result.returncode,
        "seconds": seconds,
    }


def find_nvcc(
    environ: Mapping[str, str], *, timeout: float = 10.0, cancel: CancelToken | None = None
) -> dict[str, Any] | None:
    """nvcc on PATH, else in CUDA_PATH/CUDA_HOME's bin, with the version it reports."""

    name = "nvcc.exe" if os.name == "nt" else "nvcc"
    found = shutil.which(name, path=environ.get("PATH", ""))
    if not found:
        for var in ("CUDA_PATH", "CUDA_HOME"):
            if environ.get(var):
                candidate = Path(environ[var]) / "bin" / name
                if candidate.is_file():
                    found = str(candidate)
                    break
    if not found:
        return None
    try:
        result = proc.run([found, "--version"], timeout=timeout, cancel=cancel)
    except proc.ProcError:
        return None
    parsed = parse_nvcc_version(result.output)
    if not result.ok or parsed is None:
        return None
    # Only a compile proves nvcc works (CUDA 13 without crt/nvvm answers --version all the same).
    from app.steps.toolkit.check import compile_probe

    probe = compile_probe(
        Path(found).parent.parent,
        windows=os.name == "nt",
        cancel=cancel,
        timeout=60,
        env=dict(environ),
    )
    return {
        "version": parsed[0],
        "path": found,
        "compiles": probe.ok,
        "problem": probe.problem,
        "message": probe.message or None,
    }


# --- diagnosis (pure) -------------------------------------------------------------------------


def _version(text: Any) -> Version | None:
    try:
        return Version(str(text)) if text not in (None, "") else None
    except InvalidVersion:
        return None


def _base(version: str | None) -> str:
    return (version or "").split("+")[0]


def _variant(version: str | None) -> str | None:
    """'2.5.1+cu121' → 'cu121'; None for wheels from PyPI without a local tag."""
    return version.split("+", 1)[1] if version and "+" in version else None


def parse_arch_list(entries: list[str]) -> tuple[list[Version], list[Version], list[Version]]:
    """['sm_86', 'sm_90a', 'compute_90'] → (cubins, arch-specific cubins, ptx) as capabilities.

    'sm_120' is 12.0, 'sm_86' 8.6. Arch-specific cubins (sm_90a, sm_100f) run on their exact
    capability only, so they are kept apart from the forward-compatible ones.
    """
    cubins: list[Version] = []
    specific: list[Version] = []
    ptx: list[Version] = []
    for entry in entries:
        match = re.fullmatch(r"(sm|compute)_(\d+)(\d)([a-z]?)", str(entry).strip())
        if not match:
            continue
        capability = Version(f"{match.group(2)}.{match.group(3)}")
        if match.group(1) == "compute":
            ptx.append(capability)
        elif match.group(4):
            specific.append(capability)
        else:
            cubins.append(capability)
    return cubins, specific, ptx


def has_kernels(capability: str | None, arch_list: list[str]) -> bool | None:
    """Whether the build carries kernels for this GPU; None when it cannot be told."""

    cap = _version(capability)
    if cap is None or not arch_list:
        return None
    cubins, specific, ptx = parse_arch_list(arch_list)
    if not (cubins or specific or ptx):
        return None
    return cap in specific or runs_on(cap, cubins, ptx) is not None


def _sm(capability: str | None) -> str:
    return "sm_" + (capability or "?").replace(".", "")


def _driver_minimum(cuda: Version, windows: bool) -> str | None:
    """The oldest driver for this CUDA version (NVIDIA's minor-version compatibility table)."""
    try:
        found = knowledge().driver_minimum(cuda, "windows" if windows else "linux")
        if found:
            return found
    except Exception:  # compat data unreadable: the table below still holds the essentials
        pass
    if cuda.major >= 13:
        return "580"
    if cuda.major == 12:
        return "528.33" if windows else "525.60.13"
    if cuda.major == 11:
        return "452.39" if windows else "450.80.02"
    return None


def _driver_from_nvrm(line: str | None) -> str | None:
    """'NVRM version: NVIDIA UNIX x86_64 Kernel Module  470.82.01  Tue Oct ...' → '470.82.01'."""
    match = re.search(r"Module(?:\s+for\s+\S+)?\s+(\d+\.\d+(?:\.\d+)?)", line or "")
    return match.group(1) if match else None


def _cuda_of_driver_int(value: Any) -> str | None:
    """cudaDriverGetVersion's 12020 → '12.2'."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return f"{number // 1000}.{(number % 1000) // 10}" if number > 0 else None


def _visible_ids(value: str, count: int) -> tuple[int | None, bool]:
    """How many GPUs CUDA_VISIBLE_DEVICES leaves visible out of count (None: cannot tell, e.g.
    UUIDs), and whether it names an id that does not exist. CUDA stops at the first bad id."""
    text = value.strip()
    if text in ("", "-1"):
        return 0, False
    tokens = [t.strip() for t in text.split(",")]
    visible, beyond = 0, False
    for token in tokens:
        if not re.fullmatch(r"-?\d+", token):
            return None, False
        if not 0 <= int(token) < count:
            beyond = True
            break
        visible += 1
    return visible, beyond


def _unset_command(windows: bool) -> list[str]:
    return ["set", "CUDA_VISIBLE_DEVICES="] if windows else ["unset", "CUDA_VISIBLE_DEVICES"]


def _reinstall(compute: str = "auto", label: str | None = None) -> dict[str, Any]:
    if label is None:
        label = (
            translate("verify", "Choose a fitting build and reinstall")
            if compute == "auto"
            else translate("verify", "Reinstall with the {compute} build").format(compute=compute)
        )
    return {"action": "reinstall", "compute": compute, "label": label}


def _driver_link(label: str | None = None) -> dict[str, Any]:
    label = label or translate("verify", "Get the NVIDIA driver")
    return {"action": "link", "url": DRIVER_URL, "label": label}


def _is_wsl(raw: dict[str, Any], environ: Mapping[str, str]) -> bool:
    system = raw.get("system") or {}
    env = raw.get("env") or {}
    if environ.get("WSL_DISTRO_NAME") or env.get("WSL_DISTRO_NAME"):
        return True
    return "microsoft" in str(system.get("osrelease") or "").lower()


def diagnose(
    raw: dict[str, Any],
    *,
    python: str,
    environ: Mapping[str, str] | None = None,
    gpus_expected: list[dict[str, Any]] | None = None,
    nvcc: dict[str, Any] | None = None,
    driver: dict[str, Any] | None = None,
    cpu_chosen: bool = False,
) -> VerifyReport:
    """Turn a raw probe dict into a report. Pure: no processes, no files but the compat data.

    cpu_chosen: the user picked the CPU build on purpose, so a CPU build beside an NVIDIA GPU
    is what was asked for (info), not a mistake (error).

    gpus_expected: the NVIDIA GPUs the scan saw ([] = none; None = not known). driver: the
    scan's {"version", "cuda"} when known (on Windows the probe cannot read it itself).
    """
    environ = environ if environ is not None else {}
    findings: list[Finding] = []
    add = findings.append
    py = raw.get("python") or {}
    windows = py.get("os_name") == "nt" or str(py.get("platform", "")).startswith("win")
    expected = [g for g in (gpus_expected or []) if g.get("vendor", "nvidia") == "nvidia"]
    extra: dict[str, Any] = {}

    # The probe never answered: nothing else can be judged.
    if "probe_error" in raw:
        extra["probe_error"] = raw.get("probe_error")
        extra["output_tail"] = raw.get("output_tail", "")
        if raw.get("timed_out"):
            stage = str(raw.get("stage"))
            where = (
                translate("verify", _STAGE_WORDS[stage])
                if stage in _STAGE_WORDS
                else raw.get("stage") or translate("verify", "starting Python")
            )
            add(
                Finding(
                    "probe_timeout",
                    "error",
                    translate(
                        "verify",
                        "The check did not finish ({get}); it hung while {where}. A first "
                        "import of PyTorch can be slow while antivirus software scans its "
                        "large files, and a broken NVIDIA driver can hang CUDA start-up. "
                        "Try again; if it hangs again, restart the computer and update the "
                        "NVIDIA driver.",
                    ).format(get=raw.get("probe_error"), where=where),
                    _driver_link(translate("verify", "Update the NVIDIA driver"))
                    if raw.get("stage") == "cuda_init"
                    else None,
                )
            )
        else:
            tail = " ".join(str(raw.get("output_tail", "")).split())[-400:]
            add(
                Finding(
                    "probe_failed",
                    "error",
                    sentences(
                        translate("verify", "Python at {python} could not run the check.").format(
                            python=python
                        ),
                        raw.get("probe_error"),
                        translate("verify", "Its last words: {tail}").format(tail=tail)
                        if tail
                        else None,
                        translate("verify", "Check that this is a working Python interpreter."),
                    ),
                    None,
                )
            )
        return VerifyReport(python, None, False, [], nvcc, False, findings, extra)

    info = raw.get("torch")
    cuda = raw.get("cuda") or {}
    available = bool(cuda.get("available")) and info is not None
    arch_list = list(cuda.get("arch_list") or [])
    timings = raw.get("timings") or {}
    warnings_seen = [str(w) for w in raw.get("warnings") or []]
    extra.update(
        {
            "python_version": py.get("version"),
            "torch_file": (info or {}).get("file"),
            "arch_list": arch_list,
            # ROCm builds answer with HIP's driver version, which is no CUDA version
            "driver_cuda": None
            if (info or {}).get("hip")
            else _cuda_of_driver_int(cuda.get("driver_cuda")),
            "cuda_visible_devices": (raw.get("env") or {}).get("CUDA_VISIBLE_DEVICES"),
            "distributions": raw.get("distributions") or [],
            "timings": timings,
        }
    )
    if (info or {}).get("hip") and cuda.get("driver_cuda"):
        extra["driver_hip"] = cuda.get("driver_cuda")
    rocm_env = {
        name: value
        for name, value in (raw.get("env") or {}).items()
        if name in ROCM_VARIABLES and value is not None
    }
    if rocm_env:
        extra["rocm_env"] = rocm_env
    if (raw.get("system") or {}).get("kfd") is not None:
        extra["kfd"] = raw["system"]["kfd"]
    if raw.get("mps") is not None:
        extra["mps"] = raw.get("mps")
    if raw.get("xpu") is not None:
        extra["xpu"] = raw.get("xpu")
    if warnings_seen:
        extra["warnings"] = warnings_seen
    if raw.get("errors"):
        extra["probe_errors"] = raw["errors"]

    # --- several installs (judged even when the import fails: it may be why) --------------
    dists = raw.get("distributions") or []
    site = raw.get("site") or {}
    user_site = str(site.get("user_site") or "")
    torch_file = str((info or {}).get("file") or "")
    user_shadow = bool(site.get("user_site_enabled") and site.get("user_site_torch"))
    env_has_other = any(
        user_site
        and not os.path.normcase(str(d.get("location", ""))).startswith(os.path.normcase(user_site))
        for d in dists
    )
    uninstall = {
        "action": "command",
        "command": [python, "-m", "pip", "uninstall", "-y", "torch"],
        "label": translate("verify", "Copy the uninstall command"),
    }
    if len(dists) > 1 or (user_shadow and env_has_other):
        listed = "; ".join(f"{d.get('version')} in {d.get('location')}" for d in dists)
        used = (
            translate("verify", " Python loads the one at {file}.").format(file=torch_file)
            if torch_file
            else ""
        )
        if user_shadow and env_has_other:
            why = translate(
                "verify",
                "A PyTorch in your user folder ({folder}) hides the one in this environment.",
            ).format(folder=user_site)
        else:
            why = translate("verify", "More than one PyTorch is installed in this environment.")
        add(
            Finding(
                "several_torch",
                "warning",
                translate(
                    "verify",
                    "{why} Found: {listed}.{used} Mixed copies cause confusing errors. "
                    "Run the uninstall command below until pip says torch is not "
                    "installed, then install PyTorch again.",
                ).format(why=why, listed=listed, used=used),
                uninstall,
            )
        )

    # --- torch does not import ----------------------------------------------------------
    if info is None:
        error = raw.get("import_error") or {}
        text = f"{error.get('type', 'Error')}: {error.get('message', '')}".strip()
        missing = error.get("type") == "ModuleNotFoundError" and error.get("name") in (
            "torch",
            None,
        )
        if missing and not dists:
            add(
                Finding(
                    "torch_missing",
                    "error",
                    translate(
                        "verify", "PyTorch is not installed in this Python ({python})."
                    ).format(python=python),
                    _reinstall("auto", translate("verify", "Install PyTorch")),
                )
            )
        elif re.search(r"DLL load failed|WinError 126|WinError 1114", text):
            add(
                Finding(
                    "dll_load_failed",
                    "error",
                    translate(
                        "verify",
                        "PyTorch is installed but Windows could not load one of its DLL "
                        "files ({text}). This usually means the Microsoft Visual C++ "
                        "Redistributable is missing or outdated: install it, restart the "
                        "computer, and check again. If that does not help, reinstall "
                        "PyTorch.",
                    ).format(text=text),
                    {
                        "action": "link",
                        "url": VC_REDIST_URL,
                        "label": translate("verify", "Get the VC++ runtime"),
                    },
                )
            )
        else:
            add(
                Finding(
                    "import_failed",
                    "error",
                    translate(
                        "verify",
                        "PyTorch is installed but does not import: {text}. Reinstalling it "
                        "usually repairs a broken or mixed-up installation.",
                    ).format(text=text),
                    _reinstall("auto", translate("verify", "Reinstall PyTorch")),
                )
            )
        return VerifyReport(python, None, False, [], nvcc, False, findings, extra)

    version = str(info.get("version") or "")
    torch_cuda = info.get("cuda")
    variant = _variant(version)
    machine = _Machine.of(raw, gpus_expected, windows)
    backend = _backend(raw, info, variant)
    gpu_available = {
        "cuda": available,
        "rocm": available,
        "xpu": bool((raw.get("xpu") or {}).get("available")),
        "mps": bool(raw.get("mps")),
    }.get(backend, False)
    extra["backend"] = backend
    extra["gpu_available"] = gpu_available
    wsl = _is_wsl(raw, environ)
    wsl_missing = wsl and (raw.get("system") or {}).get("wsl_libcuda") is False
    served = machine.served(backend)
    if machine.usable:
        extra["build_wanted"] = machine.build_kind()  # CUDA | ROCm | XPU | MPS
    # Is a working GPU what the user should get? Known GPUs say so: any this OS has a PyTorch
    # build for (CPU build), or the ones this build is for; without a scan, a GPU build says
    # the user wanted one.
    if backend == "cpu":
        wants_gpu = bool(machine.usable)
    else:
        wants_gpu = bool(served) or gpus_expected is None or (wsl_missing and not available)
    if cpu_chosen and backend == "cpu" and machine.usable:
        names = ", ".join(str(g.get("name")) for g in machine.usable)
        kind = machine.build_kind()
        add(
            Finding(
                "cpu_build_chosen",
                "info",
                translate(
                    "verify", "The CPU build was chosen, so PyTorch does not use {names}."
                ).format(names=names),
                _reinstall(
                    "auto",
                    translate("verify", "Switch to a CUDA build")
                    if kind == "CUDA"
                    else translate("verify", "Switch to a {kind} build").format(kind=kind),
                ),
            )
        )
        wants_gpu = False

    # --- devices --------------------------------------------------------------------------
    devices = [_device(row, arch_list, machine) for row in raw.get("devices") or []]

    # --- no GPU where one is wanted: find the best explanation -------------------------
    explained = False
    if not gpu_available and wants_gpu and backend == "cpu":
        add(_cpu_build_finding(version, machine))
        explained = True
    if backend == "cpu" and machine.amd and windows:
        add(_amd_windows_finding(machine))
    if not available and backend in ("cuda", "rocm") and not explained:
        hides = _cuda_visible_finding(raw, expected, windows, all_hidden_only=True)
        if hides is not None:
            add(hides)
            explained = True
    if not available and backend == "cuda" and torch_cuda and not explained:
        too_old = _driver_finding(raw, version, str(torch_cuda), windows, driver, warnings_seen)
        if too_old is not None:
            add(too_old)
            explained = True
    if not available and backend in ("cuda", "rocm") and wsl_missing and not explained:
        add(
            Finding(
                "wsl_no_driver_libs",
                "error",
                translate(
                    "verify",
                    "This is Linux running in WSL on Windows. WSL uses the GPU through "
                    "the Windows NVIDIA driver, but its libraries "
                    "(/usr/lib/wsl/lib/libcuda.so) are missing. Install or update the "
                    "NVIDIA driver on Windows — do not install a Linux NVIDIA driver "
                    "inside WSL — then run `wsl --shutdown` in Windows and open WSL "
                    "again.",
                ),
                _driver_link(translate("verify", "Get the Windows NVIDIA driver")),
            )
        )
        explained = True
    if not available and backend == "rocm" and wants_gpu and not explained:
        access = _rocm_access_finding(raw, machine)
        if access is not None:
            add(access)
            explained = True
    if not gpu_available and backend == "xpu" and wants_gpu:
        add(_xpu_unavailable_finding(raw, version, machine, windows))
        explained = True
    if not gpu_available and backend == "mps":
        add(_mps_unavailable_finding(raw, version, machine))
        explained = True
    if not available and backend in ("cuda", "rocm") and wants_gpu and not explained:
        said = next((w for w in warnings_seen if "CUDA" in w or "HIP" in w or "driver" in w), "")
        cause = translate("verify", " PyTorch said: {said}").format(said=said) if said else ""
        if backend == "rocm":
            add(_rocm_unavailable_finding(raw, version, cause, machine))
        else:
            add(
                Finding(
                    "cuda_unavailable",
                    "error",
                    translate(
                        "verify",
                        "PyTorch {version} is a {kind} build, but it cannot use the GPU "
                        "(torch.cuda.is_available() is False).{cause} The NVIDIA driver may "
                        "be missing or not working: install or update it and restart the "
                        "computer.",
                    ).format(version=version, kind="CUDA", cause=cause),
                    _driver_link(translate("verify", "Install or update the NVIDIA driver")),
                )
            )

    # --- the GPU backend works: does each GPU compute? ---------------------------------
    arch_short = " ".join(arch_list) if arch_list else "(none listed)"
    for device in devices:
        name = device.get("name") or "GPU"
        cap = device.get("capability")
        kind = device.get("backend", "cuda")
        if device["kernels"] is False and kind == "rocm":
            add(_rocm_arch_finding(device, version, arch_list, raw, machine))
        elif device["kernels"] is False:
            add(
                Finding(
                    "arch_missing",
                    "error",
                    translate(
                        "verify",
                        "Your {name} (compute capability {cap}, {_sm}) is not supported by "
                        "PyTorch {version}: this build carries GPU code for {arch_short} "
                        'only, so the GPU cannot run anything ("no kernel image is '
                        'available"). Install a build that still supports this GPU: an '
                        "older CUDA variant or an older PyTorch version.",
                    ).format(
                        name=name, cap=cap, _sm=_sm(cap), version=version, arch_short=arch_short
                    ),
                    _reinstall("auto", translate("verify", "Choose a build for this GPU")),
                )
            )
        elif device["computed"] is not True:
            add(_kernel_failed_finding(device, windows, machine))
    for row in raw.get("devices") or []:
        if row.get("matmul_ok") and row.get("conv_ok") is False:
            why = row.get("conv_error") or "its result differed from the CPU's"
            text = (
                translate(
                    "verify",
                    "Basic GPU math works on the {get}, but a convolution through MIOpen "
                    "failed ({why}). Neural networks with convolution layers will fail. "
                    "Reinstalling PyTorch restores the MIOpen it brings.",
                )
                if row.get("backend") == "rocm"
                else translate(
                    "verify",
                    "Basic GPU math works on the {get}, but a convolution through cuDNN "
                    "failed ({why}). Neural networks with convolution layers will fail. "
                    "A different cuDNN on PATH or LD_LIBRARY_PATH can get in the way of "
                    "PyTorch's own; reinstalling PyTorch restores its copy.",
                )
            )
            add(
                Finding(
                    "cudnn_failed",
                    "warning",
                    text.format(get=row.get("name"), why=why),
                    _reinstall(variant or "auto"),
                )
            )
    if available:
        hides = _cuda_visible_finding(raw, expected, windows, all_hidden_only=False)
        if hides is not None:
            add(hides)
    override = _override_finding(raw, backend, devices, machine)
    if override is not None:
        add(override)

    # --- torchvision ----------------------------------------------------------------------
    vision = raw.get("torchvision")
    vision_version = (vision or {}).get("version")
    if vision:
        vision_finding = _vision_finding(vision, version, variant, python)
        if vision_finding is not None:
            add(vision_finding)
    audio = raw.get("torchaudio")
    if vision_version:
        extra["torchvision"] = vision_version
    if audio and audio.get("version"):
        extra["torchaudio"] = audio.get("version")

    # --- informational --------------------------------------------------------------------
    # cpu_build_chosen and amd_windows_no_build already say why the CPU build is right
    cpu_said = any(f.code in ("amd_windows_no_build", "cpu_build_chosen") for f in findings)
    if backend == "cpu" and not wants_gpu and not cpu_said:
        mps = " PyTorch can use this Mac's GPU through MPS." if raw.get("mps") else ""
        add(
            Finding(
                "cpu_build_no_gpu",
                "info",
                translate(
                    "verify",
                    "PyTorch {version} is the CPU build and no NVIDIA GPU was found, so "
                    "it runs on the processor. That is the right build for this "
                    "computer.{mps}",
                ).format(version=version, mps=mps),
                None,
            )
        )
    elif backend in ("cuda", "rocm") and not available and not wants_gpu:
        said = (
            translate(
                "verify",
                "PyTorch {version} includes CUDA, but no NVIDIA GPU was found, so "
                "it runs on the processor. That works; the CPU build would be much "
                "smaller.",
            )
            if backend == "cuda"
            else translate(
                "verify",
                "PyTorch {version} includes ROCm, but no AMD GPU was found, so it "
                "runs on the processor. That works; the CPU build would be much "
                "smaller.",
            )
        )
        add(Finding("cuda_build_no_gpu", "info", said.format(version=version), None))
    elif backend == "xpu" and not gpu_available and not wants_gpu:
        add(
            Finding(
                "xpu_build_no_gpu",
                "info",
                translate(
                    "verify",
                    "PyTorch {version} is built for Intel GPUs (XPU), but no Intel GPU was "
                    "found, so it runs on the processor. That works; the CPU build would "
                    "be much smaller.",
                ).format(version=version),
                None,
            )
        )
    if nvcc:
        note = ""
        nvcc_v, torch_v = _version(nvcc.get("version")), _version(torch_cuda)
        if nvcc_v and torch_v and nvcc_v.major != torch_v.major:
            note = translate(
                "verify",
                " To compile CUDA extensions for this PyTorch (CUDA {cuda}), use a CUDA "
                "{major}.x toolkit.",
            ).format(cuda=torch_cuda, major=torch_v.major)
        add(
            Finding(
                "nvcc_found",
                "info",
                translate(
                    "verify",
                    "nvcc (CUDA {get}) is at {get2}. It is only needed to compile CUDA "
                    "code; PyTorch brings its own CUDA libraries.{note}",
                ).format(get=nvcc.get("version"), get2=nvcc.get("path"), note=note),
                None,
            )
        )
        if nvcc.get("compiles") is False:  # PyTorch is unaffected; compiling extensions is not
            add(Finding("nvcc_cannot_compile", "warning", str(nvcc.get("message") or ""), None))

    torch_dict = {"version": version, "cuda": torch_cuda, "cudnn": info.get("cudnn")}
    if info.get("hip"):
        torch_dict["hip"] = info.get("hip")
    if info.get("xpu") or backend == "xpu":
        torch_dict["xpu"] = info.get("xpu") or True
    if backend == "mps":
        torch_dict["mps"] = True
    if gpu_available:
        ok = bool(devices) and all(d["computed"] is True for d in devices)
    else:
        ok = not wants_gpu
    # Any error finding (a broken torchvision, say) means the environment does not work yet.
    ok = ok and not any(f.severity == "error" for f in findings)
    return VerifyReport(python, torch_dict, available, devices, nvcc, ok, findings, extra)


def _cuda_visible_finding(
    raw: dict[str, Any], expected: list[dict[str, Any]], windows: bool, *, all_hidden_only: bool
) -> Finding | None:
    value = (raw.get("env") or {}).get("CUDA_VISIBLE_DEVICES")
    if value is None or not expected:
        return None
    visible, beyond = _visible_ids(value, len(expected))
    fix = {
        "action": "command",
        "command": _unset_command(windows),
        "label": translate("verify", "Copy the command that unsets it"),
    }
    where = (
        "Remove it from the environment variables (System Properties) or the script that sets it"
        if windows
        else "Remove it from your shell profile or the script that sets it"
    )
    if visible == 0:
        return Finding(
            "cuda_visible_devices_hides",
            "error",
            translate(
                "verify",
                "The environment variable CUDA_VISIBLE_DEVICES is set to {value}, "
                "which hides every GPU from PyTorch. {where}, then open a new "
                "terminal and check again.",
            ).format(value=repr(value), where=where),
            fix,
        )
    if beyond and not all_hidden_only:
        return Finding(
            "cuda_visible_devices_hides",
            "warning",
            translate(
                "verify",
                "CUDA_VISIBLE_DEVICES is {value}, but this computer has {expected} "
                "NVIDIA GPU(s), numbered from 0: the ids from the first missing one "
                "on are ignored, so some GPUs may be hidden. {where}, or list only "
                "existing ids.",
            ).format(value=repr(value), expected=len(expected), where=where),
            fix,
        )
    return None


def _driver_finding(
    raw: dict[str, Any],
    version: str,
    torch_cuda: str,
    windows: bool,
    driver: dict[str, Any] | None,
    warnings_seen: list[str],
) -> Finding | None:
    """driver_too_old when the driver is known to be older than the build's CUDA needs."""
    cuda_v = _version(torch_cuda)
    if cuda_v is None:
        return None
    system = raw.get("system") or {}
    driver_text = (driver or {}).get("version") or _driver_from_nvrm(system.get("nvrm"))
    driver_v = _version(driver_text)
    driver_cuda = _cuda_of_driver_int((raw.get("cuda") or {}).get("driver_cuda")) or (
        driver or {}
    ).get("cuda")
    minimum = _driver_minimum(Version(f"{cuda_v.major}.{cuda_v.minor}"), windows)
    too_old = False
    if driver_v is not None and minimum and driver_v < Version(minimum):
        too_old = True
    driver_cuda_v = _version(driver_cuda)
    if driver_cuda_v is not None and driver_cuda_v.major < cuda_v.major:
        too_old = True
    if any("driver on your system is too old" in w for w in warnings_seen):
        too_old = True
    if not too_old:
        return None
    if driver_text and driver_cuda:
        have = translate("verify", "driver {driver} (it runs CUDA up to {cuda})").format(
            driver=driver_text, cuda=driver_cuda
        )
    elif driver_text:
        have = translate("verify", "driver {driver}").format(driver=driver_text)
    else:
        have = translate("verify", "an older driver")
    need = (
        translate("verify", "driver {minimum} or newer").format(minimum=minimum)
        if minimum
        else translate("verify", "a newer driver")
    )
    return Finding(
        "driver_too_old",
        "error",
        translate(
            "verify",
            "PyTorch {version} is built with CUDA {torch_cuda}, which needs "
            "NVIDIA {need}; this computer has {have}. Update the NVIDIA driver "
            "(or install a PyTorch build for an older CUDA version), then check "
            "again.",
        ).format(version=version, torch_cuda=torch_cuda, need=need, have=have),
        _driver_link(translate("verify", "Update the NVIDIA driver")),
    )


def vision_repair_command(python: str, wanted: str, variant: str | None) -> list[str]:
    """pip's command that puts torchvision `wanted`, built like this torch, in place.

    A broken torchvision of the wanted version (a CUDA wheel from PyPI beside a +cpu torch, a
    half-written install) makes a plain `pip install torchvision==X` answer "Requirement already
    satisfied" and change nothing: --force-reinstall replaces it whatever is there, from the
    index of torch's own variant, and --no-deps leaves the working torch alone.
    """
    command = [
        python,
        "-m",
        "pip",
        "install",
        "--force-reinstall",
        "--no-deps",
        f"torchvision=={wanted}",
    ]
    if variant:
        command += ["--index-url", knowledge().index_url(variant)]
    return command


def _vision_finding(
    vision: dict[str, Any], version: str, variant: str | None, python: str
) -> Finding | None:
    """torchvision must be the release built for this torch; its C++ ops prove it."""
    installed = vision.get("version")
    wanted = None
    try:
        releases = knowledge().find(_base(version))
        if releases and releases[0].version == _base(version):
            wanted = releases[0].pairs().get("torchvision")
    except Exception:  # no compat data for this torch: judge by the ops alone
        wanted = None
    pair_wrong = bool(wanted and installed and _base(installed) != wanted)
    if vision.get("nms_ok") is not False and not pair_wrong:
        return None
    if wanted:
        fix: dict[str, Any] = {
            "action": "command",
            "command": vision_repair_command(python, wanted, variant),
            "label": translate("verify", "Reinstall torchvision {wanted}").format(wanted=wanted),
            "run": True,  # the page runs it, then checks again
        }
        match = translate("verify", "PyTorch {version} needs torchvision {wanted}").format(
            version=version, wanted=wanted
        )
    else:
        fix = _reinstall(
            variant or "auto", translate("verify", "Reinstall PyTorch and torchvision together")
        )
        match = translate(
            "verify", "torchvision must be the release made for PyTorch {version}"
        ).format(version=version)
    if vision.get("nms_ok") is False:
        why = vision.get("error") or "its nms operator gave a wrong answer"
        return Finding(
            "vision_mismatch",
            "error",
            translate(
                "verify",
                "torchvision {value} does not work with this PyTorch: {why}. "
                "{match}; install the matching version.",
            ).format(
                value=installed or translate("verify", "(unknown version)"), why=why, match=match
            ),
            fix,
        )
    return Finding(
        "vision_mismatch",
        "warning",
        translate(
            "verify",
            "torchvision {installed} is not the release made for PyTorch "
            "{version}; {match}. It may break in some operations: install the "
            "matching version.",
        ).format(installed=installed, version=version, match=match),
        fix,
    )


# --- other vendors: AMD (ROCm), Intel (XPU), Apple (MPS) -----------------------------------


def _accelerators() -> dict[str, Any]:
    """resources/compat/accelerators.json; {} when unreadable (no workaround is offered then)."""
    try:
        return resource("accelerators")
    except Exception:
        return {}


def _section(data: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    for key in keys:
        found = data.get(key) if isinstance(data, Mapping) else None
        data = found if isinstance(found, Mapping) else {}
    return dict(data)


# Where PyTorch's own index has these builds, when accelerators.json cannot be read.
_PLATFORMS = {"rocm": ["linux-x86_64"], "xpu": ["linux-x86_64", "windows-x86_64"]}


@dataclass
class _Machine:
    """The scan's GPUs by vendor, and which of them a PyTorch build for this OS can use."""

    os_key: str  # linux | windows | macos
    machine: str | None  # x86_64 | arm64 | ...
    accelerators: dict[str, Any]
    nvidia: list[dict[str, Any]]
    amd: list[dict[str, Any]]
    intel: list[dict[str, Any]]
    apple: list[dict[str, Any]]

    @classmethod
    def of(cls, raw: dict[str, Any], gpus: list[dict[str, Any]] | None, windows: bool) -> _Machine:
        platform = str((raw.get("python") or {}).get("platform") or "")
        os_key = "windows" if windows else "macos" if platform == "darwin" else "linux"
        machine = str((raw.get("system") or {}).get("machine") or "").lower() or None
        machine = {"amd64": "x86_64", "aarch64": "arm64"}.get(machine or "", machine)
        by = {v: [g for g in gpus or [] if g.get("vendor", "nvidia") == v] for v in GPU_VENDORS}
        return cls(
            os_key, machine, _accelerators(), by["nvidia"], by["amd"], by["intel"], by["apple"]
        )

    def has_build(self, kind: str) -> bool:
        """Whether PyTorch's index has rocm/xpu wheels for this OS (and CPU, when known)."""
        platforms = _section(self.accelerators, kind).get("platforms") or _PLATFORMS[kind]
        for platform in platforms:
            os_key, _, cpu = str(platform).partition("-")
            if os_key == self.os_key and (self.machine is None or cpu == self.machine):
                return True
        return False

    @property
    def intel_xpu(self) -> list[dict[str, Any]]:
        """Intel GPUs of a family PyTorch validates for XPU (Arc, Core Ultra...)."""
        families = _section(self.accelerators, "xpu").get("families") or []
        return [
            g
            for g in self.intel
            if str(g.get("arch") or "").lower() in families
            or re.search(r"\barc\b", str(g.get("name") or ""), re.IGNORECASE)
        ]

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        """The GPUs a CUDA / ROCm / XPU build would use here."""
        if kind == "CUDA":
            return self.nvidia
        if kind == "ROCm":
            return self.amd if self.has_build("rocm") else []
        if kind == "XPU":
            return self.intel_xpu if self.has_build("xpu") else []
        return self.apple if self.os_key == "macos" else []

    @property
    def usable(self) -> list[dict[str, Any]]:
        return [g for kind in ("CUDA", "ROCm", "XPU", "MPS") for g in self.of_kind(kind)]

    def build_kind(self) -> str:
        """The build a CPU-only install should have been: the first vendor with a usable GPU."""
        return next((k for k in ("CUDA", "ROCm", "XPU", "MPS") if self.of_kind(k)), "CUDA")

    def served(self, backend: str) -> list[dict[str, Any]]:
        """The GPUs this backend's build is for."""
        return {"cuda": self.nvidia, "rocm": self.amd, "xpu": self.intel, "mps": self.apple}.get(
            backend, []
        )

    def amd_arch(self, index: Any) -> str | None:
        """The scan's gfx target of the HIP device with this index (same order, usually)."""
        if isinstance(index, int) and 0 <= index < len(self.amd):
            return self.amd[index].get("arch")
        return None


def _backend(raw: dict[str, Any], info: dict[str, Any], variant: str | None) -> str:
    """cuda | rocm | xpu | mps | cpu: what this torch build computes with."""
    if info.get("hip"):
        return "rocm"
    if info.get("cuda"):
        return "cuda"
    if info.get("xpu") or variant == "xpu" or (raw.get("xpu") or {}).get("built"):
        return "xpu"
    platform = (raw.get("python") or {}).get("platform")
    if platform == "darwin" and (raw.get("mps_built") or raw.get("mps")):
        return "mps"
    return "cpu"


def _gfx_targets(arch_list: list[str]) -> list[str]:
    return [str(a).split(":")[0] for a in arch_list if str(a).startswith("gfx")]


def _device(row: dict[str, Any], arch_list: list[str], machine: _Machine) -> dict[str, Any]:
    """One device of the report; 'backend' is left out for CUDA (as before), 'arch' when unknown."""
    backend = row.get("backend") or "cuda"
    err = row.get("matmul_error") or row.get("error")
    arch = None
    kernels: bool | None = None
    if backend == "rocm":
        arch = row.get("arch") or machine.amd_arch(row.get("index"))
        targets = _gfx_targets(arch_list)
        if arch and targets:
            # it computed: the code is there (an override may name another target)
            kernels = arch in targets or row.get("matmul_ok") is True
        if err and any(words in err for words in NO_GFX_CODE):
            kernels = False
    elif backend == "cuda":
        kernels = has_kernels(row.get("capability"), arch_list)
        if err and "no kernel image" in err:
            kernels = False
    name = row.get("name")
    if not name and backend == "mps":
        name = next((g.get("name") for g in machine.apple), None) or "Apple GPU"
    device: dict[str, Any] = {
        "name": name,
        "capability": row.get("capability"),
        "kernels": kernels,
        "computed": row.get("matmul_ok"),
    }
    if backend != "cuda":
        device["backend"] = backend
    if arch:
        device["arch"] = arch
    if row.get("memory_mib") is not None:
        device["memory_mib"] = row["memory_mib"]
    if err:
        device["error"] = err
    return device


def _names(gpus: list[dict[str, Any]]) -> str:
    return ", ".join(str(g.get("name")) for g in gpus)


def _rocm_link(machine: _Machine) -> dict[str, Any]:
    url = _section(machine.accelerators, "rocm").get("driver_page") or ROCM_INSTALL_URL
    return {"action": "link", "url": url, "label": translate("verify", "Open AMD's ROCm guide")}


def _intel_link(machine: _Machine) -> dict[str, Any] | None:
    pages = _section(machine.accelerators, "xpu", "driver_page")
    url = pages.get("windows" if machine.os_key == "windows" else "linux")
    if not url:
        return None
    return {"action": "link", "url": url, "label": translate("verify", "Get the Intel GPU driver")}


def _groups_command(raw: dict[str, Any], groups: list[str]) -> list[str]:
    user = (raw.get("system") or {}).get("user") or "$USER"
    return ["sudo", "usermod", "-a", "-G", ",".join(groups), str(user)]


def _cpu_build_finding(version: str, machine: _Machine) -> Finding:
    kind = machine.build_kind()
    names = _names(machine.of_kind(kind)) or "an NVIDIA GPU"
    if kind == "CUDA":
        return Finding(
            "cpu_build_with_gpu",
            "error",
            translate(
                "verify",
                "PyTorch {version} is the CPU-only build, but this computer has "
                "{names}. Reinstall PyTorch with a CUDA build to use the GPU.",
            ).format(version=version, names=names),
            _reinstall("auto", translate("verify", "Reinstall with a CUDA build")),
        )
    return Finding(
        "cpu_build_with_gpu",
        "error",
        translate(
            "verify",
            "PyTorch {version} is the CPU-only build, but this computer has {names}, "
            "which PyTorch's {kind} build can use. Reinstall PyTorch with a {kind} build "
            "to use the GPU.",
        ).format(version=version, names=names, kind=kind),
        _reinstall("auto", translate("verify", "Reinstall with a {kind} build").format(kind=kind)),
    )


def _amd_windows_finding(machine: _Machine) -> Finding:
    preview = _section(machine.accelerators, "amd_windows", "preview")
    pythons = " / ".join(str(p) for p in preview.get("python") or [])
    only = translate("verify", " (for Python {python} only)").format(python=pythons)
    fix = None
    if preview.get("page"):
        fix = {
            "action": "link",
            "url": preview["page"],
            "label": translate("verify", "AMD's preview builds for Windows"),
        }
    return Finding(
        "amd_windows_no_build",
        "info",
        translate(
            "verify",
            "PyTorch has no GPU build for AMD graphics cards ({names}) on Windows: its "
            "index has ROCm builds for Linux only, so the CPU build is the right one from "
            "there. AMD publishes preview builds of its own for some Radeon cards{only}; "
            "they are not PyTorch's, and the assistant does not install them.",
        ).format(names=_names(machine.amd), only=only if pythons else ""),
        fix,
    )


def _rocm_access_finding(raw: dict[str, Any], machine: _Machine) -> Finding | None:
    """rocm_no_driver (no /dev/kfd) or rocm_no_access (the user may not open it)."""
    system = raw.get("system") or {}
    kfd = system.get("kfd") or {}
    blocked = [str(g["no_access"]) for g in machine.amd if g.get("no_access")]
    rocm = _section(machine.accelerators, "rocm")
    if kfd.get("exists") is False and not blocked:
        unbound = machine.amd and all(not g.get("kernel_driver") for g in machine.amd)
        why = (
            translate("verify", " ({names} has no driver loaded)").format(names=_names(machine.amd))
            if unbound
            else ""
        )
        return Finding(
            "rocm_no_driver",
            "error",
            translate(
                "verify",
                "This is a ROCm build, but there is no /dev/kfd: the amdgpu kernel "
                "driver with its compute part (KFD) is not loaded{why}. PyTorch's ROCm "
                "build brings the ROCm libraries itself and needs only that driver: "
                "install it as AMD's ROCm guide shows (or use a kernel that has it), "
                "restart the computer, and check again. In a container, pass the devices "
                "in (--device=/dev/kfd --device=/dev/dri).",
            ).format(why=why),
            _rocm_link(machine),
        )
    if not (kfd.get("exists") and kfd.get("rw") is False) and not blocked:
        return None
    groups = [str(g) for g in rocm.get("groups") or ["render", "video"]]
    yours = ", ".join(system.get("groups") or []) or translate("verify", "none known")
    return Finding(
        "rocm_no_access",
        "error",
        translate(
            "verify",
            "PyTorch may not open {device} (it needs to read and write it), so it cannot "
            "use the AMD GPU. On Linux the members of these groups may: {groups}; you are in: "
            "{yours}. Add yourself with the command below (it asks for your password), "
            "then log out and in again so the new groups take effect, and check again.",
        ).format(device=(blocked or ["/dev/kfd"])[0], groups=", ".join(groups), yours=yours),
        {
            "action": "command",
            "command": _groups_command(raw, groups),
            "label": translate("verify", "Copy the command that adds you to the groups"),
        },
    )


def _rocm_unavailable_finding(
    raw: dict[str, Any], version: str, cause: str, machine: _Machine
) -> Finding:
    env = raw.get("env") or {}
    hiding = [
        f"{name}={env[name]!r}"
        for name in ("HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES")
        if env.get(name) is not None
    ]
    hidden = (
        translate("verify", " {variables} is set, which can hide GPUs from ROCm: unset it.").format(
            variables=", ".join(hiding)
        )
        if hiding
        else ""
    )
    return Finding(
        "cuda_unavailable",
        "error",
        translate(
            "verify",
            "PyTorch {version} is a ROCm build, but it cannot use the AMD GPU "
            "(torch.cuda.is_available() is False).{cause}{hidden} Check that the amdgpu "
            "kernel driver is loaded and that the card is one ROCm supports, restart the "
            "computer, and check again.",
        ).format(version=version, cause=cause, hidden=hidden),
        _rocm_link(machine),
    )


def _rocm_arch_finding(
    device: dict[str, Any], version: str, arch_list: list[str], raw: dict[str, Any], m: _Machine
) -> Finding:
    gfx = str(device.get("arch") or "?")
    targets = " ".join(_gfx_targets(arch_list)) or "(none listed)"
    said = translate(
        "verify",
        "Your {name} ({gfx}) is not supported by PyTorch {version}: this ROCm build "
        "carries GPU code for {targets} only, so the GPU cannot run PyTorch's code "
        '("invalid device function").',
    ).format(name=device.get("name") or "AMD GPU", gfx=gfx, version=version, targets=targets)
    use_cpu = _reinstall("cpu", translate("verify", "Use the CPU build"))
    current = (raw.get("env") or {}).get(OVERRIDE)
    entry = _section(m.accelerators, "rocm", "overrides", gfx)
    if current:
        advice = translate(
            "verify",
            "HSA_OVERRIDE_GFX_VERSION is set to {value} and the card still fails: that "
            "value does not fit it. Remove the setting, then use the CPU build or another "
            "GPU.",
        ).format(value=current)
        return Finding("rocm_arch_missing", "error", sentences(said, advice), use_cpu)
    if entry.get("works") is True and entry.get("value"):
        value = str(entry["value"])
        advice = translate(
            "verify",
            "A workaround is known for {gfx}, unsupported by AMD: set "
            "HSA_OVERRIDE_GFX_VERSION={value} before Python starts (for example with the "
            "command below in your shell, or in ~/.profile for every session), which makes "
            "ROCm treat the card as {as_gfx}. It applies to every AMD GPU of the process.",
        ).format(gfx=gfx, value=value, as_gfx=gfx_of_override(value) or value)
        fix = {
            "action": "command",
            "command": ["export", f"{OVERRIDE}={value}"],
            "label": translate("verify", "Copy the command that sets the workaround"),
        }
        return Finding("rocm_arch_missing", "error", sentences(said, advice), fix)
    if entry.get("works") is False:
        advice = translate(
            "verify",
            "The HSA_OVERRIDE_GFX_VERSION workaround is known to fail on {gfx} ({why}): "
            "do not use it. Use the CPU build, or another GPU.",
        ).format(gfx=gfx, why=override_failure(entry))
    else:
        advice = translate(
            "verify", "No workaround is known for it: use the CPU build, or another GPU."
        )
    return Finding("rocm_arch_missing", "error", sentences(said, advice), use_cpu)


def _override_finding(
    raw: dict[str, Any], backend: str, devices: list[dict[str, Any]], machine: _Machine
) -> Finding | None:
    """HSA_OVERRIDE_GFX_VERSION is set: say what it does, louder with several AMD GPUs."""
    value = (raw.get("env") or {}).get(OVERRIDE)
    if not value or (backend != "rocm" and not machine.amd):
        return None
    amd_count = max(len(machine.amd), sum(1 for d in devices if d.get("backend") == "rocm"))
    several = (
        translate(
            "verify",
            " This computer has {count} AMD GPUs: the setting applies to all of them and "
            "can break the ones it is not meant for (HIP_VISIBLE_DEVICES can leave them out).",
        ).format(count=amd_count)
        if amd_count > 1
        else ""
    )
    return Finding(
        "rocm_override_set",
        "warning" if amd_count > 1 else "info",
        translate(
            "verify",
            "HSA_OVERRIDE_GFX_VERSION is set to {value}: ROCm treats every AMD GPU this "
            "program uses as {as_gfx}. It is a workaround AMD does not support; remove it "
            "once PyTorch carries code for your card.{several}",
        ).format(value=value, as_gfx=gfx_of_override(str(value)) or value, several=several),
        None,
    )


def _xpu_unavailable_finding(
    raw: dict[str, Any], version: str, machine: _Machine, windows: bool
) -> Finding:
    names = _names(machine.intel) or translate("verify", "an Intel GPU")
    if machine.intel and not machine.intel_xpu:
        families = _section(machine.accelerators, "xpu").get("families") or []
        return Finding(
            "xpu_unavailable",
            "error",
            translate(
                "verify",
                "PyTorch {version} is built for Intel GPUs (XPU), but it cannot use "
                "{names}: PyTorch supports these Intel GPU families: {families}. The CPU "
                "build is the right one for this computer.",
            ).format(version=version, names=names, families=", ".join(families)),
            _reinstall("cpu", translate("verify", "Use the CPU build")),
        )
    said = translate(
        "verify",
        "PyTorch {version} is built for Intel GPUs (XPU), but it cannot use {names} "
        "(torch.xpu.is_available() is False).",
    ).format(version=version, names=names)
    if windows:
        advice = translate(
            "verify",
            "Install or update the Intel GPU driver, restart the computer, and check again.",
        )
        return Finding("xpu_unavailable", "error", sentences(said, advice), _intel_link(machine))
    advice = translate(
        "verify",
        "The Intel compute runtime (Level Zero and OpenCL) is missing or too old: install "
        "Intel's GPU driver packages for Linux as Intel's guide shows, then check again.",
    )
    nodes = (raw.get("system") or {}).get("render_nodes") or []
    blocked = [str(g["no_access"]) for g in machine.intel if g.get("no_access")]
    if nodes and not any(n.get("rw") for n in nodes):
        blocked.append(str(nodes[0].get("path")))
    if not blocked:
        return Finding("xpu_unavailable", "error", sentences(said, advice), _intel_link(machine))
    access = translate(
        "verify",
        "You may not open {node} either: add yourself to the render group with the command "
        "below, then log out and in again.",
    ).format(node=blocked[0])
    fix = {
        "action": "command",
        "command": _groups_command(raw, ["render"]),
        "label": translate("verify", "Copy the command that adds you to the render group"),
    }
    return Finding("xpu_unavailable", "error", sentences(said, advice, access), fix)


def _mps_unavailable_finding(raw: dict[str, Any], version: str, machine: _Machine) -> Finding:
    minimum = str(_section(machine.accelerators, "mps").get("macos_min") or "12.3")
    macos = (raw.get("system") or {}).get("macos")
    severity = "error" if machine.machine == "arm64" or machine.apple else "info"
    fix = {
        "action": "link",
        "url": APPLE_MPS_URL,
        "label": translate("verify", "Apple's page on PyTorch and Metal"),
    }
    have, need = _version(macos), _version(minimum)
    if have is not None and need is not None and have < need:
        text = translate(
            "verify",
            "PyTorch {version} can use this Mac's GPU through MPS, but MPS needs macOS "
            "{minimum} or newer and this Mac has macOS {macos}, so PyTorch runs on the "
            "processor. Update macOS (System Settings, Software Update), then check again.",
        ).format(version=version, minimum=minimum, macos=macos)
    else:
        text = translate(
            "verify",
            "PyTorch {version} has MPS, but torch.backends.mps.is_available() is False, so "
            "it runs on the processor. MPS needs macOS {minimum} or newer and a Mac with "
            "Apple silicon or an AMD GPU (not a virtual machine).",
        ).format(version=version, minimum=minimum)
    return Finding("mps_unavailable", severity, text, fix)


def _kernel_failed_finding(device: dict[str, Any], windows: bool, machine: _Machine) -> Finding:
    name = device.get("name") or "GPU"
    backend = device.get("backend", "cuda")
    err = str(device.get("error") or "")
    fix: dict[str, Any] | None
    if "out of memory" in err.lower():
        advice = "The GPU's memory is full: close other programs that use it and check again."
        fix = None
    elif backend == "rocm":
        advice = translate(
            "verify",
            "Update the amdgpu driver as AMD's ROCm guide shows, restart the computer, "
            "then check again.",
        )
        fix = _rocm_link(machine)
    elif backend == "xpu":
        advice = translate(
            "verify", "Update the Intel GPU driver, restart the computer, then check again."
        )
        fix = _intel_link(machine)
    elif backend == "mps":
        advice = translate("verify", "Update macOS, then check again.")
        fix = None
    elif err:
        advice = translate(
            "verify", "Update the NVIDIA driver and restart the computer, then check again."
        )
        fix = _driver_link(translate("verify", "Update the NVIDIA driver"))
    else:
        advice = translate(
            "verify",
            "It ran but gave a wrong result, which points at the driver or the "
            "hardware. Update the NVIDIA driver and check again.",
        )
        fix = _driver_link(translate("verify", "Update the NVIDIA driver"))
    if not err and backend != "cuda":
        advice = sentences(
            translate(
                "verify",
                "It ran but gave a wrong result, which points at the driver or the hardware.",
            ),
            advice,
        )
    what = f": {err}" if err else ""
    return Finding(
        "kernel_failed",
        "error",
        translate("verify", "A small test computation on the {name} failed{what}. {advice}").format(
            name=name, what=what, advice=advice
        ),
        fix,
    )


# --- the step ---------------------------------------------------------------------------------


def run_fix(
    command: list[str],
    *,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    timeout: float = 1800,
    journal: Journal | None = None,
) -> dict[str, Any]:
    """Run a finding's command fix (one marked "run"), its output going to the log. A pip
    install (the torchvision repair) is journaled first as an install, so Undo lists it and can
    take the packages back out.

    Returns {"ok", "returncode", "timed_out", "last"} (last: its last non-empty line, what the
    page quotes when the command failed). A program that cannot start is a failed fix, not an
    exception; only Cancelled is raised.
    """
    reporter = reporter or Reporter()
    reporter.log(f"Running the fix: {proc.display(command)}")
    journal, entry = _journal_fix(command, journal)
    try:
        result = proc.run(
            command, cancel=cancel, timeout=timeout, on_line=reporter.log, max_capture_lines=40
        )
    except proc.ProcError as exc:
        if entry is not None:
            journal.mark_undone(entry, reason="the fix could not start")
        reporter.log(str(exc), logging.WARNING)
        return {"ok": False, "returncode": None, "timed_out": False, "last": str(exc)}
    if entry is not None and not result.ok:
        journal.mark_undone(entry, reason="the fix failed; pip left the environment as it was")
    lines = [line.strip() for line in result.output.splitlines() if line.strip()]
    outcome = {
        "ok": result.ok,
        "returncode": result.returncode,
        "timed_out": result.timed_out,
        "last": lines[-1] if lines else "",
    }
    reporter.log(f"The fix's command ended with exit code {result.returncode}.")
    return outcome


_PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^=\s]+)$")


def _journal_fix(command: list[str], journal: Journal | None) -> tuple[Journal, Entry | None]:
    """(the journal, the install entry written for a `python -m pip install name==v ...` fix,
    or None for any other command)."""
    from app.journal import Journal
    from app.steps.install import record_install

    journal = journal or Journal()
    if command[1:4] != ["-m", "pip", "install"]:
        return journal, None
    pinned = [m for m in map(_PINNED.match, command[4:]) if m]
    packages = {m.group(1): m.group(2) for m in pinned}
    if not packages:
        return journal, None
    return journal, record_install(journal, command[0], command, packages, previous=None)


def _scan_gpus(environ: Mapping[str, str]) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """NVIDIA GPUs and driver through the scan's NVML probe (used when no profile is given)."""

    found = gpu_probe(ScanContext(environ=dict(environ), timeout=5.0))
    gpus = [asdict(g) for g in found.get("gpus") or []]
    driver = found.get("driver")
    return gpus, (asdict(driver) if driver is not None else None)


def verify(
    python: str,
    *,
    profile: Any = None,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    timeout: float = 180,
    cpu_chosen: bool = False,
    extra_env: Mapping[str, str] | None = None,
) -> VerifyReport:
    """Run the probe in python, look for nvcc, and diagnose. Raises only Cancelled.

    The probe runs on the calling thread (so Ctrl-C and cancel end its process tree); nvcc
    and, without a profile, the GPU scan run meanwhile on a helper thread. extra_env: the
    variables the plan says the build needs (its `environment`, e.g. HSA_OVERRIDE_GFX_VERSION),
    set for the probe as they will be for the user's programs.
    """
    reporter = reporter or Reporter()
    # Windows: PATH and CUDA_PATH as the registry has them now (a toolkit registered since
    # the assistant started is seen), for nvcc and for the probe's process.
    environ = winenv.current_environ()
    side: dict[str, Any] = {}

    if profile is None:
        # Imported here, not on the thread: PySide6's import hook is not thread-safe.
        with contextlib.suppress(ImportError):
            import pynvml  # noqa: F401

    def side_work() -> None:
        try:
            side["nvcc"] = find_nvcc(environ, cancel=cancel)
        except Exception as exc:  # nvcc is optional: never let it fail the check
            side["nvcc_error"] = f"{type(exc).__name__}: {exc}"
        if profile is None:
            try:
                side["gpus"], side["driver"] = _scan_gpus(environ)
            except Exception as exc:
                side["gpu_error"] = f"{type(exc).__name__}: {exc}"

    helper = threading.Thread(target=side_work, name="verify-side", daemon=True)
    helper.start()
    reporter.log(f"Checking PyTorch in {python} (importing torch can take a while)…")

    def on_stage(stage: str) -> None:
        words = _STAGE_WORDS.get(stage)
        if words:
            reporter.log(f"  {words[0].upper()}{words[1:]}…", logging.DEBUG)
        elif stage.startswith("device"):
            reporter.log(f"  Testing GPU {stage[6:]}…", logging.DEBUG)
        elif stage.startswith("xpu") and stage[3:].isdigit():
            reporter.log(f"  Testing Intel GPU {stage[3:]}…", logging.DEBUG)

    started = time.perf_counter()
    raw = run_probe(
        python,
        timeout=timeout,
        cancel=cancel,
        on_stage=on_stage,
        env=proc.child_env(environ, {str(k): str(v) for k, v in (extra_env or {}).items()}),
    )
    helper.join(15.0)

    gpus: list[dict[str, Any]] | None  # None: not known (the GPU scan failed)
    if profile is not None:
        gpus = [asdict(g) for g in getattr(profile, "gpus", []) or []]
        driver_obj = getattr(profile, "driver", None)
        driver = asdict(driver_obj) if driver_obj is not None else None
    else:
        gpus = side.get("gpus") if "gpus" in side else None
        driver = side.get("driver")
    report = diagnose(
        raw,
        python=python,
        environ=environ,
        gpus_expected=gpus,
        nvcc=side.get("nvcc"),
        driver=driver,
        cpu_chosen=cpu_chosen,
    )
    if driver:
        report.extra["driver"] = driver
    if extra_env:
        report.extra["environment"] = dict(extra_env)
    report.extra["seconds"] = round(time.perf_counter() - started, 3)
    for key in ("nvcc_error", "gpu_error"):
        if key in side:
            report.extra[key] = side[key]
    verdict = "works" if report.ok else "has a problem"
    reporter.log(f"PyTorch check: {verdict} ({report.extra['seconds']:.1f} s).")
    for finding in report.findings:
        level = logging.WARNING if finding.severity != "info" else logging.INFO
        reporter.log(f"  [{finding.code}] {finding.message}", level)
    return report


__all__ = [
    "MARK",
    "PROBE",
    "SCHEMA",
    "Finding",
    "VerifyReport",
    "diagnose",
    "find_nvcc",
    "run_fix",
    "vision_repair_command",
    "has_kernels",
    "parse_arch_list",
    "run_probe",
    "verify",
]

if __name__ == "__main__":  # a quick manual check: python -m app.steps.verify [PYTHON]
    print(verify(sys.argv[1] if len(sys.argv) > 1 else sys.executable).to_json())
