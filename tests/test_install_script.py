"""The README's first command on a fresh Debian machine: packaging/install-debian-deps.sh updates the package
lists first and uses sudo only when it is not root (a container's root has no sudo; a desktop user has it).

apt-get, sudo and id are stand-ins on PATH here that record what they were asked: the real install was proved in
a fresh Debian 12 chroot (see the commit that added the script). Only the tools the script needs are on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "packaging" / "install-debian-deps.sh"
RUNTIME = REPO / "packaging" / "debian-packages.txt"
TESTING = REPO / "packaging" / "debian-test-packages.txt"


def packages(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]


def run(tmp_path: Path, *args: str, uid: int, with_sudo: bool) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """The script with stand-ins for id (printing `uid`), apt-get and, if asked, sudo; returns what ran."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("sh", "grep", "tr", "dirname", "env", "cat"):
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).unlink(missing_ok=True)
        (bin_dir / tool).symlink_to(found)
    stubs = {
        "id": f'#!/bin/sh\n[ "$1" = -u ] && echo {uid}\n',
        "apt-get": f'#!/bin/sh\necho "apt-get DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> {log}\n',
    }
    if with_sudo:
        stubs["sudo"] = f'#!/bin/sh\necho "sudo $1" >> {log}\nexec "$@"\n'
    for name, text in stubs.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    result = subprocess.run(
        ["/bin/sh", str(SCRIPT), *args],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        cwd=tmp_path,  # the script finds its lists beside itself, wherever it is run from
        check=False,
    )
    return result, log.read_text().splitlines() if log.exists() else []


def test_as_root_without_sudo_it_updates_then_installs_the_runtime_list(tmp_path):
    # a fresh container: root, no sudo, no package lists yet
    result, calls = run(tmp_path, uid=0, with_sudo=False)
    assert result.returncode == 0, result.stderr
    assert calls == [
        "apt-get DEBIAN_FRONTEND=noninteractive update",
        "apt-get DEBIAN_FRONTEND=noninteractive install -y --no-install-recommends " + " ".join(packages(RUNTIME)),
    ]


def test_as_a_user_it_goes_through_sudo(tmp_path):
    result, calls = run(tmp_path, uid=1000, with_sudo=True)
    assert result.returncode == 0, result.stderr
    assert calls[0] == "sudo env" and calls[1] == "apt-get DEBIAN_FRONTEND=noninteractive update"
    assert calls[2] == "sudo env" and calls[3].startswith("apt-get DEBIAN_FRONTEND=noninteractive install -y ")


def test_as_a_user_without_sudo_it_says_what_to_do(tmp_path):
    result, calls = run(tmp_path, uid=1000, with_sudo=False)
    assert result.returncode == 1 and calls == []
    assert "run it as root, or install sudo" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_with_test_it_adds_the_test_list(tmp_path):
    result, calls = run(tmp_path, "--test", uid=0, with_sudo=False)
    assert result.returncode == 0, result.stderr
    assert calls[1].endswith(" ".join(packages(RUNTIME) + packages(TESTING)))
    assert run(tmp_path, "--bogus", uid=0, with_sudo=False)[0].returncode == 2


def test_the_runtime_list_has_what_qts_wayland_plugin_links():
    # libqwayland.so and its shell/decoration plugins need these (ldd on the PySide6 wheel's plugins);
    # without them Qt cannot start on a Wayland desktop
    assert {"libwayland-client0", "libwayland-cursor0", "libwayland-egl1", "libxkbcommon0", "libegl1"} <= set(
        packages(RUNTIME)
    )
    assert not set(packages(RUNTIME)) & set(packages(TESTING))  # test tools stay out of the runtime list


def test_the_readme_first_command_is_one_line_that_installs_and_launches():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = readme.split("```sh\n", 1)[1].split("\n```", 1)[0]
    assert "\n" not in first and first.startswith("sh packaging/install-debian-deps.sh && ")
    assert "sudo" not in first and first.endswith(" && .venv/bin/shelterapp")


@pytest.mark.skipif(shutil.which("dash") is None, reason="dash is not installed")
def test_the_script_is_posix_sh():
    # Debian's /bin/sh is dash: no bash-only syntax
    assert subprocess.run(["dash", "-n", str(SCRIPT)], check=False).returncode == 0
    assert os.access(SCRIPT, os.X_OK)


def test_ci_runs_the_readme_test_command():
    # .ci/run runs the README's second command as it is written (its apt output silenced), so the two never drift
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    second = readme.split("```sh\n", 2)[2].split("\n```", 1)[0]
    assert second.startswith("sh packaging/install-debian-deps.sh --test && ")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert second.replace("--test && ", "--test >/dev/null && ", 1) in ci.splitlines()
