"""A small data folder for `bouw --data`, written by code: the six-page test agreement, a
dump of decisions about its promises (with filler) and one policy plan that quotes it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]

# (id, meeting date, title, text): decisions about the test agreement's promises.
DECISIONS = [
    ("E1", "2020-03-06", "Conceptnota evaluatie van de eindtermen",
     "Conceptnota over de evaluatie van de eindtermen in het secundair onderwijs."),
    ("E2", "2021-02-12", "Voorontwerp van decreet over de evaluatie van de eindtermen",
     "De Vlaamse Regering keurt het voorontwerp van decreet over de eindtermen principieel"
     " goed."),
    ("E3", "2022-06-24", "Bekrachtiging en afkondiging van het decreet over de eindtermen",
     "De Vlaamse Regering bekrachtigt het decreet over de evaluatie van de eindtermen."),
    ("S1", "2020-11-20", "Samenwerkingsovereenkomst met de scholen: principiële goedkeuring",
     "De Vlaamse Regering keurt de samenwerkingsovereenkomst met de scholen principieel goed."),
    ("T1", "2021-09-17", "Conceptnota Vlaams-Europese toets in het onderwijs",
     "Conceptnota over de invoering van een Vlaams-Europese toets."),
]
FILLER = [
    (f"F{i:02d}", f"2021-{1 + i % 12:02d}-15",
     f"Benoeming leden raad van bestuur agentschap nummer {i}",
     f"De regering benoemt de leden van de raad van bestuur ({i}).")
    for i in range(80)
]
PLAN = """TESTPLAN ONDERWIJS

Inhoud

DOELSTELLINGEN EN ACTIES.....\t2
1. Betere scholen.....\t2
Actie 1.1: Eindtermen evalueren.....\t2

DOELSTELLINGEN EN ACTIES

1. Betere scholen

Actie 1.1: Eindtermen evalueren

Doelstellingen\tDe eindtermen worden geëvalueerd.
Realisatie Regeerakkoord\tp. 4 <i>De Vlaamse Regering zal de eindtermen evalueren.</i>
Timing\t2020 - 2024
"""


def _agreement_pdfs():
    """The agreement PDF writer of the agreement tests (by path: that folder is no package)."""
    if "agreement_pdfs" in sys.modules:
        return sys.modules["agreement_pdfs"]
    path = TESTS / "unit" / "agreement" / "agreement_pdfs.py"
    spec = importlib.util.spec_from_file_location("agreement_pdfs", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["agreement_pdfs"] = module
    spec.loader.exec_module(module)
    return module


def write_small_data(folder: Path) -> Path:
    """Write the data folder under `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "regeerakkoord-test.pdf").write_bytes(_agreement_pdfs().sample_agreement())
    with (folder / "decisions-test.jsonl").open("w", encoding="utf-8") as out:
        for decision_id, day, title, text in (*DECISIONS, *FILLER):
            out.write(json.dumps({
                "id": decision_id, "meeting_date": day, "agenda_item_type": "nota",
                "title": title, "text": f"{title} {text}",
                "source_url": f"https://example.test/{decision_id}",
            }, ensure_ascii=False) + "\n")
    (folder / "policy").mkdir(exist_ok=True)
    (folder / "policy" / "testplan.txt").write_text(PLAN, encoding="utf-8")
    return folder
