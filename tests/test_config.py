"""config.toml: the contract's names, overrides applied, every mistake reported while the rest loads."""

from __future__ import annotations

from shelterapp.config import DEFAULT_REGIONS, load_config


def write(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_missing_file_means_defaults(tmp_path):
    config = load_config(tmp_path / "config.toml")
    assert config.sources == {} and config.regions == DEFAULT_REGIONS and config.problems == []


def test_overrides_caps_and_regions(tmp_path):
    config = write(
        tmp_path,
        """
        [sources.siren_pp_ua]
        url = "http://127.0.0.1:8080/api/v3"
        interval_s = 10
        [sources.us_embassy]
        enabled = false
        [[sources.cap]]
        url = "http://127.0.0.1:8080/cap.xml"
        [alerts]
        regions = ["31", "14"]
        """,
    )
    assert config.problems == []
    assert config.sources["siren_pp_ua"].url == "http://127.0.0.1:8080/api/v3"
    assert config.sources["siren_pp_ua"].interval_s == 10.0
    assert config.sources["us_embassy"].enabled is False
    assert config.cap_urls == ["http://127.0.0.1:8080/cap.xml"]
    assert config.regions == ("31", "14")


def test_each_mistake_is_reported_and_the_rest_still_loads(tmp_path):
    config = write(
        tmp_path,
        """
        [sources.siren_pp_ua]
        url = "ftp://example.invalid/x"     # not http(s)
        interval_s = -5                     # not positive
        colour = "red"                      # unknown key
        [sources.fcdo]
        enabled = "yes"                     # not a boolean
        interval_s = 3600
        [sources.twitter]                   # unknown source
        url = "http://127.0.0.1/"
        [alerts]
        regions = ["31", "999"]             # unknown region
        [ui]                                # unknown section
        """,
    )
    text = "\n".join(config.problems)
    for expected in ("sources.siren_pp_ua.url", "interval_s must be", "colour", "sources.fcdo.enabled",
                     "sources.twitter", "'999'", "[ui]"):  # fmt: skip
        assert expected in text
    assert len(config.problems) == 7
    assert config.sources["fcdo"].interval_s == 3600.0 and config.sources["fcdo"].enabled is None
    assert config.regions == ("31",)


def test_broken_toml_is_reported_not_fatal(tmp_path):
    config = write(tmp_path, "[sources.siren_pp_ua\nurl = ")
    assert config.sources == {} and len(config.problems) == 1 and "config.toml" in config.problems[0]


def test_regions_from_the_file_win_over_the_choice_in_the_app(tmp_path):
    from shelterapp.config import effective_regions

    assert effective_regions(load_config(tmp_path / "none.toml"), ("14", "78")) == ("14", "78")
    assert effective_regions(load_config(tmp_path / "none.toml"), ()) == DEFAULT_REGIONS
    assert effective_regions(load_config(tmp_path / "none.toml"), ("bogus",)) == DEFAULT_REGIONS
    fixed = write(tmp_path, '[alerts]\nregions = ["79"]\n')
    assert fixed.regions_in_file and effective_regions(fixed, ("14",)) == ("79",)


def test_shelter_lists_map_and_geocoder_keys(tmp_path):
    config = write(
        tmp_path,
        """
        [sources.kyiv_opendata]
        url = "http://127.0.0.1:8080/layer.geojson"
        interval_s = 86400
        [sources.osm]
        enabled = false
        [map]
        tile_url = "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png"
        tile_cache_mb = 50
        [geocoder]
        url = "http://127.0.0.1:8080/nominatim"
        """,
    )
    assert config.problems == []
    assert config.sources["kyiv_opendata"].url == "http://127.0.0.1:8080/layer.geojson"
    assert config.sources["kyiv_opendata"].interval_s == 86400.0 and config.sources["osm"].enabled is False
    assert config.tile_url == "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png" and config.tile_cache_mb == 50
    assert config.geocoder_url == "http://127.0.0.1:8080/nominatim"


def test_map_and_geocoder_defaults_and_mistakes(tmp_path):
    from shelterapp.config import DEFAULT_GEOCODER_URL, DEFAULT_TILE_CACHE_MB, DEFAULT_TILE_URL

    defaults = load_config(tmp_path / "none.toml")
    assert (defaults.tile_url, defaults.tile_cache_mb, defaults.geocoder_url) == (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png", 200, "https://nominatim.openstreetmap.org",
    )  # fmt: skip
    config = write(
        tmp_path,
        """
        [map]
        tile_url = "http://127.0.0.1/tiles.png"   # no {z}/{x}/{y}: every tile would be the same picture
        tile_cache_mb = true                      # not a number
        zoom = 3                                  # unknown key
        [geocoder]
        url = "nominatim.local"                   # not an http(s) URL
        [sources.osm]
        url = "file:///etc/passwd"                # not http(s)
        """,
    )
    text = "\n".join(config.problems)
    for expected in ("map.tile_url", "map.tile_cache_mb", "map.zoom", "geocoder.url", "sources.osm.url"):
        assert expected in text
    assert len(config.problems) == 5
    assert (config.tile_url, config.tile_cache_mb, config.geocoder_url) == (
        DEFAULT_TILE_URL, DEFAULT_TILE_CACHE_MB, DEFAULT_GEOCODER_URL,
    )  # fmt: skip
    assert write(tmp_path, "[map]\ntile_cache_mb = -1\n").problems  # a negative cache size
    assert write(tmp_path, "map = 3\n").problems == ["[map] must be a table; ignored"]


def test_shelter_lists_are_sources_but_not_polled_feeds():
    from shelterapp.config import SHELTER_LIST_SOURCES, SOURCE_NAMES, AppConfig
    from shelterapp.sources.registry import build_specs

    assert set(SHELTER_LIST_SOURCES) == {"kyiv_opendata", "osm"} and set(SHELTER_LIST_SOURCES) <= set(SOURCE_NAMES)
    assert not {spec.name for spec in build_specs(AppConfig())} & set(SHELTER_LIST_SOURCES)


def test_keyed_sources_refuse_plain_http_to_another_machine(tmp_path):
    # the key goes with every request: over http anyone on the way reads it (issue #12)
    config = write(
        tmp_path,
        """
        [sources.ukraine_alarm]
        url = "http://api.ukrainealarm.example/api/v3"
        [sources.alerts_in_ua]
        url = "http://10.0.0.5:8080"
        [sources.siren_pp_ua]
        url = "http://siren.example/api/v3"     # keyless: plain http is allowed
        """,
    )
    assert "ukraine_alarm" not in config.sources or config.sources["ukraine_alarm"].url is None
    assert config.sources["alerts_in_ua"].url is None  # the default (https) stays
    assert config.sources["siren_pp_ua"].url == "http://siren.example/api/v3"
    assert len(config.problems) == 2
    for name, problem in zip(("ukraine_alarm", "alerts_in_ua"), config.problems, strict=True):
        assert problem.startswith(f"sources.{name}.url must use https") and problem.count(".") <= 3  # one sentence
        assert "\n" not in problem


def test_loopback_may_use_plain_http_for_keyed_sources(tmp_path):
    # tests and a local relay on this machine: nothing crosses a network
    config = write(
        tmp_path,
        """
        [sources.ukraine_alarm]
        url = "http://127.0.0.1:8080/api/v3"
        [sources.alerts_in_ua]
        url = "http://localhost:9000"
        """,
    )
    assert config.problems == []
    assert config.sources["ukraine_alarm"].url == "http://127.0.0.1:8080/api/v3"
    assert config.sources["alerts_in_ua"].url == "http://localhost:9000"


def test_credentials_in_a_url_refuse_plain_http(tmp_path):
    config = write(
        tmp_path,
        """
        [sources.us_embassy]
        url = "http://user:pw@mirror.example/feed"
        [[sources.cap]]
        url = "http://cap.example/feed.xml?token=abc"
        [[sources.cap]]
        url = "https://cap.example/feed.xml?token=abc"
        [map]
        tile_url = "http://tiles.example/{z}/{x}/{y}.png?apikey=abc"
        [geocoder]
        url = "http://me:pw@nominatim.example"
        """,
    )
    assert config.sources["us_embassy"].url is None
    assert config.cap_urls == ["https://cap.example/feed.xml?token=abc"]  # https: fine
    assert config.tile_url.startswith("https://tile.openstreetmap.org")  # the defaults stay
    assert config.geocoder_url.startswith("https://nominatim.openstreetmap.org")
    assert len(config.problems) == 4 and all("plain http" in p for p in config.problems)
    assert not any("abc" in p or "pw@" in p for p in config.problems)  # a problem never repeats the secret


def test_every_source_that_sends_a_key_is_listed_as_keyed():
    from shelterapp.config import FEED_SOURCES, KEYED_SOURCES
    from shelterapp.sources.registry import module_for

    assert {name for name in FEED_SOURCES if module_for(name).NEEDS_TOKEN} == set(KEYED_SOURCES)


def test_nearby_notice_is_on_by_default_and_the_file_wins_when_it_says(tmp_path):
    """Issue #16: [alerts] nearby = true|false, validated like the other keys."""
    from shelterapp.config import effective_nearby
    from shelterapp.settings import Settings

    default = load_config(tmp_path / "none.toml")
    assert Settings().nearby is True and effective_nearby(default, Settings().nearby) is True
    assert effective_nearby(default, False) is False  # the choice made in the app
    off = write(tmp_path, "[alerts]\nnearby = false\n")
    assert off.problems == [] and effective_nearby(off, True) is False
    wrong = write(tmp_path, '[alerts]\nnearby = "yes"\n')
    assert wrong.nearby is None and effective_nearby(wrong, True) is True
    assert wrong.problems == ["alerts.nearby must be true or false; the setting in the app is used"]


def test_alarm_keys_in_alerts_win_over_the_app_and_are_checked(tmp_path):
    from shelterapp.config import effective_alarm
    from shelterapp.settings import AlarmSettings

    config = write(tmp_path, '[alerts]\nsound = false\nfullscreen = false\nquiet_hours = "23:00 - 7:00"\n')
    assert config.problems == []
    chosen = AlarmSettings(sound=True, fullscreen=True, quiet_hours="", volume=60)
    effective = effective_alarm(config, chosen)
    assert (effective.sound, effective.fullscreen, effective.quiet_hours) == (False, False, "23:00-07:00")
    assert effective.volume == 60  # volume and repeat are the app's own settings
    assert effective_alarm(write(tmp_path, ""), chosen) == chosen  # absent: what the person chose
    assert effective_alarm(write(tmp_path, '[alerts]\nquiet_hours = ""\n'), replace_hours(chosen)).quiet_hours == ""


def replace_hours(chosen):
    from dataclasses import replace

    return replace(chosen, quiet_hours="22:00-06:00")


def test_bad_alarm_values_are_problems_and_the_rest_loads(tmp_path):
    config = write(
        tmp_path,
        '[alerts]\nregions = ["14"]\nsound = "loud"\nfullscreen = 1\nquiet_hours = "23:00-25:00"\nvolume = 50\n',
    )
    assert config.regions == ("14",)
    assert (config.sound, config.fullscreen, config.quiet_hours) == (None, None, None)
    assert len(config.problems) == 4
    assert any("alerts.quiet_hours" in p and "time of day" in p for p in config.problems)
    assert any("unknown key alerts.volume" in p for p in config.problems)
