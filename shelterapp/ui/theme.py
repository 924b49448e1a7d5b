"""Themes: the platform's own look ("system") or high contrast (black, white and yellow; WCAG AAA text).

`apply_theme(app, name)` sets the application palette, style sheet and (for high contrast) the Fusion style,
which honours the palette everywhere. Our own coloured widgets do not hard-code colours: they ask `current()`
for a `Tone` (the alert banner, the notice) or the map's colours, and repaint when `notifier().changed` fires,
so a switch applies at once, without a restart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from shelterapp.resources import resource_path
from shelterapp.settings import THEMES
from shelterapp.shelters.model import Kind

SYSTEM = "system"
HIGH_CONTRAST = "high_contrast"
_THEME_PROPERTY = "shelterappTheme"  # the applied theme's name, kept on the QApplication itself
_STYLE_PROPERTY = "shelterappSystemStyle"  # the platform's style name, to restore when leaving high contrast
_NOTIFIER_NAME = "shelterappThemeNotifier"


@dataclass(frozen=True)
class Tone:
    """A coloured box of ours (banner, notice): background, text and border, as style sheet values."""

    background: str
    text: str
    border: str = "none"  # e.g. "4px solid #ffffff": in high contrast boxes differ by border too

    def style_sheet(self, selector: str) -> str:
        return (
            f"{selector} {{ background: {self.background}; color: {self.text}; border: {self.border}; "
            "border-radius: 4px; }"
        )


@dataclass(frozen=True)
class MapColours:
    """What the map paints with. Shapes, not these colours, tell shelter kinds apart."""

    background: QColor  # where no tile is
    kinds: dict[Kind, QColor]
    marker_outline: QColor  # around filled markers, and the metro "M"
    hollow_fill: QColor  # inside an approximate position's dashed outline
    cluster_fill: QColor
    cluster_ring: QColor
    cluster_text: QColor
    me: QColor
    me_outline: QColor
    place_fill: QColor
    place_outline: QColor
    route: QColor
    route_casing: QColor  # under the dashed route line, so it shows on any tile
    selected_ring: QColor
    selected_casing: QColor
    selected_width: float
    text: QColor  # place names, over a halo
    text_halo: QColor
    box: QColor  # the route label's box
    overlay_box: QColor  # scale bar and attribution
    box_text: QColor
    box_border: QColor
    box_border_width: float
    notice_box: QColor  # "offline" on the map
    notice_text: QColor
    focus: QColor | None  # the frame that shows the map has keyboard focus; None: the palette's highlight
    focus_width: float


@dataclass(frozen=True)
class Theme:
    name: str
    tones: dict[str, Tone]  # "alert", "ok", "warning", "neutral"
    map: MapColours
    palette: dict[QPalette.ColorRole, str] = field(default_factory=dict)  # empty: the platform's palette
    disabled: dict[QPalette.ColorRole, str] = field(default_factory=dict)
    style_sheet: str = ""

    @property
    def high_contrast(self) -> bool:
        return self.name == HIGH_CONTRAST

    def tone(self, key: str) -> Tone:
        return self.tones[key]


_SYSTEM_MAP = MapColours(
    background=QColor("#e9ecef"),  # plain and light, so markers stay readable
    kinds={
        Kind.METRO: QColor("#c92a2a"),
        Kind.CIVIL_DEFENCE_SHELTER: QColor("#5f3dc4"),
        Kind.RADIATION_SHELTER: QColor("#d9480f"),
        Kind.SIMPLEST_SHELTER: QColor("#2b8a3e"),
        Kind.OTHER: QColor("#495057"),
    },
    marker_outline=QColor("#ffffff"),
    hollow_fill=QColor(255, 255, 255, 210),
    cluster_fill=QColor("#0b7285"),
    cluster_ring=QColor("#ffffff"),
    cluster_text=QColor("#ffffff"),
    me=QColor("#1c7ed6"),
    me_outline=QColor("#ffffff"),
    place_fill=QColor("#fab005"),
    place_outline=QColor("#5c3c00"),
    route=QColor("#1864ab"),
    route_casing=QColor("#ffffff"),
    selected_ring=QColor("#212529"),
    selected_casing=QColor("#ffffff"),
    selected_width=3.0,
    text=QColor("#212529"),
    text_halo=QColor("#ffffff"),
    box=QColor(255, 255, 255, 235),
    overlay_box=QColor(255, 255, 255, 200),
    box_text=QColor("#212529"),
    box_border=QColor(0, 0, 0, 60),
    box_border_width=1.0,
    notice_box=QColor("#fff3bf"),
    notice_text=QColor("#212529"),
    focus=None,
    focus_width=3.0,
)

BLACK, WHITE, YELLOW = "#000000", "#ffffff", "#ffff00"

_HIGH_CONTRAST_MAP = MapColours(
    background=QColor(BLACK),
    kinds=dict.fromkeys(Kind, QColor(YELLOW)),  # yellow on black or on pale tiles; the shape says the kind
    marker_outline=QColor(BLACK),
    hollow_fill=QColor(BLACK),
    cluster_fill=QColor(BLACK),
    cluster_ring=QColor(WHITE),
    cluster_text=QColor(WHITE),
    me=QColor(WHITE),
    me_outline=QColor(BLACK),
    place_fill=QColor(YELLOW),
    place_outline=QColor(BLACK),
    route=QColor(YELLOW),
    route_casing=QColor(BLACK),
    selected_ring=QColor(YELLOW),
    selected_casing=QColor(BLACK),
    selected_width=4.0,
    text=QColor(WHITE),
    text_halo=QColor(BLACK),
    box=QColor(BLACK),
    overlay_box=QColor(BLACK),
    box_text=QColor(WHITE),
    box_border=QColor(WHITE),
    box_border_width=2.0,
    notice_box=QColor(BLACK),
    notice_text=QColor(YELLOW),
    focus=QColor(YELLOW),
    focus_width=5.0,
)

_ROLE = QPalette.ColorRole
_HIGH_CONTRAST_PALETTE = {
    _ROLE.Window: BLACK,
    _ROLE.WindowText: WHITE,
    _ROLE.Base: BLACK,
    _ROLE.AlternateBase: "#1f1f1f",
    _ROLE.Text: WHITE,
    _ROLE.Button: BLACK,
    _ROLE.ButtonText: WHITE,
    _ROLE.BrightText: WHITE,
    _ROLE.ToolTipBase: BLACK,
    _ROLE.ToolTipText: WHITE,
    _ROLE.PlaceholderText: "#d0d0d0",
    _ROLE.Highlight: YELLOW,
    _ROLE.HighlightedText: BLACK,
    _ROLE.Link: YELLOW,
    _ROLE.LinkVisited: "#00ffff",
    _ROLE.Accent: YELLOW,
    # Frame and bevel shades: white, so every edge the style draws shows on black.
    _ROLE.Light: WHITE,
    _ROLE.Midlight: WHITE,
    _ROLE.Mid: WHITE,
    _ROLE.Dark: WHITE,
    _ROLE.Shadow: WHITE,
}
_HIGH_CONTRAST_DISABLED = {  # greyed, still 7:1 on black; disabled buttons also get a dashed border
    _ROLE.WindowText: "#a6a6a6",
    _ROLE.Text: "#a6a6a6",
    _ROLE.ButtonText: "#a6a6a6",
    _ROLE.Highlight: "#a6a6a6",
}

# Borders of 2px on every input and button, 4px yellow on the one with keyboard focus; the padding shrinks as
# the border grows so that nothing moves when the focus does. Lengths in em follow the font size.
_HIGH_CONTRAST_QSS = f"""
QPushButton, QToolButton {{
    background: {BLACK}; color: {WHITE}; border: 2px solid {WHITE}; padding: 4px 10px; min-height: 1.2em;
}}
QPushButton:hover, QToolButton:hover {{ border-color: {YELLOW}; }}
QPushButton:pressed, QPushButton:checked, QToolButton:pressed, QToolButton:checked {{
    background: {YELLOW}; color: {BLACK};
}}
QPushButton:focus, QToolButton:focus {{ border: 4px solid {YELLOW}; padding: 2px 8px; }}
QPushButton:disabled, QToolButton:disabled {{ color: #a6a6a6; border: 2px dashed #a6a6a6; }}
QLineEdit, QAbstractSpinBox, QComboBox {{
    background: {BLACK}; color: {WHITE}; border: 2px solid {WHITE}; padding: 3px;
}}
QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus {{ border: 4px solid {YELLOW}; padding: 1px; }}
QComboBox QAbstractItemView {{ border: 2px solid {WHITE}; }}
QAbstractItemView, QPlainTextEdit, QTextEdit {{ border: 2px solid {WHITE}; }}
QAbstractItemView:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 4px solid {YELLOW}; }}
QHeaderView::section {{ background: {BLACK}; color: {WHITE}; border: 1px solid {WHITE}; padding: 2px 4px; }}
QCheckBox, QRadioButton {{ border: 3px solid transparent; padding: 1px 3px; }}
QCheckBox:focus, QRadioButton:focus {{ border: 3px solid {YELLOW}; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width: 0.9em; height: 0.9em; background: {BLACK}; border: 2px solid {WHITE};
}}
QCheckBox::indicator:checked {{ background: {YELLOW}; image: url("{{check}}"); }}
QRadioButton::indicator {{ border-radius: 0.55em; }}
QRadioButton::indicator:checked {{
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
                                stop: 0 {BLACK}, stop: 0.45 {BLACK}, stop: 0.55 {YELLOW}, stop: 1 {YELLOW});
}}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border: 2px dashed #a6a6a6; }}
QTabBar::tab {{
    background: {BLACK}; color: {WHITE}; border: 2px solid {WHITE}; padding: 5px 12px; margin-right: 3px;
}}
QTabBar::tab:selected {{ background: {WHITE}; color: {BLACK}; }}
QTabBar::tab:selected:focus {{ border: 4px solid {YELLOW}; padding: 3px 10px; }}
QProgressBar {{ border: 2px solid {WHITE}; color: {WHITE}; text-align: center; min-height: 1.8em; }}
QProgressBar::chunk {{  /* yellow above and below, black behind the white count: readable at any progress */
    background: qlineargradient(x1: 0, y1: 0, x2: 0, y2: 1, stop: 0 {YELLOW}, stop: 0.17 {YELLOW},
                                stop: 0.18 {BLACK}, stop: 0.82 {BLACK}, stop: 0.83 {YELLOW}, stop: 1 {YELLOW});
}}
QMenu {{ border: 2px solid {WHITE}; }}
QToolTip {{ background: {BLACK}; color: {WHITE}; border: 2px solid {WHITE}; }}
QSplitter::handle {{ background: {WHITE}; }}
"""

_THEMES = {
    SYSTEM: Theme(
        SYSTEM,
        {
            "alert": Tone("#c92a2a", "#ffffff"),
            "ok": Tone("#d3f9d8", "#1b4d2b"),
            "warning": Tone("#fff3bf", "#5c3c00"),
            "neutral": Tone("#e9ecef", "#212529"),
        },
        _SYSTEM_MAP,
    ),
    HIGH_CONTRAST: Theme(
        HIGH_CONTRAST,
        {
            # Black, white and yellow only; the border tells the states apart as much as the colour does.
            "alert": Tone(YELLOW, BLACK, f"5px solid {WHITE}"),
            "ok": Tone(BLACK, WHITE, f"2px solid {WHITE}"),
            "warning": Tone(BLACK, YELLOW, f"4px dashed {YELLOW}"),
            "neutral": Tone(BLACK, WHITE, f"2px dashed {WHITE}"),
        },
        _HIGH_CONTRAST_MAP,
        _HIGH_CONTRAST_PALETTE,
        _HIGH_CONTRAST_DISABLED,
        _HIGH_CONTRAST_QSS,
    ),
}
assert set(_THEMES) == set(THEMES)  # settings.py declares the names, this module their looks


class ThemeNotifier(QObject):
    """One per application. Signals: changed(str name) after a theme was applied."""

    changed = Signal(str)


def notifier(app: QCoreApplication | None = None) -> ThemeNotifier:
    """The application's notifier (made on first use, owned by the application)."""
    app = app or QCoreApplication.instance()
    assert app is not None, "themes need a QApplication"
    found = app.findChild(ThemeNotifier, _NOTIFIER_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if found is None:
        found = ThemeNotifier(app)
        found.setObjectName(_NOTIFIER_NAME)
    return found


def theme(name: str) -> Theme:
    """The theme of this name; the system one for a name we do not know."""
    return _THEMES.get(name, _THEMES[SYSTEM])


def current() -> Theme:
    """The theme in use by the running application (the system one before any was applied)."""
    app = QCoreApplication.instance()
    name = app.property(_THEME_PROPERTY) if app is not None else None
    return theme(name if isinstance(name, str) else SYSTEM)


def high_contrast_palette() -> QPalette:
    chosen = _THEMES[HIGH_CONTRAST]
    palette = QPalette()
    for role, colour in chosen.palette.items():
        palette.setColor(role, QColor(colour))  # both active and inactive groups
    for role, colour in chosen.disabled.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def apply_theme(app: QApplication, name: str) -> Theme:
    """Switch the whole application live; unknown names mean "system". Returns the theme applied."""
    chosen = theme(name)
    if not chosen.high_contrast and app.property(_THEME_PROPERTY) is None:
        app.setProperty(_THEME_PROPERTY, chosen.name)  # the usual start: leave the platform's look untouched
        notifier(app).changed.emit(chosen.name)
        return chosen
    if chosen.high_contrast:
        if app.property(_STYLE_PROPERTY) is None:
            app.setProperty(_STYLE_PROPERTY, app.style().name())
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")  # it draws every control from the palette; native styles may not
        app.setPalette(high_contrast_palette())
    else:
        style = app.property(_STYLE_PROPERTY)
        if isinstance(style, str) and style.lower() != app.style().name().lower():
            app.setStyle(style)
        app.setPalette(QPalette())  # resolved against the platform theme: the system palette, untouched
    check = resource_path("icons", "check-high-contrast.svg").as_posix()  # ticked boxes: a tick, not just yellow
    app.setStyleSheet(chosen.style_sheet.replace("{check}", check))
    app.setProperty(_THEME_PROPERTY, chosen.name)
    notifier(app).changed.emit(chosen.name)
    return chosen


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21; AAA asks 7 for text."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
