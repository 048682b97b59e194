"""Records that cross module borders: frozen dataclasses, one definition each."""
