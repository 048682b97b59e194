from assessment_fixtures import DECISIONS, OTHER, PROMISES, SECTION, insert_decisions

from beloftemeter.analysis.assessor import assess_promises, promises_of
from beloftemeter.analysis.evidence import EvidenceLinker
from beloftemeter.analysis.rollup import rollup, rollups_by
from beloftemeter.config import Settings
from beloftemeter.search.engine import SearchEngine
from beloftemeter.store.assessment import load_assessments


def test_assessments_are_stored_with_their_evidence_and_reloaded(assessment_store, linker):
    report = assess_promises(assessment_store, linker, promises_of(assessment_store),
                             complete=True)
    assert (report.promises, report.assessed, report.unchanged) == (4, 4, 0)
    stored = {(a.node_key, a.ordinal): a for a in load_assessments(assessment_store)}
    assert set(stored) == set(PROMISES)
    toll = stored[(SECTION, 0)]
    assert toll.status == "grotendeels uitgevoerd"
    assert [e.decision_id for e in toll.evidence] == ["k1", "k3"]
    assert "k2" in [e.decision_id for e in toll.context]
    assert toll.evidence[1].title == "Ontwerpdecreet kilometerheffing vrachtwagens gewestwegen"
    assert stored[(SECTION, 1)].status == "niet te beoordelen"
    assert stored[(OTHER, 0)].status == "in voorbereiding"
    assert stored[(OTHER, 1)].status == "geen beslissing gevonden"


def test_a_second_run_reassesses_nothing(assessment_store, linker):
    promises = promises_of(assessment_store)
    assess_promises(assessment_store, linker, promises)
    again = assess_promises(assessment_store, linker, promises)
    assert (again.assessed, again.unchanged) == (0, 4)


def test_only_promises_whose_evidence_changed_are_reassessed(assessment_store, linker):
    promises = promises_of(assessment_store)
    assess_promises(assessment_store, linker, promises)
    changed = [(*row[:5], row[5] + " Bekrachtigd.") if row[0] == "k3" else row
               for row in DECISIONS]
    insert_decisions(assessment_store, changed)  # a new content hash
    with assessment_store.transaction() as connection:
        connection.execute("UPDATE decisions SET stage = 'bekrachtiging' WHERE id = 'k3'")
    engine = SearchEngine(assessment_store, Settings(embedder="geen"), embedders=[])
    fresh = EvidenceLinker(assessment_store, engine, max_title_share=0.1)
    report = assess_promises(assessment_store, fresh, promises)
    assert report.assessed == 1  # k3 is only a candidate of the toll promise
    toll = load_assessments(assessment_store, [SECTION])[0]
    assert toll.status == "uitgevoerd"


def test_a_section_key_limits_the_run_to_its_promises(assessment_store, linker):
    report = assess_promises(assessment_store, linker, promises_of(assessment_store, OTHER))
    assert report.promises == 2
    assert {a.node_key for a in load_assessments(assessment_store)} == {OTHER}


def test_rollups_count_statuses_evidence_share_and_dates(assessment_store, linker):
    assess_promises(assessment_store, linker, promises_of(assessment_store))
    assessments = load_assessments(assessment_store)
    sections = {r.key: r for r in rollups_by(assessments, lambda a: a.node_key)}
    heffing = sections[SECTION]
    assert heffing.promises == 2
    assert heffing.counts["grotendeels uitgevoerd"] == 1
    assert heffing.counts["niet te beoordelen"] == 1
    assert heffing.evidence_share == 0.5
    assert (heffing.first_date, heffing.last_date) == ("2020-02-07", "2022-03-11")
    chapter = rollup("mobiliteit", "Mobiliteit", assessments)
    assert chapter.promises == 4 and chapter.with_evidence == 2
    assert chapter.as_dict()["first_decision"] == "2020-02-07"
    assert chapter.as_dict()["last_decision"] == "2022-03-11"


def test_candidates_are_stored_apart_and_reloaded_best_first(assessment_store, linker):
    from dataclasses import replace

    from beloftemeter.analysis.status import assess
    from beloftemeter.store.assessment import save_assessments

    promise = PROMISES[(SECTION, 0)]
    linked = linker.link(promise, "Slimme heffingen")
    k2 = next(c for c in linked.context if c.decision_id == "k2")
    tiered = replace(linked, context=tuple(c for c in linked.context if c is not k2),
                     candidates=(replace(k2, role="candidate", score=0.55),))
    save_assessments(assessment_store, [assess(SECTION, 0, 10, promise, tiered)])
    stored = load_assessments(assessment_store)[0]
    assert [c.decision_id for c in stored.candidates] == ["k2"]
    assert stored.candidates[0].score == 0.55
    assert "k2" not in [c.decision_id for c in (*stored.evidence, *stored.context)]


def test_a_decision_listed_twice_keeps_its_last_listing_and_a_gone_section_comes_first(
        assessment_store, linker):
    from dataclasses import replace

    from beloftemeter.analysis.status import assess
    from beloftemeter.store.assessment import save_assessments

    assess_promises(assessment_store, linker, promises_of(assessment_store))
    promise = PROMISES[(SECTION, 0)]
    linked = linker.link(promise, "Slimme heffingen")
    k2 = next(c for c in linked.context if c.decision_id == "k2")
    # k2 as a candidate and (listed after the candidates) as context: context it stays.
    twice = replace(linked, candidates=(replace(k2, role="candidate", score=0.55),))
    save_assessments(assessment_store, [assess("verdwenen/9.9", 0, 10, promise, twice)])
    stored = load_assessments(assessment_store)
    assert [a.node_key for a in stored[:2]] == ["verdwenen/9.9", SECTION]  # SQLite's NULL first
    assert stored[0].candidates == ()
    assert [c.decision_id for c in stored[0].context].count("k2") == 1
