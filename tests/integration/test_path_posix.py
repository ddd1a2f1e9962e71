"""The POSIX backend in a temporary HOME, checked by real bash and sh children."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.events import CancelToken, Reporter
from app.journal import Journal
from app.steps import pathreg
from app.steps.pathreg import PathRegError
from app.steps.pathreg import block as path_block
from app.steps.pathreg.block import END, START
from app.steps.pathreg.posix import PosixBackend

pytestmark = pytest.mark.skipif(os.name == "nt", reason="shell profiles are a POSIX thing")
FILES = (".bashrc", ".profile", ".bash_profile", ".bash_login", ".zshrc", "dotfiles/bashrc")


def real_toolkit() -> Path | None:
    """A CUDA toolkit installed on this machine, any version: CUDA_HOME / CUDA_PATH, the one
    whose bin holds the nvcc on PATH, or NVIDIA's standard folders."""
    places = [os.environ.get("CUDA_HOME"), os.environ.get("CUDA_PATH")]
    nvcc = shutil.which("nvcc")
    if nvcc:
        places.append(str(Path(os.path.realpath(nvcc)).parent.parent))
    places += sorted(glob.glob("/usr/local/cuda-*"), reverse=True)
    places += ["/usr/local/cuda", "/opt/cuda"]
    for place in filter(None, places):
        root = Path(place)  # a toolkit has its headers: /usr/local/bin/nvcc may be a wrapper
        if (root / "bin" / "nvcc").is_file() and (root / "include" / "cuda.h").is_file():
            return root
    return None


REAL_TOOLKIT = real_toolkit()


def make_toolkit(folder: Path, version: str = "13.0.48") -> Path:
    (folder / "bin").mkdir(parents=True)
    (folder / "lib64").mkdir()
    nvcc = folder / "bin" / "nvcc"
    nvcc.write_text(
        f'#!/bin/sh\necho "Cuda compilation tools, release {version[:4]}, V{version}"\n', "utf-8"
    )
    nvcc.chmod(0o755)
    (folder / "version.json").write_text(json.dumps({"cuda": {"version": version}}), "utf-8")
    return folder


@pytest.fixture
def home(tmp_path) -> Path:
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


@pytest.fixture
def toolkit(tmp_path) -> Path:
    # A space, Korean, a dollar sign and both quotes: all must survive sh quoting.
    return make_toolkit(tmp_path / "CUDA 툴킷 $HOME 'q\"" / "cuda-13.0")


@pytest.fixture
def journal(tmp_path) -> Journal:
    return Journal(tmp_path / "journal.jsonl")


def backend_for(home: Path, shell: str = "/bin/bash") -> PosixBackend:
    return PosixBackend(home, {"HOME": str(home), "SHELL": shell, "PATH": "/usr/bin:/bin"})


def snapshot(home: Path) -> dict[str, bytes | None]:
    """Every profile's bytes (None: absent), and whether .bashrc is a symlink."""
    files = {n: (home / n).read_bytes() if (home / n).exists() else None for n in FILES}
    files["symlink"] = b"yes" if (home / ".bashrc").is_symlink() else b"no"
    return files


