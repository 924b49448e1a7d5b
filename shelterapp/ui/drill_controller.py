"""Help → Run a drill: the whole alert chain with an alert marked DRILL, and a report of each link.

At once: the full-screen alert on every screen (marked DRILL, closing itself after DRILL_SCREEN_MS or at Enter/Esc),
the siren played once, a critical notification through the app's own notifier (marked DRILL), while every enabled
feed is polled once (off the GUI thread) and the notifier says which server took the notification. Then the report:
feeds, shelters, notifications, sound, fullscreen, tray (notify/drill.py judges each).
A drill never goes through the alert service: no history, no alert state, nothing another desktop could see.
It does not start during a real alert, and a real alert that starts during a drill ends the drill.
Also the monthly reminder (off unless the person turns it on in Settings → Alarm and quiet hours).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from shelterapp.alerting.poll_once import Snapshot, poll_with_own_client
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import Episode, State, trusted_for_s
from shelterapp.background import run_in_background
from shelterapp.notify import drill
from shelterapp.notify.alarm import Alarm
from shelterapp.notify.alarm_policy import volume_step
from shelterapp.notify.base import Notifier
from shelterapp.notify.server_info import NotificationProbe, drill_notification, mate_do_not_disturb
from shelterapp.notify.sound import looked_for
from shelterapp.settings import AlarmSettings
from shelterapp.shelters.catalog import Catalog
from shelterapp.sources.base import Threat
from shelterapp.ui.alarm_presenter import AlarmPresenter
from shelterapp.ui.alert_screen import FullScreenAlert, stays_on_top
from shelterapp.ui.drill_dialog import DrillDialog
from shelterapp.ui.labels import distance_label, feed_label, source_badge, walk_label
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.tray import Tray

log = logging.getLogger(__name__)

DRILL_SCREEN_MS = 8000  # the drill's full screen closes itself: the report is under it
ID_WAIT_MS = 6000  # the notification server's answer (with its id)
SOUND_WAIT_MS = 30_000  # a player still playing after this is stopped and reported
REMINDER_CHECK_MS = 60 * 60 * 1000
WAITED_FOR = ("feeds", "notifications", "sound")


class DrillController(QObject):
    """Signals: finished(list[DrillLink])."""

    finished = Signal(list)

    def __init__(
        self,
        service: AlertService,
        alarm: Alarm,
        screens: FullScreenAlert,
        presenter: AlarmPresenter,
        notifier: Notifier,
        tray: Tray | None,
        window: MainWindow,
        catalog: Catalog,
        prefs: Callable[[], AlarmSettings],
        save: Callable[[AlarmSettings], None],
        chosen: Callable[[], AlarmSettings],
        bus_address: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        """`prefs`: alarm settings with config.toml applied; `chosen`/`save`: the person's own, where the last
        drill and the last reminder are kept; `bus_address`: the session bus (None: the environment's)."""
        super().__init__(parent)
        self.service = service
        self.alarm = alarm
        self.screens = screens
        self.presenter = presenter
        self.notifier = notifier
        self.tray = tray
        self.window = window
        self.catalog = catalog
        self.prefs = prefs
        self.save = save
        self.chosen = chosen
        self.bus_address = bus_address
        self.clock = clock
        self.running = False
        self.links: dict[str, drill.DrillLink] = {}
        self.dialog: DrillDialog | None = None
        self._run = 0
        self._key = ""
        self._notify_failure = ""
        self._sound_started = ""
        self._id_wait = QTimer(self, interval=100)
        self._id_wait.timeout.connect(self._id_tick)
        self._id_ticks_left = 0
        self._screen_timer = QTimer(self, singleShot=True, interval=DRILL_SCREEN_MS)
        self._screen_timer.timeout.connect(self._close_screen)
        self._sound_timer = QTimer(self, singleShot=True, interval=SOUND_WAIT_MS)
        self._sound_timer.timeout.connect(alarm.stop)
        window.drill_requested.connect(self.run)
        service.alert_started.connect(self._real_alert)
        notifier.failed.connect(self._notifier_failed)
        notifier.delivered.connect(self._check_notification)
        self._reminder = QTimer(self, interval=REMINDER_CHECK_MS)
        self._reminder.timeout.connect(self.remind_if_due)
        self._reminder.start()
        self.remind_if_due()

    # running -----------------------------------------------------------------------------------------------------
    def run(self) -> None:
        if self.running:
            return
        if self.service.merged().state is State.ACTIVE:
            self.window.show_notice(self.tr("An alert is on: this is no time for a drill. Go to a shelter."), True)
            return
        self.running = True
        self._run += 1
        run = self._run
        now = self.clock()
        log.info("drill started")
        self.links = {"shelters": drill.shelters_link(self._shelter_facts()), "tray": self._tray_link()}
        self._show_report(done=False)
        episode = Episode(now, self.service.regions, (Threat.AIR_RAID,))
        shown = self.screens.show(self.presenter.screen_text(episode, drill=True))
        self._screen_timer.start()
        self.links["fullscreen"] = drill.fullscreen_link(
            shown, len(QGuiApplication.screens()), stays_on_top(), self.prefs().fullscreen
        )
        self._start_sound(run)
        self._start_notification(now, run)
        self._start_feeds(now, run)
        self._show_report(done=False)

    def _start_feeds(self, now: datetime, run: int) -> None:
        specs, regions = list(self.service.specs), self.service.regions

        run_in_background(
            lambda: poll_with_own_client(specs, regions, now),
            lambda snapshot: self._feeds_done(run, snapshot),
            lambda exc: self._feeds_failed(run, exc),
        )

    def _feeds_done(self, run: int, snapshot: Snapshot) -> None:
        if run != self._run or not self.running:
            return
        intervals = {spec.name: spec.interval_s for spec in self.service.specs}
        probes = []
        for result in snapshot.results.values():
            health = self.service.tracker.sources.get(result.name)
            # a feed that does not answer now: how old is the data the app holds from it?
            data_time = result.updated if result.ok else (health.last_success if health is not None else None)
            error = result.error.value if result.error else ""
            probes.append(
                drill.FeedProbe(
                    feed_label(result.name) if result.kind == "alerts" else source_badge(result.name),
                    result.kind,
                    error,
                    data_time,
                    trusted_for_s(intervals[result.name]),
                )
            )
        self._done("feeds", drill.feeds_link(probes, self.clock()))

    def _feeds_failed(self, run: int, exc: BaseException) -> None:
        log.error("drill: polling the feeds failed", exc_info=exc)
        if run == self._run and self.running:
            self._done("feeds", drill.feeds_link([], self.clock()))

    def _start_sound(self, run: int) -> None:
        prefs = self.prefs()
        self._sound_started = ""

        def started(player: str) -> None:
            self._sound_started = player

        def finished() -> None:
            self.alarm.started.disconnect(started)
            self.alarm.finished.disconnect(finished)
            self._sound_timer.stop()
            if run == self._run and self.running:
                link = drill.sound_link(
                    looked_for(), self.alarm.found, self.alarm.outcomes, prefs.sound, stopped=self._sound_started
                )
                self._done("sound", link)

        self.alarm.started.connect(started)
        self.alarm.finished.connect(finished)
        self._sound_timer.start()
        self.alarm.ring(volume_step(prefs.volume), repeat=False)  # the drill plays even with the sound off

    def _start_notification(self, now: datetime, run: int) -> None:
        """Through the app's own notifier, the path a real alert takes; the server and the id come from it."""
        self._key = f"drill:{now.isoformat()}"
        self._notify_failure = ""
        hit = self.presenter.nearest()
        body = self.tr("This is a drill of shelterapp's alert chain. There is no alert.")
        if hit is not None:
            body += " " + self.tr("Nearest shelter: %1.").replace(
                "%1", hit.shelter.display_name(self.presenter.language)
            )
        self.notifier.notify(drill_notification(self._key, self.tr("DRILL: air-raid alert (not a real alert)"), body))
        if self.notifier.name != "dbus":
            self._done("notifications", drill.notifications_link(NotificationProbe(channel=self.notifier.name)))
            return
        self._id_ticks_left = ID_WAIT_MS // self._id_wait.interval()
        self._id_wait.start()
        self._check_notification()

    def _notifier_failed(self, reason: str) -> None:
        if self.running and "notifications" not in self.links:
            self._notify_failure = reason
            self._check_notification()

    def _id_tick(self) -> None:
        self._id_ticks_left -= 1
        self._check_notification()

    def _check_notification(self, *_args: object) -> None:
        if not self.running or "notifications" in self.links or not self._id_wait.isActive():
            return
        server = self.notifier.server_information()
        notification_id = self.notifier.notification_id(self._key)
        if notification_id is None and not self._notify_failure and self._id_ticks_left > 0:
            return
        self._id_wait.stop()
        if notification_id is None:
            reason = self._notify_failure or self.tr("no answer within %1 s").replace("%1", str(ID_WAIT_MS // 1000))
            probe = NotificationProbe(server, None, "refused" if server is not None else "no_answer", reason)
            self._done("notifications", drill.notifications_link(probe))
        elif server is not None and drill.is_mate(server):  # where Do Not Disturb hides even critical ones
            run = self._run
            run_in_background(
                mate_do_not_disturb,
                lambda dnd: self._mate_known(run, NotificationProbe(server, notification_id, extra={"dnd": dnd})),
            )
        else:
            self._done("notifications", drill.notifications_link(NotificationProbe(server, notification_id)))

    def _mate_known(self, run: int, probe: NotificationProbe) -> None:
        if run == self._run and self.running:
            self._done("notifications", drill.notifications_link(probe))

    def _shelter_facts(self) -> drill.ShelterFacts:
        hit = self.presenter.nearest()
        nearest = ""
        if hit is not None:
            nearest = ", ".join(
                (
                    hit.shelter.display_name(self.presenter.language),
                    distance_label(hit.distance_m),
                    walk_label(hit.walk_min),
                )
            )
        return drill.shelter_facts(self.catalog, nearest)

    def _tray_link(self) -> drill.DrillLink:
        available = Tray.available()
        return drill.tray_link(available, self.tray is not None and self.tray.icon.isVisible())

    def _done(self, name: str, link: drill.DrillLink) -> None:
        self.links[name] = link
        if all(n in self.links for n in WAITED_FOR):
            self._finish()
        else:
            self._show_report(done=False)

    def _finish(self) -> None:
        self.running = False
        links = [self.links[name] for name in drill.LINKS if name in self.links]
        log.info("drill over: %s", ", ".join(f"{link.name} {'ok' if link.ok else 'FAILED'}" for link in links))
        chosen = self.chosen()
        self.save(replace(chosen, last_drill=self.clock().isoformat()))
        self._show_report(done=True)
        self.finished.emit(links)

    def _close_screen(self) -> None:
        self.screens.close()

    def _real_alert(self, _episode: Episode) -> None:
        """A real alert wins: the drill stops where it is (the presenter takes the screens and the sound)."""
        if self.running:
            log.info("drill interrupted by a real alert")
            self.running = False
            self._run += 1
            self._screen_timer.stop()
            self._id_wait.stop()
            if self.dialog is not None:
                self.dialog.close()

    # the report --------------------------------------------------------------------------------------------------
    def _show_report(self, done: bool) -> None:
        if self.dialog is None:
            self.dialog = DrillDialog(self.window)
            self.dialog.run_again.connect(self.run)
        self.dialog.show_links({name: self.links.get(name) for name in drill.LINKS}, done)
        self.dialog.show()
        if done:
            self.dialog.raise_()
            self.dialog.activateWindow()

    # the monthly reminder ---------------------------------------------------------------------------------------
    def remind_if_due(self) -> None:
        chosen = self.chosen()
        if not chosen.drill_reminder:
            return
        now = self.clock()
        if drill.drill_due(_moment(chosen.last_drill), _day(chosen.drill_reminded), now):
            self.window.show_notice(
                self.tr("A month has passed since your last drill: run one with Help → Run a drill.")
            )
            self.save(replace(chosen, drill_reminded=now.date().isoformat()))


def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
