"""Settings -> Alert sources: the feeds' keys, regions and the nearby notice, applied to the running feeds.

Built with the alert service, once the window's first frame is up (app.py): the window and its shelters come
first, the alert machinery a moment later, and this menu entry acts from then on.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from shelterapp.alerting.feed_setup import FeedSetup
from shelterapp.alerting.service import AlertService
from shelterapp.ui.controller import AppController


class SourcesController(QObject):
    def __init__(self, controller: AppController, alerts: AlertService, feeds: FeedSetup) -> None:
        super().__init__(controller)
        self.controller = controller
        self.alerts = alerts
        self.feeds = feeds
        controller.window.sources_requested.connect(self.configure)

    def configure(self) -> None:
        """Keys typed in the dialog go to the keyring; the feeds restart with them."""
        from shelterapp.ui.sources_dialog import SourcesDialog

        controller, alerts, feeds = self.controller, self.alerts, self.feeds
        health = {}
        for name, coordinator in alerts.coordinators.items():
            error = coordinator.last_error
            health[name] = self.tr("ok") if error is None else error.kind.value
        regions_fixed = feeds.regions_in_file()
        nearby_fixed = feeds.nearby_in_file()
        # in the first moments the feeds that need a key may still be on their way (alerting/feed_start.py)
        specs = alerts.specs if alerts.feeds_known else feeds.reloaded(controller.settings.regions)[0]
        dialog = SourcesDialog(
            specs, health, feeds.tokens_persistent, alerts.regions, regions_fixed, controller.window,
            nearby=feeds.nearby(controller.settings.nearby), nearby_fixed=nearby_fixed,
        )  # fmt: skip
        if dialog.exec() != SourcesDialog.DialogCode.Accepted:
            return
        feeds.save_tokens(dialog.tokens())
        if not regions_fixed:
            controller.update_settings(regions=dialog.regions())
        if not nearby_fixed:
            controller.update_settings(nearby=dialog.nearby_check.isChecked())
        alerts.reconfigure(*feeds.reloaded(controller.settings.regions), feeds.nearby(controller.settings.nearby))
