"""A chat client for any OpenAI-compatible `/chat/completions` endpoint.

Deterministic where the server allows it (temperature 0 and a fixed seed), with a timeout per
request and retries with exponential backoff on timeouts, connection errors and 5xx answers.
Every failure becomes one Dutch `SourceError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from beloftemeter.config import Settings
from beloftemeter.errors import ConfigError, SourceError
from beloftemeter.http_retry import RetriesExhausted, TransientError, call_with_retries

TEMPERATURE = 0.0
SEED = 42
BACKOFF_MAX_SECONDS = 20.0


@dataclass(frozen=True)
class ChatSettings:
    base_url: str
    model: str
    api_key: str = ""
    timeout: float = 120.0
    retries: int = 2
    backoff_seconds: float = 1.0

    @classmethod
    def from_settings(cls, settings: Settings) -> ChatSettings:
        if not settings.llm_base_url:
            raise ConfigError("Geen taalmodel ingesteld: zet llm_base_url (en llm_model).")
        return cls(settings.llm_base_url.rstrip("/"), settings.llm_model, settings.llm_api_key,
                   settings.llm_timeout, settings.llm_retries)

    def describe(self) -> dict:
        """What a report records about the model (never the key)."""
        return {"base_url": self.base_url, "model": self.model, "temperature": TEMPERATURE,
                "seed": SEED}


class ChatClient:
    def __init__(self, settings: ChatSettings, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
        self._http = httpx.Client(timeout=settings.timeout, headers=headers, transport=transport)

    def close(self) -> None:
        self._http.close()

    def complete(self, messages: Sequence[dict[str, str]], max_tokens: int = 1500) -> str:
        """The model's reply to `messages` ([{"role": ..., "content": ...}])."""
        body = {"model": self.settings.model, "messages": list(messages),
                "temperature": TEMPERATURE, "seed": SEED, "max_tokens": max_tokens}
        try:
            return call_with_retries(
                self._post_once,
                body,
                retries=self.settings.retries,
                backoff_seconds=self.settings.backoff_seconds,
                backoff_max_seconds=BACKOFF_MAX_SECONDS,
            )
        except RetriesExhausted as exc:
            cause = exc.cause
            raise SourceError(
                f"Het taalmodel op {self.settings.base_url} antwoordde niet bruikbaar na"
                f" {self.settings.retries + 1} poging(en): {cause}."
            ) from None

    def _post_once(self, body: dict) -> str:
        url = f"{self.settings.base_url}/chat/completions"
        try:
            response = self._http.post(url, json=body)
        except httpx.TimeoutException:
            raise TransientError(f"geen antwoord binnen {self.settings.timeout:g} s") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise TransientError(f"verbinding mislukt ({type(exc).__name__})") from None
        except httpx.HTTPError as exc:  # e.g. a redirect loop: another try will not help
            raise SourceError(f"Het taalmodel op {self.settings.base_url} is niet bereikbaar"
                              f" ({type(exc).__name__}).") from None
        if response.status_code >= 500 or response.status_code == 429:
            raise TransientError(f"HTTP {response.status_code}")
        if response.status_code >= 400:
            raise SourceError(f"Het taalmodel weigerde de vraag: HTTP {response.status_code}"
                              f" ({response.text[:200]}).")
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError, RecursionError):
            raise TransientError("antwoord zonder tekst") from None
        if not isinstance(content, str) or not content.strip():
            raise TransientError("leeg antwoord")
        return content
