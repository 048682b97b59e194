"""One home per concern: the store package owns every query.

Datasette's habit (a Database object owns every query): outside `store/` no module sends SQL,
so a schema change is made and reviewed in one place. The check reads the source with `ast`:
any call of a method named `execute`, `executemany` or `executescript` outside
src/beloftemeter/store/ fails it.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "beloftemeter"
STORE = PACKAGE / "store"
SQL_METHODS = {"execute", "executemany", "executescript"}


def sql_calls(source: str) -> list[int]:
    """Line numbers of the calls of an SQL method in `source`."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SQL_METHODS
    ]


def test_no_module_outside_the_store_sends_sql():
    found = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if STORE not in path.parents
        for line in sql_calls(path.read_text(encoding="utf-8"))
    ]
    assert found == [], f"SQL buiten store/: {found}"


def test_the_check_sees_the_package_and_every_way_of_sending_sql():
    assert (STORE / "decisions.py").is_file() and len(list(PACKAGE.rglob("*.py"))) > 20
    assert sql_calls("store.execute('SELECT 1')") == [1]
    assert sql_calls("x = 1\nwith s.transaction() as c:\n    c.executemany('...', rows)") == [3]
    assert sql_calls("db.connection.executescript(script)") == [1]
    assert sql_calls("decisions = count_decisions(store)\nrun(execute)") == []
