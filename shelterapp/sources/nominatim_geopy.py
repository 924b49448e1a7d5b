"""The half of the Nominatim lookup that needs geopy: its adapter onto our HttpClient and its errors in our set.

Apart from nominatim.py so that geopy (and the asyncio it imports: about 60 ms and 5 MB) loads on the first
lookup, on the worker thread that makes it, never with the app's start.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

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

from shelterapp.sources.errors import BadData, FailureKind, SourceError
from shelterapp.sources.http import HttpClient


class _GatedAdapter(BaseSyncAdapter):
    """geopy adapter: every request waits for the gate (nominatim.RateGate.wait), then goes through our HttpClient."""

    def __init__(self, *, proxies: Any, ssl_context: Any, http: HttpClient, wait: Callable[[], object]) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self._http = http
        self._wait = wait

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        self._wait()
        response = self._http.get(url, headers=headers)  # raises SourceError for 4xx/5xx, offline, timeout
        return response.body.decode("utf-8", errors="replace")

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except ValueError as exc:
            raise BadData("the geocoder's answer is not JSON") from exc


def make_nominatim(
    scheme: str, domain: str, user_agent: str, timeout_s: float, http: HttpClient, wait: Callable[[], object]
) -> Nominatim:
    return Nominatim(
        domain=domain,
        scheme=scheme,
        user_agent=user_agent,
        timeout=timeout_s,
        adapter_factory=lambda proxies, ssl_context: _GatedAdapter(
            proxies=proxies, ssl_context=ssl_context, http=http, wait=wait
        ),
    )


def find(geocoder: Nominatim, query: str, limit: int, viewbox: tuple[tuple[float, float], tuple[float, float]]) -> Any:
    """geopy's places for `query` inside `viewbox`, in Ukrainian; raises SourceError (ours, or geopy's mapped)."""
    try:
        return geocoder.geocode(
            query,
            exactly_one=False,
            limit=limit,
            viewbox=viewbox,
            bounded=True,
            country_codes="ua",
            language="uk",
        )
    except GeopyError as exc:
        raise _source_error(exc) from exc
    except (ValueError, TypeError, AttributeError, KeyError) as exc:  # geopy reading JSON of the wrong shape
        raise BadData(f"the geocoder's answer is garbled ({type(exc).__name__})") from exc


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
