"""What the web app shows, read from the store once at start-up: the agreement's tree with a
status roll-up per node, the assessments, and decision counts over time. The app only reads;
`beloftemeter bouw` or `analyseer` change the store, and a restart shows the change."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from beloftemeter.analysis.rollup import Rollup, rollup
from beloftemeter.models.agreement import Node
from beloftemeter.models.assessment import Assessment
from beloftemeter.store import Store
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store import assessment as assessment_store
from beloftemeter.store import policy as policy_store
from beloftemeter.store.decisions import meeting_dates


@dataclass(frozen=True)
class TreeNode:
    node: Node
    own: Rollup  # its own promises
    total: Rollup  # with its subsections
    children: tuple[TreeNode, ...] = field(default=())


@dataclass
class Snapshot:
    nodes: dict[str, Node]
    assessments: dict[str, list[Assessment]]  # node key -> its own promises' verdicts
    roots: list[TreeNode]  # parts (or chapters when there are no parts)
    by_key: dict[str, TreeNode]
    chapters: list[TreeNode]
    decisions_per_quarter: list[tuple[str, int]]
    decision_count: int
    cited_by: dict[str, list[tuple[str, int]]]  # decision id -> (node key, ordinal) it carries


def load_snapshot(store: Store) -> Snapshot:
    nodes = {n.key: n for n in agreement_store.list_nodes(store)}
    planned = policy_store.planned_promises(store)
    assessments: dict[str, list[Assessment]] = {}
    cited_by: dict[str, list[tuple[str, int]]] = {}
    for a in assessment_store.load_assessments(store):
        assessments.setdefault(a.node_key, []).append(a)
        for e in a.evidence:
            cited_by.setdefault(e.decision_id, []).append((a.node_key, a.ordinal))
    children: dict[str | None, list[Node]] = {}
    for node in nodes.values():
        parent = node.parent_key if node.parent_key in nodes else None
        children.setdefault(parent, []).append(node)

    by_key: dict[str, TreeNode] = {}

    def build(node: Node) -> TreeNode:
        kids = tuple(build(child) for child in children.get(node.key, []))
        own = assessments.get(node.key, [])
        everything = list(own)
        stack = list(kids)
        while stack:
            kid = stack.pop()
            everything += assessments.get(kid.node.key, [])
            stack += kid.children
        title = f"{node.number or ''} {node.title}".strip()
        tree = TreeNode(node, rollup(node.key, title, own, planned),
                        rollup(node.key, title, everything, planned), kids)
        by_key[node.key] = tree
        return tree

    roots = [build(node) for node in children.get(None, [])]
    chapters = [t for t in by_key.values() if t.node.kind == "chapter"]
    chapters.sort(key=lambda t: t.node.ordinal)
    quarters: Counter[str] = Counter()
    for day in meeting_dates(store):
        quarters[f"{day[:4]}-K{(int(day[5:7]) - 1) // 3 + 1}"] += 1
    return Snapshot(nodes, assessments, roots, by_key, chapters, sorted(quarters.items()),
                    sum(quarters.values()), cited_by)
