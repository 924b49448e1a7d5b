"""The requests Session behind HttpClient, whose connections hand their socket to the request's deadline watchdog.

Apart from http.py so that importing the client (and building one) costs nothing: this module is what imports
requests and urllib3, on the first request, on the worker thread that makes it (see HttpClient.session).
"""

from __future__ import annotations

import contextlib
import socket
import threading

import requests
import urllib3.connection
import urllib3.connectionpool
from requests.adapters import HTTPAdapter

watched = threading.local()  # .watch: the Watch of the request this thread is making, for its watchdog


class Watch:
    """Holds the socket of one request so a timer on another thread can cut it at the deadline."""

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.fired = False
        self._lock = threading.Lock()
        self._done = False

    def attach(self, sock: socket.socket | None) -> None:
        with self._lock:
            self.sock = sock
            if self.fired:
                self._cut()

    def fire(self) -> None:
        with self._lock:
            if self._done:  # the request ended first: its socket may be back in the pool, serving another
                return
            self.fired = True
            self._cut()

    def disarm(self) -> bool:
        """The request is over: no cut from now on. True when the watchdog cut it (its body is not whole)."""
        with self._lock:
            self._done = True
            return self.fired

    def _cut(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    def getresponse(self) -> urllib3.response.HTTPResponse:  # type: ignore[override]
        watch = getattr(watched, "watch", None)
        if watch is not None:
            watch.attach(self.sock)
        return super().getresponse()


class _WatchedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def getresponse(self) -> urllib3.response.HTTPResponse:  # type: ignore[override]
        watch = getattr(watched, "watch", None)
        if watch is not None:
            watch.attach(self.sock)
        return super().getresponse()


class _WatchedHTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


def watched_session(session: requests.Session | None, user_agent: str) -> requests.Session:
    """`session` (a new one when None) with our User-Agent and the watched connections for http and https."""
    session = session or requests.Session()
    session.headers["User-Agent"] = user_agent
    for scheme in ("http://", "https://"):
        session.mount(scheme, _WatchedAdapter())
    return session
