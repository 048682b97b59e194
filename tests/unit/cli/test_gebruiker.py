"""`beloftemeter gebruiker`: accounts made from a script (password on standard input) or at a
terminal (asked twice), listed without any hash, blocked; every mistake one Dutch line, a
non-zero exit and nothing written."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from beloftemeter.cli import gebruiker, main
from beloftemeter.pipeline import accounts
from beloftemeter.store import open_store
from support.cli import Result, run
from support.editors import PASSWORD, cheap_hashing


@pytest.fixture(autouse=True)
def _cheap(monkeypatch):
    cheap_hashing(monkeypatch)


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'accounts.db'}"


def run_with_input(text: str, *args: object) -> Result:
    """`beloftemeter ARGS...` in process with `text` on standard input (support.cli.run has
    none)."""
    runner, argv = CliRunner(), sys.argv
    with runner.isolation(input=text, env={"COLUMNS": "200"}) as (out, err, _):
        sys.argv = ["beloftemeter", *(str(a) for a in args)]
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.argv = argv
            sys.stdout.flush()
            sys.stderr.flush()
        return Result(code, out.getvalue().decode(), err.getvalue().decode())


def stored(url: str) -> tuple[list, list]:
    with open_store(url) as store:
        users = [dict(r) for r in store.execute("SELECT * FROM users")]
        events = [dict(r) for r in store.execute("SELECT * FROM editorial_events")]
    return users, events


def test_a_script_makes_an_account_with_the_password_on_standard_input(url):
    made = run_with_input(PASSWORD + "\n", "--opslag", url, "gebruiker", "maak", "anna",
                          "--rol", "beheerder")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == "Account anna (beheerder) aangemaakt."
    [user], [event] = stored(url)
    assert user["role"] == "beheerder" and user["password_hash"].startswith("$argon2id$")
    assert accounts.password_matches(user["password_hash"], PASSWORD)
    assert PASSWORD not in made.stdout + made.stderr and PASSWORD not in json.dumps(event)


def test_the_list_shows_names_roles_and_blocks_but_never_a_hash(url):
    run_with_input(PASSWORD, "--opslag", url, "gebruiker", "maak", "anna", "--rol", "redacteur")
    run_with_input(PASSWORD, "--opslag", url, "gebruiker", "maak", "bert", "--rol", "beheerder")
    blocked = run("--opslag", url, "gebruiker", "blokkeer", "anna")
    assert blocked.returncode == 0 and "geblokkeerd" in blocked.stdout
    again = run("--opslag", url, "gebruiker", "blokkeer", "anna")
    assert again.returncode == 0 and "al geblokkeerd" in again.stdout
    listed = run("--opslag", url, "gebruiker", "lijst", "--json")
    rows = json.loads(listed.stdout)
    assert [(r["name"], r["role"], r["blocked"]) for r in rows] == [
        ("anna", "redacteur", True), ("bert", "beheerder", False)]
    assert set(rows[0]) == {"name", "role", "blocked", "created_at", "password_changed_at"}
    text = run("--opslag", url, "gebruiker", "lijst").stdout
    assert "anna" in text and "geblokkeerd" in text and "bert" in text
    for output in (listed.stdout, text):
        assert "argon2" not in output and PASSWORD not in output
    assert [e["action"] for e in stored(url)[1]] == [
        "account_created", "account_created", "account_blocked"]


def test_a_new_password_from_standard_input(url):
    run_with_input(PASSWORD, "--opslag", url, "gebruiker", "maak", "anna", "--rol", "redacteur")
    changed = run_with_input("een ander wachtwoord\r\n", "--opslag", url, "gebruiker",
                             "wachtwoord", "anna")
    assert changed.returncode == 0, changed.stderr
    [user], events = stored(url)
    assert accounts.password_matches(user["password_hash"], "een ander wachtwoord")
    assert events[-1]["action"] == "password_changed"


@pytest.mark.parametrize(("args", "text", "message", "code"), [
    (("maak", "anna", "--rol", "redacteur"), "kort\n", "te kort", 2),
    (("maak", "anna", "--rol", "baas"), PASSWORD, "Onbekende rol", 2),
    (("maak", "Anna!", "--rol", "redacteur"), PASSWORD, "Ongeldige gebruikersnaam", 2),
    (("maak", "anna", "--rol", "redacteur"), "", "Geen wachtwoord", 2),
    (("wachtwoord", "niemand"), PASSWORD, "Onbekend account: niemand", 3),
    (("blokkeer", "niemand"), "", "Onbekend account: niemand", 3),
])
def test_every_mistake_is_one_dutch_line_and_writes_nothing(url, args, text, message, code):
    done = run_with_input(text, "--opslag", url, "gebruiker", *args)
    assert done.returncode == code
    assert done.stderr.startswith("fout: ") and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and done.stdout == ""
    assert stored(url) == ([], [])


def test_a_taken_name_is_refused_before_any_password_is_read(url):
    run_with_input(PASSWORD, "--opslag", url, "gebruiker", "maak", "anna", "--rol", "redacteur")
    before = stored(url)
    taken = run_with_input("", "--opslag", url, "gebruiker", "maak", "anna", "--rol",
                           "beheerder")
    assert taken.returncode == 2 and "bestaat al" in taken.stderr
    assert stored(url) == before


def test_at_a_terminal_the_password_is_asked_twice(url, monkeypatch):
    answers = iter([PASSWORD, PASSWORD, PASSWORD, "iets anders dan dat"])
    monkeypatch.setattr(gebruiker, "interactive", lambda: True)
    monkeypatch.setattr(gebruiker.getpass, "getpass", lambda prompt: next(answers))
    made = run("--opslag", url, "gebruiker", "maak", "anna", "--rol", "redacteur")
    assert made.returncode == 0 and PASSWORD not in made.stdout + made.stderr
    differs = run("--opslag", url, "gebruiker", "maak", "bert", "--rol", "redacteur")
    assert differs.returncode == 2 and "verschillen" in differs.stderr
    assert [u["name"] for u in stored(url)[0]] == ["anna"]

