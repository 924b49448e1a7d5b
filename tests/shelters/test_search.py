"""Offline search over our own shelters: what a user typing part of a name or street finds, and in what order."""

from __future__ import annotations

import pytest

from shelterapp.shelters.bundled import load_bundled
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.shelters.search import SearchIndex, search_shelters


def basement(sid: str, address: str, district: str = "Печерський") -> Shelter:
    return Shelter(id=sid, name_uk="Підвал, Житловий будинок", name_en="", kind=Kind.SIMPLEST_SHELTER,
                   address=address, district=district)  # fmt: skip


STATIONS = load_bundled().shelters
ROWS = [
    basement("k22", "вул. Хрещатик, 22"),
    basement("nkh", "вул. Набережно-Хрещатицька, 21", "Подільський"),
    basement("sol", "вул. Солом'янська, 7", "Солом'янський"),
    basement("tykha", "вул. Тиха, 1"),
    basement("a-tykhar", "вул. Тихарська, 1"),  # its id sorts first: only the ranking puts it second
    basement("dist", "просп. Тихий, 9", "Солом'янський"),
    *STATIONS,
]


def ids(found: list[Shelter]) -> list[str]:
    return [s.id for s in found]


def station_id(name_uk: str) -> str:
    return next(s.id for s in STATIONS if s.name_uk == name_uk)


def test_word_start_finds_the_station_before_the_streets():
    found = ids(search_shelters(ROWS, "хрещ"))
    assert found[0] == station_id("Хрещатик")  # a name beats an address
    assert set(found[1:]) == {"k22", "nkh"}


def test_latin_typing_finds_the_english_name():
    assert ids(search_shelters(ROWS, "khresh")) == [station_id("Хрещатик")]


@pytest.mark.parametrize(
    "typed",
    [
        "соломянська",  # apostrophe left out, as most people type it
        "СОЛОМ’ЯНСЬКА",  # caps and the typographic apostrophe
        "Солом`янська 7",  # a backtick for the apostrophe, and the house number
    ],
)
def test_case_and_apostrophes_do_not_matter(typed):
    assert "sol" in ids(search_shelters(ROWS, typed))


@pytest.mark.parametrize(
    "typed",
    [
        "Хреща́тик",  # a stress mark, as pasted from a dictionary or Wikipedia
        "Khreshchátyk",  # a Latin accent
    ],
)
def test_accents_do_not_matter(typed):
    assert station_id("Хрещатик") in ids(search_shelters(ROWS, typed))


def test_every_word_must_match():
    assert ids(search_shelters(ROWS, "хрещатик 22")) == ["k22"]  # not the station, which has no "22"


def test_middle_of_a_word_is_not_a_match():
    # "щатик" inside Хрещатик: matching inside words would flood the list with noise.
    assert search_shelters(ROWS, "щатик") == []


def test_whole_word_before_a_longer_word_with_that_start():
    assert ids(search_shelters(ROWS, "тиха")) == ["tykha", "a-tykhar"]


def test_district_matches_rank_after_name_and_address():
    # A street of that name is what the user most likely means; a whole district of rows comes after it.
    assert ids(search_shelters(ROWS, "солом")) == ["sol", "dist"]


@pytest.mark.parametrize("typed", ["", "   ", "«»", "'"])
def test_nothing_typed_finds_nothing(typed):
    assert search_shelters(ROWS, typed) == []


def test_limit_and_reusable_index():
    index = SearchIndex(ROWS)
    assert len(index.search("вул", limit=3)) == 3
    assert index.search("хрещ") == search_shelters(ROWS, "хрещ")
