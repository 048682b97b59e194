"""What an assessment run changed for one promise, as a history row with its cause.

A row is written only when the status or the evidence (the decision ids that count, not the
candidates or the context) differs from the promise's previous state; a run that changes
nothing writes nothing. The first assessment of a promise is one row with no "before".
The cause names the decisions that became (or stopped being) evidence and, when the rules,
the relevance model or the other settings of the assessment differ from the previous row's,
that change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from beloftemeter.models.assessment import Assessment
from beloftemeter.models.promises import HistoryEntry

# (status, evidence decision ids, rules version) as store.history.latest_states gives it
State = tuple[str, tuple[str, ...], str]


def rules_version_of(settings_tag: str) -> str:
    """"evidence-15 MODEL #digest": the rules and the relevance model (the first two parts of
    the linker's settings tag), and a digest of all its settings."""
    parts = settings_tag.split("|")
    digest = hashlib.sha256(settings_tag.encode()).hexdigest()[:8]
    return " ".join([*parts[:2], f"#{digest}"]).strip()


def _listed(ids: Sequence[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " en " + ids[-1]


def _rules_change(before: str, after: str) -> str | None:
    if not before or before == after:
        return None
    old, new = before.rsplit(" #", 1)[0], after.rsplit(" #", 1)[0]
    if old != new:
        return f"Regels of model van de beoordeling gewijzigd ({old} → {new})."
    return "Instellingen van de zoekmachine of de beoordeling gewijzigd."


def change(
    promise_id: str, before: State | None, after: Assessment, rules_version: str, at: str
) -> HistoryEntry | None:
    """The history row for `after`, or None when status and evidence are as `before`."""
    evidence = tuple(sorted(e.decision_id for e in after.evidence))
    if before is not None and before[0] == after.status and before[1] == evidence:
        return None
    old_evidence = () if before is None else before[1]
    added = tuple(i for i in evidence if i not in old_evidence)
    removed = tuple(i for i in old_evidence if i not in evidence)
    causes = []
    if before is None:
        causes.append("Eerste beoordeling.")
    else:
        rules = _rules_change(before[2], rules_version)
        if rules:
            causes.append(rules)
    if added:
        causes.append(f"Nieuw bewijs: {_listed(added)}." if before is not None
                      else f"Bewijs: {_listed(added)}.")
    if removed:
        causes.append(f"Geen bewijs meer: {_listed(removed)}.")
    if before is not None and not added and not removed and len(causes) == 0:
        causes.append("Status opnieuw bepaald met dezelfde beslissingen.")
    return HistoryEntry(
        promise_id=promise_id, at=at, before_status=None if before is None else before[0],
        after_status=after.status, before_evidence=old_evidence, after_evidence=evidence,
        cause=" ".join(causes), decision_ids=added, rules_version=rules_version)
