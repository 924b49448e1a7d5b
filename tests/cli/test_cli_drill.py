"""shelterapp-cli drill: the JSON contract, and each broken link (no player, no notification service, a feed
that does not answer, no shelter data) named as exactly that link, the others still ok.

Every link is real: a siren.pp.ua-shaped feed on 127.0.0.1, the shelter store, a fake notification server on a
private D-Bus (tests/fake_notifications.py), and a fake sound player on PATH (tests/sound_fakes.py)."""

from __future__ import annotations

import json

import pytest
from helpers import write_config
from sound_fakes import FakePlayers
from test_cli import run
from test_cli_alerts import serve_siren

from shelterapp.alerting.history import HistoryStore
from shelterapp.paths import default_paths


@pytest.fixture
def healthy(tmp_path, monkeypatch, httpserver, app_home, start_notification_server):
    """Every link working; a test breaks one."""
    write_config(app_home, {"siren_pp_ua": {"url": serve_siren(httpserver, active=False)}})
    fake = start_notification_server()
    bare_bus = start_notification_server(server=False)  # for the test that takes the service away
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", fake.address)
    players = FakePlayers(tmp_path / "bin")
    players.install("paplay")
    monkeypatch.setenv("PATH", players.path)  # only the fakes: no real player answers for one
    return fake, players, bare_bus


def drill(capsys) -> tuple[int, dict]:
    code, out, _ = run(capsys, "drill", "--json")
    return code, json.loads(out)


def failed(report: dict) -> list[str]:
    return [link["name"] for link in report["links"] if not link["ok"]]


def test_every_link_ok_and_the_contract(capsys, healthy):
    fake, players, _ = healthy
    code, report = drill(capsys)
    assert code == 0 and report["ok"] is True, report
    assert [link["name"] for link in report["links"]] == ["feeds", "shelters", "notifications", "sound"]
    for link in report["links"]:
        assert set(link) == {"name", "ok", "detail", "advice"}
        assert isinstance(link["detail"], str) and link["detail"]
    by_name = {link["name"]: link for link in report["links"]}
    assert "siren_pp_ua answered" in by_name["feeds"]["detail"]
    assert "fake 1.0 (shelterapp tests)" in by_name["notifications"]["detail"]
    (sent,) = fake.notifications()
    assert f"id {sent['id']}" in by_name["notifications"]["detail"]
    assert "DRILL" in sent["summary"] and "drill" in sent["body"]  # marked in every text
    assert sent["hints"]["urgency"] == ["y", 2]  # the same critical path a real alert takes
    assert "paplay played the drill siren (exit status 0)" in by_name["sound"]["detail"]
    (play,) = players.plays()
    assert play["player"] == "paplay" and "siren-v80" in play["argv"][0]


def test_text_report_names_links_and_advice(capsys, healthy, monkeypatch):
    monkeypatch.setenv("PATH", "")
    code, out, _ = run(capsys, "drill")
    assert code == 1
    assert "FAIL sound: No sound player found (looked for pw-play, paplay, aplay)." in out
    assert "what to do: Install pipewire-bin or pulseaudio-utils" in out
    assert "ok   feeds:" in out


def test_no_sound_player_fails_only_the_sound_link(capsys, healthy, monkeypatch):
    monkeypatch.setenv("PATH", str(healthy[1].folder.parent / "empty"))
    code, report = drill(capsys)
    assert code == 1 and failed(report) == ["sound"]
    (sound,) = [link for link in report["links"] if link["name"] == "sound"]
    assert "pipewire-bin or pulseaudio-utils" in sound["advice"]


def test_a_player_that_cannot_reach_a_sound_server_fails_the_sound_link_with_its_words(capsys, healthy):
    _, players, _ = healthy
    players.install("paplay", exit_code=1, stderr="Connection failure: Connection refused\n")
    _, report = drill(capsys)
    assert failed(report) == ["sound"]
    (sound,) = [link for link in report["links"] if link["name"] == "sound"]
    assert "paplay failed (exit status 1): Connection failure: Connection refused." in sound["detail"]
    assert "sound server" in sound["advice"]


def test_no_notification_service_fails_only_the_notifications_link(capsys, healthy, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", healthy[2].address)  # a bus with nobody serving notifications
    code, report = drill(capsys)
    assert code == 1 and failed(report) == ["notifications"]
    (link,) = [link for link in report["links"] if link["name"] == "notifications"]
    assert "No notification service" in link["detail"] and "Install a notification service" in link["advice"]


def test_no_session_bus_at_all_fails_only_the_notifications_link(capsys, healthy, monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(healthy[1].folder))  # no "bus" socket there
    _, report = drill(capsys)
    assert failed(report) == ["notifications"]
    assert "desktop session" in report["links"][2]["advice"]


def test_a_feed_that_does_not_answer_fails_only_the_feeds_link(capsys, healthy, httpserver, app_home):
    httpserver.clear()
    httpserver.expect_request("/api/v3/alerts/status").respond_with_data("busy", status=503)
    write_config(app_home, {"siren_pp_ua": {"url": httpserver.url_for("/api/v3")}})
    code, report = drill(capsys)
    assert code == 1 and failed(report) == ["feeds"]
    (feeds,) = [link for link in report["links"] if link["name"] == "feeds"]
    assert "siren_pp_ua did not answer (server_error)" in feeds["detail"]
    assert "second feed" in feeds["advice"]


def test_no_feed_enabled_fails_the_feeds_link(capsys, healthy, app_home):
    write_config(app_home, {})
    _, report = drill(capsys)
    assert failed(report) == ["feeds"] and "No alert feed is enabled" in report["links"][0]["detail"]


def test_no_shelter_data_fails_only_the_shelters_link(capsys, healthy):
    paths = default_paths()
    paths.ensure()
    paths.data_dir.rmdir()
    paths.data_dir.write_text("a file where the data folder should be")  # the store cannot be opened
    code, report = drill(capsys)
    assert code == 1 and failed(report) == ["shelters"]
    assert "File → Update shelters" in report["links"][1]["advice"]


def test_a_drill_writes_no_alert_history_even_during_an_alert(capsys, healthy, httpserver, app_home):
    httpserver.clear()
    write_config(app_home, {"siren_pp_ua": {"url": serve_siren(httpserver, active=True)}})
    drill(capsys)
    paths = default_paths()
    if paths.history_database.exists():
        history = HistoryStore.open(paths.history_database)
        try:
            assert history.episodes() == [] and history.last_state() is None
        finally:
            history.close()
