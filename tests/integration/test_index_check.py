"""A plan checked against a simple-API index served on loopback (PEP 691 JSON, PEP 503)."""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.compat import Choices, make_plan
from app.compat.index_check import check_plan, notice_for, wheel_matches
from app.profile import GPU, Driver, OSInfo, PythonEnv, SystemProfile

FILES = [
    "torch-2.14.1+cu126-cp312-cp312-win_amd64.whl",
    "torch-2.14.1+cu126-cp312-cp312-manylinux_2_28_x86_64.whl",
    "torch-2.14.1+cu126-cp311-cp311-manylinux_2_28_x86_64.whl",
    "torch-2.13.0+cu126-cp312-cp312-win_amd64.whl",
]


class Index(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path == "/json/torch/" and "json" in self.headers.get("Accept", ""):
            body = json.dumps(
                {
                    "meta": {"api-version": "1.1"},
                    "name": "torch",
                    "files": [{"filename": f, "url": f"../../f/{f}"} for f in FILES],
                }
            )
            content_type = "application/vnd.pypi.simple.v1+json"
        elif self.path in ("/html/torch/", "/json/torch/"):
            links = "".join(
                f'<a href="../../f/{f.replace("+", "%2B")}#sha256=00">{f}</a>' for f in FILES
            )
            body = f"<!DOCTYPE html><html><body>{links}</body></html>"
            content_type = "text/html"
        else:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def index():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Index)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def windows_profile(python="3.12.4") -> SystemProfile:
    return SystemProfile(
        os=OSInfo("windows", "10.0.22631"),
        arch="x86_64",
        python=PythonEnv(python, "python"),
        gpus=[GPU("NVIDIA GeForce RTX 3060", compute_capability="8.6")],
        driver=Driver("537.13", "12.2"),
    )


@pytest.mark.parametrize("kind", ["json", "html"])
def test_planned_wheel_is_found(index, kind):
    plan = make_plan(windows_profile(), Choices())
    assert (plan.torch, plan.compute) == ("2.14.1", "cu126")
    answer = check_plan(plan, "3.12.4", "windows-x86_64", mirror=f"{index}/{kind}")
    assert answer.found is True, answer
    assert notice_for(answer, plan, "3.12.4") is None


def test_missing_wheel_becomes_a_warning(index):
    plan = make_plan(windows_profile("3.13.1"), Choices())
    answer = check_plan(plan, "3.13.1", "windows-x86_64", mirror=f"{index}/json")
    assert answer.found is False
    notice = notice_for(answer, plan, "3.13.1")
    assert notice.code == "wheel_missing" and "Python 3.13" in notice.message


def test_unreachable_index_is_said_not_fatal():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once closed
    plan = make_plan(windows_profile(), Choices())
    answer = check_plan(
        plan, "3.12.4", "windows-x86_64", mirror=f"http://127.0.0.1:{port}/simple", timeout=2
    )
    assert answer.found is None
    assert notice_for(answer, plan, "3.12.4").code == "index_not_checked"


def test_wheel_name_matching():
    name = "torch-2.14.1+cu130-cp313-cp313-manylinux_2_28_aarch64.whl"
    assert wheel_matches(name, "2.14.1", "cu130", "3.13", "linux-aarch64")
    assert not wheel_matches(name, "2.14.1", "cu130", "3.13", "linux-x86_64")
    assert not wheel_matches(name, "2.14.1", "cu126", "3.13", "linux-aarch64")
    assert wheel_matches(
        "torch-2.14.1-cp312-none-macosx_11_0_arm64.whl", "2.14.1", None, "3.12", "macos-arm64"
    )
    assert not wheel_matches("not-a-wheel.tar.gz", "2.14.1", None, "3.12", "macos-arm64")


def test_cli_plan_with_a_mirror(index, tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(windows_profile("3.13.1").to_json(), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "plan",
            "--profile",
            str(path),
            "--json",
            "--mirror",
            f"{index}/json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    codes = [w["code"] for w in json.loads(result.stdout)["warnings"]]
    assert "wheel_missing" in codes
