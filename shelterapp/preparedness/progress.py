"""The person's own preparedness data: ticked checklist items, when they last reviewed them, their contacts.

One JSON file in the data directory, written atomically; an unreadable file is set aside (never
overwritten) and the app starts empty, telling the person once.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from shelterapp.storage.atomic import set_aside, write_atomic

log = logging.getLogger(__name__)

PROGRESS_VERSION = 1
REVIEW_EVERY = timedelta(days=30)  # "check your go-bag once a month": food and medicines expire, batteries drain
MAX_CONTACTS = 50
MAX_FIELD = 200


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str


@dataclass(frozen=True)
class Progress:
    ticked: frozenset[str] = frozenset()  # "go_bag.water", ...
    reviewed: datetime | None = None  # last time the person said "I checked my lists"
    contacts: tuple[Contact, ...] = ()
    reminded: date | None = None  # last day the app suggested a review (or first start): at most monthly

    def review_due(self, now: datetime) -> bool:
        return self.reviewed is None or now - self.reviewed >= REVIEW_EVERY

    def days_since_review(self, now: datetime) -> int | None:
        return None if self.reviewed is None else max(0, (now - self.reviewed).days)


@dataclass
class ProgressReport:
    progress: Progress = field(default_factory=Progress)
    set_aside_as: Path | None = None  # set when the file was unreadable


def load_progress(path: Path) -> ProgressReport:
    if not path.exists():
        return ProgressReport()
    try:
        raw = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: absurd nesting
        moved = _set_aside(path)
        log.error("preparedness file %s is unreadable (%s); set aside as %s", path, exc, moved)
        return ProgressReport(set_aside_as=moved)
    return ProgressReport(_coerce(raw))


def _set_aside(path: Path) -> Path | None:
    try:
        return set_aside(path)
    except OSError:
        return None


def _coerce(raw: dict[str, object]) -> Progress:
    """Every field on its own: one bad value loses that value, not the rest."""
    ticked = raw.get("ticked")
    ticks = frozenset(t for t in ticked if isinstance(t, str)) if isinstance(ticked, list) else frozenset()
    contacts: list[Contact] = []
    raw_contacts = raw.get("contacts")
    for item in raw_contacts if isinstance(raw_contacts, list) else []:
        if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("phone"), str):
            contact = clean_contact(item["name"], item["phone"])
            if contact is not None:
                contacts.append(contact)
    return Progress(
        ticked=ticks,
        reviewed=_moment(raw.get("reviewed")),
        contacts=tuple(contacts[:MAX_CONTACTS]),
        reminded=_day(raw.get("reminded")),
    )


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def clean_contact(name: str, phone: str) -> Contact | None:
    """A contact as the person typed it, trimmed; None when either part is empty."""
    name, phone = name.strip()[:MAX_FIELD], phone.strip()[:MAX_FIELD]
    return Contact(name, phone) if name and phone else None


def save_progress(path: Path, progress: Progress) -> None:
    payload = {
        "version": PROGRESS_VERSION,
        "ticked": sorted(progress.ticked),
        "reviewed": progress.reviewed.isoformat() if progress.reviewed else None,
        "contacts": [{"name": c.name, "phone": c.phone} for c in progress.contacts],
        "reminded": progress.reminded.isoformat() if progress.reminded else None,
    }
    write_atomic(path, json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"))


def with_tick(progress: Progress, item_id: str, ticked: bool) -> Progress:
    ticks = progress.ticked | {item_id} if ticked else progress.ticked - {item_id}
    return replace(progress, ticked=frozenset(ticks))
