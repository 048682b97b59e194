"""The main job on a small data folder: `bouw --data` through the CLI, and `pipeline.build`
called directly (as the web app and the benchmarks do), with its steps and progress."""

import pytest

from beloftemeter.config import Settings
from beloftemeter.pipeline.build import build
from support.cli import run
from support.llm_server import LlmServer, Reply
from support.report_markdown import assert_citations_sound, parse_report
from support.small_data import write_small_data

OWN = "vlaanderen-2019-2024"  # the agreement's own folder of reports
OFFLINE = {"BELOFTEMETER_EMBEDDER": "geen", "BELOFTEMETER_EMBEDDING_CACHE": ""}


@pytest.fixture
def data(tmp_path):
    return write_small_data(tmp_path / "data")


def markdown_reports(folder):
    return sorted(p for p in (folder / "rapporten" / OWN).rglob("*.md") if p.name != "index.md")


def test_bouw_builds_everything_and_a_second_run_changes_nothing(tmp_path, data):
    first = run("bouw", "--data", data, cwd=tmp_path, env=OFFLINE)
    assert first.returncode == 0, first.stderr
    assert "Ingelezen: 6 pagina's, 8 knopen" in first.stdout
    assert "85 nieuw, 0 gewijzigd" in first.stdout
    assert "4 beloften: 4 (opnieuw) beoordeeld, 0 ongewijzigd." in first.stdout
    assert "Testplan onderwijs: 1 doelstellingen, 1 acties" in first.stdout
    assert [line.split(" ", 1)[0] for line in first.stderr.splitlines()] == [
        "1/6", "2/6", "3/6", "4/6", "5/6", "6/6"]
    reports = markdown_reports(tmp_path)
    assert [p.relative_to(tmp_path / "rapporten" / OWN).as_posix() for p in reports] == [
        "onderwijs/1.1.md", "onderwijs/1.2.1.md", "welzijn/1.1.md"]
    for path in reports:
        assert_citations_sound(parse_report(path.read_text(encoding="utf-8")))
        assert path.with_suffix(".html").is_file()
    assert "name=extractive" in reports[0].read_text(encoding="utf-8")
    again = run("bouw", "--data", data, cwd=tmp_path, env=OFFLINE)
    assert again.returncode == 0, again.stderr
    assert "Ongewijzigd: dit regeerakkoord was al ingelezen" in again.stdout
    assert "0 nieuw, 0 gewijzigd, 85 ongewijzigd" in again.stdout
    assert "4 beloften: 0 (opnieuw) beoordeeld, 4 ongewijzigd." in again.stdout


def test_bouw_writes_its_reports_with_the_configured_language_model(tmp_path, data):
    reply = "1. **Toets**: een conceptnota [0].\n\nOordeel: aangekondigd [0]."
    with LlmServer(default=Reply(reply)) as server:
        result = run("bouw", "--data", data, cwd=tmp_path, env={
            **OFFLINE, "BELOFTEMETER_REPORT_GENERATOR": "llm",
            "BELOFTEMETER_LLM_BASE_URL": server.base_url, "BELOFTEMETER_LLM_MODEL": "schrijver",
            "BELOFTEMETER_LLM_RETRIES": "0"})
    assert result.returncode == 0, result.stderr
    # One section has evidence: the model writes it once, for the Markdown and the HTML alike.
    assert len(server.requests) == 1
    assert server.requests[0]["body"]["model"] == "schrijver"
    written = (tmp_path / "rapporten" / OWN / "onderwijs" / "1.1.md").read_text(encoding="utf-8")
    assert "een conceptnota \\[0\\]" in written and "name=llm" in written
    assert "een conceptnota" in (tmp_path / "rapporten" / OWN / "onderwijs" / "1.1.html").read_text(
        encoding="utf-8")


def test_a_missing_data_folder_is_refused_before_anything_is_stored(tmp_path):
    result = run("bouw", "--data", tmp_path / "weg", cwd=tmp_path, env=OFFLINE)
    assert result.returncode == 2
    assert result.stderr.strip() == f"fout: Map niet gevonden: {tmp_path / 'weg'}"
    assert not (tmp_path / "beloftemeter.db").exists()


def test_the_build_is_a_function_that_reports_steps_and_progress(tmp_path, data):
    settings = Settings(store_url=f"sqlite:///{tmp_path / 'b.db'}", embedder="geen",
                        embedding_cache="", reports_dir=str(tmp_path / "uit"))
    steps, phases, progressed = [], [], []
    result = build(settings.store_url, settings, data, on_step=steps.append,
                   on_phase=phases.append, progress=lambda n, total: progressed.append(n))
    assert [(s.number, s.result is None) for s in steps] == [
        (n, started) for n in range(1, 7) for started in (True, False)]
    assert steps[-1].result is result.reports
    assert result.agreement.promises == 4 and result.decisions.counts.new == 85
    assert result.assessment.run.promises == 4 and len(result.policy) == 1
    assert result.reports.reports == 3 and (tmp_path / "uit" / OWN / "index.html").is_file()
    assert result.reports.agreements_index == tmp_path / "uit" / "index.md"
    assert "Regeerakkoord lezen (pagina's)" in phases and sum(progressed) > 0
