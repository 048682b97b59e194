"""Dutch words for the codes a decision carries: its stage and its instrument.

The codes (`definitieve_goedkeuring`, `samenwerkingsakkoord`, ...) are what sources.decision_stage
reads and what the store, the filters and the JSON keep; people read these words instead. Pages
and reports take them from here, so a stage is called the same everywhere.
"""

from __future__ import annotations

# Every code of sources.decision_stage.STAGES, as a noun ("fase: definitieve goedkeuring").
STAGE_NAMES = {
    "conceptnota": "conceptnota",
    "principiele_goedkeuring": "principiële goedkeuring",
    "definitieve_goedkeuring": "definitieve goedkeuring",
    "bekrachtiging": "bekrachtiging en afkondiging",
    "instemming": "instemming",
    "toekenning": "toekenning",
    "mededeling": "mededeling",
    "andere": "andere beslissing",
}

# Every code of sources.decision_stage.INSTRUMENTS ("type: samenwerkingsakkoord").
INSTRUMENT_NAMES = {
    "decreet": "decreet",
    "besluit": "besluit",
    "conceptnota": "conceptnota",
    "visienota": "visienota",
    "samenwerkingsakkoord": "samenwerkingsakkoord",
    "verdrag": "verdrag",
    "subsidie": "subsidie",
    "benoeming": "benoeming",
    "advies": "advies",
    "mededeling": "mededeling",
    "overeenkomst": "overeenkomst",
    "plan": "plan",
    "andere": "ander type",
}

# What says nothing beyond "a decision": left out where a stage and a type are shown together.
UNSPECIFIED = "andere"


def _words(code: str) -> str:
    """An unknown code (from an older or newer reader) made readable all the same."""
    return code.replace("_", " ")


def stage_name(code: str | None) -> str:
    """The stage in words; "" for none."""
    if not code:
        return ""
    return STAGE_NAMES.get(code.lower(), _words(code))


def instrument_name(code: str | None) -> str:
    """The instrument in words; "" for none."""
    if not code:
        return ""
    return INSTRUMENT_NAMES.get(code.lower(), _words(code))


def kind_of_decision(instrument: str | None, stage: str | None) -> str:
    """Type and stage in one short phrase, each said once: "decreet · definitieve goedkeuring",
    "conceptnota" (not "conceptnota · conceptnota"), "" when both are "andere" or missing."""
    words: list[str] = []
    for code, name in ((instrument, instrument_name), (stage, stage_name)):
        if code and code.lower() != UNSPECIFIED and name(code) not in words:
            words.append(name(code))
    return " · ".join(words)
