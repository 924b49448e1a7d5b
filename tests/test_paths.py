from pathlib import Path

from shelterapp.paths import default_paths


def test_shelterapp_home_holds_everything(tmp_path):
    paths = default_paths({"SHELTERAPP_HOME": str(tmp_path)})
    assert paths.config_file == tmp_path / "config.toml"
    for path in (paths.settings_file, paths.database, paths.cache_dir, paths.log_file):
        assert tmp_path in Path(path).parents


def test_platform_dirs_without_home():
    paths = default_paths({})
    assert paths.config_dir.name == "shelterapp"
    assert paths.database.name == "shelters.sqlite"
