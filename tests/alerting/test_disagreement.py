"""Healthy sources that disagree about one of the user's regions, said only once each has said it twice in a row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shelterapp.alerting.disagreement import DisagreementDetector, SourceWord, disagreement_json
from shelterapp.sources.base import AlertReport, RegionAlert

T0 = datetime(2026, 9, 22, 19, 0, tzinfo=UTC)
ALERT_START = datetime(2026, 9, 22, 18, 50, tzinfo=UTC)


def report(active: bool | None, region: str = "31", complete: bool = True) -> AlertReport:
    regions = {} if active is None else {region: RegionAlert(region, active, since=ALERT_START if active else None)}
    return AlertReport(regions, T0, complete=complete)


def poll(detector, answers: dict[str, bool | None], at: datetime) -> None:
    for source, active in answers.items():
        detector.observe(source, report(active, complete=active is not None), at)


def test_shown_only_when_each_has_said_it_two_polls_in_a_row():
    detector = DisagreementDetector(("31",))
    healthy = ("siren_pp_ua", "alerts_in_ua")
    poll(detector, {"siren_pp_ua": True, "alerts_in_ua": True}, T0)
    poll(detector, {"siren_pp_ua": True, "alerts_in_ua": False}, T0 + timedelta(seconds=15))
    assert detector.current(healthy) == {"31": ()}  # one poll: alerts.in.ua may just be a poll ahead
    poll(detector, {"siren_pp_ua": True, "alerts_in_ua": False}, T0 + timedelta(seconds=30))
    words = detector.current(healthy)["31"]
    assert words == (
        SourceWord("siren_pp_ua", True, ALERT_START),
        SourceWord("alerts_in_ua", False, T0 + timedelta(seconds=15)),  # when we heard it turn clear
    )
    assert disagreement_json(words) == [
        {"source": "siren_pp_ua", "state": "active"},
        {"source": "alerts_in_ua", "state": "clear"},
    ]


def test_a_feed_one_poll_behind_at_the_start_of_an_alert_is_not_a_disagreement():
    detector = DisagreementDetector(("31",))
    healthy = ("a", "b")
    poll(detector, {"a": False, "b": False}, T0)
    poll(detector, {"a": False, "b": False}, T0 + timedelta(seconds=15))
    poll(detector, {"a": True, "b": False}, T0 + timedelta(seconds=30))  # a hears it first
    assert detector.current(healthy)["31"] == ()
    poll(detector, {"a": True, "b": True}, T0 + timedelta(seconds=45))  # b catches up
    assert detector.current(healthy)["31"] == ()


def test_an_unhealthy_source_and_one_that_cannot_speak_take_no_side():
    detector = DisagreementDetector(("31",))
    for n in range(2):
        poll(detector, {"a": True, "b": False, "c": None}, T0 + timedelta(seconds=15 * n))
    assert detector.current(("a",))["31"] == ()  # b's data is stale: only a counts
    assert [w.source for w in detector.current(("a", "b", "c"))["31"]] == ["a", "b"]  # c says nothing of 31
    detector.forget("b")
    assert detector.current(("a", "b"))["31"] == ()


def test_clear_from_the_first_poll_has_no_since():
    detector = DisagreementDetector(("31",))
    for n in range(2):
        poll(detector, {"a": True, "b": False}, T0 + timedelta(seconds=15 * n))
    clear = [w for w in detector.current(("a", "b"))["31"] if not w.active]
    assert clear == [SourceWord("b", False, None)]  # we never heard it say alert: since when is unknown


def test_one_poll_mode_for_the_cli():
    detector = DisagreementDetector(("31", "14"), confirm_polls=1)
    detector.observe("a", AlertReport({"31": RegionAlert("31", True), "14": RegionAlert("14", False)}, T0), T0)
    detector.observe("b", AlertReport({"31": RegionAlert("31", False), "14": RegionAlert("14", False)}, T0), T0)
    found = detector.current(("a", "b"))
    assert [w.state for w in found["31"]] == ["active", "clear"] and found["14"] == ()
