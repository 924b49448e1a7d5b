import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from shelterapp.shelters.model import Kind, Shelter
from shelterapp.shelters.store import MIGRATIONS, ShelterStore, StoreError


def shelter(n: int, source: str = "test") -> Shelter:
    return Shelter(
        id=f"{source}:{n}",
        name_uk=f"Укриття {n}",
        name_en="",
        kind=Kind.SIMPLEST_SHELTER,
        address=f"вул. Тестова, {n}",
        lat=50.4 + n * 1e-4,
        lon=30.5,
        source=source,
        accessible=n % 2 == 0,
    )


def test_round_trip_keeps_every_field(tmp_path):
    store = ShelterStore.open(tmp_path / "s.sqlite")
    original = Shelter(
        id="x:1",
        name_uk="Нивки",
        name_en="Nyvky",
        kind=Kind.METRO,
        address="a",
        district="d",
        lat=50.1,
        lon=30.2,
        capacity=300,
        accessible=None,
        open_24_7=True,
        source="x",
        updated="2026-01-02",
        line="M1",
        phone="123",
        place="Станція метро",
        hours="Цілодобово",
    )
    store.replace_dataset("x", [original])
    assert store.shelters() == [original]


def test_new_database_is_at_the_latest_schema(tmp_path):
    store = ShelterStore.open(tmp_path / "s.sqlite")
    assert store.schema_version == len(MIGRATIONS)


