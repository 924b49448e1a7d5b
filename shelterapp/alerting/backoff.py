"""How long a source waits after a failed poll: shared by the app's coordinators and the relay's poller."""

from __future__ import annotations

from shelterapp.sources.errors import RATE_LIMIT_FLOOR_S, FailureKind, SourceError

__all__ = ["MAX_BACKOFF_S", "RATE_LIMIT_FLOOR_S", "backoff_s"]

MAX_BACKOFF_S = 15 * 60.0


def backoff_s(interval_s: float, failures: int, error: SourceError, jitter: float) -> float:
    """Exponential backoff from the poll interval, with up to 25 % jitter (`jitter` in 0..1), never below
    Retry-After; `failures` counts this one."""
    base = interval_s * (2 ** min(max(failures, 1) - 1, 10))
    delay = min(base, MAX_BACKOFF_S) * (1 + 0.25 * jitter)
    if error.kind is FailureKind.RATE_LIMITED:
        delay = max(delay, RATE_LIMIT_FLOOR_S)
    if error.retry_after is not None:
        delay = max(delay, error.retry_after)
    return delay
