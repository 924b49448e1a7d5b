"""Credentials written into a URL never reach a screen or a log; loopback is this machine."""

from __future__ import annotations

import logging

import pytest

from shelterapp.urls import host_of, in_clear, is_loopback, redact, redact_text


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:s3cret@feeds.example/api", "https://***@feeds.example/api"),
        ("https://feeds.example/api?token=s3cret&region=31", "https://feeds.example/api?token=***&region=31"),
        ("https://tiles.example/{z}/{x}/{y}.png?apikey=s3cret", "https://tiles.example/{z}/{x}/{y}.png?apikey=***"),
        ("https://geo.example/search?q=x&api_key=s3cret#top", "https://geo.example/search?q=x&api_key=***#top"),
        ("https://geo.example/?ACCESS_TOKEN=s3cret", "https://geo.example/?ACCESS_TOKEN=***"),
        ("https://siren.pp.ua/api/v3", "https://siren.pp.ua/api/v3"),  # nothing secret: unchanged
    ],
)
def test_redact(url, shown):
    assert redact(url) == shown and "s3cret" not in shown


def test_redact_text_finds_urls_inside_a_sentence():
    line = "GET https://a:b@x.example/p?key=zz failed; retry http://y.example/q?sig=ww&n=1"
    assert redact_text(line) == "GET https://***@x.example/p?key=*** failed; retry http://y.example/q?sig=***&n=1"


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8080/", True),
        ("http://127.5.6.7/", True),
        ("http://[::1]:9/", True),
        ("http://localhost/", True),
        ("http://LOCALHOST./", True),
        ("http://10.0.0.5/", False),
        ("http://localhost.example.com/", False),  # a name that only starts like it
        ("http://127.0.0.1.nip.io/", False),
    ],
)
def test_is_loopback(url, loopback):
    assert is_loopback(url) is loopback


def test_in_clear():
    assert in_clear("http://api.example/x", keyed=True)
    assert not in_clear("https://api.example/x", keyed=True)
    assert not in_clear("http://127.0.0.1/x", keyed=True)
    assert not in_clear("http://api.example/x", keyed=False)
    assert in_clear("http://u:p@api.example/x", keyed=False) and in_clear("http://api.example/x?token=1", keyed=False)
    assert host_of("https://u:p@api.example:8443/x") == "api.example:8443"


def test_the_log_never_holds_credentials_written_into_a_url(tmp_path):
    from shelterapp.logs import setup_logging
    from shelterapp.paths import Paths

    paths = Paths(tmp_path, tmp_path / "data", tmp_path / "cache", tmp_path / "logs")
    setup_logging(paths)
    try:
        logging.getLogger("shelterapp.test").warning("fetching %s", "https://me:pw123@x.example/?token=tk456")
        try:
            raise ValueError("https://me:pw123@x.example/?token=tk456")
        except ValueError:
            logging.getLogger("shelterapp.test").exception("failed")
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = paths.log_file.read_text(encoding="utf-8")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_shelterapp", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert "https://***@x.example/?token=***" in text
    assert "pw123" not in text and "tk456" not in text
