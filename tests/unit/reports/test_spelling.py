"""The reports read as Dutch prose, not template output: checked over a corpus of generated
reports (spelling_corpus) with Debian's Dutch hunspell dictionary and for the glitches a
journalist found in the earlier output (issue 17). Each check was run on the reports of the
code before this change and fails there (see tests/unit/reports/prose_checks.py)."""

from __future__ import annotations

import pytest
from prose_checks import (
    HUNSPELL,
    cut_quotes,
    data_words,
    doubled_words,
    empty_ranges,
    iso_dates,
    one_page_ranges,
    plural_after_one,
    prose,
    unknown_words,
)
from spelling_corpus import corpus

from beloftemeter.reports import build_section_report, render_markdown


def _render(store, key: str) -> str:
    return render_markdown(build_section_report(store, key))


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[tuple[str, str]]:
    return corpus(tmp_path_factory.mktemp("proza"), _render)


def _found(reports, check, **options) -> dict[str, list[str]]:
    found = {name: check(prose(markdown, **options)) for name, markdown in reports}
    return {name: hits for name, hits in found.items() if hits}


def test_the_corpus_holds_the_shapes_that_provoked_the_glitches(reports):
    text = "\n".join(markdown for _, markdown in reports)
    assert len(reports) >= 9
    assert "op 17 december 2021" in text  # two decisions on one day
    assert "(p. 105)" in text  # a section on one page
    assert "Mogelijk relevant, niet bevestigd" in text
    assert "[…]" in text  # a quote that had to be shortened


@pytest.mark.skipif(HUNSPELL is None, reason="hunspell ontbreekt: `make spelling` installeert"
                    " het Debian-pakket (hunspell, hunspell-nl) als root")
def test_every_word_the_generator_writes_is_dutch_or_comes_from_the_data(reports):
    unknown = {}
    for name, markdown in reports:
        # names and words of the data (agreement text, titles, quotes) are not ours to spell
        found = unknown_words(prose(markdown), data_words(markdown))
        if found:
            unknown[name] = found
    assert unknown == {}


def test_no_word_is_written_twice_in_a_row(reports):
    assert _found(reports, doubled_words) == {}


def test_a_count_of_one_takes_the_singular(reports):
    assert _found(reports, plural_after_one) == {}


def test_a_period_of_one_day_is_said_as_one_day(reports):
    assert _found(reports, empty_ranges) == {}


def test_a_single_page_is_no_range(reports):
    found = {name: one_page_ranges(markdown) for name, markdown in reports}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_dates_in_the_prose_are_written_out(reports):
    assert _found(reports, iso_dates) == {}


def test_a_quote_is_whole_or_says_where_it_was_shortened(reports):
    assert _found(reports, cut_quotes, with_quotes=True) == {}
