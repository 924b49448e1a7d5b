"""The two halves the window uses to update a list: the slow one on a worker thread, the swap on the catalog's."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime

from helpers import FIXTURES

from shelterapp.shelter_updates.list_updates import ListUpdates
from shelterapp.sources.shelter_lists import KYIV_OPENDATA, OSM, downloader

LAYER = FIXTURES / "shelters" / "kyiv_layer_small.geojson"


def test_the_download_runs_where_the_job_runs_and_the_swap_where_finish_runs(httpserver, catalog, http, tmp_path):
    httpserver.expect_request("/layer").respond_with_data(LAYER.read_bytes(), content_type="application/json")
    source = replace(KYIV_OPENDATA, url=httpserver.url_for("/layer"), fallback_urls=())
    updates = ListUpdates(catalog, [source], lambda s: downloader(s, http), tmp_path)
    job = updates.fetch_job(source)
    assert len(httpserver.log) == 0  # nothing downloaded on the calling (GUI) thread
    fetched: list[object] = []
    worker = threading.Thread(target=lambda: fetched.append(job()))
    worker.start()
    worker.join(30)
    assert len(httpserver.log) == 1 and catalog.stored_rows("kyiv-opendata") == 0  # not swapped in on the worker
    outcome = updates.finish(fetched[0])  # type: ignore[arg-type]
    assert outcome.ok and outcome.rows == 5 and catalog.stored_rows("kyiv-opendata") == 5


def test_a_list_that_fails_comes_back_as_its_outcome_not_an_exception(httpserver, catalog, http, tmp_path):
    httpserver.expect_request("/layer").respond_with_data("<html>maintenance</html>", status=503)
    source = replace(KYIV_OPENDATA, url=httpserver.url_for("/layer"), fallback_urls=())
    updates = ListUpdates(catalog, [source], lambda s: downloader(s, http), tmp_path)
    outcome = updates.finish(updates.fetch_job(source)())
    assert not outcome.ok and outcome.failure == "server_error" and outcome.source == "kyiv_opendata"


def test_a_broken_worker_is_a_store_failure_with_its_traceback_logged(catalog, tmp_path, caplog):
    updates = ListUpdates(catalog, [KYIV_OPENDATA], lambda s: lambda url: b"", tmp_path)
    outcome = updates.failed(KYIV_OPENDATA, RuntimeError("a defect"))
    assert not outcome.ok and outcome.failure == "store" and outcome.error == "RuntimeError"
    assert caplog.records[-1].exc_info is not None


def test_due_lists_follow_their_interval(catalog, tmp_path):
    updates = ListUpdates(catalog, [KYIV_OPENDATA, replace(OSM, enabled=False)], lambda s: lambda url: b"", tmp_path)
    assert [s.name for s in updates.due(datetime.now(UTC))] == ["kyiv_opendata"]  # never fetched; osm is off
