from shelterapp.desktop import autostart


def test_enable_writes_a_desktop_entry_and_disable_removes_it(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path), "SHELTERAPP_HOME": "/data/my home"}
    path = autostart.set_enabled(True, env)
    assert path == tmp_path / "autostart" / "shelterapp.desktop"
    text = path.read_text()
    assert "[Desktop Entry]" in text and "Type=Application" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert "--hidden" in exec_line
    assert '"SHELTERAPP_HOME=/data/my home"' in exec_line  # a custom home survives, quoted per the spec
    assert autostart.is_enabled(env)
    autostart.set_enabled(False, env)
    assert not path.exists() and not autostart.is_enabled(env)


def test_disable_when_not_enabled_is_harmless(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    autostart.set_enabled(False, env)
    assert not autostart.is_enabled(env)
