"""The question box's threshold on the real decisions: the questions answer.relevance was
measured with, answered or not as measured (lexical counts: exact, no embeddings needed)."""

import pytest

from beloftemeter.answer.relevance import decisions_with_all_words, is_answered, question_core
from beloftemeter.config import Settings
from beloftemeter.search.engine import SearchEngine
from beloftemeter.store import open_store

pytestmark = pytest.mark.integration

ANSWERED = {
    "Hoe zit het met de inburgering en het inburgeringstraject?": 24,
    "Wat deed de regering rond NT2-onderwijs?": 6,
    "Wat deed de regering rond de Vlaamse toetsen in het onderwijs?": 13,
    "Is er een decreet over het Vlaams Mensenrechteninstituut?": 5,
    "Wat gebeurde er met de renovatieverplichting voor woningen?": 2,
    "Wat werd beslist over het groeipakket?": 38,
    "Wat deed de regering met de basisbereikbaarheid?": 40,
    "subsidie kinderopvang": 32,
    "Wat deed de regering voor het dierenwelzijn?": 27,
    "Wat deed de regering rond leerlingenbegeleiding?": 41,
}
NOT_ANSWERED = [
    "canon van Vlaanderen", "kilometerheffing voor personenwagens",
    "Wat deed de regering aan de bouw van een ruimtestation?",
    "Komt er een verbod op kernwapens in Antwerpen?", "Hoeveel kost een Tesla Model 3?",
    "Wat is het recept voor stoofvlees met frietjes?", "Wie wint de Ronde van Vlaanderen?",
    "invoering van de euro als munt", "legalisering van cannabis",
    "Wat deed de regering met de hyperloop naar Parijs?",
]


@pytest.fixture(scope="module")
def engine(shared_data, tmp_path_factory):
    from beloftemeter.sources.decisions_dump import read_jsonl
    from beloftemeter.store.decisions import upsert_decisions

    path = tmp_path_factory.mktemp("vraag") / "real.db"
    with open_store(f"sqlite:///{path}") as store:
        upsert_decisions(store, read_jsonl(shared_data / "decisions-vr-2019-2024.jsonl"))
        yield SearchEngine(store, Settings(embedder="geen"))


def test_questions_the_data_answers_are_answered_with_the_measured_counts(engine):
    counts = {q: decisions_with_all_words(engine, question_core(q)) for q in ANSWERED}
    assert counts == ANSWERED
    assert all(is_answered(n) for n in counts.values())


@pytest.mark.parametrize("question", NOT_ANSWERED)
def test_questions_the_data_does_not_answer_say_so(engine, question):
    assert decisions_with_all_words(engine, question_core(question)) == 0
