"""The drill's verdicts, link by link, from the facts a runner gathered: what fails, why, and what to do."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from shelterapp.notify import drill
from shelterapp.notify.notification import ServerInformation as ServerInfo
from shelterapp.notify.server_info import NotificationProbe
from shelterapp.notify.sound import PlayOutcome

NOW = datetime(2026, 9, 22, 19, 20, tzinfo=UTC)
GNOME = ServerInfo("gnome-shell", "GNOME", "46.0", "1.2", frozenset({"actions", "body", "persistence", "sound"}))


def english(link: drill.DrillLink) -> dict:
    return link.as_json()


def feed(name="siren_pp_ua", kind="alerts", error="", age_s: float | None = 1.0, trusted_s=47.5) -> drill.FeedProbe:
    data_time = None if age_s is None else NOW - timedelta(seconds=age_s)
    return drill.FeedProbe(name, kind, error, data_time, trusted_s)


def test_feeds_ok_when_every_alert_feed_answered_fresh_data():
    link = english(drill.feeds_link([feed(), feed("us_embassy", "advisories", error="offline", age_s=None)], NOW))
    assert link["ok"] is True
    assert (
        link["detail"] == "siren_pp_ua answered; its data is 1 s old. Advisory feeds that did not answer: us_embassy."
    )


def test_a_stale_feed_names_the_feeds_link_with_the_age_of_its_data():
    # the app's last good data from siren.pp.ua is 10 minutes old and it does not answer now
    link = english(drill.feeds_link([feed(error="timeout", age_s=600), feed("ukraine_alarm")], NOW))
    assert link["name"] == "feeds" and link["ok"] is False
    assert (
        "siren_pp_ua did not answer (timeout). siren_pp_ua is stale: its newest data is 10 min old." in link["detail"]
    )
    assert "ukraine_alarm answered" in link["detail"]
    assert "slow or unreachable" in link["advice"] and "listen for the sirens" in link["advice"]


def test_a_feed_that_fails_while_its_data_is_still_trusted_still_fails_the_link():
    link = english(drill.feeds_link([feed(error="offline", age_s=20)], NOW))
    assert link["ok"] is False and "Its newest data is 20 s old." in link["detail"]


def test_shelters_link():
    ok = english(drill.shelters_link(drill.ShelterFacts(4000, 3900, "2026-09-01", 21, nearest="Khreshchatyk, 200 m")))
    assert (
        ok["ok"]
        and ok["detail"] == "4000 shelters, 3900 with a position; data of 2026-09-01. Nearest: Khreshchatyk, 200 m."
    )
    assert ok["advice"] == ""
    metro = english(drill.shelters_link(drill.ShelterFacts(52, 52, "2026-11-25", 0, built_in_only=True)))
    assert metro["ok"] and "Only the built-in metro list" in metro["advice"]
    old = english(drill.shelters_link(drill.ShelterFacts(10, 10, "2025-01-01", 400)))
    assert old["ok"] and "400 days old" in old["advice"]
    assert not drill.shelters_link(drill.ShelterFacts(10, 0)).ok
    assert not drill.shelters_link(drill.ShelterFacts(error="disk I/O error")).ok


def test_notifications_link_reports_server_capabilities_and_id():
    link = english(drill.notifications_link(NotificationProbe(GNOME, 17)))
    assert link["ok"] and link["detail"] == (
        "gnome-shell 46.0 (GNOME), capabilities: actions, body, persistence, sound. "
        "Drill notification delivered, id 17."
    )
    assert link["advice"] == ""


def test_notifications_advice_per_desktop():
    mate = ServerInfo("Notification Daemon", "MATE", "1.26.0", "1.2", frozenset({"actions", "body"}))
    link = english(drill.notifications_link(NotificationProbe(mate, 3)))
    assert link["ok"] and "On MATE, Do Not Disturb hides every notification" in link["advice"]
    dnd = english(drill.notifications_link(NotificationProbe(mate, 3, extra={"dnd": "on"})))
    assert not dnd["ok"] and "Do Not Disturb is on." in dnd["detail"]
    kde = ServerInfo("Plasma", "KDE", "6.1", "1.2", frozenset({"actions", "body", "sound"}))
    assert (
        "Show critical notifications in Do Not Disturb mode"
        in english(drill.notifications_link(NotificationProbe(kde, 1)))["advice"]
    )
    dunst = ServerInfo("dunst", "knopwob", "1.9", "1.2", frozenset({"body"}))
    advice = english(drill.notifications_link(NotificationProbe(dunst, 1)))["advice"]
    assert "no buttons" in advice and "plays no sound itself" in advice


def test_notifications_to_the_tray_only_or_the_log_fail():
    tray = english(drill.notifications_link(NotificationProbe(channel="tray")))
    assert not tray["ok"] and tray["detail"] == "Notifications go to the tray only: there is no notification service."
    assert not drill.notifications_link(NotificationProbe(channel="log")).ok
    assert drill.notifications_link(NotificationProbe(channel="plyer")).ok


def test_a_refused_drill_notification_fails():
    link = english(drill.notifications_link(NotificationProbe(GNOME, None, "refused", "InvalidArgs")))
    assert not link["ok"] and "refused the drill notification: InvalidArgs" in link["detail"]


def test_sound_link():
    outcomes = [PlayOutcome("pw-play", 1, "pw_context_connect() failed: Host is down"), PlayOutcome("paplay", 0)]
    played = english(drill.sound_link(("pw-play", "paplay"), ["pw-play", "paplay"], outcomes, True))
    assert played["ok"]
    assert played["detail"] == (
        "pw-play failed (exit status 1): pw_context_connect() failed: Host is down. "
        "paplay played the drill siren (exit status 0)."
    )
    off = english(drill.sound_link(("aplay",), ["aplay"], [PlayOutcome("aplay", 0)], enabled=False))
    assert off["ok"] and off["advice"].startswith("The alarm sound is off")


def test_fullscreen_and_tray_links():
    assert drill.fullscreen_link(2, 2, True, True).ok
    assert not drill.fullscreen_link(1, 2, True, True).ok
    wayland = english(drill.fullscreen_link(2, 2, False, True))
    assert wayland["ok"] and "On Wayland no window can stay on top" in wayland["advice"]
    assert not drill.tray_link(False, False).ok and drill.tray_link(True, True).ok


def test_report_is_ok_only_when_every_link_is():
    good, bad = drill.tray_link(True, True), drill.tray_link(False, False)
    assert drill.report_json([good])["ok"] is True
    assert drill.report_json([good, bad])["ok"] is False


def test_translated_rendering_translates_nested_parts():
    text = drill.T("%1 is stale: its newest data is %2 old.", "siren_pp_ua", drill.age_text(600))
    table = {"%1 is stale: its newest data is %2 old.": "%1 застарів: його дані мають %2.", "%1 min": "%1 хв"}
    assert text.render(lambda s: table.get(s, s)) == "siren_pp_ua застарів: його дані мають 10 хв."


def test_monthly_reminder():
    assert drill.drill_due(None, None, NOW)
    assert not drill.drill_due(NOW - timedelta(days=10), None, NOW)
    assert drill.drill_due(NOW - timedelta(days=31), None, NOW)
    assert not drill.drill_due(NOW - timedelta(days=31), date(2026, 9, 10), NOW)  # reminded this month already
    assert drill.drill_due(None, date(2026, 8, 1), NOW)
