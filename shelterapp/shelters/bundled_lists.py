"""Shelter lists that a release bundle carries, so that the app knows the city's shelters from its first start,
offline: the official layer (KMDA, CC BY 4.0) and OpenStreetMap's list (ODbL 1.0), as downloaded and checked by
the build (shelter_updates/snapshot.py, with the same checks as Update shelters).

Layout, in the bundle's resources (shelterapp/_resources/lists/; absent from the repository and from a plain
install, which then start on our metro list only):
    manifest.json    {"format": 1, "lists": [{name, dataset, attribution, licence, url, updated, downloaded_at,
                     rows, rejected, file}]}
    <name>.json      {"format": 1, "shelters": [Shelter fields, kind as its value]}: rows already checked
    README.txt       where each list comes from, its date and licence, for people reading the folder

A start reads only the small manifest. It imports a list into the store when the store has no copy of that
dataset or only an older one (by the data's date), with the download time as the import time, so that the usual
weekly refresh replaces a snapshot that is already old as soon as the machine is online.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from shelterapp.shelters.model import KIND_VALUES, Kind, Shelter
from shelterapp.shelters.store import Dataset, ShelterStore, StoreError
from shelterapp.storage.atomic import write_atomic

log = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
_SHELTER_FIELDS = {f.name for f in fields(Shelter)}


class DamagedList(ValueError):
    """A bundled file cannot be read: a packaging fault. The app starts without that list and logs why."""


@dataclass(frozen=True)
class BundledList:
    name: str  # the list's name: "kyiv_opendata", "osm" (sources/shelter_lists.py)
    dataset: str  # the store's dataset key: "kyiv-opendata", "osm"
    attribution: str
    licence: str
    url: str  # where it was downloaded: scheme, host and path
    updated: str  # ISO date of the data
    downloaded_at: str  # ISO 8601 UTC
    rows: int
    rejected: int
    file: str  # the rows' file in the folder


def read_manifest(folder: Path) -> list[BundledList]:
    """The lists in `folder`; [] when there is no manifest (a bundle without lists, a source checkout)."""
    path = folder / MANIFEST
    if not path.is_file():
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            raise DamagedList(f"unknown format {raw.get('format')!r}")
        return [BundledList(**{k: entry[k] for k in BundledList.__dataclass_fields__}) for entry in raw["lists"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.error("bundled shelter lists: %s is unreadable (%s); starting without them", path, exc)
        return []


def read_rows(folder: Path, item: BundledList) -> list[Shelter]:
    """The list's shelters; raises DamagedList when its file is missing or not ours."""
    path = folder / item.file
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            raise DamagedList(f"{path.name}: unknown format {raw.get('format')!r}")
        shelters = []
        for row in raw["shelters"]:
            values = {k: v for k, v in row.items() if k in _SHELTER_FIELDS}
            if values.get("kind") not in KIND_VALUES or values.get("source") != item.dataset:
                raise DamagedList(f"{path.name}: a row of another kind or dataset ({values.get('id')!r})")
            values["kind"] = Kind(values["kind"])
            shelters.append(Shelter(**values))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DamagedList(f"{path.name}: {exc}") from exc
    return shelters


def write_list(folder: Path, item: BundledList, shelters: list[Shelter]) -> None:
    """The rows of one list (the build step's half; atomic, so a killed build leaves no half file)."""
    rows = [{**asdict(s), "kind": s.kind.value} for s in shelters]
    document = {"format": FORMAT, "shelters": rows}
    write_atomic(folder / item.file, json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode())
    (folder / item.file).chmod(0o644)  # readable by every user of an installed bundle (temp files are 0600)


def write_manifest(folder: Path, items: list[BundledList]) -> None:
    document = {"format": FORMAT, "lists": [asdict(item) for item in items]}
    write_atomic(folder / MANIFEST, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    (folder / MANIFEST).chmod(0o644)


def needs_import(item: BundledList, current: Dataset | None) -> bool:
    """The store has no copy of the dataset, or an older one: data dates compare as ISO strings."""
    return current is None or (current.updated or current.imported_at[:10]) < item.updated


def seed_lists(store: ShelterStore, folder: Path) -> list[str]:
    """Import every bundled list the store lacks a copy as new of; returns the datasets imported.
    A damaged file or a store that cannot be written costs that list only, never the start."""
    items = read_manifest(folder)
    if not items:
        return []
    current = {d.source: d for d in store.datasets()}
    imported = []
    for item in items:
        if not needs_import(item, current.get(item.dataset)):
            continue
        try:
            shelters = read_rows(folder, item)
            store.replace_dataset(
                item.dataset,
                shelters,
                attribution=item.attribution,
                origin=item.url,
                updated=item.updated,
                rejected=item.rejected,
                licence=item.licence,
                imported_at=item.downloaded_at,
            )
        except (DamagedList, StoreError) as exc:
            log.error("bundled shelter list %s not imported: %s", item.name, exc)
            continue
        log.info("bundled shelter list %s of %s imported: %d rows", item.name, item.updated, len(shelters))
        imported.append(item.dataset)
    return imported
