import pytest

from shelterapp.places import find_place, remove_place, rename_place, save_place
from shelterapp.settings import Location

HOME = Location(50.45, 30.52, "Home")
WORK = Location(50.43, 30.54, "Work")


def test_saving_a_new_name_appends():
    assert save_place((HOME,), "School", 50.40, 30.60) == (HOME, Location(50.40, 30.60, "School"))


def test_saving_an_existing_name_moves_it_in_place():
    # "home" typed in lower case is still Home: one entry, new position, same place in the list.
    places = save_place((HOME, WORK), "  home ", 50.5, 30.5)
    assert [p.label for p in places] == ["Home", "Work"]
    assert (places[0].lat, places[0].lon) == (50.5, 30.5)


@pytest.mark.parametrize(
    ("name", "lat"),
    [
        ("   ", 50.4),  # a place needs a name the person can recognise in the menu
        ("Dacha", 123.0),  # an impossible latitude must never be stored
    ],
)
def test_invalid_places_are_refused(name, lat):
    with pytest.raises(ValueError):
        save_place((), name, lat, 30.5)


def test_remove_and_find_ignore_case():
    assert remove_place((HOME, WORK), "WORK") == (HOME,)
    assert find_place((HOME, WORK), "work") == WORK


def test_rename_keeps_order_and_replaces_a_clash():
    assert rename_place((HOME, WORK), "Home", "Дім") == (Location(50.45, 30.52, "Дім"), WORK)
    assert rename_place((HOME, WORK), "Home", "work") == (Location(50.45, 30.52, "work"),)
    assert rename_place((HOME,), "Nowhere", "X") == (HOME,)
