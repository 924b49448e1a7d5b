"""The one HTTP client every source uses: timeouts, a size cap, a total deadline, conditional GET.

Why not plain `session.get(url, timeout=...)`: requests' read timeout applies to each socket read,
so a server that trickles one byte a second never times out, and `.content` reads any size into
memory. Here a watchdog shuts the socket when the whole request (headers included) passes its
deadline, and the body is read in single reads against that deadline and a byte cap.

A request the watchdog cut is a timeout, whatever came before the cut: a body without Content-Length ends
where the connection closes, so the cut would otherwise read as the end of a complete (but partial) answer.
A body shorter than its Content-Length, or a chunked body without its last chunk, is bad data, never data.
Redirects are followed, but never from https to plain http (a downgrade would send the request, its key and
the answer in clear, and let anyone on the way write the answer).

requests and urllib3 (about 80 ms of imports and 20 MB) load with the first request, on the worker thread that
makes it (http_session.py), not when a client is built: the app builds its clients while its window starts.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from shelterapp import __version__
from shelterapp.progress import ByteProgress
from shelterapp.sources.errors import BadData, FailureKind, SourceError

if TYPE_CHECKING:  # loaded with the first request (see HttpClient.session), never by importing this module
    import requests

log = logging.getLogger(__name__)

USER_AGENT = f"shelterapp/{__version__} (Kyiv shelter and alert desktop app)"
CONNECT_TIMEOUT_S = 5.0
DEADLINE_S = 20.0  # the whole request, headers and body, however slowly the server sends
MAX_BODY_BYTES = 5 * 1024 * 1024  # alert feeds are kilobytes; a 50 MB answer is an error, not data
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    headers: dict[str, str]  # lower-case names
    not_modified: bool = False  # 304: nothing changed since the last good answer


class HttpClient:
    """Wraps one requests.Session, made on the first request; remembers validators per URL for If-None-Match /
    If-Modified-Since."""

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        deadline_s: float = DEADLINE_S,
        max_bytes: int = MAX_BODY_BYTES,
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
    ) -> None:
        self._session = session
        self._session_ready = False
        self._session_lock = threading.Lock()
        self.deadline_s = deadline_s
        self.max_bytes = max_bytes
        self.connect_timeout_s = connect_timeout_s
        self._validators: dict[str, dict[str, str]] = {}

    @property
    def session(self) -> requests.Session:
        """The session, with our User-Agent and the watchdog's connections; made (and requests imported) on first
        use, under a lock: two first polls on two worker threads share one."""
        with self._session_lock:
            if not self._session_ready:
                from shelterapp.sources.http_session import watched_session

                self._session = watched_session(self._session, USER_AGENT)
                self._session_ready = True
            assert self._session is not None
            return self._session

    def close(self) -> None:
        with self._session_lock:
            session = self._session
        if session is not None:  # never used: nothing to close, and nothing to import
            session.close()

    def get(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        conditional: bool = False,
        accept_statuses: tuple[int, ...] = (),
        progress: ByteProgress | None = None,
    ) -> Response:
        """GET with every guard on; raises SourceError for any failure (never returns a 4xx/5xx unless
        the caller lists it in accept_statuses, for sources whose error bodies carry meaning).
        progress(received, total) is called after each read of the body (total: None when not known)."""
        request_headers = dict(headers or {})
        key = url + "?" + "&".join(f"{k}={v}" for k, v in sorted((params or {}).items()))
        if conditional:
            request_headers.update(self._validators.get(key, {}))
        session = self.session
        from shelterapp.sources.http_session import Watch, watched  # loaded with the session: a lookup

        started = time.monotonic()
        watch = Watch()
        watchdog = threading.Timer(self.deadline_s, watch.fire)
        watchdog.daemon = True
        watched.watch = watch
        watchdog.start()
        try:
            response = self._get(
                session, url, request_headers, params, key, conditional, accept_statuses, started, progress
            )
        except SourceError as error:
            if watch.disarm() and error.kind is not FailureKind.TIMEOUT:
                raise SourceError(FailureKind.TIMEOUT, f"{_host(url)} took over {self.deadline_s:g} s") from error
            raise
        finally:
            watchdog.cancel()
            watched.watch = None
        if watch.disarm():  # cut at the deadline: what arrived before the cut is not the whole answer
            self._validators.pop(key, None)
            raise SourceError(FailureKind.TIMEOUT, f"{_host(url)} took over {self.deadline_s:g} s (answer cut)")
        return response

    def _get(
        self,
        session: requests.Session,
        url: str,
        request_headers: dict[str, str],
        params: dict[str, str] | None,
        key: str,
        conditional: bool,
        accept_statuses: tuple[int, ...],
        started: float,
        progress: ByteProgress | None = None,
    ) -> Response:
        import requests  # loaded with the session: a lookup

        try:
            response = session.get(
                url,
                headers=request_headers,
                params=params,
                timeout=(self.connect_timeout_s, self.deadline_s),
                stream=True,
                allow_redirects=True,
                hooks={"response": _refuse_downgrade},
            )
        except requests.exceptions.ConnectTimeout as exc:
            raise SourceError(FailureKind.TIMEOUT, f"connect timeout: {_host(url)}") from exc
        except requests.exceptions.Timeout as exc:
            raise SourceError(FailureKind.TIMEOUT, f"no answer in time: {_host(url)}") from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.InvalidURL, OSError) as exc:
            raise SourceError(FailureKind.OFFLINE, f"cannot connect to {_host(url)}: {type(exc).__name__}") from exc
        except requests.exceptions.RequestException as exc:
            raise SourceError(FailureKind.OFFLINE, f"request failed: {type(exc).__name__}") from exc
        with response:
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            status = response.status_code
            if status == 304 and conditional:
                return Response(status, b"", response_headers, not_modified=True)
            if status >= 400 and status not in accept_statuses:
                _raise_for_status(status, response_headers, url)
            body = self._read_body(response, started, url, progress)
        if conditional and status == 200:
            validators = {}
            if "etag" in response_headers:
                validators["If-None-Match"] = response_headers["etag"]
            if "last-modified" in response_headers:
                validators["If-Modified-Since"] = response_headers["last-modified"]
            self._validators[key] = validators
        return Response(status, body, response_headers)

    def send(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        json_body: object = None,
        accept_statuses: tuple[int, ...] = (),
    ) -> Response:
        """A small write (the relay registering its webhook): the same timeouts, size cap and failure kinds as
        get(), no redirects followed (a write must not be replayed elsewhere). Raises SourceError."""
        import requests

        session = self.session
        started = time.monotonic()
        try:
            response = session.request(
                method,
                url,
                headers=headers,
                json=json_body,
                timeout=(self.connect_timeout_s, self.deadline_s),
                stream=True,
                allow_redirects=False,
            )
        except requests.exceptions.Timeout as exc:
            raise SourceError(FailureKind.TIMEOUT, f"no answer in time: {_host(url)}") from exc
        except (requests.exceptions.RequestException, OSError) as exc:
            raise SourceError(FailureKind.OFFLINE, f"cannot connect to {_host(url)}: {type(exc).__name__}") from exc
        with response:
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code >= 400 and response.status_code not in accept_statuses:
                _raise_for_status(response.status_code, response_headers, url)
            body = self._read_body(response, started, url)
        return Response(response.status_code, body, response_headers)

    def forget_validators(self) -> None:
        self._validators.clear()

    def _read_body(
        self, response: requests.Response, started: float, url: str, progress: ByteProgress | None = None
    ) -> bytes:
        import requests

        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise BadData(f"answer of {int(declared):,} bytes from {_host(url)} is over the {self.max_bytes:,} cap")
        total = _decoded_total(declared, response.headers.get("Content-Encoding"))
        raw = response.raw
        raw.decode_content = True
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                if time.monotonic() - started > self.deadline_s:
                    raise SourceError(FailureKind.TIMEOUT, f"{_host(url)} sends too slowly")
                chunk = raw.read1(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > self.max_bytes:
                    raise BadData(f"answer from {_host(url)} is over the {self.max_bytes:,} byte cap")
                chunks.append(chunk)
                if progress is not None:
                    progress(size, total)
        except SourceError:
            raise
        except requests.exceptions.Timeout as exc:
            raise SourceError(FailureKind.TIMEOUT, f"{_host(url)} stopped sending") from exc
        except Exception as exc:  # urllib3 protocol/decoding errors: a broken answer
            if "timed out" in str(exc).lower():
                raise SourceError(FailureKind.TIMEOUT, f"{_host(url)} stopped sending") from exc
            raise BadData(f"broken answer from {_host(url)}: {type(exc).__name__}") from exc
        return b"".join(chunks)


def _refuse_downgrade(response: requests.Response, *_args: object, **_kwargs: object) -> None:
    """requests' response hook, run on every answer before its redirect is followed: https -> http is refused."""
    location = response.headers.get("location") if response.is_redirect else None
    if location is None or urlsplit(response.url).scheme != "https":
        return
    target = urljoin(response.url, location)
    if urlsplit(target).scheme != "https":
        response.close()
        raise SourceError(
            FailureKind.SERVER_ERROR,
            f"{_host(response.url)} redirected to plain http ({_host(target)}); a downgrade is never followed",
        )


