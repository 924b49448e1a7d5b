"""The drill's verdicts: each link of the alert chain from the facts gathered by whoever ran the drill
(cli/drill.py, ui/drill_controller.py), and the report. Pure: no Qt, no I/O.

Sentences are data (drill_text.py's Text: an English template and its arguments, marked for lupdate), so the
command line prints them in English and the window shows them translated.
Every failed link says why and what to do. A drill never touches the alert state or history (its runners only poll
and probe), so it never counts as an alert and nothing that follows that state (history, a relay) ever sees it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from shelterapp.notify.drill_text import QT_TRANSLATE_NOOP, DrillLink, T, Text, age_text, report_json
from shelterapp.notify.server_info import NotificationProbe
from shelterapp.notify.sound import PlayOutcome

if TYPE_CHECKING:
    from shelterapp.shelters.catalog import Catalog

__all__ = [  # with drill_text's vocabulary, so that callers need one import
    "DRILL_EVERY", "LINKS", "DrillLink", "FeedProbe", "ShelterFacts", "T", "Text", "age_text", "drill_due",
    "feeds_link", "fullscreen_link", "is_mate", "notifications_link", "report_json", "shelter_facts",
    "shelters_link", "sound_link", "tray_link",
]  # fmt: skip

LINKS = ("feeds", "shelters", "notifications", "sound", "fullscreen", "tray")  # the last two from the GUI only
DRILL_EVERY = timedelta(days=30)
OLD_SHELTER_DATA_DAYS = 90


# feeds ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedProbe:
    """One enabled source, polled once by the drill: `error` is a FailureKind value ("" when it answered);
    `data_time` when its newest good data dates from (None: never had any); `trusted_s` how long data stays
    trusted (alerting/tracker.py's staleness rule)."""

    name: str
    kind: str  # "alerts" | "advisories"
    error: str
    data_time: datetime | None
    trusted_s: float


_FEED_ADVICE = {
    "offline": QT_TRANSLATE_NOOP("Drill", "Check the network connection."),
    "timeout": QT_TRANSLATE_NOOP("Drill", "The feed is slow or unreachable: check the network, or try again later."),
    "rate_limited": QT_TRANSLATE_NOOP(
        "Drill", "The feed refuses too many requests: wait a few minutes; is another copy of the app polling it?"
    ),
    "auth": QT_TRANSLATE_NOOP("Drill", "Check the key in Settings → Alert sources."),
    "bad_data": QT_TRANSLATE_NOOP(
        "Drill", "The feed itself has a problem; add a second feed in Settings → Alert sources."
    ),
    "server_error": QT_TRANSLATE_NOOP(
        "Drill", "The feed itself has a problem; add a second feed in Settings → Alert sources."
    ),
}


def feeds_link(probes: Sequence[FeedProbe], now: datetime) -> DrillLink:
    alerts = [p for p in probes if p.kind == "alerts"]
    if not alerts:
        return DrillLink(
            "feeds",
            False,
            (T(QT_TRANSLATE_NOOP("Drill", "No alert feed is enabled: the app cannot know of an alert.")),),
            (
                T(
                    QT_TRANSLATE_NOOP(
                        "Drill",
                        "Turn siren_pp_ua on again in config.toml ([sources.siren_pp_ua] enabled = true), "
                        "or enter a key in Settings → Alert sources.",
                    )
                ),
            ),
        )
    detail: list[Text] = []
    advice: list[Text] = []
    ok = True
    for probe in alerts:
        age = (now - probe.data_time).total_seconds() if probe.data_time is not None else None
        if not probe.error and age is not None and age <= probe.trusted_s:
            detail.append(T(QT_TRANSLATE_NOOP("Drill", "%1 answered; its data is %2 old."), probe.name, age_text(age)))
            continue
        ok = False
        if probe.error:
            detail.append(T(QT_TRANSLATE_NOOP("Drill", "%1 did not answer (%2)."), probe.name, probe.error))
            advice.append(T(_FEED_ADVICE.get(probe.error, _FEED_ADVICE["server_error"])))
        if age is not None and age > probe.trusted_s:
            detail.append(
                T(QT_TRANSLATE_NOOP("Drill", "%1 is stale: its newest data is %2 old."), probe.name, age_text(age))
            )
        elif age is not None:
            detail.append(T(QT_TRANSLATE_NOOP("Drill", "Its newest data is %1 old."), age_text(age)))
        elif not probe.error:
            detail.append(T(QT_TRANSLATE_NOOP("Drill", "%1 has given no data yet."), probe.name))
    silent = [probe.name for probe in probes if probe.kind != "alerts" and probe.error]
    if silent:
        detail.append(T(QT_TRANSLATE_NOOP("Drill", "Advisory feeds that did not answer: %1."), ", ".join(silent)))
    if not ok:
        advice.append(
            T(QT_TRANSLATE_NOOP("Drill", "Until it answers, an alert may reach you late: listen for the sirens."))
        )
    return DrillLink("feeds", ok, tuple(detail), tuple(dict.fromkeys(advice)))


# shelters -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShelterFacts:
    total: int = 0
    positioned: int = 0
    updated: str = ""  # ISO date of the data
    age_days: int | None = None
    built_in_only: bool = False  # only our authored metro list
    nearest: str = ""  # "Maidan Nezalezhnosti, 350 m" when a location is known
    error: str = ""  # the list could not be read at all


def shelter_facts(catalog: Catalog, nearest: str = "") -> ShelterFacts:
    """The facts the shelters link judges, from the loaded list; `nearest` already written for the reader."""
    from shelterapp.shelters.bundled import BUNDLED_SOURCE

    age = catalog.age()
    with_rows = [d for d in catalog.datasets() if d.rows]
    return ShelterFacts(
        total=len(catalog.shelters),
        positioned=len(catalog.index),
        updated=age.updated,
        age_days=age.days,
        built_in_only=bool(with_rows) and all(d.source == BUNDLED_SOURCE for d in with_rows),
        nearest=nearest,
    )


def shelters_link(facts: ShelterFacts) -> DrillLink:
    update = T(
        QT_TRANSLATE_NOOP(
            "Drill",
            "Update the shelter list with File → Update shelters (shelterapp-cli update), "
            "or import the city's list with File → Import.",
        )
    )
    if facts.error:
        return DrillLink(
            "shelters",
            False,
            (T(QT_TRANSLATE_NOOP("Drill", "The shelter list cannot be read: %1."), facts.error),),
            (update,),
        )
    if facts.positioned == 0:
        return DrillLink(
            "shelters",
            False,
            (T(QT_TRANSLATE_NOOP("Drill", "No shelter with a known position: the nearest one cannot be shown.")),),
            (update,),
        )
    detail = [
        T(
            QT_TRANSLATE_NOOP("Drill", "%1 shelters, %2 with a position; data of %3."),
            str(facts.total),
            str(facts.positioned),
            facts.updated or "?",
        )
    ]
    if facts.nearest:
        detail.append(T(QT_TRANSLATE_NOOP("Drill", "Nearest: %1."), facts.nearest))
    advice = []
    if facts.built_in_only:
        advice.append(T(QT_TRANSLATE_NOOP("Drill", "Only the built-in metro list is here.")))
        advice.append(update)
    elif facts.age_days is not None and facts.age_days > OLD_SHELTER_DATA_DAYS:
        advice.append(T(QT_TRANSLATE_NOOP("Drill", "The list is %1 days old."), str(facts.age_days)))
        advice.append(update)
    return DrillLink("shelters", True, tuple(detail), tuple(advice))


# notifications --------------------------------------------------------------------------------------------------
def notifications_link(probe: NotificationProbe) -> DrillLink:
    daemon = T(
        QT_TRANSLATE_NOOP(
            "Drill",
            "Install a notification service (your desktop's own, dunst or xfce4-notifyd); until then an alert "
            "reaches you through the window, the full screen and the sound.",
        )
    )
    if probe.channel == "tray":
        return DrillLink(
            "notifications",
            False,
            (T(QT_TRANSLATE_NOOP("Drill", "Notifications go to the tray only: there is no notification service.")),),
            (daemon,),
        )
    if probe.channel == "log":
        return DrillLink(
            "notifications",
            False,
            (T(QT_TRANSLATE_NOOP("Drill", "No notification channel: notifications go to the log only.")),),
            (daemon,),
        )
    if probe.problem:
        why = {
            "no_bus": QT_TRANSLATE_NOOP("Drill", "No D-Bus session bus: %1."),
            "no_service": QT_TRANSLATE_NOOP("Drill", "No notification service on the session bus (%1)."),
            "no_answer": QT_TRANSLATE_NOOP("Drill", "The notification service did not answer: %1."),
            "refused": QT_TRANSLATE_NOOP("Drill", "The notification service refused the drill notification: %1."),
        }.get(probe.problem, QT_TRANSLATE_NOOP("Drill", "Notifications failed: %1."))
        remedy = daemon
        if probe.problem == "no_bus":
            remedy = T(
                QT_TRANSLATE_NOOP(
                    "Drill", "Run the app inside your desktop session: notifications need the session's D-Bus."
                )
            )
        elif probe.problem == "no_answer":
            remedy = T(QT_TRANSLATE_NOOP("Drill", "Restart the notification service, or log out and in again."))
        return DrillLink("notifications", False, (T(why, probe.detail),), (remedy,))
    server = probe.server
    if server is None:  # the GUI's other channels (plyer): delivered, nothing more to know
        return DrillLink("notifications", True, (T(QT_TRANSLATE_NOOP("Drill", "Sent through %1."), probe.channel),))
    detail = [
        T(
            QT_TRANSLATE_NOOP("Drill", "%1 %2 (%3), capabilities: %4."),
            server.name,
            server.version,
            server.vendor,
            ", ".join(sorted(server.capabilities)) or "-",
        )
    ]
    if probe.notification_id is not None:
        detail.append(T(QT_TRANSLATE_NOOP("Drill", "Drill notification delivered, id %1."), str(probe.notification_id)))
    advice: list[Text] = []
    ok = probe.notification_id is not None
    if is_mate(server):
        if probe.extra.get("dnd") == "on":
            ok = False
            detail.append(T(QT_TRANSLATE_NOOP("Drill", "Do Not Disturb is on.")))
        advice.append(
            T(
                QT_TRANSLATE_NOOP(
                    "Drill",
                    "On MATE, Do Not Disturb hides every notification, critical ones too: keep it off, "
                    "or rely on the sound and the full screen.",
                )
            )
        )
    elif server.vendor.upper() == "KDE":
        advice.append(
            T(
                QT_TRANSLATE_NOOP(
                    "Drill",
                    "On KDE Plasma keep \u201cShow critical notifications in Do Not Disturb mode\u201d on "
                    "(it is on unless changed).",
                )
            )
        )
    if "actions" not in server.capabilities:
        advice.append(T(QT_TRANSLATE_NOOP("Drill", "This server shows no buttons: open the shelters from the tray.")))
    if "sound" not in server.capabilities:
        advice.append(
            T(QT_TRANSLATE_NOOP("Drill", "This server plays no sound itself: the app's own alarm is what you hear."))
        )
    return DrillLink("notifications", ok, tuple(detail), tuple(advice))


def is_mate(server: Any) -> bool:
    return "MATE" in (server.vendor or "").upper() or "mate" in (server.name or "").lower()


# sound ----------------------------------------------------------------------------------------------------------
def sound_link(
    looked_for: Sequence[str], found: Sequence[str], outcomes: Sequence[PlayOutcome], enabled: bool, stopped: str = ""
) -> DrillLink:
    """`stopped`: the player that was playing when the person ended the drill early (Enter, Esc), if any."""
    off = T(
        QT_TRANSLATE_NOOP(
            "Drill",
            "The alarm sound is off (Settings → Alarm and quiet hours, or sound = false in config.toml): "
            "real alerts are silent.",
        )
    )
    if not found:
        return DrillLink(
            "sound",
            False,
            (T(QT_TRANSLATE_NOOP("Drill", "No sound player found (looked for %1)."), ", ".join(looked_for)),),
            (
                T(
                    QT_TRANSLATE_NOOP(
                        "Drill",
                        "Install pipewire-bin or pulseaudio-utils (alsa-utils for bare ALSA). "
                        "Until then only the notification's sound is left.",
                    )
                ),
            ),
        )
    detail = []
    for outcome in outcomes:
        if outcome.exit_code == 0:
            detail.append(T(QT_TRANSLATE_NOOP("Drill", "%1 played the drill siren (exit status 0)."), outcome.player))
        else:
            detail.append(
                T(
                    QT_TRANSLATE_NOOP("Drill", "%1 failed (exit status %2): %3."),
                    outcome.player,
                    str(outcome.exit_code),
                    outcome.error or "-",
                )
            )
    cut_short = bool(stopped) and not any(o.player == stopped for o in outcomes)
    if cut_short:
        detail.append(
            T(QT_TRANSLATE_NOOP("Drill", "%1 was playing the drill siren when the drill was ended."), stopped)
        )
    played = any(o.exit_code == 0 for o in outcomes) or cut_short
    advice = []
    if not played:
        advice.append(
            T(
                QT_TRANSLATE_NOOP(
                    "Drill",
                    "Is a sound server running (PipeWire or PulseAudio)? Run the app inside your desktop session, "
                    "and check that the output is not muted.",
                )
            )
        )
    else:
        advice.append(
            T(QT_TRANSLATE_NOOP("Drill", "If you heard nothing, check the volume and mute of your speakers."))
        )
    if not enabled:
        advice.insert(0, off)
    return DrillLink("sound", played, tuple(detail), tuple(advice))


# fullscreen and tray (the window's drill only) ---------------------------------------------------------------
def fullscreen_link(shown: int, screens: int, on_top: bool, enabled: bool) -> DrillLink:
    detail = (T(QT_TRANSLATE_NOOP("Drill", "Shown on %1 of %2 screens."), str(shown), str(screens)),)
    advice = []
    if not on_top:
        advice.append(
            T(
                QT_TRANSLATE_NOOP(
                    "Drill",
                    "On Wayland no window can stay on top of the others: the critical notification and the sound "
                    "carry the alert there.",
                )
            )
        )
    if not enabled:
        advice.append(
            T(QT_TRANSLATE_NOOP("Drill", "The full-screen alert is off in Settings: real alerts will not show it."))
        )
    return DrillLink("fullscreen", screens > 0 and shown >= screens, detail, tuple(advice))


def tray_link(available: bool, visible: bool) -> DrillLink:
    if not available:
        return DrillLink(
            "tray",
            False,
            (T(QT_TRANSLATE_NOOP("Drill", "This desktop has no system tray: the app runs as a window.")),),
            (
                T(
                    QT_TRANSLATE_NOOP(
                        "Drill",
                        "Keep the window open, or add a tray (on GNOME the AppIndicator extension); alerts still "
                        "bring the window up.",
                    )
                ),
            ),
        )
    if not visible:
        return DrillLink("tray", False, (T(QT_TRANSLATE_NOOP("Drill", "The tray icon is not shown.")),))
    return DrillLink("tray", True, (T(QT_TRANSLATE_NOOP("Drill", "The tray icon is shown.")),))


# the monthly reminder -------------------------------------------------------------------------------------------
def drill_due(last_drill: datetime | None, reminded: date | None, now: datetime) -> bool:
    """A month since the last drill (or none yet), and no reminder in the last month."""
    drilled_lately = last_drill is not None and now - last_drill < DRILL_EVERY
    reminded_lately = reminded is not None and now.date() - reminded < DRILL_EVERY
    return not drilled_lately and not reminded_lately
