"""How a source fails: a small closed set of kinds (FailureKind), each turned into one translated sentence by the UI
while the log gets the detail. Apart from sources/base.py so the HTTP client and the map's tiles, which the
window's first frame needs, do not bring every feed's data types with them."""

from __future__ import annotations

from enum import StrEnum


class FailureKind(StrEnum):
    OFFLINE = "offline"  # connection refused, DNS failure, no route
    TIMEOUT = "timeout"  # connect or read took too long (slow server, slow-loris)
    RATE_LIMITED = "rate_limited"  # 429, or Ukraine Alarm's 401-with-empty-body
    AUTH = "auth"  # key or token rejected (401/403 with a body), or missing
    BAD_DATA = "bad_data"  # malformed, truncated, wrong types, hostile XML, too large, HTML instead of JSON
    SERVER_ERROR = "server_error"  # 5xx, or an unexpected status


class SourceError(Exception):
    """A poll that failed; `retry_after` (seconds) is the server's wish where it stated one."""

    def __init__(self, kind: FailureKind, detail: str, retry_after: float | None = None) -> None:
        super().__init__(f"{kind.value}: {detail}")
        self.kind = kind
        self.detail = detail
        self.retry_after = retry_after


class BadData(SourceError):
    """The one error every parser raises for input it cannot trust."""

    def __init__(self, detail: str) -> None:
        super().__init__(FailureKind.BAD_DATA, detail)


RATE_LIMIT_FLOOR_S = 60.0  # a 429 that names no Retry-After still means "not now": wait at least a minute


def with_rate_floor(exc: SourceError) -> SourceError:
    """The error with RATE_LIMIT_FLOOR_S as its Retry-After when it is rate limiting that named none
    (alerts.in.ua bans the impatient)."""
    if exc.kind is FailureKind.RATE_LIMITED and exc.retry_after is None:
        return SourceError(exc.kind, exc.detail, RATE_LIMIT_FLOOR_S)
    return exc
