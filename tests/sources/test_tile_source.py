"""The tile service against a local server: images pass and are stored, error pages, 404s and floods do not;
tiles are kept as the server's cache headers say (at least 7 days) and then checked again with their validators.

(Named test_tile_source, not test_tiles: tests/map/test_tiles.py exists and test folders have no
__init__.py, so two modules of one name would collide.)
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from werkzeug import Request, Response

from shelterapp.map.tile_cache import JPEG_MAGIC, PNG_MAGIC, TileCache, TileValidity
from shelterapp.sources.errors import BadData, FailureKind, SourceError
from shelterapp.sources.http import USER_AGENT, HttpClient
from shelterapp.sources.tiles import MIN_FRESH_S, TILE_MAX_BYTES, TileService, fresh_for, make_tile_client

TILE = PNG_MAGIC + b"\x00\x00\x00\rIHDR" + b"\x00" * 100
JPEG_TILE = JPEG_MAGIC + b"\xe0\x00\x10JFIF" + b"\x00" * 100
DAY = 24 * 3600.0
NOW = 1_800_000_000.0


def as_is(data: bytes) -> bytes:
    """The decoder of these tests: any PNG or JPEG bytes are a tile (the map's loader decodes for real)."""
    return data


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def client():
    http = make_tile_client()
    yield http
    http.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(httpserver, client, tmp_path, clock):
    tiles = TileService(client, TileCache(tmp_path / "tiles"), template(httpserver), clock)
    yield tiles
    tiles.cache.close()


def template(httpserver) -> str:
    return httpserver.url_for("/tiles/{z}/{x}/{y}.png")


def test_a_tile_comes_back_with_our_user_agent_and_is_stored(httpserver, service):
    httpserver.expect_request("/tiles/12/2395/1381.png", headers={"User-Agent": USER_AGENT}).respond_with_data(
        TILE, content_type="image/png"
    )
    assert service.download(12, 2395, 1381, as_is).tile == TILE
    assert (12, 2395, 1381) in service and service.cached(12, 2395, 1381).data == TILE


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (404, FailureKind.SERVER_ERROR),  # a tile the server does not have (outside its extent)
        (503, FailureKind.SERVER_ERROR),  # the server is overloaded
        (429, FailureKind.RATE_LIMITED),  # too many tiles too fast: the loader pauses all downloads
        (403, FailureKind.AUTH),  # OSM blocks clients that break its tile policy with 403
    ],
)
def test_http_errors_raise_their_kind(httpserver, service, status, kind):
    httpserver.expect_request("/tiles/5/1/2.png").respond_with_data(b"nope", status=status)
    with pytest.raises(SourceError) as raised:
        service.download(5, 1, 2, as_is)
    assert raised.value.kind is kind
    assert (5, 1, 2) not in service


def test_an_html_page_with_status_200_is_bad_data(httpserver, service):
    # Captive portals and misconfigured proxies answer every URL with a page.
    httpserver.expect_request("/tiles/5/1/2.png").respond_with_data(b"<html>Log in to Wi-Fi</html>", status=200)
    with pytest.raises(BadData):
        service.download(5, 1, 2, as_is)
    assert (5, 1, 2) not in service


def test_an_oversized_answer_is_cut_off(httpserver, tmp_path):
    httpserver.expect_request("/tiles/5/1/2.png").respond_with_data(PNG_MAGIC + b"\0" * TILE_MAX_BYTES)
    # Even through a client with the feeds' larger cap, a tile over 2 MB is refused.
    http = HttpClient(deadline_s=5.0)
    try:
        with pytest.raises(BadData):
            TileService(http, TileCache(tmp_path / "tiles"), template(httpserver)).download(5, 1, 2, as_is)
    finally:
        http.close()


def test_nothing_listening_is_offline(client, tmp_path):
    with pytest.raises(SourceError) as raised:
        TileService(client, TileCache(tmp_path), "http://127.0.0.1:9/{z}/{x}/{y}.png").download(1, 0, 0, as_is)
    assert raised.value.kind is FailureKind.OFFLINE


def test_a_tile_the_decoder_refuses_is_never_stored(httpserver, service):
    # The loader's decoder refuses a tile that claims 8000x8000 pixels: it must not come back from disk later.
    httpserver.expect_request("/tiles/5/1/2.png").respond_with_data(TILE)

    def refuse(_data: bytes) -> bytes:
        raise BadData("the tile claims 8000x8000 pixels")

    with pytest.raises(BadData):
        service.download(5, 1, 2, refuse)
    assert (5, 1, 2) not in service


def test_a_jpeg_tile_is_stored_as_jpeg_and_read_back(httpserver, service, tmp_path):
    # Some tile servers send JPEG whatever the URL ends with; it is not written as a .png.
    httpserver.expect_request("/tiles/9/1/1.png").respond_with_data(JPEG_TILE, content_type="image/jpeg")
    service.download(9, 1, 1, as_is)
    assert (tmp_path / "tiles/9/1/1.jpg").read_bytes() == JPEG_TILE
    assert not (tmp_path / "tiles/9/1/1.png").exists()
    assert TileCache(tmp_path / "tiles").get(9, 1, 1) == JPEG_TILE  # found again after a restart


