"""JSON from bytes nobody vouches for (feeds, downloads, imported files): the one reader every parser uses.

Each caller names its own error, so a feed raises BadData (a failure kind the app can say) and the importer
its UnreadableFile, while the checks stay in one place: empty bodies, an HTML page where JSON was due
(captive portals, error pages), truncation, bad encodings and absurd nesting. A UTF-8 byte-order mark,
which some servers send, is allowed (json.loads detects it on bytes).
"""

from __future__ import annotations

import json
from collections.abc import Callable


def load_json(body: bytes | str, what: str, error: Callable[[str], Exception]) -> object:
    """The decoded JSON value; raises `error("<what>: <why>")` when `body` is not one JSON document, with the
    reason chained as its cause (a caller may retry a UnicodeDecodeError with repaired text)."""
    if not body.strip():
        raise error(f"{what}: empty")
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        head = body[:64] if isinstance(body, str) else body[:64].decode("latin-1")
        kind = "HTML instead of JSON" if head.lstrip("\ufeff\xef\xbb\xbf \t\r\n").startswith("<") else "malformed JSON"
        raise error(f"{what}: {kind} ({type(exc).__name__})") from exc
