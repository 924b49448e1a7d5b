"""Saved places and address search, between the location bar and the core.

Search is offline by default (our own shelter names and addresses); with the person's opt-in it asks
the geocoder, which receives only the typed text. A failed online search falls back to the offline
results and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from shelterapp.background import run_in_background
from shelterapp.places import find_place, save_place
from shelterapp.shelters.search import search_shelters
from shelterapp.shelters.spatial import Hit
from shelterapp.sources.errors import SourceError
from shelterapp.ui.location_bar import Found
from shelterapp.ui.places_dialog import PlacesDialog, ask_place_name

if TYPE_CHECKING:
    from shelterapp.shelters.model import GeocodeHit
    from shelterapp.ui.controller import AppController

log = logging.getLogger(__name__)

OnlineSearch = Callable[[str], "list[GeocodeHit]"]


class PlacesController(QObject):
    def __init__(self, app: AppController, online_search: OnlineSearch | None, language: str) -> None:
        super().__init__(app)
        self.app = app
        self.online_search = online_search
        self.language = language
        bar = app.window.location_bar
        bar.place_chosen.connect(self.go_to_place)
        bar.save_place_requested.connect(self.save_current)
        bar.manage_places_requested.connect(self.manage)
        bar.search_requested.connect(self.search)
        bar.online_search_toggled.connect(lambda on: app.update_settings(online_search=on))
        bar.online.setEnabled(online_search is not None)
        app.window.places_requested.connect(self.manage)
        app.location_changed.connect(self.show_places)
        self.show_places()

    def show_places(self) -> None:
        places = self.app.settings.places
        location = self.app.settings.location
        current = ""
        if location is not None:
            place = find_place(places, location.label)
            if place is not None and (place.lat, place.lon) == (location.lat, location.lon):
                current = place.label
        self.app.window.set_places(places, current)

    def go_to_place(self, name: str) -> None:
        place = find_place(self.app.settings.places, name)
        if place is not None:
            self.app.set_location(place)

    def save_current(self) -> None:
        origin = self.app.window.origin
        name = ask_place_name(self.app.window, self.app.settings.location.label if self.app.settings.location else "")
        if name is None:
            return
        places = save_place(self.app.settings.places, name, origin.lat, origin.lon)
        self.app.update_settings(places=places)
        saved = find_place(places, name)
        if saved is not None:
            self.app.set_location(saved)  # the place is now where I am: the menu shows it as current

    def manage(self) -> None:
        dialog = PlacesDialog(self.app.settings.places, self._nearest_of, self.language, self.app.window)
        dialog.exec()
        if dialog.places() != self.app.settings.places:
            self.app.update_settings(places=dialog.places())
        if dialog.chosen is not None:
            self.go_to_place(dialog.chosen)
        else:
            self.show_places()

    def _nearest_of(self, lat: float, lon: float) -> Hit | None:
        hits = self.app.catalog.nearest(lat, lon, 1)
        return hits[0] if hits else None

    # search --------------------------------------------------------------------------------
    def offline_results(self, text: str) -> list[Found]:
        found = []
        for shelter in search_shelters(self.app.catalog.shelters, text, limit=10):
            if shelter.lat is not None and shelter.lon is not None:
                name = shelter.display_name(self.language)
                name = f"{name} ({shelter.line})" if shelter.line else name  # as the list writes stations
                found.append(Found(name, shelter.address or name, shelter.lat, shelter.lon))
        return found

    def search(self, text: str, online: bool) -> None:
        bar = self.app.window.location_bar
        offline = self.offline_results(text)
        if not online or self.online_search is None:
            bar.show_results(offline)
            return
        bar.searching()
        lookup = self.online_search
        run_in_background(
            lambda: lookup(text),
            lambda hits: bar.show_results([Found(h.label, "OpenStreetMap", h.lat, h.lon) for h in hits] + offline),
            lambda error: self._online_failed(error, offline),
        )

    def _online_failed(self, error: BaseException, offline: list[Found]) -> None:
        # Our own failures name only the server; anything else could quote the typed address: its type only.
        log.warning("address search failed: %s", error if isinstance(error, SourceError) else type(error).__name__)
        note = self.tr("Address search is not available now (%1); shelters that match:").replace("%1", str(error))
        self.app.window.location_bar.show_results(offline, note)
