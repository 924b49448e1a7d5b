"""The Preparedness tab as a person uses it: ticks and contacts saved at once and there after a restart,
a monthly review reminder that does not nag, a damaged file set aside with a message."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from shelterapp.preparedness.progress import Contact, Progress, save_progress
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.preparedness_controller import PreparednessController


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def open_tab(qtbot, settings, tmp_path):
    path = tmp_path / "preparedness.json"
    clock = Clock()
    kept = []

    def open_(language: str = "en"):
        window = MainWindow(language, settings)
        qtbot.addWidget(window)
        controller = PreparednessController(path, window, clock)
        kept.append(controller)
        return window, controller

    open_.path, open_.clock = path, clock
    return open_


def tick(view, item_id: str) -> None:
    view.item_widgets[item_id].setCheckState(0, Qt.CheckState.Checked)


def test_ticks_are_saved_and_come_back_after_a_restart_in_another_language(open_tab):
    window, _ = open_tab()
    view = window.preparedness
    assert view.ready_label.text() == "Ready: 0 of 22 items"
    tick(view, "go_bag.water")
    tick(view, "home.radio")
    assert view.ready_label.text() == "Ready: 2 of 22 items"
    assert set(json.loads(open_tab.path.read_text())["ticked"]) == {"go_bag.water", "home.radio"}

    window2, _ = open_tab("uk")  # the same person restarts the app in Ukrainian
    view2 = window2.preparedness
    assert view2.ticked() == {"go_bag.water", "home.radio"}
    assert view2.item_widgets["go_bag.water"].text(0).startswith("Питна вода")


def test_the_tab_shows_what_to_do_and_the_numbers(open_tab):
    window, _ = open_tab()
    view = window.preparedness
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "&Preparedness"
    assert "When the siren sounds" in view.guide.toPlainText()
    assert "Two-walls rule" in view.guide.toPlainText()
    assert "After the all clear" in view.after.toPlainText()
    for number in ("101", "102", "103", "104", "112"):
        assert number in view.numbers_label.text()


def test_contacts_are_added_edited_removed_and_kept(open_tab):
    window, _ = open_tab()
    view = window.preparedness
    view.add_contact_button.click()
    view.contacts.item(0, 0).setText("Olena")
    assert json.loads(open_tab.path.read_text())["contacts"] == []  # half-typed: not saved yet
    view.contacts.item(0, 1).setText("+380 50 123 45 67")
    assert json.loads(open_tab.path.read_text())["contacts"] == [{"name": "Olena", "phone": "+380 50 123 45 67"}]

    window2, _ = open_tab()
    assert window2.preparedness.entered_contacts() == [Contact("Olena", "+380 50 123 45 67")]
    window2.preparedness.contacts.setCurrentCell(0, 0)
    window2.preparedness.remove_contact_button.click()
    assert json.loads(open_tab.path.read_text())["contacts"] == []


def test_monthly_review_reminder_never_on_first_start_then_once_a_month(open_tab):
    window, controller = open_tab()
    assert window.notice.isHidden()  # first start: nothing to nag about
    assert window.preparedness.review_label.text().startswith("⚠ You have not reviewed")

    open_tab.clock.now += timedelta(days=31)
    controller.remind_if_due()
    assert "go-bag" in window.notice.text() and not window.notice.isHidden()
    window.clear_notice()
    controller.remind_if_due()  # the hourly check the same day: no second notice
    assert window.notice.isHidden()

    window.preparedness.review_button.click()
    assert window.preparedness.review_label.text() == "✓ Reviewed today. Next review in a month."
    open_tab.clock.now += timedelta(days=40)
    controller.remind_if_due()
    assert "40 days since you last checked" in window.notice.text()


def test_a_damaged_file_is_set_aside_with_a_message(open_tab):
    open_tab.path.write_text("{not json")
    window, _ = open_tab()
    assert "could not be read and was set aside" in window.notice.text()
    assert list(open_tab.path.parent.glob("preparedness.json.corrupt-*"))
    assert window.preparedness.ticked() == frozenset()


def test_a_failed_save_says_so_and_keeps_the_tick_on_screen(open_tab, monkeypatch):
    save_progress(open_tab.path, Progress())
    window, _ = open_tab()

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("shelterapp.ui.preparedness_controller.save_progress", disk_full)
    tick(window.preparedness, "go_bag.cash")
    assert "could not be saved" in window.notice.text()
    assert window.preparedness.ticked() == {"go_bag.cash"}
