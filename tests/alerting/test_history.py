"""History survives restarts: the open alert, advisories already announced, the last known state."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.tracker import Episode, new_uid
from shelterapp.sources.base import Advisory, Level, Threat

T0 = datetime(2026, 9, 22, 19, 12, tzinfo=UTC)


def advisory(uid: str, hours: float = 0) -> Advisory:
    return Advisory("us_embassy", uid, f"Alert {uid}", "Shelter in place.", "https://example.invalid/a",
                    T0 + timedelta(hours=hours))  # fmt: skip


def test_open_episode_survives_a_restart_and_closes(tmp_path):
    path = tmp_path / "history.sqlite"
    episode = Episode(T0, ("31",), (Threat.AIR_RAID,), Level.RED, ("siren_pp_ua",), uid=new_uid(T0))
    HistoryStore.open(path).save_episode(episode)
    reopened = HistoryStore.open(path)
    assert reopened.open_episode() == episode
    reopened.save_episode(replace(episode, ended=T0 + timedelta(minutes=47)))
    assert reopened.open_episode() is None
    assert reopened.episodes()[0].duration(T0).total_seconds() == 47 * 60


def test_each_advisory_is_new_exactly_once(tmp_path):
    store = HistoryStore.open(tmp_path / "history.sqlite")
    assert [a.uid for a in store.new_advisories([advisory("?p=1"), advisory("?p=2", 1)], T0)] == ["?p=2", "?p=1"]
    assert store.new_advisories([advisory("?p=1"), advisory("?p=2")], T0) == []
    assert HistoryStore.open(tmp_path / "history.sqlite").new_advisories([advisory("?p=2")], T0) == []
    assert store.announced_any_from("us_embassy") and not store.announced_any_from("fcdo")
    assert [a.uid for a in store.advisories()] == ["?p=2", "?p=1"]


def test_last_known_state_for_offline_start(tmp_path):
    store = HistoryStore.open(tmp_path / "history.sqlite")
    assert store.last_state() is None
    store.save_last_state("clear", T0, {"regions": ["31"]})
    last = HistoryStore.open(tmp_path / "history.sqlite").last_state()
    assert last is not None and last.state == "clear" and last.at == T0


def test_damaged_history_is_set_aside(tmp_path):
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"\x00" * 4096)
    store = HistoryStore.open(path)
    assert store.recovered_from is not None and store.episodes() == []


def test_a_history_of_an_older_version_is_migrated_and_its_stale_open_episodes_closed(tmp_path):
    # what the lost-alert defect (issue #12) left behind: an alert never closed, and the next one opened after it
    import sqlite3

    from shelterapp.alerting.history import _migrate_1

    path = tmp_path / "history.sqlite"
    old = sqlite3.connect(path)
    _migrate_1(old)
    old.execute("PRAGMA user_version = 1")
    row = "INSERT INTO episodes VALUES (?, ?, '[\"31\"]', '[\"air_raid\"]', 'red', '[\"siren_pp_ua\"]', 0)"
    old.execute(row, ("2026-09-20T10:00:00+00:00", "2026-09-20T11:00:00+00:00"))  # a normal one
    old.execute(row, ("2026-09-21T08:00:00+00:00", None))  # its all-clear was lost
    old.execute(row, ("2026-09-22T19:00:00+00:00", None))  # the alert on now
    old.execute("INSERT INTO advisories VALUES ('fcdo', 'a', 'T', 'S', 'L', '2026-09-01T00:00:00+00:00', '', "
                "'2026-09-01T00:00:00+00:00')")  # fmt: skip
    old.commit()
    old.close()
    store = HistoryStore.open(path)
    episodes = {e.key: e for e in store.episodes()}
    assert set(episodes) == {"2026-09-20T10:00:00+00:00", "2026-09-21T08:00:00+00:00", "2026-09-22T19:00:00+00:00"}
    lost = episodes["2026-09-21T08:00:00+00:00"]
    assert lost.ended == datetime(2026, 9, 22, 19, 0, tzinfo=UTC) and lost.end_unseen  # over by the next one's start
    assert store.open_episode() == episodes["2026-09-22T19:00:00+00:00"]  # the key notifications used stays
    assert store.announced_any_from("fcdo")  # what the window announced before stays announced


def test_advisories_the_cli_stored_are_still_news_to_the_window(tmp_path):
    store = HistoryStore.open(tmp_path / "history.sqlite")
    store.record_advisories([advisory("?p=1"), advisory("?p=2", 1)], T0)  # shelterapp-cli status saw them first
    assert not store.announced_any_from("us_embassy")
    assert store.received([("us_embassy", "?p=1")]) == {("us_embassy", "?p=1"): T0}
    assert [a.uid for a in store.new_advisories([advisory("?p=1"), advisory("?p=2", 1)], T0 + timedelta(hours=2))] == [
        "?p=2", "?p=1"
    ]  # fmt: skip
    assert store.received([("us_embassy", "?p=1")]) == {("us_embassy", "?p=1"): T0}  # received stays the first time
    assert store.new_advisories([advisory("?p=1")], T0 + timedelta(hours=3)) == []
