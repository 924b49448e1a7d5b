"""Files that must survive: atomic writes, a damaged file set aside, SQLite opened with migrations."""
