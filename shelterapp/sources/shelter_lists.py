"""The shelter lists the app downloads (`shelterapp-cli update`, the weekly refresh): where, what, under which licence.

One declaration per list. Its name is contract: `shelterapp-cli update --source NAME` and `[sources.NAME]` in
config.toml (url, enabled, interval_s). Whatever format a URL serves (GeoJSON, CSV, XLSX, KMZ, Overpass JSON)
is recognised by content by the importer; shelters/updater.py checks and swaps the rows in.
Files are big (the city's layer is a few MB, a full Overpass answer more): they get their own HttpClient with a
larger cap and a longer deadline than the alert feeds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from shelterapp.config import AppConfig
from shelterapp.progress import ByteProgress
from shelterapp.shelters.formats.osm import OVERPASS_QUERY
from shelterapp.sources.errors import BadData
from shelterapp.sources.http import HttpClient

if TYPE_CHECKING:  # loaded with the first download (sources/http.py)
    import requests

DEFAULT_INTERVAL_S = 7 * 24 * 3600.0  # lists change over weeks; a weekly refresh is plenty
MIN_INTERVAL_S = 3600.0  # never hammer the city's server or Overpass, whatever config.toml says
MAX_DOWNLOAD_BYTES = 60 * 1024 * 1024
DOWNLOAD_DEADLINE_S = 180.0

KYIV_LAYER = "gisserver.kyivcity.gov.ua/mayno/rest/services/KYIV_API/Public_protection/MapServer/0/query"
KYIV_LAYER_QUERY = "?where=1%3D1&outFields=*&returnGeometry=true&outSR=4326&f=geojson"


@dataclass(frozen=True)
class ShelterList:
    """One downloadable list, with config.toml's overrides applied by `configured()`."""

    name: str  # contract: --source NAME, [sources.NAME]
    dataset: str  # the store's dataset key this list replaces as a unit
    url: str
    attribution: str
    licence: str
    about: str
    fallback_urls: tuple[str, ...] = ()  # tried in turn when the one before fails (the city's stage host)
    params: tuple[tuple[str, str], ...] = ()  # query parameters sent with every URL (Overpass: data=QUERY)
    enabled: bool = True  # refreshed automatically
    interval_s: float = DEFAULT_INTERVAL_S

    @property
    def urls(self) -> tuple[str, ...]:
        return (self.url, *self.fallback_urls)


KYIV_OPENDATA = ShelterList(
    name="kyiv_opendata",
    dataset="kyiv-opendata",  # the key a hand import of the official CSV/XLSX uses: an update replaces it
    url=f"https://{KYIV_LAYER}{KYIV_LAYER_QUERY}",
    fallback_urls=(f"https://{KYIV_LAYER.replace('gisserver.', 'gisserver-stage.', 1)}{KYIV_LAYER_QUERY}",),
    attribution="Дані: Київська міська державна адміністрація",
    licence="CC BY 4.0",
    about="Kyiv's official list of shelters with positions (the city's ArcGIS layer)",
)
OSM = ShelterList(
    name="osm",
    dataset="osm",
    url="https://overpass-api.de/api/interpreter",
    params=(("data", OVERPASS_QUERY),),
    attribution="© OpenStreetMap contributors",
    licence="ODbL 1.0",
    about="OpenStreetMap: metro entrances and mapped air-raid shelters in Kyiv (Overpass API)",
)
SHELTER_LISTS: dict[str, ShelterList] = {source.name: source for source in (KYIV_OPENDATA, OSM)}


def configured(config: AppConfig) -> list[ShelterList]:
    """Every list with config.toml's url, enabled and interval_s applied. A url of one's own replaces the
    fallbacks too: a list pointed at a private mirror never quietly comes from elsewhere."""
    lists = []
    for default in SHELTER_LISTS.values():
        override = config.sources.get(default.name)
        source = default
        if override is not None:
            source = replace(
                default,
                url=override.url or default.url,
                fallback_urls=() if override.url else default.fallback_urls,
                enabled=default.enabled if override.enabled is None else override.enabled,
                interval_s=override.interval_s or default.interval_s,
            )
        lists.append(replace(source, interval_s=max(source.interval_s, MIN_INTERVAL_S)))
    return lists


class Download(Protocol):
    """url -> body; raises SourceError. What updater.update_list downloads with."""

    def __call__(self, url: str, progress: ByteProgress | None = None) -> bytes: ...


def big_file_client(session: requests.Session | None = None) -> HttpClient:
    return HttpClient(session, deadline_s=DOWNLOAD_DEADLINE_S, max_bytes=MAX_DOWNLOAD_BYTES)


def downloader(source: ShelterList, http: HttpClient) -> Download:
    """download(url, progress) -> body for updater.update_list; raises SourceError (offline, HTTP status, size,
    deadline). progress(received, total) follows the download."""

    def download(url: str, progress: ByteProgress | None = None) -> bytes:
        body = http.get(url, params=dict(source.params) or None, progress=progress).body
        if source.name == OSM.name:
            check_overpass(body)
        return body

    return download


def check_overpass(body: bytes) -> None:
    """Overpass answers 200 with a partial list and a closing "remark" when its query timed out or ran out of
    memory: such a list is refused, not stored as if Kyiv had lost its shelters."""
    tail = body[-4096:]
    if b'"remark"' in tail and (b"runtime error" in tail or b"Query timed out" in tail):
        raise BadData("Overpass stopped before the end of the list (runtime error)")
