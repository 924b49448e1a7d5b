"""Fetching one map tile from a local server: images pass, error pages, 404s and floods do not.

(Named test_tile_source, not test_tiles: tests/map/test_tiles.py exists and test folders have no
__init__.py, so two modules of one name would collide.)
"""

from __future__ import annotations

import pytest

from shelterapp.map.tile_cache import PNG_MAGIC
from shelterapp.sources.base import BadData, FailureKind, SourceError
from shelterapp.sources.http import USER_AGENT, HttpClient
from shelterapp.sources.tiles import TILE_MAX_BYTES, fetch_tile, make_tile_client

TILE = PNG_MAGIC + b"\x00\x00\x00\rIHDR" + b"\x00" * 100


@pytest.fixture
def client():
    http = make_tile_client()
    yield http
    http.close()


def template(httpserver) -> str:
    return httpserver.url_for("/tiles/{z}/{x}/{y}.png")


def test_a_tile_comes_back_as_bytes_with_our_user_agent(httpserver, client):
    httpserver.expect_request("/tiles/12/2395/1381.png", headers={"User-Agent": USER_AGENT}).respond_with_data(
        TILE, content_type="image/png"
    )
    assert fetch_tile(client, template(httpserver), 12, 2395, 1381) == TILE


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (404, FailureKind.SERVER_ERROR),  # a tile the server does not have (outside its extent)
        (503, FailureKind.SERVER_ERROR),  # the server is overloaded
        (429, FailureKind.RATE_LIMITED),  # too many tiles too fast: the loader pauses all downloads
        (403, FailureKind.AUTH),  # OSM blocks clients that break its tile policy with 403
    ],
)
def test_http_errors_raise_their_kind(httpserver, client, status, kind):
    httpserver.expect_request("/tiles/5/1/2.png").respond_with_data(b"nope", status=status)
    with pytest.raises(SourceError) as raised:
        fetch_tile(client, template(httpserver), 5, 1, 2)
    assert raised.value.kind is kind


def test_an_html_page_with_status_200_is_bad_data(httpserver, client):
    # Captive portals and misconfigured proxies answer every URL with a page.
    httpserver.expect_request("/tiles/5/1/2.png").respond_with_data(b"<html>Log in to Wi-Fi</html>", status=200)
    with pytest.raises(BadData):
        fetch_tile(client, template(httpserver), 5, 1, 2)


def test_an_oversized_answer_is_cut_off(httpserver):
    httpserver.expect_request("/tiles/5/1/2.png").respond_with_data(PNG_MAGIC + b"\0" * TILE_MAX_BYTES)
    # Even through a client with the feeds' larger cap, a tile over 2 MB is refused.
    http = HttpClient(deadline_s=5.0)
    try:
        with pytest.raises(BadData):
            fetch_tile(http, template(httpserver), 5, 1, 2)
    finally:
        http.close()


def test_nothing_listening_is_offline(client):
    with pytest.raises(SourceError) as raised:
        fetch_tile(client, "http://127.0.0.1:9/{z}/{x}/{y}.png", 1, 0, 0)
    assert raised.value.kind is FailureKind.OFFLINE
