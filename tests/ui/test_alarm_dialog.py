"""Settings → Alarm and quiet hours: it says which player plays (or that none does), on Wayland that the full
screen cannot stay on top, locks what config.toml sets, and gives back what the person chose."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QPushButton
from test_accessibility import interactive_widgets, unnamed

from shelterapp.settings import AlarmSettings
from shelterapp.ui.alarm_dialog import AlarmDialog
from shelterapp.ui.alert_screen import AlertScreen, AlertScreenText
from shelterapp.ui.drill_dialog import DrillDialog

CHOSEN = AlarmSettings(volume=60, quiet_hours="22:30-06:30", last_drill="2026-09-01T10:00:00+00:00")


def dialog(qtbot, chosen=CHOSEN, effective=None, fixed=frozenset(), player="pw-play", problem="", on_top=True):
    tests: list[int] = []
    made = AlarmDialog(
        chosen, effective or chosen, set(fixed), player, problem, on_top, "01.09.2026 13:00", tests.append
    )
    qtbot.addWidget(made)
    return made, tests


def test_shows_the_choices_and_gives_back_the_edits(qtbot):
    made, _ = dialog(qtbot)
    assert made.volume.value() == 6 and made.volume_label.text() == "60 %"
    assert made.quiet.isChecked() and made.quiet_from.time() == QTime(22, 30)
    assert made.player_label.text() == "Sound player: pw-play."
    assert "stays on top of other windows" in made.on_top_label.text()
    made.volume.setValue(10)
    made.repeat.setChecked(False)
    made.quiet_to.setTime(QTime(7, 15))
    made.reminder.setChecked(True)
    chosen = made.settings()
    assert (chosen.volume, chosen.repeat, chosen.quiet_hours, chosen.drill_reminder) == (
        100,
        False,
        "22:30-07:15",
        True,
    )
    assert chosen.last_drill == CHOSEN.last_drill  # untouched fields kept


def test_the_test_button_plays_at_the_chosen_volume(qtbot):
    made, tests = dialog(qtbot)
    made.volume.setValue(4)
    (button,) = [b for b in made.findChildren(QPushButton) if b.accessibleName() == "Test the siren"]
    button.click()
    assert tests == [40]


def test_no_player_and_wayland_are_said_plainly(qtbot):
    made, _ = dialog(qtbot, player="", problem="paplay: Connection refused <b>", on_top=False)
    text = made.player_label.text()
    assert text.startswith("⚠ No sound player found: install pipewire-bin or pulseaudio-utils")
    assert text.endswith("⚠ paplay: Connection refused <b>")  # a player's words, as plain text
    assert "(Wayland) no window can stay on top of the others" in made.on_top_label.text()


def test_values_from_config_toml_are_shown_locked_and_not_saved_over(qtbot):
    effective = AlarmSettings(sound=False, fullscreen=False, volume=60, quiet_hours="")
    made, _ = dialog(qtbot, effective=effective, fixed={"sound", "fullscreen", "quiet_hours"})
    assert not made.sound.isChecked() and not made.sound.isEnabled()
    assert not made.fullscreen.isChecked() and not made.fullscreen.isEnabled()
    assert not made.quiet.isChecked() and not made.quiet.isEnabled()
    chosen = made.settings()
    assert (chosen.sound, chosen.fullscreen, chosen.quiet_hours) == (True, True, "22:30-06:30")  # the app's own


def test_quiet_unticked_means_none(qtbot):
    made, _ = dialog(qtbot)
    made.quiet.setChecked(False)
    assert made.settings().quiet_hours == ""


def test_every_control_is_named_and_described(qtbot):
    made, _ = dialog(qtbot)
    report = DrillDialog()
    qtbot.addWidget(report)
    screen = AlertScreen(
        AlertScreenText("A", "w", "%1 %2", "go", "s", "walk", "I am in a shelter", "Dismiss", datetime.now(UTC)),
        made.screen(),
    )
    qtbot.addWidget(screen)
    for widget in (made, report, screen):
        assert list(interactive_widgets(widget)), type(widget).__name__
        assert unnamed(widget) == [], type(widget).__name__
