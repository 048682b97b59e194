"""Configuration: defaults in code, overridden by a TOML file, then by BELOFTEMETER_* variables.

Keys are flat (`store_url`); in the TOML file they may also be grouped in tables, where
`[store] url = ...` means `store_url`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from beloftemeter.errors import ConfigError

ENV_PREFIX = "BELOFTEMETER_"
DEFAULT_CONFIG_FILE = "beloftemeter.toml"


@dataclass(frozen=True)
class Settings:
    """Every setting with its default. Each field's metadata holds its Dutch description."""

    store_url: str = field(
        default="sqlite:///beloftemeter.db",
        metadata={"help": "Waar de gegevens bewaard worden (sqlite:///PAD)."},
    )
    agreement_url: str = field(
        default="https://www.vlaanderen.be/publicaties/regeerakkoord-van-de-vlaamse-regering-2019-2024",
        metadata={
            "help": "Adres van het regeerakkoord: de PDF zelf of de publicatiepagina die ernaar"
            " linkt (voor `bouw` zonder --data)."
        },
    )
    agreement_slug: str = field(
        default="",
        metadata={
            "help": "Het akkoord waarover commando's gaan zonder --akkoord (bv."
            " vlaanderen-2024-2029), en waaronder `akkoord import` en `bouw` het akkoord van"
            " agreement_url inlezen; leeg: het enige of het meest recente akkoord (inlezen:"
            " vlaanderen-2019-2024)."
        },
    )
    decisions_api_url: str = field(
        default="https://beslissingenvlaamseregering.vlaanderen.be",
        metadata={
            "help": "Basisadres van de JSON:API met de beslissingen."
        },
    )
    decisions_since: str = field(
        default="2019-10-01",
        metadata={"help": "Eerste vergaderdatum die een sync ophaalt (JJJJ-MM-DD)."},
    )
    requests_per_second: float = field(
        default=2.0,
        metadata={"help": "Maximaal aantal verzoeken per seconde naar een externe bron."},
    )
    http_timeout: float = field(
        default=30.0,
        metadata={"help": "Time-out in seconden voor één HTTP-verzoek."},
    )
    http_deadline: float = field(
        default=120.0,
        metadata={"help": "Uiterste duur in seconden van één HTTP-verzoek, inclusief het"
                  " lezen van het antwoord (een server die traag druppelt, wordt afgebroken)."},
    )
    max_pdf_mb: float = field(
        default=50.0,
        metadata={"help": "Grootste PDF (regeerakkoord of beleidsdocument) die wordt ingelezen,"
                  " in MB."},
    )
    max_dump_line_kb: int = field(
        default=2048,
        metadata={"help": "Langste regel van een JSONL-dump of grootste API-pagina per item,"
                  " in kB; een langere regel wordt overgeslagen en gemeld."},
    )
    max_decision_text_kb: int = field(
        default=512,
        metadata={"help": "Langste tekst van één beslissing die wordt bewaard, in kB; een"
                  " langere tekst wordt ingekort (met een waarschuwing)."},
    )
    http_retries: int = field(
        default=5,
        metadata={"help": "Aantal nieuwe pogingen na een serverfout of time-out."},
    )
    embedder: str = field(
        default="e5,use",
        metadata={
            "help": "Embedder(s) voor semantisch zoeken: e5, use, sentence-transformers, openai"
            " of geen (alleen lexicaal); meerdere gescheiden door komma's (bv. e5,use: de"
            " eerste geeft ook de buren, elke volgende telt half mee)."
        },
    )
    embedder_path: str = field(
        default="",
        metadata={"help": "Map met een lokaal sentence-transformers-model (embedder ="
                  " sentence-transformers)."},
    )
    embedder_url: str = field(
        default="",
        metadata={"help": "Basisadres van een OpenAI-compatibel /embeddings-eindpunt"
                  " (embedder = openai), bv. http://localhost:8080/v1."},
    )
    embedder_model: str = field(
        default="",
        metadata={"help": "Modelnaam die naar het /embeddings-eindpunt gaat (embedder = openai)."},
    )
    embedder_api_key: str = field(
        default="",
        metadata={"help": "API-sleutel voor het /embeddings-eindpunt (leeg: geen)."},
    )
    embedding_cache: str = field(
        default="",
        metadata={"help": "SQLite-bestand dat vectoren bewaart per model en teksthash, over"
                  " opslagen heen (leeg: geen cache buiten de opslag)."},
    )
    reports_dir: str = field(
        default="rapporten",
        metadata={"help": "Map waarin `bouw` en `rapport --alles` de rapporten schrijven."},
    )
    report_generator: str = field(
        default="extractive",
        metadata={"help": "Tekstgenerator van de rapporten: extractive (offline, standaard) of"
                  " llm (een OpenAI-compatibel chat-eindpunt, zie llm_base_url)."},
    )
    assessment_judge: str = field(
        default="model",
        metadata={"help": "Wie beslist welke kandidaten bewijs zijn: model (het"
                  " relevantiemodel, offline, standaard) of llm (het taalmodel van llm_base_url"
                  " leest de vijf waarschijnlijkste kandidaten van elke belofte)."},
    )
    llm_base_url: str = field(
        default="",
        metadata={"help": "Basis-URL van een OpenAI-compatibel chat-eindpunt, bv."
                  " http://localhost:11434/v1 (Ollama) of https://api.openai.com/v1."},
    )
    llm_model: str = field(
        default="",
        metadata={"help": "Naam van het taalmodel op dat eindpunt."},
    )
    llm_api_key: str = field(
        default="",
        metadata={"help": "API-sleutel voor het chat-eindpunt (leeg: geen)."},
    )
    llm_timeout: float = field(
        default=120.0,
        metadata={"help": "Seconden wachten op één antwoord van het taalmodel."},
    )
    llm_retries: int = field(
        default=2,
        metadata={"help": "Extra pogingen na een fout of time-out van het taalmodel."},
    )
    web_host: str = field(
        default="127.0.0.1",
        metadata={"help": "Adres waarop `beloftemeter serve` luistert."},
    )
    web_port: int = field(
        default=8000,
        metadata={"help": "Poort waarop `beloftemeter serve` luistert."},
    )
    web_trusted_proxies: str = field(
        default="",
        metadata={"help": "Adressen van reverse proxy's (komma's) waarvan `serve` de kopregel"
                  " X-Forwarded-For gelooft; leeg: van niemand (elk verzoek telt met zijn"
                  " eigen adres)."},
    )
    session_hours: float = field(
        default=8.0,
        metadata={"help": "Uren dat een redacteur ingelogd blijft; daarna opnieuw inloggen."},
    )
    session_secure: bool = field(
        default=False,
        metadata={"help": "Sessie- en formuliercookies alleen over https sturen (Secure);"
                  " zet dit aan zodra de site via https bereikbaar is."},
    )
    llm_fallback: bool = field(
        default=True,
        metadata={"help": "Bij een fout van het taalmodel de extractieve tekst gebruiken"
                  " (met een notitie in het rapport) in plaats van te stoppen."},
    )

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def describe() -> dict[str, str]:
    """Dutch description per key, for `beloftemeter config` and the docs test."""
    return {f.name: f.metadata["help"] for f in fields(Settings)}


