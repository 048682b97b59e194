"""Who is responsible for a planned action: the policy domains and ministers that a policy
document's "Bevoegde beleidsdomeinen en ministers" names, as one run of text:

    "Werk en Sociale Economie – minister Hilde Crevits Gelijke Kansen, Integratie en
     Inburgering – minister Bart Somers Realisatie van het Regeerakkoord p. 97 ..."

Each "DOMAIN – minister NAME" pair is read; a name is the one or two capitalised words after
"minister" (every Flemish minister of 2019-2024 has a two-word name; "minister Beke" occurs
too) and the words after it up to the next dash belong to the next domain. Ministers are
matched on their surname, so "Beke" and "Wouter Beke" are one minister.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_MINISTER = re.compile(r"\s*[–-]\s*minister\s+", re.IGNORECASE)
# Where the cell stops naming people: the quoted agreement text follows.
_END = re.compile(r"\bRealisatie van het Regeerakkoord\b.*", re.DOTALL)


def responsible(text: str) -> list[tuple[str, str]]:
    """(domain, minister) pairs in the order the text names them."""
    pieces = _MINISTER.split(_END.sub("", text).strip())
    pairs: list[tuple[str, str]] = []
    domain = pieces[0].strip()
    for piece in pieces[1:]:
        words = piece.split()
        take = 2 if len(words) >= 2 and words[1][:1].isupper() else 1
        name = " ".join(words[:take])
        if name:
            pairs.append((domain, name))
        domain = " ".join(words[take:]).strip()
    return pairs


def surname_key(name: str) -> str:
    """The key that joins the ways one minister is named."""
    return name.split()[-1].casefold()


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """surname key → the fullest (then most frequent) way the minister is named."""
    seen: dict[str, Counter[str]] = {}
    for name in names:
        seen.setdefault(surname_key(name), Counter())[name] += 1
    return {key: max(forms, key=lambda form: (len(form.split()), forms[form], form))
            for key, forms in seen.items()}
