"""shelterapp-cli nearest, import, info: the shelter store from a terminal or a script.

JSON contracts (issues #1, #4): nearest -> [{"id", "name", "name_uk", "name_en", "kind", "address", "district",
"lat", "lon", "distance_m", "walk_min", "line", "capacity", "accessible", "open_24_7", "hours", "source"}];
import -> {"accepted", "rejected", "reasons", "source", "unpositioned"}; info -> {"version", "sources", "counts",
"total", ...}. Extend, never rename.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shelterapp import __version__
from shelterapp.cli.progress import TerminalProgress
from shelterapp.paths import Paths
from shelterapp.shelters.model import KIND_VALUES

if TYPE_CHECKING:
    from shelterapp.shelters.catalog import Catalog
    from shelterapp.shelters.spatial import Hit

PROG = "shelterapp-cli"
MAX_RESULTS = 1000
IMPORT_FORMATS = ("auto", "kyiv-opendata", "osm", "geojson", "kml")  # shelters/importer.py FORMATS, checked by a test


def _latitude(text: str) -> float:
    return _coordinate(text, 90.0, "latitude")


def _longitude(text: str) -> float:
    return _coordinate(text, 180.0, "longitude")


def _coordinate(text: str, limit: float, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a number, got {text!r}") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise argparse.ArgumentTypeError(f"{what} must be between -{limit:g} and {limit:g}, got {text}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"-n must be a whole number, got {text!r}") from None
    if not 1 <= value <= MAX_RESULTS:
        raise argparse.ArgumentTypeError(f"-n must be between 1 and {MAX_RESULTS}, got {value}")
    return value


def _kinds(text: str) -> list[str]:
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KIND_VALUES]
    if not kinds or unknown:
        raise argparse.ArgumentTypeError(
            f"unknown kind {', '.join(unknown) or text!r}; choose from {', '.join(sorted(KIND_VALUES))}"
        )
    return kinds


def add_commands(commands: Any) -> None:
    nearest = commands.add_parser(
        "nearest",
        help="the shelters nearest to a point",
        epilog="example: shelterapp-cli nearest --lat 50.4501 --lon 30.5234 -n 3 --json",
    )
    nearest.add_argument("--lat", type=_latitude, required=True, help="latitude in degrees (WGS84)")
    nearest.add_argument("--lon", type=_longitude, required=True, help="longitude in degrees (WGS84)")
    nearest.add_argument("-n", type=_count, default=5, help="how many shelters (default 5)")
    nearest.add_argument(
        "--kind", type=_kinds, help=f"only these kinds, comma-separated: {', '.join(sorted(KIND_VALUES))}"
    )
    nearest.add_argument("--json", action="store_true", help="print JSON")

    importer = commands.add_parser(
        "import",
        help="import a shelter list file into the store",
        epilog="example: shelterapp-cli import kyiv_shelters.xlsx --json",
    )
    importer.add_argument("file", type=Path, metavar="FILE")
    importer.add_argument("--format", choices=IMPORT_FORMATS, default="auto", help="file format (default: auto)")
    importer.add_argument("--json", action="store_true", help="print JSON (no progress on stderr)")
    importer.add_argument(
        "--force",
        action="store_true",
        help="import even a list that fails the plausibility checks (shelters piled on a few points, no known kinds)",
    )

    info = commands.add_parser(
        "info", help="data sources, counts, data age and paths", epilog="example: shelterapp-cli info --json"
    )
    info.add_argument("--json", action="store_true", help="print JSON")


def hit_json(hit: Hit) -> dict[str, Any]:
    s = hit.shelter
    return {
        "id": s.id,
        "name": s.display_name("uk"),
        "name_uk": s.name_uk,
        "name_en": s.name_en,
        "kind": s.kind.value,
        "address": s.address,
        "district": s.district,
        "lat": s.lat,
        "lon": s.lon,
        "distance_m": round(hit.distance_m, 1),
        "walk_min": hit.walk_min,
        "line": s.line or None,
        "capacity": s.capacity,
        "accessible": s.accessible,
        "open_24_7": s.open_24_7,
        "hours": s.hours or None,
        "source": s.source,
    }


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def run_nearest(args: argparse.Namespace, catalog: Catalog) -> int:
    hits = catalog.nearest(args.lat, args.lon, args.n, args.kind)
    if args.json:
        _print_json([hit_json(h) for h in hits])
        return 0
    if not hits:
        print("No shelter with a known position matches.")
        return 0
    for number, hit in enumerate(hits, 1):
        s = hit.shelter
        kind = s.kind.value + (f", {s.line}" if s.line else "")
        print(f"{number:>3}. {s.display_name('uk')} ({kind})  {hit.distance_m:,.0f} m  ~{hit.walk_min} min on foot")
        if s.address and s.address != s.display_name("uk"):
            print(f"     {s.address}")
    return 0


def run_import(args: argparse.Namespace, catalog: Catalog) -> int:
    """A hand import passes the same content checks as an update (not the shrink check: choosing a file is a
    deliberate replacement, and it becomes the new reference size); --force overrides them."""
    from shelterapp.shelter_updates.plausibility import check_content
    from shelterapp.shelters.importer import UnreadableFile

    progress = TerminalProgress.for_command(args.json)
    progress.start(args.file.name)
    try:
        result = catalog.parse_file(args.file, args.format, progress.rows_read)
    finally:
        progress.finish()
    implausible = None if args.force else check_content(result)
    if implausible is not None:
        raise UnreadableFile(f"{implausible.reason} (--force imports it anyway)", implausible.failure)
    catalog.apply_import(result, args.file.name, new_baseline=True)
    if args.json:
        _print_json(
            {
                "accepted": result.accepted,
                "rejected": result.rejected,
                "reasons": dict(sorted(result.reasons.items())),
                "source": result.source,
                "unpositioned": result.unpositioned,
            }
        )
        return 0
    print(
        f"Imported {result.accepted:,} shelters from {args.file.name} ({result.source}); rejected {result.rejected:,}."
    )
    for reason, count in sorted(result.reasons.items(), key=lambda item: -item[1]):
        print(f"  {reason}: {count:,}")
    if result.unpositioned:
        print(f"{result.unpositioned:,} accepted shelters have an address but no position yet.")
    return 0


def info_json(catalog: Catalog, paths: Paths) -> dict[str, Any]:
    age = catalog.age()
    return {
        "version": __version__,
        "sources": [
            {
                "source": d.source,
                "attribution": d.attribution,
                "origin": d.origin,
                "updated": d.updated,
                "imported_at": d.imported_at,
                "rows": d.rows,
                "rejected": d.rejected,
                "licence": d.licence,
            }
            for d in catalog.datasets()
        ],
        "counts": catalog.counts_by_kind(),
        "total": len(catalog.shelters),
        "merged_duplicates": catalog.merged,
        "positioned": len(catalog.index),
        "data_updated": age.updated,
        "data_age_days": age.days,
        "schema_version": catalog.store.schema_version,
        "paths": paths.as_dict(),
    }


def run_info(args: argparse.Namespace, catalog: Catalog, paths: Paths) -> int:
    data = info_json(catalog, paths)
    if args.json:
        _print_json(data)
        return 0
    print(f"shelterapp {data['version']}")
    print(f"Shelters: {data['total']:,} ({data['positioned']:,} with a position)")
    for kind, count in data["counts"].items():
        print(f"  {kind}: {count:,}")
    age = "unknown" if data["data_age_days"] is None else f"{data['data_age_days']} days"
    print(f"Data updated: {data['data_updated'] or 'unknown'} (age {age})")
    print("Sources:")
    for source in data["sources"]:
        licence = f", {source['licence']}" if source["licence"] else ""
        print(f"  {source['source']}: {source['rows']:,} rows, {source['updated']} - {source['attribution']}{licence}")
    print("Paths:")
    for name, path in data["paths"].items():
        print(f"  {name}: {path}")
    return 0
