"""What every command needs: settings, the store and the agreement it is about, JSON output,
progress bars."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Annotated, Any

import typer
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
from beloftemeter.models.agreement import StoredAgreement
from beloftemeter.store import Store, open_store, scope

# soft_wrap: never break lines ourselves, so piped output and tests see whole lines.
console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


# `--akkoord SLUG`, on the root command and on every command that is about one agreement;
# the command's own option wins over the root's, which wins over the setting agreement_slug.
AgreementOption = Annotated[str | None, typer.Option(
    "--akkoord", metavar="SLUG",
    help="Het akkoord, bv. vlaanderen-2019-2024 (zie `akkoord lijst`); standaard de instelling"
    " agreement_slug, anders het enige of het meest recente.")]


@dataclass
class Context:
    """Per-invocation state, built once by the root callback."""

    config_file: str | None = None
    store_url: str | None = None
    agreement_slug: str | None = None  # from `--akkoord`
    _settings: Settings | None = field(default=None, repr=False)
    _chosen: StoredAgreement | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            settings = config_module.load(self.config_file)
            if self.store_url:
                settings = replace(settings, store_url=self.store_url)
            self._settings = settings
        return self._settings

    def about(self, slug: str | None) -> Context:
        """This context, with a command's own `--akkoord` (when given) in force."""
        if slug is not None:
            self.agreement_slug = slug
            self._chosen = None
        return self

    @property
    def wanted_agreement(self) -> str | None:
        """The slug asked for (`--akkoord`, else agreement_slug), None for the default."""
        return self.agreement_slug or self.settings.agreement_slug or None

    def choose_agreement(self, store: Store | None = None) -> StoredAgreement | None:
        """Put the agreement asked for in scope for the rest of the run, before anything is
        fetched or written: NotFoundError (Dutch, exit 3) for an unknown slug. Without one,
        the default applies (the only agreement, or the most recent government's)."""
        from beloftemeter.store import agreements

        slug = self.wanted_agreement
        if slug is None:
            scope.choose(None)
            return None
        if self._chosen is None or self._chosen.slug != slug.strip().lower():
            if store is None:
                with self.store() as opened:
                    self._chosen = agreements.find(opened, slug)
            else:
                self._chosen = agreements.find(store, slug)
        scope.choose(self._chosen.id)
        return self._chosen

    @contextmanager
    def store(self) -> Iterator[Store]:
        store = open_store(self.settings.store_url)
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def agreement_store(self) -> Iterator[Store]:
        """The store, with the agreement asked for in scope (`choose_agreement`)."""
        with self.store() as store:
            self.choose_agreement(store)
            yield store


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
