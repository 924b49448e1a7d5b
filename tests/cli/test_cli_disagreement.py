"""`status --json` regions.ID.disagreement (issue #16) with two local sources: siren.pp.ua in Ukraine Alarm's shape
and alerts.in.ua in its own, on 127.0.0.1. The CLI polls once, so it lists what that poll heard; the relay, which
polls all the time, waits for two polls in a row as the app does, and a desktop reading it is not disturbed."""

from __future__ import annotations

import json

import pytest
from alert_fakes import AlertsInUaFeed, Feed
from helpers import write_config
from test_cli import run

from shelterapp.desktop.secrets import TokenStore


@pytest.fixture
def token_in_keyring(monkeypatch):
    """alerts.in.ua's token as the CLI gets it from the keyring (a keyring backend class defined here would become
    every later test's default keyring: keyring picks backends from all loaded subclasses)."""
    monkeypatch.setattr(TokenStore, "get", lambda _self, source: "a-test-token" if source == "alerts_in_ua" else "")


def serve_both(httpserver, app_home, siren_active: bool, ain_active: bool) -> None:
    siren, ain = Feed(), AlertsInUaFeed()
    siren.set(siren_active)
    ain.active = ain_active
    write_config(
        app_home, {"siren_pp_ua": {"url": siren.install(httpserver)}, "alerts_in_ua": {"url": ain.install(httpserver)}}
    )


def status(capsys) -> dict:
    code, out, err = run(capsys, "status", "--json")
    assert code == 0, err
    return json.loads(out)


def test_two_sources_that_disagree_are_listed_with_their_word(capsys, httpserver, app_home, token_in_keyring):
    serve_both(httpserver, app_home, siren_active=True, ain_active=False)
    data = status(capsys)
    assert data["sources"]["alerts_in_ua"]["ok"] and data["sources"]["siren_pp_ua"]["ok"]
    city = data["regions"]["31"]
    assert city["state"] == "active"  # the merge rule stays: one healthy source with an alert is enough
    assert city["disagreement"] == [
        {"source": "siren_pp_ua", "state": "active"},
        {"source": "alerts_in_ua", "state": "clear"},
    ]


@pytest.mark.parametrize("both", [True, False])
def test_sources_that_agree_give_an_empty_list(capsys, httpserver, app_home, token_in_keyring, both):
    serve_both(httpserver, app_home, siren_active=both, ain_active=both)
    city = status(capsys)["regions"]["31"]
    assert city["state"] == ("active" if both else "clear") and city["disagreement"] == []


def test_one_source_alone_never_disagrees(capsys, httpserver, app_home):
    siren = Feed()
    siren.set(True)
    write_config(app_home, {"siren_pp_ua": {"url": siren.install(httpserver)}})
    assert status(capsys)["regions"]["31"]["disagreement"] == []
