"""One local feed server that can misbehave in every way the fault matrix needs, at a fixed URL.

Why not pytest-httpserver here: it cannot trickle bytes, cut a body short or refuse a connection, and a
source's URL is fixed for the life of its coordinator, whose memory (last good data, failure count, log
once) is what the matrix checks across the good poll, the fault and the recovery. So the feeds live at
`http://FEED_HOST:PORT/...` and the faults are played by this raw-socket server and by the name lookup:

- FEED_HOST resolves to 127.0.0.1 (where the server listens), to 127.0.0.3 (nothing listens: connection
  refused), to 127.0.0.2 (a listener that never accepts and whose backlog is full: connect timeout), or
  fails with socket.gaierror like a real DNS failure. Only loopback addresses are ever used.
- everything else is an HTTP answer written byte by byte as the fault asks (status, trickle, truncation,
  flood), with `Connection: close`, so every request opens a new connection and looks its host up again.
- the feeds are served over TLS (https://, as the real ones are; a certificate for FEED_HOST from a CA of the
  run's own, which `ca_file` names for the clients) and, on the same port, over plain http: the
  `downgrade` fault redirects https to the same path over http, where the good answer waits.

Every thread stops on its own within a second of `close()`; nothing here can hang a test.
"""

from __future__ import annotations

import contextlib
import functools
import json
import socket
import ssl
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import trustme
from helpers import image_bomb

FEED_HOST = "feeds.shelterapp.test"  # .test is reserved: it can never reach a real machine
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIFTY_MB = 50 * 1024 * 1024
_PIECE = b"\0" * 65536


@dataclass(frozen=True)
class Request:
    path: str
    query: str
    headers: dict[str, str]  # lower-case names


# A good answer for a path: bytes, or a function of the request (for bodies that depend on the query).
Route = bytes | Callable[[Request], bytes]


