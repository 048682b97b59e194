"""The main job in one call: read the agreement, import or sync the decisions, bring the
search index up to date, read the policy documents, assess every promise and write the
reports. Every step is idempotent, so running it again only does what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from beloftemeter.config import Settings
from beloftemeter.errors import InputError
from beloftemeter.pipeline.agreement import AgreementImport, import_agreement
from beloftemeter.pipeline.assess import AssessmentResult, run_assessment
from beloftemeter.pipeline.base import Phase, Progress, StoreLike, opened
from beloftemeter.pipeline.decisions_import import DecisionsImport, import_decisions
from beloftemeter.pipeline.decisions_sync import sync_decisions
from beloftemeter.pipeline.index import IndexResult, index_decisions
from beloftemeter.pipeline.policy import PolicyImport, import_policy
from beloftemeter.pipeline.reports import write_reports
from beloftemeter.pipeline.sync_windows import SyncResult
from beloftemeter.reports.writer import WriteReport

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
    agreement: AgreementImport
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


def build(
    store: StoreLike,
    settings: Settings,
    data: Path | None = None,
    *,
    progress: Progress | None = None,
    on_phase: Phase | None = None,
    on_step: Callable[[Step], None] | None = None,
) -> BuildResult:
    """Everything, from the local folder `data` (offline: the agreement's PDF, a JSONL dump of
    decisions, policy documents in data/policy) or else from the public sources."""
    sources = local_sources(data) if data is not None else None  # fails before any change
    reports_dir = Path(settings.reports_dir)

    def step(number: int, label: str, run: Callable[[], object]):
        if on_step is not None:
            on_step(Step(number, label))
        result = run()
        if on_step is not None:
            on_step(Step(number, label, result))
        return result

    # A second `bouw` on the same store is refused with one Dutch line, before it writes.
    with opened(store) as target, target.exclusive("bouw"):
        if sources is not None:
            pdf, dump = sources
            agreement = step(1, f"regeerakkoord uit {pdf}", lambda: import_agreement(
                target, settings, str(pdf), progress=progress, on_phase=on_phase))
            decisions = step(2, f"beslissingen uit {dump}", lambda: import_decisions(
                target, settings, dump, progress=progress))
        else:
            agreement = step(1, f"regeerakkoord van {settings.agreement_url}",
                             lambda: import_agreement(target, settings, progress=progress,
                                                      on_phase=on_phase))
            decisions = step(2, f"beslissingen van {settings.decisions_api_url}",
                             lambda: sync_decisions(target, settings, progress=progress))
        index = step(3, "zoekindex bijwerken", lambda: index_decisions(
            target, settings, progress=progress, on_phase=on_phase))
        files = policy_files(data)
        policy = step(4, f"beleidsdocumenten: {len(files)}", lambda: tuple(
            import_policy(target, settings, path) for path in files))
        assessment = step(5, "beloften beoordelen", lambda: run_assessment(
            target, settings, progress=progress))
        written = step(6, f"rapporten schrijven in {reports_dir}", lambda: write_reports(
            target, settings, reports_dir, REPORT_FORMATS, progress=progress))
    return BuildResult(agreement, decisions, index, policy, assessment, written)
