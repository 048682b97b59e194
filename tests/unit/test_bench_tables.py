"""The benchmarks' own logic: the tables they print and the synthetic dump they import."""

import json
import random
import sys
from pathlib import Path

# bench/ is beside the project, not inside it: the tests' path lacks its folder.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.store_backends import format_table
from bench.synthetic_corpus import as_dump_record, synthetic_fields, write_dump
from bench.web_load import Load, matrix_row

from beloftemeter.sources.decisions_dump import read_jsonl
from support.decision_rows import make_decision


def test_the_backend_table_has_every_step_once_in_the_order_first_seen():
    table = format_table("echt corpus", {
        "SQLite": {"inlezen": "1.0 s", "zoeken": "5 ms"},
        "PostgreSQL": {"inlezen": "2.0 s", "steekproef": "9 s", "zoeken": "7 ms"},
    })
    lines = table.splitlines()
    assert lines[1] == "== echt corpus =="
    assert lines[2] == "| stap | SQLite | PostgreSQL |"
    assert lines[4:] == ["| inlezen | 1.0 s | 2.0 s |", "| zoeken | 5 ms | 7 ms |",
                         "| steekproef | – | 9 s |"]


def test_a_matrix_cell_gives_requests_per_second_and_percentiles_over_all_kinds():
    load = Load(clients=20, seconds=10.0,
                timings={"sectiepagina": [0.01] * 60, "zoeken": [0.02] * 39 + [0.5]},
                errors={"sectiepagina": 1, "zoeken": 2}, load_before=1.25, load_after=2.0)
    assert matrix_row(4, load) == "| 4 | 20 | 10 | 10 ms | 20 ms | 3 | 1.2 / 2.0 |"


def test_the_synthetic_dump_is_the_same_for_the_same_seed_and_reads_back(tmp_path):
    source = [make_decision(f"d{i}", "2021-03-0" + str(i + 1), f"Besluit over onderwerp {i}",
                            f"Eerste zin van {i} met genoeg woorden. Tweede zin over"
                                 f" kinderopvang {i} en meer. Derde zin, over wonen {i}.")
              for i in range(5)]
    first = [as_dump_record(f) for f in synthetic_fields(source, 20, random.Random(7))]
    again = [as_dump_record(f) for f in synthetic_fields(source, 20, random.Random(7))]
    assert first == again
    write_dump(tmp_path / "syn.jsonl", first)
    read = list(read_jsonl(tmp_path / "syn.jsonl"))
    assert [d.id for d in read] == [r["id"] for r in first]
    assert json.loads((tmp_path / "syn.jsonl").read_text().splitlines()[0])["id"] == "syn0000000"
