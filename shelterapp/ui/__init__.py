"""The only package that imports QtWidgets: windows, views, tray and dialogs over the core."""
