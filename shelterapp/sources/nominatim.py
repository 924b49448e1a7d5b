"""Address lookup with OpenStreetMap's Nominatim (or a private instance), through geopy, at a polite rate.

geopy builds the /search URL and reads Nominatim's JSON; the bytes travel through our HttpClient (its
deadline watchdog and size cap) via a small geopy adapter, not through geopy's RequestsAdapter, whose
timeout is per socket read (1 s by default) and which retries connections on its own. Every request to
one service passes one RateGate, so batch geocoding and the user's searches together stay at one
request a second, as Nominatim's usage policy asks. Results are limited to Kyiv's box.

Why not geopy's RateLimiter: it wraps one function with its own lock, swallows errors into None by
default (which would look like "address not found" and be cached as such), retries on its own, and
cannot say how long until the next free slot, which the background driver uses to schedule itself.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from geopy.adapters import BaseSyncAdapter
from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderParseError,
    GeocoderQueryError,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.geocoders import Nominatim

from shelterapp.shelters.model import KYIV_BBOX, GeocodeHit, inside_kyiv
from shelterapp.sources.base import BadData, FailureKind, SourceError
from shelterapp.sources.http import USER_AGENT, HttpClient
from shelterapp.urls import redact

log = logging.getLogger(__name__)

NAME = "nominatim"
DEFAULT_URL = "https://nominatim.openstreetmap.org"
ATTRIBUTION = "Search: Nominatim, data © OpenStreetMap contributors, ODbL 1.0"
MIN_INTERVAL_S = 1.0  # https://operations.osmfoundation.org/policies/nominatim/: an absolute maximum of 1 per second
HOUSE_RANK = 28  # Nominatim place_rank: 26-27 streets, 28-30 house numbers and buildings
MAX_BODY_BYTES = 512 * 1024  # a handful of results is a few kilobytes


class RateGate:
    """At most one request per `min_interval_s` to one service, across threads.

    Each caller reserves the next free slot under a lock, then sleeps outside it until that slot."""

    def __init__(
        self,
        min_interval_s: float = MIN_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_interval_s = min_interval_s
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_free = float("-inf")

    def wait(self) -> float:
        """Block until this caller may send; returns the seconds it waited."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_free)
            self._next_free = slot + self.min_interval_s
        delay = slot - now
        if delay > 0:
            self._sleep(delay)
        return delay

    def delay_s(self) -> float:
        """Seconds until the next free slot (0 when a request may go now); reserves nothing."""
        with self._lock:
            return max(0.0, self._next_free - self._clock())


class _GatedAdapter(BaseSyncAdapter):
    """geopy adapter: every request waits for the gate, then goes through our HttpClient."""

    def __init__(self, *, proxies: Any, ssl_context: Any, http: HttpClient, gate: RateGate) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self._http = http
        self._gate = gate

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        self._gate.wait()
        response = self._http.get(url, headers=headers)  # raises SourceError for 4xx/5xx, offline, timeout
        return response.body.decode("utf-8", errors="replace")

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except ValueError as exc:
            raise BadData("the geocoder's answer is not JSON") from exc


class NominatimGeocoder:
    """Searches one Nominatim service; `search` for the user's typed address, `geocode` for one shelter row."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        user_agent: str = USER_AGENT,
        timeout_s: float = 10.0,
        gate: RateGate | None = None,
    ) -> None:
        parts = urlsplit(base_url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"geocoder URL must be http(s)://host[:port][/path], not {redact(base_url)!r}")
        self.base_url = base_url
        self.gate = gate or RateGate()
        self._http = HttpClient(deadline_s=timeout_s, connect_timeout_s=min(5.0, timeout_s), max_bytes=MAX_BODY_BYTES)
        http, gate_ = self._http, self.gate
        self._geopy = Nominatim(
            domain=parts.netloc + parts.path.rstrip("/"),
            scheme=parts.scheme,
            user_agent=user_agent,
            timeout=timeout_s,
            adapter_factory=lambda proxies, ssl_context: _GatedAdapter(
                proxies=proxies, ssl_context=ssl_context, http=http, gate=gate_
            ),
        )

    def close(self) -> None:
        self._http.close()

    def search(self, query: str, limit: int = 5) -> list[GeocodeHit]:
        """Places in Kyiv matching `query`, best first (streets, buildings, stops: whatever the user typed)."""
        return [_hit(place) for place in self._places(query, limit)]

    def geocode(self, query: str) -> GeocodeHit | None:
        """The building at `query` (a house-numbered address), or None when the service does not know it.

        A street without the house is not an answer here: its centre can be kilometres from the shelter."""
        for place in self._places(query, 1):
            rank = place.raw.get("place_rank")
            if isinstance(rank, int) and rank < HOUSE_RANK:
                return None
            return _hit(place)
        return None

    def _places(self, query: str, limit: int) -> list[Any]:
        query = " ".join(query.split())
        if not query:
            return []
        south, west, north, east = KYIV_BBOX
        try:
            found = self._geopy.geocode(
                query,
                exactly_one=False,
                limit=max(1, limit),
                viewbox=((south, west), (north, east)),
                bounded=True,
                country_codes="ua",
                language="uk",
            )
        except GeopyError as exc:
            raise _source_error(exc) from exc
        except (ValueError, TypeError, AttributeError, KeyError) as exc:  # geopy reading JSON of the wrong shape
            raise BadData(f"the geocoder's answer is garbled ({type(exc).__name__})") from exc
        # geopy reads a result without lat/lon as (0, 0), which is outside Kyiv, so it would pass for "not found"
        # (and be cached as such): look at what the service wrote
        placed = [place for place in found or [] if _has_position(place.raw)]
        if found and not placed:  # results without a position are a broken answer, never "not found"
            raise BadData("the geocoder's answer has results without coordinates")
        # a server that ignores `bounded` is not believed
        return [place for place in placed if inside_kyiv(place.latitude, place.longitude)]


def _has_position(raw: object) -> bool:
    return isinstance(raw, dict) and raw.get("lat") is not None and raw.get("lon") is not None


def _hit(place: Any) -> GeocodeHit:
    return GeocodeHit(label=str(place.address or ""), lat=float(place.latitude), lon=float(place.longitude))


def _source_error(exc: GeopyError) -> SourceError:
    """geopy's own errors (its adapter path is not ours, but its parsers raise too) in our closed set."""
    if isinstance(exc, (GeocoderParseError, GeocoderQueryError)):
        return BadData(f"geocoder refused or garbled the answer: {type(exc).__name__}")
    if isinstance(exc, GeocoderRateLimited):
        return SourceError(FailureKind.RATE_LIMITED, "geocoder asks us to slow down", exc.retry_after)
    if isinstance(exc, (GeocoderAuthenticationFailure, GeocoderInsufficientPrivileges)):
        return SourceError(FailureKind.AUTH, "geocoder refused access")
    if isinstance(exc, GeocoderTimedOut):
        return SourceError(FailureKind.TIMEOUT, "geocoder took too long")
    if isinstance(exc, GeocoderUnavailable):
        return SourceError(FailureKind.OFFLINE, "geocoder unreachable")
    return SourceError(FailureKind.SERVER_ERROR, f"geocoder failed: {type(exc).__name__}")
