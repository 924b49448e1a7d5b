"""What a desktop makes of each message from the broker (RelayFollower, pure): the last good data survives
everything that is not a newer, well-formed, fresh state from a relay that is online."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from relay_helpers import state_payload

from shelterapp.sources.errors import BadData, FailureKind, SourceError
from shelterapp.sources.relay_format import (
    MAX_STATE_BYTES,
    Lost,
    Pushed,
    Rejected,
    RelayFollower,
    parse_advisories,
    parse_state,
)

NOW = datetime(2026, 9, 22, 19, 20, tzinfo=UTC)
PREFIX = "org/kyiv"


def stamp(seconds_ago: float = 0) -> str:
    return (NOW - timedelta(seconds=seconds_ago)).isoformat().replace("+00:00", "Z")


def follow(follower, payload, topic="state", retained=False):
    return follower.message(f"{PREFIX}/{topic}", payload, retained, NOW)


def test_states_are_taken_only_in_growing_seq_order():
    follower = RelayFollower(PREFIX)
    assert isinstance(follow(follower, state_payload(5, "active", stamp())), Pushed)
    repeated = follow(follower, state_payload(5, "clear", stamp()))
    older = follow(follower, state_payload(4, "clear", stamp()))
    assert isinstance(repeated, Rejected) and repeated.quiet  # a QoS 1 duplicate is normal, not worth a warning
    assert isinstance(older, Rejected) and not older.quiet and older.error.kind is FailureKind.BAD_DATA
    assert isinstance(follow(follower, state_payload(6, "clear", stamp())), Pushed)
    assert follower.rejected == 2


def test_a_state_older_than_three_minutes_is_not_trusted():
    follower = RelayFollower(PREFIX)
    outcome = follow(follower, state_payload(5, "clear", stamp(181)), retained=True)
    assert isinstance(outcome, Rejected) and "min old" in outcome.error.detail
    assert isinstance(follow(follower, state_payload(6, "clear", stamp(170))), Pushed)


def test_the_last_will_withdraws_and_only_a_new_state_restores():
    follower = RelayFollower(PREFIX)
    follow(follower, state_payload(5, "active", stamp()))
    lost = follow(follower, b"offline", topic="relay", retained=True)
    assert isinstance(lost, Lost) and lost.error.kind is FailureKind.OFFLINE
    assert follow(follower, state_payload(6, "active", stamp())) is None  # an offline relay's word: kept, not used
    assert follow(follower, b"online", topic="relay") is None
    assert isinstance(follow(follower, state_payload(7, "active", stamp())), Pushed)


def test_after_a_lost_link_the_retained_copy_of_the_last_state_confirms_it():
    follower = RelayFollower(PREFIX)
    follow(follower, state_payload(5, "clear", stamp(30)))
    follower.link_lost(SourceError(FailureKind.OFFLINE, "broker restarted"))
    assert isinstance(follow(follower, state_payload(5, "clear", stamp(30)), retained=True), Pushed)
    assert isinstance(follow(follower, state_payload(5, "clear", stamp(30)), retained=True), Rejected)


def test_unknown_regions_are_left_out_and_unknown_threats_kept_as_other():
    payload = json.loads(state_payload(1, "active", stamp()))
    payload["regions"]["14"] = {"state": "unknown"}
    payload["regions"]["31"]["threats"] = ["air_raid", "laser_sharks"]
    report = parse_state(json.dumps(payload).encode(), now=NOW)
    assert set(report.regions) == {"31"} and report.state_of("14") is None  # the relay cannot speak for 14
    assert [t.value for t in report.regions["31"].threats] == ["air_raid", "other"]


def test_oversized_malformed_and_wrongly_typed_states_are_bad_data():
    for payload in (
        state_payload(1, padding="x" * MAX_STATE_BYTES),
        b"\xff\xfe",
        b"[]",
        state_payload(1, "maybe"),
        json.dumps({"seq": "1", "state": "clear", "regions": {}, "published_at": stamp()}).encode(),
        json.dumps(
            {
                "seq": 1,
                "state": "clear",
                "regions": {"31": {"state": "active", "level": "purple"}},
                "published_at": stamp(),
            }
        ).encode(),
    ):
        follower = RelayFollower(PREFIX)
        outcome = follow(follower, payload)
        assert isinstance(outcome, Rejected) and outcome.error.kind is FailureKind.BAD_DATA, payload[:80]


def test_advisories_are_plain_text_and_ordered_by_their_own_seq():
    item = {
        "source": "us_embassy",
        "id": "a1",
        "title": "<b>Alert</b>",
        "summary": "s",
        "link": "https://x",
        "published": stamp(),
        "level": None,
    }
    follower = RelayFollower(PREFIX)
    body = json.dumps({"seq": 3, "published_at": stamp(), "advisories": [item]}).encode()
    pushed = follow(follower, body, topic="advisories")
    assert isinstance(pushed, Pushed) and pushed.report.items[0].title == "<b>Alert</b>"  # shown as plain text
    assert isinstance(follow(follower, body, topic="advisories"), Rejected)


_KEYS = ["seq", "state", "regions", "31", "published_at", "threats", "level", "since", "advisories", "id"]
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.sampled_from(_KEYS) | st.text(max_size=5), inner),
    max_leaves=30,
)


@given(st.binary(max_size=2000) | _json.map(lambda value: json.dumps(value).encode()))
def test_any_bytes_are_a_state_or_bad_data(payload):
    # every parser answers with valid records or its one documented error, whatever a broker delivers
    with contextlib.suppress(BadData):
        parse_state(payload, now=NOW)
    with contextlib.suppress(BadData):
        parse_advisories(payload, now=NOW)
