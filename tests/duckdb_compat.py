"""Write every kind of .duckdb file the project makes, then open them with whatever DuckDB is installed.

    python tests/duckdb_compat.py write DIR   # with the package installed (DuckDB 2.x)
    python tests/duckdb_compat.py check DIR   # with only duckdb installed, e.g. 1.5.x (nox -s duckdb_compat)

`check` needs nothing but duckdb: it opens each file read-only, counts every table's and view's rows
against the counts `write` recorded, and checks that the primary and foreign keys are there.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

COUNTS = "counts.json"


def write(folder: Path) -> None:
    from syria_offensive.exports import export
    from syria_offensive.metadata.descriptor import load_package
    from syria_offensive.release.table_files import build_duckdb, load_sql, parquet_files

    folder.mkdir(parents=True, exist_ok=True)
    export("duckdb", folder)
    package = load_package()
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in parquet_files(package).items():
            (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / name).write_bytes(data)
        build_duckdb(Path(tmp), load_sql(package), folder / "release.duckdb")
    import duckdb

    counts = {}
    for path in sorted(folder.glob("*.duckdb")):
        with duckdb.connect(str(path), read_only=True) as con:
            counts[path.name] = relation_counts(con)
    (folder / COUNTS).write_text(json.dumps(counts, indent=1, sort_keys=True), encoding="utf-8")


def relation_counts(con: object) -> dict[str, int]:
    names = con.sql(  # type: ignore[attr-defined]
        "SELECT table_name FROM duckdb_tables() UNION ALL "
        "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1"
    ).fetchall()
    return {n: con.sql(f'SELECT count(*) FROM "{n}"').fetchall()[0][0] for (n,) in names}  # type: ignore[attr-defined]


def check(folder: Path) -> int:
    import duckdb

    expected = json.loads((folder / COUNTS).read_text(encoding="utf-8"))
    failures = []
    for name, counts in sorted(expected.items()):
        with duckdb.connect(str(folder / name), read_only=True) as con:
            got = relation_counts(con)
            keys = {
                r[0]
                for r in con.sql(
                    "SELECT constraint_type FROM duckdb_constraints() WHERE constraint_type LIKE '%KEY'"
                ).fetchall()
            }
        if got != counts:
            failures.append(f"{name}: rows {got} != {counts}")
        if keys != {"PRIMARY KEY", "FOREIGN KEY"}:
            failures.append(f"{name}: keys {sorted(keys)}")
        print(f"duckdb {duckdb.__version__} opened {name}: {len(got)} tables and views, keys {sorted(keys)}")
    for failure in failures:
        print(f"FAILED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    command, where = sys.argv[1], Path(sys.argv[2])
    if command == "write":
        write(where)
        sys.exit(0)
    sys.exit(check(where))
