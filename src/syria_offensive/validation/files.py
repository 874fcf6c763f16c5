"""Layer 1, before any row is read: the file exists, its size (and, through hash_problem, its sha256)
matches the descriptor, it is UTF-8 without a byte-order mark, and its header names the schema's columns."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..descriptor import Resource
from ..problems import Problem

BOM = b"\xef\xbb\xbf"


def sha256_of(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _first_line(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.readline()


@dataclass
class FileCheck:
    problems: list[Problem]
    header: list[str] | None  # None when the rows cannot be read


def hash_problem(resource: Resource, actual: str) -> Problem | None:
    """The `hash` problem, if the file's sha256 differs from the one the descriptor records."""
    expected = (resource.hash or "").removeprefix("sha256:")
    if resource.hash is None or actual == expected:
        return None
    message = f"the file's sha256 is {actual}; the descriptor records {expected}"
    return Problem(resource.path, None, None, "hash", actual, message, "structure")


def check_file(resource: Resource, root: Path) -> FileCheck:
    """Problems found before reading rows (existence, size, encoding, header), and how to read the rows.

    The sha256 is not computed here: validation hashes files on a thread beside the load (hash_problem),
    and loaders, which only read, need no hash at all.
    """
    path = resource.file(root)
    name = resource.path
    problems: list[Problem] = []

    def problem(
        rule: str,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        problems.append(Problem(name, row, column, rule, value, message, "structure"))

    if not path.is_file():
        problem("file-missing", f"the file of resource {resource.name!r} does not exist")
        return FileCheck(problems, None)
    size = path.stat().st_size
    if resource.bytes is not None and size != resource.bytes:
        problem(
            "bytes", f"the file has {size} bytes; the descriptor records {resource.bytes}", value=str(size)
        )
    if size == 0:
        problem("empty-file", "the file is empty: a header row is required")
        return FileCheck(problems, None)
    line = _first_line(path)
    if line.startswith(BOM):
        problem("bom", "the file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM", row=1)
        line = line[len(BOM) :]
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem(
            "encoding",
            f"the header is not UTF-8 ({exc.reason} at byte {exc.start}); save the file as UTF-8",
            row=1,
        )
        return FileCheck(problems, None)
    if text.endswith("\r\n"):
        problem("line-ending", "the file uses CRLF line endings; the package keeps LF", row=1)
    header = next(csv.reader([text.rstrip("\r\n")]), [])
    expected_names = resource.schema.field_names
    duplicates = sorted({h for h in header if header.count(h) > 1})
    for dup in duplicates:
        problem(
            "header-duplicate", "the header names this column more than once", row=1, column=dup, value=dup
        )
    for h in header:
        if h not in expected_names:
            problem(
                "header-unknown-column",
                "the header has a column the schema does not define",
                row=1,
                column=h,
                value=h,
            )
    for f in expected_names:
        if f not in header:
            problem(
                "header-missing-column", "the schema's column is missing from the header", row=1, column=f
            )
    known = [h for h in header if h in expected_names]
    if not duplicates and known != [f for f in expected_names if f in header]:
        problem(
            "header-order",
            "the columns are not in the schema's order: " + ",".join(expected_names),
            row=1,
            value=",".join(header),
        )
    if duplicates or not header or header == [""]:
        return FileCheck(problems, None)
    return FileCheck(problems, header)
