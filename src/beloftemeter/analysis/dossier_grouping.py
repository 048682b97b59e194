"""Which decisions are stages of one file: a pure function over decisions, no store.

Decisions are taken in meeting-date order. A regulatory act at one of its stages joins the
open dossier of the same act whose subject is the same (by its short or formal title, see
`_same_subject`) and whose last step it can follow: a later rung of the ladder, or another
principle approval (the second one after advice); never back down the ladder, never the
same final stage twice (two orders finally approved are two orders), and never after a long
silence. Anything else is a dossier of its own.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from beloftemeter.analysis.dossier_subjects import Subject, read_subject
from beloftemeter.analysis.ladder import rung_of
from beloftemeter.models.decisions import Decision
from beloftemeter.search.dutch import words

# The longest pause between two steps of one file. Measured on the 3,165 real decisions
# (bench/dossiers.py): steps that group by subject follow each other after a median of
# 4 months; beyond 18 months nearly every pair was a later amendment of the same act.
MAX_GAP_DAYS = 550
# Subject similarity (Jaccard over stemmed title words), chosen by reading groups on the real
# data. Short titles that are nearly the same are one file. Nearly the same formal titles are
# one file when the short titles share a little, except for amendments: "tot wijziging van het
# besluit van 7 december 2007 ..." opens many different amendments of one order, so there the
# short titles must share half their words.
SAME_TITLE = 0.75
SAME_FORMAL = 0.8
SHARED_TITLE = 0.2
SHARED_TITLE_AMENDMENT = 0.5
CONTAINED_MIN = 3
COMMON_TERM_SHARE = 0.05
COMMON_TERM_MIN = 20
_REPEATABLE = "principiele_goedkeuring"
_SLUG_WORDS = 6


@dataclass
class _Open:
    """A dossier while it is being built, with what the next step is checked against."""

    kind: str
    members: list[tuple[Decision, Subject]] = field(default_factory=list)
    last_day: int = 0  # date ordinal of the last step
    last_rung: int = 0
    last_stage: str | None = None

    def add(self, decision: Decision, subject: Subject, day: int) -> None:
        self.members.append((decision, subject))
        self.last_day, self.last_stage = day, decision.stage
        self.last_rung = rung_of(self.kind, decision.stage)


@dataclass(frozen=True)
class Grouped:
    """A dossier as the grouping found it: its key, act, readable subject and members in
    step order."""

    key: str
    instrument: str
    subject: str
    formal_subject: str
    plural: bool
    decisions: tuple[Decision, ...]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _contained(a: frozenset[str], b: frozenset[str]) -> bool:
    """One short title says all the other does, and that is more than a word or two
    ("Regeling leerjobs" in "Regeling leerjobs: een begeleid ervaringstraject ...")."""
    shared = len(a & b)
    return shared >= CONTAINED_MIN and shared == min(len(a), len(b))


def _same_subject(a: Subject, b: Subject) -> bool:
    title = _jaccard(a.title_terms, b.title_terms)
    if title >= SAME_TITLE or _contained(a.title_terms, b.title_terms):
        return True
    if _jaccard(a.formal_terms, b.formal_terms) < SAME_FORMAL:
        return False
    amendment = a.amendment or b.amendment
    return title >= (SHARED_TITLE_AMENDMENT if amendment else SHARED_TITLE)


def _can_follow(dossier: _Open, decision: Decision, day: int) -> bool:
    if not 0 < day - dossier.last_day <= MAX_GAP_DAYS:
        return False  # two stages of one file are never decided at one meeting
    now = rung_of(dossier.kind, decision.stage)
    if now < dossier.last_rung:
        return False
    return not (now == dossier.last_rung and dossier.last_stage == decision.stage != _REPEATABLE)


def _join(dossier: _Open, decision: Decision, subject: Subject, day: int) -> bool:
    return _can_follow(dossier, decision, day) and any(
        _same_subject(subject, other) for _, other in dossier.members)


def group_decisions(decisions: Iterable[Decision]) -> list[Grouped]:
    """Every decision in exactly one dossier, dossiers in the order of their first step."""
    read = [(d, read_subject(d)) for d in sorted(decisions, key=lambda d: (d.meeting_date, d.id))]
    seek = _seek_terms([s for _, s in read if s.staged])
    dossiers: list[_Open] = []
    # (act, term) -> dossiers with a step carrying the term: the ones worth comparing with
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for decision, subject in read:
        day = date.fromisoformat(decision.meeting_date).toordinal()
        keys = [(subject.kind, t) for t in seek(subject)] if subject.staged else []
        candidates: set[int] = set()
        for key in keys:
            # a file silent for longer than the gap takes no more steps: forget it
            index[key] = [n for n in index[key] if day - dossiers[n].last_day <= MAX_GAP_DAYS]
            candidates.update(index[key])
        # the latest-opened file first: an amendment is closer to its own recent draft
        joined = next((n for n in sorted(candidates, reverse=True)
                       if _join(dossiers[n], decision, subject, day)), None)
        if joined is None:
            dossiers.append(_Open(subject.kind))
            joined = len(dossiers) - 1
        dossiers[joined].add(decision, subject, day)
        for key in keys:
            if joined not in index[key]:
                index[key].append(joined)
    return _unique_keys([_finish(d) for d in dossiers])


def _unique_keys(grouped: list[Grouped]) -> list[Grouped]:
    """Keys made unique should two hashes ever share their first characters."""
    seen: set[str] = set()
    out = []
    for g in grouped:
        key, n = g.key, 1
        while key in seen:
            n += 1
            key = f"{g.key}-{n}"
        seen.add(key)
        out.append(g if key == g.key else replace(g, key=key))
    return out


def _seek_terms(subjects: list[Subject]) -> Callable[[Subject], set[str]]:
    """The terms a subject is looked up by: all but the most common of its act (in over 1 in
    20 of them: "onderwijs", "vlaamse"), which would make nearly every file a candidate.
    Subjects that share only such words are seldom one file (on the real data the grouping
    is the same with and without them)."""
    frequency = Counter((s.kind, t) for s in subjects for t in s.title_terms | s.formal_terms)
    per_kind = Counter(s.kind for s in subjects)

    def seek(subject: Subject) -> set[str]:
        limit = max(COMMON_TERM_MIN, per_kind[subject.kind] * COMMON_TERM_SHARE)
        return {t for t in subject.title_terms | subject.formal_terms
                if frequency[(subject.kind, t)] <= limit}

    return seek


def _finish(dossier: _Open) -> Grouped:
    members = sorted(dossier.members, key=lambda m: (
        m[0].meeting_date, rung_of(dossier.kind, m[0].stage), m[0].id))
    first, first_subject = members[0]
    # the label most steps share (titles drift); on a tie, the earliest
    labels = [s.label for _, s in members]
    label = max(labels, key=lambda lab: (labels.count(lab), -labels.index(lab)))
    # the formal subject of the furthest step: a ratified decree's title is its final name
    formal = next((s.formal for _, s in reversed(members) if s.formal), "")
    return Grouped(
        key=dossier_key(dossier.kind, first_subject.label, first.id),
        instrument=dossier.kind,
        subject=label,
        formal_subject=formal,
        plural=any(s.plural for _, s in members),
        decisions=tuple(d for d, _ in members),
    )


def dossier_key(kind: str, label: str, first_id: str) -> str:
    """A readable, stable key: the act, the first words of the subject and a short hash of the
    first decision's id ("decreet-vlaamse-toetsen-onderwijs-3f9a1c"). It changes only when an
    earlier step joins the file."""
    slug = "-".join([w for w in words(label) if w.isascii()][:_SLUG_WORDS]) or "beslissing"
    digest = hashlib.sha256(first_id.encode("utf-8")).hexdigest()[:6]
    return f"{kind}-{slug}-{digest}"
