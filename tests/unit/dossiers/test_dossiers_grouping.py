"""Which decisions group into one dossier, read from their titles, stages and dates."""

from dossier_fixtures import plain, staged, toetsen

from beloftemeter.analysis.dossier_grouping import MAX_GAP_DAYS, group_decisions
from beloftemeter.analysis.dossier_subjects import label_of, read_subject


def _groups(decisions):
    return sorted(tuple(d.id for d in g.decisions) for g in group_decisions(decisions))


def test_principle_final_approval_and_ratification_of_one_decree_group_in_order():
    shuffled = list(reversed(toetsen()))
    [dossier] = group_decisions(shuffled)
    assert [d.id for d in dossier.decisions] == ["t1", "t2", "t3"]
    assert dossier.instrument == "decreet"
    assert dossier.subject == "Vlaamse toetsen in het onderwijs"
    assert dossier.formal_subject == "over de Vlaamse toetsen in het onderwijs"
    assert dossier.key.startswith("decreet-toetsen-onderwijs-")  # stop words left out


def test_a_second_principle_approval_after_advice_stays_in_the_dossier():
    subject = "tot regeling van de leerjobs"
    decisions = [
        staged("l1", "2023-04-28", "Regeling leerjobs", subject),
        staged("l2", "2023-07-07", "Regeling leerjobs", subject),
        staged("l3", "2023-09-08", "Regeling leerjobs: een begeleid ervaringstraject", subject,
               stage="definitieve_goedkeuring"),
    ]
    assert _groups(decisions) == [("l1", "l2", "l3")]


def test_two_different_decrees_do_not_group():
    decisions = [
        staged("a1", "2022-03-04", "Decreet over het Vastgoedinformatieplatform",
               "over het Vastgoedinformatieplatform"),
        staged("b1", "2022-05-06", "Ontwerpdecreet over de bovenlokale cultuurwerking",
               "over de bovenlokale cultuurwerking", stage="definitieve_goedkeuring"),
    ]
    assert _groups(decisions) == [("a1",), ("b1",)]


def test_amendments_of_one_order_on_different_matters_do_not_group():
    """The formal titles are nearly the same ("tot wijziging van het Energiebesluit ..."), the
    short titles say what changes."""
    base = "tot wijziging van het Energiebesluit van 19 november 2010"
    decisions = [
        staged("e1", "2021-10-29", "Sociale openbaredienstverplichtingen: wijziging Energiebesluit",
               base, instrument="besluit"),
        staged("e2", "2022-04-29", "Digitale meters en premies: wijziging Energiebesluit", base,
               instrument="besluit", stage="definitieve_goedkeuring"),
    ]
    assert _groups(decisions) == [("e1",), ("e2",)]


def test_the_same_decree_under_another_instrument_does_not_group():
    decisions = [
        staged("d1", "2022-01-14", "Woonzorgdecreet", "over het woonzorgbeleid"),
        staged("o1", "2022-03-11", "Woonzorgdecreet", "over het woonzorgbeleid",
               instrument="besluit", stage="definitieve_goedkeuring"),
    ]
    assert _groups(decisions) == [("d1",), ("o1",)]


def test_a_decision_that_is_no_stage_of_a_regulation_is_a_dossier_of_its_own():
    decisions = [*toetsen(), plain("s1", "2022-09-02", "Vlaamse toetsen in het onderwijs")]
    assert _groups(decisions) == [("s1",), ("t1", "t2", "t3")]


def test_going_back_down_the_ladder_starts_a_new_dossier():
    subject = "over diverse maatregelen voor het onderwijs"
    decisions = [
        staged("x1", "2022-01-14", "Verzameldecreet onderwijs", subject,
               stage="definitieve_goedkeuring"),
        staged("x2", "2022-06-03", "Verzameldecreet onderwijs", subject),
    ]
    assert _groups(decisions) == [("x1",), ("x2",)]


def test_the_same_final_stage_twice_is_two_dossiers():
    subject = "tot herverdeling van een provisioneel krediet voor het begrotingsjaar 2021"
    decisions = [
        staged(f"h{n}", day, "Herverdeling provisioneel krediet", subject, instrument="besluit",
               stage="definitieve_goedkeuring")
        for n, day in enumerate(("2021-07-09", "2021-10-22"))
    ]
    assert _groups(decisions) == [("h0",), ("h1",)]


def test_a_long_silence_starts_a_new_dossier():
    subject = "over de bovenlokale cultuurwerking"
    decisions = [
        staged("c1", "2020-01-10", "Bovenlokale cultuurwerking", subject),
        staged("c2", "2021-09-03", "Bovenlokale cultuurwerking", subject,
               stage="definitieve_goedkeuring"),
    ]
    assert MAX_GAP_DAYS < 602
    assert _groups(decisions) == [("c1",), ("c2",)]


def test_two_stages_at_one_meeting_are_two_files():
    subject = "over de sociale huurprijsberekening"
    decisions = [
        staged("p1", "2020-03-06", "Sociale huurprijsberekening", subject, instrument="besluit"),
        staged("p2", "2020-03-06", "Sociale huurprijsberekening", subject, instrument="besluit",
               stage="definitieve_goedkeuring"),
    ]
    assert _groups(decisions) == [("p1",), ("p2",)]


def test_grouping_is_deterministic_and_keys_do_not_depend_on_input_order():
    decisions = [*toetsen(), plain("s1", "2022-09-02", "Subsidie leesbevordering")]
    first = {g.key: [d.id for d in g.decisions] for g in group_decisions(decisions)}
    again = {g.key: [d.id for d in g.decisions] for g in group_decisions(decisions[::-1])}
    assert first == again


def test_labels_lose_their_stage_and_act_words():
    assert label_of("Fusie LOM Antwerpen en Oostende-Brugge: voorontwerp van wijzigingsdecreet") \
        == "Fusie LOM Antwerpen en Oostende-Brugge"
    assert label_of("Besluit van de Vlaamse Regering over de Vlaamse Parken - Principiële"
                    " goedkeuring na advies van de Raad van State") == "Vlaamse Parken"
    assert label_of("Bekrachtiging en afkondiging decreet over Vlaamse erfgoednetwerken") \
        == "Vlaamse erfgoednetwerken"
    assert label_of("Werk en Sociale Economie: voorontwerp wijzigingsdecreet toezicht") \
        == "Werk en Sociale Economie: wijzigingsdecreet toezicht"


def test_a_subsidy_scheme_drafted_as_an_order_is_read_as_an_order():
    decision = staged("g1", "2023-03-07", "Steun innovatieve investeringen landbouw",
                      "over steun voor innovatieve investeringen in de landbouw",
                      instrument="besluit")
    decision = type(decision)(**{**decision.__dict__, "instrument": "subsidie"})
    subject = read_subject(decision)
    assert (subject.kind, subject.staged) == ("besluit", True)
