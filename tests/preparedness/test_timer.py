"""Time to shelter, without Qt: starts with an alert, stops at "I am in a shelter" or the all clear."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shelterapp.preparedness.timer import IDLE, ShelterTimer, load_sheltered, save_sheltered

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


def test_in_shelter_is_kept_across_a_restart_during_the_same_alert_only(tmp_path):
    path = tmp_path / "shelter_timer.json"
    first = ShelterTimer()
    first.alert_on(START)
    first.in_shelter(START + timedelta(minutes=4))
    assert first.sheltered is not None
    save_sheltered(path, first.sheltered)

    after_restart = ShelterTimer(load_sheltered(path))  # e.g. restarted to switch the language
    after_restart.alert_on(START)
    status = after_restart.status(START + timedelta(minutes=30))
    assert not status.running and status.sheltered_at == START + timedelta(minutes=4)

    next_alert = ShelterTimer(load_sheltered(path))
    next_alert.alert_on(START + timedelta(hours=3))  # another alert: the person must say it again
    assert next_alert.status(START + timedelta(hours=3, minutes=1)).running


def test_an_unreadable_memory_is_ignored(tmp_path):
    path = tmp_path / "shelter_timer.json"
    assert load_sheltered(path) is None
    path.write_text('{"alert_started": "yesterday"}')
    assert load_sheltered(path) is None
    path.write_text('{"alert_started": "2026-11-26T03:00:00", "sheltered_at": "2026-11-26T03:04:00"}')
    assert load_sheltered(path) is None  # no time zone: not ours
