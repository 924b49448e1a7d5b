"""Turns alert-service events into what a person sees and hears: banner, tray, panes, notifications.

One notification per transition: the service guarantees one event each; the notifier refuses a key
it has already shown. Texts are translated here, at the UI edge.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from shelterapp.alerting.nearby import NearbyEpisode
from shelterapp.alerting.record import recent_figures
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import Episode, Merged, State
from shelterapp.notify.base import Notification, Notifier, Urgency
from shelterapp.shelters.spatial import Hit
from shelterapp.sources.base import Advisory
from shelterapp.ui.labels import (
    distance_label,
    duration_label,
    local_time_label,
    region_label,
    source_badge,
    walk_label,
)
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.tray import Tray

log = logging.getLogger(__name__)

SHOW_SHELTERS = "show_shelters"
ALERT_SOUND = "alarm-clock-elapsed"  # freedesktop sound naming spec; the server picks the file
ADVISORY_TEXT_LIMIT = 280


class AlertPresenter(QObject):
    def __init__(
        self,
        service: AlertService,
        window: MainWindow,
        tray: Tray | None,
        notifier: Notifier,
        nearest: Callable[[], Hit | None],
        language: str,
        show_window: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.window = window
        self.tray = tray
        self.notifier = notifier
        self.nearest = nearest
        self.language = language
        self.show_window = show_window
        service.state_changed.connect(self.show_state)
        service.alert_started.connect(self.alert_started)
        service.alert_ended.connect(self.alert_ended)
        service.missed_alert.connect(self.missed_alert)
        service.advisory_new.connect(self.advisory_new)
        service.advisories_changed.connect(self.refresh_advisories)
        service.disagreement_changed.connect(lambda _words: self.show_state(service.merged()))
        service.nearby_started.connect(self.nearby_started)
        service.nearby_ended.connect(lambda _episode: self.refresh_history())
        notifier.action_invoked.connect(self._action)
        window.tabs.currentChanged.connect(
            lambda _index: self.refresh_history() if window.tabs.currentWidget() is window.history else None
        )  # the chart's days move on at midnight
        self.refresh_advisories()
        self.refresh_history()
        if service.unconfigured:
            self._show_unconfigured()

    # state ------------------------------------------------------------------------------------
    def _show_unconfigured(self) -> None:
        self.window.banner.show_unconfigured()
        if self.tray is not None:
            self.tray.set_state("offline", self.tr("no alert feed configured"))

    def show_state(self, merged: Merged) -> None:
        if self.service.unconfigured:  # feeds still being read (the keyring is slow) show the state meanwhile
            self._show_unconfigured()
            return
        banner = self.window.banner
        banner.disagreement = banner.disagreement_text(self.service.shown_disagreement())
        banner.show_state(merged, self.nearest(), self.service.history.last_state(), self.language)
        if self.tray is not None:
            tray_state = {State.ACTIVE: "alert", State.CLEAR: "calm", State.UNKNOWN: "offline"}[merged.state]
            tooltip = self._tooltip(merged)
            if banner.disagreement:
                tooltip += "\n" + banner.disagreement
            self.tray.set_state(tray_state, tooltip)

    def _tooltip(self, merged: Merged) -> str:
        if merged.state is State.ACTIVE:
            return self.tr("AIR-RAID ALERT since %1").replace(
                "%1", local_time_label(merged.since) if merged.since else "?"
            )
        if merged.state is State.CLEAR:
            return self.tr("no alert")
        return self.tr("alert state unknown (offline)")

    def refresh_advisories(self) -> None:
        self.window.advisories.set_advisories(self.service.advisories())

    def refresh_history(self) -> None:
        """The Alert history tab, when it is in view; else it fills when it is next shown (the tab change above):
        a poll that starts or ends an alert does not spend its milliseconds on a pane nobody sees."""
        if self.window.tabs.currentWidget() is not self.window.history:
            return
        history = self.service.history
        self.window.history.set_episodes(history.episodes())
        self.window.history.set_nearby(history.record.nearby_episodes(limit=50))
        self.window.history.set_figures(recent_figures(history, self.service.clock()))

    # transitions ------------------------------------------------------------------------------
    def alert_started(self, episode: Episode) -> None:
        where = ", ".join(region_label(r) for r in episode.regions)
        threats = ", ".join(self.window.banner.threat_name(t) for t in episode.threats)
        body = (
            self.tr("Air-raid alert in %1 since %2.")
            .replace("%1", where)
            .replace("%2", local_time_label(episode.started))
        )
        if threats:
            body += " " + threats + "."
        body += self._nearest_line()
        self.notifier.notify(
            Notification(
                key=f"alert-start:{episode.key}",
                title=self.tr("AIR-RAID ALERT: go to a shelter"),
                body=body,
                urgency=Urgency.CRITICAL,
                # "default" is what most servers send for a click on the popup itself
                actions=((SHOW_SHELTERS, self.tr("Show shelters")), ("default", "")),
                sound=ALERT_SOUND,
                category="x-shelterapp.alert",
                timeout_ms=0,
            )
        )  # first: then the window
        self.refresh_history()
        self.window.show_nearest_shelters()
        if self.window.isHidden():  # living in the tray: bring the shelters up, without grabbing the keyboard
            self.window.showNormal()
            self.window.raise_()

    def alert_ended(self, episode: Episode) -> None:
        self.refresh_history()
        self.notifier.close(f"alert-start:{episode.key}")
        where = ", ".join(region_label(r) for r in episode.regions)
        if episode.end_unseen:
            body = self._unseen_end(episode, where)
        else:
            seconds = episode.duration(episode.ended or episode.started).total_seconds()
            body = (
                self.tr("The air-raid alert in %1 is over. It lasted %2.")
                .replace("%1", where)
                .replace("%2", duration_label(seconds))
            )
        self.notifier.notify(
            Notification(
                key=f"alert-end:{episode.key}",
                title=self.tr("All clear"),
                body=body,
                urgency=Urgency.NORMAL,
                category="x-shelterapp.all-clear",
            )
        )

    def _unseen_end(self, episode: Episode, where: str) -> str:
        """The app was closed (maybe for days) or offline when the all-clear came: say what is known, no more."""
        began, over = local_time_label(episode.started), local_time_label(episode.ended or episode.started)
        if episode.last_seen is None:
            text = self.tr(
                "The air-raid alert in %1 that began at %2 is over. The all-clear came while shelterapp was closed "
                "or could not reach any alert feed, so its time is not known: the alert was over at %3."
            )
            return text.replace("%1", where).replace("%2", began).replace("%3", over)
        text = self.tr(
            "The air-raid alert in %1 that began at %2 is over. The all-clear came while shelterapp was closed "
            "or could not reach any alert feed, so its time is not known: the alert was still on at %3 and over "
            "at %4."
        )
        seen = local_time_label(episode.last_seen)
        return text.replace("%1", where).replace("%2", began).replace("%3", seen).replace("%4", over)

    def missed_alert(self, episode: Episode) -> None:
        self.refresh_history()
        assert episode.ended is not None
        self.notifier.notify(
            Notification(
                key=f"alert-missed:{episode.key}",
                title=self.tr("Short alert, already over"),
                body=self.tr("There was an air-raid alert in %1 from %2 to %3.")
                .replace("%1", ", ".join(region_label(r) for r in episode.regions))
                .replace("%2", local_time_label(episode.started))
                .replace("%3", local_time_label(episode.ended)),
                urgency=Urgency.NORMAL,
                category="x-shelterapp.all-clear",
            )
        )

    def _nearest_line(self) -> str:
        """ "\nNearest shelter: ..." for a notification's body, or "" when no shelter is known."""
        hit = self.nearest()
        if hit is None:
            return ""
        return "\n" + self.tr("Nearest shelter: %1, %2, %3 on foot.").replace(
            "%1", hit.shelter.display_name(self.language)
        ).replace("%2", distance_label(hit.distance_m)).replace("%3", walk_label(hit.walk_min))

    def nearby_started(self, episode: NearbyEpisode) -> None:
        """Quiet on purpose: normal urgency, no sound, no window raised; the city's own alert does all that."""
        self.refresh_history()
        if not episode.notified:
            return  # the city (or another watched region) was already under alert
        body = self.tr("No alert in Kyiv city for now. Know your way to the nearest shelter.")
        body += self._nearest_line()
        self.notifier.notify(
            Notification(
                key=f"nearby:{episode.uid}",
                title=self.tr("Alert in %1, next to Kyiv: be ready").replace("%1", region_label(episode.region)),
                body=body,
                urgency=Urgency.NORMAL,
                category="x-shelterapp.nearby",
                silent=True,  # a notice to be ready, not an alarm: not even the server's own sound
            )
        )

    def advisory_new(self, advisory: Advisory) -> None:
        text = advisory.summary
        if len(text) > ADVISORY_TEXT_LIMIT:
            text = text[: ADVISORY_TEXT_LIMIT - 1].rsplit(" ", 1)[0] + "…"
        self.notifier.notify(
            Notification(
                key=f"advisory:{advisory.source}:{advisory.uid}",
                title=f"{source_badge(advisory.source)}: {advisory.title}",
                body=text,
                urgency=Urgency.NORMAL,
                category="x-shelterapp.advisory",
            )
        )

    def _action(self, _key: str, action: str) -> None:
        if action in (SHOW_SHELTERS, "default"):
            self.show_window()
            self.window.show_nearest_shelters()
