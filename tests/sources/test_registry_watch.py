"""SourceSpec.fetch(watch=...): more regions (the raions next to Kyiv) from the module's whole answer, with no
request and no history spent on them; the user's own regions are never replaced."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from shelterapp.sources.base import AlertReport, RegionAlert, SourceSettings
from shelterapp.sources.registry import FULL_ANSWER, SourceSpec

NOW = datetime(2026, 9, 22, 19, 20, tzinfo=UTC)


def spec_answering(full: AlertReport | None, calls: list) -> SourceSpec:
    def fetch(_http, _settings, regions, state, now):
        calls.append(regions)
        if full is not None:
            state[FULL_ANSWER] = full
        return AlertReport({r: RegionAlert(r, False) for r in regions if r in full.regions} if full else {}, now)

    module = SimpleNamespace(KIND="alerts", NEEDS_TOKEN=False, fetch=fetch, ATTRIBUTION="test")
    return SourceSpec("fake", module, SourceSettings("http://127.0.0.1:9", True, 15.0))


def test_watched_regions_come_from_the_same_answer():
    full = AlertReport({"31": RegionAlert("31", True), "79": RegionAlert("79", True)}, NOW, complete=True)
    calls: list = []
    report = spec_answering(full, calls).fetch(None, ("31",), {}, NOW, watch=("79", "78"))
    assert calls == [("31",)]  # the module was asked for the user's regions only: no history for the raions
    assert report.regions["79"].active and not report.regions["78"].active  # complete: absent means clear
    assert report.regions["31"].active is False  # the module's own word for the user's region stays


def test_without_a_whole_answer_nothing_is_added():
    calls: list = []
    report = spec_answering(None, calls).fetch(None, ("31",), {}, NOW, watch=("79",))
    assert report.regions == {}


def test_every_alert_feed_keeps_its_whole_answer_for_the_raions_next_to_kyiv(httpserver):
    """The real modules on a local server (Ukraine Alarm's shape, alerts.in.ua's): Brovary (79) comes with Kyiv."""
    from alert_fakes import AlertsInUaFeed, Feed

    from shelterapp.config import AppConfig, SourceOverride
    from shelterapp.sources.http import HttpClient
    from shelterapp.sources.registry import build_specs

    siren, ain = Feed(), AlertsInUaFeed()
    siren.set(True)
    ain.active = True
    url, ain_url = siren.install(httpserver), ain.install(httpserver)
    overrides = {name: SourceOverride(url=url, enabled=True) for name in ("siren_pp_ua", "ukraine_alarm")}
    config = AppConfig(sources={**overrides, "alerts_in_ua": SourceOverride(url=ain_url, enabled=True)})
    specs = {s.name: s for s in build_specs(config, lambda _name: "a-test-token")}
    http = HttpClient()
    for name in ("siren_pp_ua", "ukraine_alarm", "alerts_in_ua"):
        report = specs[name].fetch(http, ("31",), {}, NOW, watch=("79", "74"))
        assert report.regions["31"].active and report.regions["79"].active, name
        assert report.regions["74"].active is False, name  # Vyshhorod is calm in the fixtures
    http.close()
