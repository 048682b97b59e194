import json

import pytest
from assessment_fixtures import OTHER, PROMISES, SECTION

from beloftemeter.analysis.evaluation import (
    evaluate_statuses,
    load_assessment_labels,
    union_recall,
    within_one,
)
from beloftemeter.errors import InputError
from beloftemeter.search.evaluation import Label


def write_labels(tmp_path, labels):
    path = tmp_path / "labels.json"
    path.write_text(json.dumps({"description": "test", "labels": labels}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("automatic", "labelled", "near"),
    [
        ("uitgevoerd", "grotendeels uitgevoerd", True),
        ("in voorbereiding", "geen beslissing gevonden", True),
        ("uitgevoerd", "in uitvoering", False),
        ("afwijkend", "uitgevoerd", False),
        ("niet te beoordelen", "geen beslissing gevonden", False),
        ("afwijkend", "afwijkend", True),
    ],
)
def test_within_one_step_only_counts_neighbours_on_the_ordered_scale(automatic, labelled, near):
    assert within_one(automatic, labelled) is near


def test_statuses_and_evidence_are_compared_with_the_labels(tmp_path, assessment_store, linker):
    path = write_labels(tmp_path, [
        {"section_key": SECTION, "promise": PROMISES[(SECTION, 0)], "page": 10,
         "status": "uitgevoerd", "key_decisions": ["k3"], "rationale": "..."},
        {"section_key": OTHER, "promise": "  " + PROMISES[(OTHER, 0)].upper(), "page": 10,
         "status": "in voorbereiding", "key_decisions": ["t1"], "rationale": "..."},
        {"section_key": OTHER, "promise": PROMISES[(OTHER, 1)], "page": 11,
         "status": "geen beslissing gevonden", "key_decisions": [], "rationale": "..."},
        {"section_key": OTHER, "promise": "Een belofte die niet bestaat.", "page": 11,
         "status": "uitgevoerd", "key_decisions": [], "rationale": "..."},
    ])
    result = evaluate_statuses(assessment_store, linker, load_assessment_labels(path))
    assert (result.labels, result.found) == (4, 3)
    # toll: automatic "grotendeels uitgevoerd" (k1, k3) vs label "uitgevoerd": one step off
    assert result.exact == pytest.approx(2 / 3)
    assert result.within_one == 1.0
    assert result.evidence_decisions == 3  # k1, k3, t1
    assert result.evidence_precision == pytest.approx(2 / 3)  # k1 is not a key decision
    assert result.key_recall == 1.0


def test_union_recall_counts_cited_decisions_found_as_evidence_or_context(
        assessment_store, linker):
    citations = [
        Label(chapter="1 — Mobiliteit", section="1.1", title="Slimme heffingen",
              decision_ids=("k1", "k2", "x2")),  # x2 is not found: 2 of 3
        Label(chapter="1 — Mobiliteit", section="1.2", title="Openbaar vervoer",
              decision_ids=("t1",)),
    ]
    result = union_recall(assessment_store, linker, citations)
    assert result.sections == 2
    assert result.recall == pytest.approx(3 / 4)
    assert result.macro == pytest.approx((2 / 3 + 1) / 2)
    assert result.max_evidence == 2


def test_labels_with_an_unknown_status_are_refused_in_dutch(tmp_path):
    path = write_labels(tmp_path, [{"section_key": "a", "promise": "b", "status": "klaar",
                                    "key_decisions": []}])
    with pytest.raises(InputError, match="onbekende status"):
        load_assessment_labels(path)