@dataclass
class FaultServer:
    """Serves `routes` (path -> good body) until `fault` is set; then every request gets the fault."""

    routes: dict[str, Route] = field(default_factory=dict)
    fault: str | None = None
    trickle_s: float = 1.0  # slow-loris: one byte a second
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        authority = trustme.CA()
        self._tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        authority.issue_cert(FEED_HOST, "127.0.0.1").configure_cert(self._tls)
        self._ca_dir = tempfile.TemporaryDirectory(prefix="fault-ca-")
        self.ca_file = f"{self._ca_dir.name}/ca.pem"  # what clients must trust (REQUESTS_CA_BUNDLE)
        authority.cert_pem.write_to_path(self.ca_file)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._blackhole: list[socket.socket] = []
        self._spawn(self._accept_loop)

    # --- addresses ------------------------------------------------------------------------------------
    def url(self, path: str = "", scheme: str = "https") -> str:
        return f"{scheme}://{FEED_HOST}:{self.port}{path}"

    def address(self) -> str:
        """Where FEED_HOST points now; raises socket.gaierror while the fault is a DNS failure."""
        if self.fault == "dns":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if self.fault == "refused":
            return "127.0.0.3"  # loopback, but nothing listens there: the kernel answers RST
        if self.fault == "connect_timeout":
            self._fill_blackhole()
            return "127.0.0.2"
        return "127.0.0.1"

    def _fill_blackhole(self) -> None:
        """A listener on 127.0.0.2:PORT that never accepts, its backlog full: SYNs go unanswered."""
        if self._blackhole:
            return
        listener = socket.socket()
        listener.bind(("127.0.0.2", self.port))
        listener.listen(0)
        self._blackhole.append(listener)
        for _ in range(3):  # the accept queue holds backlog + 1; the rest wait in SYN_SENT
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.2", self.port))
            self._blackhole.append(filler)
        time.sleep(0.05)  # let the handshakes that can complete fill the queue

    # --- serving --------------------------------------------------------------------------------------
    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() at once
        self._listener.close()
        for sock in self._blackhole:
            sock.close()
        for thread in self._threads:
            thread.join(5)
        self._ca_dir.cleanup()

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._spawn(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            secure = conn.recv(1, socket.MSG_PEEK) == b"\x16"  # a TLS handshake starts with this byte
            if secure:
                conn = self._tls.wrap_socket(conn, server_side=True)
        except OSError:  # the client hung up, or its handshake failed
            conn.close()
            return
        with conn:
            try:
                request = _read_request(conn)
                if request is None:
                    return
                self.requests.append(request)
                route = self.routes.get(request.path)
                good = route(request) if callable(route) else route
                if self.fault == "downgrade" and secure:  # https -> the same path over plain http
                    target = self.url(request.path, "http") + (f"?{request.query}" if request.query else "")
                    _reply(conn, 302, b"moved", {"Location": target})
                elif self.fault in (None, "downgrade"):
                    if good is None:
                        _reply(conn, 404, b"not here")
                    else:
                        _reply(conn, 200, good)
                else:
                    play(self.fault, conn, good, self._stop, self.trickle_s)
            except OSError:
                pass  # the client hung up (a deadline or a size cap did its job)


def _read_request(conn: socket.socket) -> Request | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > 1 << 20:
            return None
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    _method, target, _version = head[0].split(" ", 2)
    path, _, query = target.partition("?")
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Request(path, query, headers)


def _content_type(body: bytes) -> str:
    start = body.lstrip()[:1]
    if start in (b"{", b"["):
        return "application/json"
    if start == b"<":
        return "application/xml"
    if body.startswith(b"\x89PNG"):
        return "image/png"
    return "application/octet-stream"


def _head(status: int, body_length: int | None, extra: dict[str, str] | None = None, ctype: str = "") -> bytes:
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}", "Connection: close"]
    if ctype:
        lines.append(f"Content-Type: {ctype}")
    if body_length is not None:
        lines.append(f"Content-Length: {body_length}")
    lines += [f"{name}: {value}" for name, value in (extra or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


_REASONS = {200: "OK", 302: "Found", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found"}
_REASONS |= {407: "Proxy Authentication Required"}
_REASONS |= {429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


def _reply(conn: socket.socket, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    conn.sendall(_head(status, len(body), headers, _content_type(body)) + body)


# --- the faults --------------------------------------------------------------------------------------
STATUS_FAULTS = {
    "http_401": (401, {}),
    "http_403": (403, {}),
    "http_404": (404, {}),
    "http_407": (407, {"Proxy-Authenticate": 'Basic realm="office proxy"'}),
    "http_429": (429, {}),
    "http_429_retry_after": (429, {"Retry-After": "120"}),
    "http_500": (500, {}),
    "http_502": (502, {}),
    "http_503": (503, {}),
}
ERROR_PAGE = b"<!DOCTYPE html><html><body><h1>Something went wrong</h1></body></html>"
MALFORMED_JSON = b'{"alerts": [{"regionId": "31", "activeAlerts": [{"type": "AIR", '


def play(fault: str, conn: socket.socket, good: bytes | None, stop: threading.Event, trickle_s: float) -> None:
    """Answer one request as `fault` says; `good` is what the path would have served (None: nothing)."""
    good = good if good is not None else b"[]"
    if fault in STATUS_FAULTS:
        status, headers = STATUS_FAULTS[fault]
        _reply(conn, status, ERROR_PAGE, headers)
    elif fault == "slow_loris":
        for byte in _head(200, len(good), ctype=_content_type(good)) + good:
            conn.sendall(bytes([byte]))
            if stop.wait(trickle_s):
                return
    elif fault == "truncated":  # the length says more than arrives: the connection drops mid-body
        conn.sendall(_head(200, len(good), ctype=_content_type(good)) + good[: len(good) // 2])
    elif fault == "chunked_cut":  # chunked, and the connection drops before the last (empty) chunk
        half = good[: max(1, len(good) // 2)]
        head = _head(200, None, {"Transfer-Encoding": "chunked"}, _content_type(good))
        conn.sendall(head + b"%x\r\n%s\r\n" % (len(half), half))
    elif fault == "stall_then_close":  # the whole answer with no length, then silence: only the client's
        conn.sendall(_head(200, None, ctype=_content_type(good)) + good)  # deadline ends it, by closing
        stop.wait(30)
    elif fault == "empty":
        _reply(conn, 200, b"")
    elif fault == "malformed_json":
        _reply(conn, 200, MALFORMED_JSON)
    elif fault == "wrong_types":
        _reply(conn, 200, wrong_types(good))
    elif fault == "missing_fields":
        _reply(conn, 200, missing_fields(good))
    elif fault == "body_50mb":
        conn.sendall(_head(200, FIFTY_MB, ctype="application/json"))
        sent = 0
        while sent < FIFTY_MB and not stop.is_set():
            conn.sendall(_PIECE)
            sent += len(_PIECE)
    elif fault == "billion_laughs":
        _reply(conn, 200, (FIXTURES / "advisories" / "hostile_billion_laughs.xml").read_bytes())
    elif fault == "external_entity":
        _reply(conn, 200, (FIXTURES / "advisories" / "hostile_external_entity.rss").read_bytes())
    elif fault == "image_bomb":
        _reply(conn, 200, image_bomb())
    elif fault == "gzip_bomb":
        body = gzip_bomb()
        conn.sendall(_head(200, len(body), {"Content-Encoding": "gzip"}, "application/json") + body)
    else:
        raise ValueError(f"no such fault: {fault}")


@functools.cache
def gzip_bomb(megabytes: int = 200) -> bytes:
    """A gzip stream of `megabytes` MB of zeros: about a thousandth of that on the wire."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: the gzip format; made once a run, about 1 s
    zeros = b"\0" * (1 << 20)
    return b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()


def wrong_types(good: bytes) -> bytes:
    """The good answer with every value of the wrong JSON type (strings become numbers, numbers strings,
    booleans strings, null an object, lists objects); for a document that is not JSON, JSON where XML belongs."""
    try:
        document = json.loads(good)
    except ValueError:
        return b'{"rss": {"channel": 1}, "alert": ["identifier"]}'

    def swap(value: object) -> object:
        if isinstance(value, dict):
            return {key: swap(child) for key, child in value.items()}
        if isinstance(value, list):
            return {str(n): swap(child) for n, child in enumerate(value)} if not value else [swap(v) for v in value]
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str):
            return 12345
        if isinstance(value, int | float):
            return str(value)
        return {"unexpected": True}

    return json.dumps(swap(document), ensure_ascii=False).encode()


_NEEDED_XML = {"guid", "id", "pubDate", "published", "updated", "title", "link", "identifier", "sent"}
_NEEDED_JSON = ("id", "date", "updated", "published", "_at", "cachedat", "title", "index", "lat", "lon")


def missing_fields(good: bytes) -> bytes:
    """The good answer without the fields that identify, date or place each record: in JSON every key whose
    name says so (regionId, location_uid, started_at, cachedat, public_updated_at, date-published, lat...),
    in XML each item's id, title, link and dates; an image without its header and pixels."""
    if good.startswith(b"\x89PNG"):  # an image: the signature and the end, no header, no pixels
        return good[:8] + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    try:
        document = json.loads(good)
    except ValueError:
        return _xml_without_ids(good)

    def drop(value: object) -> object:
        if isinstance(value, dict):
            kept = {k: v for k, v in value.items() if not any(part in k.lower() for part in _NEEDED_JSON)}
            return {key: drop(child) for key, child in kept.items()}
        if isinstance(value, list):
            return [drop(child) for child in value]
        return value

    return json.dumps(drop(document), ensure_ascii=False).encode()


def _xml_without_ids(good: bytes) -> bytes:
    root = ElementTree.fromstring(good)  # our own fixture: trusted
    for parent in root.iter():
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in _NEEDED_XML:
                parent.remove(child)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


@contextlib.contextmanager
def running(routes: dict[str, Route]) -> Iterator[FaultServer]:
    server = FaultServer(routes)
    try:
        yield server
    finally:
        server.close()
