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


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("HTTP_TIMEOUT", "-1", "http_timeout moet groter dan 0 zijn, niet -1.0."),
        ("HTTP_TIMEOUT", "0", "http_timeout moet groter dan 0 zijn, niet 0.0."),
        ("HTTP_DEADLINE", "nan", "http_deadline moet groter dan 0 zijn, niet nan."),
        ("LLM_TIMEOUT", "inf", "llm_timeout moet groter dan 0 zijn, niet inf."),
        ("REQUESTS_PER_SECOND", "0", "requests_per_second moet groter dan 0 zijn, niet 0.0."),
        ("MAX_PDF_MB", "-5", "max_pdf_mb moet groter dan 0 zijn, niet -5.0."),
        ("MAX_DUMP_LINE_KB", "0", "max_dump_line_kb moet groter dan 0 zijn, niet 0."),
        ("MAX_DECISION_TEXT_KB", "-1", "max_decision_text_kb moet groter dan 0 zijn, niet -1."),
        ("HTTP_RETRIES", "-1", "http_retries moet tussen 0 en 100 liggen, niet -1."),
        ("LLM_RETRIES", "1000000", "llm_retries moet tussen 0 en 100 liggen, niet 1000000."),
        ("WEB_PORT", "70000", "web_port moet tussen 0 en 65535 liggen, niet 70000."),
    ],
)
def test_a_number_out_of_its_range_is_a_dutch_config_error(tmp_path, monkeypatch, key, value,
                                                          message):
    # Before: http_timeout = -1 became a ValueError deep inside the first request.
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        config.load(environ={f"BELOFTEMETER_{key}": value})
    assert caught.value.message == message


def test_a_number_out_of_range_in_the_file_is_refused_too(tmp_path: Path):
    path = tmp_path / "b.toml"
    path.write_text("[http]\ntimeout = -1\n")
    with pytest.raises(ConfigError, match="http_timeout moet groter dan 0 zijn"):
        config.load(path, environ={})
