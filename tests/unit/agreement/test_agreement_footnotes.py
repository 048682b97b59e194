"""Footnotes are placed after the sentence that cites them, never inside a sentence."""

from beloftemeter.sources.agreement_layout import Line, _place_footnotes
from beloftemeter.sources.agreement_text import join_lines

HEIGHT = 800.0


def _body(page: int, top: float, text: str, left: float = 50) -> Line:
    return Line(page, left, top - 10, left + 200, top, text)


def _note(page: int, top: float, text: str) -> Line:
    return Line(page, 50, top - 6, 400, top, text)


def _text(lines: list[Line]) -> str:
    text, _ = join_lines(_place_footnotes(lines, HEIGHT), pitch=13.0)
    return text


def test_a_footnote_follows_the_sentence_that_cites_it_not_the_end_of_the_page():
    lines = [
        _body(1, 700, "We volgen het principe”5 en bouwen"),
        _body(1, 687, "het loket uit."),
        _body(1, 661, "Een nieuwe zin die doorloopt naar"),
        _note(1, 70, "5 Volgens dit principe vindt iedereen de weg."),
        _body(2, 700, "de volgende pagina."),
    ]
    assert _text(lines) == (
        "We volgen het principe”5 en bouwen het loket uit.\n\n"
        "5 Volgens dit principe vindt iedereen de weg.\n\n"
        "Een nieuwe zin die doorloopt naar de volgende pagina."
    )


def test_an_uncited_footnote_waits_until_the_sentence_running_on_to_the_next_page_ends():
    lines = [
        _body(1, 700, "Op basis van een consultatie van de stakeholders,"),
        _note(1, 70, "7 Een uitleg zonder verwijzing."),
        _body(2, 700, "identificeren we de prioriteiten."),
        _body(2, 674, "Daarna volgt meer."),
    ]
    assert _text(lines) == (
        "Op basis van een consultatie van de stakeholders, identificeren we de prioriteiten.\n\n"
        "7 Een uitleg zonder verwijzing.\n\n"
        "Daarna volgt meer."
    )


def test_a_footnote_over_two_lines_stays_one_paragraph():
    lines = [
        _body(1, 700, "Het kennismodel2 staat centraal."),
        _body(1, 687, "Meer tekst."),
        _body(1, 674, "Nog meer tekst."),
        _note(1, 70, "2 De quadruple helix is een"),
        _note(1, 62, "kennismodel."),
    ]
    placed = _place_footnotes(lines, HEIGHT)
    assert [line.role for line in placed] == ["body", "footnote", "footnote", "body", "body"]
    assert _text(lines).split("\n\n")[1] == "2 De quadruple helix is een kennismodel."
