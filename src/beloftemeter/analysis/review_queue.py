"""The review queue: which promises an editor should look at first, and in what order the
decisions of each.

A review is worth most where it settles most: where the listed decisions probably hold what
carries the promise out, where the machine is least sure, or where something changed since
an editor last looked. Each promise gets a score from these signals (`Weights`):

* **likely evidence**: the summed relevance probability of the decisions the entry lists
  (the expected number that carry the promise out). A review confirms them: the more there
  probably are, the more one review settles. `bench.review_queue` chose it: on the 381
  hand-labelled promises (probabilities cross-validated per chapter) an editor finds half of
  their key decisions after 1,165 decisions read in queue order, 1,687 with the other
  signals alone, 1,964 in agreement order (docs/metingen.md);
* **near the threshold**: evidence decisions and candidates ("mogelijk relevant, niet
  bevestigd") whose probability lies within `NEAR` of the evidence threshold
  (`analysis.evidence.EVIDENCE_PROBABILITY`), each counted by how close it is (1 at the
  threshold, 0 at `NEAR` from it). There the model is right about every other time (see
  `CANDIDATE_PROBABILITY` there): an editor's yes or no changes most;
* **recheck**: a reviewed promise the assessor sent back ("opnieuw bekijken": new evidence
  since the review, or the machine's status differs from the editor's), and evidence or
  candidates the editor has not judged yet (neither seen as evidence at the save nor linked);
* **single decision**: a verdict resting on one evidence decision: if that one is wrong, the
  status falls to "geen beslissing gevonden";
* **reader reports**: open "klopt dit niet?" reports on the promise;
* **not reviewed**: an unreviewed promise comes before a reviewed one with the same signals;
  a reviewed promise with nothing new and no open report is not in the queue.

"Unreviewed promises of chapters people read most" (issue 19) is left out: the app keeps no
reading counts (it logs no visits), so there is nothing to rank by.

Within an entry the decisions come in the order an editor judges them: what is new since the
last review first, then the evidence, then the candidates (each the least certain first),
then the `CONTEXT_SHOWN` most probable context decisions ("verwant"): on the labelled
promises those hold more key decisions than evidence and candidates together (the rest of
the context stays on the editor's page).

Pure: no store, no SQL; `pipeline.review_queue` reads the inputs.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from beloftemeter.analysis.evidence import CANDIDATE_PROBABILITY, EVIDENCE_PROBABILITY
from beloftemeter.models.assessment import Assessment, EvidenceDecision
from beloftemeter.models.review import Review

# Half-width of the band around the threshold in which a probability counts as uncertain:
# the band of the candidates, mirrored above the threshold.
NEAR = EVIDENCE_PROBABILITY - CANDIDATE_PROBABILITY
NEAR_CAP = 3.0  # a long list of doubtful decisions is worth a review, not three reviews
REPORT_CAP = 3
# Context decisions an entry lists. bench.review_queue, 381 labelled promises on the real
# store: evidence and candidates hold 132 of their 517 key decisions, the 5 most probable
# context decisions another 163, the next 5 another 58 (at twice the reading per key found).
CONTEXT_SHOWN = 5


@dataclass(frozen=True)
class Weights:
    """What each signal adds to a promise's score."""

    likely: float = 1.0  # times the expected number of key decisions among those listed
    near: float = 1.0  # times the summed closeness (at most NEAR_CAP)
    recheck: float = 3.0  # the machine and an editor disagree, or evidence came after
    new: float = 1.0  # per decision the editor has not judged (at most NEAR_CAP)
    single: float = 1.0
    report: float = 2.0  # per open reader report (at most REPORT_CAP); see review_queue
    unreviewed: float = 0.5


WEIGHTS = Weights()

# The reasons an entry is in the queue, as the editor reads them.
RECHECK = "opnieuw bekijken: {}"
NEW_DECISION = "nieuwe beslissing sinds de vorige controle"
SINGLE = "bewijs berust op één beslissing"
NOT_REVIEWED = "nog niet nagekeken"


@dataclass(frozen=True)
class QueueInput:
    """What the queue knows of one promise."""

    promise_id: str
    assessment: Assessment  # the published verdict
    review: Review | None = None
    open_reports: int = 0


