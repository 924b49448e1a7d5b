"""Updating the downloadable shelter lists against a local server: a good list is swapped in, a bad one never is."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import FIXTURES, city_layer, official_csv, shared_file

from shelterapp.config import SHELTER_LIST_SOURCES, AppConfig, SourceOverride
from shelterapp.shelter_updates.plausibility import RECENT_DAYS
from shelterapp.shelter_updates.updater import due_for_refresh, sources_due, update_list
from shelterapp.shelters.catalog import Catalog
from shelterapp.shelters.formats.osm import OVERPASS_FILTERS, OVERPASS_QUERY, kind_of
from shelterapp.shelters.store import Dataset
from shelterapp.sources.http import HttpClient
from shelterapp.sources.shelter_lists import (
    KYIV_OPENDATA,
    MIN_INTERVAL_S,
    OSM,
    SHELTER_LISTS,
    ShelterList,
    configured,
    downloader,
)

LAYER = FIXTURES / "shelters" / "kyiv_layer_small.geojson"
LAYER_IDS = [f"kyiv-opendata:{n}" for n in (701, 702, 703, 704, 705)]  # 706 is not current, 707 is in Lviv


def serve(httpserver, path: str, body: bytes, status: int = 200, content_type: str = "application/json") -> str:
    httpserver.expect_request(path).respond_with_data(body, status=status, content_type=content_type)
    return httpserver.url_for(path)


def kyiv(url: str, *fallbacks: str) -> ShelterList:
    return replace(KYIV_OPENDATA, url=url, fallback_urls=fallbacks)


def run(source: ShelterList, catalog: Catalog, http: HttpClient, tmp_path: Path):
    return update_list(source, catalog, downloader(source, http), tmp_path / "cache")


def ids(catalog: Catalog, dataset: str) -> list[str]:
    return [s.id for s in catalog.store.shelters(dataset)]


def test_city_layer_is_stored_under_the_official_dataset_with_licence_and_stable_ids(
    httpserver, catalog, http, tmp_path
):
    url = serve(httpserver, "/layer/query", LAYER.read_bytes()) + "?where=1%3D1&f=geojson"
    first = run(kyiv(url), catalog, http, tmp_path)
    assert first.ok and first.error is None and first.failure is None
    assert (first.rows, first.rejected, first.unpositioned) == (5, 2, 0)
    assert first.reasons == {"not_current": 1, "outside_kyiv": 1}
    assert (first.attribution, first.licence) == ("Дані: Київська міська державна адміністрація", "CC BY 4.0")
    assert first.url == httpserver.url_for("/layer/query") and "?" not in first.url  # no query in the origin
    assert first.updated == datetime.now().date().isoformat()
    assert ids(catalog, "kyiv-opendata") == LAYER_IDS
    dataset = next(d for d in catalog.datasets() if d.source == "kyiv-opendata")
    assert (dataset.licence, dataset.origin, dataset.rows) == ("CC BY 4.0", first.url, 5)
    school = next(s for s in catalog.shelters if s.id == "kyiv-opendata:703")
    assert "учасникам освітнього процесу" in school.hours  # school-hours-only shelters say so

    again = run(kyiv(url), catalog, http, tmp_path)
    assert again.ok and ids(catalog, "kyiv-opendata") == LAYER_IDS  # same content, same ids: no duplicates
    assert not list((tmp_path / "cache").iterdir())  # the downloaded file is not left behind


BAD_ANSWERS = [
    # the server is down
    (b"oops", 500, "text/plain", "server_error"),
    # the layer moved
    (b"not here", 404, "text/plain", "server_error"),
    # a WAF or captive portal answers 200 with a web page
    (b"<!DOCTYPE html><html><body>Access denied</body></html>", 200, "text/html", "unreadable"),
    # the connection dropped half-way through the JSON
    (LAYER.read_bytes()[:900], 200, "application/json", "unreadable"),
    # the stage host "often returned an empty layer"
    (b'{"type": "FeatureCollection", "features": []}', 200, "application/json", "no_shelters"),
    # ArcGIS reports its own errors with status 200
    (b'{"error": {"code": 400, "message": "Invalid query"}}', 200, "application/json", "unreadable"),
    # an empty body
    (b"", 200, "application/json", "unreadable"),
]


@pytest.mark.parametrize(("body", "status", "content_type", "failure"), BAD_ANSWERS)
def test_a_bad_answer_keeps_the_previous_list(httpserver, catalog, http, tmp_path, body, status, content_type, failure):
    good = serve(httpserver, "/good", LAYER.read_bytes())
    assert run(kyiv(good), catalog, http, tmp_path).ok
    before = catalog.datasets()
    bad = serve(httpserver, "/bad", body, status, content_type)
    outcome = run(kyiv(bad), catalog, http, tmp_path)
    assert not outcome.ok and outcome.failure == failure and outcome.rows == 0
    assert outcome.error and "\n" not in outcome.error
    assert ids(catalog, "kyiv-opendata") == LAYER_IDS and catalog.datasets() == before


def test_a_list_that_shrank_by_more_than_half_is_refused(httpserver, catalog, http, tmp_path):
    assert run(kyiv(serve(httpserver, "/full", LAYER.read_bytes())), catalog, http, tmp_path).ok
    layer = json.loads(LAYER.read_bytes())
    layer["features"] = layer["features"][:2]
    outcome = run(kyiv(serve(httpserver, "/short", json.dumps(layer).encode())), catalog, http, tmp_path)
    assert not outcome.ok and outcome.failure == "shrank"
    assert "2 shelters where the largest list of the last 90 days had 5" in (outcome.error or "")
    assert ids(catalog, "kyiv-opendata") == LAYER_IDS


def test_the_fallback_host_is_used_when_the_main_one_fails(httpserver, catalog, http, tmp_path):
    main = serve(httpserver, "/main", b"<html>blocked</html>", 403, "text/html")
    stage = serve(httpserver, "/stage", LAYER.read_bytes())
    outcome = run(kyiv(main, stage), catalog, http, tmp_path)
    assert outcome.ok and outcome.url == stage and ids(catalog, "kyiv-opendata") == LAYER_IDS


def test_when_every_host_fails_the_error_names_each_without_query_strings(httpserver, catalog, http, tmp_path):
    main = serve(httpserver, "/main", b"", 503, "text/plain") + "?token=SECRET123"
    stage = serve(httpserver, "/stage", b'{"type": "FeatureCollection", "features": []}')
    outcome = run(kyiv(main, stage), catalog, http, tmp_path)
    assert not outcome.ok and outcome.failure == "server_error"  # the main host's failure
    assert "503" in (outcome.error or "") and "no valid shelter" in (outcome.error or "")
    assert "SECRET123" not in (outcome.error or "") and "token" not in (outcome.error or "")
    assert ids(catalog, "kyiv-opendata") == []


def test_an_answer_over_the_size_cap_is_refused(httpserver, catalog, tmp_path):
    small_cap = HttpClient(max_bytes=1000)
    try:
        outcome = run(kyiv(serve(httpserver, "/big", LAYER.read_bytes())), catalog, small_cap, tmp_path)
    finally:
        small_cap.close()
    assert not outcome.ok and outcome.failure == "bad_data" and "cap" in (outcome.error or "")


def test_osm_sends_the_overpass_query_and_stores_open_data(httpserver, catalog, http, tmp_path):
    httpserver.expect_request("/api/interpreter", query_string={"data": OVERPASS_QUERY}).respond_with_data(
        (FIXTURES / "shelters" / "osm_small.json").read_bytes(), content_type="application/json"
    )
    source = replace(OSM, url=httpserver.url_for("/api/interpreter"))
    outcome = run(source, catalog, http, tmp_path)
    assert outcome.ok and outcome.rows == 8 and outcome.licence == "ODbL 1.0"
    assert outcome.attribution == "© OpenStreetMap contributors"
    assert all(shelter_id.startswith("osm:") for shelter_id in ids(catalog, "osm"))


def test_an_overpass_answer_cut_short_by_its_timeout_is_refused(httpserver, catalog, http, tmp_path):
    body = b'{"elements": [], "remark": "runtime error: Query timed out in \\"query\\" at line 1 after 150 seconds."}'
    source = replace(OSM, url=serve(httpserver, "/api/interpreter", body))
    outcome = run(source, catalog, http, tmp_path)
    assert not outcome.ok and outcome.failure == "bad_data" and "Overpass" in (outcome.error or "")


@pytest.mark.parametrize("selector", OVERPASS_FILTERS)
def test_every_overpass_filter_selects_what_the_osm_reader_accepts(selector):
    # A query that fetches what the reader then rejects would waste the server's time and ours.
    pairs = re.findall(r'\["([^"]+)"(=|~)"([^"]+)"\]', selector)
    assert pairs
    choices = [
        [(key, value)] if op == "=" else [(key, v) for v in value.strip("^$()").split("|")] for key, op, value in pairs
    ]
    for first in choices[0]:
        tags = dict([first, *(options[0] for options in choices[1:])])
        assert kind_of(tags) is not None, tags


def test_real_official_xlsx_replaces_a_hand_imported_csv(httpserver, catalog, http, tmp_path):
    catalog.import_file(shared_file("kyiv_shelters_official.csv"))
    xlsx = shared_file("kyiv_shelters_official.xlsx").read_bytes()
    url = serve(httpserver, "/official.xlsx", xlsx, content_type="application/octet-stream")
    outcome = run(kyiv(url), catalog, http, tmp_path)
    assert outcome.ok and (outcome.rows, outcome.rejected) == (4221, 161)
    assert catalog.stored_rows("kyiv-opendata") == 4221  # replaced, not added
    assert outcome.unpositioned < 4221  # metro rows placed from the bundled stations


def test_real_kmz_at_the_official_url_is_rekeyed_and_stable(httpserver, catalog, http, tmp_path):
    kmz = shared_file("kyiv_shelters_kmda_2022.kmz").read_bytes()
    url = serve(httpserver, "/map.kmz", kmz, content_type="application/vnd.google-earth.kmz")
    first = run(kyiv(url), catalog, http, tmp_path)
    first_ids = ids(catalog, "kyiv-opendata")
    assert first.ok and first.rows == len(first_ids) == 3694 and first.unpositioned == 0
    assert all(i.startswith("kyiv-opendata:") for i in first_ids)
    assert run(kyiv(url), catalog, http, tmp_path).ok and ids(catalog, "kyiv-opendata") == first_ids


def test_real_osm_entrances(httpserver, catalog, http, tmp_path):
    body = shared_file("osm_kyiv_subway_entrances.json").read_bytes()
    source = replace(OSM, url=serve(httpserver, "/api/interpreter", body))
    outcome = run(source, catalog, http, tmp_path)
    assert outcome.ok and outcome.rows == 270 and outcome.rejected == 0
    assert {s.kind.value for s in catalog.store.shelters("osm")} == {"metro"}


def test_lists_are_named_as_the_config_contract_says_and_overrides_apply():
    assert tuple(SHELTER_LISTS) == SHELTER_LIST_SOURCES == ("kyiv_opendata", "osm")
    assert KYIV_OPENDATA.dataset == "kyiv-opendata" and "gisserver-stage." in KYIV_OPENDATA.fallback_urls[0]
    defaults = {s.name: s for s in configured(AppConfig())}
    assert defaults["kyiv_opendata"].enabled and defaults["osm"].enabled
    assert defaults["osm"].interval_s == 7 * 24 * 3600
    config = AppConfig(
        sources={
            "kyiv_opendata": SourceOverride(url="http://127.0.0.1:9/mirror.geojson", interval_s=60),
            "osm": SourceOverride(enabled=False),
        }
    )
    lists = {s.name: s for s in configured(config)}
    # a mirror of one's own replaces the city's fallback host too: nothing comes from elsewhere unasked
    assert lists["kyiv_opendata"].urls == ("http://127.0.0.1:9/mirror.geojson",)
    assert lists["kyiv_opendata"].interval_s == MIN_INTERVAL_S  # not every minute, whatever the file says
    assert lists["osm"].enabled is False and lists["osm"].url == OSM.url


NOW = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)
WEEK = 7 * 24 * 3600.0


def dataset(source: str, imported_at: datetime | str) -> Dataset:
    stamp = imported_at if isinstance(imported_at, str) else imported_at.isoformat()
    return Dataset(source, "", "", "", stamp, 1, 0, 1)


@pytest.mark.parametrize(
    ("data", "due"),
    [
        (None, True),  # never updated: fetch at once
        (dataset("osm", NOW - timedelta(days=2)), False),  # fresh
        (dataset("osm", NOW - timedelta(days=7)), True),  # a week old: the weekly refresh is due
        (dataset("osm", NOW - timedelta(days=30)), True),  # long overdue (the app was not running)
        (dataset("osm", NOW + timedelta(days=3)), True),  # stamped in the future: the clock was wrong then
        (dataset("osm", NOW + timedelta(minutes=5)), False),  # a few minutes of clock skew is not an error
        (dataset("osm", "garbage"), True),  # an unreadable stamp must not stop refreshes forever
    ],
)
def test_due_for_refresh(data, due):
    assert due_for_refresh(data, NOW, WEEK) is due


def test_sources_due_skips_disabled_and_fresh_lists():
    lists = [KYIV_OPENDATA, replace(OSM, enabled=False)]
    assert sources_due(lists, [], NOW) == [KYIV_OPENDATA]
    fresh = [dataset("kyiv-opendata", NOW - timedelta(hours=1))]
    assert sources_due(lists, fresh, NOW) == []


# --- a download cut by the deadline ---------------------------------------------------------------------
@contextmanager
def stalling_server(answer: bytes) -> Iterator[str]:
    """Sends `answer` (headers and body, no Content-Length) and then nothing, keeping the connection open."""
    listener = socket.create_server(("127.0.0.1", 0))
    done = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(answer)
            done.wait(10)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/official.csv"
    finally:
        done.set()
        listener.close()
        thread.join(10)


def test_a_list_cut_by_the_deadline_never_replaces_the_stored_one(httpserver, catalog, http, tmp_path):
    # the case: no Content-Length, the server stalls after 60 of 100 rows, our deadline closes the
    # socket; the 60 rows read as a complete CSV and were stored as the city's list, "ok"
    full = serve(httpserver, "/full.csv", official_csv(100), content_type="text/csv")
    assert run(kyiv(full), catalog, http, tmp_path).ok
    assert catalog.stored_rows("kyiv-opendata") == 100
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nConnection: close\r\n\r\n"
    client = HttpClient(deadline_s=1.0)
    try:
        with stalling_server(head + official_csv(100)[: len(official_csv(60))]) as url:
            outcome = run(kyiv(url), catalog, client, tmp_path)
    finally:
        client.close()
    assert not outcome.ok and outcome.failure == "timeout", outcome
    assert catalog.stored_rows("kyiv-opendata") == 100


# --- plausibility (tests/shelter_updates/test_plausibility.py has the thresholds on the real lists) --------
def test_an_update_that_puts_every_shelter_on_one_point_is_refused(httpserver, catalog, http, tmp_path):
    assert run(kyiv(serve(httpserver, "/good", city_layer(100))), catalog, http, tmp_path).ok
    outcome = run(kyiv(serve(httpserver, "/poisoned", city_layer(100, one_point=True))), catalog, http, tmp_path)
    assert not outcome.ok and outcome.failure == "duplicate_points", outcome
    assert outcome.error and "\n" not in outcome.error and "repeat a position" in outcome.error
    assert {(s.lat, s.lon) for s in catalog.store.shelters("kyiv-opendata")} != {(50.45, 30.52)}  # the old list


def test_a_list_cannot_shrink_to_nothing_a_little_at_a_time(httpserver, catalog, http, tmp_path):
    # 100 -> 55 -> 28: each step is under half of the one before only against the largest recent list
    assert run(kyiv(serve(httpserver, "/100", city_layer(100))), catalog, http, tmp_path).ok
    assert run(kyiv(serve(httpserver, "/55", city_layer(55))), catalog, http, tmp_path).ok
    third = run(kyiv(serve(httpserver, "/28", city_layer(28))), catalog, http, tmp_path)
    assert not third.ok and third.failure == "shrank" and "had 100" in (third.error or ""), third
    assert catalog.stored_rows("kyiv-opendata") == 55


def test_the_largest_recent_list_is_forgotten_after_the_recent_window(catalog, tmp_path):
    for count in (100, 55):
        path = tmp_path / f"{count}.geojson"
        path.write_bytes(city_layer(count))
        catalog.apply_import(catalog.parse_file(path), path.name)
    assert catalog.largest_recent_rows("geojson", RECENT_DAYS) == 100
    later = datetime.now(UTC) + timedelta(days=RECENT_DAYS + 1)  # a real decline gets through, in time
    assert catalog.largest_recent_rows("geojson", RECENT_DAYS, now=later) == 55  # what is stored still counts
    assert catalog.largest_recent_rows("osm", RECENT_DAYS) == 0
