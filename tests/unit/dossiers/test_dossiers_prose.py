"""A dossier's timeline as one Dutch sentence."""

from beloftemeter.analysis.dossier_prose import dossier_sentence
from beloftemeter.models.dossiers import Dossier, DossierStep

P, D, B = "principiele_goedkeuring", "definitieve_goedkeuring", "bekrachtiging"


def _dossier(instrument, steps, *, subject="Vlaamse toetsen in het onderwijs",
             formal="over de Vlaamse toetsen in het onderwijs", plural=False):
    return Dossier(
        key="k", instrument=instrument, subject=subject, formal_subject=formal, plural=plural,
        steps=tuple(DossierStep(f"id{n}", day, stage, f"titel {n}")
                    for n, (day, stage) in enumerate(steps)))


def test_a_draft_decree_approved_in_principle_and_finally():
    dossier = _dossier("decreet", [("2022-06-10", P), ("2022-12-09", D)])
    assert dossier_sentence(dossier) == (
        "Het ontwerpdecreet over de Vlaamse toetsen in het onderwijs werd principieel"
        " goedgekeurd op 10 juni 2022 en definitief op 9 december 2022.")


def test_a_ratified_decree_is_no_draft_any_more_and_a_second_approval_is_told():
    dossier = _dossier("decreet", [("2022-06-10", P), ("2022-09-02", P), ("2022-12-09", D),
                                   ("2023-02-03", B)])
    assert dossier_sentence(dossier) == (
        "Het decreet over de Vlaamse toetsen in het onderwijs werd principieel goedgekeurd op"
        " 10 juni 2022, opnieuw op 2 september 2022, definitief op 9 december 2022 en"
        " bekrachtigd en afgekondigd op 3 februari 2023.")


def test_an_order_is_final_after_its_final_approval():
    dossier = _dossier("besluit", [("2023-03-07", P), ("2023-04-21", D)],
                       subject="Steun innovatieve investeringen landbouw",
                       formal="over steun voor innovatieve investeringen in de landbouw")
    assert dossier_sentence(dossier).startswith(
        "Het besluit over steun voor innovatieve investeringen in de landbouw werd principieel"
        " goedgekeurd op 7 maart 2023")


def test_several_acts_at_once_take_the_plural():
    dossier = _dossier("besluit", [("2020-04-30", P)], plural=True,
                       subject="Aanmoedigingspremies", formal="")
    assert dossier_sentence(dossier) == (
        "De ontwerpbesluiten “Aanmoedigingspremies” werden principieel goedgekeurd op"
        " 30 april 2020.")


def test_an_amendment_is_named_by_its_short_title():
    dossier = _dossier("besluit", [("2023-05-12", P)], subject="Recht van voorkoop",
                       formal="tot wijziging van het Besluit Vlaamse Codex Wonen van 2021")
    assert dossier_sentence(dossier) == (
        "Het ontwerpbesluit “Recht van voorkoop” werd principieel goedgekeurd op 12 mei 2023.")


def test_a_decision_outside_the_stages_says_what_the_government_did():
    grant = _dossier("subsidie", [("2021-12-03", "toekenning")])
    assert dossier_sentence(grant) == (
        "De Vlaamse Regering besliste op 3 december 2021 over “titel 0”.")
    note = _dossier("mededeling", [("2021-12-03", "mededeling")])
    assert dossier_sentence(note) == (
        "De Vlaamse Regering nam op 3 december 2021 kennis van “titel 0”.")
