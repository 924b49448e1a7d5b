"""What an alert start and an all-clear do to the sound and the full screen, quiet or not, and the floor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shelterapp.notify.alarm_policy import (
    SOFT_VOLUME,
    AlarmPlan,
    Next,
    after_play,
    plan_alert,
    plan_all_clear,
    volume_step,
)
from shelterapp.quiet_hours import QUIET_OFF, QuietStatus
from shelterapp.settings import AlarmSettings

QUIET = QuietStatus(True, datetime(2026, 9, 23, 4, 0, tzinfo=UTC))


def test_an_alert_gets_the_loud_repeating_siren_and_the_full_screen():
    assert plan_alert(AlarmSettings(volume=90), QUIET_OFF) == AlarmPlan(90, True, True)


def test_quiet_lowers_the_sound_and_skips_the_full_screen_but_never_below_the_floor():
    plan = plan_alert(AlarmSettings(volume=90), QUIET)
    assert plan == AlarmPlan(SOFT_VOLUME, False, False, softened=True)
    assert plan.volume > 0  # the floor: at least a soft sound (and the critical notification, always sent)
    assert plan_alert(AlarmSettings(volume=10), QUIET).volume == 10  # quiet never makes it louder


@pytest.mark.parametrize("quiet", [QUIET_OFF, QUIET])
def test_switching_the_sound_off_is_the_persons_own_choice(quiet):
    plan = plan_alert(AlarmSettings(sound=False), quiet)
    assert plan.volume == 0 and not plan.repeat


def test_the_full_screen_and_the_repeat_follow_the_settings():
    assert plan_alert(AlarmSettings(fullscreen=False, repeat=False), QUIET_OFF) == AlarmPlan(80, False, False)


def test_the_all_clear_chime_is_calmer_and_waits_for_the_morning():
    assert 0 < plan_all_clear(AlarmSettings(volume=80), QUIET_OFF) < 80
    assert plan_all_clear(AlarmSettings(volume=80), QUIET) == 0
    assert plan_all_clear(AlarmSettings(sound=False), QUIET_OFF) == 0


@pytest.mark.parametrize(
    ("raw", "step"),
    [(80, 80), (84, 80), (86, 90), (0, 10), (-5, 10), (1000, 100), (float("nan"), 80), (True, 80), ("loud", 80)],
)
def test_any_volume_becomes_a_step_we_have_a_file_for(raw, step):
    assert volume_step(raw) == step


def test_repeat_policy():
    assert after_play(0, repeat=True, acknowledged=False) is Next.PLAY_AGAIN
    assert after_play(0, repeat=False, acknowledged=False) is Next.DONE
    assert after_play(1, repeat=True, acknowledged=False) is Next.TRY_NEXT_PLAYER
    assert after_play(0, repeat=True, acknowledged=True) is Next.DONE
