"""Proof that a CUDA toolkit works: its own nvcc compiles a one-line .cu file.

`nvcc --version` answers even when the parts a compile needs are missing: CUDA 13 split the
CRT headers (crt/host_config.h) and NVVM (cicc) out of nvcc, and an installer or archive set
without them leaves an nvcc that prints its version and cannot compile anything. Only a real
compile touches the headers, cicc, ptxas, fatbinary and the host C++ compiler.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app import proc
from app.events import CancelToken
from app.text import translate

SOURCE = "__global__ void pytorch_setup_probe(float *x) { x[threadIdx.x] += 1.0f; }\n"
TIMEOUT_S = 180.0  # a cold first compile on a slow disk takes tens of seconds

# (problem code, pattern in nvcc's output), the first match wins.
_PATTERNS = (
    # before crt_missing: this #error is raised from inside crt/host_config.h
    ("unsupported_host_compiler", re.compile(r"unsupported (gnu|clang|microsoft visual)", re.I)),
    ("crt_missing", re.compile(r"crt[/\\]\w+\.h", re.I)),
    ("nvvm_missing", re.compile(r"cicc(\.exe)?\b.*(not found|no such file|not recognized)", re.I)),
    ("no_host_compiler", re.compile(r"cannot find compiler|failed to preprocess host", re.I)),
)


@dataclass
class CompileResult:
    ok: bool
    problem: str | None  # None when ok; one of the codes above, or no_nvcc / timeout / failed
    message: str  # one line for the user: what is wrong and what to do ("" when ok)
    output: str  # nvcc's last lines, for the log

    @property
    def toolkit_broken(self) -> bool:
        """The toolkit itself is incomplete (as opposed to the host compiler missing)."""
        return not self.ok and self.problem not in ("no_host_compiler", "unsupported_host_compiler")


def nvcc_in(toolkit: Path, windows: bool) -> Path:
    return toolkit / "bin" / ("nvcc.exe" if windows else "nvcc")


def diagnose(output: str, returncode: int | None, windows: bool, nvcc: Path) -> CompileResult:
    """What a failed compile's output means, as one line a beginner can act on."""
    problem = next((code for code, pattern in _PATTERNS if pattern.search(output)), "failed")
    tail = output.strip().splitlines()[-1] if output.strip() else ""
    if problem == "crt_missing":
        message = translate(
            "errors",
            "{nvcc} cannot compile: the CUDA CRT headers (include/crt) are missing. From CUDA "
            "13 they are a part of their own (crt); install it, or reinstall the toolkit.",
        ).format(nvcc=nvcc)
    elif problem == "nvvm_missing":
        message = translate(
            "errors",
            "{nvcc} cannot compile: NVVM (nvvm/bin/cicc) is missing. From CUDA 13 it is a part "
            "of its own (nvvm); install it, or reinstall the toolkit.",
        ).format(nvcc=nvcc)
    elif problem == "no_host_compiler":
        compiler = (
            "Microsoft's C++ compiler (cl.exe): install Visual Studio Build Tools with "
            "'Desktop development with C++' and use an 'x64 Native Tools Command Prompt'"
            if windows
            else "a C++ compiler: install g++ (e.g. sudo apt install g++)"
        )
        message = translate(
            "errors", "The CUDA toolkit is complete, but nvcc also needs {compiler}."
        ).format(compiler=compiler)
    elif problem == "unsupported_host_compiler":
        message = translate(
            "errors",
            "The CUDA toolkit is complete, but nvcc does not support this C++ compiler's "
            "version: {tail}",
        ).format(tail=tail)
    else:
        message = translate(
            "errors", "{nvcc} could not compile a one-line test (exit {code}): {tail}"
        ).format(nvcc=nvcc, code=returncode, tail=tail or "no output")
    return CompileResult(False, problem, message, output)


def compile_probe(
    toolkit: str | Path,
    *,
    windows: bool,
    cancel: CancelToken | None = None,
    timeout: float = TIMEOUT_S,
    env: dict[str, str] | None = None,
) -> CompileResult:
    """Compile SOURCE with the toolkit's nvcc into a temporary folder (removed afterwards)."""
    nvcc = nvcc_in(Path(toolkit), windows)
    if not nvcc.is_file():
        message = translate("errors", "{nvcc} is missing: the toolkit has no compiler.").format(
            nvcc=nvcc
        )
        return CompileResult(False, "no_nvcc", message, "")
    work = Path(tempfile.mkdtemp(prefix="pytorch-setup-nvcc-"))
    try:
        (work / "probe.cu").write_text(SOURCE, encoding="utf-8")
        try:
            result = proc.run(
                [nvcc, "-c", "probe.cu", "-o", "probe.obj" if windows else "probe.o"],
                cwd=work,
                cancel=cancel,
                timeout=timeout,
                env=env,
                max_capture_lines=60,
            )
        except proc.ProcError as error:
            return CompileResult(False, "no_nvcc", str(error), "")
        if result.timed_out:
            message = translate(
                "errors", "{nvcc} did not finish a one-line test compile in {seconds} s."
            ).format(nvcc=nvcc, seconds=int(timeout))
            return CompileResult(False, "timeout", message, result.output)
        if result.ok and any(work.glob("probe.o*")):
            return CompileResult(True, None, "", result.output)
        return diagnose(result.output, result.returncode, windows, nvcc)
    finally:
        shutil.rmtree(work, ignore_errors=True)
