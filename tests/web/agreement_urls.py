"""The addresses of the test stores' agreement: every page and API of an agreement lives under
its slug (web.agreement_paths); `at("/beloften")` is "/vlaanderen-2019-2024/beloften"."""

from __future__ import annotations

SLUG = "vlaanderen-2019-2024"  # the test stores' one agreement (support.assessed_store)
PREFIX = f"/{SLUG}"


def at(path: str, slug: str = SLUG) -> str:
    """`path` under the agreement `slug`."""
    return f"/{slug}{path}"
