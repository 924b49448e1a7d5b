"""The map's core without Qt: Web Mercator tile math, the on-disk tile cache and marker clustering."""
