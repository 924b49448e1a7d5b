"""Time to shelter in the window and the tray: from the alert's start until the all clear or "I am in a shelter".

Driven by the merged alert state (so it also starts when the app opens in the middle of an alert) and a
one-second tick that runs only while the timer does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import Merged, State
from shelterapp.preparedness.timer import ShelterTimer, TimerStatus, load_sheltered, save_sheltered
from shelterapp.shelters.spatial import Hit
from shelterapp.ui.labels import distance_label, local_time_label, stopwatch_label, walk_label
from shelterapp.ui.shelter_timer_bar import ShelterTimerBar
from shelterapp.ui.tray import Tray

log = logging.getLogger(__name__)

TICK_MS = 1000


class TimerController(QObject):
    def __init__(
        self,
        service: AlertService,
        bar: ShelterTimerBar,
        tray: Tray | None,
        nearest: Callable[[], Hit | None],
        language: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        memory: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`memory`: where "I am in a shelter" is kept across a restart during the same alert (None: not kept)."""
        super().__init__(parent)
        self.bar = bar
        self.tray = tray
        self.nearest = nearest
        self.language = language
        self.clock = clock
        self.memory = memory
        self.timer = ShelterTimer(load_sheltered(memory) if memory is not None else None)
        self._hit: Hit | None = None
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self.show)
        service.state_changed.connect(self.follow)
        bar.in_shelter_clicked.connect(self.in_shelter)
        if tray is not None:
            tray.in_shelter_requested.connect(self.in_shelter)
        self.follow(service.merged())

    def follow(self, merged: Merged) -> None:
        """Only an alert we know is on starts the timer; unknown (offline) leaves a running one running."""
        if merged.state is State.ACTIVE:
            started = merged.since or (merged.episode.started if merged.episode else None) or self.clock()
            self.timer.alert_on(started)
        elif merged.state is State.CLEAR:
            self.timer.alert_off()
            if self.memory is not None:
                self.memory.unlink(missing_ok=True)
        self.nearest_changed()

    def nearest_changed(self) -> None:
        """The person moved or the list changed: the walk shown is to the new nearest shelter."""
        self._hit = self.nearest() if self.timer.status(self.clock()).started is not None else None
        self.show()

    def in_shelter(self) -> None:
        self.timer.in_shelter(self.clock())
        sheltered = self.timer.sheltered
        if self.memory is not None and sheltered is not None:
            try:
                save_sheltered(self.memory, sheltered)
            except OSError as exc:  # only a convenience: the timer itself has stopped either way
                log.warning("could not keep 'in a shelter' in %s: %s", self.memory, exc)
        self.show()

    def status(self) -> TimerStatus:
        return self.timer.status(self.clock())

    def show(self) -> None:
        status = self.status()
        if status.started is None:
            self._tick.stop()
            self.bar.clear()
            self._show_in_tray("", False)
            return
        elapsed = stopwatch_label(status.elapsed_s)
        if status.running:
            text = self.tr("◷ %1 since the alert began").replace("%1", elapsed)
            if self._hit is not None:
                text += " · " + self.tr("nearest shelter %1: %2, %3 on foot").replace(
                    "%1", self._hit.shelter.display_name(self.language)
                ).replace("%2", distance_label(self._hit.distance_m)).replace("%3", walk_label(self._hit.walk_min))
            self.bar.show_running(text)
            if not self._tick.isActive():
                self._tick.start()
        else:
            self._tick.stop()
            assert status.sheltered_at is not None
            text = (
                self.tr("✓ In a shelter since %1, %2 after the alert began. Stay until the all clear.")
                .replace("%1", local_time_label(status.sheltered_at))
                .replace("%2", elapsed)
            )
            self.bar.show_sheltered(text)
        self._show_in_tray(text, status.running)

    def _show_in_tray(self, text: str, running: bool) -> None:
        if self.tray is not None:
            self.tray.set_timer(text, running)
