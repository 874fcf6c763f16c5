"""Stage 1: what the package says of itself: descriptor, schemas' types, vocabularies, paths."""
