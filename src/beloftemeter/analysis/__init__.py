"""Analysis: promises, evidence, status per promise."""
