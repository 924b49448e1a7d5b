"""How Ukraine Alarm and siren.pp.ua are polled (`fetch`), within a per-source budget of requests a minute
kept in `state` (request_budget.py); the payloads themselves are read by ualarm_format.py.

- this poll's share leaves one request for every poll due in the next minute (interval from the
  settings), so a tight budget (Ukraine Alarm: about 3 a minute per key) is never overrun; a spent
  budget (a caller polling too fast) raises RATE_LIMITED without a request;
- with room for the status check, `/alerts` and the history due, `/alerts/status` goes first and an
  unchanged `lastActionIndex` reuses the last `/alerts` answer (fresh as of now); with less room,
  `/alerts` is fetched directly (one request, always fresh data);
- history: `/alerts/regionHistory` for each of the user's regions when never fetched, or when
  `history_gap_s` has passed since that region's last history fetch and `lastActionIndex` changed since
  (or is unknown), and only with budget to spare. History failures never fail the poll. Reports carry
  the alarms that ended in the last 24 h (the same ones again on later polls: the merge dedupes them).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from shelterapp.sources.base import AlertReport, SourceSettings
from shelterapp.sources.errors import RATE_LIMIT_FLOOR_S, FailureKind, SourceError, with_rate_floor
from shelterapp.sources.http import HttpClient
from shelterapp.sources.payload import narrow, recent, stored_history
from shelterapp.sources.request_budget import allowance, budget_spent, spend
from shelterapp.sources.ualarm_format import parse_alerts, parse_region_history, parse_status

log = logging.getLogger(__name__)

AUTH_AFTER_401S = 3  # Ukraine Alarm: this many consecutive 401s, each >= 60 s after the last, mean a bad key
AUTH_401_SPACING_S = 60.0


@dataclass(frozen=True)
class Policy:
    name: str
    per_minute: int  # requests a minute, all endpoints together
    min_interval_s: float
    history_gap_s: float  # at most one history fetch per region per this many seconds
    keyed: bool  # Ukraine Alarm: 401 may be rate limiting; siren.pp.ua: a 401/403 is the service's fault


def fetch(
    http: HttpClient,
    settings: SourceSettings,
    regions: tuple[str, ...],
    state: dict[str, object],
    now: datetime,
    *,
    policy: Policy,
    headers: dict[str, str],
) -> AlertReport:
    poll = _Poll(http, settings.url.rstrip("/"), headers, policy, state, now)
    budget = allowance(state, now, policy.per_minute, max(settings.interval_s, policy.min_interval_s))
    if budget < 1:
        raise budget_spent(state, now, policy.name, policy.per_minute)
    last = state.get("last_full")
    last_full = last if isinstance(last, AlertReport) else None
    known = state.get("last_index")
    index = known if isinstance(known, int) else None
    due = _history_due(state, regions, now, policy.history_gap_s, index)
    if budget >= 2 + len(due):  # room for the status check, /alerts if it moved, and the history due
        fresh = parse_status(poll.get("/alerts/status"))
        budget -= 1
        if fresh == index and last_full is not None:
            full = last_full
        else:
            full = parse_alerts(poll.get("/alerts"), now=now)
            budget -= 1
            state["last_index"] = index = fresh
        due = _history_due(state, regions, now, policy.history_gap_s, index)
    else:  # too tight for a status check that might need a second request: ask for the data itself
        full = parse_alerts(poll.get("/alerts"), now=now)
        budget -= 1
    state["last_full"] = full
    for region in due[: max(0, budget)]:
        poll.fetch_history(region, index)
    return narrow(full, regions, now, recent(stored_history(state), regions, now))


def _history_due(
    state: dict[str, object], regions: tuple[str, ...], now: datetime, gap_s: float, index: int | None
) -> list[str]:
    marks = state.get("history_marks")
    due = []
    for region in regions:
        mark = marks.get(region) if isinstance(marks, dict) else None
        if not isinstance(mark, tuple):
            due.append(region)
            continue
        fetched_at, fetched_index = mark
        if now.timestamp() - fetched_at >= gap_s and (index is None or fetched_index != index):
            due.append(region)
    return due


@dataclass(frozen=True)
class _Poll:
    http: HttpClient
    base: str
    headers: dict[str, str] = field(repr=False)  # carries the key
    policy: Policy
    state: dict[str, object] = field(repr=False)
    now: datetime

    def get(self, path: str, params: dict[str, str] | None = None, *, mandatory: bool = True) -> bytes:
        spend(self.state, self.now)
        url = f"{self.base}{path}"
        host = urlsplit(url).netloc.rsplit("@", 1)[-1]
        keyed = self.policy.keyed
        try:
            response = self.http.get(url, headers=self.headers, params=params, accept_statuses=(401,) if keyed else ())
        except SourceError as exc:
            if not keyed and exc.kind is FailureKind.AUTH:  # siren.pp.ua once answered 401 to everyone
                raise SourceError(FailureKind.SERVER_ERROR, exc.detail, exc.retry_after or RATE_LIMIT_FLOOR_S) from exc
            raise with_rate_floor(exc) from exc
        if response.status == 401:
            if not mandatory:  # this poll already succeeded with this key: it is the rate limit
                raise SourceError(FailureKind.RATE_LIMITED, f"{host} answered 401 (rate limit)", RATE_LIMIT_FLOOR_S)
            raise _unauthorized(self.state, self.now, host, empty=not response.body.strip())
        if response.status != 200:
            raise SourceError(FailureKind.SERVER_ERROR, f"{host} answered {response.status}")
        if mandatory:
            self.state.pop("unauthorized", None)
        return response.body

    def fetch_history(self, region: str, index: int | None) -> None:
        marks = self.state.setdefault("history_marks", {})
        stored = self.state.setdefault("history", {})
        assert isinstance(marks, dict) and isinstance(stored, dict)
        marks[region] = (self.now.timestamp(), None)  # a failed fetch is retried after the gap, not at once
        try:
            body = self.get("/alerts/regionHistory", {"regionId": region}, mandatory=False)
            items = parse_region_history(body, now=self.now)
        except SourceError as exc:
            log.info("%s: history of region %s unavailable: %s", self.policy.name, region, exc)
            return
        stored[region] = tuple(p for p in items if p.region_id == region)
        marks[region] = (self.now.timestamp(), index)


def _unauthorized(state: dict[str, object], now: datetime, host: str, *, empty: bool) -> SourceError:
    """Ukraine Alarm answers 401 both to a bad key and to a key over its limit: only a run of 401s, each a
    minute or more after the last one counted, is taken as a rejected key."""
    raw = state.get("unauthorized")
    times = [t for t in raw if isinstance(t, float)] if isinstance(raw, list) else []
    if not times or now.timestamp() - times[-1] >= AUTH_401_SPACING_S:
        times.append(now.timestamp())
    state["unauthorized"] = times
    if len(times) >= AUTH_AFTER_401S:
        span = round(times[-1] - times[0])
        return SourceError(FailureKind.AUTH, f"{host} rejected the key {len(times)} times over {span} s (401)")
    why = "401 with no body" if empty else "401"
    return SourceError(FailureKind.RATE_LIMITED, f"{host} answered {why}: taken as rate limiting", RATE_LIMIT_FLOOR_S)
