"""A store of a few hundred promises with random verdicts, written by code with a fixed seed
through the store's own functions: enough variety (every status, shared dates, promises
without verdict, planned actions under several ministers) to check the list against a count
made by hand."""

from __future__ import annotations

import random

from beloftemeter.models.agreement import Agreement, Node, Statement
from beloftemeter.models.assessment import EVIDENCE, STATUSES, Assessment, EvidenceDecision
from beloftemeter.models.labels import STAGE_NAMES
from beloftemeter.models.policy import Action, PolicyDocument, PromiseLink
from beloftemeter.store import Store
from beloftemeter.store.agreement import save_agreement
from beloftemeter.store.assessment import save_assessments
from beloftemeter.store.decisions import upsert_decisions
from beloftemeter.store.policy import save_document
from support.decision_rows import make_decision

WORDS = ("kinderopvang", "fietspaden", "woningen", "klimaat", "onderwijs", "haven")
MINISTERS = ("Jan Jambon", "Hilde Crevits", "Ben Weyts", "Zuhal Demir")


def build(store: Store, size: int = 240, seed: int = 7) -> None:
    rng = random.Random(seed)
    stages = list(STAGE_NAMES)
    decisions = [make_decision(f"d{i}", f"{rng.choice((2020, 2021, 2022))}-0{rng.randint(1, 3)}"
                               f"-1{rng.randint(0, 1)}", f"Titel {i}", "Tekst.",
                               instrument="besluit", stage=rng.choice(stages))
                 for i in range(40)]
    upsert_decisions(store, decisions)
    nodes, sections = [], []
    for p in range(2):
        nodes.append(Node(f"deel-{p}", "part", f"Deel {p}", None, None, f"Deel {p}", 1, 1, "",
                          depth=0, ordinal=len(nodes)))
        for c in range(3):
            chapter = f"hoofdstuk-{p}-{c}"
            nodes.append(Node(chapter, "chapter", f"Deel {p}", f"{c + 1} — Hoofdstuk {p}.{c}",
                              str(c + 1), f"Hoofdstuk {p}.{c}", 1, 1, "", f"deel-{p}", 1,
                              len(nodes)))
            for s in range(2):
                key = f"{chapter}/{s + 1}"
                nodes.append(Node(key, "section", f"Deel {p}", f"{c + 1} — Hoofdstuk {p}.{c}",
                                  f"{c + 1}.{s + 1}", f"Sectie {s}", 1, 1, "", chapter, 2,
                                  len(nodes)))
                sections.append(key)
    statements = [Statement(sections[i % len(sections)], i // len(sections), 1 + i % 20,
                            "We " + " ".join(rng.choices(WORDS, k=3)) + f" {i}.", True)
                  for i in range(size)]
    save_agreement(store, Agreement("Willekeurig", "willekeurig", "0" * 64, 20, tuple(nodes),
                                    statements=tuple(statements)))
    verdicts = []
    for s in statements[: size * 9 // 10]:  # the last tenth without a verdict
        evidence = tuple(sorted((EvidenceDecision(d.id, EVIDENCE, 0.8, 1, d.meeting_date,
                                                  d.title, d.instrument, d.stage, "")
                                 for d in rng.sample(decisions, rng.choice((0, 0, 1, 2)))),
                                key=lambda e: (e.meeting_date, e.decision_id)))
        dates = [e.meeting_date for e in evidence]
        verdicts.append(Assessment(
            s.node_key, s.ordinal, s.page, s.text, rng.choice(STATUSES), "Reden.", 0, "",
            None, min(dates, default=None), max(dates, default=None), "fp", evidence))
    save_assessments(store, verdicts)
    actions = tuple(Action(str(i), f"Actie {i}", None, "Tekst.", responsible=(
        f"Domein {i % 3} – minister {rng.choice(MINISTERS)} Domein {i % 2 + 5} – minister"
        f" {rng.choice(MINISTERS)}")) for i in range(size // 10))
    links = [PromiseLink("nota", a.number, s.node_key, s.ordinal, "zoeken", 0.5, "")
             for a, s in zip(actions, rng.sample(statements, len(actions)), strict=True)]
    save_document(store, PolicyDocument("nota", "Beleidsnota", "x", "0" * 64, (), actions),
                  links, [])
