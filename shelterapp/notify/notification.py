"""What a notification is, without Qt: the caller's request (Notification) and what a server said of itself
(ServerInformation). Qt-free so that protocol.py, and through it `shelterapp-cli`, can use them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

APP_NAME = "shelterapp"


class Urgency(IntEnum):
    """The freedesktop urgency levels; the value is the byte sent in the "urgency" hint."""

    LOW = 0
    NORMAL = 1
    CRITICAL = 2


@dataclass(frozen=True)
class Notification:
    key: str  # dedupe key chosen by the caller, e.g. "alert-start:31:2026-09-22T19:12:00Z"
    title: str
    body: str  # plain text; escaped where the server reads markup
    urgency: Urgency
    actions: tuple[tuple[str, str], ...] = ()  # (action_key, label), e.g. (("show_shelters", "Show shelters"),)
    sound: str = ""  # freedesktop sound name, e.g. "alarm-clock-elapsed"; "" for none
    silent: bool = False  # ask the server not to play even its default sound ("suppress-sound")
    category: str = ""  # e.g. "x-shelterapp.alert"
    timeout_ms: int = -1  # -1 server default; 0 never expires (critical alerts)


@dataclass(frozen=True)
class ServerInformation:
    """The notification server as it describes itself (GetServerInformation, GetCapabilities): what a drill
    reports, and what decides how we talk to it (actions only if "actions", markup escaped if "body-markup")."""

    name: str  # e.g. "dunst", "gnome-shell", "Plasma"
    vendor: str
    version: str
    spec_version: str  # the notification spec version it implements, e.g. "1.2"
    capabilities: frozenset[str] = frozenset()
