"""tools/import_graph.py: the sub-packages import each other without a cycle, along the layers."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "import_graph.py"

_spec = importlib.util.spec_from_file_location("import_graph", TOOL)
assert _spec and _spec.loader
import_graph = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(import_graph)



@pytest.fixture(scope="module")
def project() -> dict:
    return import_graph.report(import_graph.find_package(ROOT / "src"))


def test_the_package_has_no_import_cycle(project):
    assert project["cycles"] == []


def test_no_edge_runs_against_the_layers(project):
    against = sorted((e["source"], e["target"]) for e in project["against_layers"])
    assert not against, f"tegen de lagen: {against}"


def test_every_sub_package_has_a_place_in_the_layers(project):
    assert project["unplaced"] == []


def test_the_graph_sees_the_layers_it_guards(project):
    edges = {(e["source"], e["target"]) for e in project["edges"]}
    assert {("search", "store"), ("cli", "search"), ("analysis", "models")} <= edges


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "src" / "beloftemeter"
    for name, text in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def _run(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOL), str(path)], capture_output=True, text=True, check=False
    )


def test_a_cycle_is_found_through_relative_and_lazy_imports_and_exits_1(tmp_path):
    package = _package(
        tmp_path,
        {
            "store/__init__.py": "",
            "store/db.py": "from ..search import engine\n",
            "search/__init__.py": "",
            "search/engine.py": "def f():\n    from beloftemeter.store import db\n",
        },
    )
    result = import_graph.report(package)
    assert result["cycles"] == [["search", "store"]]
    run = _run(tmp_path / "src")
    assert run.returncode == 1
    assert "search <-> store" in run.stdout


def test_an_upward_edge_exits_2_and_a_downward_one_is_clean(tmp_path):
    package = _package(
        tmp_path,
        {
            "config.py": "from beloftemeter import errors\n",
            "errors.py": "",
            "store/__init__.py": "from beloftemeter import config\nimport beloftemeter.errors\n",
            "sources/__init__.py": "",
            "sources/sync.py": "from beloftemeter.store import x\nfrom ..store import y, z\n",
        },
    )
    result = import_graph.report(package)
    assert result["cycles"] == []
    assert result["against_layers"] == [{"source": "sources", "target": "store", "imports": 2}]
    assert _run(package).returncode == 2

    (package / "sources" / "sync.py").write_text("from beloftemeter import config\n")
    assert _run(package).returncode == 0


def test_a_sub_package_without_a_layer_is_reported(tmp_path):
    package = _package(tmp_path, {"plugins/__init__.py": "from beloftemeter import errors\n"})
    (package / "errors.py").write_text("")
    assert import_graph.report(package)["unplaced"] == ["plugins"]
    assert _run(package).returncode == 2
