"""HttpClient.get(progress=...): the download's progress as the body arrives, for the update's progress bar and
the CLI's progress line. Served in pieces by a local raw-socket server."""

from __future__ import annotations

import socket
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from shelterapp.sources.http import HttpClient

PIECE = 32 * 1024
PIECES = 6


@contextmanager
def piecewise_server(head: bytes, body: bytes, pieces: int) -> Iterator[str]:
    """Answers one request with `head`, then `body` in `pieces` sends, each after the client has had time to read
    the one before (a short pause; a slow machine only makes the pieces further apart)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(10)
    done = threading.Event()

    def run() -> None:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            conn.sendall(head)
            size = -(-len(body) // pieces)
            for start in range(0, len(body), size):
                if done.wait(0.05):
                    return
                conn.sendall(body[start : start + size])

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/list"
    finally:
        done.set()
        server.close()
        thread.join(10)


def test_progress_follows_the_body_up_to_its_declared_length():
    body = bytes(range(256)) * (PIECE * PIECES // 256)
    head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
    calls: list[tuple[int, int | None]] = []
    with piecewise_server(head, body, PIECES) as url:
        response = HttpClient().get(url, progress=lambda received, total: calls.append((received, total)))
    assert response.body == body
    received = [r for r, _ in calls]
    assert received == sorted(set(received))  # only ever grows
    assert len(received) >= 2  # seen while the body was still coming, not just at the end
    assert received[-1] == len(body) and {t for _, t in calls} == {len(body)}


def test_a_compressed_body_has_no_total_to_promise():
    # Content-Length counts the gzip bytes; we count what they inflate to, so a total would be a lie.
    plain = b"{}" + b" " * 200_000
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    gzipped = packer.compress(plain) + packer.flush()
    head = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(
        gzipped
    )
    calls: list[tuple[int, int | None]] = []
    with piecewise_server(head, gzipped, 2) as url:
        response = HttpClient().get(url, progress=lambda received, total: calls.append((received, total)))
    assert response.body == plain
    assert calls[-1] == (len(plain), None) and {t for _, t in calls} == {None}


def test_without_a_callback_nothing_changes(httpserver):
    httpserver.expect_request("/list").respond_with_data(b"x" * 1000)
    assert HttpClient().get(httpserver.url_for("/list")).body == b"x" * 1000
