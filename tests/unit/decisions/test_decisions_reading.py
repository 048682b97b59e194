"""Reading instrument, stage, amounts, link and title from a decision's title and text."""

import pytest

from beloftemeter.sources.decision_reading import (
    STAGES,
    derive_title,
    public_url,
    read_amounts,
    read_decision,
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


def test_a_decision_read_twice_has_the_same_content_hash_and_any_change_alters_it():
    fields = dict(id="X1", meeting_date="2021-01-01", item_type="nota", title="T", text="T tekst")
    first, second = read_decision(**fields), read_decision(**fields)
    assert first == second
    changed = read_decision(**{**fields, "text": "T tekst, aangepast"})
    assert changed.content_hash != first.content_hash
