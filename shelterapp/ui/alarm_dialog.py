"""Settings → Alarm and quiet hours: the siren (on/off, volume, repeat until acknowledged, a test), the full-screen
alert, quiet hours, the monthly drill reminder. It says which sound player will play, or that there is none, and,
on Wayland, that the full-screen alert cannot stay on top. Values set in config.toml are shown and locked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shelterapp.notify.alarm_policy import VOLUME_STEPS, volume_step
from shelterapp.quiet_hours import BadSchedule, QuietSchedule, parse_schedule
from shelterapp.settings import AlarmSettings
from shelterapp.ui.a11y import describe, describe_standard_button

DEFAULT_QUIET = QuietSchedule(time(23, 0), time(7, 0))


class AlarmDialog(QDialog):
    """After exec() == Accepted, `settings()` holds the new choices (config.toml's locked values untouched)."""

    def __init__(
        self,
        chosen: AlarmSettings,
        effective: AlarmSettings,
        fixed: set[str],
        player: str,
        sound_problem: str,
        on_top: bool,
        last_drill: str,
        test_sound: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        """`chosen`: the person's own settings; `effective`: with config.toml applied, as shown; `fixed`: the names
        config.toml sets ("sound", "fullscreen", "quiet_hours"), shown locked and kept as chosen on save;
        `player`: the player that will play ("" for none); `sound_problem`: why the last alarm could not sound."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alarm and quiet hours"))
        self._chosen = chosen
        self._fixed = fixed
        self._test_sound = test_sound
        layout = QVBoxLayout(self)
        layout.addWidget(self._sound_box(effective, "sound" in fixed, player, sound_problem))
        layout.addWidget(self._screen_box(effective, "fullscreen" in fixed, on_top))
        layout.addWidget(self._quiet_box(effective, "quiet_hours" in fixed))
        layout.addWidget(self._drill_box(effective, last_drill))
        if fixed:
            note = QLabel(self.tr("Locked values are set in config.toml ([alerts])."))
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        describe_standard_button(buttons, QDialogButtonBox.StandardButton.Save, self.tr("Keeps these choices."))
        describe_standard_button(
            buttons, QDialogButtonBox.StandardButton.Cancel, self.tr("Closes this dialog without changing anything.")
        )
        layout.addWidget(buttons)

    def _sound_box(self, chosen: AlarmSettings, fixed: bool, player: str, problem: str) -> QGroupBox:
        box = QGroupBox(self.tr("Alarm sound"))
        grid = QGridLayout(box)
        self.sound = QCheckBox(self.tr("Play a siren when an alert starts"))
        self.sound.setChecked(chosen.sound)
        self.sound.setEnabled(not fixed)
        describe(
            self.sound, self.tr("Alarm sound"), self.tr("The app plays its own siren when an air-raid alert starts.")
        )
        grid.addWidget(self.sound, 0, 0, 1, 3)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(VOLUME_STEPS[0] // 10, VOLUME_STEPS[-1] // 10)
        self.volume.setPageStep(1)
        self.volume.setValue(volume_step(chosen.volume) // 10)
        describe(self.volume, self.tr("Volume"), self.tr("How loud the siren plays, from 10 to 100 per cent."))
        self.volume_label = QLabel()
        self.volume.valueChanged.connect(self._show_volume)
        self._show_volume()
        test = QPushButton(self.tr("&Test the siren"))
        describe(test, self.tr("Test the siren"), self.tr("Plays the siren once at this volume."))
        test.clicked.connect(lambda: self._test_sound(self.volume.value() * 10))
        test.setEnabled(bool(player))
        grid.addWidget(QLabel(self.tr("Volume:")), 1, 0)
        grid.addWidget(self.volume, 1, 1)
        grid.addWidget(self.volume_label, 1, 2)
        grid.addWidget(test, 1, 3)
        self.repeat = QCheckBox(self.tr("Repeat until I press “I am in a shelter” or “Dismiss”, or the all clear"))
        self.repeat.setChecked(chosen.repeat)
        describe(self.repeat, self.tr("Repeat the siren"), self.tr("Off: the siren plays once."))
        grid.addWidget(self.repeat, 2, 0, 1, 4)
        if player:
            text = self.tr("Sound player: %1.").replace("%1", player)
        else:
            text = "⚠ " + self.tr(
                "No sound player found: install pipewire-bin or pulseaudio-utils (alsa-utils for bare ALSA). "
                "Until then an alert has only the notification's own sound."
            )
        if problem:
            text += "\n⚠ " + problem
        self.player_label = QLabel(text)
        self.player_label.setTextFormat(Qt.TextFormat.PlainText)  # a player's own error words come from outside
        self.player_label.setWordWrap(True)
        self.player_label.setObjectName("soundPlayer")
        grid.addWidget(self.player_label, 3, 0, 1, 4)
        return box

    def _show_volume(self) -> None:
        self.volume_label.setText(f"{self.volume.value() * 10} %")

    def _screen_box(self, chosen: AlarmSettings, fixed: bool, on_top: bool) -> QGroupBox:
        box = QGroupBox(self.tr("Full-screen alert"))
        column = QVBoxLayout(box)
        self.fullscreen = QCheckBox(self.tr("Fill every screen when an alert starts"))
        self.fullscreen.setChecked(chosen.fullscreen)
        self.fullscreen.setEnabled(not fixed)
        describe(
            self.fullscreen,
            self.tr("Full-screen alert"),
            self.tr("A red window on every screen: Enter means “I am in a shelter”, Esc closes it."),
        )
        column.addWidget(self.fullscreen)
        if on_top:
            text = self.tr("It stays on top of other windows, full-screen video calls included.")
        else:
            text = "⚠ " + self.tr(
                "On this desktop (Wayland) no window can stay on top of the others: the alert fills every screen, "
                "but another window can cover it. The critical notification and the siren still come."
            )
        self.on_top_label = QLabel(text)
        self.on_top_label.setObjectName("onTop")
        self.on_top_label.setWordWrap(True)
        column.addWidget(self.on_top_label)
        return box

    def _quiet_box(self, chosen: AlarmSettings, fixed: bool) -> QGroupBox:
        box = QGroupBox(self.tr("Quiet hours"))
        grid = QGridLayout(box)
        schedule = _schedule(chosen.quiet_hours)
        self.quiet = QCheckBox(self.tr("Quiet from"))
        self.quiet.setChecked(schedule is not None)
        describe(self.quiet, self.tr("Quiet hours"), self.tr("A softer alert every night between these times."))
        shown = schedule or DEFAULT_QUIET
        self.quiet_from = self._time_edit(shown.start, self.tr("Quiet hours start"))
        self.quiet_to = self._time_edit(shown.end, self.tr("Quiet hours end"))
        row = QHBoxLayout()
        row.addWidget(self.quiet)
        row.addWidget(self.quiet_from)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.quiet_to)
        row.addStretch(1)
        grid.addLayout(row, 0, 0)
        for widget in (self.quiet, self.quiet_from, self.quiet_to):
            widget.setEnabled(not fixed)
        note = QLabel(
            self.tr(
                "During quiet hours, and after “Quiet for 1 hour” or “Quiet until morning” in the tray menu, an "
                "alert plays the siren once and softly, and shows no full screen. The critical notification "
                "always comes."
            )
        )
        note.setWordWrap(True)
        grid.addWidget(note, 1, 0)
        return box

    def _time_edit(self, value: time, name: str) -> QTimeEdit:
        edit = QTimeEdit(QTime(value.hour, value.minute))
        edit.setDisplayFormat("HH:mm")
        for part in (edit, *edit.findChildren(QLineEdit)):  # the text field inside is what takes the keys
            describe(part, name, self.tr("A time of day, hours and minutes."))
        return edit

    def _drill_box(self, chosen: AlarmSettings, last_drill: str) -> QGroupBox:
        box = QGroupBox(self.tr("Drill"))
        column = QVBoxLayout(box)
        self.reminder = QCheckBox(self.tr("Remind me to run a drill once a month"))
        self.reminder.setChecked(chosen.drill_reminder)
        describe(self.reminder, self.tr("Drill reminder"), self.tr("A message in the window once a month."))
        column.addWidget(self.reminder)
        column.addWidget(
            QLabel(
                self.tr("Last drill: %1. Run one with Help → Run a drill.").replace("%1", last_drill)
                if last_drill
                else self.tr("No drill yet. Run one with Help → Run a drill.")
            )
        )
        return box

    def settings(self) -> AlarmSettings:
        quiet = ""
        if self.quiet.isChecked():
            start, end = self.quiet_from.time(), self.quiet_to.time()
            try:
                quiet = str(parse_schedule(f"{start.hour()}:{start.minute():02d}-{end.hour()}:{end.minute():02d}"))
            except BadSchedule:  # the same time at both ends: no quiet hours
                quiet = ""
        kept = self._chosen  # what config.toml locks stays as the person chose it in the app
        return replace(
            kept,
            sound=kept.sound if "sound" in self._fixed else self.sound.isChecked(),
            fullscreen=kept.fullscreen if "fullscreen" in self._fixed else self.fullscreen.isChecked(),
            quiet_hours=kept.quiet_hours if "quiet_hours" in self._fixed else quiet,
            volume=self.volume.value() * 10,
            repeat=self.repeat.isChecked(),
            drill_reminder=self.reminder.isChecked(),
        )


def _schedule(text: str) -> QuietSchedule | None:
    try:
        return parse_schedule(text) if text else None
    except BadSchedule:
        return None
