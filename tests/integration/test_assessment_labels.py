"""The hand-labelled assessment set (tests/fixtures/assessment_labels.json) against the real data.

The set measures the automatic assessment, so every label must point at a real promise and at
real decisions: a typo in a promise or an id would silently lower the measured agreement.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from beloftemeter.analysis.promises import extract_statements
from beloftemeter.sources.agreement_pdf import parse_agreement

pytestmark = pytest.mark.integration

LABELS_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "assessment_labels.json"
SCALE = (
    "uitgevoerd",
    "grotendeels uitgevoerd",
    "in uitvoering",
    "in voorbereiding",
    "geen beslissing gevonden",
    "afwijkend",
    "niet te beoordelen",
)
WITHOUT_DECISIONS = {"geen beslissing gevonden", "niet te beoordelen"}


@pytest.fixture(scope="module")
def labelled() -> dict:
    return json.loads(LABELS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def labels(labelled) -> list[dict]:
    return labelled["labels"]


@pytest.fixture(scope="module")
def agreement(shared_data):
    path = shared_data / "regeerakkoord-2019-2024.pdf"
    if not path.is_file():
        pytest.skip(f"echte data ontbreekt: {path}")
    parsed = parse_agreement(path)
    nodes = {node.key: node for node in parsed.nodes}
    promises: dict[str, dict[str, int]] = {}
    for statement in extract_statements(parsed.nodes):
        if statement.is_promise:
            promises.setdefault(statement.node_key, {})[statement.text] = statement.page
    return nodes, promises


@pytest.fixture(scope="module")
def decision_ids(shared_data) -> set[str]:
    path = shared_data / "decisions-vr-2019-2024.jsonl"
    if not path.is_file():
        pytest.skip(f"echte data ontbreekt: {path}")
    with path.open(encoding="utf-8") as lines:
        return {json.loads(line)["id"] for line in lines if line.strip()}


def test_the_set_says_how_it_was_made_and_holds_at_least_40_distinct_labels(labelled, labels):
    description = labelled["description"]
    assert "hand" in description and "engineer" in description and "2026-11-22" in description
    assert len(labels) >= 40
    pairs = [(label["section_key"], label["promise"]) for label in labels]
    assert len(set(pairs)) == len(pairs), "een belofte staat twee keer in de set"


def test_every_label_has_a_status_on_the_scale_and_a_dutch_rationale(labels):
    for label in labels:
        assert label["status"] in SCALE, label
        assert len(label["rationale"].split()) >= 5, label
        assert set(label) == {
            "section_key", "promise", "page", "status", "key_decisions", "rationale"
        }, label


def test_key_decisions_are_empty_exactly_when_nothing_was_decided_or_nothing_can_be_judged(
    labels,
):
    for label in labels:
        if label["status"] in WITHOUT_DECISIONS:
            assert label["key_decisions"] == [], label
        else:
            assert label["key_decisions"], label
            assert len(set(label["key_decisions"])) == len(label["key_decisions"]), label


def test_the_set_mixes_outcomes(labels):
    counts = Counter(label["status"] for label in labels)
    for status in (
        "uitgevoerd",
        "grotendeels uitgevoerd",
        "in uitvoering",
        "in voorbereiding",
        "geen beslissing gevonden",
        "niet te beoordelen",
    ):
        assert counts[status] >= 2, (status, counts)


def test_every_section_key_exists_in_the_real_agreement(labels, agreement):
    nodes, _ = agreement
    missing = sorted({label["section_key"] for label in labels} - set(nodes))
    assert missing == []


def test_every_promise_is_a_stored_promise_of_its_section_on_its_page(labels, agreement):
    _, promises = agreement
    for label in labels:
        stored = promises.get(label["section_key"], {})
        assert label["promise"] in stored, label["promise"][:80]
        assert stored[label["promise"]] == label["page"], label["promise"][:80]


def test_the_labels_spread_over_at_least_8_chapters_and_every_part(labels, agreement):
    nodes, _ = agreement
    chapters = {nodes[label["section_key"]].chapter for label in labels}
    parts = {nodes[label["section_key"]].part for label in labels}
    all_parts = {node.part for node in nodes.values()}
    assert len(chapters) >= 8, chapters
    assert parts == all_parts


def test_every_key_decision_exists_in_the_real_decisions(labels, decision_ids):
    unknown = sorted(
        {d for label in labels for d in label["key_decisions"]} - decision_ids
    )
    assert unknown == []
