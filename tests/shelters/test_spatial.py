"""SpatialIndex against a brute-force oracle on geopy's geodesic (geographiclib: an independent implementation)."""

from __future__ import annotations

import csv
import random

import pytest
from geopy.distance import geodesic
from helpers import shared_file
from hypothesis import given, settings
from hypothesis import strategies as st

from shelterapp.shelters.geodesy import geodesic_m, walk_minutes
from shelterapp.shelters.model import KYIV_BBOX, Kind, Shelter
from shelterapp.shelters.spatial import Hit, SpatialIndex

MM = 1e-3  # geodesic_m (Vincenty) and geopy agree to well under this
SOUTH, WEST, NORTH, EAST = KYIV_BBOX
KINDS = list(Kind)


def shelter(i: int, lat: float | None, lon: float | None, kind: Kind = Kind.OTHER) -> Shelter:
    return Shelter(f"s{i:04d}", f"Укриття {i}", f"Shelter {i}", kind, lat=lat, lon=lon)


@st.composite
def shelter_sets(draw: st.DrawFn) -> list[Shelter]:
    """0-300 shelters in and around Kyiv: seeded bulk (uniform or clustered), hand-drawn points, exact
    duplicates, and some rows with no position."""
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    count = draw(st.integers(0, 300))
    clustered = draw(st.booleans())
    centres = [(rnd.uniform(50.3, 50.55), rnd.uniform(30.3, 30.75)) for _ in range(3)]
    points: list[tuple[float | None, float | None]] = []
    for _ in range(count):
        if clustered:
            lat, lon = rnd.choice(centres)
            points.append((lat + rnd.gauss(0, 0.01), lon + rnd.gauss(0, 0.015)))
        else:
            points.append((rnd.uniform(49.9, 50.9), rnd.uniform(29.9, 31.2)))
    points += draw(st.lists(st.tuples(st.floats(49.9, 50.9), st.floats(29.9, 31.2)), max_size=10))
    if points:
        points += [rnd.choice(points) for _ in range(draw(st.integers(0, 10)))]  # same spot, other shelter
    points += [(None, None), (50.45, None)] * draw(st.integers(0, 2))
    rnd.shuffle(points)
    return [shelter(i, lat, lon, rnd.choice(KINDS)) for i, (lat, lon) in enumerate(points)]


NAMED = {
    "Brovary": (50.511, 30.790),
    "Boryspil airport": (50.345, 30.894),
    "Lviv": (49.842, 24.031),
    "Tokyo": (35.68, 139.77),
    "North Pole": (90.0, 0.0),
    "South Pole": (-90.0, 0.0),
    "lon 179.9": (50.45, 179.9),
}
queries = st.one_of(
    st.tuples(st.floats(SOUTH, NORTH), st.floats(WEST, EAST)),  # in the city
    st.tuples(st.floats(SOUTH - 0.3, NORTH + 0.3), st.floats(WEST - 0.3, EAST + 0.3)),  # and just outside
    st.tuples(st.floats(-89.0, 89.0), st.floats(-180.0, 180.0)),  # anywhere
    st.sampled_from(list(NAMED.values())),
)


def oracle(shelters: list[Shelter], lat: float, lon: float, kinds: frozenset[Kind] | None) -> dict[str, float]:
    return {
        s.id: geodesic((lat, lon), (s.lat, s.lon)).meters
        for s in shelters
        if s.lat is not None and s.lon is not None and (kinds is None or s.kind in kinds)
    }


def accept_for(kinds: frozenset[Kind] | None):
    return None if kinds is None else (lambda s: s.kind in kinds)


def assert_sorted_by_distance_then_id(hits: list[Hit]) -> None:
    keys = [(h.distance_m, h.shelter.id) for h in hits]
    assert keys == sorted(keys)
    ids = [h.shelter.id for h in hits]
    assert len(set(ids)) == len(ids)


def assert_true_distances(hits: list[Hit], truth: dict[str, float]) -> None:
    for h in hits:
        assert abs(h.distance_m - truth[h.shelter.id]) <= MM, h


kind_filters = st.one_of(st.none(), st.frozensets(st.sampled_from(KINDS), min_size=1))


