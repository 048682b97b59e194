"""What the web app shows, read from the store once at start-up: the agreement's tree with a
status roll-up per node, the assessments, and decision counts over time. Read again in place
(`update_from`) when an editor saves or another process writes the store (see web.state)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from beloftemeter.analysis.rollup import Rollup, rollup
from beloftemeter.models.agreement import Node
from beloftemeter.models.assessment import Assessment
from beloftemeter.store import Store
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store import assessment as assessment_store
from beloftemeter.store import policy as policy_store
from beloftemeter.store.decisions import meeting_dates
from beloftemeter.web.formatting import node_label


@dataclass(frozen=True)
class TreeNode:
    node: Node
    own: Rollup  # its own promises
    total: Rollup  # with its subsections
    children: tuple[TreeNode, ...] = field(default=())


@dataclass(frozen=True)
class PromiseLink:
    """A promise a decision is linked to, and how: its role in the promise's assessment
    (models.assessment.ROLES: evidence, candidate or context)."""

    role: str
    node_key: str
    ordinal: int


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
    linked: dict[str, list[PromiseLink]]  # decision id -> every promise it is linked to
    total: Rollup  # the whole agreement
    planned: set[tuple[str, int]] = field(default_factory=set)  # promises with a plan

    def with_verdicts(self, changed: Iterable[Assessment]) -> Snapshot:
        """A new snapshot with `changed` in place of the verdicts of the same promises (an
        editor's save): the rest is rebuilt from memory, without reading every verdict."""
        new = {(a.node_key, a.ordinal): a for a in changed}
        verdicts = [new.pop((a.node_key, a.ordinal), a)
                    for own in self.assessments.values() for a in own]
        return build_snapshot(self.nodes, [*verdicts, *new.values()], self.planned,
                              self.decisions_per_quarter)

    def update_from(self, fresh: Snapshot) -> None:
        """Take every field of `fresh`: templates and routers keep a reference to this
        object (its bound methods are template globals), so it is changed, never replaced."""
        for name in [f.name for f in fields(self)]:
            setattr(self, name, getattr(fresh, name))

    def part_number(self, key: str) -> int | None:
        """The 1-based number of the part `key` lies in (its chapters' numbers restart in
        every part), None outside parts."""
        node = self.nodes.get(key)
        while node is not None and node.kind != "part":
            node = self.nodes.get(node.parent_key or "")
        if node is None:
            return None
        parts = [t.node.key for t in self.roots if t.node.kind == "part"]
        return parts.index(node.key) + 1 if node.key in parts else None

    def trail(self, key: str) -> list[Node]:
        """The nodes from the top of the tree down to `key` (itself included)."""
        out: list[Node] = []
        node = self.nodes.get(key)
        while node is not None:
            out.append(node)
            node = self.nodes.get(node.parent_key or "")
        return out[::-1]

    def place(self, key: str) -> str:
        """Where `key` stands, readable on its own: chapter numbers restart in every part and
        section numbers in every chapter ("Deel 2 › 3 Justitie › 3.1 Toegang tot het recht")."""
        number = self.part_number(key)
        return " › ".join(node_label(n, number) for n in self.trail(key))

    def chapters_by_part(self) -> list[tuple[TreeNode | None, list[TreeNode]]]:
        """The chapters under their part, in the agreement's order (part None: no parts)."""
        groups: dict[str | None, list[TreeNode]] = {}
        for chapter in self.chapters:
            part = next((n.key for n in self.trail(chapter.node.key) if n.kind == "part"), None)
            groups.setdefault(part, []).append(chapter)
        return [(self.by_key[part] if part else None, items) for part, items in groups.items()]


def load_snapshot(store: Store) -> Snapshot:
    quarters: Counter[str] = Counter()
    for day in meeting_dates(store):
        quarters[f"{day[:4]}-K{(int(day[5:7]) - 1) // 3 + 1}"] += 1
    return build_snapshot({n.key: n for n in agreement_store.list_nodes(store)},
                          assessment_store.load_assessments(store),
                          policy_store.planned_promises(store), sorted(quarters.items()))


def build_snapshot(nodes: dict[str, Node], verdicts: Iterable[Assessment],
                   planned: set[tuple[str, int]],
                   decisions_per_quarter: list[tuple[str, int]]) -> Snapshot:
    """The snapshot of these verdicts (in agreement order) over the agreement's `nodes`."""
    assessments: dict[str, list[Assessment]] = {}
    cited_by: dict[str, list[tuple[str, int]]] = {}
    linked: dict[str, list[PromiseLink]] = {}
    everything: list[Assessment] = []
    for a in verdicts:
        assessments.setdefault(a.node_key, []).append(a)
        everything.append(a)
        for e in a.evidence:
            cited_by.setdefault(e.decision_id, []).append((a.node_key, a.ordinal))
        for e in (*a.evidence, *a.candidates, *a.context):
            linked.setdefault(e.decision_id, []).append(PromiseLink(e.role, a.node_key,
                                                                    a.ordinal))
    children: dict[str | None, list[Node]] = {}
    for node in nodes.values():
        parent = node.parent_key if node.parent_key in nodes else None
        children.setdefault(parent, []).append(node)

    by_key: dict[str, TreeNode] = {}

    def build(node: Node) -> TreeNode:
        kids = tuple(build(child) for child in children.get(node.key, []))
        own = assessments.get(node.key, [])
        below = list(own)
        stack = list(kids)
        while stack:
            kid = stack.pop()
            below += assessments.get(kid.node.key, [])
            stack += kid.children
        title = f"{node.number or ''} {node.title}".strip()
        tree = TreeNode(node, rollup(node.key, title, own, planned),
                        rollup(node.key, title, below, planned), kids)
        by_key[node.key] = tree
        return tree

    roots = [build(node) for node in children.get(None, [])]
    chapters = [t for t in by_key.values() if t.node.kind == "chapter"]
    chapters.sort(key=lambda t: t.node.ordinal)
    return Snapshot(nodes, assessments, roots, by_key, chapters, decisions_per_quarter,
                    sum(n for _, n in decisions_per_quarter), cited_by, linked,
                    rollup("", "Regeerakkoord", everything, planned), planned)
