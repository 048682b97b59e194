"""Promise extraction: a section's text → sentences, each marked promise or context.

A promise is a sentence in which the government commits to doing something ("We voeren ...
in", "De Vlaamse Regering zal ...", "We investeren ...", "... wordt geëvalueerd", "Er komt
..."). Context sentences describe the situation, a vision or a principle ("Onze industrie is de
levensader ...", "Vrijwilligers zijn onmisbaar"). The rules, in order (first that applies):

1. "We stellen vast ..." → context (a finding).
2. `zal`/`zullen` → promise, but not a forecast ("zullen nodig zijn").
3. "er komt/komen" or "blijft behouden/gegarandeerd ..." → promise.
4. "we"/"wij" or the government ("de Vlaamse Regering", "de overheid", "Vlaanderen", "de
   minister") as the subject of a present-tense action verb, before or after it → promise;
   verbs of being, having, thinking, ability and obligation ("we zijn", "we geloven", "we
   verwachten", "we kunnen") do not count. "We willen" counts with an action infinitive
   ("We willen dit aanbod uitbouwen"), not with "zijn" ("... een voorloper zijn").
5. A passive in a main clause ("wordt/worden ... opgeheven, geëvalueerd, onderzocht") → promise,
   unless in the past tense ("werd hervormd") or with "moet/kan ... worden".
6. A list item that starts with an action infinitive ("Inzetten op ...") → promise.

Everything else is context. A sentence announcing a list ("We doen dit door:") is kept with
its items as one statement, a promise when any part of it is. Some chapters number their
paragraphs ("18 We werken de verbouwing van KMSKA ... af"): that number is not part of the
sentence and is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from beloftemeter.models.agreement import Node, Statement

_ABBREVIATIONS = {
    "o.a", "oa", "bv", "bijv", "m.a.w", "i.p.v", "ipv", "d.w.z", "e.a", "enz", "nl", "art",
    "vnl", "resp", "incl", "excl", "min", "max", "ca", "cfr", "vb", "dhr", "mevr", "nr", "p",
    "blz", "o.m", "t.o.v", "m.b.t", "i.s.m", "e.d", "etc", "vs", "st", "prof", "dr", "mr",
}
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’')]*\s+(?=[\"“‘'(]?[A-ZÀ-Ý0-9])|;\s+(?=[A-ZÀ-Ý])")
_WORD = re.compile(r"[\wÀ-ÿ'’-]+")
# A paragraph number before the first word of a sentence (some chapters number paragraphs).
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,2}\s+(?=[A-ZÀ-Ý])")

_GOVERNMENT = (
    r"(?:we|wij|de vlaamse regering|de regering|deze regering|de vlaamse overheid|de overheid"
    r"|vlaanderen|de (?:vlaamse )?minister(?:-president)?(?: [\w-]+){0,6}?)"
)
# Verbs of being, having, thinking and perceiving: with "we" they describe, not commit.
_STATIVE = {
    "is", "zijn", "was", "waren", "heeft", "hebben", "had", "hadden", "geloven", "gelooft",
    "beseffen", "weten", "verwachten", "vinden", "merken", "zien",
    "beschikt", "beschikken", "staat", "staan", "telt", "tellen", "kent", "kennen", "leven",
    "leeft", "functioneert", "kunnen", "kan", "moeten", "moet", "mogen", "mag", "hoeven",
    "nodigen", "erkennen", "vormt", "vormen", "bestaat", "bestaan", "werd", "werden",
    "behoort", "behoren", "groeit", "groeien", "scoort", "scoren", "wil", "willen", "zouden",
    "zou", "bevindt", "bevinden", "verwacht", "vindt", "weet", "ziet", "denken", "denkt",
}
_PARTICIPLE = re.compile(
    r"\b(?:\w*ge\w{2,}(?:d|t|en)|(?:be|ver|ont|her|onder|er|over)\w{2,}(?:d|t|en)"
    r"|\w+eerd)\b",
    re.IGNORECASE,
)
_MAIN_PASSIVE = re.compile(r"\b(?:wordt|worden)\b(?:\s+\S+){0,14}?\s+" + _PARTICIPLE.pattern,
                           re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:zal|zullen)\b", re.IGNORECASE)
_FORECAST = re.compile(r"\b(?:zal|zullen)\b.*\b(?:nodig|mogelijk|duidelijk|belangrijk)\s+zijn\b",
                       re.IGNORECASE)
_ER_KOMT = re.compile(r"\ber\s+(?:komt|komen)\b", re.IGNORECASE)
_KEPT = re.compile(r"\b(?:blijft|blijven)\s+(?:\S+\s+){0,3}?(?:behouden|aangehouden|gegarandeerd"
                   r"|gewaarborgd|bestaan|verzekerd)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:werd|werden|was|waren|hadden|had)\b", re.IGNORECASE)
_ACTION_INFINITIVES = {
    "inzetten", "versterken", "investeren", "ondersteunen", "uitbouwen", "stimuleren",
    "verhogen", "verminderen", "verlagen", "ontwikkelen", "invoeren", "zorgen", "creëren",
    "opzetten", "uitwerken", "voorzien", "bevorderen", "verbeteren", "vereenvoudigen",
    "aanpakken", "hervormen", "optimaliseren", "onderzoeken", "evalueren", "uitbreiden",
    "opstarten", "realiseren", "verder", "maximaal", "organiseren", "promoten",
    "vergroten", "beperken", "afschaffen", "oprichten", "verankeren", "monitoren", "faciliteren",
}


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of a text with their character offsets; paragraphs never share a sentence."""
    result: list[tuple[int, str]] = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        start = paragraph.start()
        chunk = paragraph.group()
        pieces: list[tuple[int, int]] = []
        begin = 0
        for match in _SENTENCE_BREAK.finditer(chunk):
            before = chunk[begin : match.start()].rstrip("\"”’') .;")
            last_word = before.rsplit(" ", 1)[-1].casefold().lstrip("([{\"'‘“") if before else ""
            if chunk[match.start() - 1 : match.start()] == "." and (
                last_word in _ABBREVIATIONS
                or (len(last_word) == 1 and last_word.isalpha())
                or re.fullmatch(r"(?:[a-z]\.)+[a-z]", last_word)
            ):
                continue
            pieces.append((begin, match.start()))
            begin = match.end()
        pieces.append((begin, len(chunk)))
        for piece_start, piece_end in pieces:
            sentence = chunk[piece_start:piece_end].strip()
            if _WORD.search(sentence):
                offset = start + piece_start + (len(chunk[piece_start:piece_end])
                                                - len(chunk[piece_start:piece_end].lstrip()))
                result.append((offset, sentence))
    return result


