"""Reading instrument, stage, amounts, link and title from a decision's title and text."""

import json
import logging

import pytest

from beloftemeter.sources.decision_reading import (
    INSTRUMENTS,
    STAGES,
    after_title,
    derive_title,
    public_url,
    read_amounts,
    read_decision,
    read_instrument,
    read_stage,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De Vlaamse Regering maakt een budget van 633.000 euro vrij.", (633000.0,)),
        ("Er komt € 1,5 miljoen bij.", (1500000.0,)),
        ("Een subsidie van 2,3 miljoen euro.", (2300000.0,)),
        ("maximaal 340.000,00 euro", (340000.0,)),
        ("EUR 12.500 en 1 miljard euro", (12500.0, 1000000000.0)),
        ("in 2020 500.000 euro", (500000.0,)),
        ("5 miljoen euro en nog eens 5 miljoen euro", (5000000.0,)),
        ("geen bedrag: artikel 5 van het decreet van 2019", ()),
        ("een half miljoen euro subsidie en twee miljoen euro voor", (500000.0, 2000000.0)),
    ],
)
def test_euro_amounts_are_read_in_the_forms_the_government_writes(text, expected):
    assert read_amounts(text) == expected


def test_a_missing_title_is_the_text_before_the_formal_title():
    text = (
        "Vastlegging vakken secundair onderwijs Voorontwerp van besluit van de Vlaamse"
        " Regering tot vastlegging van de vakken  De Vlaamse Regering hecht haar goedkeuring."
    )
    assert derive_title(text) == "Vastlegging vakken secundair onderwijs"


def test_a_missing_title_stops_at_the_first_gap():
    assert derive_title("Integratie Hoger Onderwijs   Integratie Hoger Onderwijs") == (
        "Integratie Hoger Onderwijs"
    )


def test_a_very_long_derived_title_is_cut_at_a_word():
    title = derive_title("woord " * 100)
    assert len(title) <= 201 and title.endswith("…") and "  " not in title


def test_public_link_uses_themis_for_hex_ids_and_the_source_link_for_uuids():
    hex_id = "61A72EA4364ED9000800058F"
    assert public_url(hex_id, "https://x") == (
        "http://themis.vlaanderen.be/id/nieuwsbrief-info/61A72EA4364ED9000800058F"
    )
    uuid = "e29a7150-0fe2-11eb-9a42-a101b41f0404"
    assert public_url(uuid, "https://beslissingen/?search=x") == "https://beslissingen/?search=x"
    assert public_url(uuid, "") == f"http://themis.vlaanderen.be/id/nieuwsbrief-info/{uuid}"


@pytest.mark.parametrize(
    ("item_type", "title", "text", "stage"),
    [
        ("nota", "Wijziging X", "Wijziging X Voorontwerp van besluit van de Vlaamse Regering"
         " over X  De Vlaamse Regering wijzigt principieel het besluit.",
         "principiele_goedkeuring"),
        ("nota", "Wijziging X", "Wijziging X Voorontwerp van besluit van de Vlaamse Regering"
         " over X  Na advies van de Raad van State wijzigt de Vlaamse Regering definitief het"
         " besluit. Eerder keurde ze het principieel goed.", "definitieve_goedkeuring"),
        ("nota", "Decreet Y", "Decreet Y Bekrachtiging en afkondiging van het decreet over Y,"
         " aangenomen door het Vlaams Parlement  De Vlaamse Regering bekrachtigt.",
         "bekrachtiging"),
        ("nota", "Subsidie Z", "Subsidie Z Ontwerpbesluit van de Vlaamse Regering tot"
         " toekenning van een subsidie  De Vlaamse Regering kent 5 miljoen euro toe aan Z.",
         "toekenning"),
        ("nota", "Conceptnota: nieuw beleid", "Conceptnota: nieuw beleid  De Vlaamse Regering"
         " keurt de conceptnota goed.", "conceptnota"),
        ("nota", "Samenwerkingsakkoord W", "Samenwerkingsakkoord W Ontwerp van"
         " samenwerkingsakkoord tussen de Federale Staat en het Vlaamse Gewest  De Vlaamse"
         " Regering stemt in met het ontwerp van samenwerkingsakkoord.", "instemming"),
        ("mededeling", "Jaarverslag V", "Jaarverslag V", "mededeling"),
        ("nota", "Raad van bestuur: benoeming leden", "Raad van bestuur: benoeming leden"
         "  De Vlaamse Regering benoemt de leden.", "andere"),
    ],
)
def test_the_stage_follows_the_verb_of_the_summary_then_the_formal_title(
    item_type, title, text, stage
):
    assert read_stage(item_type, title, text) == stage
    assert stage in STAGES


