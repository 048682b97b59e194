"""Retrying a call to an outside service with exponential backoff, shared by every client.

A client raises `TransientError` for a failure worth another try (a server error, a timeout,
a dropped connection, an unreadable answer); `call_with_retries` waits and tries again, at
least as long as the server asked for (`Retry-After`), and raises `RetriesExhausted` with the
last failure when every attempt failed. Anything else passes through at once. Each client
turns `RetriesExhausted` into its own Dutch error line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from tenacity import (
    RetryCallState,
    RetryError,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

T = TypeVar("T")


class TransientError(Exception):
    """A failure worth retrying; `retry_after` is the pause the server asked for, if any."""

    def __init__(self, message: str, retry_after: float = 0.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RetriesExhausted(Exception):
    """Every attempt failed; `cause` is the last failure, `attempts` how many were made."""

    def __init__(self, cause: BaseException | None, attempts: int) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.attempts = attempts


def retry_after_seconds(value: str | None) -> float:
    """Seconds asked for in a Retry-After header (only the number-of-seconds form)."""
    try:
        seconds = float(value or "")
    except ValueError:
        return 0.0
    return seconds if 0.0 <= seconds < float("inf") else 0.0


def call_with_retries(
    func: Callable[..., T],
    *args: Any,
    retries: int,
    backoff_seconds: float,
    backoff_max_seconds: float,
) -> T:
    """`func(*args)`, tried `retries + 1` times in all while it raises `TransientError`."""
    backoff = wait_exponential(multiplier=backoff_seconds, max=backoff_max_seconds)

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        asked = error.retry_after if isinstance(error, TransientError) else 0.0
        return max(backoff(state), min(asked, backoff_max_seconds))

    attempts = max(0, retries) + 1
    retrying = Retrying(
        retry=retry_if_exception_type(TransientError),
        stop=stop_after_attempt(attempts),
        wait=wait,
        reraise=False,
    )
    try:
        return retrying(func, *args)
    except RetryError as exc:
        raise RetriesExhausted(exc.last_attempt.exception(), attempts) from None
