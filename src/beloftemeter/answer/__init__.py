"""Answers to a user's question about what the government did, every claim cited: the best
passages of the best decisions (extractive), or a language model's text over those passages
with its citations checked (never an uncited claim). Sources are numbered from 1, the same in
the text ("[1]") and in the list of sources; one decision per dossier. When no decision is
about the question (answer.relevance), the answer says so and names the closest promises.

    retrieved = retrieve(question, engine, promise_search, dossiers_for)  # reads the store
    answer = compose_answer(question, retrieved, chat)  # may wait for a language model
"""

from beloftemeter.answer.compose import compose_answer
from beloftemeter.answer.extractive import NONE_FOUND, PASSAGES, extractive_answer
from beloftemeter.answer.llm import SYSTEM, llm_answer, prompt
from beloftemeter.answer.model import Answer
from beloftemeter.answer.retrieval import Retrieved, retrieve

__all__ = ["NONE_FOUND", "PASSAGES", "SYSTEM", "Answer", "Retrieved", "compose_answer",
           "extractive_answer", "llm_answer", "prompt", "retrieve"]
