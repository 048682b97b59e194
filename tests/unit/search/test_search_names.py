"""Names in typed queries (issue 17): what counts as a name, and where it is found as written."""

import unicodedata

import pytest

from beloftemeter.search.dutch import fold, surface_tokens
from beloftemeter.search.names import name_forms
from beloftemeter.search.surface import SurfaceIndex


def forms(text):
    return [(form.text, form.variants[0], form.whole) for form in name_forms(text)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("M-decreet", [("M-decreet", "m-decreet", True)]),
        ("VMRI", [("VMRI", "vmri", True)]),
        ("advies NT2 cursus", [("NT2", "nt2", True)]),
        ('"canon van Vlaanderen"', [("canon van Vlaanderen", "canon van vlaanderen", True)]),
        ("„Vlaamse canon” onderwijs", [("Vlaamse canon", "vlaamse canon", True)]),
        ("Vlaamse canon", [("Vlaamse canon", "vlaamse canon", False)]),
        ("subsidie Agentschap Wonen in Vlaanderen",
         [("Agentschap Wonen in Vlaanderen", "agentschap wonen in vlaanderen", False)]),
        ("Financiën Oosterweel‑verbinding",
         [("Oosterweel‑verbinding", "oosterweel-verbinding", True),
          ("Financiën Oosterweel‑verbinding", "financien oosterweel-verbinding", False)]),
    ],
    ids=["hyphen", "abbreviation", "with-digit", "quoted", "dutch-quotes", "short-capitalised",
         "capitalised-run", "unicode-hyphen"],
)
def test_names_a_journalist_types_are_recognised(query, expected):
    assert forms(query) == expected


@pytest.mark.parametrize(
    "query",
    ["canon van Vlaanderen", "sociale woningen", "Oosterweel", "café's in cc's",
     "Inburgering van nieuwkomers in Brussel en de rand"],
    ids=["capital-last", "lower-case", "one-word", "apostrophes", "long-sentence"],
)
def test_ordinary_queries_have_no_names(query):
    assert name_forms(query) == ()


def test_a_hyphenated_name_also_matches_its_joined_and_spaced_spelling():
    (form,) = name_forms("Oosterweel-verbinding")
    assert form.variants == ("oosterweel-verbinding", "oosterweelverbinding",
                             "oosterweel verbinding")


def test_surface_words_keep_hyphenated_compounds_and_short_words():
    assert surface_tokens("Het huidige M-decreet, café's en e‐Premier (VMRI)") == [
        "het", "huidige", "m-decreet", "cafe", "en", "e-premier", "vmri"]


def test_surface_index_finds_names_as_written_never_by_stem_or_part():
    index = SurfaceIndex([
        "Het Mestdecreet wordt gewijzigd.",
        "Het M-decreet wordt afgeschaft.",
        "Het advies van het VMRI-secretariaat en de M decreet-tekst.",
        "Het Vlaams Mensenrechteninstituut (VMRI) gaf advies.",
    ])
    assert index.rows_with(("m-decreet",)).tolist() == [1]
    assert index.rows_with(("vmri",)).tolist() == [2, 3]
    assert index.rows_with(("vlaams mensenrechteninstituut vmri",)).tolist() == [3]
    assert index.rows_with(("wordt gewijzigd het",)).tolist() == []  # never across documents
    assert index.rows_with(("canon",)).tolist() == []


def _reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@pytest.mark.parametrize(
    "text", ["Financiën", "CAFÉ'S", "Curaçao en Ærø", "e\u0301e\u0300 \u0130stanbul", "plain"])
def test_fold_gives_what_the_plain_definition_gives(text):
    assert fold(text) == _reference_fold(text)
