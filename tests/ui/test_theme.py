"""High contrast as a person with low vision uses it: switched on from the menu, applied at once everywhere
(palette, banner, notice, map), readable by the WCAG AAA measure, remembered, and switched off as cleanly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from ui_helpers import make_window

from shelterapp.launcher import parse_args
from shelterapp.paths import default_paths
from shelterapp.settings import load_settings
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.ui import theme
from shelterapp.ui.map.map_view import MapView

AAA = 7.0
ROLE, GROUP = QPalette.ColorRole, QPalette.ColorGroup
# Text over its background, as Qt's styles paint them.
TEXT_PAIRS = [
    (ROLE.WindowText, ROLE.Window),  # labels
    (ROLE.Text, ROLE.Base),  # fields, lists, tables
    (ROLE.Text, ROLE.AlternateBase),  # every other row of the shelter list
    (ROLE.ButtonText, ROLE.Button),
    (ROLE.HighlightedText, ROLE.Highlight),  # the selected row, the open menu entry
    (ROLE.Link, ROLE.Base),
    (ROLE.LinkVisited, ROLE.Base),
    (ROLE.ToolTipText, ROLE.ToolTipBase),
    (ROLE.PlaceholderText, ROLE.Base),  # the search field's hint
    (ROLE.BrightText, ROLE.Window),
]


@pytest.fixture(autouse=True)
def back_to_system(qapp):
    """Themes belong to the application, which tests share: leave it as found."""
    yield
    theme.apply_theme(qapp, theme.SYSTEM)


@pytest.mark.parametrize(("fore", "back"), TEXT_PAIRS, ids=[f"{f.name}-on-{b.name}" for f, b in TEXT_PAIRS])
def test_high_contrast_palette_meets_aaa(fore, back):
    palette = theme.high_contrast_palette()
    assert theme.contrast_ratio(palette.color(fore), palette.color(back)) >= AAA


def test_disabled_text_stays_readable_in_high_contrast():
    # Greyed out, but still AAA: a disabled "Find positions" must still be read to know it exists.
    palette = theme.high_contrast_palette()
    for fore, back in [(ROLE.WindowText, ROLE.Window), (ROLE.Text, ROLE.Base), (ROLE.ButtonText, ROLE.Button)]:
        ratio = theme.contrast_ratio(palette.color(GROUP.Disabled, fore), palette.color(GROUP.Disabled, back))
        assert ratio >= AAA, (fore, ratio)


@pytest.mark.parametrize("tone", ["alert", "ok", "warning", "neutral"])
def test_our_own_boxes_meet_aaa_in_high_contrast(tone):
    chosen = theme.theme(theme.HIGH_CONTRAST).tone(tone)
    assert theme.contrast_ratio(QColor(chosen.text), QColor(chosen.background)) >= AAA
    colours = theme.theme(theme.HIGH_CONTRAST).map
    assert theme.contrast_ratio(colours.box_text, colours.box) >= AAA  # route label, attribution, scale
    assert theme.contrast_ratio(colours.notice_text, colours.notice_box) >= AAA  # "offline" on the map


def test_contrast_ratio_matches_wcag():
    assert theme.contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert theme.contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_the_menu_switches_high_contrast_live_and_back(qtbot, catalog, settings, qapp):
    window, controller = make_window(qtbot, catalog, settings)
    system_palette = QPalette(qapp.palette())
    system_banner = window.banner.styleSheet()
    assert not window.high_contrast_action.isChecked()

    window.high_contrast_action.trigger()  # Settings → High contrast
    palette = qapp.palette()
    assert palette.color(ROLE.Window) == QColor("#000000") and palette.color(ROLE.WindowText) == QColor("#ffffff")
    assert palette.color(ROLE.Highlight) == QColor("#ffff00")
    assert window.banner.styleSheet() != system_banner and "background: #000000" in window.banner.styleSheet()
    assert "border: 2px solid" in qapp.styleSheet() and ":focus" in qapp.styleSheet()  # thick focus frames
    assert window.banner.text().startswith("?")  # the symbol and the words stay
    assert load_settings(default_paths().settings_file).settings.theme == "high_contrast"  # kept for next time

    window.high_contrast_action.trigger()
    assert qapp.palette() == system_palette
    assert window.banner.styleSheet() == system_banner and qapp.styleSheet() == ""
    assert controller.settings.theme == "system"


def test_a_window_built_in_high_contrast_shows_the_action_checked(qtbot, catalog, settings, qapp):
    theme.apply_theme(qapp, "high_contrast")  # what app.py does with the saved setting, before the window
    window, _ = make_window(qtbot, catalog, settings)
    assert window.high_contrast_action.isChecked()


def test_an_alert_in_high_contrast_is_black_on_yellow_in_a_thick_frame(qtbot, qapp):
    from shelterapp.ui.banner import AlertBanner

    theme.apply_theme(qapp, "high_contrast")
    banner = AlertBanner()
    qtbot.addWidget(banner)
    banner._paint("active", "⚠ <b>AIR-RAID ALERT</b> in Kyiv city")
    style = banner.styleSheet()
    assert "background: #ffff00" in style and "color: #000000" in style and "5px solid" in style
    banner.resize(400, 80)
    image = banner.grab().toImage()
    assert image.pixelColor(1, 40) == QColor("#ffffff")  # the frame
    assert image.pixelColor(20, 10) == QColor("#ffff00")  # the box


def test_notices_follow_the_theme(qtbot, catalog, settings, qapp):
    window, _ = make_window(qtbot, catalog, settings)
    window.show_notice("Could not save", problem=True)
    before = window.notice.styleSheet()
    theme.apply_theme(qapp, "high_contrast")
    assert window.notice.styleSheet() != before and "#ffff00" in window.notice.styleSheet()
    assert window.notice.text().startswith("⚠ ")


def test_the_map_paints_in_high_contrast(qtbot, qapp):
    view = MapView(None)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.center_on(50.4501, 30.5234, 17)
    view.set_shelters([Shelter("s", "Укриття", "Shelter", Kind.CIVIL_DEFENCE_SHELTER, lat=50.4501, lon=30.5234)])
    view.show()
    qtbot.waitExposed(view)
    where = view.screen_pos(50.4501, 30.5234)
    theme.apply_theme(qapp, "high_contrast")
    image = view.grab().toImage()
    assert image.pixelColor((where + QPointF(30, 30)).toPoint()) == QColor("#000000")  # no tiles: black
    assert image.pixelColor(where.toPoint()) == QColor("#ffff00")  # the square, yellow
    theme.apply_theme(qapp, "system")
    assert view.grab().toImage().pixelColor(where.toPoint()) == QColor("#5f3dc4")  # its own colour again


def test_command_line_theme_is_for_this_run_only():
    assert parse_args(["--theme", "high_contrast"]).theme == "high_contrast"
    assert parse_args([]).theme is None  # then the saved setting decides
    with pytest.raises(SystemExit):
        parse_args(["--theme", "neon"])


def test_unknown_theme_name_is_the_system_look(qapp):
    assert theme.apply_theme(qapp, "neon").name == "system"
    assert QApplication.instance().styleSheet() == ""


def test_check_boxes_show_their_box_and_tick_in_high_contrast(qtbot, qapp):
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    theme.apply_theme(qapp, "high_contrast")
    colours = {}
    for checked in (False, True):
        box = QCheckBox("Step-free")
        qtbot.addWidget(box)
        box.setChecked(checked)
        box.show()
        qtbot.waitExposed(box)
        option = QStyleOptionButton()
        box.initStyleOption(option)
        rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        image = box.grab().toImage()
        colours[checked] = {
            image.pixelColor(x, y).name()
            for x in range(rect.left(), rect.right())
            for y in range(rect.top(), rect.bottom())
        }
    assert "#ffffff" in colours[False]  # an empty box drawn in white, not black on black
    assert "#ffff00" in colours[True] and "#000000" in colours[True]  # filled, with a black tick


def test_a_progress_count_stays_readable_when_the_bar_is_full(qtbot, qapp):
    from PySide6.QtWidgets import QProgressBar

    theme.apply_theme(qapp, "high_contrast")
    bar = QProgressBar()
    qtbot.addWidget(bar)
    bar.setRange(0, 10)
    bar.setValue(10)
    bar.setFormat("%v of %m")
    bar.resize(300, bar.sizeHint().height())
    bar.show()
    qtbot.waitExposed(bar)
    image = bar.grab().toImage()
    middle = bar.height() // 2
    assert image.pixelColor(20, middle) == QColor("#000000")  # white text sits on black, even over the chunk
    assert "#ffff00" in {image.pixelColor(20, y).name() for y in range(bar.height())}  # the progress shows
