"""A stand-in nvcc for machines without CUDA: answers --version and "compiles" only when the
parts a real compile needs are where a real toolkit has them (include/crt, nvvm/bin/cicc),
failing with the real nvcc's own messages otherwise (recorded from CUDA 13.0 on Linux)."""

from __future__ import annotations


def script(version: str = "12.6.85") -> bytes:
    short = ".".join(version.split(".")[:2])
    return f"""#!/bin/sh
here=$(dirname "$0")
if [ "$1" = "--version" ]; then
  echo "nvcc: NVIDIA (R) Cuda compiler driver"
  echo "Cuda compilation tools, release {short}, V{version}"
  exit 0
fi
if [ ! -f "$here/../include/crt/host_config.h" ]; then
  echo "$here/../include/cuda_runtime.h:82:10: fatal error: crt/host_config.h: \\
No such file or directory"
  exit 1
fi
if [ ! -f "$here/../nvvm/bin/cicc" ]; then
  echo "sh: 1: $here/../nvvm/bin/cicc: not found"
  exit 127
fi
while [ $# -gt 0 ]; do
  if [ "$1" = "-o" ]; then shift; : > "$1"; fi
  shift
done
""".encode()


# The files of a toolkit that the fake nvcc needs to compile (relative to the toolkit).
COMPILE_PARTS = {
    "include/crt/host_config.h": b"/* crt */\n",
    "nvvm/bin/cicc": b"#!/bin/sh\n",
}
