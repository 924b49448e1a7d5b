"""Address lookup with OpenStreetMap's Nominatim (or a private instance), through geopy, at a polite rate.

geopy builds the /search URL and reads Nominatim's JSON; the bytes travel through our HttpClient (its
deadline watchdog and size cap) via a small geopy adapter, not through geopy's RequestsAdapter, whose
timeout is per socket read (1 s by default) and which retries connections on its own. Every request to
one service passes one RateGate, so batch geocoding and the user's searches together stay at one
request a second, as Nominatim's usage policy asks. Results are limited to Kyiv's box.

Why not geopy's RateLimiter: it wraps one function with its own lock, swallows errors into None by
default (which would look like "address not found" and be cached as such), retries on its own, and
cannot say how long until the next free slot, which the background driver uses to schedule itself.

geopy (with asyncio, about 60 ms of imports and 5 MB) is imported by nominatim_geopy.py on the first lookup, on the
worker thread that makes it: most runs of the app never search online.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from shelterapp.shelters.model import KYIV_BBOX, GeocodeHit, inside_kyiv
from shelterapp.sources.errors import BadData
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
        self._service = (parts.scheme, parts.netloc + parts.path.rstrip("/"), user_agent, timeout_s)
        self._geopy: Any = None  # geopy's Nominatim, made on the first lookup
        self._geopy_lock = threading.Lock()

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
        from shelterapp.sources.nominatim_geopy import find

        south, west, north, east = KYIV_BBOX
        found = find(self._geocoder(), query, max(1, limit), ((south, west), (north, east)))
        # geopy reads a result without lat/lon as (0, 0), which is outside Kyiv, so it would pass for "not found"
        # (and be cached as such): look at what the service wrote
        placed = [place for place in found or [] if _has_position(place.raw)]
        if found and not placed:  # results without a position are a broken answer, never "not found"
            raise BadData("the geocoder's answer has results without coordinates")
        # a server that ignores `bounded` is not believed
        return [place for place in placed if inside_kyiv(place.latitude, place.longitude)]

    def _geocoder(self) -> Any:
        """geopy's Nominatim for this service, its requests through our client and the gate; made once."""
        with self._geopy_lock:
            if self._geopy is None:
                from shelterapp.sources.nominatim_geopy import make_nominatim

                scheme, domain, user_agent, timeout_s = self._service
                self._geopy = make_nominatim(scheme, domain, user_agent, timeout_s, self._http, self.gate.wait)
            return self._geopy


def _has_position(raw: object) -> bool:
    return isinstance(raw, dict) and raw.get("lat") is not None and raw.get("lon") is not None


def _hit(place: Any) -> GeocodeHit:
    return GeocodeHit(label=str(place.address or ""), lat=float(place.latitude), lon=float(place.longitude))
