"""The parser on the real Regeerakkoord 2019-2024 (../shared/data)."""

import re
import time

import pytest

from beloftemeter.analysis.promises import extract_statements, split_sentences
from beloftemeter.sources.agreement_pdf import body_coverage, body_lines, parse_agreement

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def real_pdf(shared_data):
    path = shared_data / "regeerakkoord-2019-2024.pdf"
    if not path.is_file():
        pytest.skip(f"echte data ontbreekt: {path}")
    return path


@pytest.fixture(scope="session")
def real_agreement(real_pdf):
    started = time.perf_counter()
    agreement = parse_agreement(real_pdf)
    print(f"parse: {time.perf_counter() - started:.2f} s")
    return agreement


@pytest.fixture(scope="session")
def real_lines(real_pdf):
    return body_lines(real_pdf)


@pytest.fixture(scope="session")
def real_nodes(real_agreement):
    return {node.key: node for node in real_agreement.nodes}


def test_every_table_of_contents_entry_is_a_node_with_the_same_number_and_title(
    real_agreement,
):
    toc = real_agreement.toc
    assert len(toc) > 250
    # The two places where this PDF's table of contents disagrees with its own headings
    # (checked by eye on page 195): the text wins, and the parser says so.
    assert real_agreement.toc_mismatches == (
        "3.2.4 Programma Vlaanderen: in de tekst een tussentitel zonder nummer",
        "3.2.5 Aankoop: in de tekst genummerd als 3.2.4",
    )
    unnumbered = "3.2.4 Programma Vlaanderen"
    renumbered = {"3.2.5 Aankoop": "3.2.4"}
    nodes = iter(real_agreement.nodes)
    for entry in toc:
        label = f"{entry.number} {entry.title}"
        if label == unnumbered:
            continue
        node = next(nodes)
        assert node.kind == entry.kind
        assert node.number == renumbered.get(label, entry.number)
        if entry.kind == "part":
            assert node.title.casefold() == entry.title.casefold()
        else:
            assert node.title == entry.title
        # Found where the table of contents says (give or take a page).
        assert abs(node.first_page - entry.page) <= 1, (node.key, node.first_page, entry.page)
    assert len(real_agreement.nodes) == len(toc) - 1


def test_the_sections_named_in_the_shared_labels_exist_with_their_titles(
    shared_data, real_agreement
):
    import json

    labels = json.loads(
        (shared_data / "labels" / "reference-citations-tuning.json").read_text(encoding="utf-8")
    )
    by_name = {(n.chapter, n.number): n for n in real_agreement.nodes if n.kind != "part"}
    missing = [
        (item["chapter"], item["section"])
        for item in labels
        if (item["chapter"], item["section"]) not in by_name
    ]
    assert missing == []
    titles = [
        (by_name[(item["chapter"], item["section"])].title, item["title"], item["section"])
        for item in labels
    ]
    # A chapter without sections is named "6 — Media" there.
    assert all(theirs in (ours, f"{number} — {ours}") for ours, theirs, number in titles)


def test_the_tree_has_the_parts_and_chapters_of_the_agreement(real_agreement, real_nodes):
    parts = [n for n in real_agreement.nodes if n.kind == "part"]
    chapters = [n for n in real_agreement.nodes if n.kind == "chapter"]
    assert parts[0].title == "Vlaanderen schittert"
    assert len(parts) == 6
    assert len(chapters) == 26
    assert real_nodes["onderwijs"].chapter == "1 — Onderwijs"
    assert real_nodes["samenleven/1.2"].chapter == "1 — Samenleven"
    assert real_nodes["werk-en-sociale-economie/3.2.1.3"].title == "Sociale economie"
    assert real_nodes["welzijn/1.2.4.2"].parent_key == "welzijn/1.2.4"
    assert len({n.key for n in real_agreement.nodes}) == len(real_agreement.nodes)


