"""The words Kyiv's shelter lists use, in Ukrainian, and what they mean for a Shelter.

Shared by the official list (CSV/XLSX), the KMDA map (KML) and the city's ArcGIS layer (GeoJSON), which all
write kinds, ramps and hours the same way, each with its own stray spaces and spelling variants.
"""

from __future__ import annotations

import functools
import re

from shelterapp.shelters.formats.base import as_text
from shelterapp.shelters.model import KIND_VALUES, Kind

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "´": "'"})

# Headers of the official list (and the KML ExtendedData names) -> our field. Matched on norm(header):
# exact words first, then prefixes for the long ones ("Наявність пристосування ... (пандусу)").
HEADER_EXACT = {
    "район": "district",
    "адреса": "address",
    "тип укриття": "kind",
    "вид укриття": "place",
    "тип будівлі": "building",
    "власник": "owner",
    "форма власності": "ownership",
    "address_old": "address_old",
    "режим роботи": "hours",
}
HEADER_PREFIX = {
    "наявність пристосування": "ramp",
    "№ телефону": "phone",
    "телефон": "phone",
}

_PLACEHOLDER_ADDRESS = re.compile(r"(вхід\s*(до|в|у|на)\s*станц\w*\s*метро\w*|інформаційна позначка)")
_CITY_PREFIX = re.compile(r"^\s*(м\.\s*)?(київ|києва)\s*,\s*", re.IGNORECASE)
_QUOTED = re.compile(r"[«\"“„](.+)[»\"”“]")
_METRO_PLACE = re.compile(r"(станція метро\w*|вхід\s*(до|в|у|на)\s*станц\w*\s*метро\w*)")


def norm(text: str) -> str:
    """For comparing words: casefolded, one apostrophe, single spaces."""
    return " ".join(text.translate(APOSTROPHES).casefold().split())


def header_field(header: object) -> str:
    """Our field name for one column header or ExtendedData name, or "" if we do not use it."""
    text = as_text(header)
    return _header_field(text) if len(text) <= 200 else ""  # no real header is long; keep the cache small


@functools.lru_cache(maxsize=1024)
def _header_field(header: str) -> str:
    key = norm(header).lstrip("\ufeff")
    if key in HEADER_EXACT:
        return HEADER_EXACT[key]
    for prefix, name in HEADER_PREFIX.items():
        if key.startswith(prefix):
            return name
    return ""


def kind_from_text(text: str) -> Kind | None:
    """Kind for "Тип укриття" as the city writes it (or our value, or an English word); None if unknown."""
    word = norm(text).replace("_", " ")
    if not word:
        return None
    if word.replace(" ", "_") in KIND_VALUES:
        return Kind(word.replace(" ", "_"))
    if word.startswith("найпростіш") or word in ("simplest", "simplest shelter", "simple"):
        return Kind.SIMPLEST_SHELTER
    if word in ("пру", "radiation", "radiation shelter") or word.startswith("протирадіац"):
        return Kind.RADIATION_SHELTER
    if "подвійного призначення" in word or word in ("укриття", "сховище", "захисна споруда", "shelter"):
        return Kind.CIVIL_DEFENCE_SHELTER
    if word in ("dual purpose", "bomb shelter", "civil defence", "civil defense", "air raid shelter"):
        return Kind.CIVIL_DEFENCE_SHELTER
    if is_metro_place(word) or word in ("metro", "subway", "subway entrance", "метро"):
        return Kind.METRO
    return None


def is_metro_place(text: str) -> bool:
    """True when "Вид укриття" says this is a metro station or an entrance to one."""
    return _METRO_PLACE.fullmatch(norm(text)) is not None


def resolve_kind(kind_text: str, place: str) -> Kind | None:
    """A metro station or entrance is a metro shelter whatever "Тип укриття" says (dual-purpose, mostly)."""
    if is_metro_place(place):
        return Kind.METRO
    return kind_from_text(kind_text)


def ramp(text: str) -> bool | None:
    """Ramp: "Відсутній" (and misspellings) -> False; "В наявності", "Наявний", "Є" -> True; else None."""
    word = norm(text)
    if word.startswith("відсутн") or word in ("ні", "немає", "no", "false"):
        return False
    if word.startswith(("в наявн", "наявн", "обладнан")) or word in ("є", "так", "yes", "true"):
        return True
    return None


def open_24_7(hours: str) -> bool | None:
    """True for "Цілодобово" or OSM's "24/7"; False for other stated hours; None when hours are unknown."""
    word = norm(hours)
    if not word:
        return None
    return word in ("цілодобово", "24/7", "24 / 7", "цілодобово.")


def phone(value: object) -> str:
    """Phone as written; a number read as a float ("442345678.0") without its ".0"."""
    text = as_text(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        return text[:-2]
    return text


def address(text: str) -> str:
    """Address without the "м. Київ," prefix; "" for the metro-entrance placeholders that name no place."""
    text = _CITY_PREFIX.sub("", text.strip())
    if _PLACEHOLDER_ADDRESS.fullmatch(norm(text)):
        return ""
    return text


def district(text: str) -> str:
    """District name without a trailing "район"; one apostrophe."""
    words = text.translate(APOSTROPHES).split()
    if words and norm(words[-1]) in ("район", "р-н"):
        words = words[:-1]
    return " ".join(words)


def station_name(text: str) -> str:
    """The station name quoted in an address: "Станція метро «Палац «Україна»" -> "Палац «Україна»"."""
    match = _QUOTED.search(text)
    if not match:
        return ""
    name = " ".join(match.group(1).split()).strip('«»"“”„ ')
    if name.count("«") > name.count("»"):
        name += "»"
    return name


def describe(place: str, building: str) -> str:
    """A short name from what and where the shelter is: "Підвал, Школа"."""
    parts = [part for part in (place.strip(), building.strip()) if part]
    if len(parts) == 2 and norm(parts[0]) == norm(parts[1]):
        parts = parts[:1]
    return ", ".join(parts)
