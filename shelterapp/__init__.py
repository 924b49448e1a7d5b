"""shelterapp: Kyiv air-raid shelters and alerts on the desktop, offline first."""

__version__ = "0.1.0"
