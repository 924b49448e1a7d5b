"""The relay and a desktop through a real Mosquitto (TLS with a CA made by the test, passwords, ACL): what a
desktop hears, in what order, and what it refuses. No wall-clock limits: the timeouts below only end a test
that would otherwise hang; speed lives in bench/relay.py."""

from __future__ import annotations

import json
import time

from mqtt_broker import DESK_PASSWORD, DESK_USER, PREFIX, RELAY_PASSWORD, RELAY_USER
from relay_helpers import Desk, InProcessRelay, raw_client, relay_config, state_payload

from shelterapp.sources.errors import FailureKind
from shelterapp.sources.relay_format import MAX_STATE_BYTES, Lost, Rejected


def test_a_desktop_follows_every_change_in_order(broker, feed, fast_feed, app_home):
    relay = InProcessRelay(relay_config(app_home, broker, feed.url).parent).start()
    desk = Desk(broker)
    try:
        first = desk.next_state()
        assert first.relay_state == "clear" and first.regions["31"].active is False
        feed.set(active=True)
        alert = desk.next_state()
        feed.set(active=False)
        calm = desk.next_state()
    finally:
        desk.close()
        relay.stop()
    # order: each newer than the last; content: what the feed said, with the fixture's threat and level
    assert first.seq < alert.seq < calm.seq
    assert alert.relay_state == "active" and alert.regions["31"].active
    assert [t.value for t in alert.regions["31"].threats] == ["air_raid"] and alert.regions["31"].level.value == "red"
    assert calm.relay_state == "clear" and not calm.regions["31"].active
    assert desk.subscription.follower.rejected == 0


def test_a_late_subscriber_gets_the_retained_state(broker, feed, fast_feed, app_home):
    relay = InProcessRelay(relay_config(app_home, broker, feed.url, interval_s=60).parent).start()
    published = relay.next_state()
    late = Desk(broker)
    try:
        report = late.next_state()
    finally:
        late.close()
        relay.stop()
    assert report.seq == published["seq"] and report.relay_state == published["state"] == "clear"


def test_wrong_password_is_auth(broker):
    desk = Desk(broker, password="not-the-password")
    try:
        lost = desk.next(Lost)
    finally:
        desk.close()
    assert lost.error.kind is FailureKind.AUTH


def test_an_untrusted_broker_certificate_is_refused(broker, tmp_path):
    from mqtt_broker import make_ca

    other_ca, _cert, _key = make_ca(tmp_path / "other-pki")  # not the CA that signed the broker's certificate
    desk = Desk(broker, ca_file=str(other_ca))
    try:
        lost = desk.next(Lost)
    finally:
        desk.close()
    assert lost.error.kind is FailureKind.AUTH and "certificate" in lost.error.detail


def test_a_desktop_account_cannot_publish(broker, feed, fast_feed, app_home):
    relay = InProcessRelay(relay_config(app_home, broker, feed.url, interval_s=60).parent).start()
    genuine = relay.next_state()
    client, acks = raw_client(broker, DESK_USER, DESK_PASSWORD)
    try:
        forged = client.publish(f"{PREFIX}/state", state_payload(genuine["seq"] + 10**9, "active"), qos=1, retain=True)
        forged.wait_for_publish(10)
        time.sleep(0.2)  # let the PUBACK callback land; the assertion does not depend on how long it took
    finally:
        client.loop_stop()
        client.disconnect()
    assert acks[forged.mid].value == 135  # MQTT v5 "Not authorized": the ACL said no, and said so
    late = Desk(broker)
    try:
        report = late.next_state()
    finally:
        late.close()
        relay.stop()
    assert report.seq == genuine["seq"] and report.relay_state == "clear"


def test_malformed_oversized_repeated_and_older_messages_are_rejected(broker):
    desk = Desk(broker)
    client, _acks = raw_client(broker, RELAY_USER, RELAY_PASSWORD)  # even the relay's own account is checked
    topic = f"{PREFIX}/state"

    def send(payload: bytes, retain: bool = False) -> None:
        client.publish(topic, payload, qos=1, retain=retain).wait_for_publish(10)

    try:
        # retained, as the relay sends its state: the desk's subscription may start after this was sent; once it
        # has this one, it is surely subscribed for the rest
        send(state_payload(100, "active"), retain=True)
        good = desk.next_state()
        send(b"{not json")
        send(b'{"seq": 101, "state": "clear"}')  # no regions, no date
        send(state_payload(102, "clear", padding="x" * MAX_STATE_BYTES))
        send(state_payload(100, "clear"))  # repeats seq 100 with other content
        send(state_payload(99, "clear"))  # older
        send(state_payload(103, "active"))  # a good one: proves the others were read and refused, not lost
        newer = desk.next_state()
        refused = [o for o in desk.drain() if isinstance(o, Rejected)]
    finally:
        client.loop_stop()
        client.disconnect()
        desk.close()
    assert good.seq == 100 and good.relay_state == "active"
    assert newer.seq == 103 and newer.relay_state == "active"  # nothing in between was taken as the state
    assert desk.subscription.follower.rejected == 5
    assert {o.error.kind for o in refused} <= {FailureKind.BAD_DATA}