def test_migration_runs_on_an_old_database_and_keeps_rows(tmp_path):
    path = tmp_path / "s.sqlite"
    ShelterStore.open(path).replace_dataset("test", [shelter(1)])

    def add_notes(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE shelters ADD COLUMN notes TEXT NOT NULL DEFAULT ''")

    upgraded = ShelterStore.open(path, migrations=[*MIGRATIONS, add_notes])
    assert upgraded.schema_version == len(MIGRATIONS) + 1
    assert upgraded.shelters() == [shelter(1)]


def test_database_from_a_newer_app_is_refused_not_destroyed(tmp_path):
    path = tmp_path / "s.sqlite"
    ShelterStore.open(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="newer shelterapp"):
        ShelterStore.open(path)
    assert path.exists()


def test_replace_swaps_only_its_own_dataset(tmp_path):
    store = ShelterStore.open(tmp_path / "s.sqlite")
    store.replace_dataset("a", [shelter(1, "a"), shelter(2, "a")])
    store.replace_dataset("b", [shelter(1, "b")])
    store.replace_dataset("a", [shelter(3, "a")])
    assert sorted(s.id for s in store.shelters()) == ["a:3", "b:1"]
    assert {d.source: d.rows for d in store.datasets()} == {"a": 1, "b": 1}


def test_failure_in_the_middle_of_an_import_keeps_the_old_rows(tmp_path):
    store = ShelterStore.open(tmp_path / "s.sqlite")
    store.replace_dataset("test", [shelter(1), shelter(2)])

    def rows_then_crash():
        yield shelter(10)
        yield shelter(11)
        raise RuntimeError("parser died")

    with pytest.raises(RuntimeError):
        store.replace_dataset("test", rows_then_crash())
    assert [s.id for s in store.shelters()] == ["test:1", "test:2"]


def test_process_killed_during_an_import_leaves_old_rows(tmp_path):
    # SIGKILL gives no chance to clean up: only SQLite's journal stands between the user and data loss.
    path = tmp_path / "s.sqlite"
    ShelterStore.open(path).replace_dataset("test", [shelter(n) for n in range(5)])
    script = textwrap.dedent(
        f"""
        import sys, time
        from shelterapp.shelters.store import ShelterStore
        from shelterapp.shelters.model import Kind, Shelter
        store = ShelterStore.open(__import__("pathlib").Path({str(path)!r}))
        def rows():
            for n in range(1_000_000):
                if n == 2000:
                    print("mid-import", flush=True)
                    time.sleep(60)
                yield Shelter(id=f"test:new{{n}}", name_uk="x", name_en="", kind=Kind.OTHER, source="test")
        store.replace_dataset("test", rows())
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "mid-import"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    reopened = ShelterStore.open(path)
    assert [s.id for s in reopened.shelters()] == [f"test:{n}" for n in range(5)]


def test_corrupt_database_is_set_aside_and_a_fresh_one_opens(tmp_path):
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    store = ShelterStore.open(path)
    assert store.recovered_from is not None
    assert store.recovered_from.read_bytes().startswith(b"this is not a database")
    assert store.shelters() == []
    store.replace_dataset("test", [shelter(1)])
    assert len(store.shelters()) == 1


def test_rows_of_another_source_are_refused(tmp_path):
    store = ShelterStore.open(tmp_path / "s.sqlite")
    with pytest.raises(ValueError):
        store.replace_dataset("a", [shelter(1, "b")])
    assert store.shelters() == []


def test_counts_by_kind(tmp_path):
    store = ShelterStore.open(tmp_path / "s.sqlite")
    store.replace_dataset("test", [shelter(1), shelter(2)])
    assert store.counts_by_kind() == {"simplest_shelter": 2}


def test_a_version_1_database_upgrades_with_its_rows_and_datasets_intact(tmp_path):
    # A user's file from before the licence column: the upgrade must keep every row, then take a licence.
    path = tmp_path / "s.sqlite"
    old = ShelterStore.open(path, migrations=MIGRATIONS[:1])
    assert old.schema_version == 1
    old.close()
    db = sqlite3.connect(path)
    with db:
        db.execute(
            "INSERT INTO shelters (id, name_uk, kind, address, lat, lon, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ("test:1", "Укриття 1", "simplest_shelter", "вул. Тестова, 1", 50.4001, 30.5, "test"),
        )
        db.execute(
            "INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?)",
            ("test", "Дані: тест", "old.csv", "2025-01-01", "2025-01-02T00:00:00+00:00", 1, 3),
        )
    db.close()
    store = ShelterStore.open(path)
    assert store.schema_version == len(MIGRATIONS) >= 2
    assert [(s.id, s.name_uk, s.lat) for s in store.shelters()] == [("test:1", "Укриття 1", 50.4001)]
    (dataset,) = store.datasets()
    assert (dataset.source, dataset.origin, dataset.rejected, dataset.rows, dataset.licence) == (
        "test", "old.csv", 3, 1, "",
    )  # fmt: skip
    store.replace_dataset("test", [shelter(2)], attribution="Дані: тест", licence="CC BY 4.0")
    assert store.datasets()[0].licence == "CC BY 4.0" and [s.id for s in store.shelters()] == ["test:2"]


def test_a_version_2_database_gets_a_record_of_sizes_seeded_from_what_it_stores(tmp_path):
    # an update after the upgrade is compared with the list the user already had, not with nothing
    from datetime import UTC, datetime

    path = tmp_path / "s.sqlite"
    ShelterStore.open(path, migrations=MIGRATIONS[:2]).close()
    db = sqlite3.connect(path)  # what the previous version wrote: rows and a dataset, no record of sizes
    with db:
        db.execute(
            "INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ("osm", "© OpenStreetMap", "x", "2026-01-01", "2026-01-02T00:00:00+00:00", 40, 0, "ODbL 1.0"),
        )
    db.close()
    store = ShelterStore.open(path)
    assert store.schema_version == len(MIGRATIONS) >= 3
    assert store.recent_sizes("osm", datetime(2000, 1, 1, tzinfo=UTC)) == [40]


def test_every_replacement_records_its_size_and_a_new_baseline_forgets_the_earlier_ones(tmp_path):
    from datetime import UTC, datetime

    from shelterapp.shelters.store import SIZES_KEPT

    store = ShelterStore.open(tmp_path / "s.sqlite")
    long_ago = datetime(2000, 1, 1, tzinfo=UTC)
    for count in (100, 55, 28):
        store.replace_dataset("osm", [shelter(n, "osm") for n in range(count)])
    assert store.recent_sizes("osm", long_ago) == [28, 55, 100]  # newest first
    assert store.recent_sizes("test", long_ago) == []  # per dataset
    for _ in range(SIZES_KEPT + 5):
        store.replace_dataset("osm", [shelter(1, "osm")])
    assert len(store.recent_sizes("osm", long_ago)) == SIZES_KEPT  # a small record, not a growing log
    store.replace_dataset("osm", [shelter(n, "osm") for n in range(7)], new_baseline=True)
    assert store.recent_sizes("osm", long_ago) == [7]
    assert store.recent_sizes("osm", datetime.now(UTC).replace(year=2100)) == []  # only what is recent
