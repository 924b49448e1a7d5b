"""The desktop around the app: session autostart, restarting itself, the OS keyring."""
