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
