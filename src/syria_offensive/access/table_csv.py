"""Typed values back to CSV text in the package's own conventions: UTF-8, comma, minimal quoting, LF,
empty for missing, `true`/`false`, ISO dates, lists joined by the field's delimiter."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable, Sequence

LIST_DELIMITER = "|"


def cell_text(value: object, delimiter: str = LIST_DELIMITER) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return delimiter.join(cell_text(v, delimiter) for v in value)
    return str(value)


def csv_text(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    extra_header_rows: Sequence[Sequence[str]] = (),
) -> str:
    """A whole CSV document; `extra_header_rows` go between the header and the data (e.g. HXL tags)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(extra_header_rows)
    writer.writerows([cell_text(v) for v in row] for row in rows)
    return out.getvalue()
