"""siren.pp.ua: the keyless public wrapper of the Ukraine Alarm API (paths and shapes identical).

Limits: 50 requests a minute per IP (repository README; the registry release says 200 per 5 minutes).
We plan for 40 a minute, all endpoints together. A poll is `/alerts/status` (`lastActionIndex`), then
`/alerts` only when the index moved; history (`/alerts/regionHistory?regionId=`) for each of the user's
regions at start, and then at most once a minute per region and only after the index moved: it recovers
an alert that began and ended between two successful polls (after a suspend, an outage, a backoff).
Details: ualarm_poll.

Known failures: in July 2022 it answered 401 to everyone (Home Assistant issue #75093): a keyless
service's 401/403 is reported as SERVER_ERROR, not as a rejected key. In Sept 2026 it served data 5-10
minutes late for a day (uasiren issue #13): the data carries no age we could check, so it is one source
among several, never the only word on an all-clear.
"""

from __future__ import annotations

from datetime import datetime

from shelterapp.sources import ualarm_format, ualarm_poll
from shelterapp.sources.base import AlertReport, SourceSettings
from shelterapp.sources.http import HttpClient

NAME = "siren_pp_ua"
KIND = "alerts"
DEFAULT_URL = "https://siren.pp.ua/api/v3"
DEFAULT_INTERVAL_S = 15.0
MIN_INTERVAL_S = 10.0  # 6 polls a minute, at most 2 requests each, plus history: well under 50
ATTRIBUTION = "Ukraine Alarm (Ajax Systems, Stfalcon, Ministry of Digital Transformation) via siren.pp.ua"
NEEDS_TOKEN = False
ENABLED_BY_DEFAULT = True

POLICY = ualarm_poll.Policy(name=NAME, per_minute=40, min_interval_s=MIN_INTERVAL_S, history_gap_s=60.0, keyed=False)

parse_status = ualarm_format.parse_status
parse_region_history = ualarm_format.parse_region_history


def parse(body: bytes, *, now: datetime) -> AlertReport:
    """`/alerts`: every alerted region (and each region listed with no alerts as calm); complete."""
    return ualarm_format.parse_alerts(body, now=now)


def fetch(
    http: HttpClient, settings: SourceSettings, regions: tuple[str, ...], state: dict[str, object], now: datetime
) -> AlertReport:
    return ualarm_poll.fetch(http, settings, regions, state, now, policy=POLICY, headers={})
