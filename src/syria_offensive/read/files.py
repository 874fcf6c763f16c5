"""Layer 1, before any row is read: the file exists, its size (and, through hash_problem, its sha256)
matches the descriptor, it is UTF-8 without a byte-order mark, and its header names the schema's columns."""

from __future__ import annotations

import csv
import hashlib
import mmap
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from syria_offensive.metadata.descriptor import Resource
from syria_offensive.problems import Problem

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
    blank_rows: list[int] = field(default_factory=list)  # rows that are blank lines (DuckDB skips them)


_BREAKS = re.compile(rb'["\r\n]')
# re finds a two-byte needle about 2.5 times as fast as bytes.find (measured on 137 MB: 0.056 s vs 0.14 s).
_BLANK_LINE = re.compile(rb"\n\n")


@dataclass
class LineScan:
    blank_rows: list[int]
    bare_cr_rows: list[int]  # rows ended (or broken) by a CR that is not part of CRLF, outside quotes
    crlf_rows: list[int]
    lf_rows: int  # rows ended by a plain LF (-1: not counted, the file has no CR)


def scan_lines(path: Path) -> LineScan:
    """How the file's rows end, counted as Frictionless counts rows (header = 1, quoted breaks inside).

    Only a file holding a CR or a blank line needs the quote-aware walk; the rest costs two byte searches.
    """
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        if mm.find(b"\r") == -1 and _BLANK_LINE.search(mm) is None and mm[:1] != b"\n":
            return LineScan([], [], [], -1)
        blank: list[int] = []
        bare: list[int] = []
        crlf: list[int] = []
        lf = 0
        row, quoted, start = 1, False, 0
        for m in _BREAKS.finditer(mm):
            ch, at = m.group(), m.start()
            if ch == b'"':
                quoted = not quoted
                continue
            if quoted:
                continue
            if ch == b"\r":
                if mm[at + 1 : at + 2] == b"\n":
                    crlf.append(row)
                    continue  # the LF that follows ends the row
                bare.append(row)
            else:
                if mm[at - 1 : at] != b"\r" or at == 0:
                    lf += 1
                if at == start or (at == start + 1 and mm[start : start + 1] == b"\r"):
                    blank.append(row)
            row += 1
            start = at + 1
        return LineScan(blank, bare, crlf, lf)


def _rows_text(rows: list[int], limit: int = 5) -> str:
    shown = ", ".join(map(str, rows[:limit]))
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


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
    try:
        lines = scan_lines(path)
    except (OSError, ValueError) as exc:
        problem("file-missing", f"the file cannot be read: {exc}")
        return FileCheck(problems, None)
    if lines.bare_cr_rows:
        problems.append(
            Problem(
                name,
                lines.bare_cr_rows[0],
                None,
                "line-ending",
                None,
                "a CR that is not part of CRLF ends or breaks row(s) "
                f"{_rows_text(lines.bare_cr_rows)} outside quotes; the package keeps LF. The rows cannot be "
                "split reliably, so the file's header and rows are not checked further",
                "structure",
            )
        )
        return FileCheck(problems, None)
    if lines.crlf_rows and lines.lf_rows > 0:
        problem(
            "line-ending",
            f"row(s) {_rows_text(lines.crlf_rows)} end with CRLF among LF rows; the package keeps LF. "
            "Mixed line endings cannot be read reliably, so the file's rows are not checked further",
            row=lines.crlf_rows[0],
        )
    elif text.endswith("\r\n"):
        problem("line-ending", "the file uses CRLF line endings; the package keeps LF", row=1)
    for row in lines.blank_rows:
        problem("blank-row", "the row is a blank line", row=row)
    unreadable = bool(lines.crlf_rows and lines.lf_rows > 0)
    try:
        header = next(csv.reader([re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]]), [])
    except csv.Error as exc:
        problem("csv-syntax", f"the header row cannot be split into cells: {exc}", row=1)
        return FileCheck(problems, None)
    expected_names = resource.schema.field_names
    counts = Counter(header)
    duplicates = sorted(h for h, n in counts.items() if n > 1)
    for dup in duplicates:
        problem(
            "header-duplicate", "the header names this column more than once", row=1, column=dup, value=dup
        )
    expected_set = set(expected_names)
    for h in header:
        if h not in expected_set:
            problem(
                "header-unknown-column",
                "the header has a column the schema does not define",
                row=1,
                column=h,
                value=h,
            )
    header_set = set(header)
    for f in expected_names:
        if f not in header_set:
            problem(
                "header-missing-column", "the schema's column is missing from the header", row=1, column=f
            )
    known = [h for h in header if h in expected_set]
    if not duplicates and known != [f for f in expected_names if f in header_set]:
        problem(
            "header-order",
            "the columns are not in the schema's order: " + ",".join(expected_names),
            row=1,
            value=",".join(header),
        )
    if duplicates or unreadable or not header or header == [""]:
        return FileCheck(problems, None)
    return FileCheck(problems, header, lines.blank_rows)
