"""Placing rows that have only an address: the queries we send, a run that resumes from its cache, the
failures the user sees, and cached positions laid over the rows (marked approximate)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import shared_file

from shelterapp.shelters.geocode_cache import GeocodeCache
from shelterapp.shelters.geocode_job import NOT_FOUND, GeocodeFailure, GeocodeJob, apply_cached_positions, geocode_query
from shelterapp.shelters.importer import read_shelters
from shelterapp.shelters.model import GeocodeHit, Kind, Shelter
from shelterapp.sources.errors import FailureKind, SourceError


def row(address: str, district: str = "Печерський", sid: str = "", kind: Kind = Kind.SIMPLEST_SHELTER) -> Shelter:
    return Shelter(id=sid or address, name_uk="Підвал", name_en="", kind=kind, address=address, district=district)


@pytest.mark.parametrize(
    ("address", "district", "query"),
    [
        # the common shape: street type spelled out as OpenStreetMap names streets, district and city added
        ("вул. Хрещатик, 36", "Шевченківський", "вулиця Хрещатик, 36, Шевченківський район, Київ"),
        # a city prefix some exports keep, with and without the space
        ("м. Київ, просп. Перемоги, 10", "Шевченківський", "проспект Перемоги, 10, Шевченківський район, Київ"),
        ("м.Київ, бульв. Лесі Українки, 5", "Печерський", "бульвар Лесі Українки, 5, Печерський район, Київ"),
        # house letters joined to the number as OSM writes them ("18А"), whatever the spacing
        ("пров. Тихий, 18-а", "Печерський", "провулок Тихий, 18А, Печерський район, Київ"),
        ("вул. Тиха, 32 Є", "Печерський", "вулиця Тиха, 32Є, Печерський район, Київ"),
        # corpus, entrance and room notes are not part of the address Nominatim knows
        ("вул. Тиха, 9 к.12", "Печерський", "вулиця Тиха, 9, Печерський район, Київ"),
        ("вул. Тиха, 4, корп. 2", "Печерський", "вулиця Тиха, 4, Печерський район, Київ"),
        ("вул. Тиха, 7/9 (корпус 3), укриття 2", "Печерський", "вулиця Тиха, 7/9, Печерський район, Київ"),
        ("вул. Тиха, 2 (кол. Стара)", "Печерський", "вулиця Тиха, 2, Печерський район, Київ"),
        # a doubled street type and a missing comma, both in the official list
        ("просп. Тихий просп., 37, корпус 1", "Печерський", "проспект Тихий, 37, Печерський район, Київ"),
        ("вул. Тиха 23-А", "Печерський", "вулиця Тиха, 23А, Печерський район, Київ"),
        # "<Null>" as the district: the query goes without one rather than with the word
        ("вул. Тиха, 3", "<Null>", "вулиця Тиха, 3, Київ"),
        # a street word that is not an abbreviation stays as written
        ("Харківське шосе, 15", "Дарницький", "Харківське шосе, 15, Дарницький район, Київ"),
    ],
)
def test_query_from_real_looking_addresses(address, district, query):
    assert geocode_query(row(address, district)) == query


@pytest.mark.parametrize(
    "address",
    [
        "<Null>",  # the list's empty value
        "",  # no address at all
        "Вхід до станції метро",  # metro placeholder: names no place
        "Станція метро «Нивки»",  # a station, placed from the bundled metro list, not by house number
        "перехр. вул. Тиха - просп. Тихий",  # a crossing has no building to find
        "підземний перехід Набережне шосе",  # an underpass, likewise
        "вул. Тиха",  # a street's middle can be kilometres from the shelter
        "Пуща-Водиця, 14-лінія",  # "14-лінія" is a street name, not house 14
    ],
)
def test_rows_naming_no_building_have_no_query(address):
    assert geocode_query(row(address)) is None


def test_queries_for_the_official_list():
    result = read_shelters(shared_file("kyiv_shelters_official.csv"))
    queries = [geocode_query(s) for s in result.shelters]
    asked = [q for q in queries if q is not None]
    # Measured on the stored list: 3,914 of 4,221 rows (93 %) name a building, 3,051 distinct queries.
    assert len(asked) >= 0.9 * len(queries)
    assert all(q.endswith(", Київ") and "<Null>" not in q and "(" not in q and "м. Київ" not in q for q in asked)
    assert not [q for s, q in zip(result.shelters, queries, strict=True) if q and s.kind is Kind.METRO and "метро" in q]


class Scripted:
    """geocode(query): answers from a dict (missing = not found), or raises a queued error first; counts calls."""

    def __init__(self, answers: dict[str, GeocodeHit], errors: list[SourceError] | None = None) -> None:
        self.answers = answers
        self.errors = list(errors or [])
        self.asked: Counter[str] = Counter()

    def __call__(self, query: str) -> GeocodeHit | None:
        self.asked[query] += 1
        if self.errors:
            raise self.errors.pop(0)
        return self.answers.get(query)


A = row("вул. Тиха, 1", sid="a")
A2 = row("вул. Тиха, 1 к.2", sid="a2")  # another section of the same building: same query
B = row("вул. Тиха, 2", sid="b")
C = row("вул. Тиха, 3", sid="c")
PLACED = Shelter(id="m", name_uk="Нивки", name_en="Nyvky", kind=Kind.METRO, lat=50.458, lon=30.404)
PLACEHOLDER = row("Вхід до станції метро", sid="p", kind=Kind.METRO)
HITS = {
    geocode_query(A): GeocodeHit("1, вулиця Тиха, Київ", 50.45, 30.52),
    geocode_query(C): GeocodeHit("3, вулиця Тиха, Київ", 50.46, 30.53),
}


@pytest.fixture
def cache(tmp_path: Path):
    c = GeocodeCache.open(tmp_path / "geocode.sqlite")
    yield c
    c.close()


def run_all(job: GeocodeJob) -> list[Shelter]:
    placed = []
    while not job.finished:
        placed += job.step()
    return placed


def test_a_run_places_rows_and_lists_the_rest(cache):
    geocode = Scripted(HITS)
    job = GeocodeJob([A, A2, B, C, PLACED, PLACEHOLDER], cache, geocode)
    assert job.progress == (0, 4) and job.skipped == 1  # the placed station is not work; the placeholder cannot be
    placed = run_all(job)
    assert {(s.id, s.lat, s.lon, s.approximate) for s in placed} == {
        ("a", 50.45, 30.52, True),
        ("a2", 50.45, 30.52, True),
        ("c", 50.46, 30.53, True),
    }
    assert sum(geocode.asked.values()) == 3  # one request for the two sections of one building
    assert job.progress == (4, 4)
    assert job.failures() == [GeocodeFailure("b", "вул. Тиха, 2", NOT_FOUND)]


def test_an_interrupted_run_resumes_from_the_cache_without_asking_again(cache, tmp_path):
    first = Scripted(HITS)
    job = GeocodeJob([A, B, C], cache, first)
    job.step()
    job.step()  # A found, B not found; then the app is closed
    cache.close()

    reopened = GeocodeCache.open(tmp_path / "geocode.sqlite")
    second = Scripted(HITS)
    job = GeocodeJob([A, B, C], reopened, second)
    assert job.progress == (2, 3)  # what was answered counts as done at once
    assert job.failures() == [GeocodeFailure("b", "вул. Тиха, 2", NOT_FOUND)]  # earlier failures still listed
    run_all(job)
    assert list(second.asked) == [geocode_query(C)]
    reopened.close()


def test_offline_is_not_remembered_as_not_found(cache):
    geocode = Scripted(HITS, errors=[SourceError(FailureKind.OFFLINE, "no network")])
    job = GeocodeJob([A], cache, geocode)
    with pytest.raises(SourceError):
        job.step()
    assert cache.get(geocode_query(A)) is None  # nothing cached: the address is not unknown, we were offline
    assert job.progress == (0, 1) and job.failures() == []
    assert [s.id for s in job.step()] == ["a"]  # the retry asks again for the same row


@pytest.mark.parametrize(
    "kind",
    [
        FailureKind.TIMEOUT,  # a slow answer says nothing about the address
        FailureKind.RATE_LIMITED,  # 429: we were too fast
        FailureKind.SERVER_ERROR,  # 5xx: the service's trouble
    ],
)
def test_transient_failures_leave_no_trace_in_the_cache(cache, kind):
    job = GeocodeJob([B], cache, Scripted({}, errors=[SourceError(kind, "x")]))
    with pytest.raises(SourceError):
        job.step()
    assert cache.counts() == {"found": 0, "not_found": 0}


def test_not_found_is_cached_and_not_asked_again(cache):
    run_all(GeocodeJob([B], cache, Scripted({})))
    assert cache.get(geocode_query(B)).status == NOT_FOUND
    again = Scripted({})
    assert GeocodeJob([B], cache, again).finished and not again.asked


def test_a_hit_outside_kyiv_is_not_a_position(cache):
    far = {geocode_query(A): GeocodeHit("Тиха, 1, Львів", 49.84, 24.03)}
    job = GeocodeJob([A], cache, Scripted(far))
    assert job.step() == []
    assert job.failures() == [GeocodeFailure("a", "вул. Тиха, 1", NOT_FOUND)]


def test_skip_lists_an_unusable_answer_without_caching_it(cache):
    job = GeocodeJob([A, C], cache, Scripted(HITS))
    job.skip("bad_data")
    assert job.failures() == [GeocodeFailure("a", "вул. Тиха, 1", "bad_data")]
    assert cache.get(geocode_query(A)) is None  # a later run tries again
    assert [s.id for s in run_all(job)] == ["c"]


def test_cached_positions_are_applied_and_marked_approximate(cache):
    run_all(GeocodeJob([A, B, C], cache, Scripted(HITS)))
    rows = apply_cached_positions([PLACED, A, A2, B, PLACEHOLDER], cache)
    assert [s.id for s in rows] == ["m", "a", "a2", "b", "p"]  # order kept
    assert rows[0] == PLACED and not rows[0].approximate  # a source position is never replaced
    assert (rows[1].lat, rows[1].lon, rows[1].approximate) == (50.45, 30.52, True)
    assert (rows[2].lat, rows[2].approximate) == (50.45, True)  # same building, same answer
    assert not rows[3].has_position and not rows[4].has_position  # stay in the offline list by address


def test_a_cached_position_outside_kyiv_is_not_applied(cache):
    cache.put(geocode_query(A), (49.84, 24.03), "Львів")  # e.g. written by an older version or by hand
    assert not apply_cached_positions([A], cache)[0].has_position


def test_cache_keys_ignore_case_and_apostrophes(cache):
    cache.put("вулиця Сім'ї Хохлових, 8, Київ", (50.46, 30.45), "8, вулиця Сім’ї Хохлових")
    assert cache.get("ВУЛИЦЯ СІМ’Ї ХОХЛОВИХ, 8,  Київ").lat == 50.46
    assert cache.forget_not_found() == 0 and cache.counts()["found"] == 1
