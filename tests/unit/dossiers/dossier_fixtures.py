"""Small decisions shaped like the real ones: short title, formal title and summary in one
text, separated by two spaces, as the published items are flattened."""

from __future__ import annotations

from beloftemeter.models.decisions import Decision
from support.decision_rows import make_decision

SUMMARIES = {
    "principiele_goedkeuring": "De Vlaamse Regering keurt het voorontwerp principieel goed.",
    "definitieve_goedkeuring": "Na advies van de Raad van State hecht de Vlaamse Regering haar"
                               " definitieve goedkeuring aan het ontwerp.",
    "bekrachtiging": "De Vlaamse Regering beslist tot bekrachtiging en afkondiging.",
    "toekenning": "De Vlaamse Regering kent een subsidie toe.",
    "mededeling": "De Vlaamse Regering neemt akte van de mededeling.",
}
FORMAL_OPENING = {
    ("decreet", "principiele_goedkeuring"): "Voorontwerp van decreet",
    ("decreet", "definitieve_goedkeuring"): "Ontwerpdecreet",
    ("decreet", "bekrachtiging"): "Bekrachtiging en afkondiging van het decreet",
    ("besluit", "principiele_goedkeuring"): "Voorontwerp van besluit van de Vlaamse Regering",
    ("besluit", "definitieve_goedkeuring"): "Ontwerpbesluit van de Vlaamse Regering",
}


def staged(decision_id: str, meeting_date: str, title: str, subject: str, *,
           instrument: str = "decreet", stage: str = "principiele_goedkeuring") -> Decision:
    """A stage of a regulation: `subject` is the formal title after its act words
    ("over de Vlaamse toetsen in het onderwijs")."""
    formal = f"{FORMAL_OPENING[(instrument, stage)]} {subject}"
    if stage == "bekrachtiging":
        formal += ", aangenomen door het Vlaams Parlement op 1 december 2022"
    text = f"{title}  {formal}  {SUMMARIES[stage]}"
    return make_decision(decision_id, meeting_date, title, text,
                         instrument=instrument, stage=stage)


def plain(decision_id: str, meeting_date: str, title: str, *, instrument: str = "subsidie",
          stage: str = "toekenning", item_type: str = "nota") -> Decision:
    """A decision that is no stage of a regulation."""
    return make_decision(decision_id, meeting_date, title,
                         f"{title}  {SUMMARIES[stage]}", instrument=instrument, stage=stage,
                         item_type=item_type)


def toetsen() -> list[Decision]:
    """One decree through its three stages, the titles drifting as they do."""
    subject = "over de Vlaamse toetsen in het onderwijs"
    return [
        staged("t1", "2022-06-10", "Voorontwerp van decreet over Vlaamse toetsen in het onderwijs",
               subject),
        staged("t2", "2022-12-09", "Ontwerpdecreet over Vlaamse toetsen in het onderwijs",
               subject, stage="definitieve_goedkeuring"),
        staged("t3", "2023-02-03",
               "Bekrachtiging en afkondiging decreet over de Vlaamse toetsen in het onderwijs",
               subject, stage="bekrachtiging"),
    ]
