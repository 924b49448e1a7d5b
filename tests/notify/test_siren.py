"""Our own sounds: a wail that sweeps 600-1300 Hz without a click where it repeats, a calm chime, real WAV files."""

from __future__ import annotations

import itertools
import wave

from shelterapp.notify import siren


def test_the_siren_sweeps_low_to_high_and_back():
    samples = siren.siren_samples(100)
    assert len(samples) == int(siren.SIREN_SECONDS * siren.RATE)
    # count zero crossings in the first and middle 0.1 s of a sweep: ~600 Hz there, ~1300 Hz at its top
    window = int(0.1 * siren.RATE)

    def hz(start: int) -> float:
        part = samples[start : start + window]
        crossings = sum(1 for a, b in itertools.pairwise(part) if (a < 0) != (b < 0))
        return crossings / 2 / 0.1

    assert 550 < hz(int(0.05 * siren.RATE)) < 750
    assert 1200 < hz(int((siren.SIREN_PERIOD_S / 2 - 0.05) * siren.RATE)) < 1350


def test_no_click_where_the_sweep_repeats():
    samples = siren.siren_samples(100)
    seam = int(siren.SIREN_PERIOD_S * siren.RATE)
    steps = [abs(b - a) for a, b in itertools.pairwise(samples[1000:seam])]
    assert abs(samples[seam] - samples[seam - 1]) <= max(steps)


def test_volume_scales_and_the_ends_fade():
    loud, soft = siren.siren_samples(100), siren.siren_samples(30)
    assert max(loud) > 0.95 * siren.FULL_SCALE and 0.28 * siren.FULL_SCALE < max(soft) < 0.31 * siren.FULL_SCALE
    assert loud[0] == 0 and abs(loud[-1]) < 200


def test_files_are_written_once_per_volume_and_read_back(tmp_path):
    files = siren.SoundFiles(tmp_path)
    path = files.siren(80)
    stamp = path.stat().st_mtime_ns
    assert files.siren(80) == path and path.stat().st_mtime_ns == stamp  # reused, not rewritten
    assert files.siren(30) != path
    with wave.open(str(path)) as file:
        assert (file.getnchannels(), file.getsampwidth(), file.getframerate()) == (1, 2, siren.RATE)
    assert siren.wav_seconds(path) == siren.SIREN_SECONDS
    chime = files.chime(50)
    assert 1.5 <= siren.wav_seconds(chime) <= 3


def test_the_chime_is_softer_than_the_siren_and_decays():
    chime = siren.chime_samples(100)
    quarter = len(chime) // 4
    assert max(abs(s) for s in chime) < max(siren.siren_samples(100))
    assert max(abs(s) for s in chime[-quarter:]) < max(abs(s) for s in chime[:quarter]) / 3
