"""Drives the geocoding run: one row per step on the thread pool, paced by the service's RateGate with a
QTimer (the GUI thread never sleeps), pausable, backing off on failures and pausing itself when they
persist. Answers go to the cache as they come, so a stopped or crashed run resumes where it was.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from shelterapp.background import run_in_background
from shelterapp.shelters.geocode_cache import GeocodeCache
from shelterapp.shelters.geocode_job import GeocodeFailure, GeocodeJob
from shelterapp.shelters.model import Shelter
from shelterapp.sources.errors import RATE_LIMIT_FLOOR_S, FailureKind, SourceError
from shelterapp.sources.nominatim import NominatimGeocoder

log = logging.getLogger(__name__)

MAX_FAILURES = 5  # failed requests in a row before the run pauses itself and says why
BACKOFF_BASE_S = 5.0
MAX_BACKOFF_S = 10 * 60.0
_STOP_AT_ONCE = (FailureKind.AUTH,)  # blocked or refused: retrying cannot help until the settings change


class GeocodeService(QObject):
    """Signals: progress(int done, int total), position_found(str shelter_id, float lat, float lon),
    finished(), failed(str reason) where reason is a FailureKind value and the run is now paused."""

    progress = Signal(int, int)
    position_found = Signal(str, float, float)
    finished = Signal()
    failed = Signal(str)

    def __init__(
        self,
        geocoder: NominatimGeocoder,
        cache: GeocodeCache,
        *,
        backoff_base_s: float = BACKOFF_BASE_S,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._geocoder = geocoder
        self._cache = cache
        self._backoff_base_s = backoff_base_s
        self._pool = pool
        self._job: GeocodeJob | None = None
        self._run = 0  # bumped by start/stop: answers from an older run are dropped
        self._running = False
        self._paused = False
        self._busy = False
        self._failures_in_row = 0
        self.last_error: SourceError | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._step)

    @property
    def is_running(self) -> bool:
        """True from start() until finished or stop(), paused or not."""
        return self._running

    @property
    def is_paused(self) -> bool:
        return self._paused

    @property
    def progress_now(self) -> tuple[int, int]:
        return self._job.progress if self._job is not None else (0, 0)

    @property
    def next_step_ms(self) -> int:
        """Milliseconds until the next request is due; -1 when none is scheduled (paused, stopped, waiting)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def failures(self) -> list[GeocodeFailure]:
        """Rows that could not be placed (this run and, from the cache, earlier ones)."""
        return self._job.failures() if self._job is not None else []

    def start(self, shelters: Iterable[Shelter]) -> None:
        """Place every row of `shelters` without a position; a run already going is replaced."""
        self.stop()
        self._running = True
        self._failures_in_row = 0
        self.last_error = None
        run = self._run
        rows, cache, geocode = list(shelters), self._cache, self._geocoder.geocode
        run_in_background(
            lambda: GeocodeJob(rows, cache, geocode),  # reads the cache for every row: not on the GUI thread
            lambda job: self._job_ready(run, job),
            lambda error: self._step_failed(run, error),
            pool=self._pool,
        )

    def pause(self) -> None:
        """No request after the one in flight (if any) until resume()."""
        if self._running:
            self._paused = True
            self._timer.stop()

    def resume(self) -> None:
        if self._running and self._paused:
            self._paused = False
            self._failures_in_row = 0
            self._schedule(0.0)

    def stop(self) -> None:
        """End the run; an answer on its way is still cached but not reported."""
        self._run += 1
        self._running = False
        self._paused = False
        self._busy = False
        self._timer.stop()

    def _job_ready(self, run: int, job: GeocodeJob) -> None:
        if run != self._run:
            return
        self._job = job
        log.info("geocoding: %d of %d rows already answered, %d with nothing to look up", *job.progress, job.skipped)
        self.progress.emit(*job.progress)
        self._continue()

    def _continue(self) -> None:
        assert self._job is not None
        if self._job.finished:
            self._running = False
            self._paused = False
            self.finished.emit()
        elif not self._paused:
            self._schedule(0.0)

    def _schedule(self, delay_s: float) -> None:
        """Wake when both `delay_s` and the rate gate allow, so the worker does not wait inside the gate."""
        if self._paused or not self._running:
            return
        seconds = max(delay_s, self._geocoder.gate.delay_s())
        self._timer.start(max(0, round(seconds * 1000)))

    def _step(self) -> None:
        job = self._job
        if job is None or self._busy or self._paused or not self._running:
            return
        self._busy = True
        run = self._run
        run_in_background(
            job.step,
            lambda placed: self._stepped(run, placed),
            lambda error: self._step_failed(run, error),
            pool=self._pool,
        )

    def _stepped(self, run: int, placed: list[Shelter]) -> None:
        if run != self._run:
            return
        self._busy = False
        if self._failures_in_row:
            log.info("geocoding is back after %d failed requests", self._failures_in_row)
        self._failures_in_row = 0
        self.last_error = None
        for shelter in placed:
            if shelter.lat is not None and shelter.lon is not None:
                self.position_found.emit(shelter.id, shelter.lat, shelter.lon)
        assert self._job is not None
        self.progress.emit(*self._job.progress)
        self._continue()

    def _step_failed(self, run: int, error: BaseException) -> None:
        if run != self._run:
            return
        self._busy = False
        if not isinstance(error, SourceError):  # a bug, not the service: logged with its trace, run paused
            log.error("geocoding failed unexpectedly", exc_info=error)
            error = SourceError(FailureKind.BAD_DATA, f"unexpected {type(error).__name__}")
        self._failures_in_row += 1
        self.last_error = error
        if self._failures_in_row == 1:
            log.warning("geocoding: %s", error)
        if self._job is not None and error.kind is FailureKind.BAD_DATA and self._failures_in_row < MAX_FAILURES:
            self._job.skip(error.kind.value)  # this address's answer is unusable: list it, go on with the next
            self.progress.emit(*self._job.progress)
            self._continue()
            return
        if self._job is None:  # the queue could not even be built (cache unreadable): nothing to resume
            self.stop()
            self.failed.emit(error.kind.value)
            return
        if error.kind in _STOP_AT_ONCE or self._failures_in_row >= MAX_FAILURES:
            log.warning("geocoding paused after %d failed requests: %s", self._failures_in_row, error)
            self._paused = True
            self._timer.stop()
            self.failed.emit(error.kind.value)
            return
        self._schedule(self._backoff_s(error))

    def _backoff_s(self, error: SourceError) -> float:
        delay = min(self._backoff_base_s * 2 ** (self._failures_in_row - 1), MAX_BACKOFF_S)
        if error.kind is FailureKind.RATE_LIMITED:
            delay = max(delay, RATE_LIMIT_FLOOR_S)
        if error.retry_after is not None:
            delay = max(delay, error.retry_after)
        return delay
