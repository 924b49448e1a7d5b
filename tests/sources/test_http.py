"""The one HTTP client's guards: total deadline, size cap, offline, Retry-After, conditional GET, 5xx.

Hostile servers are tiny threaded sockets on 127.0.0.1 (pytest-httpserver cannot trickle or lie about
lengths); each one stops on its own within seconds, so no test can hang.
"""

from __future__ import annotations

import email.utils
import socket
import ssl
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import trustme
from pytest_httpserver import HTTPServer

from shelterapp.sources.errors import BadData, FailureKind, SourceError
from shelterapp.sources.http import MAX_BODY_BYTES, HttpClient, parse_retry_after

FIFTY_MB = 50 * 1024 * 1024
Handler = Callable[[socket.socket, threading.Event, dict[str, int]], None]


@contextmanager
def raw_server(handle: Handler) -> Iterator[tuple[str, dict[str, int]]]:
    """Serve one connection at a time with `handle(conn, stop, sent)`; yields (url, counters)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    stop = threading.Event()
    sent = {"bytes": 0}

    def run() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                try:
                    conn.settimeout(5)
                    conn.recv(65536)  # the request: small, one read is enough here
                    handle(conn, stop, sent)
                except OSError:
                    pass  # the client hung up: what the guards are for

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/feed", sent
    finally:
        stop.set()
        server.close()
        thread.join(10)


def trickle(data: bytes, seconds_per_byte: float = 1.0, limit: int | None = None) -> Handler:
    def handle(conn: socket.socket, stop: threading.Event, sent: dict[str, int]) -> None:
        for byte in data[:limit]:
            if stop.is_set():
                return
            conn.sendall(bytes([byte]))
            sent["bytes"] += 1
            stop.wait(seconds_per_byte)

    return handle


def flood(head: bytes, framing: str) -> Handler:
    """Headers, then zeros up to 50 MB in 64 KB pieces, as long as the client keeps reading."""
    piece = b"\0" * 65536

    def handle(conn: socket.socket, stop: threading.Event, sent: dict[str, int]) -> None:
        conn.sendall(head)
        while sent["bytes"] < FIFTY_MB and not stop.is_set():
            conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if framing == "chunked" else piece)
            sent["bytes"] += len(piece)
        if framing == "chunked":
            conn.sendall(b"0\r\n\r\n")

    return handle


def failed_get(client: HttpClient, url: str) -> SourceError:
    with pytest.raises(SourceError) as caught:
        client.get(url)
    return caught.value


# the deadline -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n",  # declared length
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n",  # chunked
    ],
)
def test_a_body_sent_one_byte_a_second_times_out_within_the_deadline(head):
    # each byte arrives well inside the read timeout: only a total deadline catches this
    def handle(conn: socket.socket, stop: threading.Event, sent: dict[str, int]) -> None:
        conn.sendall(head)
        trickle(b"x" * 1000)(conn, stop, sent)

    with raw_server(handle) as (url, sent):
        error = failed_get(HttpClient(deadline_s=2), url)
    assert error.kind is FailureKind.TIMEOUT
    # cut at our deadline, long before the server's 1,000 s were over, however slowly this machine runs
    assert sent["bytes"] < 1000


# The status line and headers are under the deadline too (a watchdog cuts the socket).
def test_headers_sent_one_byte_a_second_time_out_within_the_deadline():
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}"
    # the server gives up after 30 s (bounding the test) and then closes: a timeout, not a broken answer, says
    # our 2 s deadline cut it first
    with raw_server(trickle(head, limit=30)) as (url, sent):
        error = failed_get(HttpClient(deadline_s=2), url)
    assert error.kind is FailureKind.TIMEOUT
    assert sent["bytes"] < 30


# A body without Content-Length ends where the connection closes; when our deadline closes it, what came before
# is not the whole answer, even if it parses (a list of 100 shelters was stored as its first 60).
@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",  # ends at close
        b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n",  # HTTP/1.0: the same framing
    ],
    ids=["close_delimited", "http_1_0"],
)
def test_a_body_cut_by_the_deadline_is_a_timeout(head):
    def handle(conn: socket.socket, stop: threading.Event, sent: dict[str, int]) -> None:
        conn.sendall(head + b'[{"id": 1}, {"id": 2}]')  # parses, but the server never said it was done
        stop.wait(10)  # silence: only the client's deadline ends this answer

    client = HttpClient(deadline_s=0.5)
    with raw_server(handle) as (url, _sent), pytest.raises(SourceError) as caught:
        client.get(url, conditional=True)
    assert caught.value.kind is FailureKind.TIMEOUT, caught.value


def test_a_body_without_length_ended_by_the_server_is_whole():
    # the server closing the connection is how such a body ends: that is data (the control of the test above)
    def handle(conn: socket.socket, stop: threading.Event, sent: dict[str, int]) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n[1, 2]")

    with raw_server(handle) as (url, _sent):
        assert HttpClient(deadline_s=5).get(url).body == b"[1, 2]"


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"[1, 2]",  # shorter than its Content-Length
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n[1, 2]\r\n",  # no last chunk
    ],
    ids=["short_body", "chunked_without_last_chunk"],
)
def test_a_cut_answer_is_never_data(answer):
    def handle(conn: socket.socket, stop: threading.Event, sent: dict[str, int]) -> None:
        conn.sendall(answer)  # and the connection closes

    with raw_server(handle) as (url, _sent), pytest.raises(SourceError) as caught:
        HttpClient(deadline_s=5).get(url)
    assert caught.value.kind is FailureKind.BAD_DATA, caught.value


# https is never downgraded ----------------------------------------------------------------------------


@pytest.fixture
def tls_server(tmp_path, monkeypatch) -> Iterator[HTTPServer]:
    """An https server on 127.0.0.1 with a certificate from a CA of the test's own, which requests trusts
    (REQUESTS_CA_BUNDLE: requests lets it win over a session's own `verify`)."""
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "ca.pem"))
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_from_https_to_http_is_never_followed(tls_server, httpserver, status):
    secure = tls_server
    httpserver.expect_request("/feed").respond_with_data("[]", content_type="application/json")
    target = httpserver.url_for("/feed") + "?token=secret-token"
    secure.expect_request("/feed").respond_with_data("", status=status, headers={"Location": target})
    with pytest.raises(SourceError) as caught:
        HttpClient().get(secure.url_for("/feed"), headers={"Authorization": "Bearer secret-key"})
    assert caught.value.kind is FailureKind.SERVER_ERROR and "plain http" in caught.value.detail
    assert httpserver.log == []  # nothing went out in clear: not the request, not the key
    assert "secret" not in str(caught.value)


