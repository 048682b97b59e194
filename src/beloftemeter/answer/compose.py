"""The answer written from what was retrieved: extractive, or by a language model when one is
configured (the extractive one when the model fails), or the plain statement that no decision
is about the question, with the closest promises."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from beloftemeter.answer.extractive import NONE_FOUND, extractive_answer
from beloftemeter.answer.llm import llm_answer
from beloftemeter.answer.model import Answer
from beloftemeter.answer.retrieval import Retrieved
from beloftemeter.errors import BeloftemeterError

if TYPE_CHECKING:
    from beloftemeter.llm.client import ChatClient


def compose_answer(question: str, retrieved: Retrieved, chat: ChatClient | None) -> Answer:
    if not retrieved.found:
        return Answer(question, NONE_FOUND, (), "extractive", found=False,
                      promises=retrieved.promises)
    hits = list(retrieved.hits)
    if chat is None:
        return extractive_answer(question, hits)
    try:
        return llm_answer(question, hits, chat)
    except BeloftemeterError as exc:
        fallback = extractive_answer(question, hits)
        return replace(fallback, generator="extractive", removed_citations=0,
                       note=f"Het taalmodel faalde ({exc.message}).")
