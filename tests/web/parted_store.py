"""A store whose agreement has parts, as the real one does: chapter numbers restart in every
part ("1 Onderwijs" in part 1, "1 Welzijn" in part 2), with many promises of every status so
the status bars have several segments and the counts run to two digits."""

from __future__ import annotations

from beloftemeter.models.agreement import Agreement, Node, Statement
from beloftemeter.models.assessment import (
    CANDIDATE,
    EVIDENCE,
    STATUSES,
    Assessment,
    EvidenceDecision,
)
from beloftemeter.store import Store
from beloftemeter.store.agreement import save_agreement
from beloftemeter.store.assessment import save_assessments
from beloftemeter.store.decisions import upsert_decisions
from support.decision_rows import make_decision

PARTS = (("deel-1", "Vlaanderen schittert", (("onderwijs", "Onderwijs"), ("economie", "Economie"))),
         ("deel-2", "Vlaanderen is sociaal", (("welzijn", "Welzijn"),)))
PROMISES_PER_SECTION = 12


def _nodes() -> list[Node]:
    nodes: list[Node] = []
    for part_key, part_title, chapters in PARTS:
        nodes.append(Node(part_key, "part", part_title, None, None, part_title, 1, 9, "",
                          None, 0, len(nodes)))
        for number, (key, title) in enumerate(chapters, start=1):
            nodes.append(Node(key, "chapter", part_title, f"{number} — {title}", str(number),
                              title, 1, 9, "", part_key, 1, len(nodes)))
            nodes.append(Node(f"{key}/{number}.1", "section", part_title,
                              f"{number} — {title}", f"{number}.1", f"Plannen voor {title}",
                              1, 9, "We doen veel.", key, 2, len(nodes)))
    return nodes


def build_parted(store: Store) -> None:
    nodes = _nodes()
    sections = [n for n in nodes if n.kind == "section"]
    upsert_decisions(store, [make_decision("p1", "2021-12-17", "Decreet over leerlingen",
                                           "Decreet over leerlingen.", instrument="decreet",
                                           stage="bekrachtiging")])
    statements, verdicts = [], []
    for n in sections:
        for ordinal in range(PROMISES_PER_SECTION):
            text = f"Belofte {ordinal} over {n.title.lower()}."
            statements.append(Statement(n.key, ordinal, 2, text, True))
            status = STATUSES[ordinal % len(STATUSES)]
            evidence = (EvidenceDecision("p1", EVIDENCE, 0.9, 1, "2021-12-17",
                                         "Decreet over leerlingen", "decreet", "bekrachtiging",
                                         "..."),) if ordinal % 2 == 0 else ()
            # p1 is evidence for the even promises, a candidate for the first odd one of each
            candidates = (EvidenceDecision("p1", CANDIDATE, 0.5, 3, "2021-12-17",
                                           "Decreet over leerlingen", "decreet", "bekrachtiging",
                                           "..."),) if ordinal == 1 else ()
            verdicts.append(Assessment(n.key, ordinal, 2, text, status, "Test.", 0, "", None,
                                       None, None, "fp", evidence, candidates=candidates))
    save_agreement(store, Agreement("Regeerakkoord met delen", "test", "2" * 64, 20,
                                    tuple(nodes), statements=tuple(statements)))
    save_assessments(store, verdicts)
