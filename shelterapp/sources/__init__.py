"""Alert and advisory feeds: one module per source behind one interface (base.py). No Qt here."""
