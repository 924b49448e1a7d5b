"""The system-tray icon: state at a glance, the 3 nearest shelters one click away.

Where the desktop has no tray (bare X, some Wayland shells, CI) nothing here is created and the
app runs as a plain window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from shelterapp.shelters.spatial import Hit
from shelterapp.ui.icons import tray_icon
from shelterapp.ui.labels import distance_label, walk_label
from shelterapp.ui.plain_text import menu_text, tooltip

NEAREST_IN_MENU = 3


class Tray(QObject):
    """Signals: show_window_requested(), shelter_requested(str id), quit_requested(), autostart_toggled(bool),
    in_shelter_requested(), quiet_requested(str: "hour", "morning" or "off")."""

    show_window_requested = Signal()
    in_shelter_requested = Signal()
    shelter_requested = Signal(str)
    quit_requested = Signal()
    autostart_toggled = Signal(bool)
    quiet_requested = Signal(str)

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.state = "offline"
        self._detail = ""
        self._timer_text = ""
        self._quiet_text = ""
        self.icon = QSystemTrayIcon(tray_icon(self.state), self)
        self.menu = QMenu()
        self.shelter_actions: list[QAction] = []
        self.heading = QAction(self.tr("Nearest shelters"), self)
        self.heading.setEnabled(False)
        self.show_action = QAction(self.tr("&Show window"), self)
        self.show_action.triggered.connect(self.show_window_requested)
        self.autostart_action = QAction(self.tr("Start &with my session"), self, checkable=True)
        self.autostart_action.toggled.connect(self.autostart_toggled)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.triggered.connect(self.quit_requested)
        self.timer_action = QAction("", self)  # the running time to shelter during an alert; opens the window
        self.timer_action.triggered.connect(self.show_window_requested)  # enabled: greyed text is hard to read
        self.in_shelter_action = QAction(self.tr("I am &in a shelter"), self)
        self.in_shelter_action.triggered.connect(self.in_shelter_requested)
        self.quiet_actions: dict[str, QAction] = {}
        for mode, text in (
            ("hour", self.tr("Quiet for 1 &hour")),
            ("morning", self.tr("Quiet until &morning")),
            ("off", self.tr("Sound alerts &again")),
        ):
            action = QAction(text, self)
            action.triggered.connect(lambda _checked=False, m=mode: self.quiet_requested.emit(m))
            self.quiet_actions[mode] = action
        self.quiet_actions["off"].setVisible(False)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.set_nearest([])
        self.set_state("offline", self.tr("no alert feed configured"))
        self.set_timer("", False)

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def set_state(self, state: str, detail: str) -> None:
        """calm / alert / offline, with a sentence for the tooltip (shape and words, not colour alone)."""
        self.state = state
        self._detail = detail
        self.icon.setIcon(tray_icon(state, quiet=bool(self._quiet_text)))
        self._show_tooltip()

    def set_timer(self, text: str, running: bool) -> None:
        """Time to shelter during an alert ("" when none): in the tooltip and at the top of the menu."""
        self._timer_text = text
        self.timer_action.setText(menu_text(text))
        self.timer_action.setVisible(bool(text))
        self.in_shelter_action.setVisible(running)
        self._show_tooltip()

    def set_quiet(self, text: str, manual: bool) -> None:
        """Quiet hours on ("Quiet until 07:00...") or off (""): a moon on the icon, a line in the tooltip;
        `manual`: a "quiet for 1 h / until morning" the person can end from the menu."""
        self._quiet_text = text
        self.quiet_actions["off"].setVisible(manual)
        self.icon.setIcon(tray_icon(self.state, quiet=bool(text)))
        self._show_tooltip()

    def _show_tooltip(self) -> None:
        text = f"shelterapp: {self._detail}"
        for line in (self._timer_text, self._quiet_text):
            if line:
                text += "\n" + line
        self.icon.setToolTip(tooltip(text))

    def set_nearest(self, hits: Sequence[Hit], place: str = "") -> None:
        """The nearest shelters to where I am now; `place` names it when it is a saved place or a station."""
        if place:
            self.heading.setText(menu_text(self.tr("Nearest shelters to %1").replace("%1", place)))
        else:
            self.heading.setText(self.tr("Nearest shelters"))
        self.menu.clear()
        self.shelter_actions = []
        self.menu.addAction(self.timer_action)
        self.menu.addAction(self.in_shelter_action)
        self.menu.addAction(self.heading)
        for hit in hits[:NEAREST_IN_MENU]:
            name = hit.shelter.display_name(self._language)
            text = f"{name}: {distance_label(hit.distance_m)}, {walk_label(hit.walk_min)}"
            action = QAction(menu_text(text), self)
            shelter_id = hit.shelter.id
            action.triggered.connect(lambda _checked=False, sid=shelter_id: self.shelter_requested.emit(sid))
            self.menu.addAction(action)
            self.shelter_actions.append(action)
        if not hits:
            empty = QAction(self.tr("(no shelter with a known position)"), self)
            empty.setEnabled(False)
            self.menu.addAction(empty)
        self.menu.addSeparator()
        for action in self.quiet_actions.values():
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.autostart_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_window_requested.emit()

    def hide(self) -> None:
        self.icon.hide()
