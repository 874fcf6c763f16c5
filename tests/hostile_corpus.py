"""A corpus of broken packages: each entry breaks a copy of the real package one hostile way.

Every kind here once ended in a traceback, a hang or a false VALID (issue 15). An entry is
(name, break, expected rule or None): None means the package cannot be read at all (exit 2,
PackageError); a rule means the report must hold at least one problem under that rule id.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _schema(table: str, edit: Callable[[dict[str, Any]], object]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / "schemas" / f"{table}.json"
        raw = json.loads(path.read_text(encoding="utf-8"))
        edit(raw)
        path.write_text(json.dumps(raw), encoding="utf-8")

    return apply


def _descriptor(edit: Callable[[dict[str, Any]], object]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / "datapackage.json"
        raw = json.loads(path.read_text(encoding="utf-8"))
        edit(raw)
        path.write_text(json.dumps(raw), encoding="utf-8")

    return apply


def _bytes(table: str, edit: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / "data" / f"{table}.csv"
        path.write_bytes(edit(path.read_bytes()))

    return apply


def _text(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _field(raw: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in raw["fields"] if f["name"] == name)


def _loop(relative: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / relative
        path.unlink()
        os.symlink(path.name, path)

    return apply


def _data_rows(edit: Callable[[list[bytes]], None]) -> Callable[[bytes], bytes]:
    def apply(data: bytes) -> bytes:
        lines = data.split(b"\n")
        edit(lines)
        return b"\n".join(lines)

    return apply


def _extra_empty(lines: list[bytes]) -> None:
    lines[3] += b","


def _blank(lines: list[bytes]) -> None:
    lines.insert(4, b"")


def _crlf_one(lines: list[bytes]) -> None:
    lines[2] += b"\r"


CORPUS: list[tuple[str, Callable[[Path], None], str | None]] = [
    ("cr-only line endings", _bytes("actors", lambda b: b.replace(b"\n", b"\r")), "line-ending"),
    ("one CRLF row among LF", _bytes("actors", _data_rows(_crlf_one)), "line-ending"),
    ("stray CR inside a row", _bytes("actors", lambda b: b.replace(b",SY,", b",S\rY,", 1)), "line-ending"),
    (
        "descriptor nested 1,000 deep",
        lambda r: (r / "datapackage.json").write_text("[" * 1000 + "]" * 1000),
        None,
    ),
    (
        "schema nested 1,000 deep",
        lambda r: (r / "schemas" / "actors.json").write_text('{"fields":' + "[" * 1000 + "]" * 1000 + "}"),
        "descriptor",
    ),
    ("data file is a symlink loop", _loop("data/actors.csv"), "descriptor"),
    ("schema file is a symlink loop", _loop("schemas/actors.json"), "descriptor"),
    (
        "Infinity in a constraint",
        _text("schemas/places.json", '"maximum": 90', '"maximum": Infinity'),
        "descriptor",
    ),
    ("NaN in a constraint", _text("schemas/places.json", '"maximum": 90', '"maximum": NaN'), "descriptor"),
    (
        "enum values not of the field's type",
        _schema("events", lambda s: _field(s, "date_precision")["constraints"].update(enum=["a", "b"])),
        "descriptor",
    ),
    (
        "maxLength on an integer",
        _schema("events", lambda s: _field(s, "date_precision")["constraints"].update(maxLength=1)),
        "descriptor",
    ),
    (
        "look-ahead pattern (Python yes, RE2 no)",
        _schema("actors", lambda s: _field(s, "actor_id")["constraints"].update(pattern="(?=a)[a-z-]+")),
        "descriptor",
    ),
    (
        "back-reference pattern",
        _schema("actors", lambda s: _field(s, "actor_id")["constraints"].update(pattern=r"(a)\1|[a-z0-9-]+")),
        "descriptor",
    ),
    (
        "foreignKeys an object",
        _schema("events", lambda s: s.update(foreignKeys={"fields": "place_id"})),
        "descriptor",
    ),
    (
        "foreignKeys a list of names",
        _schema("events", lambda s: s.update(foreignKeys=["place_id"])),
        "descriptor",
    ),
    (
        "categories a string",
        _schema("events", lambda s: _field(s, "event_type").update(categories="x")),
        "descriptor",
    ),
    ("primaryKey a number", _schema("actors", lambda s: s.update(primaryKey=5)), "descriptor"),
    (
        "resource names differing by case",
        _descriptor(lambda d: d["resources"].append(dict(d["resources"][1], name="Sources"))),
        "descriptor",
    ),
    ("empty resource name", _descriptor(lambda d: d["resources"][1].update(name="")), "descriptor"),
    (
        "resource named like a reader table",
        _descriptor(lambda d: d["resources"][1].update(name="events__rows")),
        "descriptor",
    ),
    (
        # A dot is allowed in a resource name; DuckDB must not read it as schema.table anywhere.
        "resource named with a dot",
        _descriptor(
            lambda d: d["resources"].append(
                {
                    **next(r for r in d["resources"] if r["name"] == "actors"),
                    "name": "actors.copy",
                    "bytes": 1,
                }
            )
        ),
        "bytes",
    ),
    (
        "type changed under a cross-table rule",
        _schema("events", lambda s: _field(s, "event_date").update(type="integer")),
        "descriptor",
    ),
    (
        "boolean changed to string",
        _schema("figures", lambda s: _field(s, "cumulative").update(type="string")),
        "descriptor",
    ),
    (
        "100,000-column header",
        _bytes(
            "actors",
            lambda b: b.replace(b"\n", b"," + b",".join(b"c%d" % i for i in range(100_000)) + b"\n", 1),
        ),
        "header-unknown-column",
    ),
    ("100,000-cell row", _bytes("actors", lambda b: b + b"x" + b",x" * 100_000 + b"\n"), "row-extra-cells"),
    ("blank line", _bytes("actors", _data_rows(_blank)), "blank-row"),
    ("one extra empty cell", _bytes("actors", _data_rows(_extra_empty)), "row-extra-cells"),
    (
        "header missing a column",
        _bytes("events", lambda b: b.replace(b"event_id,event_date,", b"event_id,", 1)),
        "header-missing-column",
    ),
    ("stray quote", _bytes("events", lambda b: b.replace(b",Battles,", b',"Battles,', 1)), "csv-syntax"),
]
