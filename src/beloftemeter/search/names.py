"""Names in a typed query: the spellings a journalist expects to be found as written.

A name is a quoted phrase ("canon van Vlaanderen"), a hyphenated term (M-decreet), an
abbreviation in capitals (VMRI, NT2), a run of capitalised words (Vlaams Mensenrechteninstituut,
Agentschap Wonen in Vlaanderen) or a short query of two or three words that starts with a
capital (Vlaamse canon). Each is matched on surface words (`dutch.surface_tokens`: folded case
and accents, hyphenated compounds whole), never on stems or compound parts, so "M-decreet"
does not find the Mestdecreet.

Quoted phrases, hyphenated terms and abbreviations are `whole`: one unit that a decision must
contain to contain the query's words. Capitalised runs only raise the decisions that have
them; their words are counted one by one, like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from beloftemeter.search.dutch import surface_tokens

# Quotes a user types around a phrase; a single quote only when it cannot be an apostrophe.
_QUOTED = re.compile(r"[\"“„”]([^\"“„”]+)[\"“„”]|(?<!\w)['‘]([^'‘’]+)['’](?!\w)")
_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*", re.UNICODE)
# Lower-case words that may sit inside a name between capitalised words.
_PARTICLES = frozenset({"van", "de", "der", "den", "het", "voor", "en", "in", "op", "te"})
SHORT_NAME_WORDS = (2, 3)  # a query this many words long, capital first, is one name


@dataclass(frozen=True)
class NameForm:
    """One name of a query: as typed, and its folded spellings (surface words, one space)."""

    text: str
    variants: tuple[str, ...]
    whole: bool


def _form(text: str, whole: bool) -> NameForm | None:
    tokens = surface_tokens(text)
    if not tokens:
        return None
    exact = " ".join(tokens)
    variants = [exact]
    if "-" in exact:  # near-exact: "Oosterweel-verbinding" = "Oosterweelverbinding"
        variants += [exact.replace("-", ""), exact.replace("-", " ")]
    return NameForm(text, tuple(dict.fromkeys(variants)), whole)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_abbreviation(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _capitalised_runs(words: list[str]) -> list[str]:
    """Runs of two or more capitalised words, with particles allowed between them."""
    runs, current, pending = [], [], []
    for word in [*words, ""]:
        if word and _is_capitalised(word):
            current += [*pending, word] if current else [word]
            pending = []
        elif word.lower() in _PARTICLES and current:
            pending.append(word)
        else:
            if sum(1 for w in current if _is_capitalised(w)) >= 2:
                runs.append(" ".join(current))
            current, pending = [], []
    return runs


def name_forms(text: str) -> tuple[NameForm, ...]:
    """The names in a typed query, in the order found, each once."""
    forms: list[NameForm | None] = []
    for match in _QUOTED.finditer(text):
        forms.append(_form(match.group(1) or match.group(2), whole=True))
    rest = _QUOTED.sub(" ", text)
    words = _WORD.findall(rest)
    for word in words:
        if re.search(r"[-\u2010\u2011]", word) or _is_abbreviation(word):
            forms.append(_form(word, whole=True))
    forms += [_form(run, whole=False) for run in _capitalised_runs(words)]
    if not any(forms) and len(words) in SHORT_NAME_WORDS and _is_capitalised(words[0]):
        forms.append(_form(" ".join(words), whole=False))
    unique: dict[str, NameForm] = {}
    for form in forms:
        if form is not None:
            unique.setdefault(form.variants[0], form)
    return tuple(unique.values())
