"""The sources of the fault matrix: what each serves when all is well, and how the app would run it.

Alert and advisory feeds run through AlertService (a SourceCoordinator per source, the AlertTracker, the
history in SQLite), exactly as the app wires them; the tile, geocoding and shelter-list clients through
the objects the app uses for them (TileLoader, NominatimGeocoder on a worker, updater.fetch_list on a worker).
"""

from __future__ import annotations

import json
import logging
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from fault_server import FIXTURES, FaultServer, Route

from shelterapp.sources import (
    alerts_in_ua,
    canada,
    cap,
    fcdo,
    siren_pp_ua,
    state_dept,
    ubilling,
    ukraine_alarm,
    us_embassy,
)
from shelterapp.sources.base import SourceSettings
from shelterapp.sources.errors import SourceError
from shelterapp.sources.registry import SourceSpec

TOKEN = "SECRET-TOKEN-123"  # for keyed sources: must never appear in a log record or an error's text
ALERT_NOW = datetime(2026, 9, 22, 19, 20, tzinfo=UTC)  # the alert fixtures' evening: Kyiv city alerted
ADVISORY_NOW = datetime(2024, 12, 10, 12, 0, tzinfo=UTC)  # after every recorded advisory, before CAP expiry
ALERTS = FIXTURES / "alerts"
ADVISORIES = FIXTURES / "advisories"


def _read(path: Path) -> bytes:
    return path.read_bytes()


@dataclass(frozen=True)
class Feed:
    """One alert or advisory source as the matrix runs it."""

    name: str
    module: ModuleType
    path: str  # the configured URL's path on the fault server
    serves: Callable[[Callable[[], datetime]], dict[str, Route]]  # the good answers, given the clock
    keyed: bool = False

    @property
    def is_alerts(self) -> bool:
        return str(self.module.KIND) == "alerts"

    def spec(self, server: FaultServer) -> SourceSpec:
        interval = float(self.module.DEFAULT_INTERVAL_S)
        token = TOKEN if self.keyed else ""
        return SourceSpec(self.name, self.module, SourceSettings(server.url(self.path), True, interval, token))


def _static(routes: dict[str, Route]) -> Callable[[Callable[[], datetime]], dict[str, Route]]:
    return lambda _clock: routes


def _ualarm_routes() -> dict[str, Route]:
    return {
        "/api/v3/alerts/status": b'{"lastActionIndex": 100}',
        "/api/v3/alerts": _read(ALERTS / "ukrainealarm_alerts.json"),
        "/api/v3/alerts/regionHistory": b"[]",
    }


def ubilling_body(now: datetime, recorded: bytes = _read(ALERTS / "ubilling.json")) -> bytes:
    """The recorded mirror answer, cached just now (older than 10 minutes it is refused as stale)."""
    document = json.loads(recorded)
    document["cachedat"] = now.astimezone(ubilling.KYIV).strftime("%Y-%m-%d %H:%M:%S")
    return json.dumps(document, ensure_ascii=False).encode()


FEEDS = {
    feed.name: feed
    for feed in (
        Feed("siren_pp_ua", siren_pp_ua, "/api/v3", _static(_ualarm_routes())),
        Feed("ukraine_alarm", ukraine_alarm, "/api/v3", _static(_ualarm_routes()), keyed=True),
        Feed(
            "alerts_in_ua",
            alerts_in_ua,
            "",
            _static(
                {
                    "/v1/alerts/active.json": _read(ALERTS / "alerts_in_ua_active.json"),
                    "/v1/regions/31/alerts/month_ago.json": b'{"alerts": []}',
                }
            ),
            keyed=True,
        ),
        Feed(
            "ubilling", ubilling, "/aerialalerts/", lambda clock: {"/aerialalerts/": lambda _r: ubilling_body(clock())}
        ),
        Feed(
            "us_embassy",
            us_embassy,
            "/category/alert/feed/",
            _static({"/category/alert/feed/": _read(ADVISORIES / "us_embassy_ukraine_alerts.rss")}),
        ),
        Feed(
            "fcdo",
            fcdo,
            "/api/content/foreign-travel-advice/ukraine",
            _static(
                {
                    "/api/content/foreign-travel-advice/ukraine": _read(ADVISORIES / "fcdo_ukraine_content.json"),
                    "/foreign-travel-advice/ukraine.atom": _read(ADVISORIES / "fcdo_ukraine.atom"),
                }
            ),
        ),
        Feed(
            "state_dept",
            state_dept,
            "/api/TravelAdvisories",
            _static({"/api/TravelAdvisories": _read(ADVISORIES / "state_dept_travel_advisories.json")}),
        ),
        Feed(
            "canada",
            canada,
            "/travel-voyage/index-alpha-eng.json",
            _static({"/travel-voyage/index-alpha-eng.json": _read(ADVISORIES / "canada_travel_index.json")}),
        ),
        Feed("cap", cap, "/cap.xml", _static({"/cap.xml": _read(ADVISORIES / "cap_example_air_raid.xml")})),
    )
}


def png_tile() -> bytes:
    """A real 1x1 PNG: the tile loader decodes what it stores."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
        + chunk(b"IEND", b"")
    )


def nominatim_answer() -> bytes:
    place = {
        "place_id": 1,
        "lat": "50.4476",
        "lon": "30.5232",
        "place_rank": 30,
        "display_name": "22, вулиця Хрещатик, Київ, Україна",
        "boundingbox": ["50.4474", "50.4478", "30.5230", "30.5234"],
    }
    return json.dumps([place], ensure_ascii=False).encode()


def shelter_layer() -> bytes:
    return _read(FIXTURES / "shelters" / "kyiv_layer_small.geojson")


# --- what a person reading the log would see -----------------------------------------------------------
def problems(records: list[logging.LogRecord]) -> list[str]:
    """Warning and error lines: what someone looking into a problem reads (info lines are detail)."""
    return [record.getMessage() for record in records if record.levelno >= logging.WARNING]


def assert_no_crash_lines(records: list[logging.LogRecord]) -> None:
    """No error line and no traceback: a fault is an expected event, never a bug report."""
    crashes = [r.getMessage() for r in records if r.levelno >= logging.ERROR or r.exc_info]
    assert crashes == []


def all_text(records: list[logging.LogRecord], errors: list[BaseException], caplog: pytest.LogCaptureFixture) -> str:
    """Every log line (tracebacks included) and every error's text and repr, down its chain of causes."""
    parts = [caplog.text]
    visited: set[int] = set()
    chain = list(errors)
    while chain:
        error = chain.pop()
        if id(error) in visited:  # causes and contexts can point back at each other
            continue
        visited.add(id(error))
        parts += [str(error), repr(error), *(str(a) for a in error.args)]
        if isinstance(error, SourceError):
            parts.append(error.detail)
        chain += [e for e in (error.__cause__, error.__context__) if e is not None]
    return "\n".join(parts)
