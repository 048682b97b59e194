"""One `bouw` and one sync at a time per store: a second run is refused with one Dutch line
before it writes anything."""

from __future__ import annotations

from beloftemeter.store import open_store
from support.cli import run


def _tables(url: str) -> dict[str, int]:
    with open_store(url) as store:
        return {name: store.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
                for name in ("decisions", "agreement_nodes", "state")}


def test_a_second_bouw_on_the_same_store_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'opslag.db'}"
    data = tmp_path / "data"
    data.mkdir()
    (data / "regeerakkoord.pdf").write_bytes(b"%PDF-1.4 niet echt")
    (data / "beslissingen.jsonl").write_text("")
    before = _tables(url)
    with open_store(url) as holder, holder.exclusive("bouw"):
        result = run("--opslag", url, "bouw", "--data", data)
    assert result.returncode == 9  # BusyError: "already running", not a broken store
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("fout: Er loopt al een andere bouw op deze opslag")
    assert _tables(url) == before


def test_a_second_sync_on_the_same_store_is_refused_before_it_fetches(tmp_path):
    url = f"sqlite:///{tmp_path / 'opslag.db'}"
    before = _tables(url)
    with open_store(url) as holder, holder.exclusive("synchronisatie"):
        # nothing listens on port 9: a fetch would fail with another message
        result = run("--opslag", url, "beslissingen", "sync", "--van", "2024-01-01",
                     env={"BELOFTEMETER_DECISIONS_API_URL": "http://127.0.0.1:9/"})
    assert result.returncode == 9, result.stderr
    assert "Er loopt al een andere synchronisatie" in result.stderr
    assert _tables(url) == before
