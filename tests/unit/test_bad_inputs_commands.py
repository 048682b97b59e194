"""Every other command against bad input (files, arguments, settings, stores): exactly one
Dutch `fout:` line, no traceback, the documented exit code (2 input, 3 not found, 5
configuration, 6 store), and a store left as it was. The decisions commands and the agreement
import have their own corpus in test_bad_inputs.py."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from beloftemeter.store import open_store
from support.assessed_store import build
from support.cli import run


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "kapot.toml").write_text("x = [", encoding="utf-8")
    (tmp_path / "onbekend.toml").write_text("onbekend = 1\n", encoding="utf-8")
    (tmp_path / "kapot.json").write_text('{"a": ', encoding="utf-8")
    (tmp_path / "binair.bin").write_bytes(bytes(range(256)) * 12)
    (tmp_path / "rommel.db").write_bytes(b"geen database\x00\x01" * 100)
    (tmp_path / "leeg").mkdir()
    return tmp_path


@pytest.fixture
def filled(tmp_path: Path) -> str:
    """A store with an agreement, decisions and verdicts (the tiny assessed store)."""
    url = f"sqlite:///{tmp_path / 'gevuld.db'}"
    with open_store(url) as store:
        build(store)
    return url


# Derived data a read command may bring up to date before it validates what it was given.
_DERIVED = ("search_", "vector", "dossier")


def _digest(url: str) -> str:
    """Every row of every table the user's data lives in (not the derived search tables)."""
    digest = hashlib.sha256()
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not any(part in name for part in _DERIVED)]
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):
                digest.update(repr((table, row)).encode())
    return digest.hexdigest()


def _one_error_line(result, code: int, says: str) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("fout: ")]
    assert len(errors) == 1, result.stderr
    assert says in errors[0], errors[0]
    assert result.returncode == code, (result.returncode, result.stderr)


# (arguments after `--opslag STORE`, exit code, what the line must say); F = the files folder
ON_A_FILLED_STORE = {
    "akkoord-toon-onbekend": (["akkoord", "toon", "onbekend/9.9"], 3, "onbekend/9.9"),
    "beslissing-onbekend": (["beslissingen", "toon", "X"], 3, "Geen beslissing met id X"),
    "zoek-leeg": (["zoek", "  "], 2, "Lege zoekvraag"),
    "zoek-datum": (["zoek", "tol", "--van", "2021-13-01"], 2, "Ongeldige datum"),
    "zoek-omgekeerd": (["zoek", "tol", "--van", "2022-01-01", "--tot", "2021-01-01"], 2,
                       "ligt na de einddatum"),
    "zoek-aantal": (["zoek", "tol", "--aantal", "0"], 2, "--aantal"),
    "zoek-fase": (["zoek", "tol", "--fase", "geen-fase"], 2, "Onbekende fase"),
    "analyseer-niets": (["analyseer"], 2, "Kies --sectie SLEUTEL of --alles"),
    "analyseer-onbekend": (["analyseer", "--sectie", "onbekend/1"], 3, "onbekend/1"),
    "rapport-onbekend": (["rapport", "onbekend/1"], 3, "onbekend/1"),
    "rapport-formaat": (["rapport", "--alles", "--formaat", "pdf"], 2, "Onbekend formaat"),
    "rapport-generator": (["rapport", "mobiliteit/1.1", "--generator", "gpt"], 2,
                          "Onbekende generator"),
    "beleid-ontbreekt": (["beleid", "import", "F/ontbreekt.txt"], 2, "Bestand niet gevonden"),
    "beleid-binair": (["beleid", "import", "F/binair.bin"], 2, "Geen tekst of PDF"),
    "beleid-apparaat": (["beleid", "import", "/dev/zero"], 2, "geen gewoon bestand"),
    "beleid-toon": (["beleid", "toon", "999"], 3, "Onbekend beleidsdocument"),
    "labels-ontbreken": (["evalueer", "zoeken", "--labels", "F/ontbreekt.json"], 3,
                         "Labelbestand niet gevonden"),
    "labels-kapot": (["evalueer", "zoeken", "--labels", "F/kapot.json"], 2,
                     "geen leesbare JSON"),
    "bouw-geen-map": (["bouw", "--data", "F/ontbreekt"], 2, "Map niet gevonden"),
    "bouw-lege-map": (["bouw", "--data", "F/leeg"], 2, "Geen PDF van het regeerakkoord"),
    "serve-poort": (["serve", "--port", "99999"], 2, "--port"),
    "onbekend-commando": (["verzin"], 2, "Onbekend commando"),
}


@pytest.mark.parametrize("name", list(ON_A_FILLED_STORE))
def test_bad_input_to_any_command_is_one_dutch_line_and_the_store_stays(files, filled, name):
    args, code, says = ON_A_FILLED_STORE[name]
    args = [str(files) + a[1:] if a.startswith("F/") else a for a in args]
    before = _digest(filled)
    _one_error_line(run("--opslag", filled, *args), code, says)
    assert _digest(filled) == before


@pytest.mark.parametrize(
    ("env", "code", "says"),
    [
        ({"BELOFTEMETER_EMBEDDER": "onbekend"}, 5, "onbekend"),
        ({"BELOFTEMETER_WEB_PORT": "-3"}, 5, "web_port"),
        ({"BELOFTEMETER_LLM_TIMEOUT": "0"}, 5, "llm_timeout"),
        ({"BELOFTEMETER_REPORT_GENERATOR": "gpt"}, 2, "Onbekende generator"),
    ],
    ids=["embedder", "poort", "llm-timeout", "generator"],
)
def test_a_bad_setting_is_one_dutch_line_for_the_command_that_needs_it(filled, env, code,
                                                                        says):
    before = _digest(filled)
    command = (["indexeer"] if "EMBEDDER" in str(env)
               else ["rapport", "mobiliteit/1.1"])
    _one_error_line(run("--opslag", filled, *command, env=env), code, says)
    assert _digest(filled) == before


@pytest.mark.parametrize(
    ("config", "says"),
    [("ontbreekt.toml", "Configuratiebestand niet gevonden"),
     ("kapot.toml", "geen geldige TOML"),
     ("onbekend.toml", "Onbekende instelling")],
)
@pytest.mark.parametrize("command", [["config"], ["akkoord", "lijst"], ["zoek", "tol"]])
def test_a_bad_configuration_file_is_one_dutch_line_for_every_command(files, config, says,
                                                                      command):
    _one_error_line(run("--config", files / config, *command), 5, says)


@pytest.mark.parametrize(
    ("store", "says"),
    [("mysql://gast@localhost/db", "Niet-ondersteunde opslag"),
     ("F/rommel.db", "Kan de opslag niet openen")],
    ids=["schema", "geen-database"],
)
@pytest.mark.parametrize("command", [["akkoord", "lijst"], ["beslissingen", "stats"],
                                     ["analyseer", "--alles"], ["rapport", "--alles"]])
def test_a_store_that_cannot_be_used_is_one_dutch_line(files, store, says, command):
    url = f"sqlite:///{files / 'rommel.db'}" if store.startswith("F/") else store
    before = (files / "rommel.db").read_bytes()
    _one_error_line(run("--opslag", url, *command), 6, says)
    assert (files / "rommel.db").read_bytes() == before
