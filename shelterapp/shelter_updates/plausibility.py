"""Is this a believable list of Kyiv's shelters? Checks a downloaded (or imported) list must pass before it
replaces the stored one, because a wrong list sends people to the wrong place during an attack.

"Inside Kyiv" (the importer's row check) is not enough: a broken or hostile server can put every shelter
on one point, pile them on a handful of points, strip their kinds, or shrink the list a little at a time
(100 -> 55 -> 28 -> 14 passes a guard that only compares with the last list). Each check below names a
stable failure code and one sentence. Thresholds were set on the real lists (../shared/data/shelters and
../shared/real-payloads/shelters; tests/shelter_updates/test_plausibility.py reads them), with margin:

  list (positioned rows)                       duplicate share   median distance to centre   known kinds
  KMDA shelter map 2022, KMZ (3,694)                 0.004               7.8 km                  100 %
  official list CSV/XLSX (66 of 4,221: metro)        0.29                4.2 km                  99.98 %
  official list + KMZ positions (2,377 of 4,221)     0.25                6.8 km                  99.98 %
  OpenStreetMap metro entrances (270)                0                    6.2 km                  100 %

Shape checks need at least MIN_ROWS_TO_JUDGE rows (positioned rows for the shape): a handful of rows says
nothing about a city (and the shrink check still guards a list that fell to a handful).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from shelterapp.shelters.geodesy import geodesic_m
from shelterapp.shelters.importer import ImportResult
from shelterapp.shelters.model import Kind

MIN_ROWS_TO_JUDGE = 20
MAX_DUPLICATE_SHARE = 0.5  # rows that repeat a position already in the list (real lists: at most 0.29)
MIN_SPREAD_M = 2000.0  # median distance from the list's centre (real lists: 4.2 km and more; Kyiv is ~30 km wide)
MIN_KNOWN_KIND_SHARE = 0.8  # rows of a known kind (metro, civil-defence, radiation, simplest; real: 99.98 %)
SHRINK_LIMIT = 0.5  # a list under half the largest list of the last RECENT_DAYS is refused
RECENT_DAYS = 90  # how far back "recent" goes: a real decline of the city's list gets through after that
_SAME_PLACE_DECIMALS = 5  # about a metre: two rows this close are the same point

# Stable failure codes (update --json "failure", the UI): one per check.
DUPLICATE_POINTS = "duplicate_points"
CLUSTERED = "clustered"
UNKNOWN_KINDS = "unknown_kinds"
SHRANK = "shrank"


@dataclass(frozen=True)
class Implausible:
    """Why a list is refused: `failure` a stable code, `reason` one sentence for the log, the CLI and the UI."""

    failure: str
    reason: str


def check_update(result: ImportResult, largest_recent_rows: int) -> Implausible | None:
    """Every check, for a downloaded list (Update shelters, the weekly refresh, `shelterapp-cli update`).
    largest_recent_rows: the largest list of this dataset stored in the last RECENT_DAYS (0: none)."""
    return check_content(result) or check_size(result.accepted, largest_recent_rows)


def check_content(result: ImportResult) -> Implausible | None:
    """The checks on the list itself (also for a hand import, which a person may override)."""
    return _duplicates(result) or _spread(result) or _kinds(result)


def check_size(rows: int, largest_recent_rows: int) -> Implausible | None:
    if largest_recent_rows and rows < largest_recent_rows * SHRINK_LIMIT:
        return Implausible(
            SHRANK,
            f"the list has {rows:,} shelters where the largest list of the last {RECENT_DAYS} days had "
            f"{largest_recent_rows:,}; a list that shrank by more than half is refused as probably broken",
        )
    return None


def _points(result: ImportResult) -> list[tuple[float, float]]:
    return [(s.lat, s.lon) for s in result.shelters if s.lat is not None and s.lon is not None]


def _duplicates(result: ImportResult) -> Implausible | None:
    points = _points(result)
    if len(points) < MIN_ROWS_TO_JUDGE:
        return None
    distinct = {(round(lat, _SAME_PLACE_DECIMALS), round(lon, _SAME_PLACE_DECIMALS)) for lat, lon in points}
    repeats = len(points) - len(distinct)
    if repeats > len(points) * MAX_DUPLICATE_SHARE:
        return Implausible(
            DUPLICATE_POINTS,
            f"{repeats:,} of {len(points):,} shelters repeat a position already in the list "
            f"({len(distinct):,} distinct places); a real list is refused long before that",
        )
    return None


def _spread(result: ImportResult) -> Implausible | None:
    points = _points(result)
    if len(points) < MIN_ROWS_TO_JUDGE:
        return None
    centre = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    spread = statistics.median(geodesic_m(*centre, *p) for p in points)
    if spread < MIN_SPREAD_M:
        return Implausible(
            CLUSTERED,
            f"half of the {len(points):,} shelters lie within {spread:,.0f} m of one point; "
            f"a list of the whole city spreads much wider",
        )
    return None


def _kinds(result: ImportResult) -> Implausible | None:
    read = result.accepted + result.reasons.get("unknown_kind", 0)
    if read < MIN_ROWS_TO_JUDGE:
        return None
    known = sum(1 for s in result.shelters if s.kind is not Kind.OTHER)
    if known < read * MIN_KNOWN_KIND_SHARE:
        return Implausible(
            UNKNOWN_KINDS,
            f"only {known:,} of {read:,} rows name a kind of shelter we know; the list's format probably changed",
        )
    return None
