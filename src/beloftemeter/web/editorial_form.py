"""The review form of one promise: what its fields say (a ReviewEdit), and the rows and values
it shows, so a refused save (400, 409) can show the form again exactly as the editor left it.

Fields: `versie` (the version the form was made from), `d:DECISION_ID` per decision
(`bevestigen`, `afwijzen`, `geen`; a search result's checkbox sends `toevoegen`), `status`
("" lets the stage ladder decide), `reden`, `notitie` and `zoek` (the inline search, kept so
a refused save shows its results again).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from beloftemeter.ascii_digits import parse_digits
from beloftemeter.errors import InputError
from beloftemeter.models.assessment import (
    CANDIDATE,
    CONTEXT,
    EVIDENCE,
    Assessment,
    EvidenceDecision,
)
from beloftemeter.models.review import ADDED, CONFIRMED, EDITOR, REJECTED, ReviewEdit
from beloftemeter.pipeline.review import EditorView

DECISION_PREFIX = "d:"
CONFIRM, REJECT, NONE, ADD = "bevestigen", "afwijzen", "geen", "toevoegen"
_TO_VERDICT = {CONFIRM: CONFIRMED, REJECT: REJECTED, ADD: ADDED}
_FROM_VERDICT = {CONFIRMED: CONFIRM, REJECTED: REJECT, ADDED: CONFIRM}
MAX_QUERY = 200  # characters of the inline search
# The published role of a decision, in words.
ROLE_WORDS = {EVIDENCE: "bewijs", CANDIDATE: "mogelijk relevant", CONTEXT: "verwant",
              "rejected": "afgewezen"}
# The groups of the review page: (machine role, heading, what "geen oordeel" means there).
GROUPS = (
    (EVIDENCE, "Bewijs volgens de machine",
     "Zonder oordeel blijft een beslissing die je al zag bewijs."),
    (CANDIDATE, "Mogelijk relevant, niet bevestigd",
     "Zonder oordeel telt een kandidaat niet mee; bevestigen maakt hem bewijs."),
    (CONTEXT, "Verwante beslissingen",
     "Zonder oordeel telt een verwante beslissing niet mee; bevestigen maakt haar bewijs."),
    (None, "Toegevoegd door de redactie",
     "Beslissingen die een redacteur zelf als bewijs toevoegde."),
)


@dataclass(frozen=True)
class FormValues:
    """What the form holds: from the stored review, or as an editor sent it."""

    version: int
    choices: dict[str, str]  # decision id -> CONFIRM / REJECT / ADD (absent: geen oordeel)
    status: str  # "" : the ladder decides
    reason: str
    note: str
    query: str = ""
    added: tuple[str, ...] = field(default=())  # search results ticked "als bewijs toevoegen"


def stored_values(view: EditorView, query: str = "") -> FormValues:
    """The form as the stored review leaves it (empty for a promise never reviewed)."""
    review = view.review
    if review is None:
        return FormValues(0, {}, "", "", "", query)
    status = review.status if review.status_source == EDITOR else ""
    return FormValues(review.version,
                      {i: _FROM_VERDICT[v] for i, v in review.links.items() if v in _FROM_VERDICT},
                      status, review.reason if status else "", review.note, query)


def sent_values(form: Mapping[str, str]) -> FormValues:
    """The form as the editor sent it; InputError for a version or choice it cannot hold."""
    version = form.get("versie", "").strip()
    if parse_digits(version, 9) is None:
        raise InputError("Het formulier mist zijn versie: laad de pagina opnieuw.")
    choices: dict[str, str] = {}
    added = []
    for name, value in form.items():
        if not name.startswith(DECISION_PREFIX):
            continue
        decision_id = name[len(DECISION_PREFIX):]
        if value not in (*_TO_VERDICT, NONE) or not decision_id:
            raise InputError(f"Onbekende keuze voor beslissing {decision_id[:40]}:"
                             f" {value[:20]!r}.")
        if value == ADD:
            added.append(decision_id)
        elif value != NONE:
            choices[decision_id] = value
    return FormValues(int(version), choices, form.get("status", "").strip(),
                      form.get("reden", ""), form.get("notitie", ""),
                      form.get("zoek", "")[:MAX_QUERY], tuple(added))


def values_at(view: EditorView, version: int) -> FormValues:
    """The form as the review stood at `version` (from its audit event; empty at 0): the
    common ancestor when two editors saved from the same page."""
    for event in view.events:
        if event.action == "review" and event.after.get("version") == version:
            state = event.after
            status = state.get("status", "") if state.get("status_source") == EDITOR else ""
            links = state.get("links", {})
            return FormValues(version, {i: _FROM_VERDICT[v] for i, v in links.items()
                                        if v in _FROM_VERDICT},
                              status, state.get("reason", "") if status else "",
                              state.get("note", ""))
    return FormValues(version, {}, "", "", "")


def merged_values(base: FormValues, mine: FormValues, theirs: FormValues) -> FormValues:
    """A stale form merged with the save it missed: what this editor changed (against the
    version the form was made from) stays as they left it; everything else takes the newer
    save, so saving again never undoes the other editor's work unseen."""
    choices = {}
    for decision_id in {*base.choices, *mine.choices, *theirs.choices}:
        own = mine.choices.get(decision_id)
        kept = theirs.choices.get(decision_id) if own == base.choices.get(decision_id) else own
        if kept is not None:
            choices[decision_id] = kept
    same_verdict = (mine.status, mine.reason) == (base.status, base.reason)
    status, reason = (theirs.status, theirs.reason) if same_verdict else (mine.status,
                                                                          mine.reason)
    note = theirs.note if mine.note == base.note else mine.note
    return FormValues(theirs.version, choices, status, reason, note, mine.query, mine.added)


