"""The background geocoding run against a fake Nominatim on 127.0.0.1: positions land one by one, progress
is reported, pause really stops requests (counted at the server), resume and restarts go on from the cache,
failures back off and, when they persist, pause the run with a reason."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from shelterapp.shelter_updates.geocode_service import MAX_FAILURES, GeocodeService
from shelterapp.shelters.geocode_cache import GeocodeCache
from shelterapp.shelters.geocode_job import NOT_FOUND, GeocodeFailure, geocode_query
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.sources.nominatim import NominatimGeocoder, RateGate

GATE_S = 0.02  # the real service gets 1 s; tests keep the same pacing logic at a fiftieth of it


def row(number: int) -> Shelter:
    return Shelter(id=f"s{number}", name_uk="Підвал", name_en="", kind=Kind.SIMPLEST_SHELTER,
                   address=f"вул. Тиха, {number}", district="Печерський")  # fmt: skip


ROWS = [row(n) for n in range(1, 6)]
UNKNOWN = ROWS[2]  # the service does not know house 3


def position(shelter: Shelter) -> tuple[float, float]:
    return 50.40 + int(shelter.id[1:]) / 100, 30.50


class FakeNominatim:
    """Answers /search by the query; `script` holds statuses to answer before the real answers;
    `hold` makes the request for one query wait until released."""

    def __init__(self, server: HTTPServer) -> None:
        self.queries: list[str] = []
        self.script: list[int] = []
        self.hold_query: str | None = None
        self.release = threading.Event()
        self.answers = {geocode_query(s): s for s in ROWS if s is not UNKNOWN}
        server.expect_request("/search").respond_with_handler(self.handle)

    def handle(self, request: Request) -> Response:
        query = request.args["q"]
        self.queries.append(query)
        if self.script:
            return Response("busy", status=self.script.pop(0))
        if query == self.hold_query:
            self.release.wait(5)
        shelter = self.answers.get(query)
        body = []
        if shelter is not None:
            lat, lon = position(shelter)
            body = [{"lat": str(lat), "lon": str(lon), "display_name": query, "place_rank": 30, "class": "building"}]
        return Response(json.dumps(body), content_type="application/json")


@pytest.fixture
def server(httpserver: HTTPServer) -> Iterator[FakeNominatim]:
    fake = FakeNominatim(httpserver)
    yield fake
    fake.release.set()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[GeocodeCache]:
    c = GeocodeCache.open(tmp_path / "geocode.sqlite")
    yield c
    c.close()


@pytest.fixture
def make_service(httpserver, cache, qtbot):
    made: list[tuple[GeocodeService, NominatimGeocoder]] = []

    def make() -> GeocodeService:
        geocoder = NominatimGeocoder(httpserver.url_for("/").rstrip("/"), timeout_s=5.0, gate=RateGate(GATE_S))
        service = GeocodeService(geocoder, cache, backoff_base_s=0.02)
        made.append((service, geocoder))
        return service

    yield make
    for service, geocoder in made:
        service.stop()
        geocoder.close()


def record(service: GeocodeService) -> tuple[list[tuple[str, float, float]], list[tuple[int, int]], list[str]]:
    found: list[tuple[str, float, float]] = []
    progress: list[tuple[int, int]] = []
    failed: list[str] = []
    service.position_found.connect(lambda sid, lat, lon: found.append((sid, lat, lon)))
    service.progress.connect(lambda done, total: progress.append((done, total)))
    service.failed.connect(failed.append)
    return found, progress, failed


def test_positions_land_one_by_one_with_progress(make_service, server, qtbot):
    service = make_service()
    found, progress, failed = record(service)
    placed = Shelter(id="m", name_uk="Нивки", name_en="", kind=Kind.METRO, lat=50.458, lon=30.404)
    with qtbot.waitSignal(service.finished, timeout=5000):
        service.start([*ROWS, placed])
        assert service.is_running
    assert found == [(s.id, *position(s)) for s in ROWS if s is not UNKNOWN]
    assert progress[0] == (0, 5) and progress[-1] == (5, 5)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)  # never goes backwards
    assert service.failures() == [GeocodeFailure(UNKNOWN.id, UNKNOWN.address, NOT_FOUND)]
    assert len(server.queries) == 5 and not failed  # one request per address; the placed station costs none
    assert not service.is_running


def test_pause_stops_requests_and_resume_goes_on(make_service, server, qtbot):
    service = make_service()
    found, progress, _ = record(service)
    server.hold_query = geocode_query(ROWS[1])
    service.start(ROWS)
    qtbot.waitUntil(lambda: len(server.queries) == 2, timeout=5000)  # the second request is at the server
    service.pause()
    with qtbot.waitSignal(service.progress, timeout=5000):
        server.release.set()  # the answer already on its way still lands...
    assert [sid for sid, *_ in found] == ["s1", "s2"]
    with qtbot.assertNotEmitted(service.progress, wait=int(GATE_S * 1000) * 10):
        pass  # ...but nothing more is asked for ten gate intervals
    assert len(server.queries) == 2 and service.is_paused and service.next_step_ms == -1

    with qtbot.waitSignal(service.finished, timeout=5000):
        service.resume()
    assert len(server.queries) == 5  # the rest, each asked once
    assert [sid for sid, *_ in found] == ["s1", "s2", "s4", "s5"] and progress[-1] == (5, 5)


def test_a_new_run_resumes_from_the_cache(make_service, server, qtbot):
    first = make_service()
    server.hold_query = geocode_query(ROWS[2])
    first.start(ROWS)
    qtbot.waitUntil(lambda: len(server.queries) == 3, timeout=5000)
    first.stop()  # the app quits with house 3 in flight
    server.release.set()

    second = make_service()
    found, progress, _ = record(second)
    with qtbot.waitSignal(second.finished, timeout=5000):
        second.start(ROWS)
    assert progress[0][0] >= 2  # houses 1 and 2 were answered before: done at once
    asked_again = server.queries[3:]
    assert geocode_query(ROWS[0]) not in asked_again and geocode_query(ROWS[1]) not in asked_again
    assert {sid for sid, *_ in found} <= {"s3", "s4", "s5"}


def test_everything_cached_finishes_without_a_request(make_service, server, qtbot):
    first = make_service()
    with qtbot.waitSignal(first.finished, timeout=5000):
        first.start(ROWS)
    asked = len(server.queries)
    second = make_service()
    _, progress, _ = record(second)
    with qtbot.waitSignal(second.finished, timeout=5000):
        second.start(ROWS)
    assert len(server.queries) == asked and progress == [(5, 5)]
    assert second.failures() == [GeocodeFailure(UNKNOWN.id, UNKNOWN.address, NOT_FOUND)]  # still listed


def test_passing_server_errors_back_off_and_the_run_goes_on(make_service, server, qtbot):
    server.script = [500, 503]
    service = make_service()
    found, _, failed = record(service)
    with qtbot.waitSignal(service.finished, timeout=5000):
        service.start(ROWS[:2])
    assert [sid for sid, *_ in found] == ["s1", "s2"] and not failed
    assert server.queries[:3] == [geocode_query(ROWS[0])] * 3  # the same row retried, never skipped


def test_lasting_failures_pause_the_run_and_say_why(make_service, server, qtbot):
    server.script = [503] * (MAX_FAILURES + 5)
    service = make_service()
    with qtbot.waitSignal(service.failed, timeout=5000) as signal:
        service.start(ROWS)
    assert signal.args == ["server_error"]
    assert service.is_paused and len(server.queries) == MAX_FAILURES
    server.script = []
    with qtbot.waitSignal(service.finished, timeout=5000):
        service.resume()  # the user presses resume once the service is back
    assert len(server.queries) == MAX_FAILURES + 5


def test_a_refusal_pauses_at_once(make_service, server, qtbot):
    # Nominatim answers 403 to clients it has blocked: asking again would only make it worse.
    server.script = [403]
    service = make_service()
    with qtbot.waitSignal(service.failed, timeout=5000) as signal:
        service.start(ROWS)
    assert signal.args == ["auth"] and len(server.queries) == 1 and service.is_paused