@settings(max_examples=150, deadline=None)
@given(shelter_sets(), queries, st.integers(1, 25), kind_filters)
def test_nearest_matches_brute_force(shelters, query, n, kinds):
    lat, lon = query
    truth = oracle(shelters, lat, lon, kinds)
    hits = SpatialIndex(shelters).nearest(lat, lon, n, accept_for(kinds))

    expected = sorted(truth.values())[:n]
    assert len(hits) == len(expected)  # a filter never leaves the answer short
    assert_sorted_by_distance_then_id(hits)
    assert_true_distances(hits, truth)
    for hit, want in zip(hits, expected, strict=True):
        assert abs(hit.distance_m - want) <= MM
    if hits:  # nothing clearly nearer than the last answer was left out (ties within a mm may go either way)
        chosen = {h.shelter.id for h in hits}
        assert all(i in chosen for i, d in truth.items() if d < hits[-1].distance_m - MM)


@settings(max_examples=100, deadline=None)
@given(shelter_sets(), queries, st.floats(0, 1), st.floats(0, 60_000), kind_filters)
def test_within_matches_brute_force(shelters, query, pick, fallback_m, kinds):
    lat, lon = query
    truth = oracle(shelters, lat, lon, kinds)
    # Radius exactly at some shelter's distance half the time: the boundary is where mistakes hide.
    radius = sorted(truth.values())[int(pick * (len(truth) - 1))] if truth and pick < 0.5 else fallback_m
    hits = SpatialIndex(shelters).within(lat, lon, radius, accept_for(kinds))

    assert_sorted_by_distance_then_id(hits)
    assert_true_distances(hits, truth)
    chosen = {h.shelter.id for h in hits}
    assert all(h.distance_m <= radius for h in hits)
    assert all(i in chosen for i, d in truth.items() if d <= radius - MM)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(300, 2000), st.booleans())
def test_dense_sets_match_brute_force_at_many_points(seed, count, clustered):
    # Denser sets put many rows right beside cell edges, where too optimistic a lower bound shows.
    # The oracle is geodesic_m (checked against geopy above), cheap enough for 10 queries a set.
    rnd = random.Random(seed)
    if clustered:
        centres = [(rnd.uniform(50.3, 50.55), rnd.uniform(30.3, 30.75)) for _ in range(4)]
        spots = [(la + rnd.gauss(0, 0.01), lo + rnd.gauss(0, 0.015)) for la, lo in rnd.choices(centres, k=count)]
    else:
        spots = [(rnd.uniform(SOUTH, NORTH), rnd.uniform(WEST, EAST)) for _ in range(count)]
    shelters = [shelter(i, la, lo) for i, (la, lo) in enumerate(spots)]
    index = SpatialIndex(shelters)
    for _ in range(10):
        lat, lon = rnd.uniform(SOUTH - 0.1, NORTH + 0.1), rnd.uniform(WEST - 0.1, EAST + 0.1)
        n = rnd.randint(1, 30)
        brute = sorted((geodesic_m(lat, lon, la, lo), f"s{i:04d}") for i, (la, lo) in enumerate(spots))
        assert [(h.distance_m, h.shelter.id) for h in index.nearest(lat, lon, n)] == brute[:n]


@settings(max_examples=40, deadline=None)
@given(shelter_sets(), st.integers(0, 10_000), st.integers(1, 10))
def test_query_on_a_shelter_finds_it_at_zero(shelters, pick, n):
    positioned = [s for s in shelters if s.lat is not None and s.lon is not None]
    if not positioned:
        return
    target = positioned[pick % len(positioned)]
    assert target.lat is not None and target.lon is not None
    hits = SpatialIndex(shelters).nearest(target.lat, target.lon, n)
    assert hits[0].distance_m == 0.0
    assert target.id in {h.shelter.id for h in hits if h.distance_m == 0.0} or len(hits) == n


def test_empty_index_answers_nothing():
    index = SpatialIndex(())
    assert len(index) == 0
    assert index.nearest(50.45, 30.52) == []
    assert index.within(50.45, 30.52, 10_000) == []


def test_n_larger_than_the_index_returns_every_row_nearest_first():
    shelters = [shelter(i, 50.40 + i * 0.01, 30.50) for i in range(5)]
    hits = SpatialIndex(shelters).nearest(50.40, 30.50, n=50)
    assert [h.shelter.id for h in hits] == ["s0000", "s0001", "s0002", "s0003", "s0004"]
    assert SpatialIndex(shelters).nearest(50.40, 30.50, n=0) == []


