"""Import a policy note or plan: read it, link its actions to the promises they plan
(by quote, else by search) and to the decisions that carry them out, store it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from beloftemeter.config import Settings
from beloftemeter.pipeline.base import StoreLike, opened
from beloftemeter.store.decisions import count_decisions


@dataclass(frozen=True)
class PolicyImport:
    id: str
    title: str
    objectives: int
    actions: int
    toc_actions: int  # actions in its table of contents
    quoting_actions: int  # actions that quote the agreement
    quotes_linked: int  # ... of which linked to the promise holding the quote
    promise_links: int
    decision_links: int
    warnings: tuple[str, ...]
    without_agreement: bool  # no agreement stored yet, so nothing could be linked


def import_policy(
    store: StoreLike, settings: Settings, path: str | Path, title: str | None = None
) -> PolicyImport:
    from beloftemeter.analysis.policy_links import PromiseLinker, decision_links
    from beloftemeter.sources.capped_file import megabytes
    from beloftemeter.sources.policy_structure import parse_policy
    from beloftemeter.sources.policy_text import read_policy_text
    from beloftemeter.store import agreement as agreement_store
    from beloftemeter.store import policy as policy_store

    # Read completely before the store is touched: a bad file leaves it as it was.
    text = read_policy_text(Path(path), megabytes(settings.max_pdf_mb))
    document = parse_policy(text, str(path), title)
    with opened(store) as target:
        statements = [s for node in agreement_store.list_nodes(target)
                      for s in agreement_store.statements_of(target, node.key)]
        promise_links = PromiseLinker(statements).link(document) if statements else []
        found_decisions = []
        if count_decisions(target):
            from beloftemeter.search.engine import SearchEngine

            found_decisions = decision_links(SearchEngine(target, settings), document)
        policy_store.save_document(target, document, promise_links, found_decisions)
    quoting = [a for a in document.actions if a.agreement_quotes]
    quoted_linked = {link.action_number for link in promise_links if link.method == "citaat"}
    return PolicyImport(
        id=document.id, title=document.title, objectives=len(document.objectives),
        actions=len(document.actions), toc_actions=len(document.toc_actions),
        quoting_actions=len(quoting),
        quotes_linked=sum(a.number in quoted_linked for a in quoting),
        promise_links=len(promise_links), decision_links=len(found_decisions),
        warnings=tuple(document.warnings), without_agreement=not statements,
    )
