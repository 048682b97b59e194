"""Dutch analysis: folding, stop words, stems and compounds."""

from collections import Counter

from beloftemeter.search.dutch import Analyzer, fold, words


def test_accents_are_folded_and_case_lowered():
    assert fold("Financiën en Café") == "financien en cafe"


def test_stop_words_and_punctuation_disappear():
    assert words("De Vlaamse Regering keurt het ontwerp van decreet goed, ...!") == [
        "ontwerp",
        "decreet",
    ]


def test_plural_and_singular_share_a_stem():
    analyzer = Analyzer()
    assert analyzer.terms(["woningen"]) == analyzer.terms(["woning"])
    assert analyzer.stem("gemeenten") == analyzer.stem("gemeente")


def test_a_compound_of_known_words_yields_the_terms_of_its_parts():
    vocabulary = Counter({"inburgering": 5, "traject": 5, "inburgeringstraject": 1})
    analyzer = Analyzer(vocabulary)
    assert analyzer.split("inburgeringstraject") == ("inburgering", "traject")
    terms = analyzer.terms(["inburgeringstraject"])
    assert set(analyzer.terms(["traject", "inburgering"])) <= set(terms)


def test_a_word_that_is_not_a_compound_stays_whole():
    analyzer = Analyzer(Counter({"kinder": 5, "opvang": 5, "kinderopvang": 50}))
    assert analyzer.split("kinderopvang") == ()  # the whole word is more common than its parts
    assert analyzer.split("onbekendewoordenlijst") == ()
