"""Lists a bundle carries: imported at a start only when the store has no copy as new, refreshed as usual after."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shelterapp.shelter_updates.updater import sources_due
from shelterapp.shelters.bundled import load_bundled
from shelterapp.shelters.bundled_lists import BundledList, read_manifest, write_list, write_manifest
from shelterapp.shelters.catalog import Catalog
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.shelters.store import ShelterStore
from shelterapp.sources.shelter_lists import KYIV_OPENDATA, OSM

NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def official(updated: str, count: int = 3) -> list[Shelter]:
    return [
        Shelter(f"kyiv-opendata:{n}", f"Укриття {n}", "", Kind.SIMPLEST_SHELTER, f"вул. Вигадана, {n}", "Уявний",
                50.44 + n / 1000, 30.51, source="kyiv-opendata", updated=updated, hours="Цілодобово")
        for n in range(count)
    ]  # fmt: skip


def make_lists(folder: Path, updated: str = "2026-11-30", downloaded: datetime = NOW, count: int = 3) -> BundledList:
    folder.mkdir(parents=True, exist_ok=True)
    item = BundledList("kyiv_opendata", "kyiv-opendata", KYIV_OPENDATA.attribution, "CC BY 4.0",
                       "https://gisserver.example/layer", updated, downloaded.isoformat(), count, 2,
                       "kyiv_opendata.json")  # fmt: skip
    write_list(folder, item, official(updated, count))
    write_manifest(folder, [item])
    return item


def open_catalog(tmp_path: Path, lists: Path | None) -> Catalog:
    return Catalog(ShelterStore.open(tmp_path / "shelters.sqlite"), load_bundled(), lists=lists)


def dataset(catalog: Catalog, source: str = "kyiv-opendata"):
    return next((d for d in catalog.datasets() if d.source == source), None)


def test_first_start_imports_the_list_with_its_date_source_and_licence(tmp_path):
    item = make_lists(tmp_path / "lists")
    catalog = open_catalog(tmp_path, tmp_path / "lists")
    stored = dataset(catalog)
    assert stored is not None
    assert (stored.rows, stored.updated, stored.licence, stored.origin) == (3, "2026-11-30", "CC BY 4.0", item.url)
    assert stored.attribution == KYIV_OPENDATA.attribution and stored.rejected == 2
    assert stored.imported_at == NOW.isoformat()  # when it left the source, not when this machine started
    assert catalog.store.shelters("kyiv-opendata")[0].hours == "Цілодобово"  # every field kept
    assert len(catalog.shelters) == 52 + 3


@pytest.mark.parametrize(
    ("stored_date", "imported"),
    [
        ("2026-11-01", True),  # an older copy (an upgrade brings newer data): replaced
        ("2026-11-30", False),  # the same data: left alone, not re-imported at every start
        ("2026-12-02", False),  # an update newer than the bundle: kept
    ],
)
def test_a_start_imports_the_list_only_when_the_store_has_no_copy_as_new(tmp_path, stored_date, imported):
    catalog = open_catalog(tmp_path, None)
    catalog.store.replace_dataset("kyiv-opendata", official(stored_date, 7), updated=stored_date, origin="update")
    catalog.close()
    make_lists(tmp_path / "lists", updated="2026-11-30")
    catalog = open_catalog(tmp_path, tmp_path / "lists")
    stored = dataset(catalog)
    assert stored is not None
    assert (stored.rows, stored.updated) == ((3, "2026-11-30") if imported else (7, stored_date))


def test_an_old_snapshot_is_due_for_the_usual_refresh_and_a_fresh_one_is_not(tmp_path):
    make_lists(tmp_path / "old", downloaded=NOW - timedelta(days=40))
    catalog = open_catalog(tmp_path, tmp_path / "old")
    assert [s.name for s in sources_due([KYIV_OPENDATA, OSM], catalog.datasets(), NOW)] == ["kyiv_opendata", "osm"]
    catalog.close()
    (tmp_path / "shelters.sqlite").unlink()
    make_lists(tmp_path / "fresh", downloaded=NOW - timedelta(days=1))
    catalog = open_catalog(tmp_path, tmp_path / "fresh")
    assert [s.name for s in sources_due([KYIV_OPENDATA, OSM], catalog.datasets(), NOW)] == ["osm"]


def test_a_damaged_bundle_costs_that_list_only_never_the_start(tmp_path, caplog):
    folder = tmp_path / "lists"
    item = make_lists(folder)
    other = replace(item, name="osm", dataset="osm", file="osm.json", licence="ODbL 1.0")
    (folder / "osm.json").write_text('{"format": 1, "shelters": [{"id": "x", "kind": "bunker"}]}', encoding="utf-8")
    write_manifest(folder, [item, other])
    with caplog.at_level(logging.ERROR):
        catalog = open_catalog(tmp_path, folder)
    assert dataset(catalog, "osm") is None and dataset(catalog) is not None
    assert "bundled shelter list osm not imported" in caplog.text
    catalog.close()
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    assert read_manifest(folder) == []
    (tmp_path / "shelters.sqlite").unlink()
    assert len(open_catalog(tmp_path, folder).shelters) == 52  # the metro list, as without a bundle


def test_files_are_readable_by_every_user_of_an_installed_bundle(tmp_path):
    make_lists(tmp_path / "lists")
    for path in (tmp_path / "lists").iterdir():
        assert path.stat().st_mode & 0o444 == 0o444, path
    assert json.loads((tmp_path / "lists" / "manifest.json").read_text(encoding="utf-8"))["format"] == 1
