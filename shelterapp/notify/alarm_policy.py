"""What an alert start or an all-clear does to the alarm sound and the full-screen alert. Pure: no Qt, no I/O.

The floor (issue #14): quiet hours and "quiet for 1 h" lower the sound and skip the full screen, but an alert for
the person's own regions (every alert the tracker raises is one) always keeps its critical notification, which
AlertPresenter sends whatever happens here, and at least a soft sound: the siren once, at SOFT_VOLUME or the
person's own volume if that is lower. Advisories never reach this module: they get no alarm at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from shelterapp.quiet_hours import QuietStatus
from shelterapp.settings import AlarmSettings

VOLUME_STEPS = tuple(range(10, 101, 10))  # per cent; the sound files are made at these levels
DEFAULT_VOLUME = AlarmSettings().volume
SOFT_VOLUME = 30  # the floor's "soft sound" during quiet hours
CHIME_SHARE = 0.6  # the all-clear chime is calmer than the siren at the same setting


@dataclass(frozen=True)
class AlarmPlan:
    volume: int  # 0: no sound
    repeat: bool
    fullscreen: bool
    softened: bool = False  # quiet hours lowered it to the floor


def volume_step(volume: object) -> int:
    """Any number -> the nearest of VOLUME_STEPS (so a hand-edited settings file cannot mute or deafen)."""
    if isinstance(volume, bool) or not isinstance(volume, int | float) or volume != volume:  # noqa: PLR0124 (NaN)
        return DEFAULT_VOLUME
    return min(VOLUME_STEPS, key=lambda step: abs(step - volume))


def plan_alert(prefs: AlarmSettings, quiet: QuietStatus) -> AlarmPlan:
    """The alarm for an alert start; `prefs` with config.toml applied (config.effective_alarm)."""
    volume = volume_step(prefs.volume) if prefs.sound else 0
    if not quiet.on:
        return AlarmPlan(volume, prefs.repeat and volume > 0, prefs.fullscreen)
    # quiet: softer, once, no full screen; but never silent unless the person switched the alarm sound off
    return AlarmPlan(min(volume, SOFT_VOLUME), False, False, softened=volume > 0)


def plan_all_clear(prefs: AlarmSettings, quiet: QuietStatus) -> int:
    """Volume of the all-clear chime; 0 when the sound is off or it is quiet (good news can wait till morning)."""
    if not prefs.sound or quiet.on:
        return 0
    return volume_step(prefs.volume * CHIME_SHARE)


class Next(Enum):
    PLAY_AGAIN = "play_again"
    TRY_NEXT_PLAYER = "try_next_player"
    DONE = "done"


def after_play(exit_code: int, repeat: bool, acknowledged: bool) -> Next:
    """The repeat policy, one play at a time: a player that failed hands over to the next one found (research:
    each fails fast and clearly when it has no sound server); a good play repeats until acknowledged."""
    if acknowledged:
        return Next.DONE
    if exit_code != 0:
        return Next.TRY_NEXT_PLAYER
    return Next.PLAY_AGAIN if repeat else Next.DONE