def test_rows_without_a_position_are_counted_and_never_returned():
    shelters = [shelter(0, 50.45, 30.52), shelter(1, None, None), shelter(2, 50.45, None), shelter(3, 50.46, 30.52)]
    index = SpatialIndex(shelters)
    assert len(index) == 2
    assert index.unpositioned == 2
    assert [h.shelter.id for h in index.nearest(50.45, 30.52, 10)] == ["s0000", "s0003"]


def test_kind_filter_still_returns_n_when_enough_match():
    # 400 basements round the query, the 3 metro stations kilometres away: the filter must look further.
    rnd = random.Random(7)
    shelters = [shelter(i, 50.45 + rnd.uniform(-0.005, 0.005), 30.52 + rnd.uniform(-0.008, 0.008)) for i in range(400)]
    metros = [shelter(1000 + i, 50.40 + 0.05 * i, 30.70, Kind.METRO) for i in range(3)]
    index = SpatialIndex(shelters + metros)
    hits = index.nearest(50.45, 30.52, 3, lambda s: s.kind is Kind.METRO)
    assert sorted(h.shelter.id for h in hits) == ["s1000", "s1001", "s1002"]
    assert index.nearest(50.45, 30.52, 10, lambda s: s.kind is Kind.METRO) == hits  # fewer match than asked
    assert index.nearest(50.45, 30.52, 5, lambda s: False) == []


def test_shelters_at_one_spot_all_come_back_in_id_order():
    shelters = [shelter(i, 50.4501, 30.5234) for i in (3, 1, 2)] + [shelter(9, 50.46, 30.53)]
    hits = SpatialIndex(shelters).nearest(50.4501, 30.5234, 3)
    assert [(h.shelter.id, h.distance_m) for h in hits] == [("s0001", 0.0), ("s0002", 0.0), ("s0003", 0.0)]


def test_within_includes_the_boundary_and_rejects_a_negative_radius():
    a, b = shelter(0, 50.45, 30.52), shelter(1, 50.46, 30.52)
    index = SpatialIndex([a, b])
    edge = geodesic_m(50.45, 30.52, 50.46, 30.52)
    assert [h.shelter.id for h in index.within(50.45, 30.52, edge)] == ["s0000", "s0001"]
    assert [h.shelter.id for h in index.within(50.45, 30.52, edge - 0.01)] == ["s0000"]
    assert index.within(50.45, 30.52, -1.0) == []


def test_hit_carries_walking_minutes():
    hit = SpatialIndex([shelter(0, 50.46, 30.52)]).nearest(50.45, 30.52, 1)[0]
    assert hit.walk_min == walk_minutes(hit.distance_m) == 20  # 1,112 m straight, ~1,496 m of streets


def test_impossible_positions_are_left_out_and_bad_queries_refused():
    # a damaged row must not stop the app from starting: it is logged and left out
    index = SpatialIndex([shelter(0, float("nan"), 30.5), shelter(1, 50.4, 30.5)])
    assert len(index) == 1 and index.unpositioned == 1
    with pytest.raises(ValueError):
        SpatialIndex([shelter(0, 50.4, 30.5)]).nearest(91.0, 30.5)


def test_real_shelters_match_brute_force():
    # The KMDA 2022 map: 3,694 real, clustered points. Oracle here is geodesic_m itself (checked against
    # geopy above and in test_geodesy), so this checks the index, not the formula, on real data.
    with shared_file("kyiv_shelters_kmda_2022.csv").open(encoding="utf-8", newline="") as f:
        shelters = [shelter(i, float(r["lat"]), float(r["lon"])) for i, r in enumerate(csv.DictReader(f))]
    index = SpatialIndex(shelters)
    rnd = random.Random(11)
    spots = [(rnd.uniform(SOUTH, NORTH), rnd.uniform(WEST, EAST)) for _ in range(15)] + list(NAMED.values())[:3]
    for lat, lon in spots:
        brute = sorted((geodesic_m(lat, lon, s.lat, s.lon), s.id) for s in shelters)
        assert [(h.distance_m, h.shelter.id) for h in index.nearest(lat, lon, 10)] == brute[:10]
        assert [h.shelter.id for h in index.within(lat, lon, 800)] == [i for d, i in brute if d <= 800]
