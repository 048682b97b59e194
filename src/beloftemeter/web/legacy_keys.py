"""The API's old Dutch JSON keys, kept beside the English ones for one release (deprecated:
clients move to the English keys; the next release drops these)."""

from __future__ import annotations

from typing import Any

# English key -> the Dutch key it replaced, for every key the API used to send in Dutch.
DUTCH_KEYS = {
    "key": "sleutel", "kind": "soort", "number": "nummer", "title": "titel",
    "parent_key": "ouder", "promises": "beloften", "with_evidence": "met_bewijs",
    "evidence_share": "aandeel_met_bewijs", "first_decision": "eerste_beslissing",
    "last_decision": "laatste_beslissing", "with_plan": "met_plan",
    "planned_without_decision": "gepland_zonder_beslissing",
    "meeting_date": "datum", "text": "tekst", "stage": "fase", "amounts": "bedragen",
    "carries_out": "voert_uit", "section": "sectie", "ordinal": "volgnummer",
    "rank": "rang", "question": "vraag", "answer": "antwoord", "sources": "bronnen",
    "note": "notitie", "page": "pagina", "promise": "belofte", "reason": "reden",
    "evidence": "bewijs", "error": "fout",
}


def with_dutch_keys(value: Any) -> Any:
    """`value` with, in every object inside it, each English key's old Dutch twin after the
    English keys (same value)."""
    if isinstance(value, list):
        return [with_dutch_keys(item) for item in value]
    if not isinstance(value, dict):
        return value
    english = {key: with_dutch_keys(item) for key, item in value.items()}
    dutch = {DUTCH_KEYS[key]: item for key, item in english.items() if key in DUTCH_KEYS}
    return {**english, **dutch}