def is_promise(sentence: str) -> bool:
    """True when the sentence commits the government to an action (see the module's rules)."""
    text = " ".join(sentence.split())
    lowered = text.casefold()
    words = _WORD.findall(lowered)
    if not words:
        return False
    if re.search(r"\b(?:stellen|stelt)\b(?:\s+\S+){0,3}?\s+vast\b", lowered):
        return False  # "We stellen vast dat ...": a finding
    if _FUTURE.search(lowered) and not _FORECAST.search(lowered):
        return True
    if _ER_KOMT.search(lowered) or _KEPT.search(lowered):
        return True
    if _acts(lowered):
        return True
    if _MAIN_PASSIVE.search(lowered) and not _PAST.search(lowered):
        return not re.search(r"\b(?:moet|moeten|kan|kunnen)\b[^,]*\bworden\b", lowered)
    return words[0] in _ACTION_INFINITIVES and len(words) > 2 and not _has_finite_subject(words)


# Words that can follow the subject but are no verb: the verb comes later, or there is none.
_NOT_A_VERB = {
    "en", "als", "die", "dat", "dit", "deze", "zelf", "het", "de", "een", "zich", "ze", "hen",
    "ons", "onze", "er", "in", "op", "aan", "van", "met", "voor", "naar", "bij", "tot", "om",
    "uit", "over", "te", "of", "maar", "want", "(", "–", "-",
}
# Adverbs between subject and verb ("We zetten ook ...", "We nu ...") are skipped.
_ADVERBS = {"ook", "nu", "dus", "dan", "daarom", "verder", "al", "nog", "immers", "eveneens",
            "tevens", "echter", "wel", "samen", "zelf", "bovendien", "hierbij", "daarbij"}
