"""Every command that reads decisions (and the agreement import) against a corpus of bad
inputs: each gives exactly one Dutch `fout:` line, no traceback, the documented exit code
(2 input, 4 source, 5 configuration), and leaves the store as it was."""

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from support.cli import run
from support.decisions_server import DecisionsServer

sys.path.insert(0, str(Path(__file__).parent / "decisions"))
from decisions_fixtures import make_records, write_jsonl

RECORDS = make_records(20)  # meetings on 4, 11 and 18 January 2021
GOOD = {"meeting_date": "2021-01-04", "title": "Fietspaden", "text": "Besluit."}


def _line(**changes):
    return json.dumps({"id": "SLECHT", **GOOD, **changes})


# name → (file name, content as bytes, extra settings, what the error line must say)
DUMPS = {
    "nullen": ("nullen.jsonl", b"\0" * 16_384, {"MAX_DUMP_LINE_KB": "1"},
               "regel langer dan 1 kB (max_dump_line_kb)"),
    "bom-leeg": ("bom.jsonl", b"\xef\xbb\xbf\n", {}, "bevat geen beslissingen"),
    "leeg": ("leeg.jsonl", b"", {}, "bevat geen beslissingen"),
    "datum-jaar-1": ("d.jsonl", _line(meeting_date="0001-01-01T00:00:00+14:00").encode(), {},
                     "'meeting_date' ligt niet tussen 1900 en 2199"),
    "datum-jaar-9999": ("d.jsonl", _line(meeting_date="9999-12-31T23:59:59-05:00").encode(),
                        {}, "'meeting_date' ligt niet tussen 1900 en 2199"),
    "genest": ("d.jsonl", b"[" * 100_000 + b"]" * 100_000, {}, "te diep genest"),
    "groot-getal": ("d.jsonl", ('{"id": "A", "title": ' + "9" * 5000 + "}").encode(), {},
                    "getal van 5000 cijfers"),
    "binair": ("d.jsonl", bytes(range(255, -1, -1)) * 8, {}, "geen geldige UTF-8"),
    "pagina-genest": ("p.json", b'{"data": ' + b"[" * 100_000 + b"]" * 100_001, {},
                      "geen geldige JSON (te diep genest)"),
}


@pytest.fixture
def db(tmp_path):
    """A store holding RECORDS, and a way to read everything in it."""
    url = f"sqlite:///{tmp_path / 'opslag.db'}"
    seeded = run("--opslag", url, "beslissingen", "import",
                 write_jsonl(tmp_path / "goed.jsonl", RECORDS))
    assert seeded.returncode == 0, seeded.stderr
    return url


def _contents(url):
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        decisions = conn.execute("SELECT id, content_hash FROM decisions ORDER BY id").fetchall()
        state = conn.execute("SELECT key, value FROM state ORDER BY key").fetchall()
    return decisions, state


def _one_error_line(result, code, says):
    assert result.returncode == code, (result.returncode, result.stderr)
    errors = [line for line in result.stderr.splitlines() if line.startswith("fout: ")]
    assert len(errors) == 1, result.stderr
    assert says in errors[0], errors[0]
    assert "Traceback" not in result.stderr + result.stdout


def _env(settings):
    return {f"BELOFTEMETER_{key}": value for key, value in settings.items()}


@pytest.mark.parametrize("strict", [False, True], ids=["", "streng"])
@pytest.mark.parametrize("name", list(DUMPS))
def test_a_bad_dump_is_one_dutch_error_and_changes_nothing(tmp_path, db, name, strict):
    filename, content, settings, says = DUMPS[name]
    path = tmp_path / filename
    path.write_bytes(content)
    before = _contents(db)
    result = run("--opslag", db, "beslissingen", "import", path,
                 *(["--streng"] if strict else []), env=_env(settings))
    _one_error_line(result, 2, says)
    assert _contents(db) == before


@pytest.mark.parametrize(
    ("target", "says"),
    [
        (lambda tmp: tmp, "Dit is een map, geen dumpbestand"),
        (lambda tmp: tmp / "bestaat-niet.jsonl", "Bestand niet gevonden"),
        (lambda tmp: Path("/dev/zero"), "Dit is geen gewoon bestand"),
    ],
    ids=["map", "ontbreekt", "apparaat"],
)
def test_a_path_that_is_no_dump_file_is_one_dutch_error(tmp_path, db, target, says):
    before = _contents(db)
    _one_error_line(run("--opslag", db, "beslissingen", "import", target(tmp_path)), 2, says)
    assert _contents(db) == before


