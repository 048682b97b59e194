"""An editor's review of one promise: what the review page shows, and the save.

A save is one transaction: the review and its link verdicts, the published verdict it
changes, the promise's history row (when the public status or evidence changed) and the audit
event. A form made from an older version than the stored one is refused with what changed
meanwhile (`StaleReviewError`), so no edit is lost silently.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from beloftemeter.analysis.history import change
from beloftemeter.analysis.review import judge_links, machine_linked, published
from beloftemeter.analysis.status import assess
from beloftemeter.dutch_dates import long_date, long_moment
from beloftemeter.errors import InputError, NotFoundError, StaleReviewError
from beloftemeter.models.assessment import STATUSES, Assessment, EvidenceDecision, Linked
from beloftemeter.models.review import (
    ADDED,
    CONFIRMED,
    EDITOR,
    LADDER,
    VERDICTS,
    Event,
    ReaderReport,
    Review,
    ReviewEdit,
)
from beloftemeter.pipeline.base import StoreLike, opened
from beloftemeter.store import Store
from beloftemeter.store import agreements as agreements_store
from beloftemeter.store import assessment as assessment_store
from beloftemeter.store import history as history_store
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.promise_ids import key_of, resolve
from beloftemeter.store.sql import Executes

MAX_TEXT = 2000  # characters of a reason or a note
MAX_LINKS = 200  # link verdicts in one save


@dataclass(frozen=True)
class EditorView:
    promise_id: str
    node_key: str
    ordinal: int
    assessment: Assessment  # the published verdict
    machine: Linked  # what the machine linked, with its own roles
    machine_status: str
    review: Review | None
    reports: tuple[ReaderReport, ...]  # open reports of readers
    events: tuple[Event, ...]  # this promise's audit, newest first

    @property
    def version(self) -> int:
        """The version a form made from this view carries (0: never reviewed)."""
        return 0 if self.review is None else self.review.version


def _located(store: Store, promise_id: str) -> tuple[str, str, int, Assessment]:
    current = resolve(store, promise_id)
    key = None if current is None else key_of(store, current)
    if current is None or key is None:
        raise NotFoundError(f"Onbekende belofte: {promise_id[:40]}.")
    stored = assessment_store.load_assessment(store, *key)
    if stored is None:
        raise NotFoundError("Deze belofte is nog niet beoordeeld: voer eerst"
                            " `beloftemeter analyseer` uit.")
    return current, key[0], key[1], stored


def editor_view(store: StoreLike, promise_id: str) -> EditorView:
    with opened(store) as target:
        current, node_key, ordinal, stored = _located(target, promise_id)
        review = reviews_store.get_review(target, current)
        reports = reviews_store.open_reports(target).get(current, [])
        events = reviews_store.events(target, promise_id=current, limit=50)
    return EditorView(current, node_key, ordinal, stored, machine_linked(stored),
                      stored.machine_status or stored.status, review, tuple(reports),
                      tuple(events))


def _clean(text: str, what: str) -> str:
    text = "".join(c for c in text if c.isprintable() or c in "\n\t").strip()
    if len(text) > MAX_TEXT:
        raise InputError(f"{what} is te lang: hoogstens {MAX_TEXT} tekens.")
    return text


def _checked(edit: ReviewEdit) -> ReviewEdit:
    if edit.status is not None and edit.status not in STATUSES:
        raise InputError(f"Onbekende status: {edit.status[:40]!r}. Kies uit: "
                         + ", ".join(STATUSES) + ".")
    reason, note = _clean(edit.reason, "De reden"), _clean(edit.note, "De notitie")
    if edit.status is not None and not reason:
        raise InputError("Geef een reden wanneer je de status zelf bepaalt.")
    if len(edit.links) > MAX_LINKS:
        raise InputError(f"Te veel beslissingen in één keer (hoogstens {MAX_LINKS}).")
    for decision_id, verdict in edit.links.items():
        if verdict not in VERDICTS:
            raise InputError(f"Onbekend oordeel over beslissing {decision_id[:40]}:"
                             f" {verdict[:20]!r}.")
    return replace(edit, reason=reason, note=note)


def _state(review: Review | None, a: Assessment, version: int) -> dict:
    return {"version": version, "status": a.status, "reason": a.reason,
            "status_source": None if review is None else review.status_source,
            "evidence": sorted(e.decision_id for e in a.evidence),
            "note": "" if review is None else review.note,
            "links": {} if review is None else dict(sorted(review.links.items()))}


def _changes_since(store: Store, promise_id: str, version: int) -> tuple[str, ...]:
    """One Dutch line per save after `version`, oldest first."""
    lines = []
    for event in reversed(reviews_store.events(store, promise_id=promise_id,
                                               actions=[reviews_store.REVIEW_ACTION])):
        if int(event.after.get("version", 0)) <= version:
            continue
        before, after = event.before, event.after
        what = []
        if before.get("status") != after.get("status"):
            what.append(f"status ‘{before.get('status')}’ → ‘{after.get('status')}’")
        if before.get("evidence") != after.get("evidence"):
            what.append("bewijs gewijzigd")
        if before.get("note") != after.get("note"):
            what.append("notitie gewijzigd")
        if before.get("links") != after.get("links") and not what:
            what.append("beslissingen beoordeeld")
        lines.append(f"{long_moment(event.at)} door {event.actor}: "
                     + (", ".join(what) or "opnieuw bevestigd") + ".")
    return tuple(lines)


def _within_term(conn: Executes, added: list[EvidenceDecision]) -> None:
    """A decision an editor adds must fall within the government's term of the promise's
    agreement: one taken before or after it cannot carry the promise out."""
    agreement = agreements_store.in_scope(conn)
    for decision in added:
        if agreement is not None and not agreement.within_term(decision.meeting_date):
            end = "nu" if agreement.term_end is None else long_date(agreement.term_end)
            raise InputError(
                f"Beslissing {decision.decision_id[:40]} van {long_date(decision.meeting_date)}"
                f" valt buiten de regeerperiode van dit akkoord ({long_date(agreement.term_start)}"
                f" tot {end}) en kan geen bewijs zijn; er is niets bewaard.")


def save_review(store: StoreLike, edit: ReviewEdit, at: str | None = None) -> Review:
    """Save `edit`; its review, or StaleReviewError when someone saved in between."""
    edit = _checked(edit)
    at = at or datetime.now(UTC).isoformat(timespec="seconds")
    with opened(store) as target, target.transaction() as conn:
        current, node_key, ordinal, stored = _located(target, edit.promise_id)
        review = reviews_store.get_review(conn, current)
        version = 0 if review is None else review.version
        if version != edit.expected_version:
            changes = _changes_since(target, current, edit.expected_version)
            raise StaleReviewError(
                f"Deze belofte werd intussen opnieuw bewaard (nu versie {version}, je"
                f" formulier was van versie {edit.expected_version}); er is niets bewaard.",
                changes)
        linked = machine_linked(stored)
        links = {i: (CONFIRMED if v == ADDED and any(
            e.decision_id == i for e in (*linked.evidence, *linked.candidates, *linked.context))
            else v) for i, v in edit.links.items()}
        extra = reviews_store.decisions_as_evidence(
            conn, [i for i, v in links.items() if v in (CONFIRMED, ADDED)])
        machine_ids = {e.decision_id for e in (*linked.evidence, *linked.candidates,
                                               *linked.context)}
        unknown = sorted(i for i in links if i not in machine_ids and i not in extra)
        if unknown:
            raise InputError(f"Onbekende beslissing: {unknown[0][:40]}.")
        _within_term(conn, [extra[i] for i in sorted(extra) if i not in machine_ids])
        seen = frozenset(e.decision_id for e in linked.evidence)
        if edit.status is None:
            judged = judge_links(linked, links, seen, extra)
            ladder = assess(node_key, ordinal, stored.page, stored.promise, judged.linked)
            status, reason, source = ladder.status, ladder.reason, LADDER
        else:
            status, reason, source = edit.status, edit.reason, EDITOR
        new = Review(current, version + 1, status, reason, source, edit.note, seen, None,
                     edit.actor, at, links)
        machine = replace(stored, status=stored.machine_status or stored.status,
                          machine_status=None)
        after = published(machine, linked, new, extra)
        history = []
        state = history_store.latest_state(conn, current)
        before_state = (stored.status, tuple(sorted(e.decision_id for e in stored.evidence)),
                        "" if state is None else state[2])
        entry = change(current, before_state, after, before_state[2], at)
        if entry is not None:
            told = entry.cause.replace("Status opnieuw bepaald met dezelfde beslissingen.", "")
            said = f": {reason.rstrip('.')}" if source == EDITOR else ""
            history.append(replace(entry, cause=f"Nagekeken door de redactie{said}. {told}"
                                   .strip()))
        reviews_store.write_review(conn, new)
        assessment_store.save_assessments(target, [after], history)
        reviews_store.append_event(
            conn, edit.actor, reviews_store.REVIEW_ACTION, current,
            _state(review, stored, version), _state(new, after, version + 1),
            edit.reason, at)
        reviews_store.handle_reports(conn, current, edit.actor, at)
    return new
