"""Whether the decisions found are about the question at all, or only the closest in meaning.

A question carries words that say it is a question ("Wat deed de regering met ...?", "Welke
beslissingen ...?"): they are taken out (`question_core`), and the answer counts as found when
at least `MIN_MATCHES` decisions contain every remaining content word (stem, or all parts of a
compound, as the lexical ranker reads them: search.matching.containing_all). Names are counted
by their words here: "NT2-onderwijs" is written so in no decision, yet six are about NT2 in
education.

Measured on the 3,165 real decisions (the count is exact and the same with or without
embeddings; the questions are in tests/web/test_answer_real.py), decisions holding all words:

    answered:     inburgering en inburgeringstraject 24, NT2-onderwijs 6, Vlaamse toetsen in
                  het onderwijs 13, Vlaams Mensenrechteninstituut 5, renovatieverplichting voor
                  woningen 2, groeipakket 38, basisbereikbaarheid 40, subsidie kinderopvang 32,
                  dierenwelzijn 27, leerlingenbegeleiding 41
    not answered: canon van Vlaanderen 0, kilometerheffing voor personenwagens 0, bouw van een
                  ruimtestation 0, verbod op kernwapens in Antwerpen 0, Tesla Model 3 0,
                  stoofvlees met frietjes 0, Ronde van Vlaanderen 0, de euro als munt 0,
                  legalisering van cannabis 0, hyperloop naar Parijs 0

Every unanswered question counts 0 and every answered one at least 2, so the line lies at 1.
The fused score cannot draw it: the closest decision always has one (with the lexical ranker
alone the best hit scores 1/61 for every question). Known limits, measured on the same data:
"Vlaamse onafhankelijkheid" counts 27 (independence of an agency, a judge), so it is answered
with decisions that are not about it; "kilometerheffing voor vrachtwagens" and "steun aan
jeugdhuizen" count 0 (no decision of this sample of a quarter of all decisions holds both
words), so the box says it found nothing and shows the closest promises.
"""

from __future__ import annotations

import re

from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.matching import containing_all

MIN_MATCHES = 1

# Words that make a sentence a question about the government's doings, not what it is about
# (folded, lower case; the search's own stop list already drops "wat", "regering", "de" ...).
_QUESTION_LIST = """
deed doet deden doen gedaan gebeurde gebeurd gebeurt gebeuren beslist besliste beslissen
beslissing beslissingen welke welk kregen krijgt kreeg krijgen komt kwam komen zit zat
staat stond stand wanneer waarom hoeveel waar rond sinds inzake betreffende genomen nam
neemt namen intussen ondertussen iets nieuws stappen gezet weet weten vertel zeg
"""
QUESTION_WORDS = frozenset(_QUESTION_LIST.split())
# A whole word only: never the start of "Doel" or part of a hyphenated name.
_QUESTION_WORD = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(QUESTION_WORDS)) + r")(?![\w-])", re.IGNORECASE)


def question_core(question: str) -> str:
    """The question without its question words, the rest as typed, quotes and names included
    ("Wat deed de regering met het M-decreet?" → "Wat de regering met het M-decreet?"); the
    question itself when no word would be left."""
    core = " ".join(_QUESTION_WORD.sub(" ", question).split())
    return core if any(c.isalnum() for c in core) else question


def is_answered(lexical_matches: int) -> bool:
    return lexical_matches >= MIN_MATCHES


def decisions_with_all_words(engine: SearchEngine, core: str) -> int:
    """How many decisions contain every content word of `core` (names counted by their
    words, see the module's notes)."""
    return int(containing_all(engine.lexical, core, (), ()).sum())
