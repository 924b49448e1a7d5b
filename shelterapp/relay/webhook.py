"""Ukraine Alarm webhook calls, heard and never believed: a call only wakes the relay to poll now.

The API's webhook (POST of one AlertRegionModel per alert start or all-clear) carries no signature, so its
body is never taken as the state: anyone who learnt the URL could forge it. What protects the relay:
- the path has a random secret part (relay/memory.py keeps it), compared in constant time; anything else 404;
- POST only, a Content-Length of at most MAX_BODY_BYTES, read within READ_TIMEOUT_S, at most MAX_CLIENTS at once;
- a token bucket: BURST calls, then one every REFILL_S; over that 429 with Retry-After;
- a call wakes the poller, whose polls still keep every feed's own minimum interval and request budget.
The body is parsed only to log which region the call named.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

log = logging.getLogger(__name__)

PATH_PREFIX = "/ukrainealarm/"
MAX_BODY_BYTES = 64 * 1024
READ_TIMEOUT_S = 5.0
MAX_CLIENTS = 16
BURST = 5
REFILL_S = 6.0  # 10 calls a minute once the burst is spent: Ukraine Alarm sends one per alert change


class TokenBucket:
    def __init__(self, burst: int = BURST, refill_s: float = REFILL_S, clock: Callable[[], float] = time.monotonic):
        self.burst, self.refill_s, self._clock = burst, refill_s, clock
        self._tokens = float(burst)
        self._at = clock()
        self._lock = threading.Lock()

    def take(self) -> float:
        """0 when a call may go through, else the seconds until one may."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._at) / self.refill_s)
            self._at = now
            if self._tokens >= 1:
                self._tokens -= 1
                return 0.0
            return (1 - self._tokens) * self.refill_s


class WebhookListener:
    """Serves on its own daemon threads; `on_call()` is called (from one of them) for each accepted call."""

    def __init__(self, address: tuple[str, int], secret: str, on_call: Callable[[], None]) -> None:
        self.path = PATH_PREFIX + secret
        self.calls = 0
        self.refused = 0
        self._bucket = TokenBucket()
        self._slots = threading.BoundedSemaphore(MAX_CLIENTS)
        self._on_call = on_call
        self._server = _Server(address, _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, name="relay-webhook", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> WebhookListener:
        self._thread.start()
        log.info("listening for Ukraine Alarm webhook calls on port %d", self.port)
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def handle(self, path: str, body: bytes) -> tuple[int, dict[str, str]]:
        """The decision for one POST whose body was read: (status, extra headers)."""
        if not hmac.compare_digest(path.encode("utf-8", "replace"), self.path.encode()):
            self.refused += 1
            return 404, {}
        wait = self._bucket.take()
        if wait:
            self.refused += 1
            log.warning("webhook call refused: over %d calls in a burst", BURST)
            return 429, {"Retry-After": str(max(1, round(wait)))}
        self.calls += 1
        log.info("webhook call (%s): polling the feeds now to confirm", _named_region(body))
        self._on_call()
        return 200, {}


def _named_region(body: bytes) -> str:
    """For the log only: which region the (unverified) body names."""
    try:
        data: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "unreadable body"
    region = data.get("regionId") if isinstance(data, dict) else None
    return f"region {str(region)[:8]}" if isinstance(region, str | int) else "no region"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def _handler_for(listener: WebhookListener) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = READ_TIMEOUT_S  # each socket read; a slow client is dropped
        server_version = "shelterapp-relay"
        sys_version = ""

        def do_POST(self) -> None:
            if not listener._slots.acquire(blocking=False):
                self._answer(503, {"Retry-After": "5"})
                return
            try:
                length = self.headers.get("Content-Length", "")
                if not length.isdigit():
                    self._answer(411)
                elif int(length) > MAX_BODY_BYTES:
                    self._answer(413)
                else:
                    body = self.rfile.read(int(length))
                    self._answer(*listener.handle(self.path, body))
            except OSError:  # the caller went away or was too slow
                self.close_connection = True
            finally:
                listener._slots.release()

        def do_GET(self) -> None:
            self._answer(405, {"Allow": "POST"})

        def _answer(self, status: int, headers: dict[str, str] | None = None) -> None:
            body = json.dumps({"ok": status == 200}).encode()
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            """Never log the request line: it holds the secret path."""
            log.debug("webhook request answered")

    return Handler
