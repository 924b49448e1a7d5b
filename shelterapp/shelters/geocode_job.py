"""Placing shelters that have only an address: the lookup query for a row, the resumable queue, and the
cached positions laid over the rows at load time. No Qt, no network: the caller passes `geocode`.

Kyiv's official list has ~2,000 rows without coordinates; at one request a second that is over half an
hour, so the run is one row per step, every answer is cached, and a restarted run skips what is cached.
Positions found this way are marked `approximate`: they are where the service puts the address.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from shelterapp.shelters.formats.vocab import address as strip_address
from shelterapp.shelters.geocode_cache import CachedAnswer, GeocodeCache, normalise_query
from shelterapp.shelters.model import GeocodeHit, Shelter, inside_kyiv

NOT_FOUND = "not_found"  # the service does not know the address (or put it outside Kyiv)

_NULL = "<null>"
_NOTES = re.compile(r"\([^)]*\)?")  # "(корпус 1)", "(кол. Огарьова)", "(приміщення № 2)"
# "32", "18-А", "7А", "32 Є", "6/7А"; not the "9" of "14-лінія", nor a "к." (корпус) after the number.
_HOUSE = re.compile(r"(?P<number>\d++(?:\s*/\s*\d++)?)(?:\s*-?\s*(?P<letter>[^\W\d_])(?![\w.]))?(?!-?[^\W\d_])")
_HOUSE_WITHOUT_COMMA = re.compile(r"^(\S+\s+.*?[^\W\d_]\.?)\s+(\d.*)$")  # "вул. Межова 23-А"
_GLUED_ABBREVIATION = re.compile(r"^(\w+)\.(?=\w)")  # "вул.Спаська" -> "вул. Спаська"
_STREET_TYPES = {
    "вул": "вулиця",
    "вулиця": "вулиця",
    "просп": "проспект",
    "пр": "проспект",
    "пр-т": "проспект",
    "проспект": "проспект",
    "бульв": "бульвар",
    "б-р": "бульвар",
    "бульвар": "бульвар",
    "пров": "провулок",
    "провул": "провулок",
    "провулок": "провулок",
    "пл": "площа",
    "площа": "площа",
    "наб": "набережна",
}
# Crossings, underpasses and metro entrances have no house to find: a street's centre is no shelter position.
_NOT_A_BUILDING = re.compile(r"^(перехр|перетин|підземн|надземн|транспортн|вхід|станці|ст\.)", re.IGNORECASE)


def geocode_query(shelter: Shelter) -> str | None:
    """'вулиця Юрія Іллєнка, 32, Шевченківський район, Київ' for "вул. Юрія Іллєнка, 32" in Шевченківський;
    None when the row names no building (metro placeholders, crossings, a street without a house number)."""
    text = strip_address(shelter.address.replace("\xa0", " "))  # drops "м. Київ," and the metro placeholders
    if not text or text.strip().casefold() == _NULL:
        return None
    parts: list[str] = []
    for raw_part in _NOTES.sub(" ", text).split(","):
        part = " ".join(raw_part.split())
        glued = _HOUSE_WITHOUT_COMMA.match(part)
        if glued and glued[1].split()[0].rstrip(".").lower() in _STREET_TYPES:
            parts += [glued[1], glued[2]]
        else:
            parts.append(part)
    for street_text, house_text in itertools.pairwise(parts):
        house = _HOUSE.match(house_text)
        street = _street(street_text)
        if house and street:
            number = re.sub(r"\s+", "", house["number"]) + (house["letter"] or "").upper()
            district = _district(shelter.district)
            return ", ".join(part for part in (street, number, district, "Київ") if part)
    return None


def _street(text: str) -> str:
    """The street with its type word spelled out, or "" when this part is not a street."""
    text = _GLUED_ABBREVIATION.sub(r"\1. ", text.strip())
    if not re.search(r"[^\W\d_]", text) or _NOT_A_BUILDING.match(text) or " - " in text or "район" in text.lower():
        return ""
    words = text.split()
    kind = _STREET_TYPES.get(words[0].rstrip(".").lower())
    if kind is None:
        return text  # "Харківське шосе", "Андріївський узвіз", "Площа Львівська"
    rest = words[1:]
    if rest and rest[-1].rstrip(".").lower() in _STREET_TYPES:  # "просп. Берестейський просп."
        rest = rest[:-1]
    return " ".join([kind, *rest]) if rest else ""


def _district(text: str) -> str:
    name = " ".join(text.split())
    if not name or name.casefold() == _NULL:
        return ""
    return name if name.casefold().endswith("район") else f"{name} район"


@dataclass(frozen=True)
class GeocodeFailure:
    """A row the run could not place, for the list shown to the user."""

    shelter_id: str
    address: str
    reason: str  # NOT_FOUND, or a FailureKind value ("bad_data") when the driver skipped the row


class GeocodeJob:
    """The rows still to place, one query per step. Rows whose query is already cached count as done at once.

    Rows sharing an address (sections of one building) share one request. Not thread-safe by itself: the
    driver runs one step at a time."""

    def __init__(
        self, shelters: Iterable[Shelter], cache: GeocodeCache, geocode: Callable[[str], GeocodeHit | None]
    ) -> None:
        self._cache = cache
        self._geocode = geocode
        self._failures: list[GeocodeFailure] = []
        self.skipped = 0  # rows without a position and without anything to look up
        pending: dict[str, tuple[str, list[Shelter]]] = {}
        for shelter in shelters:
            if shelter.has_position:
                continue
            query = geocode_query(shelter)
            if query is None:
                self.skipped += 1
                continue
            pending.setdefault(normalise_query(query), (query, []))[1].append(shelter)
        answers = cache.get_many(pending)
        self.total = sum(len(rows) for _, rows in pending.values())
        self.done = 0
        self._queue: deque[tuple[str, list[Shelter]]] = deque()
        for key, (query, rows) in pending.items():
            answer = answers.get(key)
            if answer is None:
                self._queue.append((query, rows))
                continue
            self.done += len(rows)
            if _position(answer) is None:
                self._fail(rows, NOT_FOUND)

    @property
    def progress(self) -> tuple[int, int]:
        return self.done, self.total

    @property
    def finished(self) -> bool:
        return not self._queue

    @property
    def current_query(self) -> str | None:
        return self._queue[0][0] if self._queue else None

    def failures(self) -> list[GeocodeFailure]:
        return list(self._failures)

    def step(self) -> list[Shelter]:
        """Look up the next address; the rows it placed (with approximate positions), or [] if not found.

        A failed request (SourceError: offline, timeout, 429, 5xx, ...) propagates and leaves the row at the
        head of the queue, uncached, for the driver to retry after backing off."""
        if not self._queue:
            return []
        query, rows = self._queue[0]
        hit = self._geocode(query)
        self._queue.popleft()
        self.done += len(rows)
        if hit is not None and inside_kyiv(hit.lat, hit.lon):
            self._cache.put(query, (hit.lat, hit.lon), hit.label)
            return [replace(row, lat=hit.lat, lon=hit.lon, approximate=True) for row in rows]
        self._cache.put(query, None)
        self._fail(rows, NOT_FOUND)
        return []

    def skip(self, reason: str) -> None:
        """Give up on the head row without caching anything (its answer was unusable); it is listed as failed."""
        if self._queue:
            _, rows = self._queue.popleft()
            self.done += len(rows)
            self._fail(rows, reason)

    def _fail(self, rows: list[Shelter], reason: str) -> None:
        self._failures.extend(GeocodeFailure(row.id, row.address, reason) for row in rows)


def apply_cached_positions(shelters: Iterable[Shelter], cache: GeocodeCache) -> list[Shelter]:
    """The rows, with a cached position (approximate=True) on each row that has none; order kept."""
    rows = list(shelters)
    queries = {index: query for index, row in enumerate(rows) if not row.has_position and (query := geocode_query(row))}
    answers = cache.get_many(queries.values())
    for index, query in queries.items():
        answer = answers.get(normalise_query(query))
        position = None if answer is None else _position(answer)
        if position is not None:
            rows[index] = replace(rows[index], lat=position[0], lon=position[1], approximate=True)
    return rows


def _position(answer: CachedAnswer) -> tuple[float, float] | None:
    if answer.found and answer.lat is not None and answer.lon is not None and inside_kyiv(answer.lat, answer.lon):
        return answer.lat, answer.lon
    return None
