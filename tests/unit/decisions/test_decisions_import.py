"""Importing dumps: valid lines are never lost; bad lines are reported by line number."""

import json
import tracemalloc

import pytest
from decisions_fixtures import make_records, write_jsonl

from beloftemeter.errors import InputError
from beloftemeter.pipeline.dump_import import import_dump
from beloftemeter.sources.bounded_input import InputLimits
from beloftemeter.sources.decisions_dump import read_jsonl
from beloftemeter.store.decisions import count_decisions, get_decision
from support.cli import run as _cli


def _broken_dump(tmp_path):
    """12 valid records with four bad lines in between (lines 3, 6, 9 and 12)."""
    records = make_records(12)
    lines = list(records[:2])
    lines.append('{"id": "KAPOT", "meeting_date": "2021-01-0')  # line 3: cut off
    lines.extend(records[2:4])
    lines.append({"id": "ZONDER-DATUM", "title": "t", "text": "x"})  # line 6
    lines.extend(records[4:6])
    lines.append({**records[0], "id": "SLECHTE-DATUM", "meeting_date": "2021-02-30"})  # 9
    lines.extend(records[6:8])
    lines.append("[1, 2, 3]")  # line 12: JSON but no record
    lines.append("")  # blank lines are not errors
    lines.extend(records[8:])
    return write_jsonl(tmp_path / "dump.jsonl", lines), records


def test_bad_lines_are_reported_with_their_line_numbers(tmp_path):
    path, records = _broken_dump(tmp_path)
    errors = []
    decisions = list(read_jsonl(path, on_error=errors.append))
    assert [e.line for e in errors] == [3, 6, 9, 12]
    assert "geen geldige JSON" in errors[0].reason
    assert "meeting_date" in errors[1].reason
    assert "bestaat niet" in errors[2].reason
    assert [d.id for d in decisions] == [r["id"] for r in records]


def test_importing_skips_bad_lines_and_keeps_every_valid_one(tmp_path, store):
    path, records = _broken_dump(tmp_path)
    result = import_dump(store, path)
    assert result.read == 12 and result.counts.new == 12
    assert [e.line for e in result.errors] == [3, 6, 9, 12]
    assert count_decisions(store) == 12
    for record in records:
        assert get_decision(store, record["id"]).text == record["text"].strip()


def test_a_strict_import_rejects_the_whole_file_and_writes_nothing(tmp_path, store):
    path, _ = _broken_dump(tmp_path)
    with pytest.raises(InputError, match=r"4 ongeldige regel\(s\) \(3, 6, 9, 12\)"):
        import_dump(store, path, strict=True)
    assert count_decisions(store) == 0


def test_a_strict_import_of_a_clean_file_imports_everything(tmp_path, store):
    path = write_jsonl(tmp_path / "ok.jsonl", make_records(20))
    assert import_dump(store, path, strict=True).counts.new == 20


def test_reimporting_the_same_dump_changes_nothing(tmp_path, store):
    path = write_jsonl(tmp_path / "ok.jsonl", make_records(20))
    import_dump(store, path)
    again = import_dump(store, path)
    assert (again.counts.new, again.counts.changed, again.counts.unchanged) == (0, 0, 20)


def test_an_empty_title_is_derived_from_the_text(tmp_path, store):
    records = make_records(14)
    assert records[5]["title"] == ""
    import_dump(store, write_jsonl(tmp_path / "d.jsonl", records))
    decision = get_decision(store, records[5]["id"])
    assert decision.title == "Fietspaden 5: regeling" or decision.title.endswith("5: regeling")
    assert not decision.title.startswith("Voorontwerp")


def test_an_api_page_saved_as_json_is_imported(tmp_path, store):
    page = {
        "count": 2,
        "data": [
            {"type": "news-items", "id": "6500000000000000000000AA", "attributes": {
                "title": "Subsidie voor fietspaden", "alternativeTitle": "",
                "htmlContent": "<p>De Vlaamse Regering kent <b>2,5 miljoen euro</b> toe.</p>"
                               "<ul><li>fietspaden</li><li>bruggen</li></ul>",
                "agendaitemType": "Nota", "meetingDate": "2023-03-30T22:00:00.000Z"}},
            {"type": "news-items", "id": "6500000000000000000000AB", "attributes": {
                "title": "", "htmlContent": "", "meetingDate": "2023-03-31T10:00:00Z"}},
        ],
    }
    path = tmp_path / "pagina.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    result = import_dump(store, path)
    assert result.read == 1 and [e.line for e in result.errors] == [1]
    decision = get_decision(store, "6500000000000000000000AA")
    assert decision.meeting_date == "2023-03-31"  # 22:00 UTC is midnight in Brussels
    assert decision.item_type == "nota"
    assert decision.text.startswith("Subsidie voor fietspaden\n\nDe Vlaamse Regering kent")
    assert "<" not in decision.text and "* fietspaden" in decision.text
    assert decision.amounts == (2500000.0,)


