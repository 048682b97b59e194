"""Import a coalition agreement under its slug: download or read the PDF, parse it, split its
promises, store it. Parsed completely before the store is touched, so bad input leaves it as
it was; another agreement of the store is never touched."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass

from beloftemeter.analysis.promises import extract_statements
from beloftemeter.config import Settings
from beloftemeter.dates import parse_range
from beloftemeter.errors import InputError
from beloftemeter.models.agreement import Agreement
from beloftemeter.pipeline.base import Phase, Progress, StoreLike, announce, counter, opened
from beloftemeter.sources.agreement_download import download_agreement
from beloftemeter.sources.agreement_layout import read_bytes
from beloftemeter.sources.agreement_pdf import parse_agreement
from beloftemeter.sources.capped_file import DEFAULT_MAX_PDF_BYTES, megabytes
from beloftemeter.sources.known_agreements import DEFAULT_SLUG, KNOWN
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store.agreements import check_slug, list_agreements

log = logging.getLogger(__name__)

# As store.agreement_write words it, which refuses the same case when called directly.
UNKNOWN_TERM = ("Onbekende regeerperiode voor akkoord {slug}: geef het begin (--van JJJJ-MM-DD)"
                " en zo nodig het einde (--tot JJJJ-MM-DD).")


@dataclass(frozen=True)
class AgreementImport:
    source: str
    slug: str  # the agreement it was stored under
    changed: bool  # False: exactly this agreement was already stored
    pages: int
    nodes: int
    sections: int
    statements: int
    promises: int
    toc_mismatches: tuple[str, ...]  # where the table of contents differs from the text


def prepare_agreement(
    data: bytes, source: str, progress: Callable[[int], None] | None = None,
    max_bytes: int = DEFAULT_MAX_PDF_BYTES,
) -> Agreement:
    """Parser → promise splitter: the agreement with its statements, ready to store."""
    parsed = parse_agreement(data, progress, name=source, max_bytes=max_bytes)
    statements = extract_statements(parsed.nodes)
    return dataclasses.replace(parsed, source=source, statements=tuple(statements))


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def import_slug(settings: Settings, slug: str | None = None) -> str:
    """The slug an import stores under: the one given, else the setting agreement_slug,
    else the 2019-2024 agreement's; checked (InputError in Dutch) before anything is read."""
    return check_slug((slug or settings.agreement_slug or DEFAULT_SLUG).strip().lower())


def _term(store: StoreLike, slug: str, term_start: str | None,
          term_end: str | None) -> tuple[str, str | None]:
    """The term to store, each end the one given, else the known slug's, else the one stored
    with this slug before (the store is only opened for that); checked, the start not after
    the end. An unknown slug without a start stays without one."""
    before = KNOWN.get(slug)
    if before is None and not (term_start and term_end):
        with opened(store) as target:
            before = next((a for a in list_agreements(target) if a.slug == slug), None)
    start = term_start or (before.term_start if before else "")
    end = term_end or (before.term_end if before else None)
    if start:
        parse_range(start, end)
    return start, end


def import_agreement(
    store: StoreLike,
    settings: Settings,
    source: str | None = None,
    *,
    slug: str | None = None,
    term_start: str | None = None,
    term_end: str | None = None,
    progress: Progress | None = None,
    on_phase: Phase | None = None,
) -> AgreementImport:
    """Read an agreement from `source` (a PDF file, a PDF's URL or a page linking to it;
    default the setting agreement_url) and store it under `slug` (`import_slug`) with its
    government's term (ISO days; default the known slug's, or the one stored before)."""
    slug = import_slug(settings, slug)
    term_start, term_end = _term(store, slug, term_start, term_end)
    if not term_start:  # refused before the PDF is read or downloaded
        raise InputError(UNKNOWN_TERM.format(slug=slug))
    source = source or settings.agreement_url
    max_bytes = megabytes(settings.max_pdf_mb)
    if is_url(source):
        announce(on_phase, "Regeerakkoord downloaden")
        downloaded = (None if progress is None
                      else lambda n, total=None: progress(n, total))
        data = download_agreement(source, timeout=settings.http_timeout, progress=downloaded,
                                  max_bytes=max_bytes)
    else:
        data = read_bytes(source, max_bytes)
    announce(on_phase, "Regeerakkoord lezen (pagina's)")
    agreement = prepare_agreement(data, source, counter(progress), max_bytes)
    agreement = dataclasses.replace(agreement, slug=slug, term_start=term_start,
                                    term_end=term_end)
    with opened(store) as target:
        changed = agreement_store.save_agreement(target, agreement)
    log.info("regeerakkoord %s (%s): %s", slug, source, "ingelezen" if changed else "ongewijzigd")
    return AgreementImport(
        source=source,
        slug=slug,
        changed=changed,
        pages=agreement.page_count,
        nodes=len(agreement.nodes),
        sections=sum(1 for node in agreement.nodes if node.kind == "section"),
        statements=len(agreement.statements),
        promises=sum(1 for statement in agreement.statements if statement.is_promise),
        toc_mismatches=tuple(agreement.toc_mismatches),
    )
