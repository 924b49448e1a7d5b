"""Ukraine Alarm API (api.ukrainealarm.com), with the user's own key in a raw `Authorization: <key>` header.

Limits, as measured by one public project (2026-09-07): about 3 accepted requests a minute per key; the
rest are answered 401 with an empty body, exactly like a wrong key. So:
- the whole source spends at most 3 requests in any 60 s and always leaves one for the next poll; a poll
  with room for two asks `/alerts/status` first and reuses the last `/alerts` answer while
  `lastActionIndex` is unchanged, a poll with room for one asks `/alerts` directly (always fresh data);
- a 401 is RATE_LIMITED (retry after 60 s); only AUTH_AFTER_401S consecutive 401s, each at least 60 s
  after the last one counted, are AUTH (a rejected key: the coordinator pauses the source). Any 200
  resets the count. 403 (no key at all) is AUTH at once; a missing key is AUTH without a request.
- history (`/alerts/regionHistory?regionId=`): each of the user's regions at most once every 5 minutes,
  at start and then only when `lastActionIndex` moved (or is unknown), and only with budget to spare;
  a 401 on a history request never counts toward AUTH. Details: ualarm_poll.

The key never reaches a message, a log line or a repr: SourceSettings hides it and HttpClient's errors
name the host only.
"""

from __future__ import annotations

from datetime import datetime

from shelterapp.sources import ualarm_format, ualarm_poll
from shelterapp.sources.base import AlertReport, SourceSettings
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.http import HttpClient

NAME = "ukraine_alarm"
KIND = "alerts"
DEFAULT_URL = "https://api.ukrainealarm.com/api/v3"
DEFAULT_INTERVAL_S = 30.0
MIN_INTERVAL_S = 20.0  # 3 polls a minute: the budget then skips the status check rather than overrun
ATTRIBUTION = "Ukraine Alarm (Ajax Systems and Stfalcon with the Ministry of Digital Transformation of Ukraine)"
NEEDS_TOKEN = True
ENABLED_BY_DEFAULT = False

POLICY = ualarm_poll.Policy(name=NAME, per_minute=3, min_interval_s=MIN_INTERVAL_S, history_gap_s=300.0, keyed=True)

parse_status = ualarm_format.parse_status
parse_region_history = ualarm_format.parse_region_history


def parse(body: bytes, *, now: datetime) -> AlertReport:
    """`/alerts`: every alerted region (and each region listed with no alerts as calm); complete."""
    return ualarm_format.parse_alerts(body, now=now)


def fetch(
    http: HttpClient, settings: SourceSettings, regions: tuple[str, ...], state: dict[str, object], now: datetime
) -> AlertReport:
    key = settings.token.strip()
    if not key:
        raise SourceError(FailureKind.AUTH, "no token")
    if any(c in key for c in "\r\n\0"):
        raise SourceError(FailureKind.AUTH, "the key contains a line break: paste it again")
    return ualarm_poll.fetch(http, settings, regions, state, now, policy=POLICY, headers={"Authorization": key})
