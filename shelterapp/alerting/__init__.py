"""Alerts: the pure state machine (tracker.py), the history (history.py), one coordinator per source, the service
that runs them for the app, and the one-shot poll the command line uses."""
