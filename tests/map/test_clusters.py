"""Clustering: thousands of shelters read as a few numbered discs from afar and as single markers up close,
and no shelter is ever lost or counted twice."""

from __future__ import annotations

import random

import pytest

from shelterapp.map.clusters import ClusterIndex
from shelterapp.map.tiles import TILE_SIZE, project


def kyiv_points(count: int, seed: int = 1) -> list[tuple[float, float, int]]:
    rnd = random.Random(seed)
    return [(rnd.uniform(50.21, 50.59), rnd.uniform(30.24, 30.83), i) for i in range(count)]


def all_clusters(index: ClusterIndex, zoom: int):
    return [c for tile in index.at(zoom).values() for c in tile]


@pytest.mark.parametrize("zoom", range(3, 20))
def test_every_point_is_in_exactly_one_cluster_at_every_zoom(zoom):
    points = kyiv_points(2000)
    clusters = all_clusters(ClusterIndex(points), zoom)
    assert sum(c.count for c in clusters) == 2000
    assert sorted(m for c in clusters for m in c.members) == list(range(2000))
    assert all(c.count == len(c.members) for c in clusters)


def test_near_points_merge_and_split_when_zoomed_in():
    # Two entrances of one building 30 m apart, and a shelter 3 km away.
    points = [(50.4501, 30.5234, "a"), (50.4503, 30.5237, "b"), (50.4701, 30.5234, "far")]
    index = ClusterIndex(points)
    at_12 = sorted((c.count, sorted(c.members)) for c in all_clusters(index, 12))
    assert at_12 == [(1, ["far"]), (2, ["a", "b"])]
    assert all(c.count == 1 for c in all_clusters(index, 16))  # street level: every shelter alone


def test_cluster_sits_at_the_mean_of_its_members():
    points = [(50.4501, 30.5234, 0), (50.4505, 30.5240, 1)]
    (cluster,) = all_clusters(ClusterIndex(points), 10)
    xs, ys = zip(*(project(lat, lon) for lat, lon, _ in points), strict=True)
    assert cluster.x == pytest.approx(sum(xs) / 2)
    assert cluster.y == pytest.approx(sum(ys) / 2)
    assert cluster.pixel(10) == pytest.approx((cluster.x * (TILE_SIZE << 10), cluster.y * (TILE_SIZE << 10)))


def test_fewer_clusters_when_zoomed_out():
    index = ClusterIndex(kyiv_points(5000))
    counts = [len(all_clusters(index, z)) for z in (10, 12, 14, 16)]
    assert counts == sorted(counts)
    assert counts[0] < 100  # the whole city at z10: dozens of discs, not thousands of dots
    assert counts[-1] == 5000


def test_single_from_is_configurable():
    points = kyiv_points(500)
    assert len(all_clusters(ClusterIndex(points, single_from=12), 12)) == 500
    assert len(all_clusters(ClusterIndex(points, single_from=13), 12)) < 500


def test_no_two_clusters_overlap_much():
    # The merge pass: the grid alone can cut a tight group in two touching discs.
    index = ClusterIndex(kyiv_points(3000, seed=7))
    for zoom in (11, 13):
        scale = TILE_SIZE << zoom
        positions = [(c.x * scale, c.y * scale) for c in all_clusters(index, zoom)]
        cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for x, y in positions:
            cells.setdefault((int(x // 64), int(y // 64)), []).append((x, y))
        close = 0
        for (cx, cy), here in cells.items():
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for x, y in cells.get((cx + dx, cy + dy), ()):
                        close += sum(1 for hx, hy in here if 0 < (hx - x) ** 2 + (hy - y) ** 2 < 16**2)
        assert close <= len(positions) // 20, zoom  # centres 16 px apart would draw as one blob


def test_clusters_are_indexed_by_the_tile_they_fall_in():
    index = ClusterIndex(kyiv_points(1000))
    for (tx, ty), clusters in index.at(13).items():
        for c in clusters:
            assert (int(c.x * 2**13), int(c.y * 2**13)) == (tx, ty)


def test_in_rect_visits_only_the_tiles_touching_it():
    index = ClusterIndex(kyiv_points(5000))
    x, y = project(50.45, 30.52)
    scale = TILE_SIZE << 14
    left, top = x * scale - 400, y * scale - 300
    found = list(index.in_rect(14, left, top, left + 800, top + 600))
    everything = all_clusters(index, 14)
    assert 0 < len(found) < len(everything) / 10
    inside = [c for c in everything if left <= c.x * scale <= left + 800 and top <= c.y * scale <= top + 600]
    assert {id(c) for c in inside} <= {id(c) for c in found}


def test_empty_and_cell_size_checks():
    assert ClusterIndex([]).at(12) == {}
    assert list(ClusterIndex([]).in_rect(12, 0, 0, 100, 100)) == []
    with pytest.raises(ValueError):
        ClusterIndex([], cell_px=60)


def test_5000_points_each_land_in_exactly_one_cluster():
    # The speed of a zoom level's first build is measured by bench/map_paint.py (its "first" column), against
    # a naive painter in the same run; here, that the clustering loses and duplicates no shelter at that size.
    points = kyiv_points(5000)
    index = ClusterIndex(points)
    clusters = [cluster for tile in index.at(13).values() for cluster in tile]
    members = [member for cluster in clusters for member in cluster.members]
    assert sum(cluster.count for cluster in clusters) == len(members) == 5000
    assert sorted(members) == sorted(payload for _, _, payload in points)
