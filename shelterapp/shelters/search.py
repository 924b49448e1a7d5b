"""Offline search over our own shelters: what the address box falls back to with no network or no consent.

Every typed word must start a word of the shelter's name (Ukrainian or English), address or district;
case, quotes, apostrophes and accents do not matter ("хрещ" finds Хрещатик, "khresh" Khreshchatyk,
"соломянська" Солом'янська). Name matches rank above address matches, whole words above prefixes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from shelterapp.shelters.bundled import fold_text
from shelterapp.shelters.model import Shelter

_WORD = re.compile(r"[^\W_]+")
_STRESS_MARKS = frozenset("\u0300\u0301")  # grave and acute: "Хреща́тик" as dictionaries print it
_LATIN_END = "\u0250"  # below this, letters are Latin: all their diacritics go ("Café" = "cafe")

# Weights per typed word, by where it matched: a name beats an address beats a district.
_NAME, _ADDRESS, _DISTRICT = 4, 2, 1
_WHOLE_WORD_BONUS = 1


def fold_for_search(text: str) -> str:
    """fold_text, then without stress marks and Latin diacritics, and without apostrophes."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", fold_text(text)):
        if unicodedata.combining(char) and (char in _STRESS_MARKS or (out and out[-1] < _LATIN_END)):
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out)).replace("'", "")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold_for_search(text))


@dataclass(frozen=True)
class _Fields:
    name: tuple[str, ...]
    address: tuple[str, ...]
    district: tuple[str, ...]
    name_text: str  # the name's words joined, for the "typed in this order" bonus


class SearchIndex:
    """The shelters' words folded once (~0.15 s for Kyiv's 4,400 rows), so each keystroke only compares."""

    def __init__(self, shelters: Iterable[Shelter]) -> None:
        self._rows: list[tuple[Shelter, _Fields]] = []
        for shelter in shelters:
            name = tuple(_words(f"{shelter.name_uk} {shelter.name_en}"))
            fields = _Fields(name, tuple(_words(shelter.address)), tuple(_words(shelter.district)), " ".join(name))
            self._rows.append((shelter, fields))

    def search(self, text: str, limit: int = 10) -> list[Shelter]:
        """Up to `limit` shelters matching every word of `text`, best first; [] for blank text."""
        needles = _words(text)
        if not needles or limit <= 0:
            return []
        phrase = " ".join(needles)
        scored: list[tuple[int, int, str, Shelter]] = []
        for shelter, fields in self._rows:
            score = _score(needles, fields)
            if score is None:
                continue
            if phrase in fields.name_text:  # the words in the order typed, inside the name
                score += _NAME
            display = shelter.name_uk or shelter.name_en or shelter.address
            scored.append((-score, len(display), shelter.id, shelter))
        scored.sort(key=lambda item: item[:3])
        return [shelter for *_, shelter in scored[:limit]]


def search_shelters(shelters: Iterable[Shelter], text: str, limit: int = 10) -> list[Shelter]:
    """One search; for search-as-you-type build a SearchIndex once and call its search()."""
    return SearchIndex(shelters).search(text, limit)


def _score(needles: list[str], fields: _Fields) -> int | None:
    """Sum of each typed word's best match; None when some word matches nothing."""
    total = 0
    for needle in needles:
        best = 0
        for weight, words in ((_NAME, fields.name), (_ADDRESS, fields.address), (_DISTRICT, fields.district)):
            for word in words:
                if word.startswith(needle):
                    best = max(best, weight + (_WHOLE_WORD_BONUS if word == needle else 0))
        if best == 0:
            return None
        total += best
    return total