_SUBORDINATORS = {
    "dat", "die", "wat", "als", "zodat", "waar", "omdat", "wanneer", "hoe", "waarmee",
    "waarbij", "en", "want", "of", "tenzij", "zoals", "maar", "voor", "indien", "waarop",
    "waardoor", "terwijl", "hier", "welke", "wie", "zodra", "opdat", "nadat", "voordat",
}
# Infinitives after "we willen" that describe a state, not an action ("een voorloper zijn").
_STATE_INFINITIVES = {"zijn", "blijven", "hebben", "worden", "weten", "kennen"}


def _acts(lowered: str) -> bool:
    """The government (or "we") is the subject of an action verb in the present tense."""
    # "We voeren ... in": subject first, verb second.
    for match in re.finditer(r"\b" + _GOVERNMENT + r"\s+([\w-]+(?:\s+[\w-]+){0,2})", lowered):
        words = [w for w in match.group(1).split() if w not in _ADVERBS]
        if not words or words[0] in _NOT_A_VERB:
            continue
        verb = words[0]
        if verb in {"wil", "willen"}:
            # An intention: "We willen dit aanbod uitbouwen" (not "... een voorloper zijn").
            clause = re.split(r"[,;.:]", lowered[match.start() :], maxsplit=1)[0]
            last = clause.split()[-1] if clause.split() else ""
            if last.endswith("en") and last not in _STATE_INFINITIVES:
                return True
            continue
        if verb not in _STATIVE and not _PAST.fullmatch(verb):
            return True
    # "Daarom investeren we ...", "De revalidatie hervormen we ...": verb before "we".
    for match in re.finditer(r"\b([\w-]+)\s+(?:we|wij)\b", lowered):
        verb = match.group(1)
        if verb in _STATIVE or verb in _SUBORDINATORS:
            continue
        if verb.endswith(("en", "t", "aan")) or verb in {"doe", "ga", "sta", "zie"}:
            return True
    return False


def _has_finite_subject(words: list[str]) -> bool:
    return any(word in {"is", "zijn", "was", "waren", "heeft", "hebben"} for word in words[:4])


_GROUP_MAX_ITEMS = 8
_GROUP_MAX_CHARS = 1500


def group_sentences(sentences: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    """Short sentence groups: a sentence that announces a list ("We doen dit door:") keeps the
    items that follow it (each starting in lower case), so the promise reads whole."""
    groups: list[tuple[int, list[str]]] = []
    for offset, sentence in sentences:
        if groups:
            parts = groups[-1][1]
            opened = parts[0].endswith(":")
            if (
                opened
                and sentence[:1].islower()
                and len(parts) <= _GROUP_MAX_ITEMS
                and sum(map(len, parts)) + len(sentence) <= _GROUP_MAX_CHARS
            ):
                parts.append(sentence)
                continue
        groups.append((offset, [sentence]))
    return groups


def split_statements(node: Node) -> list[Statement]:
    """The node's text as statements in order, each with its page and promise mark.

    A statement is a sentence, or a sentence that announces a list with its items; it is a
    promise when its sentence or one of its items is."""
    statements = []
    for ordinal, (offset, parts) in enumerate(group_sentences(split_sentences(node.text))):
        parts = [_PARAGRAPH_NUMBER.sub("", part) for part in parts]
        promised = any(is_promise(part) for part in parts)
        statements.append(
            Statement(node.key, ordinal, node.page_at(offset), " ".join(parts), promised)
        )
    return statements


def extract_statements(nodes: Iterable[Node]) -> list[Statement]:
    """Statements of every node, in document order."""
    statements: list[Statement] = []
    for node in nodes:
        statements.extend(split_statements(node))
    return statements
