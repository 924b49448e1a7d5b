"""Notifications behind one interface (base.py): D-Bus, the fallbacks, and the factory that picks one."""
