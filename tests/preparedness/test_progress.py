"""The person's ticks, review date and contacts survive restarts, bad values and a damaged file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from shelterapp.preparedness.progress import (
    Contact,
    Progress,
    clean_contact,
    load_progress,
    save_progress,
    with_tick,
)

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_round_trip(tmp_path):
    path = tmp_path / "preparedness.json"
    progress = Progress(
        ticked=frozenset({"go_bag.water", "home.radio"}),
        reviewed=NOW,
        contacts=(Contact("Мама", "+380 67 000 00 00"),),
    )
    save_progress(path, progress)
    assert load_progress(path).progress == progress


def test_missing_file_is_an_empty_start(tmp_path):
    report = load_progress(tmp_path / "none.json")
    assert report.progress == Progress() and report.set_aside_as is None


def test_a_damaged_file_is_set_aside_not_overwritten(tmp_path):
    path = tmp_path / "preparedness.json"
    path.write_bytes(b'{"ticked": ["go_bag.wat')
    report = load_progress(path)
    assert report.progress == Progress()
    assert report.set_aside_as is not None and report.set_aside_as.read_bytes() == b'{"ticked": ["go_bag.wat'
    assert not path.exists()


def test_one_bad_value_loses_only_that_value(tmp_path):
    path = tmp_path / "preparedness.json"
    raw = {
        "ticked": ["go_bag.water", 7, None],
        "reviewed": "yesterday",
        "contacts": [{"name": "Oksana", "phone": "+380 44 000"}, {"name": "", "phone": "1"}, "junk"],
    }
    path.write_text(json.dumps(raw))
    progress = load_progress(path).progress
    assert progress.ticked == frozenset({"go_bag.water"})
    assert progress.reviewed is None
    assert progress.contacts == (Contact("Oksana", "+380 44 000"),)


def test_review_is_due_monthly():
    assert Progress().review_due(NOW)  # never reviewed
    assert not Progress(reviewed=NOW - timedelta(days=29)).review_due(NOW)
    assert Progress(reviewed=NOW - timedelta(days=30)).review_due(NOW)
    assert Progress(reviewed=NOW - timedelta(days=45)).days_since_review(NOW) == 45


def test_ticks_and_contacts_helpers():
    progress = with_tick(Progress(), "go_bag.cash", True)
    assert progress.ticked == {"go_bag.cash"}
    assert with_tick(progress, "go_bag.cash", False).ticked == frozenset()
    assert clean_contact("  Taras ", " 067 ") == Contact("Taras", "067")
    assert clean_contact("Taras", "  ") is None
