"""Time to shelter, without Qt: starts with an alert, stops at "I am in a shelter" or the all clear."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shelterapp.preparedness.timer import IDLE, ShelterTimer

START = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def test_runs_from_the_alert_start_until_in_shelter():
    timer = ShelterTimer()
    assert timer.status(START) == IDLE
    timer.alert_on(START)
    status = timer.status(START + timedelta(seconds=95))
    assert status.running and status.elapsed_s == 95
    timer.in_shelter(START + timedelta(seconds=200))
    later = timer.status(START + timedelta(seconds=900))
    assert not later.running and later.elapsed_s == 200  # frozen at the moment the person got there
    assert later.sheltered_at == START + timedelta(seconds=200)


def test_the_same_alert_seen_again_keeps_in_shelter():
    timer = ShelterTimer()
    timer.alert_on(START)
    timer.in_shelter(START + timedelta(minutes=5))
    timer.alert_on(START)  # every poll reports the same alert
    assert not timer.status(START + timedelta(minutes=6)).running


def test_all_clear_then_a_new_alert_starts_afresh():
    timer = ShelterTimer()
    timer.alert_on(START)
    timer.in_shelter(START + timedelta(minutes=5))
    timer.alert_off()
    assert timer.status(START + timedelta(hours=1)) == IDLE
    second = START + timedelta(hours=2)
    timer.alert_on(second)
    status = timer.status(second + timedelta(seconds=10))
    assert status.running and status.elapsed_s == 10 and status.sheltered_at is None


def test_in_shelter_without_an_alert_does_nothing():
    timer = ShelterTimer()
    timer.in_shelter(START)
    assert timer.status(START) == IDLE
