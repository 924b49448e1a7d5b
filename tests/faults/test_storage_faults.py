"""Storage faults (issue #6): damaged files, a read-only data folder, a full disk during an import, and the
process killed (SIGKILL) in the middle of a shelter import and of a settings save.

After each, what the person finds on the next start: the last good data (or, where the file itself is
damaged, the bundled list and defaults), the damaged file set aside under a new name, one clear message.
Closer tests: tests/shelters/test_store.py (corrupt database, a failed and a killed import of one
dataset), tests/test_history.py (damaged history), tests/test_settings.py (garbage, a failed rename).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import pickle
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import read_only

from shelterapp.alerting.history import HistoryStore
from shelterapp.settings import Location, Settings, load_settings, save_settings
from shelterapp.shelters.catalog import Catalog
from shelterapp.shelters.store import ShelterStore, StoreError

KILLS = int(os.environ.get("SHELTERAPP_FAULT_KILLS", "8"))  # per test; each restarts a child (~0.5 s); raise it to soak


def geojson_list(tmp_path: Path, tag: str, rows: int) -> Path:
    """A GeoJSON shelter list of `rows` shelters inside Kyiv, each named after `tag`."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [30.40 + (n % 100) * 0.002, 50.40 + (n // 100) * 0.002]},
            "properties": {"name": f"{tag}-{n}", "kind": "civil_defence_shelter", "address": f"вул. {tag}, {n}"},
        }
        for n in range(rows)
    ]
    path = tmp_path / f"{tag}.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False))
    return path


def names(store: ShelterStore, source: str) -> set[str]:
    return {s.name_uk for s in store.shelters(source)}


# --- damaged files -------------------------------------------------------------------------------------
def _truncated_database(path: Path) -> None:
    store = ShelterStore.open(path)
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\0" * 512)


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"this is not a database at all" * 100),  # overwritten by another program
        lambda p: p.write_bytes(b"SQLite format 3\0" + os.urandom(4096)),  # a header, then noise (bad sector)
        _truncated_database,  # a copy cut short (a full disk during a backup restore)
    ],
    ids=["garbage", "noise_after_header", "truncated"],
)
def test_a_damaged_shelter_database_is_set_aside_and_the_bundled_list_remains(tmp_path, caplog, damage):
    path = tmp_path / "shelters.sqlite"
    damage(path)
    catalog = Catalog.open(path)
    assert catalog.store.recovered_from is not None and catalog.store.recovered_from.exists()  # kept, renamed
    assert sum(catalog.counts_by_kind().values()) >= 52  # the metro stations we ship are there at once
    (line,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert "damaged" in line and str(catalog.store.recovered_from) in line
    catalog.close()


def test_a_damaged_history_is_set_aside_and_a_new_one_works(tmp_path, caplog):
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"\x00" * 8192)
    store = HistoryStore.open(path)
    assert store.recovered_from is not None and store.open_episode() is None
    assert [r for r in caplog.records if r.levelno >= logging.ERROR]
    store.close()


@pytest.mark.parametrize(
    "content",
    [
        b"",  # empty: a crash of an old version between create and write
        b'{"language": "uk", "regio',  # cut short
        b"\x00\x00\x00\x00",  # zeros after a power cut on some file systems
        b"[1, 2, 3]",  # valid JSON, not settings
        '{"language": "uk"}'.encode("utf-16"),  # saved by an editor in UTF-16
        b"[" * 100_000,  # absurd nesting (RecursionError in json): the app must still start
    ],
    ids=["empty", "cut_short", "zeros", "a_list", "utf16", "deep_nesting"],
)
def test_a_garbage_settings_file_is_set_aside_and_defaults_load(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    report = load_settings(path)
    assert report.settings == Settings() and report.problem == "unreadable"
    assert report.set_aside_as is not None and report.set_aside_as.read_bytes() == content


# --- a read-only data folder ---------------------------------------------------------------------------
def test_settings_in_a_read_only_folder_keep_the_last_saved_ones(tmp_path):
    folder = tmp_path / "config"
    path = folder / "settings.json"
    save_settings(path, Settings(language="uk"))
    with read_only(folder):
        with pytest.raises(PermissionError):
            save_settings(path, Settings(language="en"))
        assert load_settings(path).settings.language == "uk"  # still readable: the app starts as it was
    assert [p.name for p in folder.iterdir()] == ["settings.json"]


def test_a_shelter_database_in_a_read_only_folder_is_refused_clearly_and_never_set_aside(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "shelters.sqlite"
    catalog = Catalog.open(path)
    catalog.import_file(geojson_list(tmp_path, "A", 20))
    catalog.close()
    with read_only(folder), pytest.raises(StoreError) as caught:
        Catalog.open(path)
    assert "cannot open the shelter database" in str(caught.value)
    assert sorted(p.name for p in folder.iterdir()) == ["shelters.sqlite"]  # nothing renamed as "damaged"
    store = ShelterStore.open(path)
    assert store.recovered_from is None and len(names(store, "geojson")) == 20
    store.close()


def test_a_database_held_by_another_process_is_not_taken_for_a_damaged_one(tmp_path, monkeypatch):
    # e.g. a second shelterapp, or the CLI, holding the file while this one starts: "locked" is not "corrupt"
    path = tmp_path / "history.sqlite"
    HistoryStore.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, **{**k, "timeout": 0.2}))  # not 10 s
    with pytest.raises(sqlite3.OperationalError):
        HistoryStore.open(path)
    holder.rollback()
    holder.close()
    assert sorted(p.name for p in tmp_path.iterdir() if "corrupt" in p.name) == []
    assert HistoryStore.open(path).recovered_from is None