# Shaped after real decisions whose short title cites a note while the decision is a
# legislative act (6194C118..., 62A1FD0E..., 62D112E3..., 63184F9E..., 62C4417A..., 63A176B8...).
_CITES_A_NOTE = [
    ("Wijziging Erfgoeddecreet: uitvoering visienota lokaal erfgoedbeleid",
     "Voorontwerp van decreet tot wijziging van het Erfgoeddecreet, wat betreft de uitvoering"
     " van de visienota  De Vlaamse Regering wijzigt principieel het Erfgoeddecreet. De"
     " wijzigingen geven uitvoering aan de visienota lokaal erfgoedbeleid.",
     "principiele_goedkeuring", "decreet"),
    ("Wijziging Erfgoeddecreet: uitvoering visienota lokaal erfgoedbeleid",
     "Bekrachtiging en afkondiging van het decreet tot wijziging van het Erfgoeddecreet  De"
     " Vlaamse Regering beslist tot bekrachtiging en afkondiging van het decreet.",
     "bekrachtiging", "decreet"),
    ("Maatregel in het kader van de conceptnota 'Herwaardering van de leraar'",
     "Voorontwerp van besluit van de Vlaamse Regering over de lerarenbonus  In de conceptnota"
     " 'Herwaardering van de leraar' staan maatregelen. In dit kader keurt de Vlaamse Regering"
     " opnieuw principieel haar besluit over de lerarenbonus goed.",
     "principiele_goedkeuring", "besluit"),
    ("Maatregel in het kader van de conceptnota 'Herwaardering van de leraar'",
     "Ontwerpbesluit van de Vlaamse Regering over de lerarenbonus  In de conceptnota staan"
     " maatregelen. De Vlaamse Regering keurt, na advies van de Raad van State, definitief"
     " haar besluit goed.", "definitieve_goedkeuring", "besluit"),
    ("Versterking personeel in kader stikstofproblematiek en conceptnota PAS",
     "Ontwerpbesluit van de Vlaamse Regering tot herverdeling van een provisioneel krediet"
     "  De conceptnota PAS zorgt voor ongerustheid. De Vlaamse Regering herverdeelt daarom"
     " middelen.", "definitieve_goedkeuring", "besluit"),
]


@pytest.mark.parametrize(("title", "after_title", "stage", "instrument"), _CITES_A_NOTE)
def test_a_legislative_act_that_cites_a_note_is_read_as_the_act(
    title, after_title, stage, instrument
):
    text = f"{title} {after_title}"
    assert read_stage("nota", title, text) == stage
    assert read_instrument("nota", title, text) == instrument


@pytest.mark.parametrize(
    ("title", "instrument"),
    [
        ("Conceptnota: nieuw beleid", "conceptnota"),
        ("Visienota 'Zonneplan 2025'", "visienota"),
        ("Strategische Visienota Cultureel Erfgoed", "visienota"),
        ("dossier 17 Visienota 'Van kwetsbaar naar weerbaar'", "visienota"),
        ("Groenboek over de zorg", "andere"),
    ],
)
def test_a_note_named_at_the_start_of_the_title_is_a_note(title, instrument):
    text = f"{title}  De Vlaamse Regering keurt de nota goed."
    assert read_stage("nota", title, text) == "conceptnota"
    assert read_instrument("nota", title, text) == instrument