def test_no_node_is_empty(real_agreement):
    """Every node has text of its own or below it (a heading directly followed by its first
    subsection, like "1.2 Concrete voorstellen", has no text of its own)."""
    has_text = {n.key for n in real_agreement.nodes if n.text.strip()}
    children: dict[str, list[str]] = {}
    for node in real_agreement.nodes:
        children.setdefault(node.parent_key, []).append(node.key)

    def filled(key):
        return key in has_text or any(filled(child) for child in children.get(key, []))

    empty = [n.key for n in real_agreement.nodes if not filled(n.key)]
    assert empty == []
    leaves = [n for n in real_agreement.nodes if n.key not in children]
    assert all(n.text.strip() for n in leaves)


def test_section_texts_cover_the_body_text(real_lines, real_agreement):
    lines = real_lines
    covered, total = body_coverage(lines, real_agreement.nodes)
    print(f"dekking: {covered / total:.4f} ({covered} van {total} tekens)")
    assert total > 400_000
    assert covered / total >= 0.99
    # Only short lines are dropped as running headers and footers.
    margins = [line for line in lines if line.role in {"header", "footer"}]
    long_margins = [line.text for line in margins if len(line.text) > 60]
    assert long_margins == []


def test_clean_text_has_no_page_furniture_or_broken_words(real_agreement):
    text = "\n".join(n.text for n in real_agreement.nodes)
    assert "\u00ad" not in text and "\ufffe" not in text and "\x02" not in text
    assert "samenwerkingsovereenkomst" in text
    assert "Vlaams-Europees" in text  # a real compound, split over two lines in the PDF
    assert "grond- en mensenrechten" in text
    for compound in ("zij-instromers", "energie-efficiëntie", "niet-werkende"):
        assert compound in text and compound.replace("-", "") not in text
    assert "gesubsidieerd" in text and "gesubsidi-eerd" not in text
    assert not re.search(r"^\d{1,3}$", text, re.MULTILINE)
    assert "\nVlaamse regering\n" not in text


def _first_and_last(text):
    sentences = [s for _, s in split_sentences(text)]
    return sentences[0], sentences[-1]


@pytest.mark.parametrize(
    ("key", "first", "last", "pages"),
    [
        (
            "onderwijs/1.2.1",
            "Vlaanderen heeft geen andere grondstoffen dan zijn hersencellen.",
            "We bestendigen de inspanningen voor gezonde voeding en extra beweging op school"
            " binnen het ruimer gezondheidsbeleid.",
            (23, 26),
        ),
        (
            "welzijn/1.2.3.3",
            "De versnippering in de geestelijke gezondheidszorg is na de zesde"
            " staatshervorming zeker niet verminderd.",
            "Hiertoe werken we nauw samen met de minister bevoegd voor justitie en met het"
            " federale niveau en dit om tot een integraal beleid te kunnen komen.",
            (80, 81),
        ),
        (
            "samenleven/1.2",
            "Het Vlaamse integratiebeleid wil mensen niet aanspreken op hun etnisch-culturele"
            " herkomst, maar streeft integendeel naar een inclusieve samenleving.",
            "Indien de evaluatie negatief zou zijn, bekijken we welke bijkomende stappen we"
            " moeten nemen.",
            (105, 105),
        ),
        (
            "energie-en-klimaat/1.2.1",
            "De Vlaamse regering zal de lange termijndoelstelling 2050 voor woningrenovatie van"
            " gemiddeld 100 kWh/m2 verfijnen in functie van de gebouwtypologie, op regelmatige"
            " basis evalueren en zekerheid garanderen door tussentijdse ijkpunten in te voeren"
            " in lijn met het Vlaamse energie- en klimaatplan 2030.",
            "We werken samen met de bouwsector een actieplan uit om het aanbod van vakmensen te"
            " verzekeren zodat de kwaliteitsvolle uitvoering van ambitieuze"
            " renovatiedoelstellingen kan worden gegarandeerd.",
            (142, 143),
        ),
        (
            "mobiliteit-en-openbare-werken/1.3",
            "We trekken de investeringen in fietsinfrastructuur verder op.",
            "Het projectteam binnen het beleidsdomein MOW wordt gereorganiseerd en garandeert de"
            " realisaties, inclusief het wegwerken van de onveilige, ontbrekende, en"
            " oncomfortabele schakels in de fietsverbindingen, op het terrein.",
            (182, 182),
        ),
        (
            "financien-en-begroting/7.2",
            "De nieuwe Vlaamse regering zet het budgettair orthodoxe traject van de vorige"
            " Vlaamse regering onverkort door.",
            "Als we met z’n allen inspanningen leveren, creëren we zo de nodige zuurstof om een"
            " sterk antwoord te bieden op de meest acute noden en uitdagingen in onze"
            " samenleving.",
            (207, 208),
        ),
    ],
)
def test_spot_check_first_and_last_sentences(real_nodes, key, first, last, pages):
    node = real_nodes[key]
    got_first, got_last = _first_and_last(node.text)
    assert got_first == first
    assert got_last == last
    assert (node.first_page, node.last_page) == pages


