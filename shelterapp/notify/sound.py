"""Which program plays our sound files here, and how to call it. No Qt: the app (notify/alarm.py) and the drill
(`shelterapp-cli drill`) both use it.

Linux and the BSDs: the first found of pw-play (PipeWire), paplay (PulseAudio, also PipeWire's pulse layer) and
aplay (bare ALSA); macOS: afplay; Windows: the standard library's winsound. Always an argument list, never a
shell. No QtMultimedia: it needs the 417 MB PySide6-Addons and never recovers a sound server that starts after
the app (../shared/research/desktop-alerts.md 2c), where a fresh player process per play picks it up.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

LINUX_PLAYERS = ("pw-play", "paplay", "aplay")
WINSOUND = "winsound"
PLAY_TIMEOUT_S = 30.0  # a 4 s file; a player stuck longer than this is killed and counts as failed


@dataclass(frozen=True)
class Player:
    name: str  # "pw-play", ..., or "winsound"
    path: str  # the executable; "" for winsound

    def command(self, sound: Path) -> list[str]:
        """The argument list that plays `sound` once (not for winsound, which is a function call)."""
        if self.name == "aplay":
            return [self.path, "-q", str(sound)]
        return [self.path, str(sound)]


def find_players(search_path: str | None = None, platform: str = sys.platform) -> list[Player]:
    """Every usable player on this machine, best first; empty when there is none. `search_path` overrides PATH."""
    if platform == "win32":
        return [Player(WINSOUND, "")]
    names = ("afplay",) if platform == "darwin" else LINUX_PLAYERS
    found = []
    for name in names:
        path = shutil.which(name, path=search_path)
        if path is not None:
            found.append(Player(name, path))
    return found


def looked_for(platform: str = sys.platform) -> tuple[str, ...]:
    return ("afplay",) if platform == "darwin" else LINUX_PLAYERS


@dataclass(frozen=True)
class PlayOutcome:
    player: str
    exit_code: int  # 0 played; -1 could not start or timed out
    error: str = ""  # the player's last words on stderr, or why it did not run


def play_blocking(player: Player, sound: Path, timeout_s: float = PLAY_TIMEOUT_S) -> PlayOutcome:
    """Play once and wait (the command line's drill; the app uses QProcess instead, never blocking its loop)."""
    if player.name == WINSOUND:
        return _winsound_blocking(sound)
    try:
        done = subprocess.run(
            player.command(sound),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return PlayOutcome(player.name, -1, f"still playing after {timeout_s:.0f} s; stopped")
    except OSError as exc:
        return PlayOutcome(player.name, -1, str(exc))
    return PlayOutcome(player.name, done.returncode, last_line(done.stderr))


def play_first_working(players: list[Player], sound: Path) -> list[PlayOutcome]:
    """Each player in turn until one plays (exit 0); every attempt, in order."""
    outcomes = []
    for player in players:
        outcome = play_blocking(player, sound)
        outcomes.append(outcome)
        if outcome.exit_code == 0:
            break
    return outcomes


def last_line(stderr: bytes | str | None) -> str:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else (stderr or "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def _winsound_blocking(sound: Path) -> PlayOutcome:
    if sys.platform != "win32":
        return PlayOutcome(WINSOUND, -1, "winsound exists on Windows only")
    import winsound  # not tried on this project's machines: no Windows here

    try:
        winsound.PlaySound(str(sound), winsound.SND_FILENAME)
    except RuntimeError as exc:
        return PlayOutcome(WINSOUND, -1, str(exc))
    return PlayOutcome(WINSOUND, 0)
