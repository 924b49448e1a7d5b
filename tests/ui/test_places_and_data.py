"""Map and list together, saved places, address search and "Update now", as a person uses them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from shelterapp.config import load_config
from shelterapp.paths import default_paths
from shelterapp.settings import Location, load_settings
from shelterapp.shelter_updates.list_updates import ListUpdates
from shelterapp.shelters.model import GeocodeHit
from shelterapp.sources.shelter_lists import big_file_client, configured, downloader
from shelterapp.ui.controller import AppController
from shelterapp.ui.data_controller import DataController
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.places_controller import PlacesController

LAYER = Path(__file__).resolve().parents[1] / "fixtures" / "shelters" / "kyiv_layer_small.geojson"


def make_app(qtbot, catalog, settings, online_search=None):
    window = MainWindow("en", settings)
    qtbot.addWidget(window)
    controller = AppController(default_paths(), catalog, settings, window, None)
    PlacesController(controller, online_search, "en")  # owned by the controller, as in the app
    window.show()
    qtbot.waitExposed(window)
    return window, controller


def test_list_and_map_share_one_selection(qtbot, catalog, settings):
    window, _ = make_app(qtbot, catalog, settings)
    # Choosing a row in the list selects that shelter on the map...
    row = next(r for r in window.model.rows() if r.shelter.name_en == "Khreshchatyk")
    window.select_shelter(row.shelter.id)
    assert window.map.selected_shelter() == row.shelter.id
    # ...and a click on a marker selects its row in the list and shows its details.
    other = next(r for r in window.model.rows() if r.shelter.name_en == "Teatralna").shelter
    window.map.center_on(other.lat, other.lon, 17)
    qtbot.mouseClick(window.map, Qt.MouseButton.LeftButton, pos=window.map.screen_pos(other.lat, other.lon).toPoint())
    assert window.details.title.text() == "Teatralna (M1)"
    assert window.map.selected_shelter() == other.id


def test_saving_a_place_and_coming_back_to_it(qtbot, catalog, settings, monkeypatch):
    window, controller = make_app(qtbot, catalog, settings)
    home = Location(50.4437, 30.4915, "")  # near Universytet
    controller.set_location(home)
    monkeypatch.setattr("shelterapp.ui.places_controller.ask_place_name", lambda *_: "Home")
    window.location_bar.save_place_button.click()
    controller.set_location(Location(50.5010, 30.4980, "elsewhere"))
    assert window.location_bar.places.findText("Home") > 0
    # The place survives a restart (saved at once) and choosing it moves the distances back there.
    assert [p.label for p in load_settings(default_paths().settings_file).settings.places] == ["Home"]
    window.location_bar.place_chosen.emit("Home")
    assert "Home" in window.location_label.text()
    assert (window.origin.lat, window.origin.lon) == (50.4437, 30.4915)
    assert window.location_bar.places.currentText() == "Home"


def test_offline_search_finds_our_shelters_and_moves_me_there(qtbot, catalog, settings):
    window, _ = make_app(qtbot, catalog, settings)
    shown = []
    window.location_bar.show_results = lambda results, note="": shown.append((results, note))  # type: ignore[method-assign]
    window.location_bar.search.setText("teatr")
    window.location_bar.search_button.click()
    results, note = shown[-1]
    assert [r.label for r in results][:1] == ["Teatralna (M1)"] and not note
    window.location_bar.result_chosen.emit(Location(results[0].lat, results[0].lon, results[0].label))
    assert window.details.title.text() == "Teatralna (M1)"  # I am at the station: it is the nearest


def test_online_search_failure_falls_back_to_our_list_and_says_so(qtbot, catalog, settings):
    def broken(_text: str) -> list[GeocodeHit]:
        raise OSError("no route to host")

    window, _ = make_app(qtbot, catalog, settings, online_search=broken)
    shown = []
    window.location_bar.show_results = lambda results, note="": shown.append((results, note))  # type: ignore[method-assign]
    window.location_bar.online.setChecked(True)
    window.location_bar.search.setText("Khreshchatyk")
    window.location_bar.search_button.click()
    qtbot.waitUntil(lambda: bool(shown))
    results, note = shown[-1]
    assert "not available" in note and any(r.label == "Khreshchatyk (M1)" for r in results)
    assert load_settings(default_paths().settings_file).settings.online_search is True  # the opt-in is remembered


def test_online_search_results_come_first(qtbot, catalog, settings):
    found = [GeocodeHit("Хрещатик, 22", 50.447, 30.522)]
    window, _ = make_app(qtbot, catalog, settings, online_search=lambda _t: found)
    shown = []
    window.location_bar.show_results = lambda results, note="": shown.append((results, note))  # type: ignore[method-assign]
    window.location_bar.online.setChecked(True)
    window.location_bar.search.setText("Хрещатик 22")
    window.location_bar.search_button.click()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[-1][0][0].label == "Хрещатик, 22"


def make_data(qtbot, catalog, settings, app_home):
    window, controller = make_app(qtbot, catalog, settings)
    config = load_config(default_paths().config_file)
    http = big_file_client()
    updates = ListUpdates(catalog, configured(config), lambda s: downloader(s, http), app_home)
    data = DataController(controller, updates, None, "nominatim.example", False)
    return window, data


def test_update_now_swaps_in_the_city_list_and_shows_its_licence(qtbot, catalog, settings, app_home, httpserver):
    from helpers import write_config

    httpserver.expect_request("/layer").respond_with_data(LAYER.read_bytes(), content_type="application/json")
    write_config(app_home, {"kyiv_opendata": {"url": httpserver.url_for("/layer")}})
    window, data = make_data(qtbot, catalog, settings, app_home)
    before = len(catalog.shelters)
    data.show_dialog()
    assert data.dialog is not None
    with qtbot.waitSignal(catalog_refreshed(window), timeout=10000):
        data.update([s for s in data.lists if s.name == "kyiv_opendata"])
    qtbot.waitUntil(lambda: not data.running)
    assert len(catalog.shelters) > before
    table = data.dialog.table
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert any(row[0] == "kyiv_opendata" and row[2] == "CC BY 4.0" for row in cells), cells
    assert "updated" in window.notice.text()


def test_failed_update_keeps_the_old_list_and_says_why(qtbot, catalog, settings, app_home, httpserver):
    from helpers import write_config

    httpserver.expect_request("/layer").respond_with_data("<html>maintenance</html>", status=503)
    write_config(app_home, {"kyiv_opendata": {"url": httpserver.url_for("/layer")}})
    window, data = make_data(qtbot, catalog, settings, app_home)
    before = [s.id for s in catalog.shelters]
    data.update(data.lists)
    qtbot.waitUntil(lambda: not data.running, timeout=10000)
    assert [s.id for s in catalog.shelters] == before
    assert "previous list is kept" in window.notice.text()


def test_the_weekly_refresh_keeps_the_list_when_the_new_one_is_poisoned(qtbot, catalog, settings, app_home, httpserver):
    # every shelter on one point, served where the city's layer was: refused, the old list stays, and why is shown
    from helpers import city_layer, write_config

    httpserver.expect_request("/layer").respond_with_data(city_layer(60), content_type="application/json")
    write_config(app_home, {"kyiv_opendata": {"url": httpserver.url_for("/layer")}})
    _window, data = make_data(qtbot, catalog, settings, app_home)
    city = [s for s in data.lists if s.name == "kyiv_opendata"]
    data.update(city)
    qtbot.waitUntil(lambda: not data.running, timeout=10000)
    before = sorted(s.id for s in catalog.shelters)
    httpserver.clear()
    httpserver.expect_request("/layer").respond_with_data(
        city_layer(60, one_point=True), content_type="application/json"
    )
    data.refresh_due()  # nothing is due yet: the list is fresh
    assert not data.running
    data.update(city, automatic=True)  # what the weekly refresh does once the list is a week old
    qtbot.waitUntil(lambda: not data.running, timeout=10000)
    assert sorted(s.id for s in catalog.shelters) == before
    (outcome,) = data.outcomes
    assert outcome.failure == "duplicate_points"
    data.show_dialog()
    status = data.dialog.update_status.text()
    assert "repeat a position" in status and "previous list is kept" in status


def catalog_refreshed(window):
    return window.model.modelReset


def test_update_shelters_menu_opens_the_shelter_data_dialog(qtbot, catalog, settings, app_home):
    window, data = make_data(qtbot, catalog, settings, app_home)
    window.data_action.trigger()
    qtbot.waitUntil(lambda: data.dialog is not None and data.dialog.isVisible())
    names = [data.dialog.table.item(r, 0).text() for r in range(data.dialog.table.rowCount())]
    assert names == ["bundled"]  # the only list so far, with its attribution


def test_an_alert_brings_me_and_my_nearest_shelters_onto_the_map(qtbot, catalog, settings):
    # Scared and in a hurry: whatever the map showed before, it now shows me and where to go.
    window, controller = make_app(qtbot, catalog, settings)
    controller.set_location(Location(50.4016, 30.6544, "Poznyaky"))
    window.map.center_on(50.52, 30.24, 16)  # far away, zoomed in
    window.show_nearest_shelters()
    nearest = window.shelters_view.nearest_rows(3)
    inside = window.map.rect()
    assert inside.contains(window.map.screen_pos(50.4016, 30.6544).toPoint())
    for row in nearest:
        assert inside.contains(window.map.screen_pos(row.shelter.lat, row.shelter.lon).toPoint()), row.shelter.name_en
    assert window.map.selected_shelter() == nearest[0].shelter.id


def test_find_positions_places_address_only_rows_on_the_map(qtbot, catalog, settings, app_home, httpserver, tmp_path):
    # The official list has addresses only: after "Find positions" they get (approximate) positions and distances.
    import json

    from werkzeug import Request, Response

    from shelterapp.shelter_updates.geocode_service import GeocodeService
    from shelterapp.shelters.geocode_cache import GeocodeCache
    from shelterapp.shelters.geocode_job import apply_cached_positions, geocode_query
    from shelterapp.sources.nominatim import NominatimGeocoder, RateGate

    asked: list[str] = []

    def answer(request: Request) -> Response:
        asked.append(request.args["q"])
        place = {"lat": "50.4410", "lon": "30.5230", "display_name": request.args["q"], "place_rank": 30}
        return Response(json.dumps([{**place, "class": "building"}]), content_type="application/json")

    httpserver.expect_request("/search").respond_with_handler(answer)
    catalog.import_file(Path(__file__).resolve().parents[1] / "fixtures" / "shelters" / "kyiv_opendata_small.csv")
    cache = GeocodeCache.open(tmp_path / "geocode.sqlite")
    catalog.overlay = lambda rows: apply_cached_positions(rows, cache)
    catalog.reload()
    unplaced = [s.id for s in catalog.shelters if not s.has_position and geocode_query(s)]
    no_address = sum(1 for s in catalog.shelters if not s.has_position and not geocode_query(s))
    assert unplaced
    window, controller = make_app(qtbot, catalog, settings)
    geocoder = NominatimGeocoder(httpserver.url_for("/").rstrip("/"), timeout_s=5.0, gate=RateGate(0.0))
    service = GeocodeService(geocoder, cache, parent=controller)
    updates = ListUpdates(catalog, [], lambda s: lambda url: b"", app_home)
    data = DataController(controller, updates, service, "127.0.0.1", False)
    data.show_dialog()
    assert data.dialog is not None and data.dialog.geocode_button.isEnabled()
    with qtbot.waitSignal(service.finished, timeout=15000):
        data.dialog.geocode_button.click()
    placed = {s.id: s for s in catalog.shelters}
    assert all(placed[i].has_position and placed[i].approximate for i in unplaced), [placed[i] for i in unplaced]
    assert asked and all(q.endswith("Київ") for q in asked), asked
    assert f"{no_address} without a position" in window.data_label.text()  # only rows with nothing to look up
    assert load_settings(default_paths().settings_file).settings.geocode_shelters is True  # consent remembered
    geocoder.close()
    cache.close()
