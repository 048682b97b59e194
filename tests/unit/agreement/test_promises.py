"""Promise extraction: sentence splitting and the promise rules, measured on a labelled sample."""

import json
from pathlib import Path

import pytest

from beloftemeter.analysis.promises import is_promise, split_sentences, split_statements
from beloftemeter.models.agreement import Node

LABELS = Path(__file__).resolve().parents[2] / "fixtures" / "promise_labels.json"


def precision_recall(labels: list[dict]) -> tuple[float, float]:
    tp = sum(1 for item in labels if item["promise"] and is_promise(item["sentence"]))
    fp = sum(1 for item in labels if not item["promise"] and is_promise(item["sentence"]))
    fn = sum(1 for item in labels if item["promise"] and not is_promise(item["sentence"]))
    return tp / (tp + fp), tp / (tp + fn)


def _labels() -> list[dict]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def test_the_labelled_sample_is_big_and_varied_enough():
    labels = _labels()
    assert len(labels) >= 60
    assert len({item["chapter"] for item in labels}) >= 6
    assert {item["promise"] for item in labels} == {True, False}
    # "afstemming": labelled first, the rules were written with it in view. "controle":
    # labelled before the rules ran on it (0.90 / 0.83), then looked at for generic fixes.
    # "controle-2": labelled after the last change to the rules, never tuned on.
    assert {item["set"] for item in labels} == {"afstemming", "controle", "controle-2"}


def test_promise_precision_and_recall_on_the_labelled_sample_reach_085():
    labels = _labels()
    precision, recall = precision_recall(labels)
    print(f"beloften: precisie {precision:.2f}, recall {recall:.2f} op {len(labels)} zinnen")
    assert precision >= 0.85
    assert recall >= 0.85


@pytest.mark.parametrize("name", ["afstemming", "controle", "controle-2"])
def test_promise_rules_hold_up_on_every_labelled_set(name):
    subset = [item for item in _labels() if item["set"] == name]
    precision, recall = precision_recall(subset)
    print(f"{name}: precisie {precision:.2f}, recall {recall:.2f} op {len(subset)} zinnen")
    # Floors that catch a regression; the measured figures are in docs/metingen.md.
    assert precision >= 0.85
    assert recall >= 0.80


@pytest.mark.parametrize(
    "sentence",
    [
        "We voeren een middelentoets in bij de inschrijving.",
        "De Vlaamse Regering zal de eindtermen evalueren.",
        "We investeren in duurzame schoolgebouwen.",
        "Het decreet wordt geëvalueerd.",
        "Er komt een nieuw zorgbudget voor ouderen.",
        "Daarom schaffen we de dubbele contingentering af.",
    ],
)
def test_commitments_are_promises(sentence):
    assert is_promise(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Onze industrie is de levensader van onze exportgedreven economie.",
        "Afgelopen jaren werd ons onderwijs grondig hervormd.",
        "Vrijwilligers zijn onmisbaar in het verenigingsleven.",
        "We zijn trots op onze sporters.",
        "Alle beschikbare handen zullen nodig zijn.",
    ],
)
def test_diagnosis_and_vision_are_context(sentence):
    assert not is_promise(sentence)


def test_sentences_split_on_full_stops_but_not_on_abbreviations():
    text = "We doen o.a. dit. Ook bv. dat, nl. alles! Klaar? Ja.\n\nEen nieuwe alinea"
    assert [s for _, s in split_sentences(text)] == [
        "We doen o.a. dit.",
        "Ook bv. dat, nl. alles!",
        "Klaar?",
        "Ja.",
        "Een nieuwe alinea",
    ]


def test_sentence_offsets_point_into_the_text():
    text = "Eerste zin. Tweede zin.\n\nDerde zin."
    for offset, sentence in split_sentences(text):
        assert text[offset : offset + len(sentence)] == sentence


def test_statements_get_the_page_where_they_start():
    text = "Een zin op pagina tien. Nog een.\n\nWe doen dit op pagina elf."
    node = Node("h/1.1", "section", "Deel", "1 — H", "1.1", "T", 10, 11, text,
                page_starts=((0, 10), (34, 11)))
    statements = split_statements(node)
    assert [(s.ordinal, s.page, s.is_promise) for s in statements] == [
        (0, 10, False),
        (1, 10, False),
        (2, 11, True),
    ]


def test_a_sentence_announcing_a_list_keeps_its_items_as_one_statement():
    text = (
        "We doen dit door:\n\nprojecten te ondersteunen;\n\neen methodiek te ontwikkelen.\n\n"
        "Daarna volgt iets anders."
    )
    node = Node("h/1.1", "section", "Deel", "1 — H", "1.1", "T", 3, 3, text)
    statements = split_statements(node)
    assert [s.text for s in statements] == [
        "We doen dit door: projecten te ondersteunen; een methodiek te ontwikkelen.",
        "Daarna volgt iets anders.",
    ]
    assert [s.ordinal for s in statements] == [0, 1]
    assert statements[0].is_promise


def test_a_paragraph_number_before_a_sentence_is_not_part_of_it():
    node = Node(key="cultuur/5.2", kind="section", part="Deel", chapter="5 — Cultuur",
                number="5.2", title="Cultuur", first_page=1, last_page=1, parent_key=None,
                depth=1, ordinal=0,
                text="18 We werken de verbouwing van KMSKA af. 19 De grote zaal wordt"
                     " gerenoveerd. Er komen 2 Vlaamse parken.")
    texts = [s.text for s in split_statements(node)]
    assert texts == ["We werken de verbouwing van KMSKA af.", "De grote zaal wordt gerenoveerd.",
                     "Er komen 2 Vlaamse parken."]
