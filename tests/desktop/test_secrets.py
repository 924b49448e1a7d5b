"""Tokens go to the keyring when one exists, stay in memory when none does, and never reach a log."""

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

    def get_password(self, service, username):
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
