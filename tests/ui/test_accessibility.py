"""What a screen-reader or keyboard-only user meets: every control named and described, menus with text and
mnemonics, a logical Tab order, a map that takes the keyboard, and notices that do not rely on colour.

`interactive_widgets()` walks a whole window, so a tab or dialog added later is checked without a new test.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QScrollBar,
    QSlider,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from ui_helpers import make_window

from shelterapp.config import AppConfig
from shelterapp.settings import Location
from shelterapp.sources.registry import build_specs
from shelterapp.ui.data_dialog import DataDialog
from shelterapp.ui.location import LocationDialog
from shelterapp.ui.map.map_view import MapView
from shelterapp.ui.places_dialog import PlacesDialog
from shelterapp.ui.sources_dialog import SourcesDialog

# The kinds of widget a person operates; our MapView is one too (keyboard pan and zoom).
INTERACTIVE = (
    QAbstractButton,  # push buttons, check boxes, radio buttons, tool buttons
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,  # tables and lists
    QTabBar,
    QTabWidget,
    QSlider,
    QProgressBar,  # not operated, but a screen reader must say what it counts
    QPlainTextEdit,  # read-only text a person scrolls and selects from (an advisory)
    QTextEdit,
    MapView,
)
# Widgets that only hold others: focusable or not, the controls inside them are what get checked.
CONTAINERS = (QFrame, QGroupBox, QScrollArea, QSplitter, QStackedWidget, QMenu, QMenuBar)


def _qt_internal(widget: QWidget) -> bool:
    """Children Qt creates inside a control; the control's own name and description cover them."""
    parent = widget.parentWidget()
    ancestors = []
    while parent is not None:
        ancestors.append(parent)
        parent = parent.parentWidget()
    # The line edit of an editable combo box and the combo's popup list: the combo box is the control.
    if any(isinstance(a, QComboBox) for a in ancestors):
        return True
    # Header sections: the table's accessible interface exposes them as its column headers.
    if isinstance(widget, QHeaderView):
        return True
    # Scroll bars (and their containers): mouse-only (NoFocus); the view scrolls with the keyboard itself.
    if isinstance(widget, QScrollBar):
        return True
    # The "select all" corner button of a table: mouse-only, Ctrl+A does the same.
    if widget.objectName() == "qt_tableview_cornerbutton":
        return True
    # The clear button inside a line edit: mouse-only (NoFocus); the field itself is named.
    if isinstance(widget.parentWidget(), QLineEdit):
        return True
    # A tab bar's scroll arrows (Qt names them "Scroll Left/Right") and the menu bar's overflow button.
    return isinstance(widget.parentWidget(), QTabBar | QMenuBar)


def interactive_widgets(root: QWidget) -> Iterator[QWidget]:
    """Every control a person can operate under root: by kind, or because it takes keyboard focus.

    Left out, each for a reason: Qt's internal children of a control (see _qt_internal), plain containers
    and our panes that take no focus, and labels: a label's text is what a screen reader reads, and a
    label selectable with the mouse (ClickFocus, e.g. a shelter's address) must not be renamed, or the
    reader says the name instead of the value. Hidden widgets are checked too: they show up in other states.
    """
    for widget in root.findChildren(QWidget):
        if _qt_internal(widget) or isinstance(widget, QLabel):
            continue
        if isinstance(widget, INTERACTIVE):
            yield widget
        elif widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not isinstance(widget, CONTAINERS):
            yield widget  # a custom control: it takes focus, so it is there to be operated


def who(widget: QWidget) -> str:
    """How a developer finds the widget: class, objectName, text, and where it sits."""
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    parent = widget.parentWidget()
    where = f" in {type(parent).__name__}{'#' + parent.objectName() if parent and parent.objectName() else ''}"
    return f"{type(widget).__name__}#{widget.objectName() or '?'} text={text!r}{where if parent else ''}"


