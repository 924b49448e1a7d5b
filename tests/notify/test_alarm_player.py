"""The alarm against fake players on PATH (scripts that record their arguments and start time): it plays our
own siren file, repeats until stopped, falls through to the next player, and says so when nothing can play."""

from __future__ import annotations

import gc
import wave

import pytest
from qt_cleanup import dispose

from shelterapp.notify.alarm import Alarm, SoundTrouble
from shelterapp.notify.siren import SoundFiles
from shelterapp.notify.sound import find_players


@pytest.fixture
def make_alarm(tmp_path, qtbot):
    made = []

    def make(**options):
        alarm = Alarm(SoundFiles(tmp_path / "sounds"), gap_ms=options.pop("gap_ms", 10), **options)
        made.append(alarm)
        return alarm

    yield make
    for alarm in made:
        alarm.stop()  # no player process outlives a test
    dispose(*made)
    made.clear()
    gc.collect()  # on the GUI thread, not later on a worker thread


def test_finds_players_on_path_in_the_order_of_preference(fakes):
    fakes.install("aplay")
    fakes.install("pw-play")
    assert [p.name for p in find_players()] == ["pw-play", "aplay"]
    assert find_players(platform="darwin") == []  # afplay only there
    assert [p.name for p in find_players(platform="win32")] == ["winsound"]


def test_repeats_our_siren_until_stopped(fakes, make_alarm, qtbot):
    fakes.install("pw-play")
    alarm = make_alarm()
    alarm.ring(volume=80, repeat=True)
    qtbot.waitUntil(lambda: len(fakes.plays()) >= 3 and alarm.plays >= 2, timeout=20_000)
    plays = fakes.plays()
    assert {p["player"] for p in plays} == {"pw-play"}
    (sound,) = {p["argv"][0] for p in plays}  # the same file each time: the one we wrote
    with wave.open(sound) as file:
        assert file.getnchannels() == 1 and file.getsampwidth() == 2 and file.getnframes() > 0
    assert "siren-v80" in sound
    starts = [p["started"] for p in plays]
    assert starts == sorted(starts)

    with qtbot.waitSignal(alarm.finished, timeout=5000):
        alarm.stop()
    assert not alarm.active
    count = len(fakes.plays())
    qtbot.wait(500)  # longer than a play and the gap: nothing more may start
    assert len(fakes.plays()) == count


def test_plays_once_when_not_repeating(fakes, make_alarm, qtbot):
    fakes.install("paplay")
    alarm = make_alarm()
    with qtbot.waitSignal(alarm.finished, timeout=20_000):
        alarm.ring(volume=30, repeat=False)
    assert [p["player"] for p in fakes.plays()] == ["paplay"]
    assert "siren-v30" in fakes.plays()[0]["argv"][0]
    assert alarm.plays == 1


def test_a_failing_player_hands_over_to_the_next(fakes, make_alarm, qtbot):
    fakes.install("pw-play", exit_code=1, stderr="pw_context_connect() failed: Host is down\n")
    fakes.install("aplay")
    alarm = make_alarm()
    played = []
    alarm.played.connect(lambda player, code: played.append((player, code)))
    with qtbot.waitSignal(alarm.finished, timeout=20_000):
        alarm.ring(volume=80, repeat=False)
    assert played == [("pw-play", 1), ("aplay", 0)]
    assert fakes.plays()[1]["argv"][0] == "-q"  # aplay's quiet flag, then the file


def test_no_player_at_all_is_reported_and_nothing_breaks(fakes, make_alarm, qtbot):
    alarm = make_alarm()
    with qtbot.waitSignal(alarm.unavailable, timeout=5000) as signal:
        alarm.ring(volume=80, repeat=True)
    trouble = signal.args[0]
    assert isinstance(trouble, SoundTrouble) and trouble.found == () and trouble.failures == ()
    assert not alarm.active
    alarm.stop()  # harmless when silent
    alarm.chime(50)  # and the next sound simply tries again


def test_every_player_failing_is_reported_with_each_reason(fakes, make_alarm, qtbot):
    fakes.install("paplay", exit_code=1, stderr="Connection failure: Connection refused\n")
    fakes.install("aplay", exit_code=1, stderr="aplay: main:831: audio open error: cannot find card '0'\n")
    alarm = make_alarm()
    with qtbot.waitSignal(alarm.unavailable, timeout=20_000) as signal:
        alarm.ring(volume=80, repeat=True)
    trouble = signal.args[0]
    assert trouble.found == ("paplay", "aplay")
    assert [(f.player, f.exit_code) for f in trouble.failures] == [("paplay", 1), ("aplay", 1)]
    assert "Connection refused" in trouble.failures[0].error


def test_a_player_installed_later_is_found_at_the_next_alert(fakes, make_alarm, qtbot):
    alarm = make_alarm()
    with qtbot.waitSignal(alarm.unavailable, timeout=5000):
        alarm.ring(volume=80, repeat=False)
    fakes.install("pw-play")
    with qtbot.waitSignal(alarm.finished, timeout=20_000):
        alarm.ring(volume=80, repeat=False)
    assert [p["player"] for p in fakes.plays()] == ["pw-play"]


def test_the_chime_is_its_own_calm_sound(fakes, make_alarm, qtbot):
    fakes.install("pw-play")
    alarm = make_alarm()
    with qtbot.waitSignal(alarm.finished, timeout=20_000):
        alarm.chime(50)
    (play,) = fakes.plays()
    assert "all-clear-v50" in play["argv"][0]


def test_a_sound_file_that_cannot_be_written_is_reported(fakes, tmp_path, qtbot):
    fakes.install("pw-play")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the sound folder should be")
    alarm = Alarm(SoundFiles(blocked / "sounds"))
    with qtbot.waitSignal(alarm.unavailable, timeout=5000) as signal:
        alarm.ring(volume=80, repeat=True)
    assert signal.args[0].detail and fakes.plays() == []