def _decoded_total(declared: str | None, encoding: str | None) -> int | None:
    """The body's size as we count it (decoded), when the headers tell it: a compressed body's Content-Length
    says nothing about its decoded size."""
    if not declared or not declared.isdigit() or (encoding or "identity").strip().lower() != "identity":
        return None
    return int(declared)


def _raise_for_status(status: int, headers: dict[str, str], url: str) -> None:
    host = _host(url)
    if status == 429:
        raise SourceError(FailureKind.RATE_LIMITED, f"{host} asks us to slow down (429)", parse_retry_after(headers))
    if status == 407:  # a proxy or a WAF on the way wants a login: unavailable, never "your key was rejected"
        raise SourceError(FailureKind.SERVER_ERROR, f"a proxy on the way to {host} asks for a login (407)")
    if status in (401, 403):
        raise SourceError(FailureKind.AUTH, f"{host} refused access ({status})", parse_retry_after(headers))
    if status >= 500:
        raise SourceError(FailureKind.SERVER_ERROR, f"{host} failed ({status})", parse_retry_after(headers))
    raise SourceError(FailureKind.SERVER_ERROR, f"{host} answered {status}")


def parse_retry_after(headers: dict[str, str], now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date. Nonsense gives None."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(min(int(value), 24 * 3600))
    from email.utils import parsedate_to_datetime  # 8 ms of imports: with the first answer that needs it

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, min(seconds, 24 * 3600))


def _host(url: str) -> str:
    """Host only: URLs may carry tokens in their query, and they must never reach a log or the UI."""
    return urlsplit(url).netloc.rsplit("@", 1)[-1] or "the server"