def test_only_a_present_tense_ratification_in_the_summary_makes_a_bekrachtiging():
    # 60DEAC14...: the order setting a decree in force recalls the ratification of that decree.
    title = "Inwerkingtreding decreet over zorgwonen"
    recalled = (
        f"{title} Voorontwerp van besluit van de Vlaamse Regering tot regeling van de"
        " inwerkingtreding van het decreet over zorgwonen  De Vlaamse Regering besliste op 18"
        " juni tot bekrachtiging en afkondiging van het decreet over zorgwonen. Nu regelt ze de"
        " inwerkingtreding."
    )
    assert read_stage("nota", title, recalled) == "principiele_goedkeuring"
    title = "Decreet opvang van in beslag genomen dieren"
    present = (
        f"{title}  Decreet tot wijziging van de wet betreffende het welzijn der dieren  De"
        " Vlaamse Regering beslist tot bekrachtiging van het decreet dat de wet aanpast."
    )
    assert read_stage("nota", title, present) == "bekrachtiging"


@pytest.mark.parametrize(
    ("item_type", "title", "text", "instrument"),
    [
        ("nota", "Wijziging X", "Wijziging X Voorontwerp van decreet tot wijziging van X"
         "  De Vlaamse Regering keurt principieel goed.", "decreet"),
        ("nota", "Wijziging X", "Wijziging X Ontwerpdecreet tot wijziging van X"
         "  De Vlaamse Regering keurt definitief goed.", "decreet"),
        ("nota", "Wijziging X", "Wijziging X Voorontwerp van besluit van de Vlaamse Regering"
         " tot wijziging van X  De Vlaamse Regering keurt principieel goed.", "besluit"),
        ("nota", "Twee besluiten Y", "Twee besluiten Y Twee ontwerpbesluiten van de Vlaamse"
         " Regering over Y  De Vlaamse Regering keurt ze definitief goed.", "besluit"),
        ("nota", "Samenwerkingsakkoord W", "Samenwerkingsakkoord W Ontwerp van"
         " samenwerkingsakkoord tussen de Federale Staat en het Vlaamse Gewest  De Vlaamse"
         " Regering stemt in.", "samenwerkingsakkoord"),
        ("nota", "Verdrag met Marokko", "Verdrag met Marokko  De Vlaamse Regering stemt in.",
         "verdrag"),
        ("mededeling", "Jaarverslag V", "Jaarverslag V", "mededeling"),
        ("nota", "Raad van bestuur: benoeming leden", "Raad van bestuur: benoeming leden"
         "  De Vlaamse Regering benoemt de leden.", "benoeming"),
        ("nota", "Subsidie aan vzw Z", "Subsidie aan vzw Z  De Vlaamse Regering kent een"
         " subsidie van 50.000 euro toe aan vzw Z.", "subsidie"),
        ("nota", "Beheersovereenkomst met VZW Q", "Beheersovereenkomst met VZW Q  De Vlaamse"
         " Regering keurt de overeenkomst goed.", "overeenkomst"),
        ("nota", "Advies over het federale wetsontwerp", "Advies over het federale"
         " wetsontwerp  De Vlaamse Regering geeft advies.", "advies"),
        ("nota", "Vlaams actieplan armoedebestrijding", "Vlaams actieplan"
         " armoedebestrijding  De Vlaamse Regering keurt het plan goed.", "plan"),
        ("nota", "Vijfjarenplannen van de praktijkcentra", "Vijfjarenplannen van de"
         " praktijkcentra  De Vlaamse Regering keurt ze goed.", "plan"),
        ("nota", "Plan voor de kust", "Plan voor de kust  Goedgekeurd.", "plan"),
        ("nota", "Planning van de werken", "Planning van de werken  Goedgekeurd.", "andere"),
        ("nota", "Jaarverslag 2022 van het agentschap", "Jaarverslag 2022 van het agentschap"
         "  De Vlaamse Regering neemt er akte van.", "andere"),
    ],
)
def test_the_instrument_follows_the_formal_title_then_the_short_title(
    item_type, title, text, instrument
):
    assert read_instrument(item_type, title, text) == instrument
    assert instrument in INSTRUMENTS


