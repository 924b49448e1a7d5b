"""Preparedness, authored by us and kept offline: what to do, checklists, emergency numbers, time to shelter.

No Qt here: content.py reads the texts, progress.py keeps the person's ticks and contacts, timer.py
says how long an alert has been running and whether the person is already in a shelter.
"""
