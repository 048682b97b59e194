"""A stale review form merged with the save it missed: the editor's own changes stay, the
rest takes the newer save."""

from __future__ import annotations

from beloftemeter.web.editorial_form import FormValues, merged_values


def test_own_changes_stay_and_the_other_editors_changes_come_in():
    base = FormValues(1, {"a": "bevestigen", "b": "afwijzen"}, "", "", "oude notitie")
    mine = FormValues(1, {"a": "afwijzen", "b": "afwijzen"}, "", "", "oude notitie",
                      query="zoek", added=("n",))
    theirs = FormValues(2, {"a": "bevestigen", "c": "bevestigen"}, "uitgevoerd",
                        "Bekrachtigd.", "nieuwe notitie")
    merged = merged_values(base, mine, theirs)
    assert merged.version == 2
    assert merged.choices == {"a": "afwijzen", "c": "bevestigen"}  # b: undone by the other
    assert (merged.status, merged.reason, merged.note) == ("uitgevoerd", "Bekrachtigd.",
                                                           "nieuwe notitie")
    assert (merged.query, merged.added) == ("zoek", ("n",))


def test_an_own_verdict_and_note_win_over_the_newer_save():
    base = FormValues(0, {}, "", "", "")
    mine = FormValues(0, {}, "afwijkend", "Tegen de belofte in.", "Mijn notitie")
    theirs = FormValues(1, {"x": "afwijzen"}, "uitgevoerd", "Klaar.", "Hun notitie")
    merged = merged_values(base, mine, theirs)
    assert (merged.status, merged.reason, merged.note) == ("afwijkend", "Tegen de belofte in.",
                                                           "Mijn notitie")
    assert merged.choices == {"x": "afwijzen"}
