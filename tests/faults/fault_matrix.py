"""The fault matrix's table: every fault, why it matters, and what each source makes of it.

Rows are the sources (test_network_matrix.py runs the feeds, test_client_matrix.py the tile client, the
geocoder and the shelter-list download); a cell is the failure kind the person is told about, or OK where
the answer is valid but holds nothing usable (nothing is announced and the last good data stays).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from shelterapp.sources.errors import FailureKind
from shelterapp.sources.http import HttpClient

OFFLINE, TIMEOUT, RATE, AUTH, BAD, SERVER = (
    FailureKind.OFFLINE,
    FailureKind.TIMEOUT,
    FailureKind.RATE_LIMITED,
    FailureKind.AUTH,
    FailureKind.BAD_DATA,
    FailureKind.SERVER_ERROR,
)
OK = "ok"  # the answer was valid and had nothing usable: the poll succeeded, nothing is announced

# Every fault, with why it matters, and the test closer to the code that pins the same thing, if any.
FAULTS = {
    # nothing listens (service down, laptop offline): tests/sources/test_http.py::test_connection_refused_is_offline
    "refused": OFFLINE,
    # no network, captive Wi-Fi or a broken resolver: the name does not resolve (socket.gaierror)
    "dns": OFFLINE,
    # a firewall drops packets: the connection never opens (a local listener with a full backlog)
    "connect_timeout": TIMEOUT,
    # one byte a second from the status line on: test_http.py::test_headers_sent_one_byte_a_second_time_out...
    "slow_loris": TIMEOUT,
    # key rejected, or an outage that answers 401 to everyone (siren.pp.ua, July 2022)
    "http_401": AUTH,
    # refused: no key, blocked IP or country
    "http_403": AUTH,
    # wrong URL in config.toml, or an endpoint retired
    "http_404": SERVER,
    # a proxy (or the embassy WAF) wants a login: unavailable, and our key is not the problem
    "http_407": SERVER,
    # too many requests; the floor keeps us from hammering: test_http.py::test_429_with_retry_after_in_seconds
    "http_429": RATE,
    # the server says when to come back, and we wait at least that long
    "http_429_retry_after": RATE,
    # the service failed (test_http.py::test_error_statuses)
    "http_500": SERVER,
    # a proxy or CDN in front of it failed
    "http_502": SERVER,
    # maintenance
    "http_503": SERVER,
    # the connection dropped mid-body: the length said more than arrived (a short body is never data)
    "truncated": BAD,
    # chunked, and the connection dropped before the last chunk: test_http.py::test_a_cut_answer_is_never_data
    "chunked_cut": BAD,
    # the whole answer with no length, then silence until our deadline closes the socket: the client cannot
    # know the body was whole, so a body cut by the deadline is a timeout, always (it was read as complete,
    # so a list of 100 became 60 rows): test_http.py::test_a_body_cut_by_the_deadline_is_a_timeout
    "stall_then_close": TIMEOUT,
    # https answered by a redirect to plain http: never followed (the key and the answer would travel in
    # clear): test_http.py::test_a_redirect_from_https_to_http_is_never_followed
    "downgrade": SERVER,
    # a 200 with no body must never read as "no alerts"
    "empty": BAD,
    # a cut or garbled document
    "malformed_json": BAD,
    # an API change: every value of another type
    "wrong_types": BAD,
    # an API change: the ids and dates gone
    "missing_fields": BAD,
    # a runaway or hostile server: refused at the cap, never read into memory (test_http.py, 3 framings)
    "body_50mb": BAD,
    # entity expansion bomb: refused before it expands (tests/sources/test_feeds.py, per advisory module)
    "billion_laughs": BAD,
    # XXE probe: no file read, no request made
    "external_entity": BAD,
    # decompression bombs, the class billion_laughs belongs to: a 4 KB PNG whose header claims 8000x8000 pixels
    # (a map tile like it took the app to 2.4 GB): refused from its header, never decoded, never stored
    "image_bomb": BAD,
    # ... and in transport: 200 KB of gzip that inflates to 200 MB, refused at the size cap as it inflates
    "gzip_bomb": BAD,
}
TIMEOUT_FAULTS = ("connect_timeout", "slow_loris", "stall_then_close")

# Where a source's answer differs from the HTTP client's reading of the fault, and why.
EXPECTED: dict[str, dict[str, FailureKind | str]] = {
    # keyless: a 401/403 is the service's outage (July 2022), never "your key was rejected"
    "siren_pp_ua": {"http_401": SERVER, "http_403": SERVER},
    # Ukraine Alarm answers 401 to a key over its limit: rate limiting until a run of 401s says otherwise
    "ukraine_alarm": {"http_401": RATE},
    # alerts.in.ua's 403 is a blocked IP or country: retried in 10 minutes, the token is kept
    "alerts_in_ua": {"http_403": SERVER},
    "ubilling": {},
    # advisory feeds: an item without id or date is dropped, and a feed of such items holds no advisory
    "us_embassy": {"missing_fields": OK},
    # the content API's answer is refused, and the Atom fallback's entries lack their ids: nothing new
    "fcdo": {"missing_fields": OK},
    "state_dept": {},
    # lenient by design: numbers written as text are read, other text falls back to the standard wording
    # (the same advisory, nothing new); an entry without its publication date is dropped
    "canada": {"wrong_types": OK, "missing_fields": OK},
    "cap": {},
}


def expected(source: str, fault: str) -> FailureKind | str:
    return EXPECTED[source].get(fault, FAULTS[fault])


GENEROUS = (5.0, 2.0)  # deadline and connect timeout (s) of every good request: far beyond any load
SHORT = (0.3, 0.2)  # the same while a fault that is time itself plays, so the matrix stays quick


def client_for(fault: str) -> HttpClient:
    """A client with generous deadlines; `fault_deadlines` shortens them only while a time fault plays."""
    return HttpClient(deadline_s=GENEROUS[0], connect_timeout_s=GENEROUS[1])


@contextmanager
def fault_deadlines(fault: str, *clients: HttpClient) -> Iterator[None]:
    """Short deadlines on `clients` while a time fault plays, the generous ones back after it.

    Why not short all along: the good poll before the fault and the recovery after it would then have to
    finish in 0.3 s of wall-clock time, which a loaded CI machine does not promise. (The reported slow_loris
    flakes had another cause: pollers of earlier tests logging into the cells; tests/conftest.py's
    no_poller_outlives_its_test stops them.)"""
    if fault not in TIMEOUT_FAULTS:
        yield
        return
    for client in clients:
        client.deadline_s, client.connect_timeout_s = SHORT
    try:
        yield
    finally:
        for client in clients:
            client.deadline_s, client.connect_timeout_s = GENEROUS


# The clients that are not feeds. Tiles: a tile is not an image unless it decodes, so every payload fault is
# bad data; the geocoder: geopy reads the JSON, our HttpClient carries it.
EXPECTED |= {
    # 401/403 pause all downloads for a minute (never a storm of refused requests); 407 is the WAF's "unavailable"
    "tiles": {},
    "nominatim": {},
}

# The shelter-list download reports a failure code (updater.py) rather than a failure kind: the payload faults
# are "unreadable" (not a shelter list) unless the HTTP client already refused the answer.
LIST_FAILURES = {
    **{fault: kind.value for fault, kind in FAULTS.items() if isinstance(kind, FailureKind)},
    "empty": "unreadable",  # an empty 200 is refused before the importer sees it
    "malformed_json": "unreadable",
    "wrong_types": "unreadable",
    # the layer's ids and dates are optional (ids then come from the content); the positions are in each
    # feature's geometry: still a shelter list, stored
    "missing_fields": "ok",
    # under the 60 MB cap of the lists (the city's layer is a few MB, Overpass more): read, then refused
    "body_50mb": "unreadable",
    "billion_laughs": "unreadable",  # read as KML by content, refused by defusedxml
    "external_entity": "unreadable",
    "image_bomb": "unreadable",  # a picture is no shelter list: the importer never decodes it
}
