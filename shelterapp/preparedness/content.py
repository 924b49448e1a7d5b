"""The preparedness texts we authored, one JSON file per language in resources/preparedness/.

Checklist items carry stable ids, so a person's ticks survive a language change and a text edit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from shelterapp.resources import resource_path

EMERGENCY_NUMBERS = ("112", "101", "102", "103", "104")  # Ukraine's numbers; the texts say what each is for


class ContentError(ValueError):
    """A content file is missing or malformed: a packaging fault, caught by tests before release."""


@dataclass(frozen=True)
class Section:
    title: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    label: str


@dataclass(frozen=True)
class Content:
    language: str
    siren: Section
    cannot_reach: Section
    after: Section
    checklists: tuple[Checklist, ...]
    numbers: tuple[EmergencyNumber, ...]

    def item_ids(self) -> tuple[str, ...]:
        return tuple(f"{checklist.id}.{item.id}" for checklist in self.checklists for item in checklist.items)


@cache
def load_content(language: str) -> Content:
    """The content in `language`, falling back to English for a language we have not written."""
    path = resource_path("preparedness", f"{language}.json")
    if not path.exists():
        path = resource_path("preparedness", "en.json")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Content(
            language=str(raw["language"]),
            siren=_section(raw["siren"]),
            cannot_reach=_section(raw["cannot_reach"]),
            after=_section(raw["after"]),
            checklists=tuple(
                Checklist(
                    _text(c["id"]),
                    _text(c["title"]),
                    tuple(ChecklistItem(_text(i["id"]), _text(i["text"])) for i in c["items"]),
                )
                for c in raw["checklists"]
            ),
            numbers=tuple(EmergencyNumber(_text(n["number"]), _text(n["label"])) for n in raw["numbers"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{path.name}: {exc}") from exc


def _section(raw: dict[str, object]) -> Section:
    steps = raw["steps"]
    if not isinstance(steps, list) or not steps:
        raise ContentError("a section has no steps")
    return Section(_text(raw["title"]), tuple(_text(step) for step in steps))


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"expected text, got {value!r}")
    return value
