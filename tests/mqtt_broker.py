"""A private Mosquitto for tests and benchmarks: loopback, a random port, TLS with a CA made here, a password
file and an ACL (the relay account writes `<prefix>/#`, desktop accounts only read it).

    with PrivateBroker(tmp_path, accounts={"desk": "pw"}) as broker:
        broker.url            # "mqtts://127.0.0.1:PORT"
        broker.ca_file        # the CA that signed the broker's certificate
        broker.stop(); broker.start()   # the same broker (port, accounts) down and up again

Why a real broker and not a fake: the facts the app relies on (retained state for late subscribers, the last
will on a dropped socket, PUBACK 135 for a denied publish under MQTT v5) are the broker's behaviour.
`mosquitto` is found on PATH or in /usr/sbin (Debian puts it there); `missing_reason()` says why tests skip.
`cryptography` (test extra) makes the CA: an EC P-256 CA and a server certificate for 127.0.0.1 and localhost.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

RELAY_USER = "relay"
RELAY_PASSWORD = "relay-secret"
DESK_USER = "desk"
DESK_PASSWORD = "desk-secret"
PREFIX = "shelterapp/kyiv"


def find_tool(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")


def missing_reason() -> str | None:
    """None when a broker can be started here; else a sentence saying what is missing."""
    for tool in ("mosquitto", "mosquitto_passwd"):
        if find_tool(tool) is None:
            return f"{tool} is not installed (apt-get install mosquitto; packaging/debian-test-packages.txt lists it)"
    try:
        import cryptography  # noqa: F401
    except ImportError:
        return "the cryptography package (test extra) is not installed: it makes the test CA"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_ca(folder: Path) -> tuple[Path, Path, Path]:
    """An EC P-256 CA and a server certificate (SAN 127.0.0.1, localhost) signed by it: (ca, cert, key)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "shelterapp test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True
        )  # digital signature, cert sign, CRL sign
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    ca_path, cert_path, key_path = folder / "ca.crt", folder / "server.crt", folder / "server.key"
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    return ca_path, cert_path, key_path


class PrivateBroker:
    """One mosquitto child process; see the module docstring."""

    def __init__(
        self,
        folder: Path,
        accounts: dict[str, str] | None = None,
        prefix: str = PREFIX,
        tls: bool = True,
        extra_conf: str = "",
    ) -> None:
        reason = missing_reason()
        if reason:
            raise RuntimeError(reason)
        self.folder = folder
        self.prefix = prefix
        self.tls = tls
        self.accounts = {RELAY_USER: RELAY_PASSWORD, DESK_USER: DESK_PASSWORD, **(accounts or {})}
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)
        self.ca_file, cert, key = make_ca(folder / "pki") if tls else (folder / "none", folder, folder)
        self._write_passwords()
        self._write_acl()
        self.conf = folder / "mosquitto.conf"
        lines = [
            "per_listener_settings false",
            "allow_anonymous false",
            f"password_file {folder / 'passwd'}",
            f"acl_file {folder / 'acl'}",
            "persistence false",
            f"log_dest file {folder / 'mosquitto.log'}",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "max_queued_messages 1000",
            "message_size_limit 4194304",
        ]
        if os.geteuid() == 0:  # else mosquitto drops to user "mosquitto", who cannot read our temp key
            lines.append("user root")
        lines.append("listener {port} 127.0.0.1")
        if tls:
            lines += [f"cafile {self.ca_file}", f"certfile {cert}", f"keyfile {key}", "tls_version tlsv1.2"]
        self._conf_template = "\n".join(lines) + "\n" + extra_conf + "\n"

    @property
    def url(self) -> str:
        return f"{'mqtts' if self.tls else 'mqtt'}://127.0.0.1:{self.port}"

    @property
    def log(self) -> str:
        path = self.folder / "mosquitto.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def _write_passwords(self) -> None:
        path = self.folder / "passwd"
        path.write_text("".join(f"{user}:{password}\n" for user, password in self.accounts.items()), encoding="utf-8")
        path.chmod(0o600)
        subprocess.run([find_tool("mosquitto_passwd"), "-U", str(path)], check=True, capture_output=True)

    def _write_acl(self) -> None:
        blocks = [f"user {RELAY_USER}\ntopic readwrite {self.prefix}/#\n"]
        blocks += [f"user {user}\ntopic read {self.prefix}/#\n" for user in self.accounts if user != RELAY_USER]
        (self.folder / "acl").write_text("\n".join(blocks), encoding="utf-8")

    def start(self) -> PrivateBroker:
        for attempt in range(5):  # the port may be taken between free_port() and the bind: pick another
            self.conf.write_text(self._conf_template.replace("{port}", str(self.port)), encoding="utf-8")
            self.process = subprocess.Popen(
                [find_tool("mosquitto"), "-c", str(self.conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            if self._accepting(10.0):
                return self
            self.stop()
            if attempt < 4:
                self.port = free_port()
        raise RuntimeError(f"mosquitto did not start; its log:\n{self.log}")

    def _accepting(self, timeout_s: float) -> bool:
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            if self.process is not None and self.process.poll() is not None:
                return False
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
            time.sleep(0.02)
        return False

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        if self.process.stderr is not None:
            self.process.stderr.close()
        self.process = None

    def __enter__(self) -> PrivateBroker:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
