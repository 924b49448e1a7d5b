"""Nearest-N and within-radius over shelters: a grid index with exact geodesic answers, in pure Python.

Rows are bucketed into square cells of a local plane (a lat/lon grid scaled to metres at the data's mean
latitude). A query examines a rectangle of cells grown outwards from its own cell and ranks rows by the
straight-line distance through the Earth between their ECEF points, three subtractions and three
multiplications a row. That chord is never longer than the geodesic, so it is a lower bound wherever the
query is; the exact distance (geodesy.geodesic_m) is computed only for rows it cannot rule out, about
n + 0.1 of them for a query in the city (bench/nearest.py: ~0.25 ms for nearest-10 at 5k or 500k rows).

The rectangle stops growing once no unexamined cell can beat the n-th answer. The unexamined cells form
at most four lat/lon boxes beyond its sides, and we need a lower bound on the geodesic to each. On the
unit sphere the smallest angle from the query to a box has a closed form (_Query.box_angle); every point
of the ellipsoid is at least the semi-minor axis b from the centre, and radial projection onto the sphere
of radius b never lengthens a path that stays outside it, so geodesic >= b * angle between the two ECEF
directions. Neither bound has a fudge factor, so queries from Brovary, Lviv or Tokyo are exact as well
(the planar approximation's margin of 1-2% would no longer cover its error a few hundred km out).

What the bounds cost: near Kyiv the angle bound is 0.13% short (|P| / b at 50.45N), a fraction of a
metre at shelter spacing. Far away the chord falls short by s^3 / 24R^2 and the angle bound by ~0.2-0.5%,
so a query from another continent computes exact distances for every row in a band some kilometres
wide across the city: ~25 ms over the real 3,700 shelters, ~2 s over 500,000 synthetic ones.
Near Kyiv's antipode (the South Pacific) every distance is ~20,000 km and the search degrades to brute
force over geodesic_m, whose Vincenty iteration is slow there.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from shelterapp.shelters.geodesy import geodesic_m, walk_minutes
from shelterapp.shelters.model import Shelter

log = logging.getLogger(__name__)

Accept = Callable[[Shelter], bool]

_A = 6378137.0  # WGS84 semi-major axis, metres
_F = 1 / 298.257223563
_E2 = _F * (2 - _F)
_B = _A * (1 - _F)  # semi-minor axis: no point of the ellipsoid is nearer the centre
_TAU = 2 * math.pi

# Covers float rounding and the gap between Vincenty (geodesic_m) and the exact geodesic, both far below a
# millimetre in a city: rows within this of a cut-off are examined rather than risked.
_SLACK_M = 1e-3
# Beyond this the chord can fall shorter of the geodesic than the angle bound does (s^3 / 24R^2 against
# 0.13-0.5% of s), so far-away queries also filter candidates by angle before computing exact distances.
_FAR_M = 300_000.0

_ROWS_PER_CELL = 4.0  # over the data's extent; of 2-12, the fastest at both 5k and 500k rows
_MIN_CELL_M = 25.0
_MAX_CELL_M = 50_000.0
_MAX_CELLS_PER_SHELTER = 64  # grid size cap, so a query in an empty stretch meets few empty cells


@dataclass(frozen=True, slots=True)
class Hit:
    """One answer: the shelter and its distance as the crow flies (WGS84 geodesic) from the query."""

    shelter: Shelter
    distance_m: float

    @property
    def walk_min(self) -> int:
        return walk_minutes(self.distance_m)


def ecef(lat: float, lon: float) -> tuple[float, float, float]:
    """Earth-centred coordinates in metres of a point on the WGS84 surface."""
    phi, lam = math.radians(lat), math.radians(lon)
    sin_phi, cos_phi = math.sin(phi), math.cos(phi)
    n = _A / math.sqrt(1 - _E2 * sin_phi * sin_phi)
    return n * cos_phi * math.cos(lam), n * cos_phi * math.sin(lam), n * (1 - _E2) * sin_phi


def _normal_lon(lon: float) -> float:
    """Longitude in [-180, 180), untouched if already there (the round trip through +180 changes last bits)."""
    return lon if -180.0 <= lon < 180.0 else (lon + 180.0) % 360.0 - 180.0


def _geocentric(lat: float) -> float:
    """Latitude (radians) of the ECEF direction of a point at geodetic latitude `lat` (degrees)."""
    phi = math.radians(lat)
    return math.atan2((1 - _E2) * math.sin(phi), math.cos(phi))


@dataclass(frozen=True, slots=True)
class _Query:
    """A query point in every form the search needs, computed once."""

    lat: float
    lon: float  # normalised to [-180, 180)
    x: float
    y: float
    z: float
    psi: float  # geocentric latitude, radians
    sin_psi: float
    cos_psi: float
    lam: float  # longitude, radians

    @classmethod
    def at(cls, lat: float, lon: float) -> _Query:
        if not (math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0):
            raise ValueError(f"not a position: ({lat}, {lon})")
        lon = _normal_lon(lon)
        psi = _geocentric(lat)
        return cls(lat, lon, *ecef(lat, lon), psi, math.sin(psi), math.cos(psi), math.radians(lon))

    def box_angle(self, box: tuple[float, float, float, float]) -> float:
        """Smallest angle on the unit sphere to the box (psi1, psi2, lam1, lam2), radians.

        If the query's meridian crosses the box, the nearest point is straight north or south. Otherwise
        it lies on the edge meridian nearer in longitude (for any one latitude the angle grows with the
        longitude difference up to 180 degrees): at the foot of the perpendicular to that meridian's great
        circle if the foot falls inside the edge (sin d = cos psi * sin dlam), else at a corner, because
        along a great circle the angle to a point only grows from the foot round to its antipode.
        """
        psi1, psi2, lam1, lam2 = box
        psi, cos_psi, lam = self.psi, self.cos_psi, self.lam
        if (lam - lam1) % _TAU <= lam2 - lam1:
            return psi1 - psi if psi < psi1 else psi - psi2 if psi > psi2 else 0.0
        dlam = min(abs((lam - lam1 + math.pi) % _TAU - math.pi), abs((lam - lam2 + math.pi) % _TAU - math.pi))
        foot = math.atan2(self.sin_psi, cos_psi * math.cos(dlam))
        if psi1 <= foot <= psi2:
            return math.asin(min(1.0, cos_psi * math.sin(dlam)))
        half = math.sin(dlam / 2) ** 2
        h = min(math.sin((c - psi) / 2) ** 2 + cos_psi * math.cos(c) * half for c in (psi1, psi2))
        return 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class _Layout:
    """The grid: cell (row, col) covers lat0 + row*dlat .. +dlat and lon0 + col*dlon .. +dlon, in degrees."""

    lat0: float
    lon0: float
    dlat: float
    dlon: float
    nrows: int
    ncols: int

    def keys(self, lats: list[float], lons: list[float]) -> list[int]:
        """Cell key (row * ncols + col) of each point; points must lie within the grid's extent.

        No clamping needed: float subtraction and division by a positive number never reorder values, so
        the largest latitude maps to int(span / dlat) = nrows - 1 at most, and likewise for columns.
        """
        lat0, lon0, dlat, dlon, ncols = self.lat0, self.lon0, self.dlat, self.dlon, self.ncols
        return [int((la - lat0) / dlat) * ncols + int((lo - lon0) / dlon) for la, lo in zip(lats, lons, strict=True)]

    def clamped_cell(self, lat: float, lon: float) -> tuple[int, int]:
        """The cell of a point, or the grid's cell nearest to it in row and column if it lies outside."""
        row = math.floor((lat - self.lat0) / self.dlat)
        col = math.floor((lon - self.lon0) / self.dlon)
        return min(max(row, 0), self.nrows - 1), min(max(col, 0), self.ncols - 1)


