"""What every command needs: settings, the store, JSON output, progress bars."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from beloftemeter import config as config_module
from beloftemeter.config import Settings
from beloftemeter.store import Store, open_store

# soft_wrap: never break lines ourselves, so piped output and tests see whole lines.
console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class Context:
    """Per-invocation state, built once by the root callback."""

    config_file: str | None = None
    store_url: str | None = None
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            settings = config_module.load(self.config_file)
            if self.store_url:
                settings = replace(settings, store_url=self.store_url)
            self._settings = settings
        return self._settings

    @contextmanager
    def store(self) -> Iterator[Store]:
        store = open_store(self.settings.store_url)
        try:
            yield store
        finally:
            store.close()


def print_json(data: Any) -> None:
    """Machine-readable output on stdout, UTF-8, nothing else on that stream."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        disable=not err_console.is_terminal,
        transient=False,
    )


@contextmanager
def progress_bar(description: str, total: int | None = None) -> Iterator[Any]:
    """A rich progress bar on stderr; yields `advance(n=1, total=None)`.

    Hidden when stderr is not a terminal, so piped output and tests stay clean.
    """
    with phased_progress(description) as (advance, _):
        if total is not None:
            advance(0, total)
        yield advance


@contextmanager
def phased_progress(first: str = "") -> Iterator[tuple[Any, Any]]:
    """Progress bars on stderr for a use case with phases: yields `(advance, on_phase)` to
    pass on as its `progress` and `on_phase` callbacks; each phase gets its own bar (the
    first one labelled `first` when given, else by the use case)."""
    with _progress() as progress:
        current: list[Any] = []

        def on_phase(label: str) -> None:
            if current:
                progress.stop_task(current[-1])
            current.append(progress.add_task(label, total=None))

        def advance(n: int = 1, total: int | None = None) -> None:
            if not current:
                on_phase("")
            if total is not None:
                progress.update(current[-1], total=total)
            progress.advance(current[-1], n)

        if first:
            on_phase(first)
        yield advance, on_phase
