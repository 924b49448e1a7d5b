"""config.toml's [relay] and [sources.relay]: a bad value is one sentence and the rest of the file loads."""

from __future__ import annotations

import pytest

from shelterapp.config import load_config


def load(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_a_full_relay_section_loads(tmp_path):
    ca = tmp_path / "ca.crt"
    ca.write_text("x")
    config = load(
        tmp_path,
        f'[relay]\nbroker = "mqtts://broker.example.org:8883"\ntopic_prefix = "org/kyiv"\nusername = "relay"\n'
        f'ca_file = "{ca}"\nclient_id = "relay-1"\nwebhook_listen = "0.0.0.0:8080"\n'
        'webhook_url = "https://relay.example.org/"\n',
    )
    relay = config.relay
    assert config.problems == [] and relay is not None
    assert (relay.host, relay.port, relay.tls, relay.topic("state")) == (
        "broker.example.org",
        8883,
        True,
        "org/kyiv/state",
    )
    assert relay.listen_address == ("0.0.0.0", 8080) and relay.webhook_url == "https://relay.example.org"


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        # the password would cross the network in clear
        ('broker = "mqtt://broker.example.org:1883"', "plain mqtt://"),
        # not MQTT at all
        ('broker = "https://broker.example.org"', "must be"),
        # credentials in a URL end up in logs and process lists
        ('broker = "mqtts://relay:pw@broker.example.org"', "only scheme, host and port"),
        # a wildcard prefix would make the relay publish nowhere and desktops read everything
        ('broker = "mqtts://b.example.org"\ntopic_prefix = "org/#"', "topic_prefix"),
        # secrets never in config.toml
        ('broker = "mqtts://b.example.org"\npassword = "hunter2"', "passwords never go in config.toml"),
        ('broker = "mqtts://b.example.org"\nwebhook_listen = "everywhere"', "webhook_listen"),
        ('broker = "mqtts://b.example.org"\nwebhook_url = "https://x.example.org"', "needs relay.webhook_listen"),
    ],
)
def test_bad_relay_values_are_one_sentence_each(tmp_path, table, problem):
    config = load(tmp_path, f'[relay]\n{table}\n[alerts]\nregions = ["14"]\n')
    assert any(problem in p for p in config.problems), config.problems
    assert config.regions == ("14",)  # the rest still loads
    assert "hunter2" not in " ".join(config.problems)


def test_plain_mqtt_is_allowed_to_loopback_or_when_said_insecure(tmp_path):
    assert load(tmp_path, '[relay]\nbroker = "mqtt://127.0.0.1:1883"\n').relay is not None
    config = load(tmp_path, '[relay]\nbroker = "mqtt://broker.lan:1883"\ninsecure = true\n')
    assert config.relay is not None and config.problems == []


def test_sources_relay_needs_a_url_and_takes_no_password(tmp_path):
    config = load(tmp_path, '[sources.relay]\nusername = "desktop"\n')
    assert config.relay_source is None and any("needs url" in p for p in config.problems)
    config = load(tmp_path, '[sources.relay]\nurl = "mqtts://b.example.org:8883"\npassword = "x"\n')
    assert config.relay_source is not None and config.relay_source.url == "mqtts://b.example.org:8883"
    assert any("passwords never go in config.toml" in p for p in config.problems)
    assert (
        load(tmp_path, '[sources.relay]\nurl = "mqtts://b.example.org"\nenabled = false\n').relay_source.enabled
        is False
    )


def test_a_desktop_with_sources_relay_gets_a_pushed_relay_source(tmp_path):
    from shelterapp.sources.registry import build_specs

    config = load(tmp_path, '[sources.relay]\nurl = "mqtts://b.example.org:8883"\nusername = "desktop"\n')
    specs = {s.name: s for s in build_specs(config, lambda name: "pw" if name == "relay" else "")}
    relay = specs["relay"]
    assert relay.pushed and relay.kind == "alerts" and relay.settings.token == "pw"
    assert "pw" not in repr(relay.settings)  # the password never reaches a log through a repr
