"""Names with markup from every way outside text comes in (an imported list, saved settings, a feed, a file
name) reach every widget of the running app as text: nothing is rendered as Qt rich text, everything reads
literally. Issue 12, item 1: such a name aborted the app at each start (`<img src="/dev/zero">`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from alert_fakes import Feed, RecordingNotifier
from helpers import write_config
from hostile_text import (
    ADDRESS,
    ADVISORY,
    FILE_NAME,
    LOCATION,
    NAME,
    PLACE,
    STATION,
    Surface,
    action_surface,
    as_tooltip,
    label_surface,
    problems,
    surfaces,
)
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

import shelterapp.notify.factory as notify_factory
from shelterapp.alerting.tracker import Episode
from shelterapp.app import build
from shelterapp.launcher import parse_args
from shelterapp.notify.base import Notification, Urgency
from shelterapp.notify.fallbacks import TrayNotifier
from shelterapp.paths import default_paths
from shelterapp.settings import Location, Settings, save_settings
from shelterapp.shelters.catalog import Catalog
from shelterapp.sources.base import Advisory
from shelterapp.ui.data_controller import DataController
from shelterapp.ui.location import LocationDialog
from shelterapp.ui.places_controller import PlacesController
from shelterapp.ui.places_dialog import PlacesDialog
from shelterapp.ui.plain_text import plain_message_box
from shelterapp.ui.sources_controller import SourcesController
from shelterapp.ui.tray import Tray

HERE = (50.4501, 30.5234)


def hostile_osm() -> dict[str, object]:
    """Overpass JSON: the nearest shelter, a metro station (offered in the location dialog) and a third row."""
    return {
        "elements": [
            {
                "type": "node",
                "id": 1,
                "lat": HERE[0] + 0.0001,
                "lon": HERE[1] + 0.0001,
                "tags": {
                    "amenity": "shelter",
                    "shelter_type": "basement",
                    "name": NAME,
                    "addr:full": ADDRESS,
                    "opening_hours": NAME,
                    "phone": NAME,
                },
            },
            {
                "type": "node",
                "id": 2,
                "lat": HERE[0] + 0.0004,
                "lon": HERE[1] + 0.0006,
                "tags": {"railway": "station", "station": "subway", "name": STATION, "line": "M1"},
            },
            {
                "type": "node",
                "id": 3,
                "lat": HERE[0] + 0.001,
                "lon": HERE[1] + 0.001,
                "tags": {"amenity": "shelter", "shelter_type": "basement", "name": ADDRESS, "addr:full": ADDRESS},
            },
        ]
    }


@pytest.fixture
def hostile_app(qtbot, app_home, httpserver, monkeypatch, tmp_path):
    """The real app (build()), an alert on from a local feed, with hostile names in the store and settings."""
    feed = Feed()
    feed.set(True)
    write_config(
        app_home,
        {"siren_pp_ua": {"url": feed.install(httpserver), "interval_s": 10.0}},
        extra='[map]\ntile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png"\n[geocoder]\nurl = "http://127.0.0.1:9"\n',
    )
    paths = default_paths()
    paths.ensure()
    listing = tmp_path / FILE_NAME
    listing.write_text(json.dumps(hostile_osm()), encoding="utf-8")
    catalog = Catalog.open(paths.database)
    catalog.apply_import(catalog.parse_file(listing), listing.name)
    catalog.close()
    place = Location(HERE[0] + 0.002, HERE[1] + 0.002, PLACE)
    save_settings(paths.settings_file, Settings(location=Location(*HERE, LOCATION), places=(place,)))

    monkeypatch.setattr(Tray, "available", staticmethod(lambda: True))  # offscreen has no tray host
    notifier = RecordingNotifier()
    monkeypatch.setattr(notify_factory, "make_notifier", lambda *_args, **_kwargs: notifier)  # app.py asks it
    controller = build(QApplication.instance(), parse_args(["--lang", "en"]))
    qtbot.addWidget(controller.window)
    qtbot.waitUntil(controller.window.timer_bar.isVisible, timeout=15000)  # the alert is on
    yield controller, notifier, listing
    service = controller.findChild(SourcesController).alerts
    service.stop()  # build() parents the service to the app, which outlives the test
    service.deleteLater()
    controller.tray.hide()
    controller.catalog.close()


# A tray icon and a popup menu on the offscreen platform, which has neither a tray nor a keyboard to grab.
@pytest.mark.qt_log_ignore(".*systemTrayWindowChanged.*", "This plugin does not support grabbing the keyboard")
def test_hostile_names_show_literally_everywhere(hostile_app, qtbot):
    controller, notifier, listing = hostile_app
    window, tray = controller.window, controller.tray

    now = datetime.now(UTC)
    window.advisories.set_advisories(
        [Advisory("us_embassy", "1", ADVISORY, ADVISORY, "https://example.org/a", now, level=ADVISORY)]
    )
    window.history.set_episodes([Episode(now - timedelta(hours=1), ("31",), sources=(STATION,), ended=now)])
    controller.import_file(str(listing))  # the file name shows in notices and the data dialog
    qtbot.waitUntil(lambda: "Imported" in window.notice.text(), timeout=15000)
    window.show_notice(f"Something failed: {FILE_NAME}", problem=True)
    data, places_controller = controller.findChild(DataController), controller.findChild(PlacesController)
    data.show_dialog()
    places_controller.search("Bold", False)  # results pop up under the search field
    places = PlacesDialog(controller.settings.places, places_controller._nearest_of, "en", window)
    location = LocationDialog(window.shelters_view.stations, "en", controller.settings.location, window)
    places.show()
    location.show()

    found = surfaces()
    found += [action_surface(action, "tray menu") for action in tray.menu.actions()]
    found.append(label_surface_of_tray(tray))
    bad = problems(found)
    assert not bad, "\n".join(bad)

    # The walk did meet the hostile text everywhere it is shown (else it proved nothing).
    seen = {id(s.owner) for s in found if s.outside}
    details = window.details
    for widget in (
        details.title,
        details._values["address"],
        details._values["hours"],
        window.location_label,
        window.timer_bar.label,
        window.notice,
        window.advisories.title,
        window.advisories.table,
        window.history.table,
        window.location_bar.places,
        data.dialog.table,
        places.list,
        location.station_box,
        window.banner,
    ):
        assert id(widget) in seen, widget
    assert any(s.outside and s.where == "tray menu" for s in found)
    assert any(s.outside and s.owner in window.location_bar.results_menu.actions() for s in found)
    assert details.title.text() == NAME and details._values["address"].text() == ADDRESS
    assert LOCATION in window.location_label.text()
    assert NAME in window.timer_bar.label.text()
    assert any(NAME in n.body for n in notifier.shown)  # the alert's notification names the nearest shelter
    places.close()
    location.close()


def label_surface_of_tray(tray) -> Surface:
    """The tray icon's tooltip, shown as a QToolTip where the tray is an XEmbed one."""
    tip = tray.icon.toolTip()
    return Surface(tray.icon, "tray tooltip", tip, as_tooltip(tip))


