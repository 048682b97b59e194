"""The retry wrapper both outside clients share (decisions API and language model)."""

import pytest

from beloftemeter.errors import SourceError
from beloftemeter.http_retry import (
    RetriesExhausted,
    TransientError,
    call_with_retries,
    retry_after_seconds,
)
from beloftemeter.llm import client as llm_client
from beloftemeter.llm.client import ChatClient, ChatSettings
from beloftemeter.sources import decisions_api
from support.llm_server import LlmServer, Reply


def _flaky(failures, error=None):
    error = error or TransientError("HTTP 503")
    calls = []

    def call(value):
        calls.append(value)
        if len(calls) <= failures:
            raise error
        return value * 2

    return call, calls


def test_a_transient_failure_is_tried_again_until_it_succeeds():
    call, calls = _flaky(2)
    assert call_with_retries(call, 21, retries=2, backoff_seconds=0, backoff_max_seconds=0) == 42
    assert calls == [21, 21, 21]


def test_when_every_attempt_fails_the_last_failure_and_the_count_are_given():
    call, calls = _flaky(5)
    with pytest.raises(RetriesExhausted) as caught:
        call_with_retries(call, 1, retries=2, backoff_seconds=0, backoff_max_seconds=0)
    assert (caught.value.attempts, str(caught.value.cause), len(calls)) == (3, "HTTP 503", 3)


def test_any_other_error_passes_at_once():
    call, calls = _flaky(1, SourceError("weigert"))
    with pytest.raises(SourceError):
        call_with_retries(call, 1, retries=5, backoff_seconds=0, backoff_max_seconds=0)
    assert len(calls) == 1


@pytest.mark.parametrize(("header", "seconds"),
                         [("3", 3.0), ("", 0.0), ("morgen", 0.0), ("-1", 0.0), ("inf", 0.0)])
def test_only_a_finite_number_of_seconds_is_a_retry_after(header, seconds):
    assert retry_after_seconds(header) == seconds


def test_both_clients_use_the_shared_wrapper():
    assert decisions_api.call_with_retries is call_with_retries
    assert llm_client.call_with_retries is call_with_retries
    assert decisions_api.TransientError is llm_client.TransientError is TransientError


@pytest.mark.parametrize("bad", [Reply(gzip=True), Reply(deep=True)], ids=["gzip", "diep"])
def test_the_model_client_retries_a_bad_encoding_or_a_too_deep_answer(bad):
    # Before: httpx.DecodingError and RecursionError escaped as tracebacks.
    with LlmServer([bad, Reply("Goed.")]) as server:
        client = ChatClient(ChatSettings(server.base_url, "m", retries=1, backoff_seconds=0))
        assert client.complete([{"role": "user", "content": "vraag"}]) == "Goed."
        client.close()
    with LlmServer(default=bad) as server:
        client = ChatClient(ChatSettings(server.base_url, "m", retries=1, backoff_seconds=0))
        with pytest.raises(SourceError, match="antwoordde niet bruikbaar na 2 poging"):
            client.complete([{"role": "user", "content": "vraag"}])
        client.close()