@pytest.mark.parametrize(
    ("target", "says"),
    [
        (lambda tmp: tmp / "geen.pdf", "Dit is geen PDF-bestand"),
        (lambda tmp: tmp, "Dit is een map, geen PDF-bestand"),
        (lambda tmp: Path("/dev/zero"), "Dit is geen gewoon bestand"),
    ],
    ids=["tekst", "map", "apparaat"],
)
def test_the_agreement_import_refuses_what_is_no_pdf_in_one_line(tmp_path, db, target, says):
    (tmp_path / "geen.pdf").write_bytes(b"Dit is tekst, geen PDF.\n" * 10)
    before = _contents(db)
    _one_error_line(run("--opslag", db, "akkoord", "import", target(tmp_path)), 2, says)
    assert _contents(db) == before


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ({"HTTP_TIMEOUT": "-1"}, "http_timeout moet groter dan 0 zijn, niet -1.0."),
        ({"HTTP_DEADLINE": "0"}, "http_deadline moet groter dan 0 zijn"),
        ({"HTTP_RETRIES": "-2"}, "http_retries moet tussen 0 en 100 liggen"),
        ({"REQUESTS_PER_SECOND": "0"}, "requests_per_second moet groter dan 0 zijn"),
        ({"MAX_DUMP_LINE_KB": "-1"}, "max_dump_line_kb moet groter dan 0 zijn"),
        ({"HTTP_TIMEOUT": "snel"}, "Ongeldige waarde voor BELOFTEMETER_HTTP_TIMEOUT"),
    ],
    ids=["timeout", "deadline", "pogingen", "snelheid", "regellengte", "geen-getal"],
)
@pytest.mark.parametrize("command", ["import", "sync", "akkoord"])
def test_a_bad_setting_is_one_config_error_for_every_command(tmp_path, db, settings, says,
                                                             command):
    before = _contents(db)
    args = {
        "import": ["beslissingen", "import", tmp_path / "goed.jsonl"],
        "sync": ["beslissingen", "sync", "--van", "2021-01-01", "--tot", "2021-01-31"],
        "akkoord": ["akkoord", "import", tmp_path / "goed.jsonl"],
    }[command]
    env = {**_env(settings), "BELOFTEMETER_DECISIONS_API_URL": "http://127.0.0.1:9"}
    _one_error_line(run("--opslag", db, *args, env=env), 5, says)
    assert _contents(db) == before


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("kort", "onvolledige pagina 1: 19 van de 20 items"),
        ("leeg", "onvolledige pagina 1: 0 van de 20 items"),
        ("afgekapt", "onleesbare JSON"),
        ("gzip", "antwoord niet te ontcijferen"),
        ("kringloop", "meer dan 5 doorverwijzingen"),
        ("druppel", "antwoord niet binnen 0.3 s gelezen"),
        ("500", "faalde 2 keer na elkaar (HTTP 500)"),
    ],
)
def test_a_sync_from_a_failing_api_is_one_dutch_error_and_changes_nothing(db, fault, says):
    with DecisionsServer(RECORDS, faults={n: fault for n in range(1, 40)}) as server:
        env = _env({"DECISIONS_API_URL": server.url, "HTTP_RETRIES": "1",
                    "HTTP_DEADLINE": "0.3", "REQUESTS_PER_SECOND": "1000"})
        before = _contents(db)
        result = run("--opslag", db, "beslissingen", "sync", "--van", "2021-01-01", "--tot",
                     "2021-01-31", env=env)
    _one_error_line(result, 4, says)
    assert _contents(db) == before


def test_an_unreadable_item_in_a_sync_is_skipped_counted_and_the_rest_stored(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    with DecisionsServer(RECORDS, faults={1: "slechte-datum"}) as server:
        env = _env({"DECISIONS_API_URL": server.url, "REQUESTS_PER_SECOND": "1000"})
        result = run("--opslag", url, "beslissingen", "sync", "--van", "2021-01-01", "--tot",
                     "2021-02-28", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "fout:" not in result.stderr
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["skipped"]) == (len(RECORDS) - 1, 1)
