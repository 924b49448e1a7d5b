"""Alert sources dialog: keys typed go to the caller, untouched ones are kept; regions are ticked."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from shelterapp.alerting.feed_setup import FeedSetup
from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.config import AppConfig, load_config
from shelterapp.desktop.secrets import TokenStore
from shelterapp.paths import default_paths
from shelterapp.settings import load_settings
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.controller import AppController
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.sources_controller import SourcesController
from shelterapp.ui.sources_dialog import SourcesDialog


def test_typed_keys_and_ticked_regions(qtbot):
    dialog = SourcesDialog(build_specs(AppConfig()), {"siren_pp_ua": "ok"}, keyring_ok=False, regions=("31",))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edits["alerts_in_ua"], "my-token")
    assert dialog.tokens() == {"alerts_in_ua": "my-token"}  # Ukraine Alarm untouched: its key is kept
    dialog.region_checks["78"].setChecked(True)
    assert dialog.regions() == ("31", "78")
    dialog.region_checks["31"].setChecked(False)
    dialog.region_checks["78"].setChecked(False)
    assert dialog.regions() == ("31",)  # watching nothing is not an option
    assert dialog.findChild(object, "keyringWarning") is not None  # no keyring: the person is told


def test_regions_fixed_by_config_cannot_be_changed_here(qtbot):
    dialog = SourcesDialog(build_specs(AppConfig()), {}, keyring_ok=True, regions=("79",), regions_fixed=True)
    qtbot.addWidget(dialog)
    assert not dialog.region_checks["31"].isEnabled() and dialog.region_checks["79"].isChecked()


def test_a_key_entered_restarts_the_feeds_with_it_and_the_regions_are_kept(
    qtbot, no_keyring, catalog, settings, app_home, tmp_path, monkeypatch
):
    path = app_home / "config.toml"  # only siren.pp.ua, and alerts.in.ua as shipped: on once it has a key
    off = ("ukraine_alarm", "ubilling", "us_embassy", "fcdo", "state_dept", "canada")
    path.write_text("".join(f"[sources.{name}]\nenabled = false\n" for name in off), encoding="utf-8")
    feeds = FeedSetup(path, TokenStore())
    history = HistoryStore.open(tmp_path / "history.sqlite")
    http = HttpClient()
    specs, regions = feeds.configured(load_config(path), settings.regions)
    service = AlertService(specs, http, history, regions)
    window = MainWindow("en", settings)
    qtbot.addWidget(window)
    controller = AppController(default_paths(), catalog, settings, window, None)
    SourcesController(controller, service, feeds)  # Settings > Alert sources, as app.py wires it
    assert set(service.coordinators) == {"siren_pp_ua"}

    def type_a_key_and_accept(dialog: SourcesDialog) -> QDialog.DialogCode:
        qtbot.keyClicks(dialog.edits["alerts_in_ua"], "my-token")  # typed, as a person does
        dialog.region_checks["78"].setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SourcesDialog, "exec", type_a_key_and_accept)
    window.sources_requested.emit()
    assert set(service.coordinators) == {"siren_pp_ua", "alerts_in_ua"}  # on at once, with the key
    assert service.coordinators["alerts_in_ua"].spec.settings.token == "my-token"
    assert service.regions == ("31", "78")
    assert load_settings(default_paths().settings_file).settings.regions == ("31", "78")  # and remembered
    assert controller.settings.regions == ("31", "78")
    history.close()
    http.close()


def test_the_relay_password_and_health_are_in_the_dialog(qtbot):
    from PySide6.QtWidgets import QLabel

    from shelterapp.config_relay import RelaySourceConfig

    config = AppConfig(relay_source=RelaySourceConfig(url="mqtts://broker.example.org:8883", username="desktop"))
    health = {"relay": "offline"}  # what the controller passes for a relay whose last will arrived
    dialog = SourcesDialog(build_specs(config, lambda _name: ""), health, keyring_ok=True)
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "sourceHealth")
    assert "relay: offline" in label.text()
    qtbot.keyClicks(dialog.edits["relay"], "desk-secret")
    assert dialog.tokens() == {"relay": "desk-secret"}  # goes to the keyring under "relay", never to config.toml


def test_the_notice_for_the_raions_next_to_kyiv_is_a_choice_unless_config_sets_it(qtbot):
    dialog = SourcesDialog(build_specs(AppConfig()), {}, keyring_ok=True, regions=("31",), nearby=True)
    qtbot.addWidget(dialog)
    assert dialog.nearby_check.isChecked() and dialog.nearby_check.isEnabled()
    fixed = SourcesDialog(build_specs(AppConfig()), {}, keyring_ok=True, nearby=False, nearby_fixed=True)
    qtbot.addWidget(fixed)
    assert not fixed.nearby_check.isChecked() and not fixed.nearby_check.isEnabled()
    assert "config.toml" in fixed.nearby_check.accessibleDescription()
