"""Text from outside shown as text, never as markup: the one place the app decides how Qt treats it.

Qt guesses. A QLabel left on AutoText, a tooltip or a message box renders a string as rich text when its first
line looks like HTML (Qt::mightBeRichText), and rich text loads every `<img src>` it names from the local disk,
on the GUI thread: a shelter called `Shelter <img src="/dev/zero">` aborted the app at each start, a FIFO's path
hung it, `<img src="/some/local.png">` drew a private picture. So every string that came from outside (shelter
lists, OpenStreetMap, feeds, the geocoder, settings, what the person typed, file names, error messages) reaches
the screen through these helpers; where we build rich text ourselves (the banner) we html.escape() it.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt  # QtGui's Qt namespace also holds mightBeRichText()
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows its text exactly as given."""
    return make_plain(QLabel(text, parent))


def make_plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def tooltip(text: str) -> str:
    """For setToolTip(), ToolTipRole and the tray icon: Qt has no plain-text switch there. Text Qt would take for
    markup is escaped (inside a paragraph that keeps its line breaks); any other text is left as it is, since
    escaping it would show `&amp;` to the person."""
    if not Qt.mightBeRichText(text):
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def menu_text(text: str) -> str:
    """For a QAction or a menu entry: `&` would mark a shortcut letter and vanish, a tab would start the
    shortcut column; both are kept as the person would read them."""
    return text.replace("&", "&&").replace("\t", " ")


def plain_message_box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None = None) -> QMessageBox:
    """A message box whose text (an error from outside, a path) is shown as it is."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
