"""The fault matrix, second half: the map's tile client, the address search (Nominatim) and the shelter-list
download, each faced with every fault of fault_matrix.FAULTS, run the way the app runs them (the tile
loader's own pool, a worker for the search and the download), with the GUI heartbeat on.

What a person would notice: the map keeps the tiles it has and says it is offline (or waits, or skips the
one bad tile) without a storm of requests; a search says why it failed; a failed update keeps the stored
list and says why in one log line.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
from fault_matrix import FAULTS, LIST_FAILURES, client_for, expected, fault_deadlines
from feeds_under_test import assert_no_crash_lines, nominatim_answer, png_tile, problems, shelter_layer

from shelterapp.background import run_in_background
from shelterapp.map.tile_cache import TileCache
from shelterapp.shelter_updates.updater import UpdateFailed, apply_list, fetch_list
from shelterapp.shelters.catalog import Catalog
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.nominatim import NominatimGeocoder, RateGate
from shelterapp.sources.shelter_lists import KYIV_OPENDATA, MAX_DOWNLOAD_BYTES, downloader
from shelterapp.sources.tiles import TILE_MAX_BYTES, TileService
from shelterapp.ui.map.tile_loader import TileLoader


class Monotonic:
    """The tile loader's clock, moved by hand: pauses end when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _sized(client: HttpClient, max_bytes: int) -> HttpClient:
    client.max_bytes = max_bytes
    return client


# --- map tiles -----------------------------------------------------------------------------------------
@pytest.fixture
def loaders():
    """Tile loaders of the test, shut down at its end whatever happened (their pools must not outlive them)."""
    made: list[TileLoader] = []
    yield made
    for loader in made:
        loader.shutdown()


@pytest.mark.parametrize("fault", FAULTS)
def test_tiles_face_fault(qtbot, server, heartbeat, caplog, tmp_path, loaders, fault):
    caplog.set_level(logging.INFO)
    want = expected("tiles", fault)
    server.routes = {"/10/1/1.png": png_tile(), "/10/2/2.png": png_tile()}
    clock = Monotonic()
    http = _sized(client_for(fault), TILE_MAX_BYTES)
    tiles = TileService(http, TileCache(tmp_path / "tiles"), server.url("/{z}/{x}/{y}.png"))
    loader = TileLoader(tiles, offline_retry_s=0.05, clock=clock)
    loaders.append(loader)
    with heartbeat, qtbot.waitSignal(loader.tile_ready, timeout=10_000):
        assert loader.image(10, 1, 1) is None  # a street seen once
    caplog.clear()

    server.fault = fault
    with heartbeat, fault_deadlines(fault, http):
        assert loader.image(10, 2, 2) is None
        qtbot.waitUntil(lambda: loader.pending() == 0, timeout=10_000)
        downloads = loader.downloads
        for _ in range(5):  # the view repaints and asks again: no request storm
            loader.image(10, 2, 2)
        qtbot.wait(120)
    assert loader.downloads == downloads
    assert (10, 2, 2) not in loader.cache  # nothing broken is ever stored
    assert (10, 1, 1) in loader.cache and loader.image(10, 1, 1) is not None  # what was seen stays
    records = [r for r in caplog.records if r.name.endswith("tile_loader")]
    assert len(records) == 1, [r.getMessage() for r in records]  # one line, whatever the repaints
    if want in (FailureKind.OFFLINE, FailureKind.TIMEOUT):
        assert loader.is_offline() and "offline" in records[0].getMessage()  # the map says so
    elif want in (FailureKind.RATE_LIMITED, FailureKind.AUTH):
        assert not loader.is_offline() and "no tiles for" in records[0].getMessage()  # a pause, said once
    else:
        assert not loader.is_offline() and problems(records) == []  # one bad tile: skipped for a while
    assert_no_crash_lines(caplog.records)
    assert heartbeat.longest < 0.1, f"GUI thread busy {heartbeat.longest * 1000:.0f} ms of CPU at a stretch"

    server.fault = None
    clock.now += 400  # past every pause (Retry-After 120 s, a skipped tile's 300 s)
    with heartbeat, qtbot.waitSignal(loader.tile_ready, timeout=10_000):
        loader.image(10, 2, 2)
    assert not loader.is_offline() and (10, 2, 2) in loader.cache
    tiles.close()


