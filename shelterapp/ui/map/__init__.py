"""The map view: a hand-written slippy map (../shared/research/qt-tech.md §3) and its tile loader."""