def test_a_meeting_datetime_in_a_dump_becomes_its_brussels_date(tmp_path, store):
    record = {**make_records(1)[0], "meeting_date": "2021-03-04T23:30:00Z"}
    import_dump(store, write_jsonl(tmp_path / "d.jsonl", [record]))
    assert get_decision(store, record["id"]).meeting_date == "2021-03-05"


def test_a_missing_file_is_a_dutch_input_error(tmp_path, store):
    with pytest.raises(InputError, match="Bestand niet gevonden"):
        import_dump(store, tmp_path / "bestaat-niet.jsonl")


def test_a_directory_is_named_as_a_directory(tmp_path, store):
    with pytest.raises(InputError, match=r"^Dit is een map, geen dumpbestand: "):
        import_dump(store, tmp_path)


def test_unreadable_lines_are_explained_in_dutch(tmp_path):
    resource = {"id": "A1", "attributes": {"title": "t", "meetingDate": "gisteren"}}
    path = write_jsonl(tmp_path / "d.jsonl", [resource, '{"id": "KAPOT", "meeting_date": "20'])
    errors = []
    assert list(read_jsonl(path, on_error=errors.append)) == []
    assert [(e.line, e.reason) for e in errors] == [
        (1, "meetingDate is geen geldige datum: 'gisteren'"),
        (2, "geen geldige JSON (tekst zonder afsluitend aanhalingsteken, kolom 33)"),
    ]


def test_a_json_page_that_is_no_json_is_a_dutch_input_error(tmp_path, store):
    path = tmp_path / "pagina.json"
    path.write_text('{"data": [', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_dump(store, path)
    reason = "waarde verwacht, regel 1, kolom 11"
    assert caught.value.message == f"{path} is geen geldige JSON ({reason})."


def test_the_import_command_warns_per_bad_line_and_exits_zero(tmp_path):
    path, _ = _broken_dump(tmp_path)
    result = _cli("--opslag", f"sqlite:///{tmp_path}/c.db", "beslissingen", "import", str(path),
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    warnings = [line for line in lines if line.startswith("waarschuwing: regel")]
    assert [w.split()[2] for w in warnings] == ["3", "6", "9", "12"]
    assert "12 beslissingen gelezen" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_import_command_warns_in_dutch_and_refuses_a_directory(tmp_path):
    resource = {"id": "A1", "attributes": {"title": "t", "meetingDate": "gisteren"}}
    path = write_jsonl(tmp_path / "d.jsonl", ["niet-json", resource, *make_records(1)])
    db = f"sqlite:///{tmp_path}/c.db"
    result = _cli("--opslag", db, "beslissingen", "import", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "waarschuwing: regel 1 overgeslagen: geen geldige JSON (waarde verwacht, kolom 1)",
        "waarschuwing: regel 2 overgeslagen: meetingDate is geen geldige datum: 'gisteren'",
    ]
    folder = _cli("--opslag", db, "beslissingen", "import", str(tmp_path), cwd=tmp_path)
    assert folder.returncode == 2
    assert folder.stderr.strip() == f"fout: Dit is een map, geen dumpbestand: {tmp_path}"


def test_the_strict_import_command_fails_with_one_line_and_leaves_the_store_empty(tmp_path):
    path, _ = _broken_dump(tmp_path)
    db = f"sqlite:///{tmp_path}/c.db"
    result = _cli("--opslag", db, "beslissingen", "import", "--streng", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[0].startswith("fout: ")
    assert len(result.stderr.strip().splitlines()) == 1
    stats = _cli("--opslag", db, "beslissingen", "stats", "--json", cwd=tmp_path)
    assert json.loads(stats.stdout)["total"] == 0


def test_show_and_stats_commands_answer_in_json(tmp_path):
    records = make_records(10)
    path = write_jsonl(tmp_path / "d.jsonl", records)
    db = f"sqlite:///{tmp_path}/c.db"
    assert _cli("--opslag", db, "beslissingen", "import", str(path), cwd=tmp_path).returncode == 0
    shown = json.loads(_cli("--opslag", db, "beslissingen", "toon", records[3]["id"], "--json",
                            cwd=tmp_path).stdout)
    assert shown["id"] == records[3]["id"] and shown["text"] == records[3]["text"]
    assert shown["url"].endswith(records[3]["id"])
    missing = _cli("--opslag", db, "beslissingen", "toon", "NIETS", cwd=tmp_path)
    assert missing.returncode == 3 and missing.stderr.startswith("fout: Geen beslissing")
    stats = json.loads(_cli("--opslag", db, "beslissingen", "stats", "--json", cwd=tmp_path).stdout)
    assert stats["total"] == 10 and stats["per_year"] == {"2021": 10}


def test_a_byte_order_mark_does_not_cost_the_first_record(tmp_path, store):
    records = make_records(3)
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(json.dumps(r) for r in records).encode())
    result = import_dump(store, path)
    assert (result.read, result.errors) == (3, ())  # before: line 1 was "geen geldige JSON"


@pytest.mark.parametrize("content", ["", "\n\n   \n"], ids=["leeg", "lege-regels"])
def test_a_dump_without_decisions_is_an_input_error(tmp_path, store, content):
    path = tmp_path / "leeg.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:  # before: "0 beslissingen gelezen", exit 0
        import_dump(store, path)
    assert caught.value.message == f"{path} bevat geen beslissingen."


def test_a_device_is_named_as_no_regular_file(store):
    with pytest.raises(InputError) as caught:  # before: "Bestand niet gevonden"
        import_dump(store, "/dev/zero")
    assert caught.value.message == (
        "Dit is geen gewoon bestand (een apparaat of pijp?): /dev/zero"
    )


def test_an_over_long_line_is_skipped_without_being_read_whole(tmp_path, store):
    records = make_records(2)
    path = tmp_path / "nullen.jsonl"
    with path.open("wb") as handle:
        handle.write(json.dumps(records[0]).encode() + b"\n")
        handle.write(b"\0" * (8 * 2**20) + b"\n")  # one line of 8 MB
        handle.write(json.dumps(records[1]).encode() + b"\n")
    limits = InputLimits(max_line_bytes=64 * 1024, max_text_bytes=64 * 1024)
    tracemalloc.start()
    try:
        result = import_dump(store, path, limits=limits)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(e.line, e.reason) for e in result.errors] == [
        (2, "regel langer dan 64 kB (max_dump_line_kb)")
    ]
    assert result.read == 2 and count_decisions(store) == 2
    assert peak < 2 * 2**20  # before: the whole 8 MB line (and its decoded copy) in memory
    with pytest.raises(InputError, match=r"1 ongeldige regel\(s\) \(2\)"):
        import_dump(store, path, limits=limits, strict=True)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "A", "meeting_date": "0001-01-01T00:00:00+14:00", "title": "t"}',
         "'meeting_date' ligt niet tussen 1900 en 2199: '0001-01-01T00:00:00+14:00'"),
        ('{"id": "A", "meeting_date": "9999-12-31T23:59:59-05:00", "title": "t"}',
         "'meeting_date' ligt niet tussen 1900 en 2199: '9999-12-31T23:59:59-05:00'"),
        ("[" * 5000 + "]" * 5000, "geen geldige JSON (te diep genest)"),
        ('{"id": "A", "x": ' + "[" * 100 + "]" * 100 + "}",
         "geen geldige JSON (dieper genest dan 64 niveaus)"),
        ('{"id": "A", "meeting_date": "2021-01-04", "title": ' + "7" * 5000 + "}",
         "geen geldige JSON (getal van 5000 cijfers)"),
        ('{"id": "A", "meeting_date": "2021-01-04", "title": NaN}',
         "geen geldige JSON (NaN is geen getal)"),
    ],
    ids=["jaar-1", "jaar-9999", "diep", "genest", "groot-getal", "nan"],
)
def test_a_line_with_an_impossible_date_nesting_or_number_is_skipped_and_counted(
    tmp_path, store, line, reason
):
    # Before: OverflowError, RecursionError or ValueError, and 0 decisions stored.
    records = make_records(2)
    path = write_jsonl(tmp_path / "d.jsonl", [records[0], line, records[1]])
    result = import_dump(store, path)
    assert [(e.line, e.reason) for e in result.errors] == [(2, reason)]
    assert result.counts.new == 2