def review_edit(promise_id: str, actor: str, values: FormValues,
                machine_ids: frozenset[str]) -> ReviewEdit:
    """The edit to save. A decision the machine never linked that an editor keeps is ADDED
    (as pipeline.review reads it); "geen oordeel" leaves a decision out."""
    links = {i: _TO_VERDICT[v] for i, v in values.choices.items()}
    for i, verdict in list(links.items()):
        if verdict == CONFIRMED and i not in machine_ids:
            links[i] = ADDED
    for i in values.added:
        links.setdefault(i, ADDED)
    return ReviewEdit(promise_id, values.version, actor, links, values.status or None,
                      values.reason, values.note)


@dataclass(frozen=True)
class DecisionRow:
    """One decision on the review page."""

    decision: EvidenceDecision
    published_role: str  # in words (ROLE_WORDS), "" when the public does not see it
    choice: str  # CONFIRM / REJECT / NONE


def _published_roles(a: Assessment) -> dict[str, str]:
    return {e.decision_id: ROLE_WORDS.get(e.role, "")
            for e in (*a.evidence, *a.candidates, *a.context, *a.rejected)}


def machine_ids(view: EditorView) -> frozenset[str]:
    m = view.machine
    return frozenset(e.decision_id for e in (*m.evidence, *m.candidates, *m.context))


def decision_groups(view: EditorView, values: FormValues
                    ) -> list[tuple[str, str, list[DecisionRow]]]:
    """(heading, hint, rows) per group that has decisions, in the order of GROUPS."""
    roles = _published_roles(view.assessment)
    known = machine_ids(view)
    a = view.assessment
    by_editor = {e.decision_id: e for e in (*a.evidence, *a.context)
                 if e.machine_role is None and e.decision_id not in known}
    rows: dict[str | None, list[EvidenceDecision]] = {
        EVIDENCE: list(view.machine.evidence), CANDIDATE: list(view.machine.candidates),
        CONTEXT: list(view.machine.context), None: list(by_editor.values())}
    groups = []
    for role, heading, hint in GROUPS:
        found = [DecisionRow(e, roles.get(e.decision_id, ""), values.choices.get(
            e.decision_id, CONFIRM if e.decision_id in values.added else NONE))
            for e in rows[role]]
        if found:
            groups.append((heading, hint, found))
    return groups


def listed_ids(view: EditorView) -> frozenset[str]:
    """Every decision the page lists already (a search does not offer them again)."""
    a = view.assessment
    return machine_ids(view) | {e.decision_id for e in (*a.evidence, *a.context)}
