"""A source's own budget of requests a minute, kept in its poll state: never over the service's limit in any
60 s, and one request left for every poll due in the next minute. Ukraine Alarm allows about 3 a minute per
key, alerts.in.ua bans a token that passes 12: the budget is spent here before a request goes out.
"""

from __future__ import annotations

from datetime import datetime

from shelterapp.sources.errors import FailureKind, SourceError


def _times(state: dict[str, object], key: str, now: datetime) -> list[float]:
    """Request times in the last 60 s; entries from a clock that jumped back are dropped, not kept forever."""
    raw = state.get(key)
    stamp = now.timestamp()
    times = [t for t in raw if isinstance(t, float) and stamp - 60 < t <= stamp] if isinstance(raw, list) else []
    state[key] = times
    return times


def spend(state: dict[str, object], now: datetime, key: str = "requests") -> None:
    _times(state, key, now).append(now.timestamp())


def allowance(
    state: dict[str, object], now: datetime, per_minute: int, interval_s: float, key: str = "requests"
) -> int:
    """Requests this poll may make: never over `per_minute` in any 60 s, and one left for each poll due
    in the next minute at `interval_s`. At least 1 when any is left at all; 0 means the budget is spent
    (the caller raises RATE_LIMITED)."""
    times = _times(state, key, now)
    room = per_minute - len(times)
    if room <= 0:
        return 0
    step = max(interval_s, 1.0)
    ahead = 1
    while ahead * step < 60:  # the poll `ahead` intervals from now still sees what we spend now
        later = now.timestamp() + ahead * step
        still_counted = sum(1 for t in times if t > later - 60)
        room = min(room, per_minute - ahead - still_counted)
        ahead += 1
    return max(1, room)


def budget_spent(state: dict[str, object], now: datetime, name: str, per_minute: int) -> SourceError:
    times = _times(state, "requests", now)
    wait = max(1.0, (min(times) + 60 - now.timestamp()) if times else 60.0)
    return SourceError(FailureKind.RATE_LIMITED, f"{name}: our own limit of {per_minute} requests a minute", wait)
