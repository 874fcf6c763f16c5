"""The curated CSVs' one canonical form: UTF-8 without BOM, LF, a header row, minimal quoting, rows
sorted by primary key. `syria-offensive format` checks it, and rewrites files only with --write."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from syria_offensive.atomic import write_atomic
from syria_offensive.metadata.descriptor import Package, Resource


@dataclass
class FormatResult:
    path: str
    canonical: bool
    message: str


def canonical_text(resource: Resource, root: Path) -> str:
    """The file's content in canonical form. Raises ValueError when the file cannot be safely re-rendered."""
    path = resource.file(root)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{resource.path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise ValueError(f"{resource.path}: empty file")
    header, body = rows[0], [r for r in rows[1:] if r]
    if header != resource.schema.field_names:
        raise ValueError(
            f"{resource.path}: the header is not the schema's columns in order; fix it by hand first"
        )
    ragged = [i + 2 for i, r in enumerate(body) if len(r) != len(header)]
    if ragged:
        raise ValueError(
            f"{resource.path}: rows {ragged[:5]} do not have {len(header)} cells; fix them by hand first"
        )
    key = [header.index(k) for k in resource.schema.primary_key]
    body.sort(key=lambda r: tuple(r[i] for i in key))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(body)
    return out.getvalue()


def check_or_write(package: Package, *, write: bool) -> list[FormatResult]:
    results = []
    for resource in package.resources.values():
        path = resource.file(package.root)
        try:
            wanted = canonical_text(resource, package.root)
        except (ValueError, OSError) as exc:
            results.append(FormatResult(resource.path, False, str(exc)))
            continue
        current = path.read_bytes()
        if current == wanted.encode("utf-8"):
            results.append(FormatResult(resource.path, True, "canonical"))
        elif write:
            write_atomic(path, wanted)
            results.append(FormatResult(resource.path, True, "rewritten in canonical form"))
        else:
            results.append(
                FormatResult(
                    resource.path, False, "not in canonical form (run: syria-offensive format --write)"
                )
            )
    return results
