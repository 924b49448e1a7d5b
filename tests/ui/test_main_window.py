"""The main window as a person uses it: nearest first, filters, search, details, location, keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import make_window

from shelterapp.paths import default_paths
from shelterapp.settings import Location, load_settings
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.ui.controller import AppController
from shelterapp.ui.location import LocationDialog, parse_coordinates
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.shelter_table import ShelterTableModel


def visible_names(window: MainWindow) -> list[str]:
    proxy = window.proxy
    return [proxy.index(r, ShelterTableModel.NAME).data() for r in range(proxy.rowCount())]


def test_opens_on_bundled_metro_nearest_first(qtbot, catalog, settings):
    window, _ = make_window(qtbot, catalog, settings)
    names = visible_names(window)
    assert len(names) == 52
    assert names[0] == "Maidan Nezalezhnosti (M2)"  # no location set: distances from the city centre
    assert "not set" in window.location_label.text()
    assert window.details.title.text() == "Maidan Nezalezhnosti (M2)"
    assert "approximate" in window.data_label.text() and "52 shelters" in window.data_label.text(), (
        window.data_label.text()
    )
    assert "Checking the alert state" in window.banner.text()  # until the alert service says what it knows


@pytest.mark.parametrize("language", ["uk", "en", "fr"])
def test_every_column_is_as_wide_as_its_longest_text_as_qt_would_make_it(qtbot, catalog, settings, language):
    # The widths are measured from the model's strings (the start does not ask Qt to query every cell): they
    # must come out as Qt's own resizeColumnToContents makes them, within the cap, so no name is cut short.
    window = MainWindow(language, settings)
    qtbot.addWidget(window)
    AppController(default_paths(), catalog, settings, window, None)
    table, cap = window.table, max(window.shelters_view.fontMetrics().averageCharWidth() * 40, 200)
    ours = [table.columnWidth(column) for column in range(window.model.columnCount())]
    for column in range(window.model.columnCount()):
        table.resizeColumnToContents(column)
    assert ours == [min(table.columnWidth(column), cap) for column in range(window.model.columnCount())]
    assert all(width > 0 for width in ours)


def test_setting_a_location_reorders_and_is_saved(qtbot, catalog, settings):
    window, _controller = make_window(qtbot, catalog, settings)
    window.location_chosen.emit(Location(50.5225, 30.4988, "Heroiv Dnipra"))
    assert visible_names(window)[0] == "Heroiv Dnipra (M2)"
    assert "Heroiv Dnipra" in window.location_label.text()
    assert load_settings(default_paths().settings_file).settings.location == Location(50.5225, 30.4988, "Heroiv Dnipra")


def test_search_by_name_ignores_case_and_apostrophes(qtbot, catalog, settings):
    window, _ = make_window(qtbot, catalog, settings)
    window.filters.search.insert("лукʼянів")  # QTest types ASCII only; insert() is a paste
    assert visible_names(window) == ["Lukianivska (M3)"]
    window.filters.search.clear()
    qtbot.keyClicks(window.filters.search, "M1")
    assert len(visible_names(window)) == 18


def test_kind_and_flag_filters(qtbot, catalog, settings):
    catalog.store.replace_dataset(
        "test",
        [
            Shelter(
                "test:1",
                "Підвал",
                "",
                Kind.SIMPLEST_SHELTER,
                "вул. Перша, 1",
                lat=50.4502,
                lon=30.5235,
                source="test",
                accessible=True,
            ),
            Shelter(
                "test:2",
                "Сховище",
                "",
                Kind.CIVIL_DEFENCE_SHELTER,
                "вул. Друга, 2",
                district="Печерський",
                source="test",
            ),
        ],
    )
    catalog.reload()
    window, controller = make_window(qtbot, catalog, settings)
    assert visible_names(window)[0] == "Підвал"  # 11 m from the centre, nearer than the metro
    assert visible_names(window)[-1] == "Сховище"  # no position yet: listed last, by address
    window.filters.kind.setCurrentIndex(window.filters.kind.findData("simplest_shelter"))
    assert visible_names(window) == ["Підвал"]
    window.filters.kind.setCurrentIndex(0)
    window.filters.accessible.setChecked(True)
    assert visible_names(window) == ["Підвал"]
    window.filters.accessible.setChecked(False)
    window.filters.unplaced.setChecked(False)
    assert "Сховище" not in visible_names(window)
    controller.save_settings()
    assert load_settings(default_paths().settings_file).settings.unplaced_shown is False


def test_details_pane_and_copy_address(qtbot, catalog, settings):
    window, _ = make_window(qtbot, catalog, settings)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # keyboard: second nearest
    assert window.details.title.text() == "Khreshchatyk (M1)"
    assert window.details._values["distance"].text().endswith(" m")
    assert "min" in window.details._values["walk"].text()
    qtbot.mouseClick(window.details.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Станція метро «Хрещатик»"


def test_i_am_here_sets_location_to_the_shelter(qtbot, catalog, settings):
    window, controller = make_window(qtbot, catalog, settings)
    window.select_shelter("metro:m3-syrets")
    qtbot.mouseClick(window.details.here_button, Qt.MouseButton.LeftButton)
    assert controller.settings.location is not None and controller.settings.location.label == "Syrets"
    assert visible_names(window)[0] == "Syrets (M3)"


def test_location_dialog_by_station_and_by_coordinates(qtbot, catalog):
    stations = [s for s in catalog.shelters if s.kind is Kind.METRO]
    dialog = LocationDialog(stations, "en", None)
    qtbot.addWidget(dialog)
    dialog.station_box.setCurrentIndex(dialog.station_box.findText("Teremky (M2)"))
    assert dialog.location() == Location(50.3670, 30.4540, "Teremky")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.coordinates_edit, "not a place")
    assert dialog.by_coordinates.isChecked() and not ok.isEnabled() and dialog.problem.text()
    dialog.coordinates_edit.clear()
    qtbot.keyClicks(dialog.coordinates_edit, "50,4501 30,5234")
    assert ok.isEnabled() and dialog.location() == Location(50.4501, 30.5234, "")


def test_parse_coordinates():
    assert parse_coordinates("50.45, 30.52") == (50.45, 30.52)
    assert parse_coordinates("50.45;30.52") == (50.45, 30.52)
    assert parse_coordinates("91, 30") is None
    assert parse_coordinates("Kyiv") is None


def test_failed_import_keeps_list_and_says_why(qtbot, catalog, settings, tmp_path):
    window, controller = make_window(qtbot, catalog, settings)
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\x00\x01garbage")
    window.import_requested.emit(str(broken))
    qtbot.waitUntil(lambda: not controller.importing, timeout=10_000)
    assert window.notice.isVisible() and "previous shelter list is kept" in window.notice.text()
    assert len(visible_names(window)) == 52
    assert window.import_action.isEnabled()


def test_import_from_the_window_adds_shelters(qtbot, catalog, settings, tmp_path):
    window, controller = make_window(qtbot, catalog, settings)
    data = tmp_path / "extra.geojson"
    data.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point",'
        ' "coordinates": [30.5236, 50.4503]}, "properties": {"name": "Двір", "kind": "simplest_shelter"}}]}',
        encoding="utf-8",
    )
    window.import_requested.emit(str(data))
    qtbot.waitUntil(lambda: not controller.importing, timeout=10_000)
    assert "Imported 1 shelters" in window.notice.text()
    assert visible_names(window)[0] == "Двір" and len(visible_names(window)) == 53


@pytest.mark.parametrize("anyway", [False, True])
def test_a_poisoned_file_imported_by_hand_is_kept_out_unless_the_person_insists(
    qtbot, catalog, settings, tmp_path, monkeypatch, anyway
):
    from helpers import city_layer

    window, controller = make_window(qtbot, catalog, settings)
    asked: list[str] = []

    def import_anyway(implausible):  # the question the window asks (default: keep the current list)
        asked.append(implausible.failure)
        return anyway

    monkeypatch.setattr(controller, "import_anyway", import_anyway)
    poisoned = tmp_path / "poisoned.geojson"
    poisoned.write_bytes(city_layer(40, one_point=True))
    window.import_requested.emit(str(poisoned))
    qtbot.waitUntil(lambda: not controller.importing, timeout=10_000)
    assert asked == ["duplicate_points"]
    if anyway:
        assert len(visible_names(window)) == 52 + 40 and "Imported 40 shelters" in window.notice.text()
    else:
        assert len(visible_names(window)) == 52
        assert (
            "share their position" in window.notice.text() and "previous shelter list is kept" in window.notice.text()
        )


def test_close_quits_without_tray(qtbot, catalog, settings):
    window, _ = make_window(qtbot, catalog, settings)
    assert window.hide_on_close is False
    window.close()
    assert not window.isVisible()
