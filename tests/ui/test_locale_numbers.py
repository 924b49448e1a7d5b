"""Issue #12: distances and counts are written as the interface language writes them: "1,5 км" and "3 700
укриттів" in Ukrainian, "1.5 km" and "3,700" in English, "1,5 km" and "3 700" (a narrow space) in French, in the
list, the details, the tray, the notifications, the status line, the import notice and the data dialog."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from alert_fakes import RecordingNotifier
from ui_helpers import make_window

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import Episode
from shelterapp.i18n import install_translators
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.shelters.spatial import Hit
from shelterapp.sources.http import HttpClient
from shelterapp.ui import labels
from shelterapp.ui.alert_presenter import AlertPresenter
from shelterapp.ui.data_dialog import DataDialog
from shelterapp.ui.map import sprites
from shelterapp.ui.tray import Tray

NBSP, NNBSP = "\u00a0", "\u202f"
WRITTEN = {  # 1.5 km, 850 m, 3700 shelters, 3700 as a bare count
    "uk": ("1,5 км", "850 м", f"3{NBSP}700 укриттів", f"3{NBSP}700"),
    "en": ("1.5 km", "850 m", "3,700 shelters", "3,700"),
    "fr": ("1,5 km", "850 m", f"3{NNBSP}700 abris", f"3{NNBSP}700"),
}
LANGUAGES = list(WRITTEN)


@pytest.fixture
def language(request, qapp):
    """The app's language for this test (translators and number format), undone afterwards."""
    translators = install_translators(qapp, request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)


def metro(capacity: int | None = None) -> Shelter:
    return Shelter("m1", "Майдан Незалежності", "Maidan Nezalezhnosti", Kind.METRO, lat=50.45, lon=30.52,
                   capacity=capacity)  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_labels_follow_the_language(language):
    km, metres, _shelters, count = WRITTEN[language]
    assert labels.distance_label(1500) == km
    assert labels.distance_label(849) == metres
    assert labels.distance_label(996) == km.replace("5", "0")  # 1.0 km, never "1000 m" or "1 000 m"
    assert labels.count_label(3700) == count
    assert sprites.count_label(3700) == count  # a cluster of 3700 on the map


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_details_tray_and_notification_follow_the_language(language, qtbot, catalog, settings, tmp_path):
    km, _metres, _shelters, count = WRITTEN[language]
    window, _controller = make_window(qtbot, catalog, settings)
    window.details.show_shelter(metro(capacity=3700), 1500, 20)
    assert window.details._values["distance"].text() == km
    assert window.details._values["capacity"].text() == count

    tray = Tray(language)
    tray.set_nearest([Hit(metro(), 1500)])
    assert any(km in action.text() for action in tray.menu.actions())

    history = HistoryStore.open(tmp_path / "history.sqlite")
    service = AlertService([], HttpClient(), history, ("31",))
    notifier = RecordingNotifier()
    presenter = AlertPresenter(service, window, None, notifier, lambda: Hit(metro(), 1500), language, lambda: None)
    presenter.alert_started(Episode(datetime(2026, 9, 22, 19, 0, tzinfo=UTC), ("31",), uid="e1"))
    (shown,) = notifier.shown
    assert f", {km}, " in shown.body  # "Nearest shelter: Майдан Незалежності, 1,5 км, ≈ 20 хв ..."
    history.close()


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_status_line_and_import_notice_follow_the_language(language, qtbot, catalog, settings, tmp_path):
    _km, _metres, shelters, _count = WRITTEN[language]
    window, controller = make_window(qtbot, catalog, settings)
    points = [
        {
            "type": "Feature",
            "properties": {"name": f"Укриття {i}", "kind": "simplest_shelter"},
            "geometry": {"type": "Point", "coordinates": [30.35 + (i % 61) * 0.006, 50.38 + (i // 61) * 0.003]},
        }
        for i in range(3700 - 52)
    ]  # fmt: skip  (with the 52 metro stations we ship: 3,700)
    data = tmp_path / "many.geojson"
    data.write_text(json.dumps({"type": "FeatureCollection", "features": points}), encoding="utf-8")
    window.import_requested.emit(str(data))
    qtbot.waitUntil(lambda: not controller.importing, timeout=60_000)
    assert labels.count_label(3648) in window.notice.text() and "3648" not in window.notice.text()
    assert window.data_label.text().startswith(shelters)  # "3 700 укриттів · дані ..."


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_data_dialog_counts_follow_the_language(language, qtbot):
    _km, _metres, _shelters, count = WRITTEN[language]
    dialog = DataDialog()
    qtbot.addWidget(dialog)
    dialog.set_geocode_state(1200, 3700, running=True, paused=False, pending=3700, service="nominatim.example")
    assert dialog.progress.format().endswith(count)
    assert dialog.geocode_text.text().startswith(count + " ")
