"""The JSON of `shelterapp-cli status --json`, built in one place: the CLI prints it, the relay publishes it.

Contract (issue #3): {"state", "regions": {...}, "sources": {NAME: {"ok", "error", "updated"}}, "advisories":
[...]}; field names are relied on by scripts and by desktops that follow a relay: extend, never rename.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shelterapp.alerting.poll_once import Snapshot
from shelterapp.alerting.tracker import Merged
from shelterapp.config import KNOWN_REGIONS
from shelterapp.sources.base import Advisory


def iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def regions_json(merged: Merged) -> dict[str, Any]:
    return {
        region: {
            "name": KNOWN_REGIONS.get(region, region),
            "state": r.state.value,
            "threats": [t.value for t in r.threats],
            "level": r.level.value if r.level else None,
            "since": iso(r.since),
            "sources": list(r.sources),
        }
        for region, r in merged.regions.items()
    }


def advisories_json(advisories: list[Advisory]) -> list[dict[str, Any]]:
    return [
        {
            "source": a.source,
            "id": a.uid,
            "title": a.title,
            "summary": a.summary,
            "link": a.link,
            "published": iso(a.published),
            "level": a.level or None,
        }
        for a in advisories
    ]


def status_json(snapshot: Snapshot, problems: list[str], now: datetime | None = None) -> dict[str, Any]:
    merged = snapshot.merged
    return {
        "state": merged.state.value,
        "regions": regions_json(merged),
        "sources": {
            name: {
                "ok": r.ok,
                "error": r.error.value if r.error else None,
                "updated": iso(r.updated),
                "kind": r.kind,
                "detail": r.detail or None,
            }
            for name, r in snapshot.results.items()
        },
        "advisories": advisories_json(snapshot.advisories),
        "config_problems": problems,
        "checked_at": iso(now or datetime.now(UTC)),
    }
