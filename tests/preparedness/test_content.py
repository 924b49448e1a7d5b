"""The authored texts: complete in every language, same checklist items everywhere, Ukraine's numbers."""

from __future__ import annotations

import pytest

from shelterapp.i18n import SUPPORTED
from shelterapp.preparedness.content import EMERGENCY_NUMBERS, load_content


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_language_has_the_same_items_and_numbers(language):
    english, content = load_content("en"), load_content(language)
    assert content.language == language
    # ticks are stored by id: a language switch must keep them
    assert content.item_ids() == english.item_ids()
    assert tuple(n.number for n in content.numbers) == EMERGENCY_NUMBERS
    for section, original in (
        (content.siren, english.siren),
        (content.cannot_reach, english.cannot_reach),
        (content.after, english.after),
    ):
        assert len(section.steps) == len(original.steps)


@pytest.mark.parametrize("language", ["uk", "fr"])
def test_translations_are_not_english_left_over(language):
    english, content = load_content("en"), load_content(language)
    english_texts = {item.text for c in english.checklists for item in c.items}
    assert not english_texts & {item.text for c in content.checklists for item in c.items}
    assert content.siren.title != english.siren.title


def test_the_siren_guide_says_go_now_and_the_two_walls_rule():
    english = load_content("en")
    assert "nearest shelter now" in english.siren.steps[0]
    assert "Two-walls rule" in english.cannot_reach.steps[0]
    assert "Правило двох стін" in load_content("uk").cannot_reach.steps[0]
    assert "deux murs" in load_content("fr").cannot_reach.steps[0]


def test_an_unknown_language_falls_back_to_english():
    assert load_content("de").language == "en"
