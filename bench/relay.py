"""Relay fan-out: one relay, a private Mosquitto with TLS on loopback, and 1,000 desktop subscribers in several
processes; from the relay's publish of a change to each subscriber's receipt.

    python bench/relay.py [--subscribers 1000] [--procs 4] [--changes 30] [--json PATH]

The relay is the real `shelterapp-cli relay` (its own process, so its CPU can be read from /proc), polling a
local feed (tools/demo_feed.py) that the bench flips; only siren.pp.ua's polite floor (10 s) is lowered to
0.25 s so a change is seen quickly, as bench/alert_latency.py does. Latency runs from the state's
`published_at` (set by the relay just before it publishes; the same machine, so the same clock) to
`on_message` in the subscriber. Subscribers are paho clients multiplexed on one epoll loop per process (the
TLS trap: read again while `sock.pending()`). Baseline in the same run: the same path with one subscriber.
The broker, the relay, the feed and the subscriber processes all share this machine's cores.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import selectors
import ssl
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests")]  # the private broker (tests/mqtt_broker.py)

from _common import cpu_seconds, machine_line, pct, rss_mb, start_local_server, stop, write_json  # noqa: E402

PREFIX = "shelterapp/kyiv"
_SEQ = re.compile(rb'"seq":(\d+)')
_AT = re.compile(rb'"published_at":"([^"]+)"')


# a subscriber process --------------------------------------------------------------------------------------
def subscriber(port: int, ca: str, user: str, password: str, count: int) -> None:
    """`count` paho clients on one epoll loop; prints "ready" once all subscribed, then on "stop" on stdin a
    JSON list of [seq, published_at_ns, received_ns] for every live (not retained) state message."""
    import paho.mqtt.client as mqtt

    context = ssl.create_default_context(cafile=ca)  # one context for all: tls_set() per client loads the CA again
    selector = selectors.DefaultSelector()
    selector.register(sys.stdin, selectors.EVENT_READ, None)
    received: list[list[int]] = []
    subscribed = [0]

    def on_message(_client, _userdata, message) -> None:  # type: ignore[no-untyped-def]
        now = time.time_ns()
        if message.retain:
            return
        payload = bytes(message.payload)
        seq, at = _SEQ.search(payload), _AT.search(payload)
        if seq and at:
            stamp = datetime.fromisoformat(at.group(1).decode().replace("Z", "+00:00")).timestamp()
            received.append([int(seq.group(1)), round(stamp * 1e9), now])

    clients = []
    for number in range(count):
        client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2,
            client_id=f"bench-{os.getpid()}-{number}",
            protocol=mqtt.MQTTProtocolVersion.MQTTv5,
        )
        client.username_pw_set(user, password)
        client.tls_set_context(context)
        client.on_connect = lambda c, _u, _f, _rc, _p: c.subscribe(f"{PREFIX}/state", 1)
        client.on_subscribe = lambda *_a: subscribed.__setitem__(0, subscribed[0] + 1)
        client.on_message = on_message
        client.connect("127.0.0.1", port, keepalive=120)
        selector.register(client.socket(), selectors.EVENT_READ, client)
        clients.append(client)
    announced = False
    last_misc = time.monotonic()
    while True:
        for key, _events in selector.select(timeout=0.05):
            if key.data is None:
                sys.stdin.readline()
                print(json.dumps(received), flush=True)
                return
            client = key.data
            client.loop_read()
            sock = client.socket()
            while sock is not None and hasattr(sock, "pending") and sock.pending():
                client.loop_read()
        for client in clients:
            if client.want_write():
                client.loop_write()
        if time.monotonic() - last_misc > 1:
            last_misc = time.monotonic()
            for client in clients:
                client.loop_misc()
        if not announced and subscribed[0] == count:
            announced = True
            print("ready", flush=True)


# the relay process -------------------------------------------------------------------------------------------
def relay_child() -> int:
    """`shelterapp-cli relay`, with siren.pp.ua's polite floor lowered for the measurement only."""
    from dataclasses import replace

    from shelterapp.cli.main import main as cli_main
    from shelterapp.sources import siren_pp_ua

    siren_pp_ua.MIN_INTERVAL_S = 0.25
    siren_pp_ua.POLICY = replace(siren_pp_ua.POLICY, per_minute=100_000, min_interval_s=0.25)
    return cli_main(["relay"])


