"""A linker for the promise tests that links by keyword, so a test knows which decisions
become evidence."""

from __future__ import annotations

import hashlib

from beloftemeter.models.assessment import EVIDENCE, EvidenceDecision, Linked
from beloftemeter.store import Store
from beloftemeter.store.decisions import iter_decisions

# promise word → the title word of its evidence
KEYWORDS = {"kilometerheffing": "kilometerheffing", "tramlijn": "tram",
            "deelfietsen": "deelfiets"}


class KeywordLinker:
    """Evidence: every decision whose title holds the promise's keyword."""

    def __init__(self, store: Store, settings_tag: str = "evidence-test|model-1|x") -> None:
        self.store = store
        self.settings_tag = settings_tag

    def link(self, promise: str, section_title: str) -> Linked:
        words = [title_word for word, title_word in KEYWORDS.items() if word in promise.lower()]
        evidence = tuple(
            EvidenceDecision(d.id, EVIDENCE, 0.9, 1, d.meeting_date, d.title, d.instrument,
                             d.stage, d.title)
            for d in sorted(iter_decisions(self.store), key=lambda d: (d.meeting_date, d.id))
            if any(w in d.title.lower() for w in words))
        digest = hashlib.sha256("|".join([self.settings_tag, promise,
                                          *(e.decision_id for e in evidence)]).encode())
        return Linked(evidence, (), digest.hexdigest(), tuple(words))
