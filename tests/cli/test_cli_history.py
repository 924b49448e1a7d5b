"""shelterapp-cli history [--json|--csv] [--since YYYY-MM-DD]: this machine's record, read from the window's
history; a command that only reads never creates the file."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

from test_cli import run

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.record_csv import parse_record_csv
from shelterapp.alerting.tracker import Episode
from shelterapp.paths import default_paths
from shelterapp.sources.base import Advisory, Level, Threat

T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def seed() -> None:
    paths = default_paths()
    paths.ensure()
    store = HistoryStore.open(paths.history_database)
    for day in range(3):
        started = T0 + timedelta(days=day)
        episode = Episode(
            started, ("31",), (Threat.AIR_RAID,), Level.RED, ("siren_pp_ua",), started + timedelta(hours=1)
        )
        store.save_episode(episode)
        store.record.note_learnt(episode.key, started + timedelta(seconds=7), started + timedelta(hours=1, seconds=30))
    store.new_advisories(
        [Advisory("fcdo", "a1", "=1+1 \x1b]0;pwned\x07", "-summary", "https://x.invalid", T0, "@level")],
        T0 + timedelta(minutes=5),
    )
    store.close()


def test_json_lists_every_alert_and_advisory_with_learnt_times(capsys):
    seed()
    code, out, err = run(capsys, "history", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["format"] == "shelterapp-history" and len(data["alerts"]) == 3 and len(data["advisories"]) == 1
    first = data["alerts"][0]
    assert first["started"] == "2026-11-20T01:00:00Z" and first["learnt_start"] == "2026-11-20T01:00:07Z"
    assert first["ended"] == "2026-11-20T02:00:00Z" and first["learnt_end"] == "2026-11-20T02:00:30Z"
    assert first["duration_s"] == 3600 and first["sources"] == ["siren_pp_ua"] and first["level"] == "red"
    assert data["advisories"][0]["received"] == "2026-11-20T01:05:00Z"


def test_since_a_day_and_csv_for_a_spreadsheet(capsys):
    seed()
    code, out, _err = run(capsys, "history", "--json", "--since", "2026-11-21")
    assert code == 0 and [a["started"][:10] for a in json.loads(out)["alerts"]] == ["2026-11-21", "2026-11-22"]
    assert json.loads(out)["advisories"] == []  # published on the 20th
    code, out, _err = run(capsys, "history", "--csv", "--since", "2026-11-22")
    assert code == 0 and out.startswith("\ufeffrecord,id,") and len(out.strip().splitlines()) == 2  # header + 1


def test_csv_bytes_on_stdout(tmp_path, app_home):
    """A real process, as a script would run it: `shelterapp-cli history --csv > file`."""
    import os
    import subprocess
    import sys

    from helpers import REPO

    seed()
    env = {**os.environ, "SHELTERAPP_HOME": str(app_home), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "shelterapp.cli", "history", "--csv"], env=env, capture_output=True,
                          check=True)  # fmt: skip
    assert done.stdout.startswith("\ufeff".encode())
    record = parse_record_csv(done.stdout)
    assert len(record.alerts) == 3 and record.advisories[0].title == "=1+1 \x1b]0;pwned\x07"
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8-sig"), newline="")))
    advisory = dict(zip(rows[0], rows[-1], strict=True))
    assert advisory["title"].startswith("'=") and advisory["summary"] == "'-summary" and advisory["level"] == "'@level"


def test_the_table_is_safe_on_a_terminal(capsys):
    seed()
    code, out, _err = run(capsys, "history")
    assert code == 0 and "Alerts (3)" in out and "2026-11-20 03:00:00" in out  # Kyiv time
    assert "\x1b" not in out and "\x07" not in out  # a feed's escape sequence cannot drive the terminal


def test_no_history_yet_and_bad_dates(capsys, app_home):
    code, out, _err = run(capsys, "history", "--json")
    assert code == 0 and json.loads(out)["alerts"] == []
    assert not default_paths().history_database.exists()
    code, _out, err = run(capsys, "history", "--since", "20.11.2026")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _out, err = run(capsys, "history", "--json", "--csv")
    assert code == 2
