"""A corpus of generated reports to read as a Dutch reader would: the small assessed store
of the other tests, the same with a candidate, and synthetic stores made to provoke the
glitches of template prose (one decision, one promise, one page, two decisions on one day,
long promises and texts that must be shortened, amounts, the three tiers).

Built through the store's own functions, so the same corpus can be rendered by an older
version of the code (that is how the checks were shown to fail on it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

from beloftemeter.models.agreement import Agreement, Node, Statement
from beloftemeter.models.assessment import Assessment, EvidenceDecision
from beloftemeter.store import Store, open_store
from beloftemeter.store.agreement import save_agreement
from beloftemeter.store.assessment import save_assessments
from beloftemeter.store.decisions import upsert_decisions
from support.assessed_store import build
from support.decision_rows import make_decision

LONG_TEXT = (
    "De Vlaamse Regering keurt het ontwerp van besluit goed over de retributies binnen"
    " inburgering waarbij inburgeraars een bijdrage betalen voor het vormingsprogramma en het"
    " examen maatschappelijke oriëntatie en waarbij wie een leefloon ontvangt of een"
    " inkomen onder de drempel heeft vrijgesteld wordt van die bijdrage voor de eerste twee"
    " deelnames aan het examen"
)
LONG_PROMISE = (
    "We voeren een bijdrage in voor het inburgeringstraject, zodat inburgeraars mee"
    " verantwoordelijkheid dragen voor hun traject, met een vrijstelling voor wie een leefloon"
    " ontvangt en met een terugbetaling voor wie het attest van inburgering behaalt."
)
# id: (date, instrument, stage, title, text)
DECISIONS = {
    "r1": ("2021-12-17", "besluit", "principiele_goedkeuring",
           "Inburgering: het invoeren van retributies binnen inburgering", LONG_TEXT),
    "r2": ("2021-12-17", "besluit", "andere",
           "Inburgering: nota over de uitrol van het vormingsprogramma",
           "Nota over de uitrol van het vormingsprogramma. De minister licht de planning toe."),
    "p1": ("2023-12-08", "decreet", "definitieve_goedkeuring",
           "Preventie van radicalisering: ontwerpdecreet",
           "Het ontwerpdecreet over de preventie van gewelddadige radicalisering wordt"
           " definitief goedgekeurd. Er gaat 1.200.000 euro naar lokale netwerken."),
    "p2": ("2023-06-02", "decreet", "principiele_goedkeuring",
           "Preventie van radicalisering: voorontwerp van decreet",
           "Het voorontwerp van decreet over de preventie van gewelddadige radicalisering wordt"
           " principieel goedgekeurd."),
}
SECTION = "inburgering/2.1"
OTHER = "inburgering/2.2"
MANY = "inburgering/2.3"  # one decision carrying out four promises
PROMISES = {
    (SECTION, 0): LONG_PROMISE,
    (OTHER, 0): "We verankeren de aanpak van gewelddadige radicalisering in een decreet.",
    (OTHER, 1): "We evalueren het convenant met de verhuurders.",
    (MANY, 0): "Inburgeraars betalen een bijdrage voor het vormingsprogramma.",
    (MANY, 1): "Inburgeraars betalen een bijdrage voor het examen.",
    (MANY, 2): "Wie een leefloon ontvangt, is vrijgesteld van de bijdrage.",
    (MANY, 3): "Wie het attest behaalt, krijgt de bijdrage terug.",
}


def _node(key, kind, number, title, ordinal, parent=None, depth=0, text="", pages=(105, 105)):
    return Node(key=key, kind=kind, part="Deel 2", chapter="2 — Inburgering", number=number,
                title=title, first_page=pages[0], last_page=pages[1], text=text,
                parent_key=parent, depth=depth, ordinal=ordinal)


def _linked(decision_id: str, role: str, score: float) -> EvidenceDecision:
    day, instrument, stage, title, _ = DECISIONS[decision_id]
    return EvidenceDecision(decision_id, role, score, 1, day, title, instrument, stage, "...")


def _assessment(key, ordinal, status, reason, evidence=(), candidates=()) -> Assessment:
    extra = {}
    if candidates and "candidates" in {f.name for f in fields(Assessment)}:
        extra["candidates"] = tuple(candidates)
    return Assessment(
        node_key=key, ordinal=ordinal, page=105, promise=PROMISES[(key, ordinal)],
        status=status, reason=reason, rung=0, rung_label="", reached_on=None,
        first_date=evidence[0].meeting_date if evidence else None,
        last_date=evidence[-1].meeting_date if evidence else None, fingerprint="fp",
        evidence=tuple(evidence), **extra)


def build_synthetic(store: Store) -> None:
    upsert_decisions(store, [
        make_decision(i, day, title, text, instrument=instrument, stage=stage)
        for i, (day, instrument, stage, title, text) in DECISIONS.items()])
    nodes = (
        _node("inburgering", "chapter", "2", "Inburgering", 0, pages=(105, 107)),
        _node(SECTION, "section", "2.1", "Inburgering", 1, "inburgering", 1, LONG_PROMISE),
        _node(OTHER, "section", "2.2", "Samenleven", 2, "inburgering", 1,
              PROMISES[(OTHER, 0)] + " " + PROMISES[(OTHER, 1)], pages=(106, 107)),
        _node(MANY, "section", "2.3", "Bijdragen", 3, "inburgering", 1,
              " ".join(PROMISES[(MANY, n)] for n in range(4)), pages=(107, 107)),
    )
    statements = tuple(Statement(key, ordinal, 105, text, True)
                       for (key, ordinal), text in PROMISES.items())
    save_agreement(store, Agreement(title="Regeerakkoord proza", source="test",
                                    sha256="2" * 64, page_count=200, nodes=nodes,
                                    statements=statements))
    save_assessments(store, [
        _assessment(SECTION, 0, "in uitvoering", "Verst gekomen: het ontwerpbesluit.",
                    [_linked("r1", "evidence", 0.81), _linked("r2", "evidence", 0.66)]),
        _assessment(OTHER, 0, "geen beslissing gevonden",
                    "Geen beslissing gevonden die deze belofte uitvoert.",
                    candidates=[_linked("p2", "candidate", 0.45),
                                _linked("p1", "candidate", 0.55)]),
        _assessment(OTHER, 1, "niet te beoordelen", "Een evaluatie is geen maatregel."),
        *(_assessment(MANY, n, "in uitvoering", "Verst gekomen: het ontwerpbesluit.",
                      [_linked("r1", "evidence", 0.7)]) for n in range(4)),
    ])


def corpus_stores(folder) -> Iterator[tuple[str, Store]]:
    """(name, opened store) for every store of the corpus."""
    with open_store(f"sqlite:///{folder}/klein.db") as store:
        build(store)
        yield "klein", store
    with open_store(f"sqlite:///{folder}/synthetisch.db") as store:
        build_synthetic(store)
        yield "synthetisch", store


def corpus(folder, render) -> list[tuple[str, str]]:
    """(name, Markdown) of the report of every node of every corpus store; `render(store,
    key)` writes one report (the code under test, or an older version of it)."""
    from beloftemeter.store.agreement import list_nodes

    reports = []
    for name, store in corpus_stores(folder):
        reports += [(f"{name}:{n.key}", render(store, n.key)) for n in list_nodes(store)]
        if name == "klein" and "candidates" in {f.name for f in fields(Assessment)}:
            from support.assessed_store import add_candidate

            add_candidate(store)
            reports += [(f"{name}+kandidaat:{n.key}", render(store, n.key))
                        for n in list_nodes(store)]
    return reports
