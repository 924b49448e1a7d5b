"""The alert feeds join the AlertService once the window is up (app.py, after ui/first_frame.py), so that the
first frame never waits for them:

1. at once, on the GUI thread: the feeds that need no key (their modules' imports, about 10 ms), which start
   polling straight away;
2. on a worker thread: the keys, from the OS keyring (its backend discovery costs 0.1-0.3 s of CPU, and a locked
   keyring asks the person to unlock it, which must not hold up the feeds that need no key); then every feed.

A failure reading the keys never stops the alerts: the service goes on with the feeds it has, and the log says why.
"""

from __future__ import annotations

import logging

from shelterapp.alerting.feed_setup import FeedSetup
from shelterapp.alerting.service import AlertService
from shelterapp.background import run_in_background
from shelterapp.config import AppConfig

log = logging.getLogger(__name__)


def start_feeds(service: AlertService, feeds: FeedSetup, config: AppConfig, chosen: tuple[str, ...]) -> None:
    """`chosen`: the regions picked in the app (config.toml's win), as the service was built with."""
    keyless = feeds.keyless(config)
    service.add_feeds(keyless, all_known=False)

    def keys_failed(error: BaseException) -> None:
        log.error("could not read the feeds' keys: the feeds that need one stay off", exc_info=error)
        service.add_feeds(keyless)

    run_in_background(lambda: feeds.configured(config, chosen)[0], service.add_feeds, keys_failed)