def unnamed(root: QWidget) -> list[str]:
    return [
        f"{who(w)}: {'no accessibleName' if not w.accessibleName().strip() else 'no accessibleDescription'}"
        for w in interactive_widgets(root)
        if not w.accessibleName().strip() or not w.accessibleDescription().strip()
    ]


# --- names and descriptions --------------------------------------------------------------------------------


def test_every_control_of_the_main_window_is_named_and_described(qtbot, catalog, settings):
    window, _ = make_window(qtbot, catalog, settings)
    window.show_notice("Something to dismiss", problem=True)  # the Dismiss button exists in every state
    controls = list(interactive_widgets(window))
    assert len(controls) > 20  # the walk reaches every tab, not only the one in front
    assert window.map in controls and window.filters.search in controls and window.tabs.tabBar() in controls
    assert unnamed(window) == []


def test_every_dialog_control_is_named_and_described(qtbot, catalog):
    stations = [s for s in catalog.shelters if s.line]
    dialogs: list[QDialog] = [
        LocationDialog(stations, "en", None),
        PlacesDialog((Location(50.45, 30.52, "Home"),), lambda _lat, _lon: None, "en"),
        DataDialog(),
        SourcesDialog(build_specs(AppConfig()), {"siren_pp_ua": "ok"}, keyring_ok=False),
    ]
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        controls = list(interactive_widgets(dialog))
        assert controls, type(dialog).__name__
        problems += [f"{type(dialog).__name__}: {line}" for line in unnamed(dialog)]
    assert problems == []


def test_names_stay_the_same_when_the_state_changes(qtbot):
    # A screen-reader user finds "Find positions" by name; it must not become "Pause" under their finger.
    dialog = DataDialog()
    qtbot.addWidget(dialog)
    dialog.set_geocode_state(0, 10, running=False, paused=False, pending=10, service="example.org")
    name = dialog.geocode_button.accessibleName()
    dialog.set_geocode_state(3, 10, running=True, paused=False, pending=7, service="example.org")
    assert dialog.geocode_button.text() == "&Pause" and dialog.geocode_button.accessibleName() == name
    assert "pause" in dialog.geocode_button.accessibleDescription().lower()


def test_a_shelters_details_are_read_as_their_values(qtbot, catalog, settings):
    # The value labels are named by their form labels (buddies), so a reader says "Distance: 50 m", not "Distance".
    window, _ = make_window(qtbot, catalog, settings)
    value = window.details._values["distance"]
    interface = QAccessible.queryAccessibleInterface(value)
    assert interface.text(QAccessible.Text.Name) == value.text() and value.text().endswith(" m")
    labels = [
        rel[0].text(QAccessible.Text.Name)
        for rel in interface.relations(QAccessible.RelationFlag.Label)
        if rel[0] is not None
    ]
    assert labels == ["Distance:"]


def test_every_menu_entry_has_text_and_menus_have_mnemonics(qtbot, catalog, settings):
    window, _ = make_window(qtbot, catalog, settings)
    menus = [action.menu() for action in window.menuBar().actions()]
    assert len(menus) >= 3
    seen = 0
    while menus:
        menu = menus.pop()
        assert "&" in menu.title(), f"menu {menu.title()!r} has no mnemonic"
        letters = []
        for action in menu.actions():
            if action.isSeparator():
                continue
            seen += 1
            assert action.text().strip(), f"an action in {menu.title()!r} has no text: a screen reader says nothing"
            assert "&" in action.text(), f"{action.text()!r} in {menu.title()!r} has no mnemonic"
            letters.append(action.text().split("&", 1)[1][:1].lower())
            if action.menu() is not None:
                menus.append(action.menu())
        duplicates = {letter for letter in letters if letters.count(letter) > 1}
        assert not duplicates, f"{menu.title()!r}: the same mnemonic for two entries: {duplicates}"
    assert seen > 8


# --- keyboard -----------------------------------------------------------------------------------------------


