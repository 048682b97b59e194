"""The later assessment label sets (tests/fixtures/assessment_labels_heldout.json, and the blind
sets assessment_labels_blind*.json of other annotators), each drawn from sections no earlier set
labels (the sixth blind set: from the last such sections, then from unlabelled promises of any
section): every label must point at a real promise and at real decisions, and none may repeat
a label of an earlier set."""

from __future__ import annotations

import json

import pytest
from test_assessment_labels import (  # the same real-data fixtures and scale
    LABELS_PATH,
    SCALE,
    WITHOUT_DECISIONS,
    agreement,  # noqa: F401
    decision_ids,  # noqa: F401
)

pytestmark = pytest.mark.integration
HELDOUT_PATHS = {
    "heldout": LABELS_PATH.with_name("assessment_labels_heldout.json"),
    "blind": LABELS_PATH.with_name("assessment_labels_blind.json"),
    "blind2": LABELS_PATH.with_name("assessment_labels_blind2.json"),
    "blind3": LABELS_PATH.with_name("assessment_labels_blind3.json"),
    "blind4": LABELS_PATH.with_name("assessment_labels_blind4.json"),
    "blind5": LABELS_PATH.with_name("assessment_labels_blind5.json"),
    "blind6": LABELS_PATH.with_name("assessment_labels_blind6.json"),
    "blind7": LABELS_PATH.with_name("assessment_labels_blind7.json"),
}
BLIND_IN_ORDER = ("blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7")
FROM_UNUSED_SECTIONS = BLIND_IN_ORDER[:5]  # then the unlabelled sections had run out


def _labels(name: str) -> list[dict]:
    return json.loads(HELDOUT_PATHS[name].read_text(encoding="utf-8"))["labels"]


@pytest.fixture(scope="module", params=sorted(HELDOUT_PATHS))
def heldout(request) -> list[dict]:
    return _labels(request.param)


def test_the_held_out_set_shares_no_promise_or_section_with_the_tuning_set(heldout):
    tuning = json.loads(LABELS_PATH.read_text(encoding="utf-8"))["labels"]
    assert not {h["promise"] for h in heldout} & {t["promise"] for t in tuning}
    if all(heldout != _labels(name) for name in BLIND_IN_ORDER[len(FROM_UNUSED_SECTIONS):]):
        assert not {h["section_key"] for h in heldout} & {t["section_key"] for t in tuning}
    assert len(heldout) >= 15


def test_each_blind_set_was_drawn_from_sections_no_earlier_set_labels():
    earlier = {h["section_key"] for h in _labels("heldout")}
    for name in FROM_UNUSED_SECTIONS:
        blind = _labels(name)
        assert not {b["section_key"] for b in blind} & earlier
        assert len(blind) == 40
        assert all(isinstance(b["uncertain"], bool) for b in blind)
        earlier |= {b["section_key"] for b in blind}


def test_the_later_blind_sets_repeat_no_labelled_promise():
    tuning = json.loads(LABELS_PATH.read_text(encoding="utf-8"))["labels"]
    earlier = {t["promise"] for t in tuning}
    for name in ("heldout", *FROM_UNUSED_SECTIONS):
        earlier |= {label["promise"] for label in _labels(name)}
    for name in BLIND_IN_ORDER[len(FROM_UNUSED_SECTIONS):]:
        later = _labels(name)
        assert len(later) == 40
        assert not {b["promise"] for b in later} & earlier
        assert all(isinstance(b["uncertain"], bool) for b in later)
        earlier |= {b["promise"] for b in later}


def _assert_real(label: dict, promises: dict, known: set[str]) -> None:
    """A status on the scale for a stored promise on its page, with real key decisions exactly
    when something was decided, and a rationale."""
    assert label["status"] in SCALE
    assert promises[label["section_key"]][label["promise"]] == label["page"]
    assert (not label["key_decisions"]) == (label["status"] in WITHOUT_DECISIONS)
    assert set(label["key_decisions"]) <= known
    assert label["rationale"].strip()


def test_every_held_out_label_is_a_stored_promise_with_a_status_and_real_decisions(
        heldout, agreement, decision_ids):  # noqa: F811
    _, promises = agreement
    for label in heldout:
        _assert_real(label, promises, decision_ids)


@pytest.mark.parametrize(("first", "second_file"), [
    ("blind", "assessment_labels_blind_second.json"),
    ("blind7", "assessment_labels_blind7_second.json"),
])
def test_the_second_annotation_labels_the_same_blind_promises_with_real_decisions(
        first, second_file, agreement, decision_ids):  # noqa: F811
    second = json.loads(LABELS_PATH.with_name(second_file).read_text(encoding="utf-8"))["labels"]
    assert [s["promise"] for s in second] == [b["promise"] for b in _labels(first)]
    _, promises = agreement
    for label in second:
        _assert_real(label, promises, decision_ids)

