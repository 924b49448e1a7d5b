"""A person who sets a large system font gets larger text everywhere, nothing cut off, the map's labels too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QAbstractButton, QApplication
from ui_helpers import make_window

from shelterapp.ui.map import sprites
from shelterapp.ui.theme import theme

UI = Path(__file__).resolve().parents[2] / "shelterapp" / "ui"


@pytest.fixture
def big_font(qapp):
    """The system font at twice its size, as set in the desktop's accessibility settings; restored after."""
    normal = QFont(qapp.font())
    big = QFont(normal)
    big.setPointSizeF(normal.pointSizeF() * 2)
    QApplication.setFont(big)
    yield big
    QApplication.setFont(normal)


def test_the_window_grows_with_a_large_font(qtbot, catalog, settings, qapp):
    normal = make_window(qtbot, catalog, settings)[0]
    banner_height = normal.banner.heightForWidth(600)
    button = normal.location_bar.location_button.sizeHint()
    normal.close()
    normal_font = QFont(qapp.font())
    big = QFont(normal_font)
    big.setPointSizeF(normal_font.pointSizeF() * 2)
    QApplication.setFont(big)
    try:
        large = make_window(qtbot, catalog, settings)[0]
        assert large.banner.heightForWidth(600) > 1.5 * banner_height  # the alert state in bigger letters
        assert large.location_bar.location_button.sizeHint().width() > 1.5 * button.width()
    finally:
        QApplication.setFont(normal_font)


def test_nothing_is_cut_off_with_a_large_font(qtbot, catalog, settings, big_font):
    window = make_window(qtbot, catalog, settings)[0]
    window.resize(window.minimumSizeHint().expandedTo(window.size()))
    qtbot.wait(10)  # let the layout settle at the new size
    clipped = []
    # Single-line buttons and check boxes: their whole text fits their width.
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            needed = QFontMetricsF(button.font()).horizontalAdvance(button.text().replace("&", ""))
            if button.width() < needed:
                clipped.append(f"{button.text()!r}: {button.width()} < {needed:.0f}")
    tabs = window.tabs.tabBar()
    for index in range(tabs.count()):
        needed = QFontMetricsF(tabs.font()).horizontalAdvance(tabs.tabText(index).replace("&", ""))
        if tabs.tabRect(index).width() < needed:
            clipped.append(f"tab {tabs.tabText(index)!r}")
    assert clipped == []
    label = window.location_label  # word-wrapped: it may take more lines, never lose any
    assert label.height() >= label.heightForWidth(label.width())


def test_map_labels_and_markers_follow_the_font(qtbot, big_font):
    colours = theme("system").map
    small_font = QFont(big_font)
    small_font.setPointSizeF(big_font.pointSizeF() / 2)
    small, large = sprites.Sprites(1.0, small_font, colours), sprites.Sprites(1.0, big_font, colours)
    assert large.marker(sprites.Kind.METRO).half > small.marker(sprites.Kind.METRO).half  # markers grow
    for count in (7, 950, 12_345):
        sprite = large.cluster(count)  # a disc big enough for its number
        label = sprites.count_label(count)
        font = sprites.scaled_font(big_font, 0.9 if count < 1000 else 0.8, bold=True)
        assert 2 * (sprite.half - 4) >= QFontMetricsF(font).horizontalAdvance(label)
    scaled = sprites.scaled_font(big_font, 0.9)
    assert scaled.pointSizeF() == pytest.approx(big_font.pointSizeF() * 0.9)


def test_no_pixel_font_sizes_in_the_code():
    # Sizes in pixels ignore the person's font settings; fonts are the widget's, scaled.
    pattern = re.compile(r"setPixelSize\(\s*\d|font-size:\s*\d+\s*px|setPointSize(F)?\(\s*\d")
    offenders = [
        f"{path.relative_to(UI)}:{number}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
