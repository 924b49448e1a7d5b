"""Hostile names, and a walk over every widget that reports where outside text could be read as markup.

Qt renders a string as rich text when a QLabel is left on AutoText, or in a tooltip, whenever its first line
looks like HTML; rich text loads each <img src> from the local disk. Each hostile string below holds the marker
`x.png` (an image path Qt would try to load) and markup that changes what is shown. Wherever the marker is
found (label, tooltip, menu entry, list cell), what the person sees must be the whole string, literally, and
a label must not be left to Qt's guess.

Import as `from hostile_text import ...` (tests/ is on sys.path, like helpers.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QHeaderView, QLabel, QMenu, QWidget

MARKER = "x.png"
NAME = 'Shelter <b>Bold</b> <img src="x.png">'  # the screenshot's name: bold and a picture if Qt guessed
ADDRESS = '<i>Street</i> & <img src="x.png"> 1'  # an ampersand too: menus would eat it as a shortcut mark
STATION = '<u>Station</u> <img src="x.png">'
LOCATION = '<b>My home</b> <img src="x.png">'  # the location label kept in settings
PLACE = '<font color=red>Work</font> & <img src="x.png">'  # a saved place's name
ADVISORY = '<h1>Advisory</h1> <img src="x.png">'
FILE_NAME = '<b>list <img src="x.png">.json'  # a file name is outside text too (no slash in a name)
HOSTILE = (NAME, ADDRESS, STATION, LOCATION, PLACE, ADVISORY, FILE_NAME)


@dataclass
class Surface:
    """One place the person reads text: the raw string Qt was given, what Qt shows, and a problem if any."""

    owner: object
    where: str
    raw: str
    shown: str
    problem: str = ""

    @property
    def outside(self) -> bool:
        return MARKER in self.raw

    @property
    def literal(self) -> bool:
        return any(text in self.shown for text in HOSTILE)


def as_tooltip(text: str) -> str:
    """What QToolTip shows for `text`: rich text exactly when Qt guesses so."""
    return QTextDocumentFragment.fromHtml(text).toPlainText() if QtGui.mightBeRichText(text) else text


def as_menu_entry(text: str) -> str:
    """What a menu shows for an action's text: `&&` is one ampersand, a single `&` marks the next letter."""
    return re.sub(r"&(.)", r"\1", text)


def label_surface(label: QLabel) -> Surface:
    text, fmt = label.text(), label.textFormat()
    where = f"QLabel {label.objectName() or '(unnamed)'} in {type(label.parentWidget()).__name__}"
    if fmt == Qt.TextFormat.PlainText:
        return Surface(label, where, text, text)
    if fmt == Qt.TextFormat.RichText:  # deliberate rich text: it must have been escaped
        return Surface(label, where, text, QTextDocumentFragment.fromHtml(text).toPlainText())
    return Surface(label, where, text, as_tooltip(text), f"left to Qt's guess ({fmt.name})")


def _model_surfaces(view: QAbstractItemView) -> Iterable[Surface]:
    model = view.model()
    if model is None:
        return
    name = f"{type(view).__name__} {view.objectName() or '(unnamed)'}"
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list widget's model keeps columnCount private: it has one column
        columns = 1
    for row in range(min(model.rowCount(root), 500)):
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            display = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(display, str):
                yield Surface(view, f"{name} cell", display, display)  # item views draw plain text
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and tip:
                yield Surface(view, f"{name} cell tooltip", tip, as_tooltip(tip))


def _action_surfaces(owner: QWidget) -> Iterable[Surface]:
    for action in owner.actions():
        text = action.text()
        if text:
            yield Surface(action, f"menu entry in {type(owner).__name__}", text, as_menu_entry(text))
        if action.menu() is not None:
            yield from _action_surfaces(action.menu())


def surfaces(widgets: Iterable[QWidget] | None = None) -> list[Surface]:
    """Every text surface of `widgets` (default: every widget alive): labels, tooltips, menu entries, cells,
    combo-box entries and window titles."""
    found: list[Surface] = []
    for widget in QApplication.allWidgets() if widgets is None else widgets:
        if isinstance(widget, QLabel):
            found.append(label_surface(widget))
        tip = widget.toolTip()
        if tip:
            found.append(Surface(widget, f"tooltip of {type(widget).__name__}", tip, as_tooltip(tip)))
        if isinstance(widget, QMenu) or widget.actions():
            found.extend(_action_surfaces(widget))
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):  # a header: its table's model
            found.extend(_model_surfaces(widget))
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                text = widget.itemText(index)
                found.append(Surface(widget, "combo-box entry", text, text))
        if widget.isWindow() and widget.windowTitle():
            found.append(Surface(widget, "window title", widget.windowTitle(), widget.windowTitle()))
    return found


def action_surface(action: QAction, where: str) -> Surface:
    return Surface(action, where, action.text(), as_menu_entry(action.text()))


def problems(found: Iterable[Surface]) -> list[str]:
    """One line per surface that shows outside text other than literally."""
    bad = []
    for surface in found:
        if not surface.outside:
            continue
        if surface.problem:
            bad.append(f"{surface.where}: {surface.problem}: {surface.raw!r}")
        elif not surface.literal:
            bad.append(f"{surface.where}: shows {surface.shown!r} for {surface.raw!r}")
    return bad
