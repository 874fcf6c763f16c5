"""Stage 2: reading the files: CSV loading into DuckDB, file checks, package sources."""
