"""Saving and reading the agreement tree and its statements."""

import dataclasses
import re

import pytest
from agreement_pdfs import sample_agreement

from beloftemeter.cli.akkoord import prepare_agreement
from beloftemeter.errors import NotFoundError
from beloftemeter.store.agreement import (
    find_node,
    get_node,
    iter_promises,
    list_nodes,
    save_agreement,
    section_text,
    statements_of,
)


@pytest.fixture(scope="module")
def agreement():
    return prepare_agreement(sample_agreement(), "sample.pdf")


def test_saved_nodes_come_back_in_document_order(store, agreement):
    assert save_agreement(store, agreement) is True
    nodes = list_nodes(store)
    assert [n.key for n in nodes] == [n.key for n in agreement.nodes]
    assert nodes[2].text == agreement.nodes[2].text


def test_saving_the_same_pdf_again_changes_nothing(store, agreement):
    save_agreement(store, agreement)
    before = list(store.connection.iterdump())
    assert save_agreement(store, agreement) is False
    assert list(store.connection.iterdump()) == before


def test_a_different_pdf_replaces_the_tree(store, agreement):
    save_agreement(store, agreement)
    smaller = dataclasses.replace(
        agreement,
        sha256="0" * 64,
        nodes=agreement.nodes[:3],
        statements=tuple(s for s in agreement.statements if s.node_key == "onderwijs/1.1"),
    )
    assert save_agreement(store, smaller) is True
    assert [n.key for n in list_nodes(store)] == ["deel-1-deel-een", "onderwijs", "onderwijs/1.1"]


def test_find_node_names_a_section_by_chapter_and_number(store, agreement):
    save_agreement(store, agreement)
    assert find_node(store, "1 — Welzijn", "1.1").key == "welzijn/1.1"
    assert find_node(store, "1 — Onderwijs", "1.1").key == "onderwijs/1.1"
    assert find_node(store, "1 – Onderwijs", "1.2.1").key == "onderwijs/1.2.1"
    assert find_node(store, "1 — Onderwijs", "1").key == "onderwijs"
    assert find_node(store, "1 — Onderwijs", "9.9") is None


def test_get_node_of_an_unknown_key_is_a_dutch_not_found_error(store, agreement):
    with pytest.raises(NotFoundError, match="nog geen regeerakkoord"):
        get_node(store, "onderwijs/1.1")
    save_agreement(store, agreement)
    with pytest.raises(NotFoundError, match=re.escape("Onbekende sectie: onderwijs/9.9")):
        get_node(store, "onderwijs/9.9")


def test_section_text_includes_subsections_with_their_headings(store, agreement):
    save_agreement(store, agreement)
    text = section_text(store, "onderwijs/1.2")
    assert text.startswith("1.2.1 Kwaliteit\n\nDe Vlaamse Regering zal de eindtermen evalueren.")
    assert section_text(store, "onderwijs/1.2", include_descendants=False) == ""


def test_statements_keep_their_section_page_and_mark(store, agreement):
    save_agreement(store, agreement)
    statements = statements_of(store, "onderwijs/1.1")
    assert [s.text for s in statements][:2] == [
        "Het onderwijs staat onder druk.",
        "De resultaten dalen al tien jaar.",
    ]
    assert all(s.page == 4 and s.node_key == "onderwijs/1.1" for s in statements)
    marks = {s.text: s.is_promise for s in statements}
    assert marks["We sluiten een samenwerkingsovereenkomst met de scholen."] is True
    assert marks["Het onderwijs staat onder druk."] is False
    below = statements_of(store, "onderwijs", include_descendants=True)
    assert {s.node_key for s in below} == {"onderwijs/1.1", "onderwijs/1.2.1"}


def test_iter_promises_yields_only_promises_in_document_order(store, agreement):
    save_agreement(store, agreement)
    promises = list(iter_promises(store))
    assert all(p.is_promise for p in promises)
    assert [p.text for p in promises] == [
        "We sluiten een samenwerkingsovereenkomst met de scholen.",
        "We voeren een Vlaams-Europese toets in.",
        "De Vlaamse Regering zal de eindtermen evalueren.",
        "Het aanbod wordt uitgebreid met 100 plaatsen.",
    ]


def test_the_same_pdf_read_by_a_newer_promise_rule_replaces_the_statements(store, agreement):
    save_agreement(store, agreement)
    first = agreement.statements[0]
    upgraded = dataclasses.replace(
        agreement,
        statements=(
            dataclasses.replace(first, is_promise=not first.is_promise),
            *agreement.statements[1:],
        ),
    )
    assert upgraded.sha256 == agreement.sha256
    assert save_agreement(store, upgraded) is True
    stored = statements_of(store, first.node_key)
    assert stored[0].is_promise is (not first.is_promise)


def test_the_same_pdf_read_by_a_newer_parser_replaces_the_text(store, agreement):
    save_agreement(store, agreement)
    node = agreement.nodes[2]
    upgraded = dataclasses.replace(
        agreement,
        nodes=(
            *agreement.nodes[:2],
            dataclasses.replace(node, text=node.text + " Nieuw."),
            *agreement.nodes[3:],
        ),
    )
    assert save_agreement(store, upgraded) is True
    assert get_node(store, node.key).text.endswith(" Nieuw.")


def test_the_same_pdf_from_another_place_only_records_the_new_source(store, agreement):
    from beloftemeter.store.agreement import agreement_info

    save_agreement(store, agreement)
    moved = dataclasses.replace(agreement, source="https://example.org/akkoord.pdf")
    assert save_agreement(store, moved) is False
    assert agreement_info(store)["source"] == "https://example.org/akkoord.pdf"
