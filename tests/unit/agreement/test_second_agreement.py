"""The second agreement PDF the two-agreement tests generate (support.second_agreement) is read
by the project's own parser as it was written: its parts, chapters and sections, every
sentence, and which sentences are promises."""

import pytest

from beloftemeter.pipeline.agreement import prepare_agreement
from beloftemeter.sources.agreement_tree import slugify
from support import second_agreement as second


@pytest.fixture(scope="module")
def parsed():
    return prepare_agreement(second.second_agreement(), "proefakkoord-2022-2023.pdf")


def test_the_pdf_is_the_same_on_every_call():
    assert second.second_agreement() == second.second_agreement()


def test_its_tree_is_the_outline_with_the_table_of_contents_as_printed(parsed):
    kinds = [n.kind for n in parsed.nodes]
    assert (kinds.count("part"), kinds.count("chapter"), kinds.count("section")) == (
        3, 6, second.section_count()) == (3, 6, 26)
    assert parsed.toc_mismatches == ()
    assert len(parsed.toc) == len(parsed.nodes)
    assert [n.title for n in parsed.nodes if n.kind == "part"] == [
        p.title for p in second.OUTLINE]
    # Chapters are numbered anew in every part, as in the real agreement; keys stay apart.
    assert [n.chapter for n in parsed.nodes if n.kind == "chapter"] == [
        "1 — Werk en inburgering", "2 — Onderwijs en opvoeding", "1 — Welzijn en zorg",
        "2 — Wonen en energie", "1 — Mobiliteit en openbare werken",
        "2 — Omgeving en erfgoed"]
    assert {n.key for n in parsed.nodes} >= {
        "werk-en-inburgering/1.2.1", "welzijn-en-zorg/1.2", "omgeving-en-erfgoed/2.4"}
    assert parsed.title == "Vlaamse regering Proefakkoord 2022-2023"
    for node, entry in zip(parsed.nodes, parsed.toc, strict=True):
        # every node where its table-of-contents entry says
        assert (node.number, node.title.casefold(), node.first_page) == (
            entry.number, entry.title.casefold(), entry.page)


def test_every_sentence_comes_back_whole_and_marked_as_written(parsed):
    written = [(slugify(chapter) + (f"/{number}" if number else ""), text, promised)
               for chapter, number, text, promised in second.sentences()]
    read = [(s.node_key, s.text, s.is_promise) for s in parsed.statements]
    assert read == written
    assert sum(s.is_promise for s in parsed.statements) == len(second.promises()) == 51
    # Words broken at a line end with a soft hyphen are joined again.
    pdf_text = second.second_agreement()
    assert b"\xad" in pdf_text
    assert not any("\u00ad" in s.text or "- " in s.text.replace("- en", "")
                   for s in parsed.statements)
