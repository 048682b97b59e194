from beloftemeter.reports.citations import check_citations, cited_numbers


def test_valid_citations_are_renumbered_densely_in_order_of_first_use():
    check = check_citations(["Eerst [2], dan [0] en weer [2].", "Slot [1]."], 3)
    assert check.texts == ("Eerst [0], dan [1] en weer [0].", "Slot [2].")
    assert check.order == (2, 0, 1)
    assert check.removed == 0


def test_out_of_range_and_unknown_citations_are_removed_and_counted():
    check = check_citations(["Bewezen [7] en [5FD8FA006B34] en [abc], maar [1] klopt."], 2)
    assert check.texts == ("Bewezen en en, maar [0] klopt.",)
    assert check.order == (1,)
    assert check.removed == 3


def test_escaped_and_grouped_citations_are_read_and_links_left_alone():
    check = check_citations(["Zie \\[1\\] en [0, 1, 9]; meer op [de site](https://x.test)."], 2)
    assert check.texts == ("Zie [0] en [1][0]; meer op [de site](https://x.test).",)
    assert check.removed == 1
    assert cited_numbers(check.texts[0]) == [0, 1, 0]


def test_a_text_without_citations_passes_unchanged():
    check = check_citations(["Geen beslissing gevonden."], 0)
    assert check.texts == ("Geen beslissing gevonden.",) and check.order == ()
