"""Address lookup against a fake Nominatim on 127.0.0.1: what we send, what we keep, how failures read,
and the one-request-a-second gate shared by the user's searches and the batch run."""

from __future__ import annotations

import json
import socket
import threading
from urllib.parse import parse_qs

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from shelterapp.shelters.model import KYIV_BBOX, GeocodeHit
from shelterapp.sources.errors import BadData, FailureKind, SourceError
from shelterapp.sources.http import USER_AGENT
from shelterapp.sources.nominatim import NominatimGeocoder, RateGate


def place(lat: float, lon: float, label: str, rank: int = 30) -> dict[str, object]:
    """One result as Nominatim's format=json writes it (what geopy asks for): coordinates as strings."""
    return {
        "place_id": 1234,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
        "osm_type": "way",
        "osm_id": 5678,
        "lat": str(lat),
        "lon": str(lon),
        "class": "building" if rank >= 28 else "highway",
        "type": "apartments" if rank >= 28 else "residential",
        "place_rank": rank,
        "importance": 0.00008,
        "addresstype": "building" if rank >= 28 else "road",
        "name": "",
        "display_name": label,
        "boundingbox": [str(lat - 0.0002), str(lat + 0.0002), str(lon - 0.0002), str(lon + 0.0002)],
    }


KHRESHCHATYK_22 = place(50.4476, 30.5232, "22, вулиця Хрещатик, Печерськ, Печерський район, Київ, 01001, Україна")
LVIV = place(49.8419, 24.0315, "22, вулиця Хрещатик, Львів, Україна")  # same street name, another city


@pytest.fixture
def geocoder(httpserver: HTTPServer):
    g = NominatimGeocoder(httpserver.url_for("/").rstrip("/"), timeout_s=2.0, gate=RateGate(min_interval_s=0.0))
    yield g
    g.close()


def answer(httpserver: HTTPServer, body: object, status: int = 200, headers: dict[str, str] | None = None) -> None:
    httpserver.expect_request("/search").respond_with_data(
        json.dumps(body) if not isinstance(body, str) else body,
        status=status,
        headers=headers,
        content_type="application/json",
    )


def test_search_keeps_only_places_inside_kyiv(geocoder, httpserver):
    answer(httpserver, [KHRESHCHATYK_22, LVIV])
    assert geocoder.search("Хрещатик 22") == [GeocodeHit(KHRESHCHATYK_22["display_name"], 50.4476, 30.5232)]


def test_request_names_us_and_asks_only_for_kyiv(geocoder, httpserver):
    answer(httpserver, [KHRESHCHATYK_22])
    geocoder.search("Хрещатик 22", limit=3)
    request, _ = httpserver.log[0]
    params = {key: values[0] for key, values in parse_qs(request.query_string.decode()).items()}
    south, west, north, east = KYIV_BBOX
    assert request.headers["User-Agent"] == USER_AGENT  # Nominatim's policy: an identifying User-Agent
    assert params["q"] == "Хрещатик 22"
    assert params["format"] == "json"
    assert params["limit"] == "3"
    assert [float(v) for v in params["viewbox"].split(",")] == [west, south, east, north]
    assert params["bounded"] == "1"  # the box is a limit, not a hint
    assert params["countrycodes"] == "ua"
    assert params["accept-language"] == "uk"


def test_a_private_instance_under_a_path_is_asked_there(httpserver):
    httpserver.expect_request("/nominatim/search").respond_with_json([KHRESHCHATYK_22])
    g = NominatimGeocoder(httpserver.url_for("/nominatim/"), gate=RateGate(0.0))
    assert len(g.search("Хрещатик 22")) == 1
    g.close()


def test_geocode_wants_the_building_not_just_the_street(geocoder, httpserver):
    street = place(50.4450, 30.5200, "вулиця Хрещатик, Київ, Україна", rank=26)
    answer(httpserver, [street])
    assert geocoder.geocode("вулиця Хрещатик, 999, Київ") is None  # its middle could be far from the shelter
    httpserver.clear_all_handlers()
    answer(httpserver, [KHRESHCHATYK_22])
    assert geocoder.geocode("вулиця Хрещатик, 22, Київ") == GeocodeHit(
        KHRESHCHATYK_22["display_name"], 50.4476, 30.5232
    )


def test_nothing_found_is_an_empty_answer_not_an_error(geocoder, httpserver):
    answer(httpserver, [])
    assert geocoder.search("Неіснуюча вулиця 1") == []
    assert geocoder.geocode("Неіснуюча вулиця 1") is None


def test_blank_query_asks_nobody(geocoder, httpserver):
    assert geocoder.search("   ") == []
    assert httpserver.log == []


