"""Shared by the alert-source tests: recorded payloads, the evening's clock, a local server scripted per poll."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from shelterapp.sources.http import HttpClient

ALERT_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "alerts"

# An answer: a 200 body, or (status, body, headers).
Answer = bytes | tuple[int, bytes, dict[str, str]]


@pytest.fixture(scope="session")
def payload() -> Callable[[str], bytes]:
    """A recorded payload by file name."""
    return lambda name: (ALERT_FIXTURES / name).read_bytes()


@pytest.fixture
def http() -> Iterator[HttpClient]:
    client = HttpClient(deadline_s=5.0, connect_timeout_s=2.0)
    yield client
    client.close()


@pytest.fixture
def serve(httpserver: HTTPServer) -> Callable[[dict[str, Answer]], None]:
    """Replace the local server's answers: {"/path" or "/path?query": answer}. Unlisted paths get 500."""

    def install(routes: dict[str, Answer]) -> None:
        httpserver.clear_all_handlers()
        for route, answer in routes.items():
            path, _, query = route.partition("?")
            status, body, headers = answer if isinstance(answer, tuple) else (200, answer, {})
            httpserver.expect_request(path, query_string=query or None).respond_with_data(
                body, status=status, headers=headers, content_type="application/json"
            )

    return install


@pytest.fixture
def requested(httpserver: HTTPServer) -> Callable[[], list[str]]:
    """The requests the local server has seen so far, as "/path" or "/path?query"."""

    def paths() -> list[str]:
        out = []
        for request, _response in httpserver.log:
            query = request.query_string.decode()
            out.append(request.path + (f"?{query}" if query else ""))
        return out

    return paths