def test_a_redirect_that_stays_on_https_is_followed(tls_server):
    secure = tls_server
    secure.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    secure.expect_request("/new").respond_with_data("[1]", content_type="application/json")
    assert HttpClient().get(secure.url_for("/old")).body == b"[1]"


# the size cap -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "framing"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % FIFTY_MB, "plain"),  # refused on the header alone
        (b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", "plain"),  # no length: ends when the server closes
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "chunked"),  # no length, chunked
    ],
)
def test_a_50_mb_answer_is_bad_data_without_being_read_into_memory(head, framing):
    with raw_server(flood(head, framing)) as (url, sent):
        tracemalloc.start()
        try:
            with pytest.raises(BadData):
                HttpClient(deadline_s=10).get(url)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        time.sleep(0.2)  # let the server notice the hang-up
    assert peak < 3 * MAX_BODY_BYTES  # the cap plus overhead, never the 50 MB
    assert sent["bytes"] < FIFTY_MB / 2  # the client hung up long before the end


def test_a_gzip_bomb_is_bad_data_without_inflating_it():
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)  # gzip framing; ~230 KB on the wire
    megabyte = b"\0" * (1 << 20)
    bomb = b"".join(packer.compress(megabyte) for _ in range(FIFTY_MB >> 20)) + packer.flush()
    head = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(bomb)

    def handle(conn: socket.socket, stop: threading.Event, sent: dict[str, int]) -> None:
        conn.sendall(head + bomb)

    with raw_server(handle) as (url, _sent):
        tracemalloc.start()
        try:
            with pytest.raises(BadData):
                HttpClient().get(url)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 3 * MAX_BODY_BYTES


# offline ----------------------------------------------------------------------------------------------


def test_connection_refused_is_offline():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # free now, closed below: nobody listens there
    error = failed_get(HttpClient(), f"http://127.0.0.1:{port}/feed")
    assert error.kind is FailureKind.OFFLINE  # at once: waiting out the connect timeout would have said "timeout"


# statuses ---------------------------------------------------------------------------------------------