@pytest.mark.parametrize(
    ("status", "body", "headers", "kind", "retry_after"),
    [
        (429, "", {"Retry-After": "30"}, FailureKind.RATE_LIMITED, 30.0),  # honour the server's wish
        (500, "oops", {}, FailureKind.SERVER_ERROR, None),  # a broken server: retry later
        (503, "busy", {}, FailureKind.SERVER_ERROR, None),  # overloaded public instance
        (403, "blocked", {}, FailureKind.AUTH, None),  # Nominatim blocks abusers with 403: stop, do not retry
    ],
)
def test_http_failures_read_as_our_failure_kinds(geocoder, httpserver, status, body, headers, kind, retry_after):
    answer(httpserver, body, status=status, headers=headers)
    with pytest.raises(SourceError) as caught:
        geocoder.search("Хрещатик 22")
    assert caught.value.kind is kind
    assert caught.value.retry_after == retry_after


def test_html_instead_of_json_is_bad_data(geocoder, httpserver):
    # A captive portal or a wrong URL answers 200 with a web page.
    httpserver.expect_request("/search").respond_with_data("<html>login</html>", content_type="text/html")
    with pytest.raises(BadData):
        geocoder.search("Хрещатик 22")


def test_no_server_is_offline():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    g = NominatimGeocoder(f"http://127.0.0.1:{port}", timeout_s=2.0, gate=RateGate(0.0))
    with pytest.raises(SourceError) as caught:
        g.search("Хрещатик 22")
    assert caught.value.kind is FailureKind.OFFLINE
    g.close()


def test_a_silent_server_times_out_at_our_deadline(httpserver):
    release, answered = threading.Event(), threading.Event()

    def hang(request: Request) -> Response:
        release.wait(30)  # would answer "[]" after 30 s; the test releases it as soon as the client gave up
        answered.set()
        return Response("[]", content_type="application/json")

    httpserver.expect_request("/search").respond_with_handler(hang)
    g = NominatimGeocoder(httpserver.url_for("/").rstrip("/"), timeout_s=0.5, gate=RateGate(0.0))
    try:
        with pytest.raises(SourceError) as caught:
            g.search("Хрещатик 22")
        gave_up_first = not answered.is_set()
    finally:
        release.set()
        g.close()
    # a timeout raised while the server still held its answer back was our 0.5 s deadline, whatever the load
    assert caught.value.kind is FailureKind.TIMEOUT and gave_up_first


@pytest.mark.parametrize("url", ["nominatim.example.org", "ftp://host", "http://"])
def test_a_geocoder_url_that_is_not_http_is_refused(url):
    # A typo in the settings must say so, not send addresses somewhere odd.
    with pytest.raises(ValueError, match="geocoder URL"):
        NominatimGeocoder(url)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_gate_spaces_requests_one_second_apart():
    clock = FakeClock()
    gate = RateGate(1.0, clock=clock, sleep=clock.sleep)
    gate.wait()
    gate.wait()
    clock.now += 0.4  # some work between requests counts towards the second
    gate.wait()
    clock.now += 5.0  # after a pause the next request goes at once
    gate.wait()
    assert clock.slept == [1.0, pytest.approx(0.6)]
    assert gate.delay_s() == pytest.approx(1.0)


def test_gate_gives_threads_distinct_slots():
    clock = FakeClock()
    slept: list[float] = []
    gate = RateGate(1.0, clock=clock, sleep=slept.append)  # the clock stands still: each waiter queues behind
    threads = [threading.Thread(target=gate.wait) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert sorted(slept) == [1.0, 2.0, 3.0]


def test_search_and_batch_geocoding_share_one_gate(httpserver):
    answer(httpserver, [KHRESHCHATYK_22])
    clock = FakeClock()
    g = NominatimGeocoder(httpserver.url_for("/").rstrip("/"), gate=RateGate(1.0, clock=clock, sleep=clock.sleep))
    g.search("Хрещатик 22")  # the user's search...
    g.geocode("вулиця Хрещатик, 22, Київ")  # ...then a batch step: it must wait its turn
    g.close()
    assert clock.slept == [1.0]
    assert len(httpserver.log) == 2


def test_two_real_requests_wait_for_the_default_one_second_gate(httpserver, monkeypatch):
    # Nominatim's policy: at most one request a second. The default gate is that second and every real request
    # passes it (the gate's arithmetic is proven above on a fake clock). Measured at the server, the gap read
    # 0.988 s once on a loaded machine: the first request's own latency shifts it; not a thing a test can time.
    waits: list[float] = []
    httpserver.expect_request("/search").respond_with_json([KHRESHCHATYK_22])
    g = NominatimGeocoder(httpserver.url_for("/").rstrip("/"))
    real_wait = g.gate.wait
    monkeypatch.setattr(g.gate, "wait", lambda: waits.append(real_wait()) or waits[-1])
    g.search("Хрещатик 22")
    g.search("Хрещатик 24")
    g.close()
    assert g.gate.min_interval_s == 1.0
    assert len(waits) == 2 == len(httpserver.log)
    assert waits[0] == 0  # the first goes at once; the second's wait is the rest of that second
