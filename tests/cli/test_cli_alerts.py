"""shelterapp-cli status / sources against local feeds: the JSON contract and 'failure is never clear'."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import write_config
from test_cli import run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def serve_siren(httpserver, active: bool) -> str:
    name = "ukrainealarm_alerts.json" if active else "ukrainealarm_alerts_quiet.json"
    httpserver.expect_request("/api/v3/alerts/status").respond_with_json({"lastActionIndex": 7})
    httpserver.expect_request("/api/v3/alerts").respond_with_data(
        (FIXTURES / "alerts" / name).read_bytes(), content_type="application/json"
    )
    httpserver.expect_request("/api/v3/alerts/regionHistory").respond_with_json([])
    return httpserver.url_for("/api/v3")


def test_status_json_contract_during_an_alert(capsys, httpserver, app_home):
    url = serve_siren(httpserver, active=True)
    httpserver.expect_request("/embassy.rss").respond_with_data(
        (FIXTURES / "advisories" / "us_embassy_ukraine_alerts.rss").read_bytes(), content_type="application/rss+xml"
    )
    write_config(app_home, {"siren_pp_ua": {"url": url}, "us_embassy": {"url": httpserver.url_for("/embassy.rss")}})
    code, out, _ = run(capsys, "status", "--json")
    assert code == 0
    status = json.loads(out)
    assert status["state"] == "active"
    assert status["regions"]["31"]["state"] == "active" and status["regions"]["31"]["level"] == "red"
    assert set(status["sources"]) == {"siren_pp_ua", "us_embassy"}  # only enabled sources are polled
    siren = status["sources"]["siren_pp_ua"]
    assert siren["ok"] is True and siren["error"] is None and siren["updated"].endswith("Z")
    assert status["advisories"][0]["source"] == "us_embassy" and "<" not in status["advisories"][0]["summary"]


def test_status_with_a_broken_feed_is_unknown_not_clear(capsys, httpserver, app_home):
    httpserver.expect_request("/api/v3/alerts/status").respond_with_data('{"lastAction', status=200)
    write_config(app_home, {"siren_pp_ua": {"url": httpserver.url_for("/api/v3")}})
    code, out, _ = run(capsys, "status", "--json")
    status = json.loads(out)
    assert code == 0 and status["state"] == "unknown"
    assert status["sources"]["siren_pp_ua"] == {
        "ok": False,
        "error": "bad_data",
        "updated": None,
        "kind": "alerts",
        "detail": status["sources"]["siren_pp_ua"]["detail"],
        "stale": False,
        "regions": {},
    }  # fmt: skip  (never answered: nothing kept to show)


def test_status_quiet_is_clear_and_plain_text_is_readable(capsys, httpserver, app_home):
    write_config(app_home, {"siren_pp_ua": {"url": serve_siren(httpserver, active=False)}})
    code, out, _ = run(capsys, "status")
    assert code == 0 and out.startswith("Alert state: CLEAR") and "siren_pp_ua: ok" in out


def test_sources_lists_every_source_enabled_or_not(capsys, httpserver, app_home):
    write_config(app_home, {"siren_pp_ua": {"url": serve_siren(httpserver, active=False), "interval_s": 12}})
    code, out, _ = run(capsys, "sources", "--json")
    rows = {row["name"]: row for row in json.loads(out)}
    assert code == 0
    assert set(rows) >= {"siren_pp_ua", "ukraine_alarm", "alerts_in_ua", "ubilling", "us_embassy", "fcdo",
                         "state_dept", "canada"}  # fmt: skip
    assert rows["siren_pp_ua"]["enabled"] and rows["siren_pp_ua"]["interval_s"] >= 10
    assert rows["siren_pp_ua"]["health"]["ok"] is True
    assert rows["alerts_in_ua"]["enabled"] is False and rows["alerts_in_ua"]["token_set"] is False
    assert rows["ubilling"]["health"] is None  # disabled: not polled


def test_config_problems_are_reported_and_usage_errors_exit_2(capsys, app_home):
    write_config(app_home, {"siren_pp_ua": {"enabled": False, "colour": "red"}})
    code, out, _ = run(capsys, "status", "--json")
    assert code == 0 and any("colour" in p for p in json.loads(out)["config_problems"])
    assert json.loads(out)["state"] == "unknown"  # no source at all: unknown, never clear
    code, _, err = run(capsys, "status", "--bogus")
    assert code == 2 and err.startswith("shelterapp-cli: error:")


def test_sources_never_prints_credentials_written_into_a_url(capsys, httpserver, app_home):
    # a mirror behind a login and a key in the query: `sources` shows where, never the secrets
    siren = serve_siren(httpserver, active=False).replace("://", "://watcher:pa55word@") + "?api_key=k3y-123"
    extra = '[[sources.cap]]\nurl = "https://cap.example/feed.xml?token=t0ken-456"\n'
    write_config(app_home, {"siren_pp_ua": {"url": siren}}, extra=extra)
    for args in (("sources", "--json"), ("sources",), ("sources", "--no-check"), ("status", "--json"), ("status",)):
        code, out, err = run(capsys, *args)
        assert code == 0
        for secret in ("pa55word", "k3y-123", "t0ken-456", "watcher"):
            assert secret not in out and secret not in err, (args, secret)
    code, out, _ = run(capsys, "sources", "--json", "--no-check")
    rows = {row["name"]: row for row in json.loads(out)}
    shown = rows["siren_pp_ua"]["url"]
    assert shown.startswith("http://***@") and shown.endswith("/api/v3?api_key=***")  # where, without the secrets
    assert rows["cap:1"]["url"] == "https://cap.example/feed.xml?token=***"
