"""Healthy sources that disagree about one of the user's regions: one says alert, another says clear.

The merge rule does not change (tracker.py: any healthy source with an alert makes the region active); this only
says so, and names them, so the person knows the state rests on one feed. A feed a poll behind another is not
a disagreement: each source must have said the same thing `confirm_polls` polls in a row (two in the app and
the relay, which poll all the time; one in `shelterapp-cli status`, which polls once). Pure: no Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from shelterapp.sources.base import AlertReport

CONFIRM_POLLS = 2


@dataclass(frozen=True)
class SourceWord:
    """What one healthy source says about a region while the sources disagree."""

    source: str
    active: bool
    # active: the alert's start as the feed gives it; clear: when this machine first heard it clear after
    # hearing it say alert (None: it said clear from the first poll we heard)
    since: datetime | None = None

    @property
    def state(self) -> str:
        return "active" if self.active else "clear"


@dataclass
class _Streak:
    active: bool
    polls: int
    since: datetime | None


class DisagreementDetector:
    """Feed it every good report of every alert source; ask `current(healthy)` what to show."""

    def __init__(self, regions: tuple[str, ...], confirm_polls: int = CONFIRM_POLLS) -> None:
        self.regions = regions
        self.confirm_polls = confirm_polls
        self._streaks: dict[tuple[str, str], _Streak] = {}  # (source, region) -> what it has said in a row

    def observe(self, source: str, report: AlertReport, now: datetime) -> None:
        for region in self.regions:
            said = report.state_of(region)
            key = (source, region)
            if said is None:  # this source cannot speak for the region (now): it takes no side
                self._streaks.pop(key, None)
                continue
            before = self._streaks.get(key)
            if before is not None and before.active == said.active:
                before.polls += 1
                if said.active and said.since is not None:
                    before.since = said.since
                continue
            # clear: we heard it change at `now`; clear from the first poll we heard, we cannot tell since when
            heard_clear = now if before is not None else None
            self._streaks[key] = _Streak(said.active, 1, said.since if said.active else heard_clear)

    def forget(self, source: str) -> None:
        """A source removed (settings changed): its word no longer counts."""
        for key in [k for k in self._streaks if k[0] == source]:
            del self._streaks[key]

    def current(self, healthy: Iterable[str]) -> dict[str, tuple[SourceWord, ...]]:
        """Per user region, every healthy source's word when confirmed words disagree; () when they agree."""
        trusted = set(healthy)
        found: dict[str, tuple[SourceWord, ...]] = {}
        for region in self.regions:
            said = [
                (source, streak)
                for (source, where), streak in self._streaks.items()
                if where == region and source in trusted
            ]
            confirmed = {streak.active for _, streak in said if streak.polls >= self.confirm_polls}
            words = (SourceWord(source, streak.active, streak.since) for source, streak in said)
            found[region] = (
                tuple(sorted(words, key=lambda w: (not w.active, w.source))) if confirmed == {True, False} else ()
            )
        return found


def disagreement_json(words: tuple[SourceWord, ...]) -> list[dict[str, str]]:
    """`status --json` regions.ID.disagreement: [{"source", "state"}], empty when the sources agree."""
    return [{"source": word.source, "state": word.state} for word in words]
