"""The app's own sounds, synthesised by this code (no copied audio): a siren-like wail and a calm all-clear chime.

Written once per volume step as 16-bit mono WAV files in the cache folder (so every player, aplay and winsound
included, plays the volume we chose without a volume option of its own); a file that exists is reused.
The wail follows ../shared/research/desktop-alerts.md 2c: 600 -> 1300 Hz on a raised-cosine sweep with a 2 s
period. Its mean frequency times the period is a whole number of cycles (950 Hz x 2 s = 1900), so one period is
computed and repeated without a click, which keeps the first run's synthesis to tens of milliseconds.
"""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

from shelterapp.storage.atomic import write_atomic

RATE = 22_050  # plenty for 600-1300 Hz and half the work of 44.1 kHz
SIREN_LOW_HZ, SIREN_HIGH_HZ, SIREN_PERIOD_S = 600.0, 1300.0, 2.0
SIREN_SECONDS = 4.0
CHIME_NOTES = ((659.25, 0.0), (523.25, 0.45))  # E5 then C5 (Hz, start s): a soft "ding-dong"
CHIME_SECONDS = 2.0
FADE_S = 0.05  # against clicks at both ends
FULL_SCALE = 32_000
VERSION = 1  # part of the file names: a new synthesis never reuses an old file


def siren_samples(volume: int, seconds: float = SIREN_SECONDS) -> array[int]:
    period = _siren_period()
    repeats = math.ceil(seconds / SIREN_PERIOD_S)
    samples = (period * repeats)[: int(seconds * RATE)]
    return _scaled(samples, volume)


def _siren_period() -> array[float]:
    """One sweep period of the wail at full scale, phase continuous with the next one. In C doubles, not a list
    of Python floats: the app makes it once while it idles, and a list of 44,100 floats kept 2 MB of its RSS."""
    count = int(SIREN_PERIOD_S * RATE)
    span, step = SIREN_HIGH_HZ - SIREN_LOW_HZ, 2 * math.pi / RATE
    samples = array("d", bytes(8 * count))
    phase = 0.0
    for i in range(count):
        frequency = SIREN_LOW_HZ + span * 0.5 * (1 - math.cos(2 * math.pi * i / count))
        phase += step * frequency
        samples[i] = math.sin(phase)
    return samples


def chime_samples(volume: int) -> array[int]:
    count = int(CHIME_SECONDS * RATE)
    samples = array("d", bytes(8 * count))
    for frequency, start_s in CHIME_NOTES:
        start = int(start_s * RATE)
        for i in range(count - start):
            t = i / RATE
            decay = math.exp(-3.2 * t)  # a struck bell: loud at once, then fading
            tone = math.sin(2 * math.pi * frequency * t) + 0.25 * math.sin(4 * math.pi * frequency * t)
            samples[start + i] += 0.45 * decay * tone
    return _scaled(samples, volume)


def _scaled(samples: array[float], volume: int) -> array[int]:
    gain = FULL_SCALE * max(0, min(100, volume)) / 100
    fade = max(1, int(FADE_S * RATE))
    count = len(samples)
    out = array("h", (int(gain * s) for s in samples))
    for i in range(min(fade, count)):
        share = i / fade
        out[i] = int(out[i] * share)
        out[count - 1 - i] = int(out[count - 1 - i] * share)
    return out


def wav_bytes(samples: array[int]) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        data = array("h", samples)
        if sys.byteorder == "big":
            data.byteswap()  # WAV is little-endian
        out.writeframes(data.tobytes())
    return buffer.getvalue()


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as file:
        return file.getnframes() / file.getframerate()


class SoundFiles:
    """The siren and the chime at a given volume, written on first use into `directory` (the cache)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def siren(self, volume: int) -> Path:
        return self._file(f"siren-v{volume}-{VERSION}.wav", lambda: siren_samples(volume))

    def chime(self, volume: int) -> Path:
        return self._file(f"all-clear-v{volume}-{VERSION}.wav", lambda: chime_samples(volume))

    def _file(self, name: str, make: Callable[[], array[int]]) -> Path:
        path = self.directory / name
        if not path.is_file():
            write_atomic(path, wav_bytes(make()))
        return path
