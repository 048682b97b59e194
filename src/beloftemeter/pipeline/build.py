"""The main job in one call, for one agreement: read it, import or sync the decisions (shared
by every agreement), bring the search index up to date, read the policy documents, assess
its promises and write its reports. Every step is idempotent, so running it again only does
what changed.

Which PDF: the agreement named by the setting agreement_slug (default vlaanderen-2019-2024)
is read from the data folder or agreement_url, as before there were several; another one from
the source given for it (`bouw --akkoord SLUG --akkoord-bron BRON`), else it is used as
stored (imported earlier with `akkoord import --akkoord SLUG`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from beloftemeter.config import Settings
from beloftemeter.errors import InputError
from beloftemeter.models.agreement import StoredAgreement
from beloftemeter.pipeline.agreement import AgreementImport, import_agreement, import_slug, is_url
from beloftemeter.pipeline.assess import AssessmentResult, run_assessment
from beloftemeter.pipeline.base import Phase, Progress, StoreLike, opened
from beloftemeter.pipeline.decisions_import import DecisionsImport, import_decisions
from beloftemeter.pipeline.decisions_sync import sync_decisions
from beloftemeter.pipeline.index import IndexResult, index_decisions
from beloftemeter.pipeline.policy import PolicyImport, import_policy
from beloftemeter.pipeline.reports import write_reports
from beloftemeter.pipeline.sync_windows import SyncResult
from beloftemeter.reports.writer import WriteReport
from beloftemeter.sources.known_agreements import KNOWN
from beloftemeter.store import agreements, scope

STEPS = 6
REPORT_FORMATS = ("md", "html")
POLICY_SUFFIXES = {".txt", ".pdf"}


@dataclass(frozen=True)
class Step:
    """A step of the build: announced with `result` None, then finished with its result."""

    number: int
    label: str  # Dutch, e.g. "regeerakkoord uit data/regeerakkoord.pdf"
    result: object | None = None
    total: int = STEPS


@dataclass(frozen=True)
class BuildResult:
    agreement: AgreementImport | StoredAgreement  # stored: used as it was, not read again
    decisions: DecisionsImport | SyncResult
    index: IndexResult
    policy: tuple[PolicyImport, ...]
    assessment: AssessmentResult
    reports: WriteReport


def _find_one(folder: Path, patterns: tuple[str, ...], what: str) -> Path:
    for pattern in patterns:
        matches = sorted(folder.glob(pattern))
        if matches:
            return matches[0]
    raise InputError(f"Geen {what} gevonden in {folder} (gezocht: {', '.join(patterns)}).")


def local_sources(folder: Path) -> tuple[Path, Path]:
    """The agreement PDF and the decisions dump inside a local data folder."""
    if not folder.is_dir():
        raise InputError(f"Map niet gevonden: {folder}")
    pdf = _find_one(folder, ("regeerakkoord*.pdf", "*.pdf"), "PDF van het regeerakkoord")
    dump = _find_one(folder, ("decisions*.jsonl", "beslissingen*.jsonl", "*.jsonl"),
                     "JSONL-dump met beslissingen")
    return pdf, dump


def policy_files(folder: Path | None) -> list[Path]:
    """The policy notes and plans in the data folder's `policy` folder, by name."""
    if folder is None or not (folder / "policy").is_dir():
        return []
    return sorted(p for p in (folder / "policy").glob("*") if p.suffix.lower() in POLICY_SUFFIXES)


def _agreement_source(target, settings: Settings, slug: str, source: str | None,
                      pdf: Path | None) -> str | None:
    """Where to read agreement `slug` from: the source given, else for the default agreement
    the data folder's PDF or agreement_url; None: use it as stored. Refuses (before anything
    is fetched or written) an agreement that is neither stored nor readable."""
    if source:
        if slug not in KNOWN:
            agreements.find(target, slug)  # an unknown slug needs its term: `akkoord import`
        return source
    if slug == import_slug(settings):
        return str(pdf) if pdf is not None else settings.agreement_url
    if slug in KNOWN and slug not in {a.slug for a in agreements.list_agreements(target)}:
        raise InputError(f"Akkoord {slug} is nog niet ingelezen: geef de PDF met --akkoord-bron"
                         f" BRON, of lees het eerst in (`beloftemeter akkoord import BRON"
                         f" --akkoord {slug}`).")
    agreements.find(target, slug)  # NotFoundError (Dutch) for a slug the store lacks
    return None


def build(
    store: StoreLike,
    settings: Settings,
    data: Path | None = None,
    *,
    agreement: str | None = None,
    agreement_source: str | None = None,
    progress: Progress | None = None,
    on_phase: Phase | None = None,
    on_step: Callable[[Step], None] | None = None,
) -> BuildResult:
    """Everything for agreement `agreement` (a slug; default the setting agreement_slug, else
    vlaanderen-2019-2024), from the local folder `data` (offline: the agreement's PDF, a JSONL
    dump of decisions, policy documents in data/policy) or else from the public sources."""
    sources = local_sources(data) if data is not None else None  # fails before any change
    slug = import_slug(settings, agreement)
    reports_dir = Path(settings.reports_dir)

    def step(number: int, label: str, run: Callable[[], object]):
        if on_step is not None:
            on_step(Step(number, label))
        result = run()
        if on_step is not None:
            on_step(Step(number, label, result))
        return result

    with opened(store) as target:
        source = _agreement_source(target, settings, slug, agreement_source,
                                   sources[0] if sources else None)
        # A second `bouw` on the same store is refused with one Dutch line, before it writes.
        with target.exclusive("bouw"):
            if source is None:
                read = step(1, f"regeerakkoord {slug}: zoals ingelezen",
                            lambda: agreements.find(target, slug))
            else:
                where = "van" if is_url(source) else "uit"
                read = step(1, f"regeerakkoord {slug} {where} {source}", lambda: import_agreement(
                    target, settings, source, slug=slug, progress=progress, on_phase=on_phase))
            # The data folder's policy documents go with its agreement PDF.
            policy = data if slug == import_slug(settings) else None
            with scope.using(agreements.find(target, slug).id):
                rest = _after_the_agreement(target, settings, policy, sources,
                                            reports_dir / slug, step, progress, on_phase)
    return BuildResult(read, *rest)


def _after_the_agreement(target, settings: Settings, policy_folder: Path | None,
                         sources: tuple[Path, Path] | None, reports: Path, step,
                         progress: Progress | None, on_phase: Phase | None) -> tuple:
    """Steps 2 to 6, with the agreement in scope."""
    if sources is not None:
        dump = sources[1]
        decisions = step(2, f"beslissingen uit {dump}", lambda: import_decisions(
            target, settings, dump, progress=progress))
    else:
        decisions = step(2, f"beslissingen van {settings.decisions_api_url}",
                         lambda: sync_decisions(target, settings, progress=progress))
    index = step(3, "zoekindex bijwerken", lambda: index_decisions(
        target, settings, progress=progress, on_phase=on_phase))
    files = policy_files(policy_folder)
    policy = step(4, f"beleidsdocumenten: {len(files)}", lambda: tuple(
        import_policy(target, settings, path) for path in files))
    assessment = step(5, "beloften beoordelen", lambda: run_assessment(
        target, settings, progress=progress))
    written = step(6, f"rapporten schrijven in {reports}", lambda: write_reports(
        target, settings, reports.parent, REPORT_FORMATS, progress=progress))
    return decisions, index, policy, assessment, written
