"""Assessment test helpers: a tiny agreement and decisions written by code, and an
`EvidenceDecision` factory. Imported by the tests of this folder."""

from __future__ import annotations

from beloftemeter.models.agreement import Agreement, Node, Statement
from beloftemeter.models.assessment import EVIDENCE, EvidenceDecision
from beloftemeter.store import Store
from beloftemeter.store.agreement import save_agreement
from beloftemeter.store.decisions import upsert_decisions
from support.decision_rows import make_decision

SECTION = "mobiliteit/1.1"
OTHER = "mobiliteit/1.2"
PROMISES = {
    (SECTION, 0): "We voeren een kilometerheffing voor vrachtwagens in op alle gewestwegen.",
    (SECTION, 1): "We doen dit telkens op een goede en duidelijke manier.",
    (OTHER, 0): "We bouwen een nieuwe tramlijn naar de luchthaven van Zaventem.",
    (OTHER, 1): "We voeren deelfietsen in voor kleine gemeenten.",
}

# (id, date, instrument, stage, title, text)
DECISIONS = [
    ("k1", "2020-02-07", "conceptnota", "conceptnota",
     "Conceptnota kilometerheffing vrachtwagens gewestwegen",
     "Conceptnota over een kilometerheffing voor vrachtwagens op gewestwegen."),
    ("k2", "2021-05-21", "decreet", "principiele_goedkeuring",
     "Voorontwerp van decreet over heffingen op vrachtverkeer",
     "Voorontwerp van decreet over de kilometerheffing voor vrachtwagens op gewestwegen."),
    ("k3", "2022-03-11", "decreet", "definitieve_goedkeuring",
     "Ontwerpdecreet kilometerheffing vrachtwagens gewestwegen",
     "Ontwerpdecreet kilometerheffing voor vrachtwagens, naar het Vlaams Parlement."),
    ("t1", "2021-09-17", "conceptnota", "conceptnota",
     "Tramlijn luchthaven Zaventem: tracé en timing",
     "Conceptnota over het tracé van de tramlijn naar de luchthaven van Zaventem."),
    ("x1", "2020-06-12", "besluit", "definitieve_goedkeuring",
     "Subsidie voor jeugdhuizen in kleine gemeenten",
     "Jeugdhuizen in kleine gemeenten krijgen steun voor hun werking."),
    ("x2", "2022-10-07", "besluit", "definitieve_goedkeuring",
     "Erkenning van musea en erfgoedcellen",
     "Nieuwe regels voor de erkenning van musea."),
    ("x3", "2023-01-20", "mededeling", "mededeling",
     "Voortgangsrapport over de vrachtwagens in de havens",
     "Een rapport over de havens en het verkeer van vrachtwagens van en naar de havens."),
]
# Filler so that common words stay common and rare words rare in a realistic way.
FILLER = [
    (f"f{i:02d}", f"2021-{1 + i % 12:02d}-15", "besluit", "definitieve_goedkeuring",
     f"Benoeming leden raad van bestuur agentschap nummer {i}",
     f"De regering benoemt de leden van de raad van bestuur ({i}).")
    for i in range(30)
]


def insert_decisions(store: Store, rows=(*DECISIONS, *FILLER)) -> None:
    """Store `rows` through the store's own upsert (a changed row is updated)."""
    upsert_decisions(store, [
        make_decision(decision_id, day, title, text, instrument=instrument, stage=stage)
        for decision_id, day, instrument, stage, title, text in rows
    ])


def insert_agreement(store: Store) -> None:
    def node(key, kind, number, title, ordinal, parent=None, depth=0):
        return Node(key=key, kind=kind, part="Deel 1", chapter="1 — Mobiliteit",
                    number=number, title=title, first_page=10, last_page=12, text="",
                    parent_key=parent, depth=depth, ordinal=ordinal)

    nodes = (
        node("mobiliteit", "chapter", "1", "Mobiliteit", 0),
        node(SECTION, "section", "1.1", "Slimme heffingen", 1, "mobiliteit", 1),
        node(OTHER, "section", "1.2", "Openbaar vervoer", 2, "mobiliteit", 1),
    )
    statements = tuple(
        Statement(node_key=key, ordinal=ordinal, page=10 + ordinal, text=text, is_promise=True)
        for (key, ordinal), text in PROMISES.items()
    )
    save_agreement(store, Agreement(title="Regeerakkoord test", source="test", sha256="0" * 64,
                                    page_count=20, nodes=nodes, statements=statements))


def evidence(decision_id: str, date: str, instrument: str | None, stage: str | None,
             title: str = "", shared: tuple[str, ...] = ("kilometerheffing",),
             role: str = EVIDENCE) -> EvidenceDecision:
    return EvidenceDecision(decision_id=decision_id, role=role, score=0.5, rank=1,
                            meeting_date=date, title=title or f"Beslissing {decision_id}",
                            instrument=instrument, stage=stage, passage="...",
                            shared_terms=shared)
