"""`beloftemeter opslag kopieer` and `opslag vergelijk`: output, JSON, and bad input as one
Dutch line with a non-zero exit and nothing written anywhere."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from beloftemeter.store import open_store
from support import cli
from support.filled_store import build_filled


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "bron.db"
    with open_store(str(path)) as store:
        build_filled(store)
    return path


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_nothing_written(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Every file as it was, and no new one but the index SQLite keeps beside a database it
    reads (-shm, with its empty -wal: any reader makes them)."""
    assert {name: after.get(name) for name in before} == before
    made = {name for name in after if name not in before}
    assert all(name.endswith(("-shm", "-wal")) and name[:-4] in before for name in made), made
    assert all(after[name] == b"" for name in made if name.endswith("-wal"))


def one_error_line(result: cli.Result, code: int, pattern: str) -> None:
    assert result.returncode == code, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fout: "), result.stderr
    assert re.search(pattern, lines[0]), lines[0]


def test_kopieer_prints_every_table_and_json_has_the_figures(filled, tmp_path):
    shown = cli.run("opslag", "kopieer", filled, tmp_path / "a.db")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0].split() == ["tabel", "rijen", "controlesom", "(sha256)"]
    assert "elke tabel telt in het doel dezelfde rijen en controlesom als in de bron" in (
        shown.stdout)
    answer = cli.run("opslag", "kopieer", "--json", f"sqlite:///{filled}", tmp_path / "b.db")
    assert answer.returncode == 0, answer.stderr
    data = json.loads(answer.stdout)
    assert set(data) == {"source", "target", "schema_version", "rows", "seconds", "tables"}
    assert data["source"] == str(filled) and data["target"] == str(tmp_path / "b.db")
    assert set(data["tables"][0]) == {"table", "rows", "checksum"}
    assert data["rows"] == sum(table["rows"] for table in data["tables"])
    for table in data["tables"]:
        assert f"{table['table']} " in shown.stdout and table["checksum"] in shown.stdout


def test_vergelijk_says_equal_or_names_the_table_that_differs(filled, tmp_path):
    target = tmp_path / "doel.db"
    assert cli.run("opslag", "kopieer", filled, target).returncode == 0
    same = cli.run("opslag", "vergelijk", filled, target)
    assert same.returncode == 0 and same.stdout.splitlines()[-1].startswith("Gelijk:")
    with closing(sqlite3.connect(target)) as connection, connection:
        connection.execute("DELETE FROM users")
    differs = cli.run("opslag", "vergelijk", "--json", filled, target)
    one_error_line(differs, 6, r"De opslagen verschillen in 1 tabel, eerst tabel users:"
                   r" 1 rijen in de bron \(controlesom \w{12}…\), 0 in het doel")
    tables = {t["table"]: t for t in json.loads(differs.stdout)["tables"]}
    assert tables["users"]["equal"] is False and tables["users"]["target"]["rows"] == 0
    assert tables["decisions"]["equal"] is True


def older_store(path: Path, newer: bool = False) -> Path:
    """A store of another schema version than this program's."""
    with open_store(str(path)):
        pass
    with closing(sqlite3.connect(path)) as connection, connection:
        if newer:
            connection.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'x')")
        else:
            connection.execute("DELETE FROM schema_migrations WHERE version ="
                               " (SELECT MAX(version) FROM schema_migrations)")
    return path


def foreign_database(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE iets (x)")
    return path


@pytest.mark.parametrize(("source", "target", "pattern"), [
    ("{src}", "{src}", r"VAN en NAAR zijn dezelfde opslag"),
    ("{src}", "sqlite:///{src}", r"VAN en NAAR zijn dezelfde opslag"),
    ("{src}", "{tmp}/./in/../bron.db", r"VAN en NAAR zijn dezelfde opslag"),
    ("{src}", "{tmp}/link.db", r"VAN en NAAR zijn dezelfde opslag"),
    ("ftp://host/bron", "{tmp}/nieuw.db", r"^fout: Onbekende opslag: ftp://"),
    ("{src}", "mysql://host/db", r"^fout: Onbekende opslag: mysql://"),
    ("{tmp}/ontbreekt.db", "{tmp}/nieuw.db", r"De opslag .*ontbreekt\.db bestaat niet"),
    ("{tmp}/oud.db", "{tmp}/nieuw.db", r"schemaversie \d+, ouder dan deze beloftemeter"),
    ("{tmp}/nieuwer.db", "{tmp}/nieuw.db", r"schemaversie 999, nieuwer dan deze beloftemeter"),
    ("{tmp}/vreemd.db", "{tmp}/nieuw.db", r"vreemd\.db is geen beloftemeter-opslag"),
    ("postgresql://iemand:geheim@127.0.0.1:1/db", "{tmp}/nieuw.db",
     r"Kan de PostgreSQL-server op 127\.0\.0\.1:1 niet bereiken"),
    ("{src}", "postgresql://iemand:geheim@127.0.0.1:1/db",
     r"Kan de PostgreSQL-server op 127\.0\.0\.1:1 niet bereiken"),
    ("{src}", "postgresql://iemand@127.0.0.1:1/", r"De opslag-URL noemt geen database"),
])
def test_bad_input_is_one_dutch_line_and_writes_nothing(filled, tmp_path, source, target,
                                                        pattern):
    src = tmp_path / "bron.db"
    src.write_bytes(filled.read_bytes())
    (tmp_path / "in").mkdir()
    (tmp_path / "link.db").symlink_to(src)
    older_store(tmp_path / "oud.db")
    older_store(tmp_path / "nieuwer.db", newer=True)
    foreign_database(tmp_path / "vreemd.db")
    before = files_of(tmp_path)
    result = cli.run("opslag", "kopieer", source.format(src=src, tmp=tmp_path),
                     target.format(src=src, tmp=tmp_path))
    one_error_line(result, 6, pattern)
    assert "geheim" not in result.stderr
    assert_nothing_written(before, files_of(tmp_path))


def test_a_non_empty_target_is_refused_and_overwritten_on_request(filled, tmp_path):
    target = tmp_path / "doel.db"
    assert cli.run("opslag", "kopieer", filled, target).returncode == 0
    before = files_of(tmp_path)
    refused = cli.run("opslag", "kopieer", filled, target)
    one_error_line(refused, 6, r"Het doel .*doel\.db is niet leeg .*--overschrijf")
    assert {k: v for k, v in files_of(tmp_path).items() if k.endswith(".db")} == {
        k: v for k, v in before.items() if k.endswith(".db")}
    again = cli.run("opslag", "kopieer", "--overschrijf", filled, target)
    assert again.returncode == 0, again.stderr
