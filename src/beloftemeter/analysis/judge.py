"""An optional content judgement of a promise's best candidates by a language model.

The relevance model (`analysis.relevance`) weighs ranks and shared terms; it cannot read
whether a decision does what the promise asks, so it cannot tell the decision that carries a
promise out from others on the same subject (the hand labels show the key decision first
among the candidates for half of the promises that have one, yet the model rarely trusts it).
With `assessment_judge = "llm"` the first `JUDGED` candidates (most probable first, each
sharing a distinctive term with the promise) are put to the chat endpoint of `llm_base_url`
in one question per promise; the candidates it names become evidence and the others context,
whatever their probability. Verdicts are stored per promise, decision content and model
(`relevance_judgements`), so a re-run asks only about what changed.

Off by default: no model runs offline here, so its agreement with the hand labels is measured
only where an endpoint is configured (`python -m bench.judge`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from beloftemeter.errors import ConfigError, SourceError
from beloftemeter.llm.client import ChatClient, ChatSettings
from beloftemeter.models.search import Hit
from beloftemeter.store import Store
from beloftemeter.store.decisions import get_decisions
from beloftemeter.store.judgements import known_judgements, save_judgements

JUDGES = ("model", "llm")
JUDGED = 5
PROMPT_VERSION = "judge-1"
PASSAGE_CHARS = 500
# The answer line starts the line; a reasoning model may think aloud before it, so the last
# such line counts. Its leading list ("1, 3", "1 en 3", "2-4") is the answer; what follows
# ("(de conceptnota)", ", niet 5") is commentary.
_ANSWER = re.compile(r"^\W*uitvoerend\W*:(.*)$", re.IGNORECASE | re.MULTILINE)
_ITEM = r"\d+(?:\s*-\s*\d+)?"
_LIST = re.compile(rf"^\W*({_ITEM}(?:\s*(?:,|;|en|and|&)\s*{_ITEM})*)", re.IGNORECASE)
MAX_TOKENS = 300
REMINDER = ("Antwoord alleen met één regel: 'UITVOEREND: ' gevolgd door de nummers, of"
            " 'UITVOEREND: geen'.")

SYSTEM = (
    "Je beoordeelt of beslissingen van de Vlaamse Regering een belofte uit het regeerakkoord"
    " 2019-2024 uitvoeren. Een beslissing voert de belofte uit als ze doet wat de belofte"
    " vraagt (of een fase daarvan: conceptnota, voorontwerp, ontwerp, definitief besluit,"
    " decreet, subsidie, plan), niet als ze alleen over hetzelfde onderwerp gaat. Wees streng:"
    " liever geen beslissing dan een die er losjes bij past."
)


@dataclass(frozen=True)
class Candidate:
    """What the judge reads of one decision."""

    decision_id: str
    content_hash: str
    meeting_date: str
    title: str
    text: str


def promise_hash(promise: str, section_title: str) -> str:
    return hashlib.sha256(f"{section_title}\0{promise}".encode()).hexdigest()


class LlmJudge:
    """Asks a chat model which of a promise's candidates carry it out; remembers the answers."""

    def __init__(self, store: Store, client: ChatClient) -> None:
        self._store = store
        self._client = client
        self.tag = f"llm:{client.settings.base_url}:{client.settings.model}:{PROMPT_VERSION}"

    def close(self) -> None:
        self._client.close()

    def carrying_out(
        self, promise: str, section_title: str, hits: Sequence[Hit]
    ) -> set[str]:
        """The ids among `hits` that the model says carry the promise out."""
        candidates = self._candidates(hits)
        key = promise_hash(promise, section_title)
        known = known_judgements(self._store, key, self.tag,
                                 {c.decision_id: c.content_hash for c in candidates})
        ask = [c for c in candidates if c.decision_id not in known]
        if ask:
            verdicts = self._ask(promise, section_title, ask)
            save_judgements(self._store, key, self.tag,
                            [(c.decision_id, c.content_hash, verdicts[c.decision_id])
                             for c in ask])
            known.update(verdicts)
        return {decision_id for decision_id, yes in known.items() if yes}

    def _candidates(self, hits: Sequence[Hit]) -> list[Candidate]:
        decisions = get_decisions(self._store, (h.decision_id for h in hits))
        return [Candidate(d.id, d.content_hash, d.meeting_date, d.title, d.text)
                for d in (decisions.get(h.decision_id) for h in hits) if d is not None]

    def _ask(self, promise: str, section_title: str, candidates: list[Candidate]
             ) -> dict[str, bool]:
        lines = [f"Sectie: {section_title}", f"Belofte: {promise}", "", "Beslissingen:"]
        for number, c in enumerate(candidates, 1):
            text = " ".join(c.text.split())[:PASSAGE_CHARS]
            lines.append(f"[{number}] {c.meeting_date} — {c.title}\n    {text}")
        lines += ["", "Welke beslissingen voeren deze belofte uit? Antwoord met één regel:"
                  " 'UITVOEREND: ' gevolgd door de nummers, gescheiden door komma's, of"
                  " 'UITVOEREND: geen'."]
        messages = [{"role": "system", "content": SYSTEM},
                    {"role": "user", "content": "\n".join(lines)}]
        reply = self._client.complete(messages, max_tokens=MAX_TOKENS)
        chosen = parse_answer(reply, len(candidates))
        if chosen is None:  # once more, reminded of the form
            messages += [{"role": "assistant", "content": reply},
                         {"role": "user", "content": REMINDER}]
            reply = self._client.complete(messages, max_tokens=MAX_TOKENS)
            chosen = parse_answer(reply, len(candidates))
        if chosen is None:
            raise SourceError(
                f"Het taalmodel gaf geen bruikbaar oordeel (verwacht 'UITVOEREND: 1, 3' of"
                f" 'UITVOEREND: geen'), maar: {reply.strip()[:120]!r}.")
        return {c.decision_id: n in chosen for n, c in enumerate(candidates, 1)}


def parse_answer(reply: str, count: int) -> set[int] | None:
    """The candidate numbers of the last 'UITVOEREND: ...' line; None when there is none or
    it names a number that was not asked about."""
    answers = _ANSWER.findall(reply)
    if not answers:
        return None
    rest = answers[-1].strip()
    if re.match(r"^\W*geen\b", rest, re.IGNORECASE):
        return set()
    listed = _LIST.match(rest)
    if listed is None:
        return None
    numbers: set[int] = set()
    for item in re.findall(_ITEM, listed.group(1)):
        low, _, high = item.replace(" ", "").partition("-")
        numbers.update(range(int(low), int(high or low) + 1))
    if not numbers or not numbers <= set(range(1, count + 1)):
        return None
    return numbers


def build_judge(name: str, store: Store, settings) -> LlmJudge | None:
    """The judge called `name` ("model": none, the relevance model decides alone)."""
    if name == "model":
        return None
    if name == "llm":
        return LlmJudge(store, ChatClient(ChatSettings.from_settings(settings)))
    raise ConfigError(
        f"Onbekende beoordelaar: {name!r} (kies uit {', '.join(JUDGES)}; instelling"
        " assessment_judge).")
