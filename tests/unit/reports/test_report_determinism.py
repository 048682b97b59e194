"""The reports are the same bytes whichever process writes them: built twice from the same
small data, each time in a fresh Python with its own hash seed, so that an order taken from
a set or a dict cannot drift between runs unseen (one process cannot show that). The seed
pairs are ones under which `hash` orders these section keys differently."""

from support.cli import run_process
from support.small_data import write_small_data

OFFLINE = {"BELOFTEMETER_EMBEDDER": "geen", "BELOFTEMETER_EMBEDDING_CACHE": ""}


def written(folder):
    reports = folder / "rapporten"
    return {p.relative_to(reports).as_posix(): p.read_bytes()
            for p in sorted(reports.rglob("*.md"))}


def test_two_fresh_processes_with_different_hash_seeds_write_the_same_markdown(tmp_path):
    data = write_small_data(tmp_path / "data")
    folders = []
    for seed in ("1", "77"):
        folder = tmp_path / f"bouw-{seed}"
        folder.mkdir()
        result = run_process("bouw", "--data", data, cwd=folder,
                             env={**OFFLINE, "PYTHONHASHSEED": seed}, timeout=300)
        assert result.returncode == 0, result.stderr
        folders.append(folder)
    first, second = (written(folder) for folder in folders)
    assert len(first) == 5  # three sections, their index and the index of the agreements
    assert first == second


def test_the_same_store_copied_twice_gives_the_same_reports_in_fresh_processes(tmp_path):
    import shutil

    from beloftemeter.store import open_store
    from support.assessed_store import build

    with open_store(f"sqlite:///{tmp_path / 'beloftemeter.db'}") as store:
        build(store)
    folders = []
    for seed in ("1", "3"):
        folder = tmp_path / f"kopie-{seed}"
        folder.mkdir()
        shutil.copy(tmp_path / "beloftemeter.db", folder / "beloftemeter.db")
        result = run_process("rapport", "--alles", "--uit", "rapporten", cwd=folder,
                             env={"PYTHONHASHSEED": seed}, timeout=300)
        assert result.returncode == 0, result.stderr
        folders.append(folder)
    first, second = (written(folder) for folder in folders)
    assert len(first) == 4  # two sections, their index and the index of the agreements
    assert first == second
