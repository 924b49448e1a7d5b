"""packaging/relay/ as an administrator would use it: make-certs.sh, the Mosquitto config and ACL we ship (run
for real, paths moved to a temp folder), the compose file, the systemd unit; and the relay runs without Qt."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

import paho.mqtt.client as mqtt
import pytest
import yaml
from helpers import REPO
from mqtt_broker import find_tool, free_port, missing_reason

RELAY_DIR = REPO / "packaging" / "relay"


def _client(port, ca, user, password):
    acks, messages, ready = {}, [], threading.Event()
    client = mqtt.Client(
        mqtt.CallbackAPIVersion.VERSION2,
        client_id=f"{user}-{time.monotonic_ns()}",
        protocol=mqtt.MQTTProtocolVersion.MQTTv5,
    )
    client.username_pw_set(user, password)
    client.tls_set(ca_certs=str(ca))
    client.on_connect = lambda c, _u, _f, rc, _p: (c.subscribe("shelterapp/kyiv/#", 1), ready.set())
    client.on_publish = lambda _c, _u, mid, rc, _p: acks.__setitem__(mid, rc)
    client.on_message = lambda _c, _u, message: messages.append((message.topic, bytes(message.payload)))
    client.connect("localhost", port)  # the certificate names localhost, as make-certs.sh was asked to
    client.loop_start()
    assert ready.wait(10)
    return client, acks, messages


def _accepting(port) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


def test_the_shipped_broker_config_enforces_tls_passwords_and_the_acl(tmp_path):
    reason = missing_reason()
    if reason or shutil.which("openssl") is None:
        pytest.skip(f"cannot run the shipped broker config: {reason or 'openssl is not installed'}")
    work = tmp_path / "relay"
    shutil.copytree(RELAY_DIR, work)
    subprocess.run([str(work / "make-certs.sh"), "localhost", "127.0.0.1"], check=True, capture_output=True)
    passwd = work / "mosquitto" / "passwd"
    passwd.write_text("relay:relay-pw\ndesktop:desk-pw\n", encoding="utf-8")
    subprocess.run([find_tool("mosquitto_passwd"), "-U", str(passwd)], check=True, capture_output=True)
    port = free_port()
    conf = (work / "mosquitto" / "mosquitto.conf").read_text(encoding="utf-8")
    conf = conf.replace("/mosquitto/config/certs/", f"{work}/certs/").replace(
        "/mosquitto/config/", f"{work}/mosquitto/"
    )
    conf = conf.replace("/mosquitto/data/", f"{tmp_path}/").replace("listener 8883", f"listener {port} 127.0.0.1")
    conf = conf.replace("log_dest stdout", f"log_dest file {tmp_path}/mosquitto.log")
    if os.geteuid() == 0:
        conf += "user root\n"
    (tmp_path / "mosquitto.conf").write_text(conf, encoding="utf-8")
    broker = subprocess.Popen([find_tool("mosquitto"), "-c", str(tmp_path / "mosquitto.conf")], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while not _accepting(port):
            assert broker.poll() is None and time.monotonic() < deadline, "the shipped config did not start"
            time.sleep(0.05)
        relay, relay_acks, _ = _client(port, work / "certs" / "ca.crt", "relay", "relay-pw")
        desk, desk_acks, desk_heard = _client(port, work / "certs" / "ca.crt", "desktop", "desk-pw")
        good = relay.publish("shelterapp/kyiv/state", b"from the relay", qos=1, retain=True)
        good.wait_for_publish(10)
        forged = desk.publish("shelterapp/kyiv/state", b"forged", qos=1, retain=True)
        forged.wait_for_publish(10)
        outside = relay.publish("elsewhere/state", b"x", qos=1)  # the relay account is limited to its prefix
        outside.wait_for_publish(10)
        deadline = time.monotonic() + 10
        while len(relay_acks) < 2 or not desk_heard or forged.mid not in desk_acks:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        for client in (relay, desk):
            client.loop_stop()
            client.disconnect()
    finally:
        broker.terminate()
        broker.wait(10)
        broker.stderr.close()
    assert not relay_acks[good.mid].is_failure
    assert desk_acks[forged.mid].value == 135 and relay_acks[outside.mid].value == 135
    assert desk_heard == [("shelterapp/kyiv/state", b"from the relay")]
    log = (tmp_path / "mosquitto.log").read_text(errors="replace")
    assert "Error" not in log and "deprecated" not in log.lower(), log


def test_compose_file_names_files_that_exist():
    compose = yaml.safe_load((RELAY_DIR / "docker-compose.yml").read_text(encoding="utf-8"))
    assert set(compose["services"]) == {"mosquitto", "relay"}
    shipped = [v.split(":")[0] for v in compose["services"]["mosquitto"]["volumes"] if v.startswith("./mosquitto/")]
    assert all((RELAY_DIR / path).exists() for path in shipped if not path.endswith("passwd"))  # passwd is yours
    build = compose["services"]["relay"]["build"]
    assert (RELAY_DIR / build["context"] / build["dockerfile"]).resolve() == (RELAY_DIR / "Dockerfile").resolve()


def test_the_systemd_unit_verifies(tmp_path):
    unit = (RELAY_DIR / "shelterapp-relay.service").read_text(encoding="utf-8")
    assert "ExecStart=/opt/shelterapp/.venv/bin/shelterapp-cli relay" in unit and "KillSignal=SIGTERM" in unit
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed: the unit was only read, not verified")
    cli = shutil.which("shelterapp-cli", path=os.path.dirname(sys.executable)) or "/bin/true"
    local = unit.replace("/opt/shelterapp/.venv/bin/shelterapp-cli", cli)
    local = re.sub(r"EnvironmentFile=.*", "EnvironmentFile=-/nonexistent", local)
    path = tmp_path / "shelterapp-relay.service"
    path.write_text(local, encoding="utf-8")
    result = subprocess.run([analyze, "verify", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_relay_command_imports_no_qt():
    # The Dockerfile installs shelterapp without PySide6: the relay's whole import path must do without it.
    code = (
        "import sys, shelterapp.cli.main, shelterapp.cli.relay, shelterapp.relay.loop;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'geopy', 'openpyxl'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
