"""URLs as the app shows and checks them: credentials written into a URL never reach a screen or a log.

A URL in config.toml may carry a secret: `https://user:password@host/...` or a key in its query
(`?apikey=...`, `&token=...`, as tile and geocoding services ask). `redact` hides both wherever a URL is
printed; `redact_text` does the same inside free text (a log line, a traceback). `in_clear` says when a URL
would send its secret over plain http to another machine, which config.py refuses. Loopback (127.0.0.0/8,
::1, localhost) is this machine: plain http there never crosses a network (tests, a local relay).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

HIDDEN = "***"
# Query parameter names that carry secrets: api_key, apikey, key, access_token, token, secret, password,
# auth, sig, signature, client_secret... (a harmless parameter that matches is hidden too: no harm done)
_SECRET_NAME = r"[^=&#\s\"'<>]*(?:key|token|secret|pass|pwd|auth|sig|credential|session)[^=&#\s\"'<>]*"
_SECRET_PARAM = re.compile(rf"(?i)([?&;]{_SECRET_NAME}=)([^&#\s\"'<>]+)")
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s@\"'<>]+@")


def redact(url: str) -> str:
    """The URL with any user:password@ and the values of secret-looking query parameters replaced by ***."""
    return redact_text(url)


def redact_text(text: str) -> str:
    """Every URL in `text` redacted as `redact` does (for log lines and error texts)."""
    if "://" not in text and "=" not in text:
        return text
    return _SECRET_PARAM.sub(rf"\1{HIDDEN}", _USERINFO.sub(rf"\1{HIDDEN}@", text))


def has_credentials(url: str) -> bool:
    return redact(url) != url


def host_of(url: str) -> str:
    """host[:port] without user:password@: what a person may be shown of where a URL goes."""
    return urlsplit(url).netloc.rsplit("@", 1)[-1]


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def in_clear(url: str, *, keyed: bool) -> bool:
    """True when a request to `url` would carry a secret in clear across a network: plain http to another
    machine, for a source that sends a key (keyed) or a URL with credentials written into it."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "http" or is_loopback(url):
        return False
    return keyed or has_credentials(url)
