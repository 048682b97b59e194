"""Clients for language models behind an OpenAI-compatible HTTP API (Ollama, vLLM,
llama.cpp server, OpenAI), configured by base URL, model and key."""
