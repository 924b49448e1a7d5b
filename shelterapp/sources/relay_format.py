"""What the relay publishes and how a desktop reads it: topics, payload checks, and the order of messages.

Topics under the organisation's prefix (config_relay.DEFAULT_TOPIC_PREFIX):
- `<prefix>/state` (retained, QoS 1): `shelterapp-cli status --json` plus `seq` (always growing, across relay
  restarts too) and `published_at`; regions as {"state": active|clear|unknown, "threats", "level", "since"}.
- `<prefix>/advisories` (retained, QoS 1): {"seq", "published_at", "advisories": [as in status --json]}.
- `<prefix>/relay` (retained): "online", or the last will "offline".

A desktop trusts none of it blindly (`RelayFollower`, pure, runs on paho's thread): a message that is not JSON
of this shape, is over its size cap, repeats or goes back in `seq`, or is older than STALE_AFTER_S on arrival
is rejected and the last good data kept; "offline" (the will) or a lost broker withdraws the relay's data at
once. A region the relay reports *unknown* is left out of the report: the relay cannot speak for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from shelterapp.jsonload import load_json
from shelterapp.sources.base import Advisory, AdvisoryReport, AlertReport, Level, RegionAlert, Threat
from shelterapp.sources.errors import BadData, FailureKind, SourceError

STATE, ADVISORIES, PRESENCE = "state", "advisories", "relay"
ONLINE, OFFLINE = b"online", b"offline"
MAX_STATE_BYTES = 256 * 1024  # a state is a few KB; advisories ride along in it
MAX_ADVISORIES_BYTES = 1024 * 1024
MAX_PACKET_BYTES = MAX_ADVISORIES_BYTES + 4096  # asked of the broker (MQTT v5): bigger ones never reach us
STALE_AFTER_S = 180.0  # no state newer than this: the relay is not trusted (it re-publishes every 60 s)
_TEXT_CAP = 20_000


@dataclass(frozen=True)
class RelayReport(AlertReport):
    """An AlertReport as the relay published it, with where it stands in the relay's sequence."""

    seq: int = 0
    published_at: datetime | None = None
    relay_state: str = ""  # the relay's own merged state: active, clear or unknown


@dataclass(frozen=True)
class Pushed:
    """Good data: an AlertReport (RelayReport) or an AdvisoryReport."""

    report: RelayReport | AdvisoryReport


@dataclass(frozen=True)
class Rejected:
    """A message refused; the last good data stays trusted (`quiet`: a duplicate, not worth showing)."""

    error: SourceError
    quiet: bool = False


@dataclass(frozen=True)
class Lost:
    """The relay cannot be heard (broker unreachable, login refused, relay offline): withdraw its data now."""

    error: SourceError


Outcome = Pushed | Rejected | Lost


def _json_object(payload: bytes, cap: int, what: str) -> dict[str, Any]:
    if len(payload) > cap:
        raise BadData(f"relay {what}: {len(payload):,} bytes is over the {cap:,} byte cap")
    data = load_json(payload, f"relay {what}", BadData)
    if not isinstance(data, dict):
        raise BadData(f"relay {what}: expected a JSON object")
    return data


def _moment(value: object, what: str, required: bool = True) -> datetime | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise BadData(f"relay {what}: not a date")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadData(f"relay {what}: not a date") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _seq(data: dict[str, Any], what: str) -> int:
    seq = data.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2**63:
        raise BadData(f"relay {what}: seq must be a whole number")
    return seq


def _text(value: object, what: str, empty_ok: bool = True) -> str:
    if value is None and empty_ok:
        return ""
    if not isinstance(value, str) or (not value and not empty_ok):
        raise BadData(f"relay {what}: expected text")
    return value[:_TEXT_CAP]


def parse_state(payload: bytes, *, now: datetime) -> RelayReport:
    """`<prefix>/state` -> the regions the relay can speak for (pure; raises BadData)."""
    data = _json_object(payload, MAX_STATE_BYTES, "state")
    seq = _seq(data, "state")
    published = _moment(data.get("published_at"), "state.published_at")
    relay_state = data.get("state")
    if relay_state not in ("active", "clear", "unknown"):
        raise BadData("relay state: state must be active, clear or unknown")
    raw_regions = data.get("regions")
    if not isinstance(raw_regions, dict) or len(raw_regions) > 2000:
        raise BadData("relay state: regions must be an object")
    regions: dict[str, RegionAlert] = {}
    for region_id, entry in raw_regions.items():
        where = f"regions.{str(region_id)[:20]}"
        if not isinstance(entry, dict) or not region_id.isdigit() or len(region_id) > 8:
            raise BadData(f"relay state: {where} is not a region")
        said = entry.get("state")
        if said == "unknown":
            continue  # the relay cannot speak for it: neither alert nor calm
        if said == "clear":
            regions[region_id] = RegionAlert(region_id, active=False)
        elif said == "active":
            regions[region_id] = RegionAlert(
                region_id,
                active=True,
                threats=_threats(entry.get("threats"), where),
                level=_level(entry.get("level"), where),
                since=_moment(entry.get("since"), f"{where}.since", required=False),
            )
        else:
            raise BadData(f"relay state: {where}.state must be active, clear or unknown")
    return RelayReport(regions, now, (), False, seq=seq, published_at=published, relay_state=relay_state)


