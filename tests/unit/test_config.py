from pathlib import Path

import pytest

from beloftemeter import config
from beloftemeter.errors import ConfigError


def test_defaults_apply_without_file_or_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = config.load(environ={})
    assert settings.store_url == "sqlite:///beloftemeter.db"
    assert settings.http_retries == 5


def test_toml_file_overrides_defaults_and_tables_flatten(tmp_path: Path):
    path = tmp_path / "b.toml"
    path.write_text('requests_per_second = 0.5\n[store]\nurl = "sqlite:///x.db"\n')
    settings = config.load(path, environ={})
    assert settings.requests_per_second == 0.5
    assert settings.store_url == "sqlite:///x.db"


def test_environment_overrides_file(tmp_path: Path):
    path = tmp_path / "b.toml"
    path.write_text("http_retries = 2\n")
    settings = config.load(path, environ={"BELOFTEMETER_HTTP_RETRIES": "7"})
    assert settings.http_retries == 7


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("onbekend = 1\n", "Onbekende instelling"),
        ("http_retries = [\n", "geen geldige TOML"),
        ('http_retries = "veel"\n', "Ongeldige waarde"),
    ],
)
def test_bad_configuration_is_a_dutch_error(tmp_path: Path, content: str, message: str):
    path = tmp_path / "b.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        config.load(path, environ={})


def test_missing_config_file_is_reported(tmp_path: Path):
    with pytest.raises(ConfigError, match="niet gevonden"):
        config.load(tmp_path / "nee.toml", environ={})
