"""`beloftemeter akkoord`: import (file and URL), boom, toon; bad input leaves the store as is."""

import functools
import hashlib
import http.server
import json
import threading

import pytest
from agreement_pdfs import sample_agreement, sample_pages

from support.cli import run
from support.pdf_pages import make_pdf


@pytest.fixture
def workdir(tmp_path):
    (tmp_path / "akkoord.pdf").write_bytes(sample_agreement())
    return tmp_path


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_then_list_as_json_gives_every_node_with_its_promises(workdir):
    result = run("akkoord", "import", "akkoord.pdf", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "8 knopen" in result.stdout
    listed = run("akkoord", "boom", "--json", cwd=workdir)
    nodes = json.loads(listed.stdout)
    assert [n["key"] for n in nodes][:3] == ["deel-1-deel-een", "onderwijs", "onderwijs/1.1"]
    first = next(n for n in nodes if n["key"] == "onderwijs/1.2.1")
    assert set(first) >= {"key", "part", "chapter", "number", "title", "first_page",
                          "last_page", "text", "promises"}
    assert first["chapter"] == "1 — Onderwijs"
    assert first["promises"] == [
        {"text": "De Vlaamse Regering zal de eindtermen evalueren.", "page": 4}
    ]


def test_list_prints_the_tree_with_counts(workdir):
    run("akkoord", "import", "akkoord.pdf", cwd=workdir)
    result = run("akkoord", "boom", cwd=workdir)
    assert result.returncode == 0
    assert "1.2.1 Kwaliteit  [onderwijs/1.2.1]  p. 4, 1 belofte / 2 zinnen" in result.stdout


def test_list_counts_a_chapter_with_everything_below_it(workdir):
    run("akkoord", "import", "akkoord.pdf", cwd=workdir)
    nodes = json.loads(run("akkoord", "boom", "--json", cwd=workdir).stdout)
    below = [n for n in nodes if n["key"].startswith("onderwijs/")]
    promises = sum(len(n["promises"]) for n in below) + len(
        next(n for n in nodes if n["key"] == "onderwijs")["promises"]
    )
    assert promises > 0
    result = run("akkoord", "boom", cwd=workdir)
    chapter = next(line for line in result.stdout.splitlines() if "[onderwijs]" in line)
    assert f", {promises} belofte{'n' if promises != 1 else ''} / " in chapter
    assert "0 zinnen" not in chapter


def test_keys_ignore_case_and_an_unknown_key_suggests_the_closest(workdir):
    run("akkoord", "import", "akkoord.pdf", cwd=workdir)
    result = run("akkoord", "toon", "Onderwijs/1.2.1", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "1.2.1 Kwaliteit" in result.stdout
    typo = run("akkoord", "toon", "onderwjis/1.2.1", cwd=workdir)
    assert typo.returncode == 3
    assert "bedoelt u onderwijs/1.2.1?" in typo.stderr


def test_show_of_a_section_without_own_text_points_to_the_subsections(workdir):
    run("akkoord", "import", "akkoord.pdf", cwd=workdir)
    nodes = json.loads(run("akkoord", "boom", "--json", cwd=workdir).stdout)
    empty = next(n["key"] for n in nodes if not n["text"])
    result = run("akkoord", "toon", empty, cwd=workdir)
    assert "(geen eigen tekst; `--alles` toont ook de subsecties)" in result.stdout


def test_list_and_show_on_an_empty_store_fail_alike(tmp_path):
    listed = run("akkoord", "boom", cwd=tmp_path)
    shown = run("akkoord", "toon", "onderwijs/1.1", cwd=tmp_path)
    message = (
        "fout: Er is nog geen regeerakkoord ingelezen (gebruik `beloftemeter akkoord import`)."
    )
    assert (listed.returncode, listed.stderr.strip()) == (3, message)
    assert (shown.returncode, shown.stderr.strip()) == (3, message)


def test_show_prints_the_section_and_its_promises(workdir):
    run("akkoord", "import", "akkoord.pdf", cwd=workdir)
    result = run("akkoord", "toon", "onderwijs/1.1", cwd=workdir)
    assert result.returncode == 0
    assert "1 — Onderwijs — 1.1 Uitdagingen en visie" in result.stdout
    assert "Beloften (2 van 5 zinnen):" in result.stdout
    assert "1. We sluiten een samenwerkingsovereenkomst met de scholen. (p. 4)" in result.stdout


def test_show_of_an_unknown_key_is_one_dutch_line(workdir):
    run("akkoord", "import", "akkoord.pdf", cwd=workdir)
    result = run("akkoord", "toon", "onderwijs/9.9", cwd=workdir)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "fout: Onbekende sectie: onderwijs/9.9 (zie `beloftemeter akkoord boom` voor de"
        " sleutels)."
    ]


def test_reimporting_the_same_pdf_changes_nothing(workdir):
    run("akkoord", "import", "akkoord.pdf", cwd=workdir)
    dump = run("akkoord", "boom", "--json", cwd=workdir).stdout
    again = run("akkoord", "import", "akkoord.pdf", cwd=workdir)
    assert again.returncode == 0
    assert "Ongewijzigd" in again.stdout
    assert run("akkoord", "boom", "--json", cwd=workdir).stdout == dump


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (sample_agreement()[:-300], "fout: De PDF is onvolledig"),
        (b"", "fout: Het bestand is leeg"),
        (make_pdf([[(50.0, 700.0, 10.0, "geheim")]], encrypt=True), "fout: De PDF is versleuteld"),
        (b"Dit is een tekstbestand.\n", "fout: Dit is geen PDF-bestand"),
        (make_pdf(sample_pages()[:2]), "fout: Geen enkele titel uit de inhoudstafel"),
    ],
    ids=["broken", "empty", "encrypted", "text", "partial"],
)
def test_bad_input_gives_one_dutch_line_and_leaves_the_store_unchanged(workdir, content, message):
    run("akkoord", "import", "akkoord.pdf", cwd=workdir)
    store = workdir / "beloftemeter.db"
    run("akkoord", "boom", cwd=workdir)  # settles the WAL file into the database
    before = _digest(store)
    (workdir / "slecht.pdf").write_bytes(content)
    result = run("akkoord", "import", "slecht.pdf", cwd=workdir)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(message)
    assert lines[0].endswith(": slecht.pdf")  # the file is named, not "PDF"
    assert "Traceback" not in result.stderr
    assert _digest(store) == before