def tab_walk(window: QWidget, start: QWidget, presses: int) -> list[QWidget]:
    """Focus start, press Tab `presses` times, and note where the focus lands each time."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [QApplication.focusWidget()]
    for _ in range(presses):
        widget = QApplication.focusWidget()
        assert widget is not None
        QApplication.sendEvent(widget, _tab())
        visited.append(QApplication.focusWidget())
    return visited


def _tab() -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)


def test_tab_goes_through_the_main_window_in_reading_order(qtbot, catalog, settings):
    window, _ = make_window(qtbot, catalog, settings)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    bar, filters, details = window.location_bar, window.filters, window.details
    expected = [
        bar.places,
        bar.save_place_button,
        bar.location_button,
        bar.search,
        bar.online,
        bar.search_button,
        window.tabs.tabBar(),
        filters.search,
        filters.kind,
        filters.accessible,
        filters.open_24_7,
        filters.unplaced,
        window.table,
        details.copy_button,
        details.here_button,
        window.map,
    ]
    visited = tab_walk(window, bar.places, 40)
    order = [w for w in visited if w in expected]
    first_round = order[: order.index(window.map) + 1]
    assert first_round == expected, [who(w) for w in visited]
    assert order[len(first_round)] is bar.places  # and round again: nothing traps the focus


def reading_order_problems(window: QWidget) -> list[str]:
    """Tab once round the window; each step must go right along the same row or down to a later row."""
    chain, widget = [], window.nextInFocusChain()
    while widget is not window and len(chain) < 200:
        reachable = widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if reachable and widget.focusProxy() is None and widget.window() is window:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    problems = []
    for a, b in itertools.pairwise(chain):
        ra, rb = (w.rect().translated(w.mapTo(window, w.rect().topLeft())) for w in (a, b))
        same_row = rb.top() < ra.bottom() and ra.top() < rb.bottom()
        if not (rb.center().y() > ra.bottom() or (same_row and rb.center().x() > ra.center().x())):
            problems.append(f"{who(a)} -> {who(b)}")
    return problems


def test_tab_goes_through_each_dialog_in_reading_order(qtbot, catalog):
    stations = [s for s in catalog.shelters if s.line]
    dialogs: list[QDialog] = [
        LocationDialog(stations, "en", None),
        PlacesDialog((Location(50.45, 30.52, "Home"),), lambda _lat, _lon: None, "en"),
        DataDialog(),
        SourcesDialog(build_specs(AppConfig()), {"siren_pp_ua": "ok"}, keyring_ok=False),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert reading_order_problems(dialog) == [], type(dialog).__name__


def test_every_key_control_takes_keyboard_focus(qtbot, catalog, settings):
    window, _ = make_window(qtbot, catalog, settings)
    skipped = [
        who(w)
        for w in interactive_widgets(window)
        if not isinstance(w, QProgressBar) and not w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert skipped == []


def test_the_map_is_driven_by_keys_and_shows_its_focus(qtbot, catalog, settings):
    window, _ = make_window(qtbot, catalog, settings)
    window.map.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.map.hasFocus)
    zoom, centre = window.map.zoom, window.map.center
    qtbot.keyClick(window.map, Qt.Key.Key_Plus)
    assert window.map.zoom == zoom + 1
    qtbot.keyClick(window.map, Qt.Key.Key_Right)
    assert window.map.center[1] > centre[1]
    focused = window.map.grab().toImage()
    window.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: not window.map.hasFocus())
    unfocused = window.map.grab().toImage()
    assert focused.pixelColor(1, window.map.height() // 2) != unfocused.pixelColor(1, window.map.height() // 2)


@pytest.mark.parametrize("problem", [True, False])
def test_notices_say_problem_or_progress_without_colour(qtbot, catalog, settings, problem):
    window, _ = make_window(qtbot, catalog, settings)
    window.show_notice("The import failed", problem=problem)
    # A problem carries a warning sign in its text, so it reads as one in any colours and to a screen reader.
    assert window.notice.text().startswith("⚠") is problem