def test_statements_have_pages_within_their_section(real_agreement):
    statements = extract_statements(real_agreement.nodes)
    pages = {n.key: (n.first_page, n.last_page) for n in real_agreement.nodes}
    assert len(statements) > 3000
    assert all(pages[s.node_key][0] <= s.page <= pages[s.node_key][1] for s in statements)
    share = sum(s.is_promise for s in statements) / len(statements)
    assert 0.4 < share < 0.85


def test_the_parser_names_no_chapter_or_part_of_this_agreement(real_agreement):
    """The parser works from conventions only: none of this agreement's titles is in its code."""
    from pathlib import Path

    import beloftemeter.analysis.promises as promises
    import beloftemeter.sources.agreement_pdf as parser

    modules = [*Path(parser.__file__).parent.glob("agreement_*.py"), Path(promises.__file__)]
    assert len(modules) > 5  # the parser's modules, not only its facade
    code = "".join(path.read_text(encoding="utf-8").casefold() for path in modules)
    titles = {n.title.casefold() for n in real_agreement.nodes if n.kind in {"part", "chapter"}}
    named = [title for title in titles if re.search(rf"\b{re.escape(title)}\b", code)]
    assert named == []


def test_each_page_start_points_at_the_first_words_printed_on_that_page(real_lines, real_nodes):
    """Statement pages come from these offsets: they must not drift as the text is cleaned."""
    from beloftemeter.sources.agreement_headings import fold_to_alnum

    lines = real_lines
    first_on_page = {}
    for line in lines:
        if line.role == "body":
            first_on_page.setdefault(line.page, fold_to_alnum(line.text))
    node = real_nodes["onderwijs/1.2.1"]
    assert [page for _, page in node.page_starts] == [23, 24, 25, 26]
    for offset, page in node.page_starts[1:]:
        assert fold_to_alnum(node.text[offset : offset + 200]).startswith(first_on_page[page])


def test_a_footnote_follows_the_sentence_citing_it_in_its_own_section(real_nodes):
    # Footnote 5 (p. 46) explains the "no wrong door" principle cited in 2.3.5; the page also
    # holds the start of 2.3.7, whose sentence runs on to the next page.
    cited = real_nodes["economie-en-innovatie/2.3.5"].text
    assert (
        "het principe van “éénmalige aanmelding”.\n\n5 Volgens dit principe worden ondernemers"
        in cited
    )
    assert "Volgens dit principe" not in real_nodes["economie-en-innovatie/2.3.7"].text
    later = real_nodes["economie-en-innovatie/2.3.7"].text
    assert "consultatie van de stakeholders, identificeren we" in later.replace("\n", " ")


def test_no_footnote_splits_a_sentence(real_agreement):
    split = [
        node.key
        for node in real_agreement.nodes
        if node.chapter and node.chapter.startswith("2 — Economie")
        and re.search(r"[a-z,]\n\n\d{1,3} [A-Z]", node.text)
    ]
    assert split == []
