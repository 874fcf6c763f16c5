"""Maintainer tooling: canonical form, hashes, the data dictionary."""