def test_tray_tooltip_and_menu_keep_a_hostile_place_literal(qtbot, catalog, settings):
    tray = Tray("en")
    tray.set_timer(f"◷ 0:10 since the alert began · nearest shelter {NAME}", True)
    tray.set_nearest([], PLACE)
    tray.set_state("alert", f"<b>{NAME}</b>")  # the detail line carries outside text first
    found = [action_surface(a, "tray menu") for a in tray.menu.actions()] + [label_surface_of_tray(tray)]
    bad = problems(found)
    assert not bad, "\n".join(bad)
    assert sum(s.outside for s in found) >= 3


def test_start_failure_box_shows_the_error_as_it_is(qtbot):
    """The box app.py shows when the app cannot start: the error names a path, which is outside text."""
    box = plain_message_box(QMessageBox.Icon.Critical, "shelterapp", f"cannot open /home/x/{FILE_NAME}")
    qtbot.addWidget(box)
    found = [label_surface(label) for label in box.findChildren(QLabel)]
    assert problems(found) == [] and any(s.outside for s in found)


class BalloonTray:
    """QSystemTrayIcon's side of the balloon: Qt's own balloon (XEmbed trays) shows title and message as
    plain text (QBalloonTip sets Qt::PlainText on both), so the texts must reach it unescaped."""

    class MessageIcon:
        Critical, Information = "critical", "information"

    def __init__(self) -> None:
        from PySide6.QtCore import QObject, Signal

        class Clicks(QObject):
            clicked = Signal()

        self._clicks = Clicks()
        self.messageClicked = self._clicks.clicked
        self.shown: list[tuple[str, str]] = []

    def isVisible(self) -> bool:
        return True

    def showMessage(self, title: str, msg: str, icon: object, msecs: int = 10_000, /) -> None:
        self.shown.append((title, msg))


def test_tray_balloon_fallback_passes_names_as_they_are(qtbot):
    balloon = BalloonTray()
    notifier = TrayNotifier(balloon)
    notifier.notify(Notification(key="k", title=ADVISORY, body=f"Nearest shelter: {NAME}", urgency=Urgency.CRITICAL))
    assert balloon.shown == [(ADVISORY, f"Nearest shelter: {NAME}")]
