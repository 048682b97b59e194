"""Sources: each turns one outside format into the project's own records."""
