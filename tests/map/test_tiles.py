"""Tile math: the map must ask for the same tiles OpenStreetMap serves for a place, and put markers where
the tiles show that place."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelterapp.map.tiles import (
    DEFAULT_TILE_URL,
    MAX_LATITUDE,
    TILE_ATTRIBUTION,
    meters_per_pixel,
    project,
    scale_bar,
    tile_of,
    tile_url,
    unproject,
)


def osm_wiki_tile(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    """The formula as the OSM wiki (Slippy map tilenames) writes it: asinh(tan), not our log form."""
    n = 2**zoom
    lat_rad = math.radians(lat)
    return int((lon + 180.0) / 360.0 * n), int((1.0 - math.asinh(math.tan(lat_rad)) / math.pi) / 2.0 * n)


@pytest.mark.parametrize(
    ("lat", "lon", "zoom", "expected"),
    [
        (50.4501, 30.5234, 10, (598, 345)),  # Kyiv centre: worked by hand from the wiki formula
        (50.4501, 30.5234, 12, (2395, 1381)),  # the zoom the map opens at
        (50.4501, 30.5234, 16, (38324, 22098)),  # street level, where markers stop clustering
        (51.5074, -0.1278, 10, (511, 340)),  # London: west of Greenwich, a second opinion
        (0.0, 0.0, 1, (1, 1)),  # the origin sits on a tile corner: belongs to the south-east tile
    ],
)
def test_known_tiles(lat, lon, zoom, expected):
    assert tile_of(lat, lon, zoom) == expected


@given(
    st.floats(50.21, 50.59),
    st.floats(30.24, 30.83),
    st.integers(3, 19),
)
def test_tile_numbers_agree_with_the_wiki_formula_across_kyiv(lat, lon, zoom):
    x, y = tile_of(lat, lon, zoom)
    ex, ey = osm_wiki_tile(lat, lon, zoom)
    # Where two formulas differ in the last float bit a point right on a tile edge may fall either side.
    assert abs(x - ex) <= 1 and abs(y - ey) <= 1
    fx, fy = project(lat, lon)
    if abs(fx * 2**zoom - round(fx * 2**zoom)) > 1e-9 and abs(fy * 2**zoom - round(fy * 2**zoom)) > 1e-9:
        assert (x, y) == (ex, ey)


@given(st.floats(-85.0, 85.0), st.floats(-180.0, 179.999))
def test_round_trip_is_exact_to_a_millimetre(lat, lon):
    back_lat, back_lon = unproject(*project(lat, lon))
    assert back_lat == pytest.approx(lat, abs=1e-8)
    assert back_lon == pytest.approx(lon, abs=1e-8)


@pytest.mark.parametrize(
    "lat",
    [
        90.0,  # the pole has no place on a Mercator square: clamped, not a math error
        -90.0,
        89.0,
    ],
)
def test_poles_are_clamped_to_the_square(lat):
    x, y = project(lat, 10.0)
    assert 0.0 <= y < 1.0
    assert unproject(x, y)[0] == pytest.approx(math.copysign(MAX_LATITUDE, lat), abs=1e-6)


def test_longitude_wraps():
    assert project(0.0, 180.0)[0] == pytest.approx(project(0.0, -180.0)[0])
    assert 0.0 <= project(0.0, 540.0)[0] < 1.0


def test_meters_per_pixel_in_kyiv():
    assert meters_per_pixel(0.0, 0) == pytest.approx(156_543.034, abs=0.01)  # the published z0 figure
    # Kyiv at z16: 2.387 m at the equator times cos(50.45°)
    assert meters_per_pixel(50.45, 16) == pytest.approx(1.5214, abs=1e-3)


@pytest.mark.parametrize(
    ("zoom", "metres"),
    [
        (12, 2000.0),  # the city at a glance: kilometres
        (16, 100.0),  # a few streets: hundreds of metres
        (19, 20.0),  # one courtyard
    ],
)
def test_scale_bar_picks_a_round_length_that_fits(zoom, metres):
    length, px = scale_bar(50.45, zoom, 120)
    assert length == metres
    assert 120 / 2.5 <= px <= 120  # a 1-2-5 series never leaves the bar shorter than 40 % of the room


def test_tile_url_and_constants():
    assert tile_url(DEFAULT_TILE_URL, 12, 2395, 1381) == "https://tile.openstreetmap.org/12/2395/1381.png"
    assert tile_url("http://h/{z}/{x}/{y}.png?key={key}", 1, 2, 3) == "http://h/1/2/3.png?key={key}"
    assert "OpenStreetMap contributors" in TILE_ATTRIBUTION