@dataclass(frozen=True)
class QueueEntry:
    promise_id: str
    score: float
    reasons: tuple[str, ...]  # Dutch, most telling first
    decisions: tuple[EvidenceDecision, ...]  # in the order an editor judges them
    node_key: str = ""
    ordinal: int = 0
    reviewed: bool = False


def closeness(probability: float) -> float:
    """1 at the evidence threshold, falling to 0 at `NEAR` from it on either side."""
    return max(0.0, 1.0 - abs(probability - EVIDENCE_PROBABILITY) / NEAR)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def unjudged(item: QueueInput) -> tuple[EvidenceDecision, ...]:
    """The evidence and candidates the editor has not judged: neither seen as evidence at
    the last save nor given a verdict. All of them for an unreviewed promise."""
    a = item.assessment
    linked = (*a.evidence, *a.candidates)
    if item.review is None:
        return linked
    judged = item.review.evidence_seen | set(item.review.links)
    return tuple(d for d in linked if d.decision_id not in judged)


def entry_for(item: QueueInput, weights: Weights = WEIGHTS) -> QueueEntry:
    """The score, the reasons and the ordered decisions of one promise (score 0: nothing
    to review). A reason is given for each signal that adds to the score."""
    a, review = item.assessment, item.review
    fresh = unjudged(item)
    decisions = _ordered(item, fresh)
    # what a review would settle: for a reviewed promise only what the editor has not judged
    expected = sum(d.score for d in (decisions if review is None else fresh))
    near = [d for d in fresh if closeness(d.score) > 0]
    recheck = review.recheck if review is not None else None
    signals: list[tuple[float, str | None]] = [  # (what it adds, the reason or None)
        (weights.recheck if recheck else 0.0, RECHECK.format(recheck)),
        (weights.new * min(NEAR_CAP, len(fresh)) if review is not None else 0.0,
         # the assessor's recheck may already name the new decision: not said twice
         None if "nieuwe beslissing" in (recheck or "").casefold() else NEW_DECISION),
        (weights.report * min(REPORT_CAP, item.open_reports),
         _plural(item.open_reports, "melding van een lezer", "meldingen van lezers")),
        (weights.single if len(a.evidence) == 1 and (review is None or fresh or recheck)
         else 0.0, SINGLE),
        (weights.near * min(NEAR_CAP, sum(closeness(d.score) for d in near)),
         _plural(len(near), "beslissing", "beslissingen") + " dicht bij de bewijsdrempel"),
        (weights.likely * expected, "naar schatting " + _plural(
            round(expected), "beslissing die de belofte uitvoert",
            "beslissingen die de belofte uitvoeren") if round(expected) >= 1 else None),
        (weights.unreviewed if review is None else 0.0, NOT_REVIEWED),
    ]
    score = sum(added for added, _ in signals)
    reasons = tuple(reason for added, reason in signals if added > 0 and reason)
    return QueueEntry(item.promise_id, round(score, 4), reasons, decisions,
                      a.node_key, a.ordinal, review is not None)


def _ordered(item: QueueInput, fresh: tuple[EvidenceDecision, ...]) -> tuple[
        EvidenceDecision, ...]:
    """New (unjudged) decisions first when the promise was reviewed, then evidence, then
    candidates, each the least certain first; then the most probable context."""
    a = item.assessment
    new = {d.decision_id for d in fresh} if item.review is not None else set()
    evidence = {d.decision_id for d in a.evidence}

    def key(d: EvidenceDecision) -> tuple[int, int, float, str]:
        group = 0 if d.decision_id in new else 1
        tier = 0 if d.decision_id in evidence else 1
        return group, tier, -closeness(d.score), d.decision_id

    linked = sorted((*a.evidence, *a.candidates), key=key)
    context = heapq.nsmallest(CONTEXT_SHOWN, a.context,
                              key=lambda d: (-d.score, d.decision_id))
    return (*linked, *context)


def review_queue(items: Iterable[QueueInput], weights: Weights = WEIGHTS) -> list[QueueEntry]:
    """The promises worth a review, highest score first; ties in agreement order (the order
    of `items`). Promises a reader reported come before all others: someone is waiting for
    an answer. Reviewed promises with nothing new to judge are left out."""
    items = list(items)
    entries = [entry_for(item, weights) for item in items]
    ranked = sorted(enumerate(entries), key=lambda pair: (
        items[pair[0]].open_reports == 0, -pair[1].score, pair[0]))
    return [entry for _, entry in ranked if entry.score > 0]
