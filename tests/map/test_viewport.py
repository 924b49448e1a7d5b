"""The map's view without a window: where a point lands on screen, and what pan, drag, zoom and fit do to it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelterapp.map.tiles import MAX_ZOOM, MIN_ZOOM, TILE_SIZE, tile_of
from shelterapp.map.viewport import DEFAULT_ZOOM, KYIV_CENTRE, Viewport

CENTRE = (50.4501, 30.5234)


def view(width: int = 400, height: int = 300, zoom: int = 14) -> Viewport:
    return Viewport(lambda: (width, height), CENTRE, zoom)


def test_it_opens_on_kyiv_and_the_centre_is_the_middle_of_the_screen():
    fresh = Viewport(lambda: (400, 300))
    assert fresh.zoom == DEFAULT_ZOOM
    assert fresh.centre() == pytest.approx(KYIV_CENTRE)
    assert fresh.screen_pos(*KYIV_CENTRE) == pytest.approx((200, 150), abs=0.5)


def test_screen_and_world_are_inverse():
    here = view()
    x, y = here.to_world(123.0, 45.0)
    assert here.to_screen(x, y) == pytest.approx((123.0, 45.0))


def test_a_resize_is_seen_at_once():
    # The widget's size is asked on every use: a stale copy would put markers where they were before.
    size = [400, 300]
    here = Viewport(lambda: (size[0], size[1]), CENTRE, 14)
    size[:] = [800, 600]
    assert here.screen_pos(*CENTRE) == pytest.approx((400, 300), abs=0.5)


def test_arrow_keys_pan_by_pixels_and_only_a_real_change_counts():
    here = view()
    before = here.screen_pos(*CENTRE)
    assert here.pan(96, 0)
    after = here.screen_pos(*CENTRE)
    assert after[0] == pytest.approx(before[0] - 96, abs=1) and after[1] == pytest.approx(before[1], abs=1)
    assert not here.set_view(here.cx, here.cy, here.zoom)  # nothing moved: no repaint, no view_changed


def test_a_drag_moves_the_map_with_the_pointer():
    here = view()
    start = (here.cx, here.cy)
    before = here.screen_pos(*CENTRE)
    here.dragged(start, 60, 40)
    here.dragged(start, 60, 40)  # the same drag event twice: measured from where it started, not added up
    after = here.screen_pos(*CENTRE)
    assert (round(after[0] - before[0]), round(after[1] - before[1])) == (60, 40)


@pytest.mark.parametrize("steps", [1, -1, 3])
def test_zoom_keeps_the_point_under_the_cursor(steps):
    here = view(zoom=13)
    target = (50.4600, 30.5000)
    sx, sy = here.screen_pos(*target)
    here.zoom_about(here.zoom + steps, sx, sy)
    assert here.zoom == 13 + steps
    assert here.screen_pos(*target) == pytest.approx((sx, sy), abs=1.5)


def test_zoom_stays_within_the_tile_servers_levels():
    here = view(zoom=MAX_ZOOM)
    here.zoom_about(MAX_ZOOM + 1, 10, 10)
    assert here.zoom == MAX_ZOOM
    here.set_view(here.cx, here.cy, -5)
    assert here.zoom == MIN_ZOOM


def test_the_worlds_edge_never_shows_and_longitude_wraps():
    here = view(zoom=4)
    here.center_on(85.0, 179.9)
    top = here.to_world(0, 0)[1]
    assert top >= 0.0  # no grey band above the top of the world
    here.pan(TILE_SIZE << 4, 0)  # once round the world
    assert 0.0 <= here.cx < 1.0


def test_fit_shows_every_point_at_the_closest_zoom():
    here = view(zoom=5)
    points = [(50.4501, 30.5234), (50.4620, 30.5010), (50.4390, 30.5400)]
    assert here.fit(points)
    assert here.zoom >= 13
    for point in points:
        sx, sy = here.screen_pos(*point)
        assert 40 <= sx <= 360 and 40 <= sy <= 260  # inside the margin
    here.fit(points[:1], max_zoom=16)
    assert here.zoom == 16
    assert not here.fit([])


def test_tiles_on_screen_cover_it_and_the_middle_comes_last():
    here = view(400, 300, 14)
    tiles = here.tiles_on_screen()
    covered = {(x, y) for x, y, _left, _top in tiles}
    assert tile_of(*CENTRE, 14) in covered
    assert tiles[-1][:2] == tile_of(*CENTRE, 14)  # drawn (and asked for) last: a newest-first loader serves it first
    for _x, _y, left, top in tiles:
        assert -TILE_SIZE < left < 400 and -TILE_SIZE < top < 300
    assert len(tiles) == len(covered)


def test_a_tile_or_its_ancestor_on_screen_is_seen():
    here = view(zoom=14)
    x, y = tile_of(*CENTRE, 14)
    assert here.shows_tile(14, x, y, 4)
    assert here.shows_tile(12, x >> 2, y >> 2, 4)  # an ancestor standing in for it
    assert not here.shows_tile(9, x >> 5, y >> 5, 4)  # too far up to be drawn enlarged
    assert not here.shows_tile(14, x + 50, y, 4)
    assert not here.shows_tile(15, 2 * x, 2 * y, 4)  # a child is never drawn in its parent's place


@given(
    lat=st.floats(50.2, 50.6),
    lon=st.floats(30.2, 30.9),
    zoom=st.integers(MIN_ZOOM, MAX_ZOOM),
)
def test_centre_on_puts_the_point_in_the_middle(lat, lon, zoom):
    here = view(zoom=zoom)
    here.center_on(lat, lon, zoom)
    assert here.screen_pos(lat, lon) == pytest.approx((200, 150), abs=1.0)
