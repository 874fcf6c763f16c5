"""Small helpers for writing SQL text safely: quoting identifiers and literals."""

from __future__ import annotations


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def literal_list(values: object) -> str:
    assert isinstance(values, list | tuple)
    return "(" + ", ".join(literal(v) for v in values) + ")"


def hash_repeats(source: str, columns: str, where: str | None = None) -> str:
    """A condition keeping the rows of `source` whose values in `columns` (SQL, comma-separated) hash like
    another row's: a cheap prefilter before an exact comparison, which then runs on the few candidates.
    NULLs hash alike, as IS NOT DISTINCT FROM and PARTITION BY treat them; a collision costs a little
    time, never a wrong verdict."""
    filtered = f" WHERE {where}" if where else ""
    return (
        f"hash({columns}) IN (SELECT hash({columns}) FROM {source}{filtered} GROUP BY 1 HAVING count(*) > 1)"
    )
