"""What a journalist reads on the pages: dates and codes in Dutch words, every promise a
decision is linked to (by role), parts before chapter numbers, totals, charts with axis values."""

import re

import pytest
from agreement_urls import PREFIX, at

from beloftemeter.dutch_numbers import euro
from beloftemeter.models.labels import INSTRUMENT_NAMES, STAGE_NAMES, kind_of_decision, stage_name
from beloftemeter.sources.decision_stage import INSTRUMENTS, STAGES
from beloftemeter.web.charts import axis_ticks, column_chart


def main_of(html: str) -> str:
    return html.split("<main", 1)[1]


def text_of(html: str) -> str:
    """The words of the page's main part, charts left out."""
    words = re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", main_of(html), flags=re.S))
    return re.sub(r"\s+", " ", words)


def test_every_stage_and_instrument_code_has_dutch_words():
    assert set(STAGE_NAMES) == set(STAGES) and set(INSTRUMENT_NAMES) == set(INSTRUMENTS)
    assert stage_name("definitieve_goedkeuring") == "definitieve goedkeuring"
    assert stage_name("nieuwe_fase") == "nieuwe fase"  # an unknown code still reads as words
    assert all("_" not in name for name in (*STAGE_NAMES.values(), *INSTRUMENT_NAMES.values()))


@pytest.mark.parametrize(("instrument", "stage", "words"), [
    ("decreet", "principiele_goedkeuring", "decreet · principiële goedkeuring"),
    ("conceptnota", "conceptnota", "conceptnota"),
    ("andere", "andere", ""),
    ("mededeling", "mededeling", "mededeling"),
    (None, "toekenning", "toekenning"),
])
def test_a_decision_kind_names_type_and_stage_once_each(instrument, stage, words):
    assert kind_of_decision(instrument, stage) == words


def test_amounts_are_written_the_dutch_way():
    assert euro(633000) == "€ 633.000" and euro(1250000.5) == "€ 1.250.000,50"


def test_the_decision_page_speaks_dutch_and_shows_evidence_and_context_apart(client):
    page = client.get(at("/beslissingen/x1")).text
    text = text_of(page)
    assert "12 juni 2020" in text and "2020-06-12" not in text
    assert "Fase definitieve goedkeuring" in text and "definitieve_goedkeuring" not in text
    assert "Type besluit" in text and "Bedragen in de tekst geen" in text
    assert "Bewijs voor deze beloften" not in text  # x1 is context only
    context = main_of(page).split('id="rol-context"', 1)[1]
    # both promises it is context for, each named with its chapter (section numbers restart)
    assert "1 Mobiliteit › 1.1 Slimme heffingen" in context
    assert "1 Mobiliteit › 1.2 Openbaar vervoer" in context
    assert "We ondersteunen deelfietsen." in context


def test_a_decision_page_shows_the_promises_it_is_evidence_for(client):
    text = text_of(client.get(at("/beslissingen/k3")).text)
    assert "Bewijs voor deze beloften" in text and "Verwant aan deze beloften" not in text
    assert "We voeren een kilometerheffing in." in text
    assert "bekrachtiging en afkondiging" in text and "11 maart 2022" in text


def test_the_api_gives_context_links_beside_the_evidence(client):
    data = client.get(at("/api/beslissingen/x1")).json()
    assert data["carries_out"] == [] and data["candidates"] == []
    assert [(c["section"], c["ordinal"], c["status"]) for c in data["context"]] == [
        ("mobiliteit/1.1", 0, "uitgevoerd"), ("mobiliteit/1.2", 1, "geen beslissing gevonden")]
    assert data["context"][1]["promise"] == "We ondersteunen deelfietsen."


def test_the_overview_names_the_part_before_each_chapter_and_totals_everything(parted_client):
    page = main_of(parted_client.get(at("/overzicht")).text)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)
    labels = [re.sub(r"<[^>]+>", "", r.split("</t", 1)[0]).strip() for r in rows]
    assert labels == ["hoofdstuk", "Deel 1 · Vlaanderen schittert", "Deel 1 › 1 Onderwijs",
                      "Deel 1 › 2 Economie", "Deel 2 · Vlaanderen is sociaal",
                      "Deel 2 › 1 Welzijn", "Totaal"]
    total = re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", rows[-1], flags=re.S)).split()
    assert total == ["Totaal", "36", "50%"]  # 3 sections of 12 promises, half with evidence


