"""The tray as a person meets it; offscreen there is no tray host, so the app must run without one."""

from __future__ import annotations

import os

import pytest
from PySide6.QtGui import QImage

from shelterapp.desktop import autostart
from shelterapp.paths import default_paths
from shelterapp.ui.controller import AppController
from shelterapp.ui.icons import TRAY_STATES, tray_icon
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.tray import Tray


@pytest.fixture
def tray_app(qtbot, catalog, settings):
    window = MainWindow("en", settings)
    qtbot.addWidget(window)
    tray = Tray("en")
    controller = AppController(default_paths(), catalog, settings, window, tray)
    window.show()
    return window, tray, controller


def test_menu_lists_three_nearest_with_distance_and_walk(tray_app):
    _, tray, _ = tray_app
    texts = [a.text() for a in tray.shelter_actions]
    assert len(texts) == 3
    assert texts[0].startswith("Maidan Nezalezhnosti: ") and " m, ≈ " in texts[0] and "min" in texts[0]
    labels = [a.text() for a in tray.menu.actions() if a.text()]
    assert labels[-3:] == ["&Show window", "Start &with my session", "&Quit"]


def test_choosing_a_shelter_in_the_menu_opens_it_in_the_window(tray_app, qtbot):
    window, tray, _ = tray_app
    window.hide()
    tray.shelter_actions[2].trigger()
    assert window.isVisible()
    assert window.details.shelter is not None
    assert tray.shelter_actions[2].text().startswith(window.details.shelter.name_en)


def test_closing_the_window_hides_to_tray(tray_app):
    window, _, _ = tray_app
    window.close()
    assert not window.isVisible() and window.hide_on_close


def test_autostart_from_tray_and_window_stay_in_step(tray_app):
    window, tray, _ = tray_app
    tray.autostart_action.trigger()
    assert autostart.is_enabled() and window.autostart_action.isChecked()
    window.autostart_action.trigger()
    assert not autostart.is_enabled() and not tray.autostart_action.isChecked()


def test_state_icons_differ_in_shape_and_tooltip_says_it(tray_app):
    _, tray, _ = tray_app
    images = {
        s: tray_icon(s).pixmap(32, 32).toImage().convertToFormat(QImage.Format.Format_ARGB32) for s in TRAY_STATES
    }
    assert all(not img.isNull() for img in images.values())
    # Different alpha masks = different shapes, so state is not told by colour alone.
    masks = {s: bytes(img.createAlphaMask().constBits()) for s, img in images.items()}
    assert len(set(masks.values())) == 3
    tray.set_state("alert", "AIR-RAID ALERT")
    assert tray.icon.toolTip() == "shelterapp: AIR-RAID ALERT"
    assert "no alert feed" in Tray("en").icon.toolTip()


@pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") != "offscreen", reason="only offscreen is trayless for sure")
def test_no_tray_offscreen():
    assert Tray.available() is False


def test_time_to_shelter_shows_in_the_tooltip_and_menu_only_during_an_alert(tray_app, qtbot):
    _, tray, _ = tray_app
    visible = [a for a in tray.menu.actions() if a.isVisible() and a.text()]
    assert tray.timer_action not in visible and tray.in_shelter_action not in visible
    tray.set_state("alert", "AIR-RAID ALERT since 03:12")
    tray.set_timer("◷ 2:05 since the alert began", running=True)
    assert tray.icon.toolTip() == "shelterapp: AIR-RAID ALERT since 03:12\n◷ 2:05 since the alert began"
    assert tray.menu.actions()[0].text() == "◷ 2:05 since the alert began"
    assert tray.in_shelter_action.isVisible()
    with qtbot.waitSignal(tray.in_shelter_requested):
        tray.in_shelter_action.trigger()
    tray.set_timer("✓ In a shelter since 03:14", running=False)
    assert not tray.in_shelter_action.isVisible() and tray.timer_action.isVisible()
    tray.set_state("calm", "no alert")
    tray.set_timer("", running=False)
    assert tray.icon.toolTip() == "shelterapp: no alert" and not tray.timer_action.isVisible()