def test_a_missing_file_is_one_dutch_line(workdir):
    result = run("akkoord", "import", "bestaat-niet.pdf", cwd=workdir)
    assert result.returncode != 0
    assert result.stderr.strip() == "fout: Bestand niet gevonden: bestaat-niet.pdf"
    assert not (workdir / "beloftemeter.db").exists()


def test_a_device_is_one_dutch_line_and_is_not_read(workdir):
    result = run("akkoord", "import", "/dev/zero", cwd=workdir)
    assert (result.returncode, result.stderr.strip()) == (
        2, "fout: Dit is geen gewoon bestand (een apparaat of pijp?): /dev/zero"
    )


def test_a_directory_is_one_dutch_line(workdir):
    (workdir / "map").mkdir()
    result = run("akkoord", "import", "map", cwd=workdir)
    assert (result.returncode, result.stderr.strip()) == (
        2, "fout: Dit is een map, geen PDF-bestand: map"
    )


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "regeerakkoord.pdf").write_bytes(sample_agreement())
    (site / "publicatie.html").write_text(
        '<html><body><a href="/over">over</a>'
        '<a href="docs/regeerakkoord.pdf?download=1">Download de PDF</a></body></html>',
        encoding="utf-8",
    )
    handler = functools.partial(_Handler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/docs/regeerakkoord.pdf", "/publicatie.html"])
def test_import_from_a_url_downloads_the_pdf_or_follows_the_page_to_it(tmp_path, server, path):
    result = run("akkoord", "import", server + path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    nodes = json.loads(run("akkoord", "boom", "--json", cwd=tmp_path).stdout)
    assert len(nodes) == 8


def test_a_url_that_does_not_answer_is_one_dutch_line(tmp_path, server):
    result = run("akkoord", "import", server + "/weg.pdf", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().startswith("fout: Downloaden mislukt:")
    assert "404" in result.stderr