def test_without_cache_headers_a_tile_is_fresh_for_seven_days(httpserver, service, clock):
    httpserver.expect_request("/tiles/9/1/1.png").respond_with_data(TILE)
    fetched = service.download(9, 1, 1, as_is)
    assert fetched.fresh_until == NOW + MIN_FRESH_S
    assert not service.is_stale(service.cached(9, 1, 1).fresh_until)
    clock.now += MIN_FRESH_S
    assert service.is_stale(service.cached(9, 1, 1).fresh_until)


def test_an_expired_tile_is_checked_with_its_validators_and_a_304_restarts_its_age(httpserver, service, clock):
    asked: list[dict[str, str]] = []

    def answer(request: Request) -> Response:
        asked.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"Cache-Control": "max-age=2592000"})
        headers = {"ETag": '"v1"', "Last-Modified": "Tue, 01 Sep 2026 10:00:00 GMT", "Cache-Control": "max-age=3600"}
        return Response(TILE, content_type="image/png", headers=headers)

    httpserver.expect_request("/tiles/9/1/1.png").respond_with_handler(answer)
    service.download(9, 1, 1, as_is)
    assert "If-None-Match" not in asked[0]
    clock.now += 8 * DAY  # past the 7 days (the server's hour is raised to the policy's minimum)
    assert service.is_stale(service.cached(9, 1, 1).fresh_until)

    unchanged = service.download(9, 1, 1, as_is)
    assert asked[1]["If-None-Match"] == '"v1"'
    assert asked[1]["If-Modified-Since"] == "Tue, 01 Sep 2026 10:00:00 GMT"
    assert unchanged.tile is None  # no body: the stored tile stays
    assert service.cached(9, 1, 1) is not None and service.cached(9, 1, 1).data == TILE
    assert service.cached(9, 1, 1).fresh_until == clock.now + 30 * DAY  # its age starts again, the server's 30 days
    assert service.cache.validity(9, 1, 1).etag == '"v1"'  # kept for the next check


def test_a_changed_tile_replaces_the_stored_one(httpserver, service, clock, tmp_path):
    service.cache.put(9, 1, 1, TILE, TileValidity(NOW - 1, etag='"old"'))
    httpserver.expect_request("/tiles/9/1/1.png", headers={"If-None-Match": '"old"'}).respond_with_data(
        JPEG_TILE, headers={"ETag": '"new"'}
    )
    assert service.download(9, 1, 1, as_is).tile == JPEG_TILE
    assert service.cached(9, 1, 1).data == JPEG_TILE
    assert service.cache.validity(9, 1, 1).etag == '"new"'
    assert not (tmp_path / "tiles/9/1/1.png").exists()  # the PNG it replaced is gone, not counted twice
    assert service.cache.total_bytes == len(JPEG_TILE)


def test_a_tile_copied_in_without_validity_is_due_a_plain_check(httpserver, service, tmp_path):
    # A pre-seeded pack, or a cache from an earlier version: shown at once, and due a check when online.
    service.cache.put(9, 1, 1, TILE)
    assert service.cached(9, 1, 1).fresh_until == 0.0 and service.is_stale(0.0)
    httpserver.expect_request("/tiles/9/1/1.png").respond_with_data(TILE)
    service.download(9, 1, 1, as_is)
    assert "If-None-Match" not in httpserver.log[-1][0].headers


def test_a_304_for_a_tile_we_do_not_have_is_bad_data(httpserver, service):
    httpserver.expect_request("/tiles/9/1/1.png").respond_with_response(Response(status=304))
    with pytest.raises(BadData):
        service.download(9, 1, 1, as_is)


def test_without_a_client_nothing_is_stale_and_nothing_downloads(tmp_path):
    disk_only = TileService(None, TileCache(tmp_path))
    assert not disk_only.can_download and not disk_only.is_stale(0.0)
    with pytest.raises(BadData):
        disk_only.download(1, 0, 0, as_is)


@pytest.mark.parametrize(
    ("headers", "days"),
    [
        ({}, 7),  # no word from the server: the policy's 7 days
        ({"cache-control": "max-age=86400"}, 7),  # a day is raised to 7
        ({"cache-control": "public, max-age=2592000"}, 30),  # a month is kept a month
        ({"cache-control": "max-age=2592000", "age": "864000"}, 20),  # a proxy held it 10 of those days
        ({"cache-control": "no-cache"}, 7),  # the policy's minimum holds
        ({"cache-control": "max-age=99999999999"}, 365),  # "forever" is checked once a year
        ({"cache-control": "max-age=nonsense"}, 7),
        (
            {
                "date": format_datetime(datetime.fromtimestamp(NOW, UTC), usegmt=True),
                "expires": format_datetime(datetime.fromtimestamp(NOW + 14 * DAY, UTC), usegmt=True),
            },
            14,
        ),
        ({"expires": "0"}, 7),  # "already expired", written the old way
    ],
)
def test_freshness_follows_the_cache_headers(headers, days):
    assert fresh_for(headers, NOW) == pytest.approx(days * DAY)
