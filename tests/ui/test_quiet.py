"""Quiet hours in the tray: "Quiet for 1 hour / until morning", a moon on the icon and "Quiet until ..." in the
tooltip, kept across a restart, and gone by themselves when they end."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from qt_cleanup import dispose

from shelterapp.ui.quiet_controller import MAX_SLEEP_MS, QuietController
from shelterapp.ui.tray import Tray

pytestmark = pytest.mark.usefixtures("kyiv_clock")  # the machine's local zone is Kyiv (tests/conftest.py)


class Clock:
    def __init__(self, hour: int, minute: int = 0) -> None:
        self.now = datetime(2026, 9, 22, hour, minute).astimezone()

    def __call__(self) -> datetime:
        return self.now


MADE: list[object] = []


@pytest.fixture(autouse=True)
def disposed():
    yield
    dispose(*MADE)
    MADE.clear()


def controller(schedule="", until="", clock=None):
    saved: list[str] = []
    tray = Tray("en")
    quiet = QuietController(lambda: schedule, until, saved.append, tray, clock=clock or Clock(14, 10))
    MADE.extend((quiet, tray))
    return quiet, tray, saved


def test_quiet_for_an_hour_from_the_tray_shows_and_ends_by_itself(qtbot):
    clock = Clock(14, 10)
    quiet, tray, saved = controller(clock=clock)
    loud_icon = tray.icon.icon().cacheKey()
    assert "Quiet" not in tray.icon.toolTip() and not tray.quiet_actions["off"].isVisible()
    tray.quiet_actions["hour"].trigger()
    assert quiet.status().on and quiet.status().manual
    assert "Quiet until 15:10: a soft sound, no full screen" in tray.icon.toolTip()
    assert tray.icon.icon().cacheKey() != loud_icon  # the moon
    assert tray.quiet_actions["off"].isVisible()
    assert datetime.fromisoformat(saved[-1]) == clock.now + timedelta(hours=1)  # kept for a restart
    clock.now += timedelta(hours=1)
    quiet.refresh()  # what its timer does when the hour is up
    assert not quiet.status().on and "Quiet" not in tray.icon.toolTip()
    assert saved[-1] == "" and not tray.quiet_actions["off"].isVisible()


def test_until_morning_and_sound_alerts_again(qtbot):
    quiet, tray, _ = controller(clock=Clock(22, 40))
    tray.quiet_actions["morning"].trigger()
    assert "Quiet until 07:00" in tray.icon.toolTip()
    tray.quiet_actions["off"].trigger()
    assert not quiet.status().on and "Quiet" not in tray.icon.toolTip()


def test_a_restart_keeps_a_manual_quiet_that_has_not_ended(qtbot):
    clock = Clock(14, 10)
    quiet, tray, _ = controller(until=(clock.now + timedelta(minutes=20)).isoformat(), clock=clock)
    assert quiet.status().on and "Quiet until 14:30" in tray.icon.toolTip()
    stale, _, saved = controller(until=(clock.now - timedelta(minutes=5)).isoformat(), clock=clock)
    assert not stale.status().on and saved == [""]


def test_the_schedule_shows_in_the_tray_at_night_and_wakes_at_its_edges(qtbot):
    night, tray, _ = controller(schedule="23:00-07:00", clock=Clock(23, 30))
    assert night.status().on and not night.status().manual
    assert "Quiet until 07:00" in tray.icon.toolTip() and not tray.quiet_actions["off"].isVisible()
    day, _, _ = controller(schedule="23:00-07:00", clock=Clock(22, 55))
    assert not day.status().on
    assert day._wake.interval() <= 5 * 60 * 1000 + 1000  # wakes at 23:00 to show it
    bad, _, _ = controller(schedule="soon", clock=Clock(23, 30))  # a hand-edited settings file
    assert not bad.status().on and bad._wake.interval() == MAX_SLEEP_MS