@pytest.mark.parametrize(
    ("title", "text", "rest"),
    [
        ("Titel A", "Titel A Voorontwerp van besluit", " Voorontwerp van besluit"),
        ("Diensten- economie", "Diensten-economie  De Vlaamse Regering", "  De Vlaamse Regering"),
        ("Titel  B", "Titel B\n\nTekst", "\n\nTekst"),
        ("Andere titel", "Titel A en tekst", "Titel A en tekst"),
        ("Titel A is langer", "Titel A", "Titel A"),
        ("", "Tekst zonder titel", "Tekst zonder titel"),
    ],
)
def test_the_text_after_its_title_ignores_differences_in_whitespace(title, text, rest):
    assert after_title(title, text) == rest


def test_a_decision_read_twice_has_the_same_content_hash_and_any_change_alters_it():
    fields = dict(id="X1", meeting_date="2021-01-01", item_type="nota", title="T", text="T tekst")
    first, second = read_decision(**fields), read_decision(**fields)
    assert first == second
    changed = read_decision(**{**fields, "text": "T tekst, aangepast"})
    assert changed.content_hash != first.content_hash


_UUID = "e29a7150-0fe2-11eb-9a42-a101b41f0404"
_DECISION = {"id": _UUID, "meeting_date": "2021-03-05", "item_type": "nota",
             "title": "Fietspaden", "text": "Fietspaden De Vlaamse Regering keurt goed."}


@pytest.mark.parametrize(
    "source_url",
    [
        "javascript:alert(document.domain)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        " javascript:alert(1)",  # a browser strips the space and runs it
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "//evil.example/x",  # no scheme: the page's own would be used
        "https:///pad-zonder-host",
        "ftp://bestanden.example/besluit.pdf",
    ],
)
def test_a_source_link_that_is_no_web_address_is_dropped_with_a_warning(source_url, caplog):
    with caplog.at_level(logging.WARNING, logger="beloftemeter"):
        decision = read_decision(**_DECISION, source_url=source_url)
    assert decision.source_url == ""
    assert decision.url == f"http://themis.vlaanderen.be/id/nieuwsbrief-info/{_UUID}"
    assert decision.title == "Fietspaden" and decision.stage  # the decision itself is kept
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and _UUID in warnings[0] and "geen http(s)-adres" in warnings[0]
    assert public_url(_UUID, source_url) == decision.url  # never the link as given


@pytest.mark.parametrize(
    "source_url",
    ["https://beslissingenvlaamseregering.vlaanderen.be/document/5fb3", "HTTP://example.be/a"],
)
def test_a_web_source_link_is_kept_as_given_without_a_warning(source_url, caplog):
    with caplog.at_level(logging.WARNING, logger="beloftemeter"):
        decision = read_decision(**_DECISION, source_url=source_url)
    assert (decision.source_url, decision.url) == (source_url, source_url)
    assert caplog.records == []


def test_a_dump_line_with_a_script_link_is_imported_without_it(tmp_path, caplog):
    from beloftemeter.sources.decisions_dump import read_jsonl

    records = [
        {"id": _UUID, "meeting_date": "2021-03-05", "agenda_item_type": "nota",
         "title": "Fietspaden", "text": "De Vlaamse Regering keurt goed.",
         "source_url": "javascript:alert(document.domain)"},
        {"id": "61A72EA4364ED9000800058F", "meeting_date": "2021-03-05",
         "agenda_item_type": "nota", "title": "Erfgoed", "text": "Erfgoed.",
         "source_url": "data:text/html,<script>alert(1)</script>"},
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    errors = []
    with caplog.at_level(logging.WARNING, logger="beloftemeter"):
        decisions = list(read_jsonl(path, errors.append))
    assert errors == []
    assert [(d.id, d.source_url) for d in decisions] == [(_UUID, ""), (records[1]["id"], "")]
    assert all(d.url.startswith("http://themis.vlaanderen.be/") for d in decisions)
    assert sum("bronlink genegeerd" in r.getMessage() for r in caplog.records) == 2
