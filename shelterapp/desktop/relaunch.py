"""Starting a fresh copy of the app, e.g. to show a newly chosen language: every widget is built in it again.

The new process gets the same options minus those the person's choice overrides (--lang) or that do not
fit a restart from the window (--hidden, --exit-after-start).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

log = logging.getLogger(__name__)

RESTART_ENV = "SHELTERAPP_RESTART_OF"  # tells the new copy to wait for this one to quit (single_instance.py)
_DROPPED_FLAGS = {"--hidden", "--exit-after-start"}
_DROPPED_WITH_VALUE = {"--lang", "--theme"}


def relaunch_command(argv: Sequence[str], executable: str, frozen: bool) -> list[str]:
    """argv is sys.argv[1:]; a frozen bundle is its own executable, a Python install runs the package."""
    kept: list[str] = []
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
            continue
        name = arg.split("=", 1)[0]
        if arg in _DROPPED_FLAGS or (name in _DROPPED_WITH_VALUE and "=" in arg):
            continue
        if arg in _DROPPED_WITH_VALUE:
            skip_next = True
            continue
        kept.append(arg)
    return [executable, *kept] if frozen else [executable, "-m", "shelterapp", *kept]


def relaunch() -> bool:
    """Start the new copy detached from this one; False (logged) when it cannot be started."""
    import subprocess  # not with the module: single_instance.py imports it on every start, for RESTART_ENV

    command = relaunch_command(sys.argv[1:], sys.executable, bool(getattr(sys, "frozen", False)))
    try:
        env = {**os.environ, RESTART_ENV: str(os.getpid())}
        subprocess.Popen(command, start_new_session=True, close_fds=True, env=env)  # our own executable, no shell
    except OSError as exc:
        log.error("could not restart shelterapp with %s: %s", command, exc)
        return False
    log.info("restarting: %s", command)
    return True
