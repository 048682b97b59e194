"""Reading policy documents: a plan's goals and actions with their fields, a note's SD/OD,
and whatever can be read from garbled input."""

import pytest

from beloftemeter.errors import InputError
from beloftemeter.sources.policy_structure import parse_policy, quote_pieces
from beloftemeter.sources.policy_text import read_policy_text

PLAN = """
TESTPLAN
GELIJKE KANSEN

Inhoud

INLEIDING.....\t3
1. Participatie en empowerment.....\t4
DOELSTELLINGEN EN ACTIES.....\t5
1. Nederlands is de verbindende taal.....\t5
Actie 1.1: Taalbeleid binnen werk en opleiding.....\t6
Actie 1.2: Zomerscholen\t7
2. Iedereen doet mee.....\t8
Actie 2.1 Buddy's voor nieuwkomers.....\t9

INLEIDING

1. Participatie en empowerment

Een principe, geen doel.

DOELSTELLINGEN EN ACTIES

1. Nederlands is de verbindende taal

Waarom dit belangrijk is.

Actie 1.1: Taalbeleid binnen werk en opleiding

We zetten in op taalbeleid.

Doelstellingen\t<ul><li>- Er wordt een taalbeleid gevoerd.</li></ul>
Bevoegde beleidsdomeinen en ministers\tWerk – minister A Integratie – minister B
Realisatie Regeerakkoord\tpp. 66-67 <i>Nieuwkomers begeleiden we [...] via een opleiding.</i>
Timing\t2020 - 2024
Budget\t250K

Actie 1.2: Zomerscholen

Doelstellingen\tHet Nederlands van kinderen versterken.
Realisatie Regeerakkoord\tp. 34 <i>Zomerscholen Nederlands worden gefaciliteerd.</i>
Timing\t2021

Mogelijke acties 2022 - 2024

Nog te bekijken.

2. Iedereen doet mee

Actie 2.1 Buddy's voor nieuwkomers

Doelstellingen\tNieuwkomers bouwen een netwerk uit.
Timing\t2020
"""

NOTE = """ I. INLEIDING

Tekst.

1. Strategische doelstelling ‘Samenleven’: We werken aan een gedeelde
en inclusieve samenleving

OD 1.1. Vlaanderen versterkt de sociale samenhang door netwerken te
stimuleren die het sociaal weefsel vormen

Uitleg.

 OD 1.2 We zorgen voor een evenredige participatie

 2. Strategische doelstelling ‘Inburgering’: Met ons inburgeringsbeleid
bieden we kansen
"""


def test_a_plans_actions_are_read_with_number_title_goal_and_fields():
    document = parse_policy(PLAN, "/tmp/testplan.txt")
    assert document.id == "testplan" and document.title == "Testplan gelijke kansen"
    assert [(a.number, a.title) for a in document.actions] == [
        ("1.1", "Taalbeleid binnen werk en opleiding"), ("1.2", "Zomerscholen"),
        ("2.1", "Buddy's voor nieuwkomers")]
    assert document.toc_actions == (("1.1", "Taalbeleid binnen werk en opleiding"),
                                    ("1.2", "Zomerscholen"), ("2.1", "Buddy's voor nieuwkomers"))
    first = document.actions[0]
    assert first.objective == "1" and first.text == "We zetten in op taalbeleid."
    assert first.goals == "- Er wordt een taalbeleid gevoerd."
    assert first.responsible == "Werk – minister A Integratie – minister B"
    assert first.agreement_pages == "pp. 66-67"
    assert first.agreement_quotes == ("Nieuwkomers begeleiden we",
                                      "via een opleiding")
    assert (first.timing, first.budget) == ("2020 - 2024", "250K")
    assert "Nog te bekijken" not in document.actions[1].text  # "Mogelijke acties" end it
    assert document.warnings == ()


def test_a_plans_goals_are_its_numbered_goals_not_its_principles():
    document = parse_policy(PLAN, "testplan.txt")
    assert [(o.kind, o.number, o.title) for o in document.objectives] == [
        ("doel", "1", "Nederlands is de verbindende taal"), ("doel", "2", "Iedereen doet mee")]


def test_a_notes_strategic_and_operational_objectives_keep_their_wrapped_titles():
    document = parse_policy(NOTE, "beleidsnota-test.txt")
    assert [(o.kind, o.number) for o in document.objectives] == [
        ("SD", "1"), ("OD", "1.1"), ("OD", "1.2"), ("SD", "2")]
    assert document.objectives[1].title == (
        "Vlaanderen versterkt de sociale samenhang door netwerken te stimuleren die het sociaal"
        " weefsel vormen")
    assert document.objectives[0].title.startswith("‘Samenleven’: We werken aan een gedeelde en")
    assert document.title == "Beleidsnota test"


def test_an_action_missing_from_the_text_is_reported_and_the_rest_kept():
    damaged = PLAN.replace("Actie 1.2: Zomerscholen\n\nDoelstellingen", "Doelstellingen")
    document = parse_policy(damaged, "plan.txt")
    assert [a.number for a in document.actions] == ["1.1", "2.1"]
    assert document.warnings == (
        "De inhoudstafel noemt 3 acties; niet gevonden in de tekst: 1.2.",)


@pytest.mark.parametrize("garbage", ["%%%% ~~~ \n\x0c\n" * 50, "lorem ipsum " * 300, "Actie"])
def test_unstructured_text_gives_a_warning_never_a_crash(garbage):
    document = parse_policy(garbage, "rommel.txt")
    assert document.actions == () and document.objectives == ()
    assert "Geen doelstellingen of acties herkend" in document.warnings[-1]


def test_quotes_are_split_where_words_were_left_out():
    assert quote_pieces("Eerst dit [...] en dan <b>dat</b> (...) einde.") == [
        "Eerst dit", "en dan dat", "einde"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "Leeg bestand"), (b"\x00\x01\x02binair", "Geen tekst of PDF"),
     (b"%PDF-1.4 kapot", "Onleesbare PDF")],
)
def test_unreadable_files_are_refused_in_dutch(tmp_path, content, message):
    path = tmp_path / "document.bin"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_policy_text(path)


def test_a_device_or_a_directory_is_refused_before_it_is_read(tmp_path):
    with pytest.raises(InputError, match=r"^Dit is geen gewoon bestand .*: /dev/zero$"):
        read_policy_text("/dev/zero")
    with pytest.raises(InputError, match=r"^Dit is een map, geen document: "):
        read_policy_text(tmp_path)


def test_a_document_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    with pytest.raises(InputError, match=r"te groot .*max_pdf_mb\): .*plan\.txt$"):
        read_policy_text(path, max_bytes=100)
    assert read_policy_text(path, max_bytes=path.stat().st_size) == PLAN
