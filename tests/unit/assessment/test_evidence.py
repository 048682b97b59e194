import zlib

import numpy as np
from assessment_fixtures import OTHER, PROMISES, SECTION

from beloftemeter.analysis.evidence import MAX_EVIDENCE, EvidenceLinker
from beloftemeter.analysis.relevance import FEATURES
from beloftemeter.config import Settings
from beloftemeter.models.assessment import CONTEXT, EVIDENCE
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.vectors import embed_missing

TOLL = PROMISES[(SECTION, 0)]
TRAM = PROMISES[(OTHER, 0)]
BIKES = PROMISES[(OTHER, 1)]


def ids(decisions):
    return [d.decision_id for d in decisions]


def test_decisions_sharing_the_promises_distinctive_terms_are_evidence_in_date_order(linker):
    linked = linker.link(TOLL, "Slimme heffingen")
    assert ids(linked.evidence) == ["k1", "k3"]
    assert [e.meeting_date for e in linked.evidence] == ["2020-02-07", "2022-03-11"]
    assert all(e.role == EVIDENCE and "kilometerheff" in e.shared_terms for e in linked.evidence)
    assert all("kilometerheffing" in e.passage.lower() for e in linked.evidence)


def test_a_weaker_match_is_kept_apart_as_context_never_as_evidence(linker):
    linked = linker.link(TOLL, "Slimme heffingen")
    assert "k2" in ids(linked.context)  # its title lacks "gewestwegen"
    assert all(c.role == CONTEXT for c in linked.context)
    assert not set(ids(linked.context)) & set(ids(linked.evidence))


def test_unrelated_decisions_are_dropped(linker):
    linked = linker.link(TRAM, "Openbaar vervoer")
    assert ids(linked.evidence) == ["t1"]
    everything = ids(linked.evidence) + ids(linked.context)
    assert not any(d.startswith("f") or d.startswith("k") for d in everything)


def test_a_general_decision_does_not_pass_for_the_specific_thing_promised(linker):
    # "Subsidie voor jeugdhuizen in kleine gemeenten" shares "kleine gemeenten", not the bikes.
    linked = linker.link(BIKES, "Openbaar vervoer")
    assert linked.evidence == ()
    assert ids(linked.context) == ["x1"]


def test_a_vague_promise_has_no_distinctive_terms_and_no_evidence(linker):
    linked = linker.link(PROMISES[(SECTION, 1)], "Slimme heffingen")
    assert linked.distinctive_terms == ()
    assert linked.evidence == ()


def test_at_most_fifteen_evidence_decisions_are_kept(store, monkeypatch):
    from assessment_fixtures import FILLER, insert_agreement, insert_decisions

    from beloftemeter.analysis import evidence

    monkeypatch.setattr(evidence, "EVIDENCE_PROBABILITY", 0.0)  # let more than 15 qualify

    many = [(f"m{i:02d}", f"2021-{1 + i % 12:02d}-{1 + i:02d}", "besluit",
             "definitieve_goedkeuring", "Kilometerheffing vrachtwagens gewestwegen",
             f"Kilometerheffing voor vrachtwagens op gewestwegen, deel {i}.") for i in range(25)]
    insert_decisions(store, [*many, *FILLER, *FILLER])
    insert_decisions(store, [(f"g{i:03d}", "2020-01-01", "besluit", "andere",
                              f"Algemene beslissing {i}", "Tekst.") for i in range(300)])
    insert_agreement(store)
    engine = SearchEngine(store, Settings(embedder="geen"), embedders=[])
    linked = EvidenceLinker(store, engine, max_title_share=0.1).link(TOLL, "Slimme heffingen")
    assert len(linked.evidence) == MAX_EVIDENCE
    dates = [e.meeting_date for e in linked.evidence]
    assert dates == sorted(dates)
    assert linked.context[0].decision_id[0] == "m"  # the overflow is kept as context


def test_the_fingerprint_changes_with_a_candidates_content_and_only_then(assessment_store, linker):
    from assessment_fixtures import DECISIONS, insert_decisions

    before = linker.link(TOLL, "Slimme heffingen").fingerprint
    assert linker.link(TOLL, "Slimme heffingen").fingerprint == before
    changed = [(*row[:5], row[5] + " Gewijzigd.") if row[0] == "k3" else row for row in DECISIONS]
    insert_decisions(assessment_store, changed)
    engine = SearchEngine(assessment_store, Settings(embedder="geen"), embedders=[])
    fresh = EvidenceLinker(assessment_store, engine, max_title_share=0.1)
    assert fresh.link(TOLL, "Slimme heffingen").fingerprint != before


def test_a_less_certain_stage_of_a_dossier_with_evidence_joins_the_evidence(linker):
    from dataclasses import replace

    from beloftemeter.analysis.evidence import EVIDENCE_PROBABILITY, PROPAGATION_FLOOR

    found = linker.candidates(TOLL, "Slimme heffingen")
    hits = [h.decision_id for h in found.hits]
    between = (EVIDENCE_PROBABILITY + PROPAGATION_FLOOR) / 2
    certain = np.array([0.9 if d == "k1" else between if d == "k3" else 0.0 for d in hits])
    one_dossier = replace(found, groups=tuple(0 if d in ("k1", "k3") else i + 1
                                              for i, d in enumerate(hits)))
    apart = replace(found, groups=tuple(range(len(hits))))
    assert ids(linker.decide(one_dossier, certain).evidence) == ["k1", "k3"]
    assert ids(linker.decide(apart, certain).evidence) == ["k1"]
    # without one certain member, a dossier gets no evidence at all
    doubtful = np.where(certain > EVIDENCE_PROBABILITY, between, certain)
    assert linker.decide(one_dossier, doubtful).evidence == ()


