"""One reader per shelter file format; each turns a file's bytes into raw rows for importer.py to validate."""
