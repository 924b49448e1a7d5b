"""Saved places (home, work, school, any name): pure edits of the tuple kept in Settings.

A place is a Location whose label is the name the person gave it. Names are unique ignoring case,
so saving "home" again moves Home rather than adding a second one.
"""

from __future__ import annotations

from shelterapp.settings import Location

MAX_NAME = 60  # characters; a name is a word or two, not a paragraph


def clean_name(name: str) -> str:
    return " ".join(name.split())[:MAX_NAME]


def find_place(places: tuple[Location, ...], name: str) -> Location | None:
    key = clean_name(name).casefold()
    return next((place for place in places if place.label.casefold() == key), None)


def save_place(places: tuple[Location, ...], name: str, lat: float, lon: float) -> tuple[Location, ...]:
    """Places with `name` at (lat, lon): an existing place of that name moves, keeping its position in the list."""
    label = clean_name(name)
    if not label:
        raise ValueError("a place needs a name")
    place = Location(lat, lon, label)
    if not place.is_valid():
        raise ValueError("a place needs valid coordinates")
    existing = find_place(places, label)
    if existing is None:
        return (*places, place)
    moved = Location(lat, lon, existing.label)
    return tuple(moved if p is existing else p for p in places)


def remove_place(places: tuple[Location, ...], name: str) -> tuple[Location, ...]:
    key = clean_name(name).casefold()
    return tuple(p for p in places if p.label.casefold() != key)


def rename_place(places: tuple[Location, ...], old: str, new: str) -> tuple[Location, ...]:
    """Rename keeps the order; renaming onto another place's name replaces that other place."""
    place = find_place(places, old)
    label = clean_name(new)
    if place is None or not label:
        return places
    renamed = Location(place.lat, place.lon, label)
    result: list[Location] = []
    for p in places:
        if p is place:
            result.append(renamed)
        elif p.label.casefold() != label.casefold():
            result.append(p)
    return tuple(result)