# --- address search ------------------------------------------------------------------------------------
def _search(qtbot, geocoder: NominatimGeocoder, beat) -> object:
    outcome: list[object] = []
    with beat:
        run_in_background(lambda: geocoder.search("Хрещатик 22"), outcome.append, outcome.append)
        qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
    return outcome[0]


@pytest.mark.parametrize("fault", FAULTS)
def test_address_search_faces_fault(qtbot, server, heartbeat, caplog, fault):
    caplog.set_level(logging.INFO)
    want = expected("nominatim", fault)
    server.routes = {"/search": nominatim_answer()}
    deadline = client_for(fault).deadline_s
    geocoder = NominatimGeocoder(server.url(""), timeout_s=deadline, gate=RateGate(min_interval_s=0.0))
    assert len(_search(qtbot, geocoder, heartbeat)) == 1

    server.fault = fault
    with fault_deadlines(fault, geocoder._http):  # the geocoder's own client (it makes one per service)
        failure = _search(qtbot, geocoder, heartbeat)
    assert isinstance(failure, SourceError), failure  # the app says why, and shows the offline matches
    assert failure.kind is want, str(failure)
    assert_no_crash_lines(caplog.records)
    assert heartbeat.longest < 0.1, f"GUI thread busy {heartbeat.longest * 1000:.0f} ms of CPU at a stretch"

    server.fault = None
    assert len(_search(qtbot, geocoder, heartbeat)) == 1
    geocoder.close()


# --- shelter-list download -----------------------------------------------------------------------------
@pytest.mark.parametrize("fault", FAULTS)
def test_shelter_list_download_faces_fault(qtbot, server, heartbeat, caplog, tmp_path, fault):
    caplog.set_level(logging.INFO)
    server.routes = {"/layer": shelter_layer()}
    source = replace(KYIV_OPENDATA, url=server.url("/layer"), fallback_urls=())
    http = _sized(client_for(fault), MAX_DOWNLOAD_BYTES)
    catalog = Catalog.open(tmp_path / "shelters.sqlite")

    def update():  # the download and the reading on a worker, the swap on the GUI thread, as the app does
        done: list[object] = []
        stored = catalog.stored_rows(source.dataset)
        with heartbeat:
            run_in_background(
                lambda: fetch_list(source, catalog, downloader(source, http), tmp_path / "work", stored),
                lambda fetched: done.append(apply_list(fetched, catalog)),
                lambda error: done.append(error.outcome if isinstance(error, UpdateFailed) else error),
            )
            qtbot.waitUntil(lambda: bool(done), timeout=30_000)
        return done[0]

    assert update().ok
    rows = catalog.stored_rows(source.dataset)
    assert rows > 0
    caplog.clear()

    server.fault = fault
    with fault_deadlines(fault, http):
        outcome = update()
    if LIST_FAILURES[fault] == "ok":
        assert outcome.ok and problems(caplog.records) == []
    else:
        assert not outcome.ok and outcome.failure == LIST_FAILURES[fault], outcome
        (line,) = problems(caplog.records)  # one line saying which list and why
        assert "kyiv_opendata" in line
    assert catalog.stored_rows(source.dataset) == rows  # the stored list stays (or its equal replaced it)
    assert_no_crash_lines(caplog.records)
    assert heartbeat.longest < 0.1, f"GUI thread busy {heartbeat.longest * 1000:.0f} ms of CPU at a stretch"

    server.fault = None
    assert update().ok and catalog.stored_rows(source.dataset) == rows
    catalog.close()
    http.close()
