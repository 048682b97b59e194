"""The parser on a small agreement PDF written by code (agreement_pdfs.py)."""

import pytest
from agreement_pdfs import sample_agreement

from beloftemeter.errors import InputError
from beloftemeter.sources.agreement_pdf import (
    body_coverage,
    body_lines,
    parse_agreement,
    slugify,
)
from support.pdf_pages import make_pdf


@pytest.fixture(scope="module")
def agreement():
    return parse_agreement(sample_agreement())


def test_every_table_of_contents_entry_becomes_a_node_in_document_order(agreement):
    assert [n.key for n in agreement.nodes] == [
        "deel-1-deel-een",
        "onderwijs",
        "onderwijs/1.1",
        "onderwijs/1.2",
        "onderwijs/1.2.1",
        "deel-2-deel-twee",
        "welzijn",
        "welzijn/1.1",
    ]


def test_section_numbers_restart_per_chapter_so_keys_name_the_chapter(agreement):
    by_key = {n.key: n for n in agreement.nodes}
    assert by_key["onderwijs/1.1"].chapter == "1 — Onderwijs"
    assert by_key["welzijn/1.1"].chapter == "1 — Welzijn"
    assert by_key["welzijn/1.1"].part == "Deel twee"
    assert by_key["welzijn/1.1"].text.startswith("Welzijn is een recht.")


def test_a_title_wrapped_over_two_lines_is_read_whole(agreement):
    node = next(n for n in agreement.nodes if n.key == "onderwijs/1.2")
    assert node.title == "Concrete voorstellen voor een beter onderwijs en een sterkere school"


def test_the_tree_links_subsections_to_their_parents(agreement):
    parents = {n.key: n.parent_key for n in agreement.nodes}
    assert parents["onderwijs/1.2.1"] == "onderwijs/1.2"
    assert parents["onderwijs/1.1"] == "onderwijs"
    assert parents["onderwijs"] == "deel-1-deel-een"
    assert parents["deel-1-deel-een"] is None


def test_headers_footers_and_page_numbers_are_left_out_of_the_text(agreement):
    text = "\n".join(n.text for n in agreement.nodes)
    assert "Deel een" not in text
    assert "Onderwijs\n" not in text
    assert not any(line.strip().isdigit() for line in text.splitlines())


def test_line_end_hyphenation_is_repaired_but_real_compounds_are_kept(agreement):
    text = next(n for n in agreement.nodes if n.key == "onderwijs/1.1").text
    assert "samenwerkingsovereenkomst" in text
    assert "Vlaams-Europese toets" in text
    assert "net- en koepeloverschrijdende" in text


def test_paragraphs_are_kept(agreement):
    text = next(n for n in agreement.nodes if n.key == "onderwijs/1.1").text
    first, second = text.split("\n\n")
    assert first.endswith("met de scholen.")
    assert second.startswith("We voeren een Vlaams-Europese toets in.")


def test_first_and_last_page_follow_the_text(agreement):
    node = next(n for n in agreement.nodes if n.key == "onderwijs/1.2.1")
    assert (node.first_page, node.last_page) == (4, 4)
    assert node.page_at(0) == 4


def test_all_body_lines_are_covered_by_the_node_texts(agreement):
    covered, total = body_coverage(body_lines(sample_agreement()), agreement.nodes)
    assert total > 300
    assert covered == total


def test_the_sha256_identifies_the_pdf(agreement):
    import hashlib

    assert agreement.sha256 == hashlib.sha256(sample_agreement()).hexdigest()


