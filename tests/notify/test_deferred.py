"""The notifier built before the window stands in for the channel chosen after it: nothing asked for meanwhile is
lost or reordered, the channel's signals reach the presenters, and a broken choice still leaves the log."""

from __future__ import annotations

from alert_fakes import RecordingNotifier

from shelterapp.notify.base import Notification, Urgency
from shelterapp.notify.deferred import DeferredNotifier
from shelterapp.notify.fallbacks import LogNotifier

ALERT = Notification(key="alert-start:1", title="AIR-RAID ALERT", body="Kyiv", urgency=Urgency.CRITICAL)
ALL_CLEAR = Notification(key="alert-end:1", title="All clear", body="Kyiv", urgency=Urgency.NORMAL)


def test_what_came_before_the_channel_goes_out_in_order_once_it_is_chosen(qtbot):
    channel = RecordingNotifier()
    notifier = DeferredNotifier(lambda: channel)
    assert notifier.notify(ALERT) is True  # taken: it goes out as soon as there is a channel
    notifier.close(ALERT.key)
    assert notifier.notify(ALL_CLEAR) is True
    assert notifier.notify(ALERT) is False  # once per key, chosen or not
    assert channel.shown == [] and notifier.channel is None
    notifier.choose()
    assert [n.key for n in channel.shown] == [ALERT.key, ALL_CLEAR.key] and channel.closed == [ALERT.key]
    assert notifier.name == "recording" and notifier.channel is channel
    notifier.choose()  # once
    assert notifier.notify(Notification(key="advisory:2", title="Advisory", body="", urgency=Urgency.LOW)) is True
    assert [n.key for n in channel.shown][-1] == "advisory:2"


def test_the_channel_signals_come_out_of_the_stand_in(qtbot):
    channel = RecordingNotifier()
    notifier = DeferredNotifier(lambda: channel)
    clicks: list[tuple[str, str]] = []
    notifier.action_invoked.connect(lambda key, action: clicks.append((key, action)))  # the presenter, early
    notifier.choose()
    channel.action_invoked.emit(ALERT.key, "show_shelters")  # the person clicked "Show shelters"
    assert clicks == [(ALERT.key, "show_shelters")]


def test_a_broken_choice_still_leaves_the_log(qtbot, caplog):
    def broken():
        raise RuntimeError("a bug while choosing")

    notifier = DeferredNotifier(broken)
    notifier.notify(ALERT)
    notifier.choose()
    assert isinstance(notifier.channel, LogNotifier)
    assert "could not choose a notification channel" in caplog.text
    assert "AIR-RAID ALERT" in caplog.text  # the held alert reached the log (its title only)