def test_an_id_repeated_with_other_content_is_a_warning_and_the_last_line_counts(
    tmp_path, store
):
    first, other = make_records(2)
    changed = {**first, "text": first["text"] + " Gewijzigd."}
    path = write_jsonl(tmp_path / "d.jsonl", [first, other, first, changed])
    result = import_dump(store, path)
    assert result.duplicates == 1  # the same line twice is no conflict; other content is
    assert [(w.line, w.reason) for w in result.warnings] == [
        (4, f"id {first['id']} stond al op regel 3 met andere inhoud; deze regel telt")
    ]
    assert get_decision(store, first["id"]).text.endswith("Gewijzigd.")


def test_a_text_beyond_the_limit_is_cut_with_a_warning(tmp_path, store):
    record = {**make_records(1)[0], "text": "Besluit. " + "woord " * 100_000}
    path = write_jsonl(tmp_path / "d.jsonl", [record])
    result = import_dump(store, path, limits=InputLimits(max_text_bytes=4096))
    assert result.truncated == 1 and result.errors == ()
    assert [w.reason for w in result.warnings] == [
        "text ingekort van 585 kB tot 4 kB (max_decision_text_kb)"
    ]
    assert len(get_decision(store, record["id"]).text.encode()) <= 4096


def test_a_read_error_half_way_is_one_dutch_error_and_nothing_is_kept(tmp_path, store,
                                                                     monkeypatch):
    import errno

    from beloftemeter.sources import decisions_dump

    def failing(handle, max_bytes):
        yield 1, json.dumps(make_records(1)[0]).encode()
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(decisions_dump, "read_bounded_lines", failing)
    path = write_jsonl(tmp_path / "d.jsonl", make_records(3))
    with pytest.raises(InputError) as caught:
        import_dump(store, path)
    assert caught.value.message == f"Kan het bestand niet lezen: {path} (Input/output error)"
    assert count_decisions(store) == 0
