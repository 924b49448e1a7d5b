"""Opens Settings → Alarm and quiet hours with what this machine can do (player, Wayland), and keeps the answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QObject

from shelterapp.config import AppConfig, effective_alarm
from shelterapp.notify.alarm import Alarm
from shelterapp.notify.alarm_policy import volume_step
from shelterapp.notify.sound import find_players
from shelterapp.settings import AlarmSettings
from shelterapp.ui.alarm_dialog import AlarmDialog
from shelterapp.ui.alarm_presenter import AlarmPresenter
from shelterapp.ui.alert_screen import stays_on_top
from shelterapp.ui.labels import local_time_label
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.quiet_controller import QuietController

LOCKABLE = ("sound", "fullscreen", "quiet_hours")  # the [alerts] keys config.toml may set


class AlarmSettingsFlow(QObject):
    def __init__(
        self,
        window: MainWindow,
        config: AppConfig,
        chosen: Callable[[], AlarmSettings],
        save: Callable[[AlarmSettings], None],
        alarm: Alarm,
        presenter: AlarmPresenter,
        quiet: QuietController,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.config = config
        self.chosen = chosen
        self.save = save
        self.alarm = alarm
        self.presenter = presenter
        self.quiet = quiet
        self.clock = clock
        self.dialog: AlarmDialog | None = None
        window.alarm_settings_requested.connect(self.open)

    def open(self) -> None:
        chosen = self.chosen()
        players = find_players()
        trouble = self.presenter.trouble
        last = _moment(chosen.last_drill)
        self.dialog = AlarmDialog(
            chosen,
            effective_alarm(self.config, chosen),
            {name for name in LOCKABLE if getattr(self.config, name) is not None},
            players[0].name if players else "",
            self.presenter.sound_trouble_text(trouble) if trouble is not None else "",
            stays_on_top(),
            local_time_label(last) if last is not None else "",
            lambda volume: self.alarm.ring(volume, repeat=False),
            self.window,
        )
        accepted = self.dialog.exec() == AlarmDialog.DialogCode.Accepted
        new = self.dialog.settings()
        self.dialog = None
        self.alarm.stop()  # a test still playing ends with the dialog
        if not accepted:
            return
        if new.drill_reminder and not chosen.drill_reminder:  # the first reminder a month from now, not at once
            new = replace(new, drill_reminded=self.clock().date().isoformat())
        self.save(new)
        self.quiet.refresh()
        self.alarm.prepare(volume_step(effective_alarm(self.config, new).volume))


def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
