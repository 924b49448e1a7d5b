"""History survives restarts: the open alert, advisories already announced, the last known state."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.tracker import Episode
from shelterapp.sources.base import Advisory, Level, Threat

T0 = datetime(2026, 9, 22, 19, 12, tzinfo=UTC)


def advisory(uid: str, hours: float = 0) -> Advisory:
    return Advisory("us_embassy", uid, f"Alert {uid}", "Shelter in place.", "https://example.invalid/a",
                    T0 + timedelta(hours=hours))  # fmt: skip


def test_open_episode_survives_a_restart_and_closes(tmp_path):
    path = tmp_path / "history.sqlite"
    episode = Episode(T0, ("31",), (Threat.AIR_RAID,), Level.RED, ("siren_pp_ua",))
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
    assert store.has_advisories_from("us_embassy") and not store.has_advisories_from("fcdo")
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
