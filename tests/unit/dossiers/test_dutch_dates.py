"""Dates written out in Dutch, as pages, reports and dossier sentences show them."""

from datetime import date

import pytest

from beloftemeter.dutch_dates import MONTHS, long_date, month_year
from beloftemeter.errors import InputError


@pytest.mark.parametrize(("iso", "written"), [
    ("2022-06-10", "10 juni 2022"),
    ("2022-12-09", "9 december 2022"),
    ("2019-10-01", "1 oktober 2019"),
    ("2024-01-31", "31 januari 2024"),
    ("2023-03-07T12:00:00Z", "7 maart 2023"),
])
def test_long_date_writes_the_day_without_zero_and_the_month_in_lower_case(iso, written):
    assert long_date(iso) == written


def test_long_date_takes_a_date_too_and_knows_every_month():
    assert [long_date(date(2021, m, 2)).split()[1] for m in range(1, 13)] == list(MONTHS)
    assert MONTHS[4] == "mei" and MONTHS[7] == "augustus"


def test_month_year():
    assert month_year("2022-06-10") == "juni 2022"
    assert month_year("2021-02") == "februari 2021"


@pytest.mark.parametrize("bad", ["", "10 juni 2022", "2022-13-01", "2022-02-30"])
def test_something_that_is_no_date_is_a_dutch_input_error(bad):
    with pytest.raises(InputError, match="Ongeldige datum"):
        long_date(bad)
