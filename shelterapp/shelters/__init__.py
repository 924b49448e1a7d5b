"""Shelter data: the record, the SQLite store, the spatial index and importers. No Qt here."""
