"""The index of the reports folder: the agreements side by side, linked to their reports; a
title read from a PDF is text, never markup."""

import json

from beloftemeter.models.agreement import AgreementProgress, StoredAgreement
from beloftemeter.reports.agreements_index import (
    AgreementEntry,
    render_agreements_index,
    term_words,
)


def _entry(slug, title, term_end, path):
    agreement = StoredAgreement(1, slug, title, "a.pdf", "0" * 64, 6, "2019-10-02", term_end,
                                "2026-01-01 10:00:00")
    return AgreementEntry(AgreementProgress(agreement, 4, 3, {"uitgevoerd": 2,
                                                              "in uitvoering": 1}, 2, 0), path)


ENTRIES = [_entry("test-2030-2034", "<b>Akkoord</b> | [x]", None, None),
           _entry("vlaanderen-2019-2024", "Regeerakkoord", "2024-09-30",
                  "vlaanderen-2019-2024/index.html")]


def test_terms_are_dutch_days():
    assert term_words("2019-10-02", "2024-09-30") == "2 oktober 2019 tot 30 september 2024"
    assert term_words("2024-09-30", None) == "sinds 30 september 2024 (in functie)"


def test_html_links_the_written_reports_and_escapes_titles():
    page = render_agreements_index(ENTRIES, "html")
    assert "<b>Akkoord" not in page and "&lt;b&gt;Akkoord&lt;/b&gt;" in page
    assert "(test-2030-2034; nog geen rapporten)" in page
    assert '<a href="vlaanderen-2019-2024/index.html">Regeerakkoord</a>' in page
    assert "<td>2</td><td>0</td><td>1</td>" in page  # uitgevoerd, grotendeels, in uitvoering


def test_markdown_keeps_its_table_and_json_names_the_paths():
    lines = render_agreements_index(ENTRIES, "md").splitlines()
    rows = [line for line in lines if line.startswith("| ") and "regeerperiode" not in line]
    assert len(rows) == 2 and all(row.count(" | ") == rows[0].count(" | ") for row in rows)
    assert r"&lt;b&gt;Akkoord&lt;/b&gt; \| \[x\]" in rows[0]
    data = json.loads(render_agreements_index(ENTRIES, "json"))
    assert [(a["slug"], a["path"]) for a in data["agreements"]] == [
        ("test-2030-2034", None), ("vlaanderen-2019-2024", "vlaanderen-2019-2024/index.html")]


def test_a_backslash_in_a_title_opens_no_link_of_its_own():
    # "\[" escaped alone became "\\[": an escaped backslash, then a bracket that opened a
    # link (or an image) to wherever the PDF's first page said.
    from markdown_it import MarkdownIt

    titles = ["\\[klik\\](https://kwaad.example)", "!\\[x\\](https://kwaad.example/t.png)",
              "`code` *nadruk* ~~weg~~ \\", "twee\nregels | cel"]
    entries = [_entry(f"test-{2030 + i}-2034", title, None, "test/index.md")
               for i, title in enumerate(titles)]
    text = render_agreements_index(entries, "md")
    header, *rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == len(titles) and all(row.count(" | ") == header.count(" | ")
                                            for row in rows)
    page = MarkdownIt("commonmark").enable("table").render(text)
    assert "kwaad.example\"" not in page and "<img" not in page
    assert "<code>" not in page and "<em>" not in page and "<s>" not in page
    assert page.count('<a href="test/index.md">') == len(titles)
    assert '<a href="test/index.md">\\[klik\\](https://kwaad.example)</a>' in page