def test_relay_once_prints_what_it_published_and_seq_grows_across_runs(broker, feed, app_home):
    relay_config(app_home, broker, feed.url, interval_s=15)
    env = {"SHELTERAPP_RELAY_PASSWORD": RELAY_PASSWORD}
    runs = [_cli(["relay", "--once", "--json"], env) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    first, second = (json.loads(r.stdout) for r in runs)
    assert set(first) == {f"{PREFIX}/state", f"{PREFIX}/advisories"}
    state = first[f"{PREFIX}/state"]
    assert state["state"] == "clear" and state["sources"]["siren_pp_ua"]["ok"] is True
    assert {"regions", "advisories", "checked_at", "seq", "published_at"} <= set(state)
    assert second[f"{PREFIX}/state"]["seq"] > state["seq"]  # a restarted relay goes on, never back

    desk = Desk(broker)  # what the last run left retained is what a desktop gets
    try:
        assert desk.next_state().seq == second[f"{PREFIX}/state"]["seq"]
    finally:
        desk.close()

    bad = _cli(["relay", "--once"], {"SHELTERAPP_RELAY_PASSWORD": "wrong"})
    assert bad.returncode == 1 and "auth" in bad.stderr and "wrong" not in bad.stderr


def test_status_json_shows_the_relay_under_sources(broker, feed, fast_feed, app_home):
    relay = InProcessRelay(relay_config(app_home, broker, feed.url, interval_s=60).parent).start()
    relay.next_state()
    relay.stop()  # a cleanly stopped relay says "offline": status must say so rather than show its old state
    desk_home = app_home.parent / "desk"
    _desk_config(desk_home, broker)
    result = _cli(["status", "--json"], {"SHELTERAPP_HOME": str(desk_home)})
    data = json.loads(result.stdout)
    assert data["sources"]["relay"]["ok"] is False and data["sources"]["relay"]["error"] == "offline"
    assert data["state"] == "unknown"

    relay = InProcessRelay(app_home).start()
    published = relay.next_state()
    try:
        data = json.loads(_cli(["status", "--json"], {"SHELTERAPP_HOME": str(desk_home)}).stdout)
    finally:
        relay.stop()
    source = data["sources"]["relay"]
    assert source["ok"] is True and source["seq"] == published["seq"] and source["relay_state"] == "clear"
    assert data["state"] == "clear" and data["regions"]["31"]["sources"] == ["relay"]


def _desk_config(home, broker) -> None:
    from helpers import write_config

    write_config(
        home,
        extra=f'[sources.relay]\nurl = "{broker.url}"\nusername = "{DESK_USER}"\nca_file = "{broker.ca_file}"\n',
    )
    keyring_file = home / "keyring.json"
    keyring_file.write_text(json.dumps({"relay": DESK_PASSWORD}), encoding="utf-8")


def _cli(args, env):
    """shelterapp-cli in a child process, as a script or a timer would run it, with a file-backed keyring."""
    import os
    import subprocess
    import sys

    from helpers import REPO

    full_env = {**os.environ, **env}
    full_env["PYTHONPATH"] = os.pathsep.join([str(REPO / "tests"), full_env.get("PYTHONPATH", "")])
    full_env["PYTHON_KEYRING_BACKEND"] = "file_keyring.FileKeyring"  # tests/file_keyring.py: the real keyring API
    full_env["SHELTERAPP_TEST_KEYRING"] = os.path.join(full_env["SHELTERAPP_HOME"], "keyring.json")
    return subprocess.run(
        [sys.executable, "-m", "shelterapp.cli", *args], env=full_env, capture_output=True, text=True, timeout=120
    )


def test_an_unreadable_ca_file_is_said_once_and_crashes_nothing(tmp_path):
    from shelterapp.config_relay import RelaySourceConfig
    from shelterapp.sources import relay as relay_source

    outcomes = []
    config = RelaySourceConfig(url="mqtts://127.0.0.1:9", ca_file=str(tmp_path / "missing.crt"))
    subscription = relay_source.subscribe(relay_source.settings_for(config, ""), outcomes.append)
    subscription.close()
    assert len(outcomes) == 1 and isinstance(outcomes[0], Lost) and outcomes[0].error.kind is FailureKind.AUTH


def test_sigterm_stops_the_relay_cleanly_and_says_offline(broker, feed, app_home):
    import os
    import signal
    import subprocess
    import sys

    from helpers import REPO

    relay_config(app_home, broker, feed.url, interval_s=15)
    env = {**os.environ, "SHELTERAPP_RELAY_PASSWORD": RELAY_PASSWORD, "PYTHONPATH": str(REPO)}
    relay = subprocess.Popen(
        [sys.executable, "-m", "shelterapp.cli", "relay", "--json"], env=env, stdout=subprocess.PIPE, text=True
    )
    desk = Desk(broker)
    try:
        first = json.loads(relay.stdout.readline())  # --json: one line per message published
        assert first["topic"] == f"{PREFIX}/state" and desk.next_state().seq == first["payload"]["seq"]
        relay.send_signal(signal.SIGTERM)  # what systemd and docker send
        assert relay.wait(30) == 0
        lost = desk.next(Lost)
    finally:
        desk.close()
        if relay.poll() is None:
            relay.kill()
        relay.stdout.close()
    assert "offline" in lost.error.detail
