"""`beloftemeter rapport`: one section to stdout or a file, or all sections with an index."""

from beloftemeter.store import open_store
from support.assessed_store import build
from support.cli import run
from support.report_markdown import assert_citations_sound, parse_report

OWN = "vlaanderen-2019-2024"  # the agreement's own folder of reports


def assessed(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'beloftemeter.db'}") as store:
        build(store)
    return tmp_path


def test_a_section_report_is_printed_as_markdown_or_json(tmp_path):
    folder = assessed(tmp_path)
    result = run("rapport", "mobiliteit/1.1", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert_citations_sound(parse_report(result.stdout))
    as_json = run("rapport", "mobiliteit/1.1", "--formaat", "json", cwd=folder)
    assert '"section"' in as_json.stdout and '"references"' in as_json.stdout


def test_alles_writes_one_file_per_section_and_an_index(tmp_path):
    folder = assessed(tmp_path)
    result = run("rapport", "--alles", "--uit", "uit", "--formaat", "html", cwd=folder)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(folder / "uit").as_posix()
                     for p in (folder / "uit").rglob("*.html"))
    # The agreement's reports in its own folder; the folder's index lists the agreements.
    assert written == ["index.html", f"{OWN}/index.html", f"{OWN}/mobiliteit/1.1.html",
                       f"{OWN}/mobiliteit/1.2.html"]
    assert "mobiliteit/1.1.html" in (folder / "uit" / OWN / "index.html").read_text()
    assert f'href="{OWN}/index.html"' in (folder / "uit" / "index.html").read_text()
    assert "3 rapporten" not in result.stdout and "2 rapporten geschreven" in result.stdout


def test_bad_requests_are_one_dutch_line(tmp_path):
    folder = assessed(tmp_path)
    for args, message in [
        (("rapport",), "fout: Geef een SLEUTEL of --alles (niet allebei)."),
        (("rapport", "mobiliteit/1.1", "--formaat", "pdf"), "fout: Onbekend formaat: 'pdf'"),
        (("rapport", "mobiliteit/9.9"), "fout: Onbekende sectie: mobiliteit/9.9"),
        (("rapport", "mobiliteit/1.1", "--generator", "gpt"), "fout: Onbekende generator"),
        (("rapport", "mobiliteit/1.1", "--generator", "llm"), "fout: Geen taalmodel ingesteld"),
    ]:
        result = run(*args, cwd=folder)
        assert result.returncode != 0
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(message), (args, lines)


def test_an_empty_store_says_what_to_import_first(tmp_path):
    result = run("rapport", "--alles", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "fout: De opslag bevat nog geen regeerakkoord: importeer het eerst.")