def test_the_home_page_totals_the_agreement_and_numbers_its_parts(parted_client):
    text = text_of(parted_client.get(at("/")).text)
    assert "Het hele regeerakkoord 36 beloften, 50% met bewijs" in text
    assert "Deel 2 · Vlaanderen is sociaal" in text


def test_a_section_page_says_in_which_part_and_chapter_it_stands(parted_client):
    text = text_of(parted_client.get(at("/secties/welzijn/1.1")).text)
    assert "Deel 2 · Vlaanderen is sociaal › 1 Welzijn" in text


def test_axis_values_are_round_and_reach_the_highest_count():
    assert axis_ticks(37) == [0, 10, 20, 30, 40]
    assert axis_ticks(4) == [0, 1, 2, 3, 4]
    assert axis_ticks(180) == [0, 50, 100, 150, 200]
    assert axis_ticks(0) == [0, 1]


def test_the_column_chart_has_axis_values_and_years():
    svg = column_chart([("2019-K4", 12), ("2020-K1", 37), ("2020-K2", 20)])
    assert re.findall(r'<text class="as"[^>]*>(\d+)</text>', svg) == ["0", "10", "20", "30",
                                                                       "40"]
    assert re.findall(r'<text class="jaar"[^>]*>(\d+)</text>', svg) == ["2019", "2020"]
    assert "2020 K1: 37 beslissingen" in svg and "style=" not in svg


def test_search_options_and_hits_use_words_and_never_double_them(client):
    page = client.get(at("/zoek"), params={"q": "tramlijn"}).text
    assert '<option value="principiele_goedkeuring">principiële goedkeuring</option>' in page
    assert '<option value="andere">ander type</option>' in page
    assert "andere andere" not in text_of(page)
    assert "17 september 2021" in page


def test_search_dates_are_typed_year_first_with_dutch_help(client):
    page = client.get(at("/zoek"), params={"q": "tramlijn", "van": "2021-01-01"}).text
    dates = re.findall(r'<input type="text" name="(van|tot)"[^>]*placeholder="jjjj-mm-dd"', page)
    assert dates == ["van", "tot"]
    assert 'type="date"' not in page
    assert "Beslissingen vanaf 1 januari 2021" in text_of(page)


def test_a_decision_page_shows_every_stage_of_its_dossier(client):
    page = main_of(client.get(at("/beslissingen/k2")).text)
    timeline = page.split('class="dossier-stappen"', 1)[1].split("</ol>", 1)[0]
    steps = re.findall(r"<li[^>]*>(.*?)</li>", timeline, re.S)
    assert len(steps) == 2
    assert "21 mei 2021" in steps[0] and "principiële goedkeuring" in steps[0]
    assert "deze beslissing" in steps[0] and "<a " not in steps[0]  # the current one, marked
    assert f'<a href="{PREFIX}/beslissingen/k3">' in steps[1]
    assert "bekrachtiging en afkondiging" in steps[1]
    assert 'aria-current="page"' in timeline


def test_a_decision_alone_in_its_dossier_shows_no_timeline(client):
    assert "dossier-stappen" not in client.get(at("/beslissingen/t1")).text


def test_the_api_gives_the_dossier_of_a_decision(client):
    dossier = client.get(at("/api/beslissingen/k3")).json()["dossier"]
    assert dossier["instrument"] == "decreet"
    assert [(s["id"], s["meeting_date"], s["stage"]) for s in dossier["steps"]] == [
        ("k2", "2021-05-21", "principiele_goedkeuring"), ("k3", "2022-03-11", "bekrachtiging")]
    assert client.get(at("/api/beslissingen/t1")).json()["dossier"]["steps"][0]["id"] == "t1"


def test_candidates_are_shown_apart_as_not_confirmed(parted_client):
    page = main_of(parted_client.get(at("/beslissingen/p1")).text)
    headings = re.findall(r'<h2 id="rol-[a-z]+">(.*?)</h2>', page)
    assert headings == ["Bewijs voor deze beloften", "Mogelijk relevant, niet bevestigd"]
    candidates = page.split('id="rol-candidate"', 1)[1].split("</section>", 1)[0]
    assert candidates.count("<li>") == 3 and "Belofte 1 over plannen voor welzijn." in candidates
    data = parted_client.get(at("/api/beslissingen/p1")).json()
    assert [c["section"] for c in data["candidates"]] == ["onderwijs/1.1", "economie/2.1",
                                                          "welzijn/1.1"]
    assert len(data["carries_out"]) == 3 * 6 and data["context"] == []
