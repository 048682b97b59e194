"""Dutch-aware hybrid search over decisions: lexical BM25 fused with semantic embeddings."""
