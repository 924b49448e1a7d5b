"""The JSON of `shelterapp-cli status --json`, built in one place: the CLI prints it, the relay publishes it.

Contract (issue #3): {"state", "regions": {...}, "sources": {NAME: {"ok", "error", "updated"}}, "advisories":
[...]}; field names are relied on by scripts and by desktops that follow a relay: extend, never rename.
Issue #16 added regions.ID.disagreement: [{"source", "state"}] while healthy sources disagree, [] otherwise.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shelterapp.alerting.disagreement import DisagreementDetector, SourceWord, disagreement_json
from shelterapp.alerting.poll_once import Snapshot
from shelterapp.alerting.tracker import Merged
from shelterapp.config import KNOWN_REGIONS
from shelterapp.sources.base import Advisory, AlertReport


def iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


Disagreement = dict[str, tuple[SourceWord, ...]]


def regions_json(merged: Merged, disagreement: Disagreement | None = None) -> dict[str, Any]:
    disagreement = disagreement or {}
    return {
        region: {
            "name": KNOWN_REGIONS.get(region, region),
            "state": r.state.value,
            "threats": [t.value for t in r.threats],
            "level": r.level.value if r.level else None,
            "since": iso(r.since),
            "sources": list(r.sources),
            "disagreement": disagreement_json(disagreement.get(region, ())),
        }
        for region, r in merged.regions.items()
    }


def one_poll_disagreement(snapshot: Snapshot) -> Disagreement:
    """What this one poll heard (`shelterapp-cli status`): the app and the relay, which poll all the time, pass
    their own, which waits for two polls in a row."""
    detector = DisagreementDetector(tuple(snapshot.merged.regions), confirm_polls=1)
    for name, result in snapshot.results.items():
        if isinstance(result.report, AlertReport):  # a failing source's last good answer too, while still trusted
            detector.observe(name, result.report, result.updated or datetime.now(UTC))
    return detector.current(snapshot.merged.healthy)


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


def status_json(
    snapshot: Snapshot, problems: list[str], now: datetime | None = None, disagreement: Disagreement | None = None
) -> dict[str, Any]:
    merged = snapshot.merged
    if disagreement is None:
        disagreement = one_poll_disagreement(snapshot)
    return {
        "state": merged.state.value,
        "regions": regions_json(merged, disagreement),
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
