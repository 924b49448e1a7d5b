"""shelterapp-cli: shelters and alerts from a terminal or a script (nearest, import, update, info, status, sources).

Output contracts (JSON field names, exit codes) are relied on by scripts: extend, never rename.
Exit codes: 0 success, 1 the operation failed (unreadable file, damaged store), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from shelterapp import __version__, cli_alerts, cli_update
from shelterapp.logs import setup_logging
from shelterapp.paths import Paths, default_paths
from shelterapp.shelters.catalog import Catalog
from shelterapp.shelters.importer import FORMATS, UnreadableFile
from shelterapp.shelters.model import KIND_VALUES
from shelterapp.shelters.spatial import Hit
from shelterapp.shelters.store import StoreError

log = logging.getLogger(__name__)
PROG = "shelterapp-cli"
MAX_RESULTS = 1000


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage in one line (no usage dump, no traceback) and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message}\n")


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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Kyiv shelters from the command line.")
    parser.add_argument("--version", action="version", version=f"shelterapp {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    nearest = commands.add_parser("nearest", help="the shelters nearest to a point")
    nearest.add_argument("--lat", type=_latitude, required=True, help="latitude in degrees (WGS84)")
    nearest.add_argument("--lon", type=_longitude, required=True, help="longitude in degrees (WGS84)")
    nearest.add_argument("-n", type=_count, default=5, help="how many shelters (default 5)")
    nearest.add_argument(
        "--kind", type=_kinds, help=f"only these kinds, comma-separated: {', '.join(sorted(KIND_VALUES))}"
    )
    nearest.add_argument("--json", action="store_true", help="print JSON")

    importer = commands.add_parser("import", help="import a shelter list file into the store")
    importer.add_argument("file", type=Path, metavar="FILE")
    importer.add_argument("--format", choices=FORMATS, default="auto", help="file format (default: auto)")
    importer.add_argument("--json", action="store_true", help="print JSON")

    cli_update.add_command(commands)

    info = commands.add_parser("info", help="data sources, counts, data age and paths")
    info.add_argument("--json", action="store_true", help="print JSON")
    cli_alerts.add_commands(commands)
    return parser


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


def _cmd_nearest(args: argparse.Namespace, catalog: Catalog) -> int:
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


def _cmd_import(args: argparse.Namespace, catalog: Catalog) -> int:
    result = catalog.import_file(args.file, args.format)
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


def _cmd_info(args: argparse.Namespace, catalog: Catalog, paths: Paths) -> int:
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = default_paths()
    setup_logging(paths, stderr_level=logging.CRITICAL)
    if args.command in ("status", "sources"):
        try:
            paths.ensure()
            return (
                cli_alerts.run_status(args, paths) if args.command == "status" else cli_alerts.run_sources(args, paths)
            )
        except OSError as exc:
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            return 1
    try:
        paths.ensure()
        catalog = Catalog.open(paths.database)
    except (OSError, StoreError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    try:
        if catalog.store.recovered_from is not None:
            print(
                f"{PROG}: warning: the shelter database was damaged; set aside as {catalog.store.recovered_from}",
                file=sys.stderr,
            )
        if args.command == "nearest":
            return _cmd_nearest(args, catalog)
        if args.command == "import":
            return _cmd_import(args, catalog)
        if args.command == "update":
            return cli_update.run_update(args, catalog, paths)
        return _cmd_info(args, catalog, paths)
    except UnreadableFile as exc:
        reason = str(exc).rstrip(".")
        print(f"{PROG}: error: cannot import {args.file}: {reason}; the previous data stays", file=sys.stderr)
        return 1
    except (OSError, StoreError) as exc:
        log.exception("command %s failed", args.command)
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    finally:
        catalog.close()


if __name__ == "__main__":
    sys.exit(main())