def shell(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "TERM": "dumb"}
    return subprocess.run(
        list(args), env=env, cwd=home, capture_output=True, text=True, timeout=30,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


def add(toolkit: Path, home: Path, journal: Journal, shell_path: str = "/bin/bash"):
    backend = backend_for(home, shell_path)
    return pathreg.add(toolkit, Reporter(), CancelToken(), backend=backend, journal=journal)


def test_a_new_bash_terminal_finds_nvcc_and_re_sourcing_adds_nothing(home, toolkit, journal):
    (home / ".bashrc").write_bytes(b"# mine\nalias ll='ls -l'")  # no final newline
    entry = add(toolkit, home, journal)
    assert entry.step == "pathreg" and entry.action == "profile_block"
    script = (
        'command -v nvcc && nvcc --version && echo "HOME_CUDA=$CUDA_HOME" '
        '&& . ~/.bashrc && echo "P=$PATH" && echo "L=$LD_LIBRARY_PATH"'
    )
    result = shell(home, "bash", "-i", "-c", script)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == str(toolkit / "bin" / "nvcc")
    assert "release 13.0" in out[1]
    assert out[2] == f"HOME_CUDA={toolkit}"
    assert out[3] == f"P={toolkit}/bin:/usr/bin:/bin"  # once, though .bashrc ran twice
    assert out[4] == f"L={toolkit}/lib64"  # no empty entry (it would mean "this folder")
    # Login shells read ~/.profile (created for this), in bash and in plain sh (dash).
    for login in (["bash", "-l", "-c"], ["sh", "-l", "-c"]):
        found = shell(home, *login, "command -v nvcc")
        assert found.stdout.strip() == str(toolkit / "bin" / "nvcc"), (login, found.stderr)


@pytest.mark.skipif(REAL_TOOLKIT is None, reason="no CUDA toolkit installed on this machine")
def test_the_real_toolkit_runs_from_a_new_terminal(home, journal):
    direct = subprocess.run(
        [str(REAL_TOOLKIT / "bin" / "nvcc"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    release = next(line for line in direct.stdout.splitlines() if "release" in line)
    add(REAL_TOOLKIT, home, journal)
    result = shell(home, "bash", "-i", "-c", "command -v nvcc && nvcc --version")
    assert result.stdout.splitlines()[0] == str(REAL_TOOLKIT / "bin" / "nvcc"), result.stderr
    assert release in result.stdout.splitlines()


def test_adding_twice_is_adding_once(home, toolkit, journal):
    (home / ".bashrc").write_bytes(b"export A=1\n")
    assert add(toolkit, home, journal) is not None
    after_first = snapshot(home)
    assert add(toolkit, home, journal) is None
    assert snapshot(home) == after_first
    assert after_first[".bashrc"].count(START) == 1 and after_first[".bashrc"].count(END) == 1
    assert len(journal.pending()) == 1
    assert pathreg.preview(toolkit, backend_for(home)).already_registered


@pytest.mark.parametrize("how", ["remove", "undo"])
def test_remove_and_undo_give_back_the_same_bytes(home, toolkit, journal, how):
    (home / ".bashrc").write_bytes(b"# mine\nalias ll='ls -l'")  # no final newline: stays so
    before = snapshot(home)
    entry = add(toolkit, home, journal)
    assert (home / ".profile").exists()  # created for login shells
    if how == "remove":
        backend = backend_for(home)
        assert pathreg.remove(toolkit, Reporter(), CancelToken(), backend=backend, journal=journal)
    else:
        pathreg.undo(entry, Reporter(), CancelToken(), journal, backend=backend_for(home))
    assert snapshot(home) == before  # .profile, which we created, is gone again
    assert journal.pending() == []
    assert journal.entries()[-1].data["identical"] == [
        str(home / ".bashrc"),
        str(home / ".profile"),
    ]


def test_a_symlinked_bashrc_stays_a_symlink(home, toolkit, journal):
    (home / "dotfiles").mkdir()
    (home / "dotfiles" / "bashrc").write_bytes(b"export FROM_DOTFILES=1\n")
    (home / ".bashrc").symlink_to("dotfiles/bashrc")
    (home / ".profile").write_bytes(b"# profile\n")
    before = snapshot(home)
    add(toolkit, home, journal)
    assert (home / ".bashrc").is_symlink()
    assert START in (home / "dotfiles" / "bashrc").read_bytes()
    pathreg.remove(toolkit, Reporter(), CancelToken(), backend=backend_for(home), journal=journal)
    assert snapshot(home) == before


def test_crlf_and_non_utf8_bytes_are_kept(home, toolkit, journal):
    original = b"alias x=1\r\n# caf\xe9 \xff\xfe \xea\xb9\x80\r\nexport A=1"
    (home / ".bashrc").write_bytes(original)
    (home / ".profile").write_bytes(b"\xff\r\n")
    add(toolkit, home, journal)
    assert (home / ".bashrc").read_bytes().startswith(original)
    pathreg.remove(toolkit, Reporter(), CancelToken(), backend=backend_for(home), journal=journal)
    assert (home / ".bashrc").read_bytes() == original
    assert (home / ".profile").read_bytes() == b"\xff\r\n"


def test_a_half_block_is_refused_and_nothing_changes(home, toolkit, journal):
    (home / ".bashrc").write_bytes(b"export A=1\n\n" + START + b"\nexport CUDA_HOME=/x\n")
    before = snapshot(home)
    with pytest.raises(PathRegError, match=r"\.bashrc, line 3") as error:
        add(toolkit, home, journal)
    assert "by hand" in str(error.value)
    assert snapshot(home) == before and journal.entries() == []
    preview = pathreg.preview(toolkit, backend_for(home))
    assert preview.blocked is not None and not preview.already_registered


def test_a_read_only_profile_stops_everything(home, toolkit, journal, monkeypatch):
    # The tests run as root, for whom chmod 0444 stops nothing; so the check the code makes,
    # os.access, is told what it would say to an ordinary user. The file is made 0444 as well.
    (home / ".bashrc").write_bytes(b"export A=1\n")
    (home / ".profile").write_bytes(b"export B=1\n")
    (home / ".profile").chmod(0o444)
    before = snapshot(home)
    real_access = os.access

    def access(path, mode, **kwargs):
        if Path(path).name == ".profile" and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(path_block.os, "access", access)
    with pytest.raises(PathRegError, match=r"\.profile is read-only.*No profile was changed"):
        add(toolkit, home, journal)
    assert snapshot(home) == before and journal.entries() == []


def test_a_failing_second_write_puts_the_first_file_back(home, toolkit, journal, monkeypatch):
    (home / ".bashrc").write_bytes(b"export A=1\n")
    before = snapshot(home)
    real_write = path_block.write_atomic

    def write(target, data, mode, token=None):
        if target.name == ".profile":
            raise OSError(28, "No space left on device")
        real_write(target, data, mode, token)

    monkeypatch.setattr(path_block, "write_atomic", write)
    with pytest.raises(PathRegError, match="put back"):
        add(toolkit, home, journal)
    assert snapshot(home) == before and journal.pending() == []


def test_a_second_toolkit_replaces_the_block_and_undo_brings_the_first_back(
    home, tmp_path, journal
):
    first = make_toolkit(tmp_path / "cuda-12.6", "12.6.3")
    second = make_toolkit(tmp_path / "cuda-13.0", "13.0.48")
    (home / ".bashrc").write_bytes(b"export A=1\n")
    before = snapshot(home)
    add(first, home, journal)
    with_first = snapshot(home)
    preview = pathreg.preview(second, backend_for(home))
    assert "replaces" in {f.code for f in preview.warnings}
    entry = add(second, home, journal)
    text = (home / ".bashrc").read_bytes()
    assert text.count(START) == 1 and str(second).encode() in text
    assert str(first).encode() not in text
    pathreg.undo(entry, Reporter(), CancelToken(), journal, backend=backend_for(home))
    assert snapshot(home) == with_first
    pathreg.remove(first, Reporter(), CancelToken(), backend=backend_for(home), journal=journal)
    assert snapshot(home) == before


def test_removing_a_replaced_toolkit_then_undoing_the_newer_one(home, tmp_path, journal):
    first = make_toolkit(tmp_path / "cuda-12.6", "12.6.3")
    second = make_toolkit(tmp_path / "cuda-13.0", "13.0.48")
    (home / ".bashrc").write_bytes(b"export A=1\n")
    before = snapshot(home)
    add(first, home, journal)
    entry = add(second, home, journal)
    pathreg.remove(first, Reporter(), CancelToken(), backend=backend_for(home), journal=journal)
    assert str(second).encode() in (home / ".bashrc").read_bytes()  # the newer one stays
    pathreg.undo(entry, Reporter(), CancelToken(), journal, backend=backend_for(home))
    assert snapshot(home) == before  # not the removed first toolkit again


def test_which_files_bash_and_zsh_users_get(home):
    assert [p.name for p, _ in backend_for(home).profiles()] == [".bashrc", ".profile"]
    (home / ".bash_profile").write_bytes(b"")
    files = backend_for(home).profiles()
    assert [p.name for p, _ in files] == [".bashrc", ".bash_profile"]
    assert "instead of ~/.profile" in files[1][1]
    (home / ".bash_profile").unlink()
    assert [p.name for p, _ in backend_for(home, "/bin/zsh").profiles()] == [".zshrc"]
    (home / ".bashrc").write_bytes(b"")
    zsh_and_bash = [p.name for p, _ in backend_for(home, "/usr/bin/zsh").profiles()]
    assert zsh_and_bash == [".bashrc", ".profile", ".zshrc"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_a_new_zsh_terminal_finds_nvcc(home, toolkit, journal):
    add(toolkit, home, journal, "/bin/zsh")
    result = shell(home, "zsh", "-i", "-c", "command -v nvcc")
    assert result.stdout.strip() == str(toolkit / "bin" / "nvcc"), result.stderr


def test_preview_and_show(home, toolkit, journal):
    preview = pathreg.preview(toolkit, backend_for(home))
    assert preview.backend == "posix" and not preview.already_registered
    assert [(line.text, line.new) for line in preview.proposed] == [
        (f"{toolkit}/bin", True),
        ("/usr/bin", False),
        ("/bin", False),
    ]
    assert preview.variables["CUDA_HOME"] == str(toolkit)
    assert preview.where[0].startswith(str(home / ".bashrc"))
    add(toolkit, home, journal)
    text = pathreg.show(backend_for(home), journal)
    assert f"{home / '.bashrc'}: CUDA block for {toolkit}" in text
    assert "(CUDA 13.0)" in text


def test_remove_of_a_toolkit_never_registered_is_refused(home, toolkit, journal):
    with pytest.raises(PathRegError, match="registered nothing"):
        pathreg.remove(
            toolkit, Reporter(), CancelToken(), backend=backend_for(home), journal=journal
        )
