import json
import os

import pytest

from shelterapp.settings import SETTINGS_VERSION, Location, Settings, load_settings, save_settings


def test_round_trip_keeps_every_setting(tmp_path):
    path = tmp_path / "settings.json"
    original = Settings(
        location=Location(50.45, 30.52, "Хрещатик"), language="uk", kinds=("metro",), accessible_only=True
    )
    save_settings(path, original)
    assert load_settings(path).settings == original
    assert json.loads(path.read_text())["version"] == SETTINGS_VERSION


def test_missing_file_gives_defaults(tmp_path):
    report = load_settings(tmp_path / "nope.json")
    assert report.settings == Settings() and not report.problem


def test_garbage_file_is_set_aside_not_overwritten(tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(b"\x00{not json")
    report = load_settings(path)
    assert report.settings == Settings()
    assert report.problem == "unreadable"
    assert report.set_aside_as is not None and report.set_aside_as.read_bytes() == b"\x00{not json"
    assert not path.exists()


def test_wrong_types_fall_back_one_by_one(tmp_path):
    # A hand-edited file with one bad value must not cost the user their location.
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"version": 1, "location": {"lat": 50.4, "lon": 30.5}, "language": 42, "accessible_only": "yes"})
    )
    settings = load_settings(path).settings
    assert settings.location == Location(50.4, 30.5, "")
    assert settings.language == "auto" and settings.accessible_only is False


def test_impossible_location_is_dropped(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"location": {"lat": 123, "lon": 30.5}}))
    assert load_settings(path).settings.location is None


def test_unknown_keys_from_a_newer_version_survive_a_save(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "saved_places": [{"name": "home"}]}))
    settings = load_settings(path).settings
    save_settings(path, settings)
    assert json.loads(path.read_text())["saved_places"] == [{"name": "home"}]


def test_failed_save_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    path = folder / "settings.json"
    save_settings(path, Settings(language="uk"))

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        save_settings(path, Settings(language="en"))
    monkeypatch.undo()
    assert load_settings(path).settings.language == "uk"
    assert [p.name for p in folder.iterdir()] == ["settings.json"]  # no temp file left behind


def test_saved_places_round_trip_in_order(tmp_path):
    # Home, work and school are the places a person comes back to: they must survive a restart, in order.
    path = tmp_path / "settings.json"
    places = (Location(50.45, 30.52, "Дім"), Location(50.43, 30.54, "Work"), Location(50.40, 30.60, "École"))
    save_settings(path, Settings(places=places, online_search=True, geocode_shelters=True))
    loaded = load_settings(path).settings
    assert loaded.places == places
    assert loaded.online_search is True and loaded.geocode_shelters is True


def test_bad_places_are_dropped_one_by_one(tmp_path):
    # One hand-edited broken place must not cost the others; a place needs a name; a name appears once.
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "places": [
                    {"lat": 50.45, "lon": 30.52, "label": "Home"},
                    {"lat": "north", "lon": 30.5, "label": "Broken"},
                    {"lat": 50.40, "lon": 30.50, "label": ""},
                    "not a place",
                    {"lat": 50.41, "lon": 30.51, "label": "Home"},
                ]
            }
        )
    )
    places = load_settings(path).settings.places
    assert [(p.label, p.lat) for p in places] == [("Home", 50.41)]


def test_opt_ins_default_off():
    # Nothing typed or stored leaves the machine unless the person turns it on.
    assert Settings().online_search is False and Settings().geocode_shelters is False


def test_theme_round_trips(tmp_path):
    # Someone who needs high contrast must not have to switch it on again after every restart.
    path = tmp_path / "settings.json"
    save_settings(path, Settings(theme="high_contrast"))
    assert load_settings(path).settings.theme == "high_contrast"


@pytest.mark.parametrize("value", ["dark", "", 1, None, ["high_contrast"]])
def test_unknown_theme_falls_back_to_system(tmp_path, value):
    # A typo or a theme from a newer version must not leave the window unreadable: the platform look is safe.
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "theme": value, "language": "uk"}))
    settings = load_settings(path).settings
    assert settings.theme == "system" and settings.language == "uk"
    assert "theme" not in settings.extra


def test_the_nearby_notice_choice_is_kept_and_a_wrong_type_falls_back_to_on(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(path, Settings(nearby=False))
    assert load_settings(path).settings.nearby is False
    path.write_text(json.dumps({"version": 1, "nearby": "no"}))
    assert load_settings(path).settings.nearby is True


def test_alarm_settings_round_trip_and_default_to_loud_full_screen_no_reminder(tmp_path):
    from shelterapp.settings import AlarmSettings

    defaults = Settings().alarm
    assert defaults.sound and defaults.repeat and defaults.fullscreen and not defaults.drill_reminder
    assert defaults.quiet_hours == ""  # no quiet hours until the person sets them
    path = tmp_path / "settings.json"
    chosen = Settings(alarm=AlarmSettings(volume=40, repeat=False, quiet_hours="22:30-06:30", drill_reminder=True))
    save_settings(path, chosen)
    assert load_settings(path).settings == chosen


def test_a_wrong_alarm_value_loses_only_itself(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"alarm": {"sound": "yes", "volume": True, "repeat": False, "fullscreen": 0}}))
    alarm = load_settings(path).settings.alarm
    assert (alarm.sound, alarm.volume, alarm.repeat, alarm.fullscreen) == (True, 80, False, True)
