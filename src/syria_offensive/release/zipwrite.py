"""Writing a zip archive whose bytes depend only on its members' names and contents.

Every entry gets the same timestamp (1980-01-01 00:00, the earliest a zip can record), the same
permissions (regular file, 0644), the same creator system and compression level, no extra fields, and
entries are written in sorted order. With the same Python (zlib) the same members give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
REGULAR_FILE_0644 = 0o100644 << 16
UNIX = 3
COMPRESSLEVEL = 9


def entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = UNIX
    info.external_attr = REGULAR_FILE_0644
    return info


def deterministic_zip(members: Mapping[str, bytes]) -> bytes:
    """The archive of `members` (archive path -> content), as bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(members):
            zf.writestr(entry(name), members[name], compresslevel=COMPRESSLEVEL)
    return buffer.getvalue()
