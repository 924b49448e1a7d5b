"""One shelter listed by several sources becomes one row: nearest-N must not show a basement twice.

The city's layer, OpenStreetMap and a hand-imported map describe many of the same basements and metro entrances.
Two records are the same shelter when they come from DIFFERENT sources, lie within MERGE_RADIUS_M of each other,
are of compatible kinds, and either their addresses are alike (street words as a set, house numbers equal) or
both are metro and name the same station. Records of one source are never merged: several shelters in one
building (sections, a basement and a parking) are real. Records without a position are never merged.

Pairs are joined nearest first and a group never takes two records of one source, so three sources give at
most one group per shelter. The kept record is the richest (a position from its source beats a geocoded one,
then more filled fields, then the source rank below, then the smaller id); its empty fields are filled from the
others (never the position: a record keeps its own).

Cost: records sorted by latitude are compared only with those less than MERGE_RADIUS_M further north (a
sweep over a one-dimensional bucket; a few neighbours each in a city), address keys are cached. Measured: 9 ms
for the 8,185 rows of the real reference files (KMZ, official CSV, OSM entrances); 64 ms when each of 3,694
rows has a duplicate (tests/shelters/test_merge.py checks the second case).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from operator import attrgetter

from shelterapp.shelters.bundled import normalise_station_name
from shelterapp.shelters.formats import vocab
from shelterapp.shelters.model import Kind, Shelter

MERGE_RADIUS_M = 15.0
WORDS_ALIKE = 0.5  # Jaccard share of street words two alike addresses have in common, at least
# Which source's record wins a tie in richness: the city's current list, then OpenStreetMap, then the 2022 map.
SOURCE_RANK = {"kyiv-opendata": 3, "osm": 2, "kml": 1}
FILLABLE = (
    "name_uk", "name_en", "address", "district", "capacity", "accessible", "open_24_7",
    "line", "phone", "place", "hours",
)  # fmt: skip

_M_PER_DEG_LAT = 111_320.0
# Street-type and filler words: "вул. Юрія Іллєнка" and "вулиця Іллєнка Юрія" name the same street.
_STOP_WORDS = frozenset((
    "вул", "вулиця", "вулиці", "просп", "проспект", "пр", "бул", "бульв", "бульвар", "пров", "провулок",
    "пл", "площа", "узвіз", "узв", "наб", "набережна", "шосе", "дорога", "тупик", "алея", "проїзд", "місто",
    "київ", "києва", "буд", "будинок", "корп", "корпус", "літ", "літера", "ст", "станція", "станції", "метро",
    "район",
))  # fmt: skip
_LOOKALIKE = str.maketrans("abcehikmoptxy", "авсенікмортху")  # Latin letters typed for Cyrillic ones
_CYRILLIC = re.compile("[а-яіїєґ]")
_LATIN = re.compile("[a-z]")
_APOSTROPHES = re.compile("['’ʼ`‘´]")
_HOUSE_LETTER = re.compile(r"(\d)\s*[-‐–]?\s*([а-яіїєґa-z])(?![а-яіїєґa-z.])")  # "10-Б" but not "10 к.2"
_TOKEN = re.compile(r"\d+[а-яіїєґ]?(?:/\d+[а-яіїєґ]?)?|[а-яіїєґa-z]+")  # "Саперно-Слобідська": two words


@lru_cache(maxsize=65_536)
def address_key(address: str) -> tuple[frozenset[str], frozenset[str]]:
    """(street words, house numbers) of an address, normalised: case, apostrophes, street types, "10-Б"/"10Б"."""
    text = _APOSTROPHES.sub("", address.casefold())
    if _LATIN.search(text):
        text = " ".join(word.translate(_LOOKALIKE) if _lookalike_prone(word) else word for word in text.split())
    text = _HOUSE_LETTER.sub(r"\1\2", text)
    words, numbers = set(), set()
    for token in _TOKEN.findall(text):
        if token[:1].isdigit():
            numbers.add(token)
        elif len(token) > 1 and token not in _STOP_WORDS:  # lone letters: "б-р", "р-н", "ф-ка"
            words.add(token)
    return frozenset(words), frozenset(numbers)


def _lookalike_prone(word: str) -> bool:
    """Cyrillic words, house numbers and lone letters may hide Latin look-alikes ("Aнтоновича", "10-B")."""
    return bool(_CYRILLIC.search(word)) or word[:1].isdigit() or len(word) == 1


def addresses_alike(first: str, second: str) -> bool:
    """True when two addresses name one building: the same house numbers (or one set inside the other,
    "32" ~ "32, корп. 2") and street words that overlap (one set inside the other, or half of them shared)."""
    words_a, numbers_a = address_key(first)
    words_b, numbers_b = address_key(second)
    if not words_a or not words_b:
        return False
    if numbers_a != numbers_b and not (numbers_a and numbers_b and (numbers_a <= numbers_b or numbers_b <= numbers_a)):
        return False
    if words_a <= words_b or words_b <= words_a:
        return True
    return len(words_a & words_b) / len(words_a | words_b) >= WORDS_ALIKE


def station_key(shelter: Shelter) -> str:
    """The metro station a record names ("Станція метро «Нивки»" or the name "Нивки"), normalised; "" if none."""
    if shelter.kind is not Kind.METRO:
        return ""
    return normalise_station_name(vocab.station_name(shelter.address) or shelter.name_uk)


def same_shelter(a: Shelter, b: Shelter) -> bool:
    """Whether two records of different sources within the radius describe one shelter (kinds and names)."""
    if a.kind is not b.kind and Kind.OTHER not in (a.kind, b.kind):
        return False
    if a.kind is Kind.METRO and b.kind is Kind.METRO:
        station = station_key(a)
        if station and station == station_key(b):
            return True
    return addresses_alike(a.address, b.address)


def merge_duplicates(shelters: Sequence[Shelter], radius_m: float = MERGE_RADIUS_M) -> list[Shelter]:
    """The records with cross-source duplicates folded into their richest member, in the input order."""
    positioned = [i for i, s in enumerate(shelters) if s.lat is not None and s.lon is not None]
    if not positioned:
        return list(shelters)
    pairs = sorted(_candidate_pairs(shelters, positioned, radius_m))
    parent = list(range(len(shelters)))
    groups: dict[int, list[int]] = {}
    group_sources: dict[int, set[str]] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _distance, i, j in pairs:
        ri, rj = root(i), root(j)
        if ri == rj:
            continue
        sources_i = group_sources.get(ri) or {shelters[i].source}
        sources_j = group_sources.get(rj) or {shelters[j].source}
        if sources_i & sources_j:
            continue  # a group holds at most one record of each source
        parent[rj] = ri
        groups[ri] = groups.get(ri, [ri]) + groups.pop(rj, [rj])
        group_sources[ri] = sources_i | sources_j
        group_sources.pop(rj, None)
    if not groups:
        return list(shelters)
    kept: dict[int, Shelter] = {}
    for group in groups.values():
        best, *others = sorted(group, key=lambda k: _rank(shelters[k]))
        kept[best] = _filled(shelters[best], [shelters[k] for k in others])
        kept.update((k, _DROPPED) for k in others)
    return [merged for i, s in enumerate(shelters) if (merged := kept.get(i, s)) is not _DROPPED]


_DROPPED = Shelter(id="", name_uk="", name_en="", kind=Kind.OTHER)  # marks a record folded into another


def _candidate_pairs(shelters: Sequence[Shelter], indices: list[int], radius_m: float) -> list[tuple[float, int, int]]:
    """(distance, i, j), i < j, for records of different sources within radius_m that describe one shelter.

    Points on a local plane (at 15 m its error against the geodesic is far below a millimetre), sorted south to
    north; each is compared only with the few less than radius_m further north."""
    mean_lat = sum(shelters[i].lat or 0.0 for i in indices) / len(indices)
    m_per_deg_lon = _M_PER_DEG_LAT * math.cos(math.radians(mean_lat))
    order = sorted(indices, key=lambda i: shelters[i].lat or 0.0)
    ys = [(shelters[i].lat or 0.0) * _M_PER_DEG_LAT for i in order]
    xs = [(shelters[i].lon or 0.0) * m_per_deg_lon for i in order]
    sources = [shelters[i].source for i in order]
    pairs = []
    hypot = math.hypot
    for n, (yi, xi, source) in enumerate(zip(ys, xs, sources, strict=True)):
        for m in range(n + 1, bisect_right(ys, yi + radius_m, n + 1)):
            if sources[m] == source or abs(xs[m] - xi) > radius_m:
                continue
            distance = hypot(ys[m] - yi, xs[m] - xi)
            i, j = order[n], order[m]
            if distance <= radius_m and same_shelter(shelters[i], shelters[j]):
                pairs.append((distance, min(i, j), max(i, j)))
    return pairs


_values = attrgetter(*FILLABLE)


def _rank(shelter: Shelter) -> tuple[int, int, int, int, str]:
    """Sort key, best first: a position from the source (not geocoded), more filled fields, a higher source
    rank, the smaller id."""
    values = _values(shelter)
    filled = len(values) - values.count(None) - values.count("")  # False and 0 are facts, not gaps
    real = shelter.has_position and not shelter.approximate
    return (-int(real), -int(shelter.has_position), -filled, -SOURCE_RANK.get(shelter.source, 0), shelter.id)


def _filled(best: Shelter, others: list[Shelter]) -> Shelter:
    """`best` with each empty field taken from the first other record (best-ranked first) that has it."""
    missing = [n for n, value in enumerate(_values(best)) if value is None or value == ""]
    if not missing:
        return best
    other_values = [_values(other) for other in others]
    changes = {}
    for n in missing:
        for values in other_values:
            if values[n] is not None and values[n] != "":
                changes[FILLABLE[n]] = values[n]
                break
    return replace(best, **changes) if changes else best
