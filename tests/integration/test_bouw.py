"""`beloftemeter bouw --data`: the main job runs offline from a local folder, end to end."""

import json
import os
import subprocess
import sys

import pytest


def run(*args, cwd, env_extra=None):
    env = dict(os.environ)
    env.update({"BELOFTEMETER_EMBEDDER": "geen"})  # embedding the corpus is a benchmark's job
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-c", "from beloftemeter.cli import main; main()", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=600,
    )


@pytest.fixture(scope="module")
def built(shared_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bouw")
    first = run("bouw", "--data", str(shared_data), cwd=folder)
    return folder, first


def test_bouw_imports_agreement_and_decisions_and_says_where_to_look(built):
    folder, result = built
    assert result.returncode == 0, result.stderr
    assert "beloftemeter akkoord lijst" in result.stdout
    assert (folder / "beloftemeter.db").is_file()
    stats = json.loads(run("beslissingen", "stats", "--json", cwd=folder).stdout)
    assert stats["totaal"] == 3165
    nodes = json.loads(run("akkoord", "lijst", "--json", cwd=folder).stdout)
    assert any(node["chapter"] == "1 — Onderwijs" and node["number"] == "1.2.1" for node in nodes)


def test_bouw_again_changes_nothing(built):
    folder, _ = built
    before = run("beslissingen", "stats", "--json", cwd=folder).stdout
    again = run("bouw", "--data", str(folder.parent / "ontbreekt"), cwd=folder)
    assert again.returncode != 0
    assert again.stderr.strip().splitlines() == [
        f"fout: Map niet gevonden: {folder.parent / 'ontbreekt'}"
    ]
    assert run("beslissingen", "stats", "--json", cwd=folder).stdout == before


def test_search_works_on_what_bouw_built(built):
    folder, _ = built
    result = run("zoek", "inburgering", "--json", cwd=folder)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits, "verwacht treffers voor 'inburgering'"
