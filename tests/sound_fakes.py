"""Fake sound players for tests: executables named pw-play, paplay or aplay in a folder of their own, each
recording its arguments and the moment it started (CLOCK_MONOTONIC, one clock for every process on Linux), then
exiting with the status it was given (run with python -S: no site import, so it starts in milliseconds).
Put the folder on PATH, or hand it to find_players(search_path=...).
"""

from __future__ import annotations

import json
import stat
import sys
import time
from pathlib import Path

SCRIPT = """#!{python} -S
import time
started = time.monotonic()
import json, os, sys
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps({{"player": os.path.basename(sys.argv[0]), "argv": sys.argv[1:], "started": started}}) + "\\n")
sys.stderr.write({stderr!r})
time.sleep({seconds!r})
sys.exit({exit_code!r})
"""


class FakePlayers:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.log = folder / "plays.jsonl"

    @property
    def path(self) -> str:
        """A PATH value holding only the fakes."""
        return str(self.folder)

    def install(self, name: str = "pw-play", exit_code: int = 0, seconds: float = 0.05, stderr: str = "") -> Path:
        script = self.folder / name
        script.write_text(
            SCRIPT.format(
                python=sys.executable, log=str(self.log), stderr=stderr, seconds=seconds, exit_code=exit_code
            ),
            encoding="utf-8",
        )
        script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return script

    def plays(self) -> list[dict[str, object]]:
        """Every start so far, in order: {"player", "argv", "started"}."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line.strip()]

    def wait_quiet(self, seconds: float = 0.3) -> None:
        """Long enough for a fake that was about to start to have written its line (used after a stop)."""
        time.sleep(seconds)