def _coerce(key: str, raw: Any, target: Any) -> Any:
    kind = type(target)
    try:
        if kind is bool:
            if isinstance(raw, str):
                return raw.strip().lower() in {"1", "true", "ja", "yes", "aan"}
            return bool(raw)
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"Ongeldige waarde voor {key}: {raw!r} (verwacht {kind.__name__})."
        ) from exc


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}_{key}" if prefix else key
        if isinstance(value, dict):
            flat.update(_flatten(value, name))
        else:
            flat[name] = value
    return flat


def load(
    config_file: str | os.PathLike[str] | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Settings in force: defaults, then the TOML file, then environment variables."""
    environ = dict(os.environ if environ is None else environ)
    settings = Settings()
    defaults = settings.as_dict()

    path = config_file or environ.get(f"{ENV_PREFIX}CONFIG")
    if path is None and Path(DEFAULT_CONFIG_FILE).is_file():
        path = DEFAULT_CONFIG_FILE
    overrides: dict[str, Any] = {}
    if path is not None:
        try:
            with open(path, "rb") as handle:
                table = _flatten(tomllib.load(handle))
        except FileNotFoundError as exc:
            raise ConfigError(f"Configuratiebestand niet gevonden: {path}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"Configuratiebestand {path} is geen geldige TOML: {exc}") from exc
        for key, value in table.items():
            if key not in defaults:
                raise ConfigError(f"Onbekende instelling in {path}: {key}")
            overrides[key] = _coerce(key, value, defaults[key])

    for key in defaults:
        env_key = ENV_PREFIX + key.upper()
        if env_key in environ:
            overrides[key] = _coerce(env_key, environ[env_key], defaults[key])
    return validate(replace(settings, **overrides))


# Numeric settings and what they must be: a timeout of -1 s or 0 requests per second is a
# mistake to report now, not a ValueError deep inside a request later.
_POSITIVE = ("http_timeout", "http_deadline", "llm_timeout", "requests_per_second",
             "max_pdf_mb", "max_dump_line_kb", "max_decision_text_kb", "session_hours")
_NOT_NEGATIVE = ("http_retries", "llm_retries")
_MAX_RETRIES = 100
MAX_SESSION_HOURS = 8784  # a (leap) year: longer sessions are a mistake


def validate(settings: Settings) -> Settings:
    """`settings` itself, or ConfigError (Dutch) for the first number out of its range."""
    for key in _POSITIVE:
        value = getattr(settings, key)
        if not 0 < value < float("inf"):  # NaN fails this too
            raise ConfigError(f"{key} moet groter dan 0 zijn, niet {value!r}.")
    for key in _NOT_NEGATIVE:
        value = getattr(settings, key)
        if not 0 <= value <= _MAX_RETRIES:
            raise ConfigError(f"{key} moet tussen 0 en {_MAX_RETRIES} liggen, niet {value!r}.")
    if settings.session_hours > MAX_SESSION_HOURS:
        raise ConfigError(f"session_hours mag hoogstens {MAX_SESSION_HOURS} zijn (een jaar),"
                          f" niet {settings.session_hours!r}.")
    if not 0 <= settings.web_port <= 65535:
        raise ConfigError(f"web_port moet tussen 0 en 65535 liggen, niet {settings.web_port}.")
    return settings
