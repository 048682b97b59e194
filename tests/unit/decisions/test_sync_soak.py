"""The kill-and-resume soak (bench/sync_soak.py) in miniature: 200 decisions, two kills."""

import subprocess
import sys
from pathlib import Path

from decisions_fixtures import make_records, write_jsonl

ROOT = Path(__file__).resolve().parents[3]


def test_a_sync_killed_twice_and_resumed_holds_every_decision_once(tmp_path):
    dump = write_jsonl(tmp_path / "klein.jsonl", make_records(200))
    done = subprocess.run(
        [sys.executable, "-m", "bench.sync_soak", "--kills", "2", "--seed", "3",
         "--data", dump, "--van", "2021-01-01", "--tot", "2021-09-30", "--vertraging", "0.05"],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("200 beslissingen, ")
    killed = int(lines[0].split(", ")[1].split()[0])
    assert killed >= 1  # at least one run really died mid-way
    assert lines[2].startswith("verloren 0, dubbel 0, verkeerde inhoud 0, onbekend 0;"
                               " integriteit: ok; cursor over: False; watermerk: 2021-09-30")