class _BagOfWords:
    """A deterministic embedder: hashed words, normalised."""

    name = "bag-1"

    def _vectors(self, texts):
        matrix = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                matrix[row, zlib.crc32(word.strip(".,:").encode()) % 64] += 1.0
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)

    embed_passages = embed_queries = _vectors


def _promise_rank_features(store) -> dict[str, float]:
    """Decision id -> promise_rank feature of the toll promise's candidates, embedded with
    the bag of words."""
    engine = SearchEngine(store, Settings(), embedders=[_BagOfWords()])
    linker = EvidenceLinker(store, engine, max_title_share=0.1)
    candidates = linker.candidates(TOLL, "Slimme heffingen")
    column = FEATURES.index("promise_rank")
    return {h.decision_id: row[column]
            for h, row in zip(candidates.hits, candidates.features, strict=True)}


def test_a_decision_closer_to_another_promise_of_the_agreement_ranks_this_promise_lower(
        assessment_store):
    embed_missing(assessment_store, _BagOfWords())
    by_id = _promise_rank_features(assessment_store)
    assert by_id["k1"] == 1.0  # the kilometre charge note is closest to this very promise
    assert by_id["t1"] < 1.0  # the tram line is closer to the tram promise


def test_a_decision_not_embedded_yet_gets_no_promise_rank(assessment_store):
    embed_missing(assessment_store, _BagOfWords())
    with assessment_store.transaction() as conn:
        conn.execute("DELETE FROM decision_vectors WHERE decision_id = 'k1'")
    by_id = _promise_rank_features(assessment_store)
    assert by_id["k1"] == 0.0 and by_id["k3"] > 0.0


def test_without_any_decision_vector_the_promise_rank_is_left_out_not_a_crash(
        assessment_store):
    by_id = _promise_rank_features(assessment_store)
    assert by_id
    assert not any(by_id.values())


def test_the_evidence_threshold_is_part_of_the_fingerprint(assessment_store, monkeypatch):
    from beloftemeter.analysis import evidence

    engine = SearchEngine(assessment_store, Settings(embedder="geen"), embedders=[])
    before = EvidenceLinker(assessment_store, engine).settings_tag
    monkeypatch.setattr(evidence, "EVIDENCE_PROBABILITY", 0.9)
    assert EvidenceLinker(assessment_store, engine).settings_tag != before


def test_a_candidate_just_under_the_threshold_is_shown_apart_and_never_as_evidence(linker):
    from dataclasses import replace

    from beloftemeter.analysis.evidence import CANDIDATE_PROBABILITY, EVIDENCE_PROBABILITY
    from beloftemeter.models.assessment import CANDIDATE

    found = linker.candidates(TOLL, "Slimme heffingen")
    found = replace(found, groups=tuple(range(len(found.hits))))  # no dossier propagation
    hits = [h.decision_id for h in found.hits]
    just_under = (CANDIDATE_PROBABILITY + EVIDENCE_PROBABILITY) / 2
    below = CANDIDATE_PROBABILITY - 0.01
    scores = np.array([0.9 if d == "k1" else just_under if d in ("k2", "k3") else below
                       for d in hits])
    linked = linker.decide(found, scores)
    assert ids(linked.evidence) == ["k1"]
    assert sorted(ids(linked.candidates)) == ["k2", "k3"]
    assert all(c.role == CANDIDATE and c.score == round(just_under, 4)
               for c in linked.candidates)
    # the band's lower edge is kept out, and every other candidate is context
    assert set(ids(linked.context)) == set(hits) - {"k1", "k2", "k3"}


def test_a_candidate_must_name_the_promises_object_like_evidence_must(linker):
    found = linker.candidates(PROMISES[(SECTION, 1)], "Slimme heffingen")
    assert found.hits and not found.terms  # a vague promise: nothing names its object
    linked = linker.decide(found, np.full(len(found.hits), 0.5))
    assert linked.candidates == () and linked.evidence == ()
    assert len(linked.context) == len(found.hits)


def test_a_judges_no_stands_also_for_the_band(linker):
    from dataclasses import replace

    found = linker.candidates(TOLL, "Slimme heffingen")
    found = replace(found, groups=tuple(range(len(found.hits))))
    position = {h.decision_id: i for i, h in enumerate(found.hits)}
    scores = np.full(len(found.hits), 0.5)
    linked = linker.decide(found, scores, judged={position["k1"]: True, position["k2"]: False})
    assert ids(linked.evidence) == ["k1"]
    assert "k2" in ids(linked.context) and "k2" not in ids(linked.candidates)
    assert "k3" in ids(linked.candidates)  # not read by the judge: still in the band


def test_the_band_is_part_of_the_fingerprint(assessment_store, linker, monkeypatch):
    from beloftemeter.analysis import evidence

    before = linker.link(TOLL, "Slimme heffingen").fingerprint
    monkeypatch.setattr(evidence, "CANDIDATE_PROBABILITY", 0.3)
    engine = SearchEngine(assessment_store, Settings(embedder="geen"), embedders=[])
    moved = EvidenceLinker(assessment_store, engine, max_title_share=0.1)
    assert moved.link(TOLL, "Slimme heffingen").fingerprint != before
