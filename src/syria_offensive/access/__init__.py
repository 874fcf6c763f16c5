"""Stage 4: using the validated data: connections, queries, loaders, views, stats."""
