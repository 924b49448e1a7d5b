"""Restarting for a new language keeps the person's options but not the ones their choice replaces."""

from __future__ import annotations

import sys

from shelterapp.desktop.relaunch import relaunch_command


def test_a_python_install_restarts_the_package_without_the_old_language():
    command = relaunch_command(["--lang", "fr", "--hidden"], sys.executable, frozen=False)
    assert command == [sys.executable, "-m", "shelterapp"]


def test_a_bundle_restarts_itself_without_the_options_the_restart_replaces():
    argv = ["--lang=uk", "--theme", "high_contrast", "--exit-after-start"]
    command = relaunch_command(argv, "/opt/s/shelterapp", frozen=True)
    assert command == ["/opt/s/shelterapp"]


def test_the_restarted_command_really_starts(tmp_path, monkeypatch):
    """The command we build is one Python can run: --version through the same module path."""
    import subprocess

    command = relaunch_command(["--version"], sys.executable, frozen=False)
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("shelterapp ")


def test_the_new_copy_is_told_to_wait_for_this_one(monkeypatch):
    """Else it would find this copy still holding the home, ask it to show its window, and leave: no app."""
    import os
    import subprocess

    from shelterapp.desktop import relaunch as module

    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **options: started.append(options))
    assert module.relaunch() is True
    assert started[0]["env"][module.RESTART_ENV] == str(os.getpid())