class SpatialIndex:
    """Immutable index over the positioned shelters; rebuild it when the list changes."""

    def __init__(self, shelters: Iterable[Shelter]) -> None:
        rows: list[Shelter] = []
        self.unpositioned = 0  # rows skipped for having no position yet
        for s in shelters:
            if s.lat is None or s.lon is None:
                self.unpositioned += 1
                continue
            if not (math.isfinite(s.lat) and math.isfinite(s.lon) and -90.0 <= s.lat <= 90.0):
                # importers never let one through; a hand-edited database must not stop the app from starting
                log.warning("shelter %r has an impossible position (%s, %s): left out of the index", s.id, s.lat, s.lon)
                self.unpositioned += 1
                continue
            rows.append(s)
        self._rows = rows
        self._ids = [s.id for s in rows]
        lats = [s.lat for s in rows if s.lat is not None]
        lons = [_normal_lon(s.lon) for s in rows if s.lon is not None]
        points = list(map(ecef, lats, lons))
        self._points = points  # ECEF metres, by row
        self._layout = _Layout(0.0, 0.0, 1.0, 1.0, 1, 1)
        self._cells: dict[int, tuple[tuple[float, float, float, int], ...]] = {}
        self._row_psi: list[float] = []  # geocentric latitude of each row edge, radians
        self.cell_m = 0.0  # side of a cell in metres (0 when empty)
        if rows:
            keys = self._choose_layout(lats, lons)
            buckets: dict[int, list[tuple[float, float, float, int]]] = {}
            for i, (key, (x, y, z)) in enumerate(zip(keys, points, strict=True)):
                bucket = buckets.get(key)
                if bucket is None:
                    buckets[key] = [(x, y, z, i)]
                else:
                    bucket.append((x, y, z, i))
            self._cells = {key: tuple(bucket) for key, bucket in buckets.items()}
            grid = self._layout
            self._row_psi = [_geocentric(min(grid.lat0 + r * grid.dlat, 90.0)) for r in range(grid.nrows + 1)]

    def _choose_layout(self, lats: list[float], lons: list[float]) -> list[int]:
        """Size cells from the data's density, set the layout and return each row's cell key.

        The density is taken over the central 98% in each axis, so a few misplaced rows far away do not
        bloat the cells. Sizing by occupied cells instead (shrinking until an occupied cell holds the target)
        was tried on the real, clustered shelters: no faster near shelters, slower from the empty outskirts.
        """
        count = len(lats)
        ref = math.radians(sum(lats) / count)
        sin_ref = math.sin(ref)
        w = 1 - _E2 * sin_ref * sin_ref
        m_per_deg_lat = math.radians(_A * (1 - _E2) / w**1.5)  # meridian radius of curvature
        m_per_deg_lon = max(math.radians(_A / math.sqrt(w) * math.cos(ref)), 1e-3)
        trim = count // 100 if count >= 200 else 0
        s_lat, s_lon = sorted(lats), sorted(lons)
        height = max((s_lat[-1 - trim] - s_lat[trim]) * m_per_deg_lat, _MIN_CELL_M)
        width = max((s_lon[-1 - trim] - s_lon[trim]) * m_per_deg_lon, _MIN_CELL_M)
        cell = math.sqrt(height * width * _ROWS_PER_CELL / (count - 2 * trim))
        lat_span, lon_span = s_lat[-1] - s_lat[0], s_lon[-1] - s_lon[0]
        fewest = math.sqrt(lat_span * m_per_deg_lat * lon_span * m_per_deg_lon / (_MAX_CELLS_PER_SHELTER * count))
        cell = min(max(cell, fewest, _MIN_CELL_M), _MAX_CELL_M)
        dlat, dlon = cell / m_per_deg_lat, cell / m_per_deg_lon
        self._layout = _Layout(s_lat[0], s_lon[0], dlat, dlon, int(lat_span / dlat) + 1, int(lon_span / dlon) + 1)
        self.cell_m = cell
        return self._layout.keys(lats, lons)

    def __len__(self) -> int:
        return len(self._rows)

    def nearest(self, lat: float, lon: float, n: int = 10, accept: Accept | None = None) -> list[Hit]:
        """The n shelters nearest to (lat, lon) that `accept` lets through, nearest first, ties by id."""
        q = _Query.at(lat, lon)
        if n <= 0 or not self._rows:
            return []
        return self._search(q, n, math.inf, accept)

    def within(self, lat: float, lon: float, radius_m: float, accept: Accept | None = None) -> list[Hit]:
        """Every shelter `accept` lets through within radius_m of (lat, lon), nearest first, ties by id."""
        q = _Query.at(lat, lon)
        if math.isnan(radius_m) or radius_m < 0 or not self._rows:
            return []
        return self._search(q, len(self._rows), radius_m, accept)

    def _search(self, q: _Query, n: int, radius: float, accept: Accept | None) -> list[Hit]:
        """Grow a rectangle of examined cells from the query's cell until nothing outside can be an answer.

        While fewer than n rows are known every side moves out by one cell a round (square rings). Then a
        side moves only while the cells beyond it might hold an answer, by as many cells as the distance
        still to cover suggests, so a query from Lviv grows east in a few rounds.
        """
        grid = self._layout
        room = (grid.nrows - 1, grid.ncols - 1)
        row0, col0 = grid.clamped_cell(q.lat, q.lon)
        rect = [row0, row0, col0, col0]  # examined rows lo..hi, columns lo..hi
        exact: dict[int, float] = {}  # shelter index -> geodesic_m, each computed once
        cands: list[tuple[float, int]] = []  # (chord^2, shelter index) of every accepted shelter examined
        self._scan(q, (row0, row0, col0, col0), accept, cands)
        best = sorted(cands)[:n]  # the n nearest by chord so far
        bound, fresh = radius, True
        while True:
            if fresh and radius == math.inf and len(best) >= n:
                bound = self._kth_upper(q, best, exact)
            limit = bound + _SLACK_M
            before, moved = len(cands), False
            for side in range(4):
                lo_row, hi_row, lo_col, hi_col = rect
                left = (lo_row, room[0] - hi_row, lo_col, room[1] - hi_col)[side]  # cells beyond this side
                if not left:
                    continue
                step = 1
                if limit < math.inf:
                    gap = _B * q.box_angle(self._box(side, rect))
                    if gap > limit:
                        continue
                    step = min(left, 1 + int((limit - gap) / self.cell_m))
                block = (
                    (lo_row - step, lo_row - 1, lo_col, hi_col),
                    (hi_row + 1, hi_row + step, lo_col, hi_col),
                    (lo_row, hi_row, lo_col - step, lo_col - 1),
                    (lo_row, hi_row, hi_col + 1, hi_col + step),
                )[side]
                rect[side] += step if side % 2 else -step
                self._scan(q, block, accept, cands)
                moved = True
            if not moved:
                break  # nothing unexamined is nearer than the bound, or nothing is left
            fresh = len(cands) > before
            if fresh and radius == math.inf:
                best = sorted(best + cands[before:])[:n]
        return self._answer(q, cands, n, radius, exact)

    def _scan(
        self, q: _Query, block: tuple[int, int, int, int], accept: Accept | None, cands: list[tuple[float, int]]
    ) -> None:
        """Append (chord^2, shelter index) for every accepted shelter in the block of cells: the hot loop."""
        cells, rows, ncols = self._cells, self._rows, self._layout.ncols
        qx, qy, qz = q.x, q.y, q.z
        lo_row, hi_row, lo_col, hi_col = block
        for row in range(lo_row, hi_row + 1):
            for key in range(row * ncols + lo_col, row * ncols + hi_col + 1):
                pts = cells.get(key)
                if pts is None:
                    continue
                if accept is None:
                    cands += [
                        ((dx := x - qx) * dx + (dy := y - qy) * dy + (dz := z - qz) * dz, i) for x, y, z, i in pts
                    ]
                else:
                    cands += [
                        ((dx := x - qx) * dx + (dy := y - qy) * dy + (dz := z - qz) * dz, i)
                        for x, y, z, i in pts
                        if accept(rows[i])
                    ]

    def _box(self, side: int, rect: list[int]) -> tuple[float, float, float, float]:
        """The unexamined cells beyond one side (0 S, 1 N, 2 W, 3 E) of the examined rectangle, as
        (psi1, psi2, lam1, lam2). Rows beyond S and N span every column, columns beyond W and E only the
        examined rows, so the four boxes cover everything unexamined."""
        grid, row_psi = self._layout, self._row_psi
        lo_row, hi_row, lo_col, hi_col = rect
        west = math.radians(grid.lon0)
        dlon = math.radians(grid.dlon)
        east = west + grid.ncols * dlon
        if side == 0:
            return row_psi[0], row_psi[lo_row], west, east
        if side == 1:
            return row_psi[hi_row + 1], row_psi[grid.nrows], west, east
        if side == 2:
            return row_psi[lo_row], row_psi[hi_row + 1], west, west + lo_col * dlon
        return row_psi[lo_row], row_psi[hi_row + 1], west + (hi_col + 1) * dlon, east

    def _kth_upper(self, q: _Query, best: list[tuple[float, int]], exact: dict[int, float]) -> float:
        """An upper bound on the n-th nearest distance: the farthest of the n nearest by chord, exactly."""
        bound = 0.0
        for _, i in best:
            d = exact.get(i)
            if d is None:
                exact[i] = d = self._geodesic(q, i)
            bound = max(bound, d)
        return bound

    def _geodesic(self, q: _Query, i: int) -> float:
        s = self._rows[i]
        assert s.lat is not None and s.lon is not None
        return geodesic_m(q.lat, q.lon, s.lat, s.lon)

    def _answer(
        self, q: _Query, cands: list[tuple[float, int]], n: int, radius: float, exact: dict[int, float]
    ) -> list[Hit]:
        """Exact distances for the rows the lower bounds do not rule out, by (distance, id), cut to n."""
        cands.sort()
        bound = radius
        if bound == math.inf and len(cands) > n:
            bound = self._kth_upper(q, cands[:n], exact)
        limit = bound + _SLACK_M
        limit2 = limit * limit
        far = _FAR_M < limit < math.inf
        qx, qy, qz = q.x, q.y, q.z
        points, ids = self._points, self._ids
        found: list[tuple[float, str, int]] = []
        for c2, i in cands:
            if c2 > limit2:
                break
            if far:  # the chord falls well short of the geodesic out here; the angle bound does not
                x, y, z = points[i]
                cross = math.hypot(y * qz - z * qy, z * qx - x * qz, x * qy - y * qx)
                if _B * math.atan2(cross, x * qx + y * qy + z * qz) > limit:
                    continue
            d = exact.get(i)
            if d is None:
                d = self._geodesic(q, i)
            if d <= radius:
                found.append((d, ids[i], i))
        found.sort()
        rows = self._rows
        return [Hit(rows[i], d) for d, _, i in found[:n]]
