"""A tiny assessed store written by code: two sections, their promises with verdicts, and the
decisions behind them."""

from __future__ import annotations

from beloftemeter.models.agreement import Agreement, Node, Statement
from beloftemeter.models.assessment import CONTEXT, EVIDENCE, Assessment, EvidenceDecision
from beloftemeter.store import Store
from beloftemeter.store.agreement import save_agreement
from beloftemeter.store.assessment import save_assessments
from beloftemeter.store.decisions import upsert_decisions
from support.decision_rows import make_decision

TOLL = "mobiliteit/1.1"
TRAM = "mobiliteit/1.2"
# (id, date, instrument, stage, title, text)
DECISIONS = {
    "k1": ("2020-02-07", "conceptnota", "conceptnota",
           "Conceptnota kilometerheffing vrachtwagens",
           "Conceptnota kilometerheffing vrachtwagens. De regering kiest voor een heffing per"
           " kilometer op alle gewestwegen [zie bijlage]."),
    "k2": ("2021-05-21", "decreet", "principiele_goedkeuring",
           "Kilometerheffing vrachtwagens: voorontwerp van decreet",
           "Voorontwerp van decreet over de kilometerheffing voor vrachtwagens."),
    "k3": ("2022-03-11", "decreet", "bekrachtiging",
           "Kilometerheffing vrachtwagens: decreet",
           "Bekrachtiging en afkondiging van het decreet over de kilometerheffing."),
    "t1": ("2021-09-17", "andere", "andere", "Tramlijn luchthaven Zaventem: tracé",
           "De regering keurt het tracé van de tramlijn naar de luchthaven goed."),
    "x1": ("2020-06-12", "besluit", "definitieve_goedkeuring", "Subsidie jeugdhuizen",
           "Jeugdhuizen krijgen steun."),
}


def insert_decisions(store: Store) -> None:
    upsert_decisions(store, [
        make_decision(decision_id, day, title, text, instrument=instrument, stage=stage)
        for decision_id, (day, instrument, stage, title, text) in DECISIONS.items()
    ])


def _node(key, kind, number, title, ordinal, parent=None, depth=0, text=""):
    return Node(key=key, kind=kind, part="Deel 1", chapter="1 — Mobiliteit", number=number,
                title=title, first_page=10, last_page=12, text=text, parent_key=parent,
                depth=depth, ordinal=ordinal)


def _evidence(decision_id: str, role: str = EVIDENCE, score: float = 0.8) -> EvidenceDecision:
    day, instrument, stage, title, _ = DECISIONS[decision_id]
    return EvidenceDecision(decision_id, role, score, 1, day, title, instrument, stage, "...")


def build(store: Store) -> None:
    insert_decisions(store)
    nodes = (
        _node("mobiliteit", "chapter", "1", "Mobiliteit", 0),
        _node(TOLL, "section", "1.1", "Slimme heffingen", 1, "mobiliteit", 1,
              "We voeren een kilometerheffing in. We doen dit goed."),
        _node(TRAM, "section", "1.2", "Openbaar vervoer", 2, "mobiliteit", 1,
              "We bouwen een tramlijn naar Zaventem. We ondersteunen deelfietsen."),
    )
    promises = {(TOLL, 0): "We voeren een kilometerheffing in.",
                (TRAM, 0): "We bouwen een tramlijn naar Zaventem.",
                (TRAM, 1): "We ondersteunen deelfietsen."}
    statements = tuple(Statement(key, ordinal, 10 + ordinal, text, True)
                       for (key, ordinal), text in promises.items())
    save_agreement(store, Agreement(title="Regeerakkoord test", source="test", sha256="1" * 64,
                                    page_count=20, nodes=nodes, statements=statements))

    def verdict(key, ordinal, status, reason, evidence=(), context=()):
        return Assessment(
            node_key=key, ordinal=ordinal, page=10 + ordinal, promise=promises[(key, ordinal)],
            status=status, reason=reason, rung=0, rung_label="", reached_on=None,
            first_date=evidence[0].meeting_date if evidence else None,
            last_date=evidence[-1].meeting_date if evidence else None, fingerprint="fp",
            evidence=tuple(evidence), context=tuple(context))

    save_assessments(store, [
        verdict(TOLL, 0, "uitgevoerd", "Verst gekomen: het decreet [bekrachtigd].",
                [_evidence("k1"), _evidence("k2"), _evidence("k3")],
                [_evidence("x1", CONTEXT, 0.1)]),
        verdict(TRAM, 0, "uitgevoerd", "Verst gekomen: het tracé.", [_evidence("t1")]),
        verdict(TRAM, 1, "geen beslissing gevonden", "Geen beslissing gevonden.", [],
                [_evidence("x1", CONTEXT, 0.2)]),
    ])


# A decision just under the evidence threshold for the shared bikes: shown apart as
# "mogelijk relevant, niet bevestigd", never counted. Opt-in, so the stores other tests count
# on stay as they are.
CANDIDATE_ID = "c1"
CANDIDATE_DECISION = ("2023-03-10", "besluit", "definitieve_goedkeuring",
                      "Mobipunten: regelgevend kader",
                      "Mobipunten: regelgevend kader. De Vlaamse Regering legt het kader voor"
                      " mobipunten vast en trekt 2.500.000 euro uit voor hun inrichting.")


def add_candidate(store: Store) -> None:
    """Link `CANDIDATE_ID` to the bikes promise as a candidate (score 0.47)."""
    from dataclasses import replace

    from beloftemeter.models.assessment import CANDIDATE
    from beloftemeter.store.assessment import load_assessments

    day, instrument, stage, title, text = CANDIDATE_DECISION
    upsert_decisions(store, [make_decision(CANDIDATE_ID, day, title, text,
                                           instrument=instrument, stage=stage)])
    bikes = next(a for a in load_assessments(store) if (a.node_key, a.ordinal) == (TRAM, 1))
    maybe = EvidenceDecision(CANDIDATE_ID, CANDIDATE, 0.47, 2, day, title, instrument, stage,
                             "...")
    save_assessments(store, [replace(
        bikes, candidates=(maybe,),
        reason=bikes.reason + " 1 beslissing is mogelijk relevant, niet bevestigd (score 0,47).")])
