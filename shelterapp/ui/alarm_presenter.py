"""Beside AlertPresenter (the banner, the tray and the notifications): what an alert start and the all-clear
sound like and whether they take the whole screen. The alarm (notify/alarm.py) and the full-screen alert
(alert_screen.py) follow the plan of notify/alarm_policy.py, quiet hours and their floor included.

Acknowledged by "I am in a shelter" (the full screen's Enter, the strip under the banner, the tray menu) or
"Dismiss" (Esc): silence and the full screen closes. The all-clear does the same and plays the calm chime.
Advisories and alerts that began and ended between two polls get no alarm: this class does not listen to them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer

from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import Episode
from shelterapp.background import run_in_background
from shelterapp.notify.alarm import Alarm, SoundTrouble
from shelterapp.notify.alarm_policy import AlarmPlan, plan_alert, plan_all_clear, volume_step
from shelterapp.quiet_hours import QuietStatus
from shelterapp.settings import AlarmSettings
from shelterapp.shelters.spatial import Hit
from shelterapp.ui.alert_screen import AlertScreenText, FullScreenAlert
from shelterapp.ui.labels import distance_label, region_label, walk_label
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.tray import Tray

log = logging.getLogger(__name__)

PREPARE_AFTER_MS = 3000  # write the siren file once the window is up, not on the start-up path


class AlarmPresenter(QObject):
    def __init__(
        self,
        service: AlertService,
        alarm: Alarm,
        screens: FullScreenAlert,
        window: MainWindow,
        tray: Tray | None,
        prefs: Callable[[], AlarmSettings],
        quiet: Callable[[], QuietStatus],
        nearest: Callable[[], Hit | None],
        in_shelter: Callable[[], None],
        language: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        """`prefs`: the alarm settings with config.toml applied; `quiet`: whether it is quiet now;
        `in_shelter`: records "I am in a shelter" (the time-to-shelter timer)."""
        super().__init__(parent)
        self.alarm = alarm
        self.screens = screens
        self.window = window
        self.prefs = prefs
        self.quiet = quiet
        self.nearest = nearest
        self.record_in_shelter = in_shelter
        self.language = language
        self.clock = clock
        self.trouble: SoundTrouble | None = None  # the last time the alarm could not sound, for Settings
        self._pending: tuple[AlarmPlan, Episode] | None = None  # sound and screens for the next turn of the loop
        service.alert_started.connect(self.alert_started)
        service.alert_ended.connect(self.alert_ended)
        screens.in_shelter.connect(self.in_shelter)
        screens.dismissed.connect(self.acknowledge)
        window.timer_bar.in_shelter_clicked.connect(self.acknowledge)  # the timer records it itself
        if tray is not None:
            tray.in_shelter_requested.connect(self.acknowledge)
        alarm.unavailable.connect(self._no_sound)
        QTimer.singleShot(PREPARE_AFTER_MS, self, self._prepare)  # with self as context: dropped if it is gone

    def alert_started(self, episode: Episode) -> None:
        """Planned now, started in the next turn of the event loop: the poll that carried the alert finishes first,
        so the banner and the notification go out without waiting for the windows to be built (3-18 ms)."""
        plan = plan_alert(self.prefs(), self.quiet())
        log.info(
            "alert start: sound %s%%%s, full screen %s%s",
            plan.volume,
            " repeated" if plan.repeat else "",
            "yes" if plan.fullscreen else "no",
            " (quiet hours: softened to the floor)" if plan.softened else "",
        )
        self._pending = (plan, episode)
        QTimer.singleShot(0, self, self._start_pending)

    def _prepare(self) -> None:
        """On a worker: synthesising the siren costs 20-30 ms of CPU, which the window's thread need not pay."""
        volume = volume_step(self.prefs().volume)
        run_in_background(lambda: self.alarm.prepare(volume), lambda _none: None)

    def _start_pending(self) -> None:
        if self._pending is not None:  # else ended (or acknowledged) before this turn came
            plan, episode = self._pending
            self._pending = None
            self.start(plan, episode)

    def start(self, plan: AlarmPlan, episode: Episode) -> None:
        if plan.volume:
            self.alarm.ring(plan.volume, plan.repeat)  # the sound first: it reaches a person not looking
        if plan.fullscreen:
            self.screens.show(self.screen_text(episode))

    def alert_ended(self, _episode: Episode) -> None:
        self._pending = None
        self.screens.close()
        self.alarm.stop()
        volume = plan_all_clear(self.prefs(), self.quiet())
        if volume:
            self.alarm.chime(volume)

    def in_shelter(self) -> None:
        self.acknowledge()
        self.record_in_shelter()

    def acknowledge(self) -> None:
        """Silence and close; the alert itself (banner, tray, timer) goes on until the all-clear."""
        self._pending = None
        if self.screens.showing or self.alarm.active:
            log.info("alarm acknowledged")
        self.screens.close()
        self.alarm.stop()

    def screen_text(self, episode: Episode, drill: bool = False) -> AlertScreenText:
        threats = ", ".join(self.window.banner.threat_name(t) for t in episode.threats)
        where = ", ".join(region_label(r) for r in episode.regions)
        hit = self.nearest()
        return AlertScreenText(
            title=self.tr("DRILL: AIR-RAID ALERT") if drill else self.tr("AIR-RAID ALERT"),
            where=f"{where} · {threats}" if threats else where,
            since_template=self.tr("Since %1 · %2 ago"),
            go=self.tr("Go to the shelter now:") if hit else self.tr("Go to the nearest shelter now."),
            shelter=hit.shelter.display_name(self.language) if hit else "",
            walk=self.tr("%1 · %2 on foot")
            .replace("%1", distance_label(hit.distance_m))
            .replace("%2", walk_label(hit.walk_min))
            if hit
            else "",
            in_shelter=self.tr("I am in a shelter (Enter)"),
            dismiss=self.tr("Dismiss (Esc)"),
            started=episode.started,
            drill=self.tr("DRILL: NOT A REAL ALERT") if drill else "",
        )

    def _no_sound(self, trouble: SoundTrouble) -> None:
        self.trouble = trouble
        self.window.show_notice(self.sound_trouble_text(trouble), problem=True)

    def sound_trouble_text(self, trouble: SoundTrouble) -> str:
        if trouble.detail:
            return self.tr("The alarm sound could not be prepared: %1").replace("%1", trouble.detail)
        if not trouble.found:
            return self.tr(
                "No sound player was found, so the alarm could not sound: install pipewire-bin or pulseaudio-utils "
                "(alsa-utils for bare ALSA). The notification's own sound is used."
            )
        failures = "; ".join(f"{f.player}: {f.error or f.exit_code}" for f in trouble.failures)
        return self.tr("The alarm sound could not play (%1). Is a sound server running?").replace("%1", failures)
