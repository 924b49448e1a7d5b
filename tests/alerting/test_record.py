"""This machine's record (issue #16, item 3): the history migration (old rows: learnt times unknown, null), the
export as JSON and CSV read back exactly, with nothing it stored refused, and hostile text inert in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shelterapp.alerting import history as history_module
from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.nearby import NearbyEpisode
from shelterapp.alerting.record import parse_record_json, read_record, record_json
from shelterapp.alerting.record_csv import BOM, FORMULA_STARTS, parse_record_csv, record_csv
from shelterapp.alerting.tracker import Episode
from shelterapp.sources.base import Advisory, Level, Threat
from shelterapp.storage.dbfile import open_database

T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
HOSTILE = [
    '=HYPERLINK("http://evil.invalid","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "''",
    "",
    'plain, with "quotes", commas\r\nand lines\n',
    "NUL\x00inside",
    '<b>bold</b> <img src="x.png">',
    "Повітряна тривога 🚨 \u202ertl override",
    '["looks", "like", "json"]',
    "x" * 100_000,
]


def seed(store: HistoryStore) -> None:
    """Every kind of row, with hostile text wherever the history keeps text."""
    for n, text in enumerate(HOSTILE):
        started = T0 + timedelta(hours=n)
        episode = Episode(started, ("31", text), (Threat.AIR_RAID,), Level.RED, (text, "siren_pp_ua"),
                          started + timedelta(minutes=n + 1))  # fmt: skip
        store.save_episode(episode, missed=n % 3 == 0)
        if n % 2:
            store.record.note_learnt(episode.key, started + timedelta(seconds=9), started + timedelta(minutes=n + 2))
        store.new_advisories([Advisory(text or "s", f"uid-{n}-{text[:50]}", text, text, text, started, text)],
                             started + timedelta(minutes=3))  # fmt: skip
    nearby = NearbyEpisode("79@x#1", "79", T0, T0 + timedelta(seconds=4), (Threat.AIR_RAID,), Level.YELLOW,
                           ("siren_pp_ua",), notified=True)  # fmt: skip
    store.record.save_nearby(nearby)
    unseen = T0 + timedelta(hours=30)  # its all-clear came while nothing watched (issue #12)
    store.save_episode(Episode(unseen, ("31",), (), None, (), unseen + timedelta(hours=2), uid="u#1", end_unseen=True))
    store.save_episode(Episode(T0 + timedelta(days=2), ("31",)))  # still on: no end, no duration


@pytest.fixture
def store(tmp_path):
    opened = HistoryStore.open(tmp_path / "history.sqlite")
    seed(opened)
    yield opened
    opened.close()


def test_json_and_csv_give_back_exactly_what_was_stored(store):
    record = read_record(store, now=T0)
    assert len(record.alerts) == len(HOSTILE) + 3 and len(record.advisories) == len(HOSTILE)
    assert {row.kind for row in record.alerts} == {"alert", "missed", "nearby"}
    assert parse_record_json(record_json(record)) == record
    back = parse_record_csv(record_csv(record))
    assert back.alerts == record.alerts and back.advisories == record.advisories
    stored = {(a.source, a.uid): a for a in store.advisories(limit=1000)}
    for row in back.advisories:  # the text itself, not only export == import
        kept = stored[(row.source, row.id)]
        assert (row.title, row.summary, row.link, row.level) == (kept.title, kept.summary, kept.link, kept.level)


def test_no_cell_starts_a_formula_and_the_bom_reads_back(store):
    data = record_csv(read_record(store, now=T0))
    assert data.startswith(BOM.encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][0] == "record"  # Python with utf-8-sig: the BOM is not part of the first header
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert any(cell == '\'=HYPERLINK("http://evil.invalid","click")' for cell in cells)
    assert "''=already quoted" in cells  # a leading quote gets one more: one is dropped on reading back
    assert "Повітряна тривога 🚨" in data.decode("utf-8")


def test_learnt_times_and_unknowns_are_null_not_guessed(store):
    data = json.loads(record_json(read_record(store, now=T0)))
    first, second = data["alerts"][0], data["alerts"][2]  # n = 0 (no learnt times) and n = 1 (learnt)
    assert first["learnt_start"] is None and first["learnt_end"] is None
    assert second["learnt_start"] == "2026-11-20T02:00:09Z" and second["duration_s"] == 120
    assert [a["end_unseen"] for a in data["alerts"] if a["id"] == "u#1"] == [True]
    assert not any(a["end_unseen"] for a in data["alerts"] if a["id"] != "u#1")
    ongoing = data["alerts"][-1]
    assert ongoing["ended"] is None and ongoing["duration_s"] is None
    nearby = next(a for a in data["alerts"] if a["kind"] == "nearby")
    assert nearby["regions"] == ["79"] and nearby["notified"] is True and nearby["learnt_start"].endswith(":04Z")


def test_since_is_a_kyiv_day(store):
    # 2026-11-20 01:00 UTC is 03:00 in Kyiv: on the 20th; the 21st (Kyiv) starts at 22:00 UTC on the 20th
    record = read_record(store, since=date(2026, 11, 21), now=T0)
    assert record.alerts and min(row.started for row in record.alerts) >= datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
    assert len(read_record(store, since=date(2026, 11, 20), now=T0).alerts) == len(HOSTILE) + 3


def test_an_old_history_is_migrated_and_its_rows_have_unknown_learnt_times(tmp_path):
    path = tmp_path / "history.sqlite"
    db, _ = open_database(path, history_module.MIGRATIONS[:1])  # the history as the first version left it
    with db:
        db.execute(
            "INSERT INTO episodes VALUES (?, ?, ?, ?, ?, ?, ?)",
            (T0.isoformat(), (T0 + timedelta(hours=1)).isoformat(), '["31"]', '["air_raid"]', "red",
             '["siren_pp_ua"]', 0),
        )  # fmt: skip
    db.close()
    store = HistoryStore.open(path)
    (row,) = read_record(store, now=T0).alerts
    assert row.started == T0 and row.learnt_start is None and row.learnt_end is None and row.duration_s == 3600
    assert row.sources == ("siren_pp_ua",) and row.kind == "alert"
    version = store._db.execute("PRAGMA user_version").fetchone()[0]
    assert version == len(history_module.MIGRATIONS)


def test_a_later_save_never_moves_a_learnt_time(store):
    key = (T0 + timedelta(hours=1)).isoformat()
    store.record.note_learnt(key, T0 + timedelta(days=9), T0 + timedelta(days=9))
    assert store.record.learnt()[key].start == T0 + timedelta(hours=1, seconds=9)


text_without_surrogates = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=text_without_surrogates, summary=text_without_surrogates, region=text_without_surrogates)
def test_any_stored_text_round_trips(tmp_path_factory, title, summary, region):
    store = HistoryStore.open(tmp_path_factory.mktemp("h") / "history.sqlite")
    store.save_episode(Episode(T0, (region,), (), None, (title,), T0 + timedelta(minutes=1)))
    store.new_advisories([Advisory("fcdo", title or "id", title, summary, region, T0, summary)], T0)
    record = read_record(store, now=T0)
    store.close()
    assert record.advisories[0].title == title and record.alerts[0].regions == (region,)
    assert parse_record_json(record_json(record)) == record
    back = parse_record_csv(record_csv(record))
    assert (back.alerts, back.advisories) == (record.alerts, record.advisories)


def test_a_damaged_export_is_refused_on_reading_back(store):
    data = record_csv(read_record(store, now=T0))
    with pytest.raises(ValueError):
        parse_record_csv(data.replace(b"record,id", b"kind,id", 1))
    with pytest.raises(ValueError):
        parse_record_json(json.dumps({"format": "something else"}))
