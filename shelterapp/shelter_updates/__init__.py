"""Keeping the shelter lists current: the list updater (download, check, swap) and positions for addresses."""
