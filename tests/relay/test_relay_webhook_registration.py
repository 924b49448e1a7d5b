"""The relay registers its webhook URL (public base + secret path) with the Ukraine Alarm API, with the
organisation's key, inside that key's request budget; a refused POST falls back to PATCH."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from werkzeug import Response

from shelterapp.config import load_config
from shelterapp.relay.loop import build
from shelterapp.sources import ualarm_webhook
from shelterapp.sources.base import SourceSettings
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs

NOW = datetime(2026, 9, 22, 19, 20, tzinfo=UTC)


def settings(httpserver, key="org-key"):
    return SourceSettings(httpserver.url_for("/api/v3"), True, 30.0, token=key)


def test_post_registers_with_the_raw_key_header(httpserver):
    httpserver.expect_oneshot_request(
        "/api/v3/webhook",
        method="POST",
        headers={"Authorization": "org-key"},
        json={"webHookUrl": "https://r.example/h"},
    ).respond_with_data("", status=201)
    assert ualarm_webhook.register(HttpClient(), settings(httpserver), "https://r.example/h", {}, NOW) == "POST"
    httpserver.check_assertions()


def test_a_refused_post_is_followed_by_patch(httpserver):
    httpserver.expect_oneshot_request("/api/v3/webhook", method="POST").respond_with_data("exists", status=409)
    httpserver.expect_oneshot_request("/api/v3/webhook", method="PATCH").respond_with_data("", status=200)
    state: dict[str, object] = {}
    assert ualarm_webhook.register(HttpClient(), settings(httpserver), "https://r.example/h", state, NOW) == "PATCH"
    assert len(state["requests"]) == 2  # both counted against the key's 3 a minute, with the polls


def test_no_key_or_no_budget_sends_nothing(httpserver):
    with pytest.raises(SourceError) as no_key:
        ualarm_webhook.register(HttpClient(), settings(httpserver, key=""), "https://r.example/h", {}, NOW)
    assert no_key.value.kind is FailureKind.AUTH
    spent = {"requests": [NOW.timestamp() - 1.0] * 3}  # three requests in the last minute: the limit
    with pytest.raises(SourceError) as busy:
        ualarm_webhook.register(HttpClient(), settings(httpserver), "https://r.example/h", spent, NOW)
    assert busy.value.kind is FailureKind.RATE_LIMITED
    assert httpserver.log == []


def test_the_relay_registers_its_secret_path(httpserver, tmp_path, monkeypatch):
    seen = []

    def hook(request):
        seen.append((request.method, request.headers.get("Authorization"), json.loads(request.data)))
        return Response("", status=201)

    httpserver.expect_request("/api/v3/webhook").respond_with_handler(hook)
    config_file = tmp_path / "config.toml"
    config_file.write_text(
        f'[sources.ukraine_alarm]\nurl = "{httpserver.url_for("/api/v3")}"\nenabled = true\n'
        '[relay]\nbroker = "mqtt://127.0.0.1:9"\nwebhook_listen = "127.0.0.1:9"\n'
        'webhook_url = "https://relay.example.org/"\n',
        encoding="utf-8",
    )
    config = load_config(config_file)
    specs = [s for s in build_specs(config, lambda name: "org-key" if name == "ukraine_alarm" else "") if not s.pushed]
    loop, listener = build(config, config.relay, specs, HttpClient(), "", ("31",), tmp_path / "data")
    assert listener is not None and loop.registrar is not None
    loop.registrar.step(0.0, NOW)
    secret = json.loads((tmp_path / "data" / "relay.json").read_text())["webhook_secret"]
    assert seen == [("POST", "org-key", {"webHookUrl": f"https://relay.example.org/ukrainealarm/{secret}"})]
    assert listener.path == f"/ukrainealarm/{secret}" and len(secret) >= 20
    assert oct((tmp_path / "data" / "relay.json").stat().st_mode & 0o777) == "0o600"
    listener._server.server_close()
