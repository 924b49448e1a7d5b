"""Issue #12, "an alert can be lost": end to end on a local Ukraine Alarm-shaped feed and a fake notification
server on a private D-Bus, with a start time the feed gives two days before the app started (a long alert, a
feed with an old time, a clock that is off). Alert, all-clear, restart, a new alert: three notifications are due.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alert_fakes import Clock, Feed
from test_alert_flow import poll, start_app

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.tracker import CLEAR_CONFIRM_S

FIXTURE_ALERT_SINCE = datetime(2026, 9, 22, 18, 58, 39, tzinfo=UTC)  # lastUpdate of Kyiv's alert in the fixture


@pytest.fixture
def feed(httpserver):
    feed = Feed()
    feed.url = feed.install(httpserver)
    return feed


def run(qtbot, feed, history, clock, notifier, steps):
    """One life of the app: start, a poll per step (True alert, False quiet, None as before), stop."""
    service, _window, _presenter, _shown = start_app(qtbot, feed, history, clock, notifier)
    service.start()
    for active in steps:
        if active is not None:
            feed.set(active)
        clock.advance(CLEAR_CONFIRM_S / 2 + 1)
        poll(qtbot, service)
    service.stop()
    service.history.close()


def test_old_feed_time_alert_all_clear_restart_new_alert_gives_three_notifications(
    qtbot, feed, tmp_path, start_notification_server, connect_bus
):
    from shelterapp.notify.dbus import DBusNotifier

    fake = start_notification_server()
    clock, history = Clock(), tmp_path / "history.sqlite"
    clock.now = FIXTURE_ALERT_SINCE + timedelta(days=2)  # the feed's start is 48 h before the app started

    run(qtbot, feed, history, clock, DBusNotifier(connect_bus(fake.address)), [False, True, None, False, None, None])
    qtbot.waitUntil(lambda: len(fake.notifications()) == 2, timeout=5000)
    store = HistoryStore.open(history)
    assert store.open_episode() is None  # the end is saved: nothing stays open
    store.close()

    # restart; the next alert carries the same old start time from the feed: it is still a new alert
    run(qtbot, feed, history, clock, DBusNotifier(connect_bus(fake.address)), [False, True, None])
    qtbot.waitUntil(lambda: len(fake.notifications()) == 3, timeout=5000)
    qtbot.wait(300)  # nothing else may arrive
    first, all_clear, second = fake.notifications()
    assert first["summary"] == second["summary"] == "AIR-RAID ALERT: go to a shelter"
    assert all_clear["summary"] == "All clear"
    store = HistoryStore.open(history)
    episodes = store.episodes()
    assert sorted(e.ended is None for e in episodes) == [False, True]  # the first one closed, the new one open
    assert store.open_episode() == next(e for e in episodes if e.ended is None)
    store.close()


def test_all_clear_after_days_closed_is_honest_about_what_is_not_known(qtbot, feed, tmp_path):
    from alert_fakes import RecordingNotifier

    clock, history = Clock(), tmp_path / "history.sqlite"
    notifier = RecordingNotifier()
    run(qtbot, feed, history, clock, notifier, [False, True, None])  # the alert is announced, then the app closes
    (start,) = notifier.shown
    clock.advance(3 * 86400)  # three days later the app starts again; the alert is long over
    later = RecordingNotifier()
    service, window, _presenter, _shown = start_app(qtbot, feed, history, clock, later)
    service.start()
    feed.set(False)
    for _ in range(3):
        clock.advance(CLEAR_CONFIRM_S / 2 + 1)
        poll(qtbot, service)
    (end,) = later.shown
    assert end.title == "All clear" and end.key == start.key.replace("alert-start:", "alert-end:")
    assert "time is not known" in end.body and "lasted" not in end.body  # no made-up duration
    assert "still on at 22.09.2026 22:2" in end.body  # last seen on (Kyiv time, with the date: days ago)
    assert later.closed == [start.key]
    window.tabs.setCurrentWidget(window.history)  # the pane fills when it is looked at
    row = [window.history.model.item(0, column).text() for column in range(3)]
    assert row[1].startswith("no later than") and row[2].startswith("at most")
    service.stop()
    service.history.close()


def test_a_history_that_cannot_be_written_costs_no_announcement_and_catches_up(qtbot, feed, tmp_path):
    # e.g. shelterapp-cli holding the file, a full disk: the alert is told at once; the history follows later
    import sqlite3

    from alert_fakes import RecordingNotifier

    clock, path, notifier = Clock(), tmp_path / "history.sqlite", RecordingNotifier()
    service, _window, _presenter, _shown = start_app(qtbot, feed, path, clock, notifier)
    service.history._db.execute("PRAGMA busy_timeout = 50")  # not the 10 s the app waits
    service.start()
    poll(qtbot, service)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the file
    feed.set(True)
    clock.advance(15)
    poll(qtbot, service)
    assert [n.title for n in notifier.shown] == ["AIR-RAID ALERT: go to a shelter"]  # told although not written
    holder.rollback()
    holder.close()
    clock.advance(15)
    poll(qtbot, service)  # the next poll writes what is owed
    assert HistoryStore.open(path).open_episode() is not None
    service.stop()
    service.history.close()
