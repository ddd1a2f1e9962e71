"""The default target over recorded environments: the user's best real environment, never the
assistant's own (its venv from source, a packaged app's bundled Python), else a new one."""

from __future__ import annotations

import os

from app.profile import PythonEnv
from app.scan.pythons import NEW_KIND, default_target, is_own, new_environment

SOURCE_VENV = "/home/me/pytorch-setup/.venv"
FROZEN_APP = "/opt/PyTorch Setup"


def norm(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def env(version: str, prefix: str, kind: str = "venv", **more) -> PythonEnv:
    return PythonEnv(version, prefix + "/bin/python", kind, 64, prefix=prefix, **more)


# Recorded from the project machines (paths shortened).
DEVELOPER_LAPTOP = [
    env("3.11.7", SOURCE_VENV),  # the assistant's own venv, run from source
    env("3.13.0", "/home/me/.pyenv/versions/3.13.0", "pyenv"),
    env("3.12.3", "/usr", "system"),
    env("3.12.3", "/home/me/projects/vision/.venv"),
]
TUTORIAL_READER = [  # conda Python 3.8 in an env, and the bundled Python of the packaged app
    env("3.8.10", "/home/홍길동/anaconda3/envs/torch", "conda"),
    env("3.8.10", "/home/홍길동/anaconda3", "system"),
    env("3.12.9", FROZEN_APP + "/_internal", "system"),
]
NOTHING_FITS = [
    env("2.7.18", "/usr", "system", problems=["Python 2 cannot run PyTorch."]),
    env("3.6.15", "/home/me/.pyenv/versions/3.6.15", "pyenv"),
    env("3.12.1", "/mnt/c/Users/me/WindowsApps", "store", problems=["Microsoft Store Python"]),
    env("3.12.1", SOURCE_VENV),
]


def test_a_real_venv_of_the_users_wins_over_the_assistants_own_and_newer_system_pythons():
    chosen = default_target(DEVELOPER_LAPTOP, own=[norm(SOURCE_VENV)])
    assert chosen is not None and chosen.prefix == "/home/me/projects/vision/.venv"


def test_without_a_venv_or_conda_env_a_system_python_is_chosen_never_our_own():
    pythons = [e for e in DEVELOPER_LAPTOP if e.prefix != "/home/me/projects/vision/.venv"]
    chosen = default_target(pythons, own=[norm(SOURCE_VENV)])
    assert chosen is not None and chosen.kind == "pyenv" and chosen.version == "3.13.0"
    only_ours = [DEVELOPER_LAPTOP[0]]
    assert default_target(only_ours, own=[norm(SOURCE_VENV)]) is None


def test_the_tutorial_readers_python_38_and_the_packaged_apps_python_mean_a_new_environment():
    """Python 3.8 gets PyTorch 2.4 at most: a new environment with a current Python serves the
    reader better, and the packaged app's own Python is never offered in its place."""
    assert default_target(TUTORIAL_READER, own=[norm(FROZEN_APP)]) is None
    assert is_own(TUTORIAL_READER[2], [norm(FROZEN_APP)])
    assert not is_own(TUTORIAL_READER[0], [norm(FROZEN_APP)])
    newer = env("3.12.7", "/home/홍길동/anaconda3/envs/py312", "conda")
    chosen = default_target([*TUTORIAL_READER, newer], own=[norm(FROZEN_APP)])
    assert chosen is newer


def test_nothing_fits_means_a_new_environment():
    assert default_target(NOTHING_FITS, own=[norm(SOURCE_VENV)]) is None
    placeholder = new_environment()
    assert placeholder.kind == NEW_KIND and not placeholder.version
    assert "create a new one" in placeholder.problems[0]


def test_an_environment_the_assistant_made_comes_first():
    made = "/data/torch envs/made by us"
    envs = [*DEVELOPER_LAPTOP, env("3.10.13", made)]
    chosen = default_target(envs, own=[norm(SOURCE_VENV)], created={norm(made)})
    assert chosen is not None and chosen.prefix == made


def test_a_conda_base_counts_as_a_system_python(tmp_path):
    base = tmp_path / "miniforge3"
    (base / "condabin").mkdir(parents=True)
    envs = [env("3.12.8", str(base), "conda"), env("3.11.7", "/usr", "system")]
    chosen = default_target(envs, own=[])
    assert chosen is not None and chosen.prefix == str(base)  # the newest of the system class
    envs.append(env("3.10.4", str(base / "envs" / "work"), "conda"))
    chosen = default_target(envs, own=[])
    assert chosen is not None and chosen.prefix == str(base / "envs" / "work")


def test_a_target_still_to_be_made_is_planned_once_it_exists():
    from app.compat import make_plan
    from app.profile import OSInfo, SystemProfile
    from app.scan.pythons import new_environment

    plan = make_plan(SystemProfile(OSInfo("windows"), "x86_64", new_environment()))
    assert [b.code for b in plan.blockers] == ["python_to_create"]
    assert "create one on the scan page (New environment…)" in plan.blockers[0].message
