"""The use cases pass the configured input limits on to the readers."""

import pytest

from beloftemeter.config import Settings
from beloftemeter.errors import InputError
from beloftemeter.pipeline.agreement import import_agreement
from beloftemeter.pipeline.decisions_import import import_decisions
from beloftemeter.pipeline.policy import import_policy
from support.small_data import write_small_data


@pytest.fixture
def data(tmp_path):
    return write_small_data(tmp_path / "data")


def test_the_pdf_limit_applies_to_the_agreement_and_to_policy_documents(tmp_path, data):
    tiny = Settings(store_url=f"sqlite:///{tmp_path / 't.db'}", max_pdf_mb=0.0001)
    with pytest.raises(InputError, match="max_pdf_mb"):
        import_agreement(tiny.store_url, tiny, str(data / "regeerakkoord-test.pdf"))
    with pytest.raises(InputError, match="max_pdf_mb"):
        import_policy(tiny.store_url, tiny, data / "policy" / "testplan.txt")
    assert not (tmp_path / "t.db").exists()  # refused before the store was opened


def test_the_text_limit_applies_to_an_imported_dump(tmp_path, data):
    settings = Settings(store_url=f"sqlite:///{tmp_path / 't.db'}", max_decision_text_kb=0.05)
    result = import_decisions(settings.store_url, settings, data / "decisions-test.jsonl")
    assert result.read == 85 and result.truncated > 0
