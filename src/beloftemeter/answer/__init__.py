"""Answers to a user's question about what the government did, every claim cited: the best
passages of the best decisions (extractive), or a language model's text over those passages
with its citations checked (never an uncited claim). Sources are numbered from 1, the same in
the text ("[1]") and in the list of sources."""

from beloftemeter.answer.extractive import NONE_FOUND, PASSAGES, extractive_answer
from beloftemeter.answer.llm import SYSTEM, llm_answer, prompt
from beloftemeter.answer.model import Answer

__all__ = ["NONE_FOUND", "PASSAGES", "SYSTEM", "Answer", "extractive_answer", "llm_answer",
           "prompt"]