# the bench ---------------------------------------------------------------------------------------------------
def run_phase(broker, feed_base: str, subscribers: int, procs: int, changes: int, relay_pid: int) -> dict:  # type: ignore[no-untyped-def]
    import requests
    from mqtt_broker import DESK_PASSWORD, DESK_USER

    per = [subscribers // procs + (1 if i < subscribers % procs else 0) for i in range(procs)]
    started = time.monotonic()
    children = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--subscriber",
                str(broker.port),
                str(broker.ca_file),
                DESK_USER,
                DESK_PASSWORD,
                str(n),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in per
        if n
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    connect_s = time.monotonic() - started
    broker_rss = rss_mb(broker.process.pid)
    relay_cpu, broker_cpu = cpu_seconds(relay_pid), cpu_seconds(broker.process.pid)
    control = requests.Session()
    wall = time.monotonic()
    for _ in range(changes):
        control.post(f"{feed_base}/flip", timeout=5)
        time.sleep(1.0)  # the relay polls every 0.25 s; a publish reaches 1,000 subscribers in well under this
    relay_cpu, broker_cpu = cpu_seconds(relay_pid) - relay_cpu, cpu_seconds(broker.process.pid) - broker_cpu
    wall = time.monotonic() - wall
    rows: list[list[int]] = []
    for child in children:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write("stop\n")
        child.stdin.flush()
        rows += json.loads(child.stdout.readline())
        child.wait(10)
    latencies = [(received - published) / 1e6 for _seq, published, received in rows]
    by_seq: dict[int, list[float]] = {}
    for (seq, published, received), _ in zip(rows, latencies, strict=True):
        by_seq.setdefault(seq, []).append((received - published) / 1e6)
    last = [max(values) for values in by_seq.values()]
    publishes = len(by_seq)
    return {
        "subscribers": subscribers,
        "procs": len(children),
        "connect_s": connect_s,
        "publishes": publishes,
        "delivered": len(rows),
        "expected": publishes * subscribers,
        "p50_ms": pct(latencies, 0.5),
        "p95_ms": pct(latencies, 0.95),
        "max_ms": max(latencies) if latencies else float("nan"),
        "last_p50_ms": pct(last, 0.5),
        "last_p95_ms": pct(last, 0.95),
        "broker_rss_mb": broker_rss,
        "relay_cpu_ms_per_publish": relay_cpu * 1000 / max(1, publishes),
        "relay_cpu_percent": relay_cpu * 100 / wall,
        "broker_cpu_ms_per_publish": broker_cpu * 1000 / max(1, publishes),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--procs", type=int, default=4)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--json", metavar="PATH")
    parser.add_argument("--subscriber", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--relay-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.subscriber:
        port, ca, user, password, count = args.subscriber
        subscriber(int(port), ca, user, password, int(count))
        return 0
    if args.relay_child:
        return relay_child()

    from mqtt_broker import RELAY_PASSWORD, RELAY_USER, PrivateBroker, missing_reason

    if missing_reason():
        print(f"cannot run: {missing_reason()}", file=sys.stderr)
        return 1
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 8192)), hard))  # 1,000 sockets in the broker
    work = Path(tempfile.mkdtemp(prefix="shelterapp-relay-bench-"))
    broker = PrivateBroker(work / "broker").start()
    feed, feed_base = start_local_server("demo_feed.py")
    home = work / "relay-home"
    home.mkdir()
    off = "\n".join(f"[sources.{n}]\nenabled = false" for n in ("us_embassy", "fcdo", "state_dept", "canada"))
    (home / "config.toml").write_text(
        f'{off}\n[sources.siren_pp_ua]\nurl = "{feed_base}/api/v3"\ninterval_s = 0.25\n'
        f'[relay]\nbroker = "{broker.url}"\nusername = "{RELAY_USER}"\nca_file = "{broker.ca_file}"\n'
        '[alerts]\nregions = ["31"]\n',
        encoding="utf-8",
    )
    env = dict(os.environ, SHELTERAPP_HOME=str(home), SHELTERAPP_RELAY_PASSWORD=RELAY_PASSWORD)
    relay = subprocess.Popen(
        [sys.executable, __file__, "--relay-child"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        time.sleep(3)  # its first poll and publish
        baseline = run_phase(broker, feed_base, 1, 1, min(10, args.changes), relay.pid)
        ours = run_phase(broker, feed_base, args.subscribers, args.procs, args.changes, relay.pid)
    finally:
        relay.terminate()
        relay.wait(10)
        stop(feed)
        broker.stop()
    load = os.getloadavg()[0]
    print(machine_line())
    print(f"load average (1 min) at the end: {load:.2f} on {os.cpu_count()} cores (the bench itself adds to it)")
    print()
    print(f"{'measure':<58}{'1 subscriber':>14}{f'{args.subscribers:,} subscribers':>20}")
    for label, key, fmt in (
        ("processes (subscribers)", "procs", "{:.0f}"),
        ("connect and subscribe, all (s)", "connect_s", "{:.2f}"),
        ("state publishes measured", "publishes", "{:.0f}"),
        ("messages delivered / expected", None, ""),
        ("relay publish -> received p50 (ms)", "p50_ms", "{:.1f}"),
        ("relay publish -> received p95 (ms)", "p95_ms", "{:.1f}"),
        ("relay publish -> received max (ms)", "max_ms", "{:.1f}"),
        ("last subscriber p50 / p95 (ms)", None, ""),
        ("broker RSS (MB)", "broker_rss_mb", "{:.1f}"),
        ("broker CPU per publish (ms)", "broker_cpu_ms_per_publish", "{:.1f}"),
        ("relay CPU per publish (ms; whole process, polls included)", "relay_cpu_ms_per_publish", "{:.1f}"),
        ("relay CPU (% of a core; it polls every 0.25 s here)", "relay_cpu_percent", "{:.2f}"),
    ):
        if label.startswith("messages"):
            cells = [f"{r['delivered']:,}/{r['expected']:,}" for r in (baseline, ours)]
        elif label.startswith("last"):
            cells = [f"{r['last_p50_ms']:.1f} / {r['last_p95_ms']:.1f}" for r in (baseline, ours)]
        else:
            cells = [fmt.format(r[key]) for r in (baseline, ours)]
        print(f"{label[:58]:<58}{cells[0]:>14}{cells[1]:>20}")
    met = ours["p95_ms"] < 100 and ours["delivered"] == ours["expected"]
    print()
    print(f"target: p95 < 100 ms with every message delivered: {'MET' if met else 'MISSED'}")
    write_json(args.json, {"baseline": baseline, "ours": ours, "load": load, "met": met})
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
