"""Settings > Alert sources applied the way a start applies it: config.toml read again, keys from the keyring."""

from __future__ import annotations

from helpers import write_config

from shelterapp.alerting.feed_setup import FeedSetup
from shelterapp.config import load_config
from shelterapp.desktop.secrets import TokenStore


def enabled(specs) -> dict[str, str]:
    """The alert feeds that will run, with their keys."""
    return {spec.name: spec.settings.token for spec in specs if spec.settings.enabled and spec.kind == "alerts"}


def test_a_key_kept_for_the_session_is_still_there_the_next_time(no_keyring, app_home):
    # No keyring: a key lives until the app quits. It must survive the dialog being opened a second time.
    config = app_home / "config.toml"
    config.write_text("[sources.us_embassy]\nenabled = false\n", encoding="utf-8")  # the rest as shipped
    setup = FeedSetup(config, TokenStore())
    assert not setup.tokens_persistent
    setup.save_tokens({"alerts_in_ua": "my-token"})
    specs, _regions = setup.reloaded(("31",))
    assert enabled(specs) == {"siren_pp_ua": "", "alerts_in_ua": "my-token"}  # a key turns its source on
    setup.save_tokens({})  # the dialog again, key untouched
    assert enabled(setup.reloaded(("31",))[0])["alerts_in_ua"] == "my-token"
    setup.save_tokens({"alerts_in_ua": ""})  # removed
    assert "alerts_in_ua" not in enabled(setup.reloaded(("31",))[0])


def test_config_toml_is_read_again_and_its_regions_win(no_keyring, app_home):
    path = write_config(app_home, {"siren_pp_ua": {}})
    setup = FeedSetup(path, TokenStore())
    specs, regions = setup.configured(load_config(path), ("14",))
    assert regions == ("14",) and not setup.regions_in_file()  # the person's choice
    write_config(app_home, {"siren_pp_ua": {}, "ubilling": {}}, extra='[alerts]\nregions = ["79"]\n')
    assert setup.regions_in_file()
    specs, regions = setup.reloaded(("14",))
    assert regions == ("79",) and "ubilling" in enabled(specs)  # edited meanwhile: applies now


def test_the_notice_for_the_raions_next_to_kyiv_follows_config_toml_when_it_says(no_keyring, app_home):
    path = write_config(app_home, {"siren_pp_ua": {}})
    setup = FeedSetup(path, TokenStore())
    assert not setup.nearby_in_file() and setup.nearby(True) and not setup.nearby(False)  # the person's choice
    write_config(app_home, {"siren_pp_ua": {}}, extra="[alerts]\nnearby = false\n")
    assert setup.nearby_in_file() and not setup.nearby(True)  # edited meanwhile: applies now