def test_429_with_retry_after_in_seconds(httpserver):
    httpserver.expect_request("/feed").respond_with_data("", status=429, headers={"Retry-After": "120"})
    with pytest.raises(SourceError) as caught:
        HttpClient().get(httpserver.url_for("/feed"))
    assert (caught.value.kind, caught.value.retry_after) == (FailureKind.RATE_LIMITED, 120.0)


def test_429_with_retry_after_as_an_http_date(httpserver):
    when = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    httpserver.expect_request("/feed").respond_with_data("", status=429, headers={"Retry-After": when})
    with pytest.raises(SourceError) as caught:
        HttpClient().get(httpserver.url_for("/feed"))
    assert caught.value.kind is FailureKind.RATE_LIMITED
    assert caught.value.retry_after is not None and 80 <= caught.value.retry_after <= 91


NOW = datetime(2026, 9, 22, 19, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),  # plain seconds
        ("Tue, 22 Sep 2026 19:01:30 GMT", 90.0),  # an HTTP date
        ("Tue, 22 Sep 2026 18:00:00 GMT", 0.0),  # a date in the past: now
        ("99999999", 86400.0),  # absurd: capped at a day
        ("soon", None),  # nonsense: no wish stated
        ("-5", None),  # negative: nonsense
        ("", None),  # empty
    ],
)
def test_parse_retry_after(value, seconds):
    assert parse_retry_after({"retry-after": value}, now=NOW) == seconds


@pytest.mark.parametrize(
    ("status", "headers", "kind", "retry_after"),
    [
        (500, {}, FailureKind.SERVER_ERROR, None),  # server error
        (502, {}, FailureKind.SERVER_ERROR, None),  # bad gateway (a proxy in front)
        (503, {"Retry-After": "30"}, FailureKind.SERVER_ERROR, 30.0),  # maintenance, with its wish honoured
        (404, {}, FailureKind.SERVER_ERROR, None),  # wrong URL in config.toml: unexpected status
        (401, {}, FailureKind.AUTH, None),  # rejected key
        (403, {}, FailureKind.AUTH, None),  # refused
    ],
)
def test_error_statuses(httpserver, status, headers, kind, retry_after):
    httpserver.expect_request("/feed").respond_with_data("<html>error</html>", status=status, headers=headers)
    with pytest.raises(SourceError) as caught:
        HttpClient().get(httpserver.url_for("/feed"))
    assert (caught.value.kind, caught.value.retry_after) == (kind, retry_after)


def test_listed_statuses_come_back_with_their_body(httpserver):
    # Ukraine Alarm's 401 means different things with and without a body: the source must see it
    httpserver.expect_request("/feed").respond_with_data("", status=401)
    response = HttpClient().get(httpserver.url_for("/feed"), accept_statuses=(401,))
    assert (response.status, response.body) == (401, b"")


def test_conditional_get_sends_validators_and_reports_not_modified(httpserver):
    validators = {"ETag": '"v1"', "Last-Modified": "Tue, 22 Sep 2026 19:12:11 GMT"}
    httpserver.expect_ordered_request("/feed").respond_with_data("[1]", headers=validators)
    httpserver.expect_ordered_request(
        "/feed", headers={"If-None-Match": '"v1"', "If-Modified-Since": validators["Last-Modified"]}
    ).respond_with_data("", status=304)
    httpserver.expect_ordered_request("/feed").respond_with_data("[2]")
    client = HttpClient()
    first = client.get(httpserver.url_for("/feed"), conditional=True)
    second = client.get(httpserver.url_for("/feed"), conditional=True)
    third = client.get(httpserver.url_for("/feed"))  # not conditional: no validators sent
    assert (first.status, first.body, first.not_modified) == (200, b"[1]", False)
    assert (second.status, second.body, second.not_modified) == (304, b"", True)
    assert third.body == b"[2]"
    assert "If-None-Match" not in httpserver.log[2][0].headers
    httpserver.check_assertions()


def test_errors_name_the_host_only_never_a_token_in_the_url(httpserver):
    httpserver.expect_request("/feed").respond_with_data("", status=500)
    url = httpserver.url_for("/feed").replace("://", "://user:secret-pass@") + "?token=secret-token"
    with pytest.raises(SourceError) as caught:
        HttpClient().get(url)
    assert "secret" not in str(caught.value) and "secret" not in repr(caught.value)
