"""The alarm the app plays itself: the siren, repeated until stopped, or the all-clear chime, through the first
player that works (sound.py), as a QProcess so that the GUI never waits for it.

Each play is a fresh process, so a sound server that starts after the app is picked up at the next play. A player
that fails (exit status not 0, or not startable) hands over to the next one found; when none is left the alarm
says so through `unavailable`, and the notification's own sound hint is all there is.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from shelterapp.notify.alarm_policy import Next, after_play
from shelterapp.notify.siren import SoundFiles, wav_seconds
from shelterapp.notify.sound import WINSOUND, Player, PlayOutcome, find_players, last_line

log = logging.getLogger(__name__)

REPEAT_GAP_MS = 400  # between two plays of the siren: a breath, not a pause
KILL_WAIT_MS = 1000


@dataclass(frozen=True)
class SoundTrouble:
    """Why nothing could be played: no player found at all, or every one found failed (each with its outcome)."""

    found: tuple[str, ...]
    failures: tuple[PlayOutcome, ...] = ()
    detail: str = ""  # e.g. the sound file could not be written


class Alarm(QObject):
    """Signals: started(str player) at the start of every play; played(str player, int exit_code) at its end;
    unavailable(SoundTrouble) when nothing could play; finished() once a ring or chime is over for any reason
    (stopped, played out, or unavailable)."""

    started = Signal(str)
    played = Signal(str, int)
    unavailable = Signal(object)
    finished = Signal()

    def __init__(
        self,
        sounds: SoundFiles,
        players: Callable[[], list[Player]] = find_players,
        gap_ms: int = REPEAT_GAP_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sounds = sounds
        self.find_players = players
        self._process: QProcess | None = None
        self._queue: list[Player] = []
        self._found: tuple[str, ...] = ()
        self._failures: list[PlayOutcome] = []
        self.outcomes: list[PlayOutcome] = []  # every play of the current (or last) ring, good or not
        self._sound: Path | None = None
        self._repeat = False
        self._active = False
        self._ring = 0  # which ring a late callback belongs to
        self.plays = 0  # good plays in the current ring
        self._gap = QTimer(self, singleShot=True, interval=gap_ms)
        self._gap.timeout.connect(self._play)
        self._winsound_end = QTimer(self, singleShot=True)
        self._winsound_end.timeout.connect(lambda: self._after(0, ""))

    @property
    def active(self) -> bool:
        return self._active

    @property
    def found(self) -> tuple[str, ...]:
        """The players found for the current (or last) ring, best first."""
        return self._found

    def ring(self, volume: int, repeat: bool) -> None:
        """The siren at `volume` per cent, again and again until stop() when `repeat`, else once."""
        self._begin(lambda: self.sounds.siren(volume), repeat)

    def chime(self, volume: int) -> None:
        """The all-clear chime, once (it ends a ring still going)."""
        self._begin(lambda: self.sounds.chime(volume), False)

    def prepare(self, volume: int) -> None:
        """Write the siren for `volume` now if it is missing, so the first alert does not wait for it."""
        try:
            self.sounds.siren(volume)
        except OSError as exc:
            log.warning("could not prepare the alarm sound in %s: %s", self.sounds.directory, exc)

    def stop(self) -> None:
        """Acknowledged (I am in a shelter, Dismiss) or the all-clear: silence now."""
        if not self._active:
            return
        self._end()

    def _begin(self, make_sound: Callable[[], Path], repeat: bool) -> None:
        if self._active:
            self._end()
        self._ring += 1
        self._repeat, self.plays, self._failures, self.outcomes = repeat, 0, [], []
        players = self.find_players()
        self._queue, self._found = list(players), tuple(p.name for p in players)
        self._active = True
        try:
            self._sound = make_sound()
        except OSError as exc:
            log.error("cannot write the alarm sound: %s", exc)
            self._give_up(str(exc))
            return
        self._play()

    def _play(self) -> None:
        if not self._active:
            return
        if not self._queue:
            self._give_up()
            return
        player = self._queue[0]
        assert self._sound is not None
        if player.name == WINSOUND:
            self._play_winsound(self._sound)
            return
        command = player.command(self._sound)
        process = QProcess(self)
        process.setProgram(command[0])
        process.setArguments(command[1:])
        process.setStandardInputFile(QProcess.nullDevice())
        process.setStandardOutputFile(QProcess.nullDevice())
        ring = self._ring
        process.finished.connect(lambda code, status: self._finished(process, ring, code, status))
        process.errorOccurred.connect(lambda error: self._error(process, ring, error))
        self._process = process
        process.start()
        self.started.emit(player.name)

    def _finished(self, process: QProcess, ring: int, code: int, status: QProcess.ExitStatus) -> None:
        process.deleteLater()
        if ring != self._ring or not self._active:
            return  # stopped meanwhile: the kill's own end is not news
        self._process = None
        crashed = status is not QProcess.ExitStatus.NormalExit
        self._after(code if not crashed else -1, last_line(bytes(process.readAllStandardError().data())))

    def _error(self, process: QProcess, ring: int, error: QProcess.ProcessError) -> None:
        if error is not QProcess.ProcessError.FailedToStart or ring != self._ring or not self._active:
            return  # a crash also ends in finished(); our own kill is not an error
        process.deleteLater()
        self._process = None
        self._after(-1, process.errorString())

    def _after(self, exit_code: int, error: str) -> None:
        player = self._queue[0].name
        outcome = PlayOutcome(player, exit_code, error)
        self.outcomes.append(outcome)
        self.played.emit(player, exit_code)
        if exit_code == 0:
            self.plays += 1
        else:
            log.warning("sound player %s failed (exit %s): %s", player, exit_code, error)
            self._failures.append(outcome)
        step = after_play(exit_code, self._repeat, acknowledged=not self._active)
        if step is Next.TRY_NEXT_PLAYER:
            self._queue.pop(0)
            self._play()
        elif step is Next.PLAY_AGAIN:
            self._gap.start()
        else:
            self._end()

    def _give_up(self, detail: str = "") -> None:
        trouble = SoundTrouble(self._found, tuple(self._failures), detail)
        log.warning("no alarm sound: players found %s, failures %s %s", self._found or "none", self._failures, detail)
        self._end()
        self.unavailable.emit(trouble)

    def _end(self) -> None:
        self._active = False
        self._ring += 1
        self._gap.stop()
        process, self._process = self._process, None
        if process is not None and process.state() is not QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(KILL_WAIT_MS)  # SIGKILL: milliseconds; never a process left behind us
        if self._winsound_end.isActive():
            self._winsound_end.stop()
            self._stop_winsound()
        self.finished.emit()

    # Windows --------------------------------------------------------------------------------------------------
    def _play_winsound(self, sound: Path) -> None:
        """PlaySound(SND_ASYNC) returns at once; the file's length stands in for the player's exit."""
        if sys.platform != "win32":
            self._after(-1, "winsound exists on Windows only")
            return
        import winsound  # not tried on this project's machines: no Windows here

        try:
            winsound.PlaySound(str(sound), winsound.SND_FILENAME | winsound.SND_ASYNC)
        except RuntimeError as exc:
            self._after(-1, str(exc))
            return
        self.started.emit(WINSOUND)
        self._winsound_end.start(int(wav_seconds(sound) * 1000))  # stopped by _end(), so never late

    def _stop_winsound(self) -> None:
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(None, 0)