def _threats(value: object, where: str) -> tuple[Threat, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > 20:
        raise BadData(f"relay state: {where}.threats must be a list")
    known = {t.value for t in Threat}
    found = {Threat(t) if t in known else Threat.OTHER for t in value if isinstance(t, str)}
    return tuple(t for t in Threat if t in found)


def _level(value: object, where: str) -> Level | None:
    if value is None:
        return None
    if value not in (Level.RED.value, Level.YELLOW.value):
        raise BadData(f"relay state: {where}.level must be red, yellow or null")
    return Level(value)


def parse_advisories(payload: bytes, *, now: datetime) -> tuple[int, AdvisoryReport]:
    """`<prefix>/advisories` -> (seq, report); plain text only, as every other advisory source."""
    data = _json_object(payload, MAX_ADVISORIES_BYTES, "advisories")
    seq = _seq(data, "advisories")
    raw = data.get("advisories")
    if not isinstance(raw, list) or len(raw) > 1000:
        raise BadData("relay advisories: advisories must be a list")
    items = []
    for number, entry in enumerate(raw):
        what = f"advisories[{number}]"
        if not isinstance(entry, dict):
            raise BadData(f"relay {what}: expected an object")
        published = _moment(entry.get("published"), f"{what}.published")
        assert published is not None
        items.append(
            Advisory(
                source=_text(entry.get("source"), f"{what}.source", empty_ok=False)[:40],
                uid=_text(entry.get("id"), f"{what}.id", empty_ok=False)[:500],
                title=_text(entry.get("title"), f"{what}.title")[:1000],
                summary=_text(entry.get("summary"), f"{what}.summary"),
                link=_text(entry.get("link"), f"{what}.link")[:2000],
                published=published,
                level=_text(entry.get("level"), f"{what}.level")[:200],
            )
        )
    return seq, AdvisoryReport(tuple(items), now)


class RelayFollower:
    """Decides what each event from the broker means for the desktop. Pure; one per subscription, fed from
    one thread (paho's), so it needs no lock."""

    def __init__(self, prefix: str) -> None:
        self.topics = {f"{prefix}/{leaf}": leaf for leaf in (STATE, ADVISORIES, PRESENCE)}
        self.state_seq = -1
        self.advisories_seq = -1
        self.offline = False  # the relay's presence says offline (its last will)
        self.withdrawn = True  # nothing trusted yet, or trust withdrawn since the last good state
        self.rejected = 0

    def link_lost(self, error: SourceError) -> Outcome:
        self.withdrawn = True
        return Lost(error)

    def message(self, topic: str, payload: bytes, retained: bool, now: datetime) -> Outcome | None:
        leaf = self.topics.get(topic)
        try:
            if leaf == PRESENCE:
                return self._presence(payload)
            if leaf == STATE:
                return self._state(payload, retained, now)
            if leaf == ADVISORIES:
                return self._advisories(payload, now)
        except SourceError as error:
            self.rejected += 1
            return Rejected(error)
        return None  # another topic under the prefix: not ours to read

    def _presence(self, payload: bytes) -> Outcome | None:
        word = payload.strip().lower()
        if word == OFFLINE:
            self.offline = True
            return self.link_lost(SourceError(FailureKind.OFFLINE, "the relay is offline (its last will)"))
        if word == ONLINE:
            self.offline = False
            return None  # trust comes back with its next state, which it publishes right after "online"
        raise BadData("relay presence: expected online or offline")

    def _state(self, payload: bytes, retained: bool, now: datetime) -> Outcome | None:
        report = parse_state(payload, now=now)
        repeat = report.seq == self.state_seq
        if report.seq < self.state_seq or (repeat and not (retained and self.withdrawn)):
            self.rejected += 1
            why = "repeats" if repeat else "goes back from"
            error = SourceError(FailureKind.BAD_DATA, f"relay state seq {report.seq} {why} {self.state_seq}")
            return Rejected(error, quiet=repeat)
        # a retained copy of the last state, after our link came back, confirms it; it is not news
        assert report.published_at is not None
        age = (now - report.published_at).total_seconds()
        if age > STALE_AFTER_S:
            self.rejected += 1
            error = SourceError(FailureKind.SERVER_ERROR, f"the relay's latest state is {age / 60:.0f} min old")
            return Rejected(error)
        self.state_seq = report.seq
        if self.offline:
            return None  # kept in order, but an offline relay's word is not trusted until it is back
        self.withdrawn = False
        return Pushed(report)

    def _advisories(self, payload: bytes, now: datetime) -> Outcome | None:
        seq, report = parse_advisories(payload, now=now)
        if seq <= self.advisories_seq:
            self.rejected += 1
            return Rejected(SourceError(FailureKind.BAD_DATA, f"relay advisories seq {seq} is not new"), quiet=True)
        self.advisories_seq = seq
        return Pushed(report)
