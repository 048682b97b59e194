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


@pytest.mark.sqlite_only("compares SQLite's iterdump of the whole file")
def test_saving_the_same_pdf_again_changes_nothing(store, agreement):
    save_agreement(store, agreement)
    before = list(store.connection.iterdump())
    assert save_agreement(store, agreement) is False
    assert list(store.connection.iterdump()) == before


def test_saving_the_same_pdf_again_writes_no_row(store, agreement):
    # On every backend: the counter that triggers raise at any write to the agreement's
    # tables (migration 0014) stays where it was.
    save_agreement(store, agreement)
    before = store.execute("SELECT changes FROM promise_list_changes").fetchone()[0]
    assert save_agreement(store, agreement) is False
    assert store.execute("SELECT changes FROM promise_list_changes").fetchone()[0] == before


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


# Stable promise ids (issue 18)

def _ids(store) -> dict[tuple[str, int], str]:
    from beloftemeter.store.promise_ids import ids_by_key

    return ids_by_key(store)


def _texts(store) -> dict[str, str]:
    rows = store.execute("SELECT promise_id, text FROM agreement_statements"
                         " WHERE promise_id IS NOT NULL")
    return {row[0]: row[1] for row in rows}


def test_every_promise_gets_a_short_url_safe_id_and_importing_twice_keeps_them(store, agreement):
    save_agreement(store, agreement)
    first = _ids(store)
    promises = [s for s in agreement.statements if s.is_promise]
    assert len(first) == len(promises) == len(set(first.values()))
    assert all(re.fullmatch(r"p-[0-9a-f]{10}(-\d+)?", i) for i in first.values())
    assert save_agreement(store, agreement) is False
    assert _ids(store) == first
    # A newer parser that changes something else entirely still keeps them.
    other = dataclasses.replace(agreement, sha256="2" * 64)
    assert save_agreement(store, other) is True
    assert _ids(store) == first


def test_a_store_from_before_ids_gets_them_when_the_same_agreement_is_imported(
        store, agreement):
    save_agreement(store, agreement)
    expected = _ids(store)
    with store.transaction() as conn:
        conn.execute("UPDATE agreement_statements SET promise_id = NULL")
    assert save_agreement(store, agreement) is False
    assert _ids(store) == expected


def _shifted(agreement, section: str, new_text: str):
    """The agreement with `new_text` inserted as the first promise of `section`."""
    statements = []
    for s in agreement.statements:
        if s.node_key == section:
            if s.ordinal == 0:
                statements.append(dataclasses.replace(s, text=new_text, is_promise=True))
            s = dataclasses.replace(s, ordinal=s.ordinal + 1)
        statements.append(s)
    return dataclasses.replace(agreement, sha256="3" * 64, statements=tuple(statements))


def test_a_sentence_inserted_before_a_promise_shifts_its_ordinal_but_not_its_id(
        store, agreement):
    save_agreement(store, agreement)
    before = _texts(store)
    section = next(s.node_key for s in agreement.statements if s.is_promise)
    save_agreement(store, _shifted(agreement, section, "We voeren een nieuwe premie in."))
    after = _texts(store)
    assert all(after[i] == text for i, text in before.items())
    assert len(after) == len(before) + 1
    moved = [k for k, i in _ids(store).items() if k[0] == section and i in before]
    assert moved and all(ordinal >= 1 for _, ordinal in moved)


def test_an_edited_sentence_gets_a_new_id_and_the_old_one_redirects(store, agreement):
    from beloftemeter.store.promise_ids import resolve

    save_agreement(store, agreement)
    target = next(s for s in agreement.statements if s.is_promise)
    old_id = _ids(store)[(target.node_key, target.ordinal)]
    edited = target.text.rstrip(".") + " tegen 2024."
    statements = tuple(dataclasses.replace(s, text=edited) if s == target else s
                       for s in agreement.statements)
    save_agreement(store, dataclasses.replace(agreement, sha256="4" * 64, statements=statements))
    new_id = _ids(store)[(target.node_key, target.ordinal)]
    assert new_id != old_id
    assert resolve(store, old_id) == new_id
    assert resolve(store, new_id) == new_id
    assert resolve(store, "p-0000000000") is None
    # Edited back: the first id lives again and redirects nowhere; the second now redirects.
    save_agreement(store, agreement)
    assert _ids(store)[(target.node_key, target.ordinal)] == old_id
    assert resolve(store, old_id) == old_id
    assert resolve(store, new_id) == old_id


def test_an_unrelated_new_sentence_does_not_inherit_a_removed_ones_id(store, agreement):
    from beloftemeter.store.promise_ids import resolve

    save_agreement(store, agreement)
    target = next(s for s in agreement.statements if s.is_promise)
    old_id = _ids(store)[(target.node_key, target.ordinal)]
    replaced = tuple(dataclasses.replace(s, text="Zwemmen wordt gratis voor iedereen.")
                     if s == target else s for s in agreement.statements)
    save_agreement(store, dataclasses.replace(agreement, sha256="5" * 64, statements=replaced))
    assert resolve(store, old_id) is None


def test_the_same_sentence_twice_in_one_section_gets_numbered_ids():
    from beloftemeter.models.promises import promise_ids

    ids = promise_ids([("a/1", 0, "We doen X."), ("a/1", 1, "We  doen x."),
                       ("a/2", 0, "We doen X.")])
    assert ids[("a/1", 1)] == ids[("a/1", 0)] + "-2"
    assert ids[("a/2", 0)] != ids[("a/1", 0)]
