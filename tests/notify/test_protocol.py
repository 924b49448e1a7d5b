"""The notification protocol without Qt: messages as they go on the wire, the session bus address, the blocking
helpers a command-line drill can use, and the rule that nothing in shelterapp reaches C++ through ctypes."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jeepney import HeaderFields, Message
from notify_helpers import ALERT, plain

from shelterapp.notify.notification import Notification, Urgency
from shelterapp.notify.protocol import NOTIFY_SIGNATURE, notify_call, query_server, send_notification
from shelterapp.notify.wire import BusSocket, BusUnavailable, session_bus_address

PACKAGE = Path(__file__).resolve().parents[2] / "shelterapp"
QT_FREE = ("shelterapp.notify.notification", "shelterapp.notify.wire", "shelterapp.notify.protocol")


def on_the_wire(message: Message) -> Message:
    """The message as a server parses it: serialised, then read back."""
    return Message.from_buffer(message.serialise(serial=1))


def test_a_notify_call_carries_exact_types_without_any_bus():
    sent = on_the_wire(notify_call(ALERT, frozenset({"actions"})))

    assert sent.header.fields[HeaderFields.signature] == NOTIFY_SIGNATURE
    app_name, replaces_id, _icon, summary, body, actions, hints, expire_timeout = sent.body
    assert (app_name, replaces_id, summary, body) == ("shelterapp", 0, ALERT.title, ALERT.body)
    assert actions == ["show_shelters", "Show shelters"]
    assert hints["urgency"] == ("y", 2)
    assert hints["sound-name"] == ("s", "alarm-clock-elapsed")
    assert "suppress-sound" not in hints  # an alert may sound
    assert expire_timeout == 0


def test_text_a_feed_could_send_cannot_break_the_message():
    # A NUL makes the bus daemon drop the whole connection; a lone surrogate cannot be encoded at all.
    hostile = Notification("advisory:x", "Drones\0 near Kyiv", "Take cover \ud800now", Urgency.NORMAL)

    sent = on_the_wire(notify_call(hostile, frozenset()))

    assert sent.body[3] == "Drones near Kyiv"
    assert sent.body[4] == "Take cover ?now"


@pytest.mark.parametrize(
    ("environ", "address"),
    [
        ({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/bus"}, "unix:path=/run/bus"),  # what every session sets
        ({"XDG_RUNTIME_DIR": "RUNTIME"}, "unix:path=RUNTIME/bus"),  # systemd user bus, variable not exported
    ],
)
def test_the_session_bus_is_found_where_libdbus_finds_it(tmp_path, environ, address):
    runtime = tmp_path / "run user"
    runtime.mkdir()
    (runtime / "bus").touch()
    environ = {k: v.replace("RUNTIME", str(runtime)) for k, v in environ.items()}

    found = session_bus_address(environ)

    assert found == address.replace("RUNTIME", str(runtime).replace(" ", "%20"))


def test_no_session_bus_is_a_clear_error(tmp_path):
    with pytest.raises(BusUnavailable, match="DBUS_SESSION_BUS_ADDRESS"):
        session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)})
    with pytest.raises(BusUnavailable, match="FileNotFoundError"):
        BusSocket.open(f"unix:path={tmp_path}/nothing-here", timeout_s=1)
    with pytest.raises(BusUnavailable, match="unusable bus address"):
        BusSocket.open("tcp:host=127.0.0.1,port=1", timeout_s=1)


def test_a_command_line_drill_can_ask_the_server_and_deliver_without_qt(start_notification_server):
    fake = start_notification_server(capabilities=("body", "body-markup"))

    server = query_server(address=fake.address)
    delivered_to, notification_id = send_notification(plain("drill:1", body="DRILL <test>"), address=fake.address)

    assert (server.name, server.version, server.spec_version) == ("fake", "1.0", "1.2")
    assert server.capabilities == {"body", "body-markup"}
    assert delivered_to == server
    (sent,) = fake.notifications()
    assert (sent["id"], sent["body"]) == (notification_id, "DRILL &lt;test&gt;")


def test_the_command_line_helpers_load_no_qt():
    code = f"import sys; import {', '.join(QT_FREE)}; print(sorted(m for m in sys.modules if 'PySide6' in m))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_nothing_reaches_cpp_through_ctypes():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        imported = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
        by_name = re.search(r"""(__import__|import_module)\(\s*['"]_?ctypes""", source)  # imported at run time
        if imported & {"ctypes", "_ctypes", "cffi"} or by_name:
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
