"""Import the coalition agreement: download or read the PDF, parse it, split its promises,
store it. Parsed completely before the store is touched, so bad input leaves it as it was."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass

from beloftemeter.analysis.promises import extract_statements
from beloftemeter.config import Settings
from beloftemeter.models.agreement import Agreement
from beloftemeter.pipeline.base import Phase, Progress, StoreLike, announce, counter, opened
from beloftemeter.sources.agreement_download import download_agreement
from beloftemeter.sources.agreement_layout import read_bytes
from beloftemeter.sources.agreement_pdf import parse_agreement
from beloftemeter.sources.capped_file import DEFAULT_MAX_PDF_BYTES, megabytes
from beloftemeter.store import agreement as agreement_store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgreementImport:
    source: str
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


def import_agreement(
    store: StoreLike,
    settings: Settings,
    source: str | None = None,
    *,
    progress: Progress | None = None,
    on_phase: Phase | None = None,
) -> AgreementImport:
    """Read the agreement from `source` (a PDF file, a PDF's URL or a page linking to it;
    default the setting agreement_url) and store it."""
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
    with opened(store) as target:
        changed = agreement_store.save_agreement(target, agreement)
    log.info("regeerakkoord %s: %s", source, "ingelezen" if changed else "ongewijzigd")
    return AgreementImport(
        source=source,
        changed=changed,
        pages=agreement.page_count,
        nodes=len(agreement.nodes),
        sections=sum(1 for node in agreement.nodes if node.kind == "section"),
        statements=len(agreement.statements),
        promises=sum(1 for statement in agreement.statements if statement.is_promise),
        toc_mismatches=tuple(agreement.toc_mismatches),
    )