def test_slugs_are_readable_ascii():
    assert slugify("Financiën en begroting") == "financien-en-begroting"
    assert slugify("Cultuur, jeugd en sport") == "cultuur-jeugd-en-sport"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leeg"),
        (b"Dit is gewoon tekst, geen PDF.\n", "geen PDF"),
        (sample_agreement()[:400], "beschadigd"),
        (sample_agreement()[:-30], "onvolledig"),
        (make_pdf([[(50.0, 700.0, 10.0, "geheim")]], encrypt=True), "versleuteld"),
        (make_pdf([[(50.0, 700.0, 10.0, "Een PDF zonder inhoudstafel.")]]), "inhoudstafel"),
    ],
    ids=["empty", "text", "truncated", "cut-short", "encrypted", "no-toc"],
)
def test_unusable_input_raises_a_dutch_input_error(data, message):
    with pytest.raises(InputError, match=message):
        parse_agreement(data)


def test_a_missing_file_is_a_dutch_input_error(tmp_path):
    with pytest.raises(InputError, match="niet gevonden"):
        parse_agreement(tmp_path / "weg.pdf")


def test_pages_are_the_printed_page_numbers_even_when_the_pdf_has_extra_pages():
    from agreement_pdfs import sample_pages

    pages = sample_pages()
    shifted = make_pdf([pages[0], [(50.0, 700.0, 10.0, "Binnenflap")], *pages[1:]])
    nodes = {n.key: n for n in parse_agreement(shifted).nodes}
    assert (nodes["onderwijs/1.2.1"].first_page, nodes["welzijn/1.1"].first_page) == (4, 6)
    assert nodes["welzijn/1.1"].text.startswith("Welzijn is een recht.")


def test_a_back_cover_without_page_number_is_not_part_of_the_last_section():
    from agreement_pdfs import sample_pages

    back_cover = [(57.0, 140.0, 8.0, "DEPARTEMENT KANSELARIJ"), (57.0, 120.0, 8.0, "Havenlaan 88")]
    nodes = parse_agreement(make_pdf([*sample_pages(), back_cover])).nodes
    assert nodes[-1].key == "welzijn/1.1"
    assert "Havenlaan" not in nodes[-1].text
    assert nodes[-1].last_page == 6


def test_dot_leaders_in_the_table_of_contents_are_not_part_of_the_titles():
    from agreement_pdfs import sample_pages

    pages = sample_pages()
    pages[1] = [
        (x, y, size, text.replace(" 4", " ........ 4").replace(" 6", " . . . . 6"))
        for x, y, size, text in pages[1]
    ]
    agreement = parse_agreement(make_pdf(pages))
    titles = [entry.title for entry in agreement.toc]
    assert "Kwaliteit" in titles and "Welzijn" in titles
    assert [n.key for n in agreement.nodes][-1] == "welzijn/1.1"


@pytest.mark.parametrize(
    ("before", "after", "vocabulary", "glue"),
    [
        ("een samenwerkings", "overeenkomst met", set(), ""),
        ("de energie", "efficiëntie van", set(), "-"),  # vowel clash: Dutch keeps the hyphen
        ("nieuwe zij", "instromers in", set(), "-"),
        ("voor niet", "werkende mensen", set(), "-"),
        ("wordt gesubsidi", "eerd door", {"gesubsidieerd"}, ""),  # the document decides
        ("de cash", "besteding", {"cash-besteding"}, "-"),
        ("het ICT", "beleid", set(), "-"),
        ("grond", "en mensenrechten", set(), "- "),
        ("Vlaams", "Europees beleid", set(), "-"),
    ],
)
def test_a_hyphen_at_a_line_end_is_kept_only_in_real_compounds(before, after, vocabulary, glue):
    from beloftemeter.sources.agreement_text import line_end_hyphen

    assert line_end_hyphen(before, after, frozenset(vocabulary)) == glue


def test_a_page_range_covers_the_subsections(agreement):
    nodes = {n.key: n for n in agreement.nodes}
    assert (nodes["deel-2-deel-twee"].first_page, nodes["deel-2-deel-twee"].last_page) == (5, 6)
    assert (nodes["onderwijs"].first_page, nodes["onderwijs"].last_page) == (4, 4)
    assert nodes["deel-1-deel-een"].last_page == 4