# --- a full disk -----------------------------------------------------------------------------------------
def test_a_full_disk_during_an_import_keeps_the_old_rows_and_says_so(tmp_path):
    catalog = Catalog.open(tmp_path / "shelters.sqlite")
    catalog.import_file(geojson_list(tmp_path, "A", 50))
    db = catalog.store._db  # the disk fills up: SQLite's own limit makes it answer SQLITE_FULL like ENOSPC
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0] + 2}")
    with pytest.raises(StoreError) as caught:
        catalog.import_file(geojson_list(tmp_path, "B", 3000))
    assert "full" in str(caught.value) and "previous" in str(caught.value)
    assert {n.split("-")[0] for n in names(catalog.store, "geojson")} == {"A"}  # all 50 old rows, nothing new
    assert len(catalog.shelters) >= 50
    catalog.close()


def test_a_full_disk_during_a_settings_save_keeps_the_previous_file(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    path = folder / "settings.json"
    save_settings(path, Settings(language="uk"))

    def no_space(_fd: int) -> None:  # delayed allocation: the disk is found full when the data is flushed
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError) as caught:
        save_settings(path, Settings(language="en"))
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC
    assert load_settings(path).settings.language == "uk"
    assert [p.name for p in folder.iterdir()] == ["settings.json"]  # no half-written temp file left


# --- killed mid-write ----------------------------------------------------------------------------------
def _kill_at_random(script: str, *args: str, seed: int, max_delay_s: float) -> None:
    """Start `script`, wait until it says it is writing, then SIGKILL it after a random delay."""
    rng = random.Random(seed)
    child = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    try:
        child.wait(timeout=rng.uniform(0.0, max_delay_s))
    except subprocess.TimeoutExpired:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL  # killed while it wrote, not finished


SETTINGS_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from shelterapp.settings import Location, Settings, save_settings
    path = Path(sys.argv[1])
    print("writing", flush=True)
    n = 0
    while True:
        n += 1
        places = tuple(Location(50.4, 30.5, f"place {k} of save {n}") for k in range(40))
        save_settings(path, Settings(language=("uk", "en")[n % 2], regions=(str(n),), places=places))
    """
)


def test_settings_killed_mid_save_are_always_the_old_or_the_new_ones(tmp_path):
    path = tmp_path / "config" / "settings.json"
    save_settings(path, Settings(language="fr", places=(Location(50.4, 30.5, "home"),)))
    for kill in range(KILLS):
        _kill_at_random(SETTINGS_WRITER, str(path), seed=kill, max_delay_s=0.08)
        report = load_settings(path)
        assert report.problem == "", f"kill {kill}: the settings file was damaged"
        settings = report.settings
        if settings.language != "fr":  # one complete save: its 40 places all carry its number
            (number,) = settings.regions
            assert [p.label for p in settings.places] == [f"place {k} of save {number}" for k in range(40)]
    leftovers = [p.name for p in path.parent.iterdir() if p.name != "settings.json"]
    assert all(name.startswith(".settings.json.") and name.endswith(".tmp") for name in leftovers)


IMPORTER = textwrap.dedent(
    """
    import pickle, sys
    from pathlib import Path
    from shelterapp.shelters.catalog import Catalog
    catalog = Catalog.open(Path(sys.argv[1]))
    lists = pickle.loads(Path(sys.argv[2]).read_bytes())  # read and checked once by the test: only the swap runs
    print("writing", flush=True)
    n = 0
    while True:
        catalog.apply_import(lists[n % 2], f"list {n % 2}")
        n += 1
    """
)


def test_shelters_killed_mid_import_are_always_the_old_or_the_new_complete_list(tmp_path):
    database = tmp_path / "shelters.sqlite"
    catalog = Catalog.open(database)
    parsed = [catalog.parse_file(geojson_list(tmp_path, tag, rows)) for tag, rows in (("A", 600), ("B", 400))]
    catalog.apply_import(parsed[0], "list 0")
    catalog.close()
    (tmp_path / "lists.pickle").write_bytes(pickle.dumps(parsed))
    for kill in range(KILLS):
        _kill_at_random(IMPORTER, str(database), str(tmp_path / "lists.pickle"), seed=kill, max_delay_s=0.25)
        store = ShelterStore.open(database)
        found = names(store, "geojson")
        assert store.recovered_from is None, f"kill {kill}: the database was damaged"
        tags = {name.split("-")[0] for name in found}
        assert tags in ({"A"}, {"B"}), f"kill {kill}: a mix of two lists"
        assert len(found) == (600 if tags == {"A"} else 400), f"kill {kill}: a partial list"
        (dataset,) = [d for d in store.datasets() if d.source == "geojson"]
        assert dataset.rows == dataset.accepted == len(found)  # the list and its record agree
        assert sum(store.counts_by_kind().values()) == 52 + len(found)  # the bundled metro list is intact too
        store.close()
