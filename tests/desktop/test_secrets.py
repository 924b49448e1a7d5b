"""Tokens go to the keyring when one exists, stay in memory when none does, and never reach a log; a start asks
the keyring only for the keys it holds."""

from __future__ import annotations

import logging

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from shelterapp.desktop.secrets import TokenStore


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}
        self.asked: list[str] = []

    def get_password(self, service, username):
        self.asked.append(username)
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_token_goes_to_the_keyring(memory_keyring, caplog):
    caplog.set_level(logging.DEBUG)
    store = TokenStore()
    assert store.set("alerts_in_ua", "  secret-token-123 ") is True
    assert memory_keyring.items[("shelterapp", "alerts_in_ua")] == "secret-token-123"
    assert TokenStore().get("alerts_in_ua") == "secret-token-123"  # survives a restart
    store.delete("alerts_in_ua")
    assert TokenStore().get("alerts_in_ua") == ""
    assert "secret-token-123" not in caplog.text


def test_without_a_keyring_the_token_lives_for_the_session_only():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        store = TokenStore()
        assert store.persistent is False
        assert store.set("ukraine_alarm", "k") is False
        assert store.get("ukraine_alarm") == "k"
        assert TokenStore().get("ukraine_alarm") == ""
    finally:
        keyring.set_keyring(previous)


def test_a_start_asks_the_keyring_only_for_the_keys_it_holds(memory_keyring, tmp_path):
    # Finding the keyring costs the app 0.1-0.3 s and 10 MB, and a locked one asks the person to unlock it:
    # not for keys that were never entered.
    index = tmp_path / "keys_in_keyring.json"
    first = TokenStore(index)
    assert first.get("ukraine_alarm") == "" and first.get("alerts_in_ua") == ""
    assert memory_keyring.asked == ["ukraine_alarm", "alerts_in_ua"]  # the first start asks about each once
    memory_keyring.asked.clear()
    assert TokenStore(index).get("ukraine_alarm") == "" and TokenStore(index).get("alerts_in_ua") == ""
    assert memory_keyring.asked == []  # later starts know there is nothing to ask for

    assert TokenStore(index).set("alerts_in_ua", "secret-token-123") is True  # typed in Settings
    next_start = TokenStore(index)
    assert next_start.get("alerts_in_ua") == "secret-token-123" and next_start.get("ukraine_alarm") == ""
    assert memory_keyring.asked == ["alerts_in_ua"]
    assert "secret-token-123" not in index.read_text(encoding="utf-8")  # names only, never a key

    next_start.delete("alerts_in_ua")
    memory_keyring.asked.clear()
    assert TokenStore(index).get("alerts_in_ua") == ""
    assert memory_keyring.asked == []


@pytest.mark.parametrize(
    "index_text",
    [
        None,  # keys saved by a version that kept no index
        "{broken",  # a damaged index
        '{"format": 99, "in_keyring": {"alerts_in_ua": false}}',  # an index of another version
        '["alerts_in_ua"]',  # not an index at all
    ],
)
def test_a_key_the_index_cannot_vouch_for_is_asked_for(memory_keyring, tmp_path, index_text):
    memory_keyring.items[("shelterapp", "alerts_in_ua")] = "older-key"
    index = tmp_path / "keys_in_keyring.json"
    if index_text is not None:
        index.write_text(index_text, encoding="utf-8")
    assert TokenStore(index).get("alerts_in_ua") == "older-key"
    memory_keyring.asked.clear()
    assert TokenStore(index).get("alerts_in_ua") == "older-key"  # and the index now says it is there
    assert memory_keyring.asked == ["alerts_in_ua"]
