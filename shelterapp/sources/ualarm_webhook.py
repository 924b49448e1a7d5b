"""Registering the relay's webhook with the Ukraine Alarm API (`/api/v3/webhook`, body `{webHookUrl}`).

Per the API's OpenAPI spec: POST registers a URL, PATCH changes it, DELETE removes it; the key goes in a raw
`Authorization` header as for every other call. How the API treats a second POST, and whether registrations
expire, is undocumented (../shared/research/alerts-apis.md section 6): so we POST, fall back to PATCH when
the POST is refused as a client error, and renew every RENEW_S. Each call spends one request of the key's
budget (request_budget.spend), like a poll.
"""

from __future__ import annotations

from datetime import datetime

from shelterapp.sources.base import SourceSettings
from shelterapp.sources.errors import RATE_LIMIT_FLOOR_S, FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.request_budget import allowance, spend

RENEW_S = 12 * 3600.0
RETRY_S = 3600.0
PER_MINUTE = 3  # Ukraine Alarm's measured limit per key
_TRY_PATCH = (400, 404, 409, 422)


def register(http: HttpClient, settings: SourceSettings, hook_url: str, state: dict[str, object], now: datetime) -> str:
    """Register (or re-register) `hook_url`; returns the method that worked. Raises SourceError."""
    key = settings.token.strip()
    if not key:
        raise SourceError(FailureKind.AUTH, "no Ukraine Alarm key: the webhook cannot be registered")
    endpoint = settings.url.rstrip("/") + "/webhook"
    headers = {"Authorization": key}
    body = {"webHookUrl": hook_url}
    if allowance(state, now, PER_MINUTE, settings.interval_s) < 1:
        raise SourceError(
            FailureKind.RATE_LIMITED, "the key's request budget is spent; registering later", RATE_LIMIT_FLOOR_S
        )
    spend(state, now)
    answer = http.send("POST", endpoint, headers=headers, json_body=body, accept_statuses=_TRY_PATCH)
    if 200 <= answer.status < 300:
        return "POST"
    if answer.status not in _TRY_PATCH:
        raise SourceError(FailureKind.SERVER_ERROR, f"the webhook registration answered {answer.status}")
    spend(state, now)  # refused as a client error: perhaps already registered, so update it
    http.send("PATCH", endpoint, headers=headers, json_body=body)
    return "PATCH"
