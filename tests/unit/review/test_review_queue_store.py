"""The review queue over a store (pipeline.review_queue): reviews and reader reports read
through the store, filters as in the public list, and the export of the editors' verdicts
read back by the hand-label reader."""

from __future__ import annotations

import json

import pytest

from beloftemeter.analysis.evaluation import load_assessment_labels
from beloftemeter.errors import InputError
from beloftemeter.models.review import CONFIRMED, REJECTED, ReviewEdit
from beloftemeter.pipeline.review import save_review
from beloftemeter.pipeline.review_export import write_export
from beloftemeter.pipeline.review_queue import review_queue
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import CANDIDATE_ID, TOLL, TRAM


def test_every_unreviewed_promise_is_queued_with_its_decisions(small):
    ids = ids_by_key(small)
    entries = review_queue(small)
    assert {e.promise_id for e in entries} == set(ids.values())
    bikes = next(e for e in entries if e.promise_id == ids[(TRAM, 1)])
    assert [d.decision_id for d in bikes.decisions] == [CANDIDATE_ID, "x1"]
    assert "1 beslissing dicht bij de bewijsdrempel" in bikes.reasons
    tram = next(e for e in entries if e.promise_id == ids[(TRAM, 0)])
    assert "bewijs berust op één beslissing" in tram.reasons


def test_a_review_takes_a_promise_out_and_a_readers_report_brings_it_back(small):
    tram = ids_by_key(small)[(TRAM, 0)]
    save_review(small, ReviewEdit(tram, 0, "an", {}))
    assert tram not in {e.promise_id for e in review_queue(small)}
    reviews_store.add_reader_report(small, tram, "Het tracé is nog niet definitief.", None)
    back = next(e for e in review_queue(small) if e.promise_id == tram)
    assert back.reviewed and back.reasons == ("1 melding van een lezer",)


def test_filters_as_in_the_public_list(small):
    ids = ids_by_key(small)
    done = {e.promise_id for e in review_queue(small, status="Uitgevoerd")}
    assert done == {ids[(TOLL, 0)], ids[(TRAM, 0)]}
    assert len(review_queue(small, chapter="mobiliteit")) == 3
    assert len(review_queue(small, chapter="1 — Mobiliteit", limit=2)) == 2
    with pytest.raises(InputError, match=r"Onbekend hoofdstuk.*mobiliteit"):
        review_queue(small, chapter="landbouw")
    with pytest.raises(InputError, match="Onbekende status"):
        review_queue(small, status="klaar")
    with pytest.raises(InputError, match="minstens 1"):
        review_queue(small, limit=0)


def test_the_export_reads_back_as_hand_labels(small, tmp_path):
    ids = ids_by_key(small)
    save_review(small, ReviewEdit(ids[(TOLL, 0)], 0, "an", {"k3": REJECTED}))
    save_review(small, ReviewEdit(ids[(TRAM, 1)], 0, "an", {CANDIDATE_ID: CONFIRMED}))
    save_review(small, ReviewEdit(ids[(TRAM, 0)], 0, "an", {}, status="geen beslissing"
                                  " gevonden", reason="Het tracé is geen tramlijn."))
    path = tmp_path / "redactie.json"
    assert write_export(small, path) == 3
    labels = load_assessment_labels(path)
    assert [(label.section_key, label.promise, label.status, label.key_decisions)
            for label in labels] == [
        (TOLL, "We voeren een kilometerheffing in.", "in uitvoering", ("k1", "k2")),
        (TRAM, "We bouwen een tramlijn naar Zaventem.", "geen beslissing gevonden", ()),
        (TRAM, "We ondersteunen deelfietsen.", "uitgevoerd", (CANDIDATE_ID,)),
    ]
    raw = json.loads(path.read_text(encoding="utf-8"))["labels"]
    assert [label["rejected_decisions"] for label in raw] == [["k3"], [], []]
    assert [label["promise_id"] for label in raw] == [ids[(TOLL, 0)], ids[(TRAM, 0)],
                                                      ids[(TRAM, 1)]]
    assert all("an" not in label.values() for label in raw)  # no account name
